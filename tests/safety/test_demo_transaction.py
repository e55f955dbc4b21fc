"""`rollout demo` writes its files in one transaction (issue 13 leftovers, item 3).

A demo that dies before the commit point leaves no workspace file, only its list and the
transaction's own temporary files, and `--force` replaces it; a temporary file of a name
the demo does not list is still someone else's and is refused.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from rollout.demo import write_demo
from rollout.errors import UsageError, WriteError
from rollout.workspace import load, transaction

DAY = date(2027, 2, 10)


def _killed_demo(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = transaction.atomic_write

    def dies_at_the_journal(path: Path, content: object, **kw: object) -> None:
        if path.name == transaction.JOURNAL:
            raise WriteError("killed")
        real(path, content, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(transaction, "atomic_write", dies_at_the_journal)
    monkeypatch.setattr(transaction.os, "unlink", lambda _path: None)  # as if killed: temp files stay
    with pytest.raises(WriteError):
        write_demo(root, teams=1, today=DAY)
    monkeypatch.undo()


def test_a_demo_killed_before_its_commit_point_is_replaced_with_force(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "demo"
    _killed_demo(root, monkeypatch)
    left = [p for p in root.rglob("*") if p.is_file() and ".rollout" not in p.parts]
    assert left and all(p.name.startswith(".") and p.name.endswith(".tmp") for p in left)
    assert not (root / "rollout.yaml").exists()
    write_demo(root, teams=1, today=DAY, force=True)
    assert load(root).settings.organization
    assert not [p for p in root.rglob("*.tmp")]


def test_a_temp_file_the_demo_does_not_list_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "demo"
    _killed_demo(root, monkeypatch)
    (root / ".notes.txt.abc123.tmp").write_text("mine")
    with pytest.raises(UsageError, match=r"\.notes\.txt\.abc123\.tmp"):
        write_demo(root, teams=1, today=DAY, force=True)
    assert (root / ".notes.txt.abc123.tmp").read_text() == "mine"

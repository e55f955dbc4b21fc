"""`rollout init` writes its files in one transaction (issue 13 leftovers, item 3).

A crash before the commit point leaves no workspace file (only the tool's own dot files),
so `init` can simply run again; after it, the next load finishes the change.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from rollout.errors import WriteError
from rollout.workspace import load, transaction
from rollout.workspace.create import create_workspace

DAYS = (date(2027, 1, 1), date(2027, 3, 31))


def test_a_crash_before_the_commit_point_leaves_no_workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "acme"

    def full_disk(path: Path, content: object, **_kw: object) -> None:
        raise WriteError(f"could not write {path}: No space left on device")

    monkeypatch.setattr(transaction, "atomic_write", full_disk)  # the journal, i.e. the commit point
    with pytest.raises(WriteError, match="nothing was changed"):
        create_workspace(root, "Acme", "2027-Q1", *DAYS)
    monkeypatch.undo()
    assert [p.name for p in root.iterdir() if not p.name.startswith(".")] == []
    create_workspace(root, "Acme", "2027-Q1", *DAYS)  # runs again
    assert load(root).settings.organization == "Acme"


def test_a_crash_after_the_commit_point_is_finished_by_the_next_load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "acme"
    monkeypatch.setattr(transaction, "recover", lambda _root: 0)  # dies right after the journal
    create_workspace(root, "Acme", "2027-Q1", *DAYS)
    monkeypatch.undo()
    assert not (root / "rollout.yaml").exists()
    ws = load(root)
    assert ws.settings.organization == "Acme" and "2027-Q1" in ws.cycles

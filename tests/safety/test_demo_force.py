"""`rollout demo DIR --force` deletes only a demo the tool wrote (issue 13, item 1)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from rollout.demo import write_demo
from rollout.errors import UsageError

DAY = date(2027, 2, 10)


def _demo(root: Path) -> None:
    write_demo(root, teams=1, today=DAY)


def test_force_replaces_a_demo_it_wrote(tmp_path: Path) -> None:
    root = tmp_path / "demo"
    _demo(root)
    (root / "people.yaml").write_text("people: []\n")  # edited by hand: still the demo's file
    write_demo(root, teams=1, today=DAY, force=True)
    assert "people: []" not in (root / "people.yaml").read_text()


def test_force_refuses_a_folder_with_other_files(tmp_path: Path) -> None:
    root = tmp_path / "demo"
    _demo(root)
    (root / "notes.txt").write_text("mine")
    (root / ".git").mkdir()
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    before = sorted(p.relative_to(root).as_posix() for p in root.rglob("*"))
    with pytest.raises(UsageError, match=r"did not write \(\.git/HEAD, notes\.txt\)"):
        write_demo(root, teams=1, today=DAY, force=True)
    assert sorted(p.relative_to(root).as_posix() for p in root.rglob("*")) == before


def test_force_refuses_any_folder_not_made_by_demo(tmp_path: Path) -> None:
    root = tmp_path / "mine"
    root.mkdir()
    (root / "rollout.yaml").write_text("version: 1\norganization: Mine\n")
    (root / "thesis.md").write_text("years of work")
    with pytest.raises(UsageError, match="not written by `rollout demo`"):
        write_demo(root, teams=1, today=DAY, force=True)
    assert (root / "thesis.md").read_text() == "years of work"
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "a.txt").write_text("a")
    with pytest.raises(UsageError):
        write_demo(plain, teams=1, today=DAY, force=True)
    assert (plain / "a.txt").exists()


def test_force_refuses_a_file_drafted_after_the_demo(tmp_path: Path) -> None:
    root = tmp_path / "demo"
    _demo(root)
    drafted = next((root / "okrs").iterdir()) / "extra-team.yaml"
    drafted.write_text("objectives: []\n")
    with pytest.raises(UsageError, match="extra-team.yaml"):
        write_demo(root, teams=1, today=DAY, force=True)
    assert drafted.exists()

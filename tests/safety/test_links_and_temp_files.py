"""Nothing is read or written through a link out of the workspace; stale temp files go (issue 13, items 8, 13)."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from rollout.errors import LoadError, WriteError
from rollout.workspace import layout, load
from rollout.workspace.editing import append
from rollout.workspace.models import CheckInFile
from tests.conftest import WorkspaceFactory

CHECKIN = {"kr": "sales-pipeline-kr1", "date": date(2027, 1, 18), "value": 2.5}


def _outside(tmp_path: Path, text: str) -> Path:
    secret = tmp_path / "outside" / "secret.yaml"
    secret.parent.mkdir(exist_ok=True)
    secret.write_text(text)
    return secret


def test_a_workspace_file_linked_outside_is_neither_read_nor_published(
    make_ws: WorkspaceFactory, tmp_path: Path
) -> None:
    root = make_ws()
    okrs = root / "okrs/2027-Q1/sales.yaml"
    secret = _outside(tmp_path, okrs.read_text().replace("Build a pipeline", "SECRET pipeline"))
    okrs.unlink()
    okrs.symlink_to(secret)
    with pytest.raises(LoadError) as info:
        load(root)
    text = info.value.render()
    assert f"okrs/2027-Q1/sales.yaml: {layout.OUTSIDE}" in text
    assert "SECRET" not in text


def test_a_folder_linked_outside_is_refused(make_ws: WorkspaceFactory, tmp_path: Path) -> None:
    root = make_ws()
    outside = tmp_path / "elsewhere"
    (root / "checkins/2027-Q1").rename(outside)
    (root / "checkins/2027-Q1").symlink_to(outside, target_is_directory=True)
    with pytest.raises(LoadError, match="1 problem") as info:
        load(root)
    assert f"checkins/2027-Q1: {layout.OUTSIDE}" in info.value.render()


def test_a_link_inside_the_workspace_is_read(make_ws: WorkspaceFactory) -> None:
    root = make_ws()
    (root / "shared").mkdir()
    (root / "people.yaml").rename(root / "shared/people.yaml")
    (root / "people.yaml").symlink_to(root / "shared/people.yaml")
    assert "ana" in load(root).people


def test_a_check_in_is_never_written_through_a_link(make_ws: WorkspaceFactory, tmp_path: Path) -> None:
    root = make_ws()
    target = root / "checkins/2027-Q1/sales.yaml"
    secret = _outside(tmp_path, target.read_text())
    target.unlink()
    target.symlink_to(secret)
    before = secret.read_text()
    with pytest.raises(WriteError, match="symbolic link"):
        append(root, "checkins/2027-Q1/sales.yaml", "checkins", [CHECKIN], model=CheckInFile)
    assert target.is_symlink() and secret.read_text() == before


def test_no_write_into_a_folder_linked_outside(make_ws: WorkspaceFactory, tmp_path: Path) -> None:
    root = make_ws()
    outside = tmp_path / "reviews-elsewhere"
    outside.mkdir()
    (root / "reviews").symlink_to(outside, target_is_directory=True)
    with pytest.raises(WriteError, match="leads out of"):
        append(root, "reviews/2027-Q1/sales.yaml", "monthly", [{"date": date(2027, 1, 20), "notes": "x"}])
    assert not any(outside.rglob("*"))


def test_a_state_folder_linked_outside_is_not_used(make_ws: WorkspaceFactory, tmp_path: Path) -> None:
    root = make_ws()
    outside = tmp_path / "state-elsewhere"
    outside.mkdir()
    (root / ".rollout").symlink_to(outside, target_is_directory=True)
    load(root)  # reads fine, without a cache
    with pytest.raises(WriteError, match="symbolic link"):
        append(root, "checkins/2027-Q1/sales.yaml", "checkins", [CHECKIN], model=CheckInFile)
    assert not any(outside.rglob("*"))


def test_stale_temp_files_are_removed_on_the_next_write(make_ws: WorkspaceFactory) -> None:
    root = make_ws()
    folder = root / "checkins/2027-Q1"
    stale = folder / ".sales.yaml.k1ll3d.tmp"
    stale.write_text("half a write")
    other = folder / ".notes.txt.tmp"  # not our pattern for this file
    other.write_text("mine")
    old = os.stat(stale).st_mtime - 3600
    os.utime(stale, (old, old))
    append(root, "checkins/2027-Q1/sales.yaml", "checkins", [CHECKIN], model=CheckInFile)
    assert not stale.exists() and other.exists()
    assert ".*.tmp" in layout.GITIGNORE.splitlines()

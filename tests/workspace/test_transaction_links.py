"""The one multi-file writer never writes through a link that leads out of the workspace (issue 13 leftovers, item 2).

A file link and a folder link, each as the only file of a transaction and as one of several:
the transaction is refused naming the path, nothing is written anywhere (inside or outside),
and the outside file keeps its bytes. A journal that names a place outside is not followed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rollout.errors import WriteError
from rollout.workspace import transaction
from rollout.workspace.models import CheckInFile, PeopleFile
from tests.conftest import WorkspaceFactory

CHECKIN = {"kr": "sales-pipeline-kr1", "date": "2027-01-18", "value": 2.4}


def snapshot(*folders: Path) -> dict[str, bytes]:
    return {
        str(p): p.read_bytes()
        for folder in folders
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.is_symlink() and ".rollout" not in p.parts
    }


@pytest.mark.parametrize("with_other_file", [False, True], ids=["alone", "with another file"])
def test_a_file_link_out_of_the_workspace_is_refused(
    make_ws: WorkspaceFactory, tmp_path: Path, with_other_file: bool
) -> None:
    root = make_ws()
    outside = tmp_path / "outside"
    outside.mkdir()
    target = outside / "sales.yaml"
    target.write_text((root / "checkins/2027-Q1/sales.yaml").read_text())
    (root / "checkins/2027-Q1/sales.yaml").unlink()
    (root / "checkins/2027-Q1/sales.yaml").symlink_to(target)
    before = snapshot(root, outside)
    refused = pytest.raises(WriteError, match=r"checkins/2027-Q1/sales\.yaml.*symbolic link")
    with refused, transaction.Transaction(root) as tx:
        if with_other_file:
            with tx.edit("people.yaml", model=PeopleFile) as doc:
                doc["people"].append({"id": "cy", "name": "Cy Young"})
        with tx.edit("checkins/2027-Q1/sales.yaml", model=CheckInFile) as doc:
            doc["checkins"].append(CHECKIN)
        tx.commit()
    assert snapshot(root, outside) == before
    assert (root / "checkins/2027-Q1/sales.yaml").is_symlink()
    assert not list(root.rglob(".*.tmp")) and not list(outside.rglob(".*.tmp"))


@pytest.mark.parametrize("with_other_file", [False, True], ids=["alone", "with another file"])
def test_a_folder_link_out_of_the_workspace_is_refused(
    make_ws: WorkspaceFactory, tmp_path: Path, with_other_file: bool
) -> None:
    root = make_ws()
    outside = tmp_path / "outside-q1"
    (root / "checkins/2027-Q1").rename(outside)
    (root / "checkins/2027-Q1").symlink_to(outside, target_is_directory=True)
    before = snapshot(root, outside)
    refused = pytest.raises(WriteError, match=r"checkins/2027-Q1/(sales|mini)\.yaml.*leads out of")
    with refused, transaction.Transaction(root) as tx:
        if with_other_file:
            with tx.edit("people.yaml", model=PeopleFile) as doc:
                doc["people"].append({"id": "cy", "name": "Cy Young"})
        with tx.edit("checkins/2027-Q1/mini.yaml", model=CheckInFile) as doc:  # a new file, behind the link
            doc["checkins"] = [CHECKIN]
        tx.commit()
    assert snapshot(root, outside) == before
    assert not (outside / "mini.yaml").exists() and not list(outside.glob(".*.tmp"))


def test_a_staged_text_behind_a_link_is_refused(make_ws: WorkspaceFactory, tmp_path: Path) -> None:
    root = make_ws()
    outside = tmp_path / "people.yaml"
    outside.write_text((root / "people.yaml").read_text())
    (root / "people.yaml").unlink()
    (root / "people.yaml").symlink_to(outside)
    with pytest.raises(WriteError, match=r"people\.yaml.*symbolic link"), transaction.Transaction(root) as tx:
        tx.replace("people.yaml", outside.read_text(), "people: []\n")
    assert outside.read_text().startswith("people:\n  - id: ana")


def test_a_journal_naming_a_place_outside_is_not_followed(make_ws: WorkspaceFactory, tmp_path: Path) -> None:
    root = make_ws()
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    planted = root / "planted.tmp"
    planted.write_text("overwritten")
    state = root / ".rollout"
    state.mkdir(exist_ok=True)
    (state / transaction.JOURNAL).write_text(json.dumps({"files": [["planted.tmp", "../victim.txt"]]}))
    assert transaction.recover(root) == 0
    assert victim.read_text() == "keep me" and planted.exists()
    assert not (state / transaction.JOURNAL).exists()

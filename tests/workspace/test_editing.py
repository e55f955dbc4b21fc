"""Writing keeps hand-written files intact, is atomic, and never loses a concurrent update."""

from __future__ import annotations

import difflib
import multiprocessing
import os
from datetime import date
from pathlib import Path

import pytest

from rollout.errors import WriteError
from rollout.workspace import load
from rollout.workspace.editing import append, edit
from rollout.workspace.fileio import atomic_write
from rollout.workspace.models import CheckInFile, PeopleFile
from tests.conftest import WorkspaceFactory

HAND_WRITTEN = """\
# Check-ins of Sales, written by hand.
checkins:
    # the first one came late
    -   kr: sales-pipeline-kr1
        date: 2027-01-11
        value: 2.2      # MEUR
        note: "first \\"real\\" week"
        author: ben
"""


def added_and_removed(before: str, after: str) -> tuple[list[str], list[str]]:
    diff = list(difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0))
    added = [line[1:] for line in diff if line.startswith("+") and not line.startswith("+++")]
    removed = [line[1:] for line in diff if line.startswith("-") and not line.startswith("---")]
    return added, removed


def test_appending_changes_only_the_appended_lines(make_ws: WorkspaceFactory) -> None:
    root = make_ws(**{"checkins/2027-Q1/sales.yaml": HAND_WRITTEN})
    record = {"kr": "sales-pipeline-kr1", "date": date(2027, 1, 18), "value": 2.4, "confidence": 7, "author": "ben"}
    append(root, "checkins/2027-Q1/sales.yaml", "checkins", [record], model=CheckInFile)
    after = (root / "checkins/2027-Q1/sales.yaml").read_text()
    added, removed = added_and_removed(HAND_WRITTEN, after)
    assert removed == []
    assert added == [
        "    -   kr: sales-pipeline-kr1",
        "        date: 2027-01-18",
        "        value: 2.4",
        "        confidence: 7",
        "        author: ben",
    ]
    assert [c.value for c in load(root).checkins["sales-pipeline-kr1"]] == [2.2, 2.4]


def test_editing_keeps_comments_order_and_quoting(make_ws: WorkspaceFactory) -> None:
    root = make_ws(
        people_yaml="""
        # Everyone who owns something.
        people:
          - id: ana   # CEO
            name: 'Ana Lima'
            title: "Chief Executive"
          - id: ben
            name: Ben Okoro
        """
    )
    before = (root / "people.yaml").read_text()
    with edit(root, "people.yaml", model=PeopleFile) as doc:
        doc["people"][1]["name"] = "Ben O. Okoro"
    added, removed = added_and_removed(before, (root / "people.yaml").read_text())
    assert removed == ["    name: Ben Okoro"] and added == ["    name: Ben O. Okoro"]


def test_an_invalid_edit_writes_nothing(make_ws: WorkspaceFactory) -> None:
    root = make_ws()
    path = root / "checkins/2027-Q1/sales.yaml"
    before = path.read_bytes()
    with pytest.raises(WriteError, match="checkins\\[1\\].date"):
        append(
            root,
            "checkins/2027-Q1/sales.yaml",
            "checkins",
            [{"kr": "x", "date": "soon", "value": 1}],
            model=CheckInFile,
        )
    assert path.read_bytes() == before


def test_a_crash_during_replace_leaves_the_old_file_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "file.yaml"
    target.write_text("old: true\n")

    def crash(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(WriteError, match="No space left on device"):
        atomic_write(target, "new: true\n")
    assert target.read_text() == "old: true\n"
    assert [p.name for p in tmp_path.iterdir()] == ["file.yaml"]


def test_a_killed_writer_never_leaves_a_half_written_file(tmp_path: Path) -> None:
    target = tmp_path / "big.yaml"
    atomic_write(target, "x: 0\n")
    big = "".join(f"k{i}: {'v' * 200}\n" for i in range(20000))
    process = multiprocessing.get_context("fork").Process(target=_write_forever, args=(target, big))
    process.start()
    seen = set()
    for _ in range(300):
        text = target.read_text()
        assert text in ("x: 0\n", big), "a reader saw a partial file"
        seen.add(len(text))
    process.kill()
    process.join()
    assert target.read_text() in ("x: 0\n", big)


def _write_forever(target: Path, content: str) -> None:
    while True:
        atomic_write(target, content)
        atomic_write(target, "x: 0\n")


def _append_many(root: str, worker: int) -> None:
    for i in range(15):
        record = {"kr": "sales-pipeline-kr1", "date": date(2027, 2, 1), "value": worker * 100 + i}
        append(Path(root), "checkins/2027-Q1/sales.yaml", "checkins", [record], model=CheckInFile)


def test_concurrent_writers_never_lose_an_update(make_ws: WorkspaceFactory) -> None:
    root = make_ws()
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_append_many, args=(str(root), w)) for w in (1, 2, 3)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    values = sorted(c.value for c in load(root).checkins["sales-pipeline-kr1"])
    assert values == sorted([2.2, *(w * 100 + i for w in (1, 2, 3) for i in range(15))])

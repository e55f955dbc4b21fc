"""Appending a check-in changes only the appended lines, whatever the file's indentation (issue 13, item 13)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from rollout.workspace.editing import append
from rollout.workspace.models import CheckInFile

HAND_WRITTEN = {
    "4-space list": """\
checkins:
    -   kr: sales-pipeline-kr1
        date: 2027-01-04
        value: 2.1
        note: |
          first line
            indented more
          last line
""",
    "note indented deeper than its key": """\
# check-ins of sales
checkins:
  - kr: sales-pipeline-kr1
    date: 2027-01-04
    value: 2.1
    note: |
        first line
          indented more
        last line   # not a comment
""",
    "no newline at the end": "checkins:\n  - {kr: sales-pipeline-kr1, date: 2027-01-04, value: 2.1}",
}


@pytest.mark.parametrize("case", sorted(HAND_WRITTEN))
def test_only_lines_are_added(case: str, tmp_path: Path) -> None:
    text = HAND_WRITTEN[case]
    path = tmp_path / "checkins/2027-Q1/sales.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(text)
    record = {"kr": "sales-pipeline-kr1", "date": date(2027, 1, 11), "value": 2.4, "note": "two\nlines"}
    append(tmp_path, "checkins/2027-Q1/sales.yaml", "checkins", [record], model=CheckInFile)
    new = path.read_text()
    assert new.startswith(text)
    assert "2027-01-11" in new[len(text) :]


def test_a_file_that_does_not_end_with_its_list_is_edited_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "reviews/2027-Q1/sales.yaml"
    path.parent.mkdir(parents=True)
    path.write_text("monthly: []\nlessons:\n  - Fewer objectives\n")
    append(tmp_path, "reviews/2027-Q1/sales.yaml", "monthly", [{"date": date(2027, 1, 20), "notes": "ok"}])
    assert "2027-01-20" in path.read_text() and "Fewer objectives" in path.read_text()

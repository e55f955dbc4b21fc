"""Issue 12 / fe20 finding 9: merged XLSX cells read as Excel shows them, in every reader.

One rule (rollout/tabular/reading.py): every cell of a merged range reads the top-left
cell's value, and an error about such a cell names the range. Before, the other cells of
the range read as empty: a check-in took last week's value and today's date, a person
was imported with no department, an objective's other key results had no objective.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from openpyxl import Workbook

from rollout.errors import LoadError
from rollout.flows.checkin_sheet import CHECKIN_COLUMNS
from rollout.tabular import read_table
from rollout.transfer import OKR_COLUMNS
from tests.flows.conftest import call
from tests.metrics.builders import write_workspace


def _xlsx(path: Path, rows: Sequence[Sequence[object]], merged: Sequence[str]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(list(row))
    for span in merged:
        sheet.merge_cells(span)
    book.save(path)
    return path


def test_checkin_sheet_reads_merged_value_and_date(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """fe20: B2:B3 (New value) and E2:E3 (Date) merged: kr2 got last week's value and today."""
    root = write_workspace(
        tmp_path / "ws",
        objectives=[[{}, {}]],
        checkins=[("o1-kr1", "2027-01-11", 30, 6), ("o1-kr2", "2027-01-11", 45, 6)],
    )
    sheet = _xlsx(
        tmp_path / "merged.xlsx",
        [
            ["KR id", "New value", "Confidence", "Note", "Date"],
            ["o1-kr1", 48, 6, "merged", "2027-02-01"],
            ["o1-kr2", None, 7, "same value as above in Excel", None],
        ],
        ["B2:B3", "E2:E3"],
    )
    code, _out, err = call(["checkin", "-w", str(root), "--csv", str(sheet)], capsys)
    assert code == 0, err
    from rollout.workspace import load

    ws = load(root)
    latest = ws.checkins["o1-kr2"][-1]
    assert (latest.value, latest.date.isoformat()) == (48.0, "2027-02-01")  # not 45, not as-of


def test_an_error_in_a_merged_range_names_the_range(tmp_path: Path) -> None:
    sheet = _xlsx(
        tmp_path / "m.xlsx",
        [["KR id", "New value", "Date"], ["o1-kr1", "soon", "2027-02-01"], ["o1-kr2", None, "2027-02-01"]],
        ["B2:B3"],
    )
    table = read_table(sheet, CHECKIN_COLUMNS)
    row = table.rows[1]
    assert row.text("value") == "soon"
    problem = str(row.problem("value", "'soon' is not a number"))
    assert "Sheet!B3" in problem and "merged range B2:B3" in problem and "read from B2" in problem


def test_people_import_fills_a_merged_department(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """fe20: Department C4:C6 merged ("Sales"): Ben's row was read with no department."""
    from datetime import date

    from rollout.workspace.create import create_workspace

    root = tmp_path / "org"
    create_workspace(root, "Larkspur", "2027-Q1", date(2027, 1, 1), date(2027, 3, 31))
    sheet = _xlsx(
        tmp_path / "people-merged.xlsx",
        [
            ["HR export 2026-11"],
            [],
            ["Name", "Email", "Department", "Team", "Manager"],
            ["Ana Lima", "ana@x.io", "Sales", "Field Sales", None],
            ["Ben Okoro", "ben@x.io", None, None, "Ana Lima"],
            ["Cy Dee", "cy@x.io", None, "Inside Sales", "Ana Lima"],
        ],
        ["A1:E1", "C4:C6"],
    )
    code, out, err = call(["org", "import", str(sheet), "-w", str(root), "--dry-run"], capsys)
    assert code == 0, err
    assert "would add Ben Okoro <ben@x.io>, Sales" in out
    assert "would add team Inside Sales (under Sales)" in out


def test_okr_import_reads_an_objective_merged_over_its_key_results(tmp_path: Path) -> None:
    sheet = _xlsx(
        tmp_path / "okrs.xlsx",
        [
            ["Cycle", "Unit", "Objective", "Key result", "Baseline", "Target"],
            ["2027-Q1", "acme", "Become the carrier shippers recommend", "Raise NPS from 40 to 50", 40, 50],
            [None, None, None, "Raise referrals from 10 to 20", 10, 20],
        ],
        ["A2:A3", "B2:B3", "C2:C3"],
    )
    table = read_table(sheet, OKR_COLUMNS)
    assert [r.text("objective") for r in table.rows] == ["Become the carrier shippers recommend"] * 2
    assert [r.text("cycle") for r in table.rows] == ["2027-Q1", "2027-Q1"]


def test_an_empty_merged_range_stays_empty(tmp_path: Path) -> None:
    sheet = _xlsx(
        tmp_path / "e.xlsx",
        [["KR id", "New value", "Note"], ["o1-kr1", 3, None], ["o1-kr2", 4, None]],
        ["C2:C3"],
    )
    table = read_table(sheet, CHECKIN_COLUMNS)
    assert [r.text("note") for r in table.rows] == ["", ""]


def test_merged_ranges_are_found_across_read_chunks(tmp_path: Path) -> None:
    """The range list sits after every row: a sheet larger than one read (1 MB) still finds it."""
    rows: list[list[object]] = [["KR id", "New value", "Note"]]
    rows += [[f"kr-{n}", n, "x" * 40] for n in range(1, 20000)]
    rows += [["last", 1, "merged note"], ["after", 2, None]]
    sheet = _xlsx(tmp_path / "big.xlsx", rows, ["C20001:C20002"])
    assert sheet.stat().st_size > 0
    table = read_table(sheet, CHECKIN_COLUMNS)
    assert table.rows[-1].text("note") == "merged note"


def test_no_merged_range_in_a_sheet_costs_nothing_new(tmp_path: Path) -> None:
    sheet = _xlsx(tmp_path / "plain.xlsx", [["KR id", "New value"], ["o1-kr1", 3]], [])
    table = read_table(sheet, CHECKIN_COLUMNS)
    assert [c.merged for r in table.rows for c in r.cells.values()] == ["", ""]
    with pytest.raises(LoadError):
        read_table(_xlsx(tmp_path / "bad.xlsx", [["nothing"]], ["A1:B1"]), CHECKIN_COLUMNS)


def test_a_value_or_date_taken_from_elsewhere_is_said(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A row without a value keeps the last one, a row without a date takes --date or today: said, never silent."""
    root = write_workspace(tmp_path / "ws", objectives=[[{}, {}]], checkins=[("o1-kr1", "2027-01-11", 30, 6)])
    sheet = tmp_path / "k.csv"
    sheet.write_text("KR id,New value,Confidence\no1-kr1,,5\no1-kr2,4,5\n", encoding="utf-8")
    code, out, err = call(["checkin", "-w", str(root), "--csv", str(sheet)], capsys)
    assert code == 0, err
    assert "1 check-in without a new value keeps the last value" in out
    assert "2 rows without a date are dated 2027-02-15" in out

"""fe21 #7 and #8: a check-in sheet's unit and cycle cells must be the key result's own, and a
bad file lists every problem of every row in one run, through every door that reads check-in
sheets (``checkin --csv``, ``collect``, ``serve --collect``; CSV and XLSX)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.flows.conftest import call
from tests.flows.fe21_ws import HEADER, snapshot, write

F4 = (
    HEADER
    + "sales,2027-Q1,s-a-kr1,Grow pipeline from 10 to 20 deals,19,8,,2027-02-13,ben\n"
    + "Sales,2027-Q1,i-a-kr1,Cut lead backlog,50,8,,2027-02-13,ben\n"
    + "sales,2027-Q2,s-a-kr2,Keep churn,4,,,2027-02-13,ben\n"
)
"""fe21's f4.csv: row 3 names Sales for a key result of Inside Sales; row 4 a cycle that does not exist."""


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return write(tmp_path / "w1")


def _doors(root: Path, sheet: Path, capsys: pytest.CaptureFixture[str]) -> list[tuple[str, int, str]]:
    """(door, exit code, what it said) of ``checkin --csv`` and ``collect`` on ``sheet``.

    A refused file exits 2 from ``checkin --csv`` and 1 from ``collect`` (its table of files
    says which were refused); both exit codes are turned into 2 here."""
    found = []
    for door, args in (
        ("checkin --csv", ["checkin", "-w", str(root), "--csv", str(sheet)]),
        ("collect", ["collect", str(sheet), "-w", str(root)]),
    ):
        code, out, err = call(args, capsys)
        if door == "collect" and code == 1 and "refused; nothing of it was written" in out:
            code = 2
        found.append((door, code, out + err))
    return found


def test_f4_rows_for_another_unit_or_no_cycle_are_refused_at_their_cell(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tmp_path / "f4.csv"
    sheet.write_text(F4, encoding="utf-8")
    before = snapshot(root)
    for door, code, err in _doors(root, sheet, capsys):
        assert code == 2, (door, err)
        assert "f4.csv:3:1: unit: i-a-kr1 belongs to Inside Sales, not Sales" in err, (door, err)
        assert "f4.csv:4:2: cycle: no cycle '2027-Q2'; s-a-kr2 is in cycle 2027-Q1" in err, (door, err)
        assert "f4.csv:2:" not in err  # the good row is not blamed
        assert "Traceback" not in err
    assert snapshot(root) == before


def test_a_cycle_that_exists_but_is_not_the_key_results_is_refused(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cycles = root / "cycles.yaml"
    cycles.write_text(cycles.read_text() + "  - {id: 2027-Q2, start: 2027-04-01, end: 2027-06-30, status: planned}\n")
    sheet = tmp_path / "q2.csv"
    sheet.write_text(HEADER + "inside,2027-Q2,i-a-kr1,,50,8,,2027-02-13,dora\n", encoding="utf-8")
    before = snapshot(root)
    for door, code, err in _doors(root, sheet, capsys):
        assert code == 2 and "q2.csv:2:2: cycle: i-a-kr1 is in cycle 2027-Q1, not 2027-Q2" in err, (door, err)
    assert snapshot(root) == before


def test_a_unit_that_does_not_exist_is_named_with_a_suggestion(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tmp_path / "typo.csv"
    sheet.write_text(HEADER + "Inside Sale,2027-Q1,i-a-kr1,,50,8,,2027-02-13,dora\n", encoding="utf-8")
    code, _out, err = call(["checkin", "-w", str(root), "--csv", str(sheet)], capsys)
    assert code == 2
    assert "typo.csv:2:1: unit: no unit 'Inside Sale'; i-a-kr1 belongs to Inside Sales" in err
    assert "did you mean 'Inside Sales'?" in err


def test_empty_unit_and_cycle_cells_and_ids_or_names_in_any_case_are_accepted(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tmp_path / "ok.csv"
    sheet.write_text(
        HEADER
        + ",,i-a-kr1,,50,8,,2027-02-13,dora\n"  # a person deleted the unit and the cycle
        + "inside,2027-q1,i-a-kr1,,40,8,,2027-02-14,dora\n"  # the unit's id, the cycle in lower case
        + "  INSIDE   sales ,2027-Q1,i-a-kr1,,30,8,,2027-02-15,dora\n",  # the name, spaced and shouted
        encoding="utf-8",
    )
    code, out, err = call(["checkin", "-w", str(root), "--csv", str(sheet)], capsys)
    assert code == 0, err
    assert "3 check-ins" in out


def test_the_sheet_the_tool_writes_reads_back_unchanged(root: Path, tmp_path: Path) -> None:
    """The pre-filled sheet (unit names, cycle ids) passes the unit and cycle check, as CSV and XLSX."""
    from rollout.flows.checkin_sheet import read_checkins, sheet_options, sheet_rows
    from rollout.tabular import write_sheet
    from rollout.workspace import load

    ws = load(root)
    rows = sheet_rows(ws, ws.cycles["2027-Q1"])
    column = rows[0].index("New value")
    for n, row in enumerate(rows[1:], start=1):
        row[column] = n
    for name in ("sheet.csv", "sheet.xlsx"):
        path = tmp_path / name
        write_sheet(path, rows, **(sheet_options(rows) if name.endswith(".xlsx") else {}))
        read = read_checkins(ws, path, day=ws.today)
        assert read.count == 4, name
        assert {key for key in read.files} == {("2027-Q1", "odland"), ("2027-Q1", "sales"), ("2027-Q1", "inside")}


def test_xlsx_rows_are_checked_the_same_way(root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for line in F4.splitlines():
        sheet.append(line.split(","))
    path = tmp_path / "f4.xlsx"
    book.save(path)
    before = snapshot(root)
    for door, code, err in _doors(root, path, capsys):
        assert code == 2, (door, err)
        assert "f4.xlsx:3:1: Sheet!A3 unit: i-a-kr1 belongs to Inside Sales, not Sales" in err, (door, err)
        assert "f4.xlsx:4:2: Sheet!B4 cycle: no cycle '2027-Q2'" in err, (door, err)
    assert snapshot(root) == before


def test_serve_collect_refuses_the_same_rows(root: Path) -> None:
    """``rollout serve --collect`` brings a posted file in through collect_bytes, the door of collect."""
    from rollout.forms.collect import Session, collect_bytes
    from rollout.workspace import load

    before = snapshot(root)
    outcome = collect_bytes(Session(load(root)), "f4.csv", F4.encode("utf-8"))
    assert outcome.result == "refused"
    said = "\n".join(outcome.problems)
    assert "f4.csv:3:1: unit: i-a-kr1 belongs to Inside Sales, not Sales" in said, said
    assert snapshot(root) == before


def test_every_problem_of_the_file_in_one_run(root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """fe21 #8: the date no longer hides the duplicate and the unknown author of the same row."""
    sheet = tmp_path / "f5.csv"
    sheet.write_text(
        HEADER
        + "sales,2027-Q1,s-a-kr2,Keep churn,4,,,2027-02-13,ben\n"
        + "sales,2027-Q1,s-a-kr2,Keep churn,4,,,13/02/2027,nobody\n"  # 13/02 can only be 13 February
        + "sales,2027-Q1,s-a-kr1,,17,eleven,,2027-02-31,nobody\n",  # no such day; bad confidence; unknown
        encoding="utf-8",
    )
    before = snapshot(root)
    for door, code, err in _doors(root, sheet, capsys):
        assert code == 2, (door, err)
        assert "f5.csv:3:3: kr: a second check-in of s-a-kr2 on 2027-02-13 (the first is row 2)" in err, (door, err)
        assert "f5.csv:3:9: author: unknown person 'nobody'" in err, (door, err)
        assert "could be day/month" not in err
        assert "f5.csv:4:8: date: '2027-02-31' is not a day of the calendar" in err, (door, err)
        assert "f5.csv:4:6: confidence:" in err and "f5.csv:4:9: author: unknown person 'nobody'" in err, (door, err)
    assert snapshot(root) == before


def test_an_unknown_key_result_does_not_hide_the_rows_other_cells(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tmp_path / "f6.csv"
    sheet.write_text(HEADER + "sales,2027-Q1,s-a-kr9,,17,eleven,,05/02/2027,nobody\n", encoding="utf-8")
    code, _out, err = call(["checkin", "-w", str(root), "--csv", str(sheet)], capsys)
    assert code == 2
    for cell in ("f6.csv:2:3: kr:", "f6.csv:2:6: confidence:", "f6.csv:2:8: date:", "f6.csv:2:9: author:"):
        assert cell in err, (cell, err)

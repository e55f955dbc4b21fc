"""Check-ins from an organization-wide sheet (CSV or XLSX, per-row dates) and the pre-filled check-in sheet."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from rollout.workspace import load
from tests.transfer.conftest import call, snapshot

SALES, HR = "sales-win-mid-market-kr1", "hr-first-months-kr1"


def test_one_sheet_for_every_unit_with_dates_per_row(
    demo_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tmp_path / "week.csv"
    sheet.write_text(
        f"KR id,New value,Confidence,Note,Date\n{SALES},2.4,7,good week,2026-11-24\n{HR},55%,at risk,,24.11.2026\nhr-first-months-kr2,,,,\n"
    )
    code, out, err = call(["checkin", "-w", str(demo_copy), "--csv", str(sheet)], capsys)
    assert code == 0, err
    assert "Saved 2 check-ins to 2 files; 1 row without a value skipped" in out
    ws = load(demo_copy)
    sales, hr = ws.latest_checkin(SALES), ws.latest_checkin(HR)
    assert sales is not None and (sales.date, sales.value, sales.confidence, sales.note) == (
        date(2026, 11, 24),
        2.4,
        7,
        "good week",
    )
    assert hr is not None and (hr.date, hr.value, hr.confidence) == (
        date(2026, 11, 24),
        55,
        "at_risk",
    )  # a dotted date is day first; another value on a day already checked in is refused (test_checkin_repeats)


def test_each_row_is_checked_against_its_own_date_and_cycle(
    demo_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(demo_copy)
    sheet = tmp_path / "week.csv"
    sheet.write_text(
        "kr,value,date\n"
        f"{SALES},2.4,2026-11-20\n"
        f"{HR},50,2027-05-01\n"  # after the cycle (and its grace days)
        "cs-c-faster-answers-kr1,3,2026-09-01\n"  # a closed cycle
        f"{SALES},2.5,2026-11-20\n"  # twice on one day
        "nope-kr9,1,\n"
    )
    code, _out, err = call(["checkin", "-w", str(demo_copy), "--csv", str(sheet)], capsys)
    assert code == 2
    assert "week.csv:3:3: date: check-in date 2027-05-01 is outside cycle 2026-Q4" in err
    assert "week.csv:4:1: kr: cs-c-faster-answers-kr1 is in cycle 2026-Q3, which is closed" in err
    assert f"week.csv:5:1: kr: a second check-in of {SALES} on 2026-11-20 (the first is row 2)" in err
    assert "week.csv:6:1: kr: no key result 'nope-kr9' in the workspace" in err
    assert snapshot(demo_copy) == before


def test_unit_limits_the_sheet(demo_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sheet = tmp_path / "week.csv"
    sheet.write_text(f"kr,value\n{SALES},2.4\n")
    code, _out, err = call(["checkin", "hr", "-w", str(demo_copy), "--csv", str(sheet)], capsys)
    assert code == 2 and f"{SALES} is a key result of sales; leave out UNIT" in err


def test_utf16_sheet_and_percentages_checked_against_the_unit(
    demo_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tmp_path / "week.csv"
    sheet.write_bytes(f"kr\tvalue\n{SALES}\t40%\n".encode("utf-16"))  # Excel's "Unicode text"
    code, _out, err = call(["checkin", "-w", str(demo_copy), "--csv", str(sheet)], capsys)
    assert code == 2 and f"40% is a percentage, but {SALES} is measured in EUR millions" in err
    sheet.write_bytes(f"kr\tvalue\n{SALES}\t2,6\n".encode("utf-16"))
    code, _out, err = call(["checkin", "-w", str(demo_copy), "--csv", str(sheet)], capsys)
    assert code == 0, err
    latest = load(demo_copy).latest_checkin(SALES)
    assert latest is not None and latest.value == 2.6


def test_prefilled_xlsx_sheet_round_trip(demo_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_path = tmp_path / "checkin.xlsx"
    code, out, err = call(["checkin", "-w", str(demo_copy), "--sheet", str(out_path)], capsys)
    assert code == 0, err
    ws = load(demo_copy)
    count = sum(len(o.key_results) for o in ws.objectives_in("2026-Q4"))
    assert f"Wrote {count} key results of 2026-Q4" in out
    with zipfile.ZipFile(out_path) as archive:
        assert b"dataValidation" in archive.read("xl/worksheets/sheet1.xml")  # the confidence drop-down
    book = load_workbook(out_path)
    sheet = book.active
    header = [c.value for c in sheet[1]]
    assert header[:9] == [
        "Unit",
        "Objective",
        "Key result",
        "Unit of measure",
        "Last value",
        "New value",
        "Confidence",
        "Note",
        "Date",
    ]
    assert sheet["F1"].fill.start_color.rgb.endswith("FFF2CC")  # the columns to fill in stand out
    rows = {r[13]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    last = ws.latest_checkin(HR)
    assert last is not None and rows[HR][4] == last.value and rows[HR][9] == last.date.isoformat()
    for number, row in enumerate(sheet.iter_rows(min_row=2), start=2):
        if row[13].value == HR:
            sheet.cell(number, 6, 0.6).number_format = "0%"  # typed as 60% in Excel
            sheet.cell(number, 7, "on track")
            note = sheet.cell(number, 8, "=not a formula")
            note.data_type = "s"  # text typed with a leading ' in Excel
    book.save(out_path)
    code, out, err = call(["checkin", "-w", str(demo_copy), "--csv", str(out_path)], capsys)
    assert code == 0, err
    assert "Saved 1 check-in to 1 file" in out
    latest = load(demo_copy).latest_checkin(HR)
    assert latest is not None and (latest.value, latest.confidence, latest.note) == (60, "on_track", "=not a formula")


def test_prefilled_csv_for_one_unit_neutralises_formulas(
    demo_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_path = tmp_path / "hr.csv"
    assert call(["checkin", "hr", "-w", str(demo_copy), "--sheet", str(out_path)], capsys)[0] == 0
    lines = out_path.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("Unit,Objective,Key result,Unit of measure,Last value,New value") and all(
        ln.startswith("People & HR,") for ln in lines[1:]
    )
    code, _out, err = call(["checkin", "-w", str(demo_copy), "--sheet", str(demo_copy / "okrs" / "x.csv")], capsys)
    assert code == 2 and "inside the workspace's data" in err


def test_within_one_unit_the_end_of_an_id_will_do(
    demo_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tmp_path / "hr.csv"
    sheet.write_text("kr,value\nkr1,41\nkr99,1\n")
    code, _out, err = call(["checkin", "hr", "-w", str(demo_copy), "--csv", str(sheet)], capsys)
    assert code == 2 and "hr.csv:3:1: kr: no key result 'kr99' here" in err
    sheet.write_text("kr,value\nfirst-months-kr1,41\n")
    code, _out, err = call(["checkin", "hr", "-w", str(demo_copy), "--csv", str(sheet)], capsys)
    assert code == 0, err
    latest = load(demo_copy).latest_checkin(HR)
    assert latest is not None and latest.value == 41

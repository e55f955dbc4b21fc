"""Fresh-eyes faults of check-ins read from a sheet, filled in as a team fills it in Excel."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from rollout.flows.checkin import parse_confidence
from rollout.workspace import load
from tests.transfer.conftest import call, snapshot

SALES, HR = "sales-win-mid-market-kr1", "hr-first-months-kr1"  # measured in "EUR millions" and "%"


def _sheet(path: Path, *rows: list[object]) -> Path:
    book = Workbook()
    book.active.title = "Check-in"
    book.active.append(["KR id", "New value", "Confidence", "Note", "Date"])
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


@pytest.mark.parametrize(("text", "expected"), [("8/10", 8), ("8 / 10", 8), ("7 out of 10", 7), ("10/10", 10)])
def test_a_confidence_out_of_ten_is_read(text: str, expected: int) -> None:
    assert parse_confidence(text) == expected


@pytest.mark.parametrize("text", ["11/10", "8/5", "high", "80%"])
def test_other_confidences_are_still_refused(text: str) -> None:
    with pytest.raises(ValueError, match="is not a confidence"):
        parse_confidence(text)


def test_a_value_with_its_unit_of_measure_and_a_confidence_of_8_10(
    demo_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = _sheet(tmp_path / "week.xlsx", [SALES, "2.4 EUR millions", "8/10", "two deals", "24.11.2026"], [HR])
    code, out, err = call(["checkin", "-w", str(demo_copy), "--csv", str(sheet)], capsys)
    assert code == 0, err
    # the written files come in their own sentence, not after "skipped:"
    assert "Saved 1 check-in to 1 file; 1 row without a value skipped. Wrote checkins/" in out
    sales = load(demo_copy).latest_checkin(SALES)
    assert sales is not None and (sales.date, sales.value, sales.confidence) == (date(2026, 11, 24), 2.4, 8)


def test_other_units_a_date_made_by_excel_and_a_missing_date_are_explained(
    demo_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(demo_copy)
    sheet = _sheet(
        tmp_path / "week.xlsx",
        [SALES, "2.4 apples", 7, None, "24.11.2026"],
        [HR, 50, datetime(2026, 8, 10), None, "25.11.2026"],  # Excel made 8/10 a date
        [HR, 51, 7],  # no date: --date is outside the cycle
    )
    code, _out, err = call(["checkin", "-w", str(demo_copy), "--csv", str(sheet), "--date", "2030-01-01"], capsys)
    assert code == 2
    assert "week.xlsx:2:2: 'Check-in'!B2 New value: '2.4 apples'" in err
    assert "'Check-in'!C3 Confidence: 2026-08-10 is a date (Excel reads 8/10 as one); type the number alone" in err
    assert (
        "week.xlsx:4:5: 'Check-in'!E4 Date: no date in the row, so --date or today is used: check-in date 2030-01-01"
        in err
    )
    assert "Traceback" not in err
    assert snapshot(demo_copy) == before

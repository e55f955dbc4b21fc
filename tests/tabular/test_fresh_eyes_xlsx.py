"""Fresh-eyes faults of the XLSX reader: workbooks as an HR lead keeps them."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from rollout.errors import LoadError
from rollout.tabular import Columns, read_table
from rollout.tabular.cells import sheet_name

COLUMNS = Columns({"cycle": [], "unit": [], "objective": [], "baseline": ["Start value"]}, required=("cycle", "unit"))


def test_a_read_me_sheet_in_front_is_passed_over(tmp_path: Path) -> None:
    book = Workbook()
    book.active.title = "Read me"
    book.active["A1"] = "Instructions: fill the OKR sheet"
    okrs = book.create_sheet("OKRs Q1 (draft)")
    okrs.append(["Acme OKRs"])
    okrs.append(["Cycle", "Unit", "Objective", "Start value"])
    okrs.append(["2027-Q1", "Sales", "Win", "x"])
    book.save(tmp_path / "okrs.xlsx")
    table = read_table(tmp_path / "okrs.xlsx", COLUMNS)
    assert table.sheet == "OKRs Q1 (draft)"
    assert [r.cells["unit"].text for r in table.rows] == ["Sales"]
    assert table.problem(3, "baseline", "bad").field == "'OKRs Q1 (draft)'!D3 Start value"


def test_no_sheet_with_the_header_names_the_first_sheet(tmp_path: Path) -> None:
    book = Workbook()
    book.active.title = "Read me"
    book.active["A1"] = "hello"
    book.create_sheet("Summary")["A1"] = "totals"
    book.save(tmp_path / "okrs.xlsx")
    with pytest.raises(LoadError) as caught:
        read_table(tmp_path / "okrs.xlsx", COLUMNS)
    assert "missing required columns: cycle, unit in sheet 'Read me' (found: hello)" in caught.value.render()


def test_an_empty_first_sheet_names_the_sheet(tmp_path: Path) -> None:
    book = Workbook()
    book.active.title = "Blank"
    book.save(tmp_path / "okrs.xlsx")
    with pytest.raises(LoadError) as caught:
        read_table(tmp_path / "okrs.xlsx", COLUMNS)
    assert "the sheet Blank is empty" in caught.value.render()


@pytest.mark.parametrize(
    ("title", "shown"),
    [("OKRs", "OKRs"), ("Sheet1", "Sheet1"), ("Read me", "'Read me'"), ("Bob's", "'Bob''s'"), ("2027", "'2027'")],
)
def test_sheet_names_are_quoted_as_excel_quotes_them(title: str, shown: str) -> None:
    assert sheet_name(title) == shown

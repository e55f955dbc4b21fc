"""The shared spreadsheet reader: encodings, delimiters, title rows, Excel number formats, broken files."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from rollout.errors import LoadError, UsageError
from rollout.tabular import (
    Columns,
    NumberError,
    cell_date,
    cell_number,
    csv_text,
    parse_date,
    parse_number,
    read_table,
    xlsx_bytes,
)

COLUMNS = Columns(
    {"name": ["Full name"], "value": ["Amount"], "due": ["Due date"], "key_result": ["Key result", "KR"]},
    required=("name",),
)


def rows(table):  # type: ignore[no-untyped-def]
    return [{k: c.text for k, c in r.cells.items()} for r in table.rows]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252", "utf-32"])
def test_encodings_are_detected(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "people.csv"
    path.write_bytes("Full name,Amount\nJosé Müller,1\n".encode(encoding))
    table = read_table(path, COLUMNS)
    assert rows(table) == [{"name": "José Müller", "value": "1"}]


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_delimiters_are_sniffed_and_title_rows_skipped(tmp_path: Path, delimiter: str) -> None:
    path = tmp_path / "people.csv"
    lines = [
        "OKRs of Q1, 2027; draft",
        "",
        delimiter.join(["KR", "Full_Name ", "AMOUNT"]),
        delimiter.join(["x", "Ana", "2"]),
    ]
    path.write_text("\n".join(lines) + "\n")
    table = read_table(path, COLUMNS)
    assert table.delimiter == delimiter and table.header_row == 3
    assert table.rows[0].number == 4 and rows(table) == [{"key_result": "x", "name": "Ana", "value": "2"}]
    assert table.decimal == ("," if delimiter == ";" else ".")


def test_unknown_and_duplicate_columns_are_errors_with_a_suggestion(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text("name,Full name,amuont\nAna,Ana,1\n")
    with pytest.raises(LoadError) as caught:
        read_table(path, COLUMNS)
    text = caught.value.render()
    assert "columns 1 and 2 both mean name" in text
    assert "unknown column 'amuont' (did you mean 'value'?)" in text


def test_missing_required_column_is_named(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text("amount\n1\n")
    with pytest.raises(LoadError, match="1 problem") as caught:
        read_table(path, COLUMNS)
    assert "missing required column: name" in caught.value.render()


def test_cell_over_the_csv_field_limit_is_a_clean_error(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text('name\n"' + "x" * 140_000 + '"\n')
    with pytest.raises(LoadError) as caught:
        read_table(path, COLUMNS)
    assert "p.csv:2:1: cannot read the CSV: a cell is longer than 131,072 characters" in caught.value.render()


def test_unknown_extension_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "p.ods"
    path.write_text("x")
    with pytest.raises(UsageError, match="use a .csv or .xlsx"):
        read_table(path, COLUMNS)


@pytest.mark.parametrize(
    ("text", "decimal", "expected"),
    [
        ("1,000", ".", (1000.0, "")),
        ("1,000.5", ".", (1000.5, "")),
        ("20%", ".", (20.0, "%")),
        ("1.000,5", ",", (1000.5, "")),
        ("1.000", ",", (1000.0, "")),
        ("12,5", ",", (12.5, "")),
        ("12,5", ".", (12.5, "")),
        ("1 000 000", ".", (1e6, "")),
        ("1\u00a0000,25", ",", (1000.25, "")),
        ("-3.5", ".", (-3.5, "")),
        ("'-3", ".", (-3.0, "")),
        ("1.000.000", ",", (1e6, "")),
    ],
)
def test_numbers(text: str, decimal: str, expected: tuple[float, str]) -> None:
    assert parse_number(text, decimal=decimal) == expected


@pytest.mark.parametrize("text", ["1,00,000", "1.2.3", "twelve", "12 apples", "", "%", "1,000,00", "nan", "inf"])
def test_not_numbers(text: str) -> None:
    with pytest.raises(NumberError):
        parse_number(text)


def test_dates() -> None:
    assert parse_date("2027-03-31") == date(2027, 3, 31)
    assert parse_date("2027-03-31 00:00:00") == date(2027, 3, 31)
    assert parse_date("31.03.2027") == date(2027, 3, 31)
    assert parse_date("46477") == date(2027, 3, 31)  # an Excel serial in a CSV
    assert parse_date("30/06/2027", order="DMY") == date(2027, 6, 30)
    assert parse_date("06/30/2027", order="MDY") == date(2027, 6, 30)
    with pytest.raises(NumberError) as caught:
        parse_date("05/06/2027")  # a day both ways (30/06/2027 has one reading: tests/flows/test_fe21_dates.py)
    assert "--date-format DD/MM/YYYY" in caught.value.hint and "YYYY-MM-DD" in caught.value.hint
    with pytest.raises(NumberError):
        parse_date("31.02.2027")


def test_xlsx_cells_read_as_excel_shows_them(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "OKRs"
    sheet.append(["Quarterly OKRs"])  # a title row
    sheet.append(["Full name", "Amount", "Due date"])
    sheet.append(["Ana", 0.25, date(2027, 3, 31)])
    sheet["B3"].number_format = "0%"
    sheet.append(["Ben", 1234.5, 46477])
    sheet["B4"].number_format = "#,##0.0"
    sheet.append(["Cy", 0.075, None])
    sheet["B5"].number_format = "0.0%"
    path = tmp_path / "s.xlsx"
    book.save(path)
    table = read_table(path, COLUMNS)
    assert table.header_row == 2 and table.sheet == "OKRs"
    ana, ben, cy = table.rows
    assert cell_number(ana.cells["value"], table) == (25.0, "%") and ana.cells["value"].text == "25%"
    assert cell_date(ana.cells["due"]) == date(2027, 3, 31)
    assert cell_number(ben.cells["value"], table) == (1234.5, "")
    assert cell_date(ben.cells["due"]) == date(2027, 3, 31)
    assert cell_number(cy.cells["value"], table) == (7.5, "%")
    assert ana.problem("value", "x").field == "OKRs!B3 Amount"


def test_formula_without_stored_value_names_the_cell(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["name", "value"])
    sheet.append(["Ana", "=10*2"])
    path = tmp_path / "f.xlsx"
    book.save(path)  # openpyxl stores no result for formulas, like many generators
    with pytest.raises(LoadError) as caught:
        read_table(path, COLUMNS)
    assert "f.xlsx:2:2: Sheet!B2 value: formula =10*2 has no stored result" in caught.value.render()


def _xlsx_with_sheet_xml(tmp_path: Path, xml: bytes) -> Path:
    good = tmp_path / "good.xlsx"
    good.write_bytes(xlsx_bytes([["name"], ["Ana"]]))
    bad = tmp_path / "bad.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            dst.writestr(item, xml if item.filename == "xl/worksheets/sheet1.xml" else data)
    return bad


BOMB = b"""<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>&c;</t></is></c></row></sheetData></worksheet>"""
EXTERNAL = b"""<?xml version="1.0"?><!DOCTYPE l [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>&x;</t></is></c></row></sheetData></worksheet>"""


@pytest.mark.parametrize(
    ("xml", "reason"),
    [
        (BOMB, "declares XML entities"),
        (EXTERNAL, "declares XML entities"),
        (b"<?xml version='1.0'?><worksheet><sheetData><row r='1'><c", "broken XML"),
    ],
)
def test_malformed_xlsx_is_a_clean_error(tmp_path: Path, xml: bytes, reason: str) -> None:
    with pytest.raises(LoadError) as caught:
        read_table(_xlsx_with_sheet_xml(tmp_path, xml), COLUMNS)
    assert reason in caught.value.render()


def test_not_a_zip_is_a_clean_error(tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    path.write_text("name\nAna\n")
    with pytest.raises(LoadError, match="1 problem") as caught:
        read_table(path, COLUMNS)
    assert "not an XLSX workbook" in caught.value.render()


@pytest.mark.parametrize(
    "title", ['=HYPERLINK("http://x","y")', "+1", "-2 people", "@SUM(A1)", "\t=1", "'=1", "''-x", "'plain"]
)
def test_formula_injection_is_neutralised_and_read_back(tmp_path: Path, title: str) -> None:
    csv_path = tmp_path / "t.csv"
    csv_path.write_text(csv_text([["name"], [title]]))
    assert not csv_path.read_text().splitlines()[1].lstrip('"').startswith(("=", "+", "-", "@", "\t"))
    assert read_table(csv_path, COLUMNS).rows[0].text("name") == title.strip()
    xlsx_path = tmp_path / "t.xlsx"
    xlsx_path.write_bytes(xlsx_bytes([["name"], [title]]))
    with zipfile.ZipFile(xlsx_path) as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")
    assert read_table(xlsx_path, COLUMNS).rows[0].text("name") == title.strip()


def test_names_are_normalised_and_typos_found() -> None:
    from rollout.tabular import clean_name, close_names, name_key

    assert clean_name(" Aisha\u00a0\t Khan\x1b[31m\x00 ") == "Aisha Khan[31m"  # no terminal escapes survive
    assert name_key("Aisha  KHAN") == name_key("aisha khan")
    assert close_names("Omar Hadad", ["Omar Haddad", "Ana Lima"]) == ["Omar Haddad"]
    assert close_names("Team A", ["Team B"]) == [] and close_names("Ana Lima", ["ana  lima"]) == []
    assert close_names("Bread Lien", ["Bread Line"]) == close_names("Breadline", ["Bread Line"]) == ["Bread Line"]
    assert close_names("Marketting", ["Marketing", "Market"]) == ["Marketing"]
    for name, other in [
        ("Ana Volkov", "Zara Volkov"),
        ("Team 0001 East", "Team 0000 West"),
        ("Wen Petrov", "Ben Petrov"),
        ("Hana Ali", "Ana Ali"),
    ]:
        assert close_names(name, [other]) == [], (name, other)  # measured false alarms of a plain similarity ratio

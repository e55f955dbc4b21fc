"""Fresh-eyes faults of the CSV reader, each found by a sheet an HR lead would send."""

from __future__ import annotations

from pathlib import Path

from rollout.tabular import Columns, read_table
from rollout.tabular.csvfile import sniff_delimiter

COLUMNS = Columns({"cycle": [], "unit": [], "objective": [], "key_result": ["Key result"], "baseline": []})


def test_a_quoted_line_break_does_not_hide_the_semicolon_delimiter(tmp_path: Path) -> None:
    # Excel for Windows: cp1252, ';', a title row, and a cell with Alt+Enter inside.
    text = (
        "Acme OKRs\r\n"
        "cycle;unit;objective;Key result;baseline\r\n"
        'FY27-Q2;Sales;Caf\xe9 growth;"Multi\r\nline KR";12,5\r\n'
        'FY27-Q2;Sales;Caf\xe9 growth;"Second\r\none";1.000,5\r\n'
    )
    path = tmp_path / "okrs.csv"
    path.write_bytes(text.encode("cp1252"))
    assert sniff_delimiter(text) == ";"
    table = read_table(path, COLUMNS)
    assert [r.cells["key_result"].text for r in table.rows] == ["Multi\r\nline KR", "Second\r\none"]
    assert table.decimal == ","


def test_several_multi_line_cells_in_a_tab_file() -> None:
    text = 'cycle\tunit\tobjective\tKey result\n2027-Q1\tSales\t"A\nB\nC"\t"D\nE"\n2027-Q1\tSales\tF\t"G\nH"\n'
    assert sniff_delimiter(text) == "\t"


def test_a_written_csv_opens_in_excel_as_utf8_and_reads_back(tmp_path: Path) -> None:
    # Without the byte-order mark, Excel for Windows shows "José Müller" as "JosÃ© MÃ¼ller".
    from rollout.tabular import write_sheet

    path = tmp_path / "out.csv"
    write_sheet(path, [["cycle", "unit", "objective"], ["2027-Q1", "José Müller", "=1+2"]])
    assert path.read_bytes().startswith(b"\xef\xbb\xbfcycle,unit,objective\n")
    table = read_table(path, COLUMNS)
    assert [(r.cells["unit"].text, r.cells["objective"].text) for r in table.rows] == [("José Müller", "=1+2")]

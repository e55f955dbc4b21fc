"""Writing sheets safely: CSV text and XLSX workbooks that never carry a live formula.

Formula injection (OWASP, "CSV Injection"): a cell that begins with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return is a formula to Excel and LibreOffice. In CSV such a
text cell gets a leading ``'`` (also one that already begins with ``'`` before such a
character, so the reader can take exactly one ``'`` away and get the original back);
numbers are written as numbers and are never prefixed. In XLSX every text cell is
written as a string cell, never a formula, so no prefix is needed and the text stays as typed.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

_FORMULA_START = re.compile(r"'*[=+\-@\t\r]")

Value = str | float | int | None


def neutralise(text: str) -> str:
    """The CSV form of a text cell: ``=1+2`` → ``'=1+2`` (the reader undoes exactly this)."""
    return "'" + text if _FORMULA_START.match(text) else text


def _csv_value(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, int):
        return str(value)
    return neutralise(value)


def csv_text(rows: Iterable[Sequence[Value]]) -> str:
    """Rows as CSV (comma-separated, ``\\n`` line ends, quoted where needed, text neutralised)."""
    stream = io.StringIO(newline="")
    writer = csv.writer(stream, lineterminator="\n")
    for row in rows:
        writer.writerow([_csv_value(v) for v in row])
    return stream.getvalue()


def xlsx_bytes(
    rows: Sequence[Sequence[Value]],
    *,
    title: str = "Sheet1",
    widths: dict[int, float] | None = None,
    highlight: Sequence[str] = (),
    validations: Sequence[tuple[str, str, str]] = (),
) -> bytes:
    """An XLSX workbook of one sheet; the first row is a bold, frozen header.

    Text is always a string cell (never a formula), without the control characters XLSX
    cannot hold; numbers are number cells in the
    General format, so the sheet shows the values exactly as stored. ``widths``: 1-based
    column → width in characters. ``highlight``: cell ranges to fill pale yellow (the
    columns a person fills in). ``validations``: ``(cell range, list formula, prompt)`` data-validation lists,
    e.g. ``("F2:F200", '"0,1,2"', "0–10")``.
    """
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if value is None or value == "":
                continue
            cell = sheet.cell(row=r, column=c)
            if isinstance(value, str):
                # XLSX cannot hold control characters other than tab and line breaks (openpyxl refuses them).
                value = ILLEGAL_CHARACTERS_RE.sub("", value)
            cell.value = value
            if isinstance(value, str):
                cell.data_type = "s"  # a string, even when it starts with '=' (never a live formula)
            if r == 1:
                cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for column, width in (widths or {}).items():
        from openpyxl.utils import get_column_letter

        sheet.column_dimensions[get_column_letter(column)].width = width
    if highlight:
        from openpyxl.styles import PatternFill

        fill = PatternFill("solid", start_color="FFF2CC")  # the pale yellow of Excel's "Note" style: fill these in
        for cell_range in highlight:
            for row_cells in sheet[cell_range]:
                for cell in row_cells:
                    cell.fill = fill
    for cell_range, formula, prompt in validations:
        validation = DataValidation(type="list", formula1=formula, allow_blank=True, showErrorMessage=True)
        validation.error = prompt
        validation.prompt = prompt
        validation.add(cell_range)
        sheet.add_data_validation(validation)
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def write_sheet(path: Path, rows: Sequence[Sequence[Value]], **xlsx: object) -> None:
    """Write ``rows`` to ``path`` atomically as CSV (UTF-8 with a byte-order mark, for Excel) or XLSX,
    chosen by its extension (.csv, .xlsx).

    Raises UsageError for another extension, a folder that does not exist, or a path that is not a file.
    """
    from rollout.errors import UsageError
    from rollout.workspace.fileio import atomic_write

    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise UsageError(f"{path}: unknown extension {path.suffix or '(none)'}; use .csv or .xlsx")
    # A typo in the folder must not create folders wherever it points (atomic_write makes parents).
    if not path.parent.is_dir():
        raise UsageError(f"{path}: the folder {path.parent} does not exist", hint="create it first, or choose another")
    if path.exists() and not path.is_file():
        raise UsageError(f"{path} is not a file")
    if suffix == ".xlsx":
        atomic_write(path, xlsx_bytes(rows, **xlsx))  # type: ignore[arg-type]
    else:
        # With the UTF-8 byte-order mark, Excel opens the file as UTF-8; without it, Excel for
        # Windows reads it as Windows-1252 and shows "José" as "JosÃ©". The reader skips the mark.
        atomic_write(path, "\ufeff" + csv_text(rows))

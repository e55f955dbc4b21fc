"""The shapes every spreadsheet reader returns: a :class:`Table` of :class:`Row` of :class:`Cell`.

A cell keeps what a person sees (``text``), the typed value a spreadsheet stored
(``value``: a float or a date for XLSX number and date cells, None for CSV text),
and where it is (row number, column number, the column's header, the XLSX cell
reference), so that every error names the exact cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from rollout.errors import Problem


@dataclass(frozen=True)
class Cell:
    """One non-empty cell as Excel shows it.

    ``text``: the displayed text, stripped (a ``0%`` cell holding 0.25 shows ``25%``).
    ``value``: float or date when the spreadsheet stored a number or date (XLSX), else None.
    ``unit``: ``"%"`` when the number format is a percentage (``value`` is then 25.0, not 0.25).
    ``column``: 1-based column number; ``ref``: ``"C5"`` for XLSX, ``""`` for CSV.
    ``merged``: the merged range the cell is part of (``"C4:C6"``), read from its top-left
    cell (:mod:`rollout.tabular.reading`); ``""`` otherwise.
    """

    text: str
    value: float | date | None = None
    unit: str = ""
    column: int = 0
    ref: str = ""
    number_format: str = ""
    merged: str = ""


@dataclass(frozen=True)
class Row:
    """One data row: its 1-based row (XLSX) or line (CSV) number and its cells by canonical column name.

    Blank cells are absent from ``cells``; :meth:`text` gives ``""`` for them.
    """

    number: int
    cells: dict[str, Cell]
    table: Table = field(repr=False, compare=False)

    def text(self, column: str) -> str:
        cell = self.cells.get(column)
        return cell.text if cell is not None else ""

    def __contains__(self, column: str) -> bool:
        return column in self.cells

    def problem(self, column: str, message: str) -> Problem:
        """A :class:`Problem` at this row naming the column's header (and its XLSX cell); a cell
        read from a merged range says so, since its value stands in another cell."""
        cell = self.cells.get(column)
        if cell is not None and cell.merged:
            first = cell.merged.split(":")[0]
            message += f" (the cell is in the merged range {cell.merged}; its value is read from {first})"
        return self.table.problem(self.number, column, message)


@dataclass
class Table:
    """A sheet read through :func:`rollout.tabular.read_table`.

    ``source``: the file name shown in errors; ``kind``: ``"csv"`` or ``"xlsx"``;
    ``sheet``: the XLSX sheet title (``""`` for CSV); ``headers``: canonical column →
    the header text as written; ``positions``: canonical column → 1-based column number;
    ``header_row``: the row number of the header (rows above it were titles);
    ``encoding`` and ``delimiter`` (CSV) and ``decimal``: the decimal mark numbers use
    (``","`` in semicolon-separated files, else ``"."``).
    """

    source: str
    kind: str
    headers: dict[str, str]
    positions: dict[str, int]
    header_row: int = 1
    sheet: str = ""
    encoding: str = ""
    delimiter: str = ""
    decimal: str = "."
    rows: list[Row] = field(default_factory=list)
    extra_columns: list[str] = field(default_factory=list)

    def problem(self, number: int, column: str, message: str) -> Problem:
        label = self.headers.get(column, column)
        position = self.positions.get(column, 0)
        if self.kind == "xlsx" and position:
            from openpyxl.utils import get_column_letter

            label = f"{sheet_name(self.sheet)}!{get_column_letter(position)}{number} {label}"
        return Problem(self.source, number, position, label, message)


def sheet_name(title: str) -> str:
    """A sheet title as Excel writes it in a cell reference: ``OKRs``, ``'Read me'``, ``'Bob''s'``.

    Excel quotes a title that is not a plain word (spaces, punctuation, a leading digit)
    and doubles a quote inside it; openpyxl's ``quote_sheetname`` quotes every title.
    """
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.]*", title):
        return title
    return "'" + title.replace("'", "''") + "'"

"""Spreadsheets in and out: the one door every CSV or XLSX file goes through.

Every command that reads a sheet (``rollout import``, ``rollout checkin --csv``,
``rollout org import``) reads it with :func:`read_table`, which finds the encoding,
delimiter and header row, reads cells as Excel shows them, matches headers against
the caller's :class:`Columns` (synonyms as data) and names the exact cell of any
problem. Numbers and dates are parsed by :mod:`rollout.tabular.numbers` only
(:func:`cell_number`, :func:`cell_date`), names are compared by
:mod:`rollout.tabular.names`, and every sheet the tool writes goes through
:mod:`rollout.tabular.writing` (formula injection neutralised).

Modules: ``cells`` (Table, Row, Cell), ``reading`` (CSV and XLSX), ``headers``
(matching and synonyms), ``numbers`` (number and date rules), ``names`` (normalising,
typos of names), ``writing`` (CSV and XLSX out).
"""

from __future__ import annotations

from rollout.tabular.cells import Cell, Row, Table
from rollout.tabular.headers import Columns, header_key
from rollout.tabular.names import clean_name, close_names, name_key
from rollout.tabular.numbers import DateOrder, NumberError, parse_date, parse_date_order, parse_number
from rollout.tabular.reading import cell_date, cell_number, format_number, read_table
from rollout.tabular.writing import csv_text, neutralise, write_sheet, xlsx_bytes

__all__ = [
    "Cell",
    "Columns",
    "DateOrder",
    "NumberError",
    "Row",
    "Table",
    "cell_date",
    "cell_number",
    "clean_name",
    "close_names",
    "csv_text",
    "format_number",
    "header_key",
    "name_key",
    "neutralise",
    "parse_date",
    "parse_date_order",
    "parse_number",
    "read_table",
    "write_sheet",
    "xlsx_bytes",
]

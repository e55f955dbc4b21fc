"""CSV text: its encoding, its delimiter, and its cells (see :mod:`rollout.tabular.reading`).

The encoding is found from its byte-order mark (UTF-8, UTF-16, UTF-32), else UTF-16
without a mark (every other byte NUL), else UTF-8, else Windows-1252 (what Excel's
plain "CSV" writes on Windows). The delimiter (comma, semicolon or tab) is the one
that splits the first records into the most consistent number of cells. A cell that
begins with ``'`` before ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read
without that ``'`` (the export's formula neutralisation, undone losslessly).
"""

from __future__ import annotations

import codecs
import csv
import io
import re

from rollout.errors import LoadError, Problem
from rollout.tabular.cells import Cell

MAX_ROWS = 200_000
"""Rows beyond this are refused (far above any OKR or HR sheet)."""
_NEUTRALISED = re.compile(r"'+[=+\-@\t\r]")

Grid = list[tuple[int, list[Cell | None]]]
"""A sheet's non-header form: (row number, cells by 1-based column, None where empty)."""


def decode(raw: bytes, name: str) -> tuple[str, str]:
    """The text of a CSV file and the encoding it was read with (see the module doc)."""
    boms = (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    )
    encoding = next((enc for bom, enc in boms if raw.startswith(bom)), "")
    if not encoding and len(raw) >= 4:
        sample = raw[:4096]
        if sample[1::2].count(0) > len(sample) // 4 and sample[0::2].count(0) == 0:
            encoding = "utf-16-le"
        elif sample[0::2].count(0) > len(sample) // 4 and sample[1::2].count(0) == 0:
            encoding = "utf-16-be"
    for candidate in [encoding] if encoding else ["utf-8", "cp1252"]:
        try:
            return raw.decode(candidate), candidate
        except UnicodeDecodeError as exc:
            failure = exc
    line = raw[: failure.start].count(b"\n") + 1
    raise LoadError(
        [Problem(name, line, 0, "", f"cannot read the text ({failure.reason}); save the sheet as CSV UTF-8")],
        what=name,
    )


def sniff_delimiter(text: str) -> str:
    """Comma, semicolon or tab: the one that splits most of the first 20 records into the same number (> 1) of cells.

    Records, not lines: a quoted cell may hold a line break (Excel writes one for
    Alt+Enter), and counting cells per line would split such a row in two.
    """
    sample = text[:_SNIFF_CHARS]
    best, best_key = ",", (0, 0)
    for delimiter in (",", ";", "\t"):
        records = _records_in(sample, delimiter, complete=len(text) <= _SNIFF_CHARS)
        counts = [len(r) for r in records if len(r) > 1]
        if not counts:
            continue
        mode = max(set(counts), key=lambda c: (counts.count(c), c))
        if counts.count(mode) * 2 <= len(records):  # a stray tab or semicolon inside one cell
            continue
        key = (counts.count(mode), mode)
        if key > best_key:
            best, best_key = delimiter, key
    return best


_SNIFF_CHARS = 65_536


def _records_in(sample: str, delimiter: str, *, complete: bool) -> list[list[str]]:
    """The first 20 non-blank records of ``sample`` split by ``delimiter`` (the last one dropped if cut off)."""
    records: list[list[str]] = []
    reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
    try:
        for record in reader:
            if any(cell.strip() for cell in record):
                records.append(record)
            if len(records) > 20:
                break
    except csv.Error:  # a NUL byte or similar: judged on the records read so far
        pass
    if not complete and len(records) <= 20:
        records = records[:-1]
    return records[:20]


def csv_grid(text: str, delimiter: str, name: str) -> Grid:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    grid: Grid = []
    start = 1
    try:
        for values in reader:
            if len(grid) >= MAX_ROWS:
                raise LoadError([Problem(name, start, 0, "", f"more than {MAX_ROWS:,} rows")], what=name)
            cells: list[Cell | None] = []
            for index, value in enumerate(values, start=1):
                if _NEUTRALISED.match(value):
                    value = value[1:]
                stripped = value.strip()
                cells.append(Cell(stripped, column=index) if stripped else None)
            grid.append((start, cells))
            start = reader.line_num + 1
    except csv.Error as exc:
        limit = csv.field_size_limit()
        message = str(exc)
        if "field larger than field limit" in message:
            message = f"a cell is longer than {limit:,} characters"
        raise LoadError([Problem(name, start, 0, "", f"cannot read the CSV: {message}")], what=name) from None
    return grid

"""Reading CSV and XLSX files into a :class:`~rollout.tabular.cells.Table`.

CSV: see :mod:`rollout.tabular.csvfile` (encoding, delimiter, neutralised formulas);
in a semicolon-separated file the decimal mark is the comma.

XLSX: openpyxl in read-only mode; XML is parsed by defusedxml (openpyxl uses it when
installed), so an entity bomb or an external entity is refused before anything
expands. Cells are read as Excel shows them: a ``0%`` cell holding 0.25 is 25 with
unit ``%``; date-formatted cells are dates; a formula cell takes its stored result,
and one without a stored result is an error naming the cell.

Merged cells (one rule for every reader: check-in sheets, people and org imports, OKR
imports): Excel shows a merged range's value across the whole range, and stores it in
its top-left cell only. So every cell of a merged range reads the top-left cell's value
(``C4:C6`` merged and holding "Sales" is "Sales" on rows 4, 5 and 6), and an error about
such a cell names the range (:attr:`Cell.merged`). An empty cell is never filled from
anywhere else: a date or value left out is reported by the reader, not guessed.

Rows above the header (a title, notes) are skipped: the header is the first of the
first ten rows that holds every required column. In a workbook whose first sheet has
no such header (a "Read me" sheet), the first sheet that has one is read.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from pathlib import Path

from rollout.errors import LoadError, Problem, UsageError
from rollout.plural import noun
from rollout.tabular.cells import Cell, Row, Table, sheet_name
from rollout.tabular.csvfile import MAX_ROWS, Grid, csv_grid, decode, sniff_delimiter
from rollout.tabular.headers import Columns, HeaderMatch, match_header, suggest_column
from rollout.tabular.numbers import DateOrder

MAX_BYTES = 50_000_000
"""Files larger than this are refused before they are read (50 MB: far above any OKR or HR sheet)."""
HEADER_SEARCH_ROWS = 10


def read_table(path: Path, columns: Columns, *, source: str | None = None, sheet: str | None = None) -> Table:
    """Read a CSV or XLSX file (by its extension) and match its header against ``columns``.

    Raises :class:`~rollout.errors.UsageError` for a missing file or an unknown extension,
    and :class:`~rollout.errors.LoadError` (every problem with its row and column) for an
    unreadable file, a header without the required columns, unknown or duplicate columns,
    or formula cells without a stored value.
    """
    name = source or path.name
    if not path.is_file():
        raise UsageError(f"no such file: {path}")
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".txt", ".tsv", ".xlsx", ".xlsm"):
        raise UsageError(f"{path}: not a spreadsheet; use a .csv or .xlsx file")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from None
    if size > MAX_BYTES:
        raise LoadError([Problem(name, 0, 0, "", f"the file is larger than {MAX_BYTES // 1_000_000} MB")], what=name)
    if suffix in (".xlsx", ".xlsm"):
        grid, sheet_title, broken, others = _xlsx_grid(path, name, sheet)
        if sheet is None and others and _header(grid, columns) is None:
            # A workbook often opens on a "Read me" or summary sheet: the first sheet that
            # has the header is the one meant; with none, the error names the first sheet.
            for other in others:
                other_grid, other_title, other_broken, _ = _xlsx_grid(path, name, other)
                if _header(other_grid, columns) is not None:
                    grid, sheet_title, broken = other_grid, other_title, other_broken
                    break
        return _build(grid, columns, Table(name, "xlsx", {}, {}, sheet=sheet_title), broken)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from None
    text, encoding = decode(raw, name)
    delimiter = sniff_delimiter(text)
    table = Table(name, "csv", {}, {}, encoding=encoding, delimiter=delimiter, decimal="," if delimiter == ";" else ".")
    return _build(csv_grid(text, delimiter, name), columns, table, {})


def _xlsx_grid(path: Path, name: str, sheet: str | None) -> tuple[Grid, str, dict[tuple[int, int], str], list[str]]:
    """The cells of one sheet (the first when ``sheet`` is None), its title, the formula cells
    that have no stored result (position → formula), and the titles of the other sheets."""
    from openpyxl import load_workbook

    # openpyxl and the XML parser below it raise many unrelated exception types for a broken
    # file (BadZipFile, KeyError, ParseError, defusedxml's EntitiesForbidden, ValueError…);
    # any of them means "this is not a readable workbook".
    try:
        book = load_workbook(path, read_only=True, data_only=False)
        try:
            if sheet is not None and sheet not in book.sheetnames:
                raise UsageError(f"{name} has no sheet {sheet!r} (sheets: {', '.join(book.sheetnames)})")
            worksheet = book[sheet] if sheet is not None else book.worksheets[0]
            title = str(worksheet.title)
            others = [str(t) for t in book.sheetnames if t != title]
            merged = _merged_ranges(worksheet)
            grid: Grid = []
            formulas: dict[tuple[int, int], str] = {}
            for number, row in enumerate(worksheet.iter_rows(), start=1):
                if number > MAX_ROWS:
                    raise LoadError([Problem(name, number, 0, "", f"more than {MAX_ROWS:,} rows")], what=name)
                cells: list[Cell | None] = []
                for index, cell in enumerate(row, start=1):
                    if getattr(cell, "data_type", "") == "f" and cell.value is not None:
                        formulas[(number, index)] = str(cell.value)
                        cells.append(None)
                        continue
                    cells.append(_xlsx_cell(cell.value, getattr(cell, "number_format", "General"), number, index))
                grid.append((number, cells))
        finally:
            book.close()
        broken: dict[tuple[int, int], str] = {}
        if formulas:
            broken = _fill_formula_results(path, title, grid, formulas)
        _fill_merged(grid, merged)
    except (LoadError, UsageError):
        raise
    except Exception as exc:
        raise LoadError([Problem(name, 0, 0, "", f"cannot read as XLSX: {_xlsx_reason(exc)}")], what=name) from None
    return grid, title, broken, others


_MERGE_CELL = re.compile(
    rb"<(?:[A-Za-z_][\w.-]*:)?mergeCell\b[^>]*?\bref=[\"']([A-Z]{1,3}[0-9]+(?::[A-Z]{1,3}[0-9]+)?)[\"']"
)
"""A ``<mergeCell ref="C4:C6"/>`` element (with or without a namespace prefix): see :func:`_merged_ranges`."""


def _merged_ranges(worksheet: object) -> list[tuple[int, int, int, int]]:
    """``(min_col, min_row, max_col, max_row)`` of every merged range of a read-only worksheet.

    openpyxl's read-only worksheet parses ``<mergeCells>`` with the rows and drops it, and
    normal mode (``ws.merged_cells.ranges``) reads a 20,000-row, 5-column sheet in 6.4–8.2 s
    against 4.0 s read-only (medians of 3, shared 2-core machine). A second XML parse for
    ``<mergeCell>`` alone (openpyxl's ``iterparse``) cost 1.4 s more on that sheet, so the
    sheet's bytes are searched for the tag instead (0.09 s): the sheet has just been parsed
    whole by openpyxl's defusedxml reader
    (entities refused), and a ``<`` inside a cell's text is always escaped (``&lt;``), so the
    pattern can only match the element itself.
    """
    from openpyxl.utils.cell import range_boundaries

    source = getattr(worksheet, "_get_source", None)
    if source is None:  # pragma: no cover - every read-only worksheet of openpyxl 3.x has it
        return []
    found: list[bytes] = []
    tail = b""
    with source() as handle:
        while chunk := handle.read(1 << 20):
            text = tail + chunk
            matches = list(_MERGE_CELL.finditer(text))
            found += [m.group(1) for m in matches]
            # keep an unfinished tag for the next chunk (after the last match, at most one tag long)
            cut = max(matches[-1].end() if matches else 0, len(text) - 200)
            tail = text[cut:]
    ranges = []
    for ref in found:
        min_col, min_row, max_col, max_row = range_boundaries(ref.decode("ascii"))
        ranges.append((int(min_col or 1), int(min_row or 1), int(max_col or 1), int(max_row or 1)))
    return ranges


def _fill_merged(grid: Grid, ranges: list[tuple[int, int, int, int]]) -> None:
    """Every cell of a merged range reads its top-left cell (see the module doc)."""
    from dataclasses import replace

    from openpyxl.utils import get_column_letter

    rows = {number: cells for number, cells in grid}
    for min_col, min_row, max_col, max_row in ranges:
        span = f"{get_column_letter(min_col)}{min_row}:{get_column_letter(max_col)}{max_row}"
        top = rows.get(min_row)
        first = top[min_col - 1] if top is not None and len(top) >= min_col else None
        if first is None:
            continue  # an empty merged range: empty cells
        for number in range(min_row, max_row + 1):
            cells = rows.get(number)
            if cells is None:
                continue
            while len(cells) < max_col:
                cells.append(None)
            for column in range(min_col, max_col + 1):
                ref = f"{get_column_letter(column)}{number}"
                cells[column - 1] = replace(first, column=column, ref=ref, merged=span)


def _fill_formula_results(
    path: Path, title: str, grid: Grid, formulas: dict[tuple[int, int], str]
) -> dict[tuple[int, int], str]:
    """Put each formula's stored result into the grid; returns the formulas that have none."""
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        rows = {number: cells for number, cells in grid}
        for number, row in enumerate(book[title].iter_rows(), start=1):
            for index, cell in enumerate(row, start=1):
                if (number, index) not in formulas or cell.value is None:
                    continue
                rows[number][index - 1] = _xlsx_cell(
                    cell.value, getattr(cell, "number_format", "General"), number, index
                )
                del formulas[(number, index)]
    finally:
        book.close()
    return formulas


def _xlsx_reason(exc: BaseException) -> str:
    chain = [exc]
    while (inner := chain[-1].__cause__ or chain[-1].__context__) is not None and len(chain) < 10:
        chain.append(inner)
    kinds = {type(e).__name__ for e in chain}
    if kinds & {"EntitiesForbidden", "DTDForbidden", "ExternalReferenceForbidden", "NotSupportedError"}:
        return "it declares XML entities or external references, which are refused"
    exc = chain[-1]
    kind = type(exc).__name__
    if kind in ("EntitiesForbidden", "DTDForbidden", "ExternalReferenceForbidden", "NotSupportedError"):
        return "it declares XML entities or external references, which are refused"
    if kind == "BadZipFile" or kind == "InvalidFileException":
        return "it is not an XLSX workbook (not a zip archive); save it from Excel as .xlsx"
    if kind in ("ParseError", "ExpatError"):
        return f"broken XML inside the workbook ({exc})"
    return f"the workbook is damaged ({kind})"


def is_percent_format(number_format: str) -> bool:
    """True for ``0%``, ``0.00%``, ``#,##0.0%``; a ``%`` inside quotes or escaped is literal text."""
    return "%" in re.sub(r'"[^"]*"|\\.', "", number_format or "")


def format_number(value: float) -> str:
    """``25.0`` → ``"25"``, ``0.1`` → ``"0.1"``: the shortest text that reads back as the same float."""
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)


def _xlsx_cell(value: object, number_format: str, row: int, column: int) -> Cell | None:
    from openpyxl.utils import get_column_letter

    ref = f"{get_column_letter(column)}{row}"
    if value is None:
        return None
    if isinstance(value, bool):
        return Cell("TRUE" if value else "FALSE", column=column, ref=ref, number_format=number_format)
    if isinstance(value, int | float):
        number = float(value)
        if number != number or number in (float("inf"), float("-inf")):
            return Cell(str(value), column=column, ref=ref, number_format=number_format)
        if is_percent_format(number_format):
            # 12 significant digits: 0.07 * 100 is 7.000000000000001 in binary floating point.
            shown = float(f"{number * 100:.12g}")
            return Cell(f"{format_number(shown)}%", shown, "%", column, ref, number_format)
        return Cell(format_number(number), number, "", column, ref, number_format)
    if isinstance(value, datetime):
        return Cell(value.date().isoformat(), value.date(), "", column, ref, number_format)
    if isinstance(value, date):
        return Cell(value.isoformat(), value, "", column, ref, number_format)
    if isinstance(value, time):
        return Cell(value.isoformat(), None, "", column, ref, number_format)
    text = str(value).strip()
    return Cell(text, column=column, ref=ref, number_format=number_format) if text else None


def _build(grid: Grid, columns: Columns, table: Table, broken: dict[tuple[int, int], str]) -> Table:
    name = table.source
    candidates = [(number, cells) for number, cells in grid if any(cells)][:HEADER_SEARCH_ROWS]
    if not candidates:
        where = ""
        if table.kind == "xlsx":
            where = f" {sheet_name(table.sheet)}"
        raise LoadError([Problem(name, 1, 0, "", f"the sheet{where} is empty")], what=name)
    found = _header(grid, columns)
    if found is None:
        matches = [(n, match_header([c.text if c else "" for c in cells], columns)) for n, cells in candidates]
        number, match = max(matches, key=lambda item: (item[1].score, -item[0]))
        found_text = ", ".join(c.text for c in dict(candidates)[number] if c)[:200]
        if match.missing:
            message = f"missing required {noun(len(match.missing), 'column')}: {', '.join(match.missing)}"
        else:  # nothing required is missing, but no header names a known column either
            message = f"no known column in the first rows; the columns read are {', '.join(columns.synonyms)}"
        if table.kind == "xlsx":
            message += f" in sheet {sheet_name(table.sheet)}"
        found_problems = [Problem(name, number, 0, "header", f"{message} (found: {found_text})")]
        # every misspelt header at once (`New valu` and `Confidance`), not one per run
        for position, text in match.unknown:
            close = suggest_column(text, columns)
            if close or not columns.ignore_unknown:
                found_problems.append(Problem(name, number, position, "header", f"unknown column {text!r}{close}"))
        raise LoadError(found_problems, what=name)
    header_row, match = found
    problems: list[Problem] = []
    for canonical, first, second in match.duplicates:
        problems.append(
            Problem(name, header_row, second, "header", f"columns {first} and {second} both mean {canonical}")
        )
    if match.unknown and not columns.ignore_unknown:
        for position, text in match.unknown:
            known = ", ".join(columns.synonyms)
            problems.append(
                Problem(
                    name,
                    header_row,
                    position,
                    "header",
                    f"unknown column {text!r}{suggest_column(text, columns)} (known: {known})",
                )
            )
    table.headers, table.positions, table.header_row = match.headers, match.positions, header_row
    table.extra_columns = [text for _position, text in match.unknown]
    width = max(match.positions.values(), default=0)
    width = max([width, *(p for p, _ in match.unknown)])
    by_position = {position: canonical for canonical, position in match.positions.items()}
    for number, cells in grid:
        if number <= header_row or not any(cells):
            continue
        row: dict[str, Cell] = {}
        for index, cell in enumerate(cells, start=1):
            if cell is None:
                if (number, index) in broken and index in by_position:
                    problems.append(table.problem(number, by_position[index], _no_result(broken[(number, index)])))
                continue
            if index > width:
                problems.append(
                    Problem(
                        name, number, index, "", f"a value beyond the last column of the header: {cell.text[:40]!r}"
                    )
                )
            elif index in by_position:
                row[by_position[index]] = cell
        if row:
            table.rows.append(Row(number, row, table))
    if problems:
        raise LoadError(problems, what=name)
    return table


def _header(grid: Grid, columns: Columns) -> tuple[int, HeaderMatch] | None:
    """The header row (number and match): the first of the first non-empty rows that holds every required column."""
    candidates = [(number, cells) for number, cells in grid if any(cells)][:HEADER_SEARCH_ROWS]
    for number, cells in candidates:
        match = match_header([c.text if c else "" for c in cells], columns)
        if not match.missing and match.score:
            return number, match
    return None


def _no_result(formula: str) -> str:
    return (
        f"formula {formula[:60]} has no stored result (the file was saved by a program that does not calculate); "
        "open and save it in Excel, or paste the values"
    )


def cell_number(cell: Cell, table: Table) -> tuple[float, str]:
    """A cell's number and unit (``"%"`` or ``""``), as Excel shows it; raises NumberError."""
    from rollout.tabular.numbers import NumberError, parse_number

    if isinstance(cell.value, float):
        return cell.value, cell.unit
    if isinstance(cell.value, date):
        raise NumberError(f"{cell.text} is a date, not a number", "format the cell as a number")
    return parse_number(cell.text, decimal=table.decimal)


def cell_date(cell: Cell, order: DateOrder | None = None) -> date:
    """A cell's date: a date cell, an Excel serial number, or text (see :func:`parse_date`)."""
    from rollout.tabular.numbers import NumberError, parse_date, serial_date

    if isinstance(cell.value, date):
        return cell.value
    if isinstance(cell.value, float):
        serial = serial_date(cell.value)
        if serial is None:
            raise NumberError(f"{cell.text} is not a date", "format the cell as a date")
        return serial
    return parse_date(cell.text, order=order)

"""Check-ins from and to sheets: the pre-filled sheet teams fill in Excel, and reading it back.

:func:`sheet_rows` writes one row per key result of the running cycle (or ``cycle``),
for one unit or the whole organization: where it is (cycle, unit, objective), what it is
(key result id and title, unit of measure, baseline, target), the last check-in (value,
date, confidence) and empty ``Date``, ``New value``, ``Confidence`` and ``Note`` columns.

:func:`read_checkins` reads such a sheet, or any CSV/XLSX with a key result column
(``kr`` id, or the ``Key result`` title when unique in the cycle) and a value column, for
any units at once. Every row is checked on its own: its key result, its date (the row's
``date``, else the default) against that key result's cycle (not closed; from its start to
its end, and not after as-of: :func:`~rollout.flows.entry_dates.date_problem`), its value (numbers as in
:mod:`rollout.tabular.numbers`; a ``%`` cell needs a key result measured in %), its
confidence and author. A row with no value and no confidence or note is skipped (not
everyone checks in every week); a confidence or note without a value keeps the last
value. Any bad row is reported with its cell and nothing is saved;
:func:`save_checkins` appends them all in one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from rollout.errors import LoadError, Problem, UsageError
from rollout.flows.checkin import CheckinItem, make_record, parse_confidence
from rollout.flows.entry_dates import date_problem
from rollout.tabular import Cell, Columns, DateOrder, NumberError, Row, Table, cell_date, cell_number, read_table
from rollout.tabular.writing import Value
from rollout.workspace import Workspace, layout
from rollout.workspace.models import CheckInFile, Cycle

CHECKIN_COLUMNS = Columns(
    {
        "kr": ["KR id", "Key result id"],
        "key_result": ["Key result", "Key result title"],
        "value": ["New value", "Value"],
        "confidence": ["New confidence", "Confidence (0-10)"],
        "note": ["Notes", "Note or blocker", "Blocker", "Comment"],
        "date": ["Check-in date"],
        "author": ["By", "Checked in by"],
        # written by the pre-filled sheet for the reader's benefit; read and ignored
        "cycle": [],
        "unit": ["Team"],
        "objective": [],
        "unit_of_measure": ["Unit of measure"],
        "baseline": [],
        "target": [],
        "last_value": ["Last value"],
        "last_date": ["Last check-in"],
        "last_confidence": ["Last confidence"],
    },
    required=("value",),
)
SHEET_HEADER = (
    "Unit",
    "Objective",
    "Key result",
    "Unit of measure",
    "Last value",
    "New value",
    "Confidence",
    "Note",
    "Date",
    "Last check-in",
    "Last confidence",
    "Baseline",
    "Target",
    "KR id",
    "Cycle",
)
"""The fill-in columns sit right after the last value; the KR id that reads the sheet back sits at the end."""
FILL_IN = ("New value", "Confidence", "Note", "Date")
CONFIDENCE_CHOICES = "0,1,2,3,4,5,6,7,8,9,10,on track,at risk,off track"


def sheet_items(ws: Workspace, cycle: Cycle, unit: str | None = None) -> list[CheckinItem]:
    """The key results a sheet lists: of ``unit`` (all units when None), in units.yaml order."""
    units = [unit] if unit is not None else [u for u in ws.units if ws.objectives_in(cycle.id, u)]
    if unit is not None:
        ws.unit(unit)
    return [
        CheckinItem(kr, objective, ws.latest_checkin(kr.id))
        for u in units
        for objective in ws.objectives_in(cycle.id, u)
        for kr in objective.key_results
    ]


def sheet_rows(ws: Workspace, cycle: Cycle, unit: str | None = None) -> list[list[Value]]:
    """The pre-filled check-in sheet: the header, then one row per key result (see the module doc)."""
    rows: list[list[Value]] = [list(SHEET_HEADER)]
    for item in sheet_items(ws, cycle, unit):
        kr, last = item.kr, item.last
        confidence = str(last.confidence).replace("_", " ") if last and last.confidence is not None else ""
        cells: dict[str, Value] = {
            "Unit": ws.units[item.objective.unit].name,
            "Objective": item.objective.title,
            "Key result": kr.title,
            "Unit of measure": kr.unit_of_measure or "",
            "Last value": last.value if last else None,
            "Last check-in": last.date.isoformat() if last else "",
            "Last confidence": confidence,
            "Baseline": kr.baseline,
            "Target": kr.target,
            "KR id": kr.id,
            "Cycle": cycle.id,
        }
        rows.append([cells.get(column) for column in SHEET_HEADER])
    return rows


def sheet_options(rows: Sequence[Sequence[Value]]) -> dict[str, Any]:
    """XLSX layout for :func:`rollout.tabular.write_sheet`: widths, the fill-in columns, the confidence drop-down."""
    from openpyxl.utils import get_column_letter

    def letter(column: str) -> str:
        return str(get_column_letter(SHEET_HEADER.index(column) + 1))

    last = max(len(rows), 2)
    widths = {"Unit": 18, "Objective": 40, "Key result": 50, "Unit of measure": 10, "Note": 40, "KR id": 28}
    return {
        "title": "Check-in",
        "widths": {SHEET_HEADER.index(c) + 1: w for c, w in widths.items()},
        "highlight": [f"{letter(c)}1:{letter(c)}{last}" for c in FILL_IN],
        "validations": [
            (
                f"{letter('Confidence')}2:{letter('Confidence')}{last}",
                f'"{CONFIDENCE_CHOICES}"',
                "0–10, or on track / at risk / off track",
            )
        ],
    }


@dataclass
class SheetCheckins:
    """Check-ins read from a sheet, by (cycle, unit), in row order."""

    files: dict[tuple[str, str], list[dict[str, Any]]]
    skipped: int
    kept: int = 0  # rows without a value that keep the last value (a confidence or note alone)
    undated: int = 0  # rows without a date of their own, dated ``day`` (--date, else today)
    day: date | None = None
    places: dict[tuple[str, date], Problem] = field(default_factory=dict)  # (kr, date) → its row, for errors

    @property
    def count(self) -> int:
        return sum(len(v) for v in self.files.values())

    def fallbacks(self) -> str:
        """What was taken from elsewhere than the row, said aloud: ``"; 2 check-ins without a new value
        keep the last value; 1 row without a date is dated 2027-02-15"`` (``""`` when nothing was)."""
        from rollout.plural import plural

        said = ""
        if self.kept:
            verb = "keeps" if self.kept == 1 else "keep"
            said += f"; {plural(self.kept, 'check-in')} without a new value {verb} the last value"
        if self.undated and self.day is not None:
            verb = "is" if self.undated == 1 else "are"
            said += f"; {plural(self.undated, 'row')} without a date {verb} dated {self.day}"
        return said


def read_checkins(
    ws: Workspace,
    path: Path,
    *,
    day: date,
    unit: str | None = None,
    cycle: str | None = None,
    author: str | None = None,
    date_order: DateOrder | None = None,
) -> SheetCheckins:
    """Read and check every row of a check-in sheet (see the module doc); raises LoadError."""
    table = read_table(path, CHECKIN_COLUMNS)
    if "kr" not in table.positions and "key_result" not in table.positions:
        raise LoadError(
            [Problem(table.source, table.header_row, 0, "header", "needs a KR id (kr) or a Key result column")],
            what=table.source,
        )
    if unit is not None:
        ws.unit(unit)
    if author is not None and author not in ws.people:
        raise LoadError([Problem(table.source, 0, 0, "--author", f"unknown person {author!r}")], what=table.source)
    reader = _Reader(ws, table, day=day, unit=unit, cycle=cycle, author=author, order=date_order)
    for row in table.rows:
        reader.row(row)
    if reader.problems:
        raise LoadError(reader.problems, what=table.source)
    if not reader.files:
        raise LoadError([Problem(table.source, 0, 0, "", "no check-ins in the sheet (every value is empty)")])
    return SheetCheckins(reader.files, reader.skipped, reader.kept, reader.undated, day, reader.places)


class _Reader:
    def __init__(
        self,
        ws: Workspace,
        table: Table,
        *,
        day: date,
        unit: str | None,
        cycle: str | None,
        author: str | None,
        order: DateOrder | None,
    ) -> None:
        from rollout.tabular import parse_date_order

        configured = ws.settings.spreadsheets.date_format
        self.ws, self.table, self.day, self.unit, self.cycle, self.author = ws, table, day, unit, cycle, author
        self.order = order or (parse_date_order(configured) if configured else None)
        self.problems: list[Problem] = []
        self.files: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self.seen: dict[tuple[str, date], int] = {}
        self.places: dict[tuple[str, date], Problem] = {}
        self.skipped = self.kept = self.undated = 0
        self.people = {p.name.casefold(): p.id for p in ws.people.values()}

    def bad(self, row: Row, column: str, message: str) -> None:
        self.problems.append(row.problem(column, message))

    def key_result(self, row: Row) -> str | None:
        ref = row.text("kr")
        if ref:
            if ref in self.ws.key_results:
                return ref
            if self.unit is not None:  # within one unit, the end of an id (kr2) or a position (2) will do
                from rollout.errors import UsageError
                from rollout.flows.checkin import find_item

                items = sheet_items(self.ws, self.ws.cycles[self.cycle] if self.cycle else self._cycle(), self.unit)
                try:
                    return find_item(items, ref).kr.id
                except UsageError as exc:
                    self.bad(row, "kr", f"{exc.message}; {exc.hint}" if exc.hint else exc.message)
                    return None
            self.bad(row, "kr", f"no key result {ref!r} in the workspace")
            return None
        title = row.text("key_result").casefold()
        cycles = [self.cycle] if self.cycle else [c.id for c in self.ws.cycles.values() if c.status != "closed"]
        found = [
            kr.id
            for cycle_id in cycles
            for objective in self.ws.objectives_in(cycle_id, self.unit)
            for kr in objective.key_results
            if kr.title.casefold() == title
        ]
        if len(found) == 1:
            return found[0]
        what = "several key results are" if found else "no key result is"
        self.bad(row, "key_result", f"{what} titled {row.text('key_result')!r}; add a KR id column")
        return None

    def _cycle(self) -> Cycle:
        from rollout.flows.checkin import target_cycle

        return target_cycle(self.ws)

    def row(self, row: Row) -> None:
        if not (row.text("value") or row.text("confidence") or row.text("note")):
            self.skipped += 1
            return
        before = len(self.problems)
        kr_id = self.key_result(row)
        if kr_id is None:
            return
        cycle_id, unit_id = self.ws.kr_home[kr_id]
        cycle = self.ws.cycles[cycle_id]
        if self.unit is not None and unit_id != self.unit:
            self.bad(row, "kr", f"{kr_id} is a key result of {unit_id}; leave out UNIT to check in for every unit")
        if self.cycle is not None and cycle_id != self.cycle:
            self.bad(row, "kr", f"{kr_id} is in cycle {cycle_id}, not {self.cycle}")
        if cycle.status == "closed":
            self.bad(row, "kr", f"{kr_id} is in cycle {cycle_id}, which is closed")
        when = self.day
        if "date" in row:
            try:
                when = cell_date(row.cells["date"], self.order)
            except NumberError as exc:
                self.bad(row, "date", f"{exc}; {exc.hint}")
                return
        # a check-in no figure would use (outside its cycle, after as-of) is refused: one rule for every door
        late = date_problem(self.ws, when, cycle, "check-in", option=self.table.headers.get("date", "Date"))
        if late is not None:
            if "date" in row:
                self.bad(row, "date", str(late))
            else:  # the row has no date of its own: say which date was used, and where to put one
                column = "date" if "date" in self.table.positions else "kr"
                self.bad(row, column, f"no date in the row, so --date or today is used: {late.message}; fill in Date")
        objective = self.ws.objective_of(kr_id)
        kr = next(k for k in objective.key_results if k.id == kr_id)
        item = CheckinItem(kr, objective, self.ws.latest_checkin(kr_id))
        value = self.value(row, item)
        confidence: int | str | None = None
        try:
            if isinstance(row.cells["confidence"].value if "confidence" in row else None, date):
                # Excel turns a typed 8/10 into the date 10 August (or 8 October).
                raise ValueError(f"{row.text('confidence')} is a date (Excel reads 8/10 as one); type the number alone")
            confidence = parse_confidence(row.text("confidence"))
        except ValueError as exc:
            self.bad(row, "confidence", str(exc))
        who = self.person(row)
        key = (kr_id, when)
        if key in self.seen:
            self.bad(row, "kr", f"a second check-in of {kr_id} on {when} (the first is row {self.seen[key]})")
        if len(self.problems) > before or value is None:
            return
        self.seen[key] = row.number
        self.places[key] = row.problem("kr" if "kr" in row else "key_result", "")
        try:
            record = make_record(item, when, value, confidence, row.text("note"), who)
        except UsageError as exc:  # the record's own check, in plain words
            self.bad(row, "note", exc.message.partition(": ")[2] or exc.message)
            return
        self.files.setdefault((cycle_id, unit_id), []).append(record)
        self.kept += "value" not in row
        self.undated += "date" not in row

    def value(self, row: Row, item: CheckinItem) -> float | None:
        cell = row.cells.get("value")
        if cell is None:
            if item.last is None:
                self.bad(row, "value", "empty, and there is no earlier check-in to keep")
                return None
            return item.last.value
        try:
            number, unit = cell_number(_without_unit(cell, item.kr.unit_of_measure), self.table)
        except NumberError as exc:
            self.bad(row, "value", f"{exc}" + (f"; {exc.hint}" if exc.hint else ""))
            return None
        if unit == "%" and item.kr.unit_of_measure not in (None, "%"):
            self.bad(
                row, "value", f"{cell.text} is a percentage, but {item.kr.id} is measured in {item.kr.unit_of_measure}"
            )
            return None
        return number

    def person(self, row: Row) -> str | None:
        text = row.text("author")
        if not text:
            return self.author
        if text in self.ws.people:
            return text
        found = self.people.get(" ".join(text.split()).casefold())
        if found is None:
            from rollout.tabular import close_names
            from rollout.workspace.suggestions import meant

            hint = meant(close_names(text, [p.name for p in self.ws.people.values()]))
            self.bad(row, "author", f"unknown person {text!r}" + (f"; {hint}" if hint else ""))
        return found


def _without_unit(cell: Cell, unit_of_measure: str | None) -> Cell:
    """A text cell without the key result's own unit of measure around its number (``1,500 deals``, ``EUR 2,000``).

    Only the key result's unit is taken off: any other word stays and makes the cell an
    error, so ``12 apples`` on a key result measured in deals is still refused.
    """
    uom = (unit_of_measure or "").strip()
    if cell.value is not None or not uom or uom == "%":
        return cell
    text = cell.text.strip()
    folded, key = text.casefold(), uom.casefold()
    if folded.endswith(key) and len(text) > len(key):
        text = text[: -len(key)].strip()
    elif folded.startswith(key) and len(text) > len(key):
        text = text[len(key) :].strip()
    else:
        return cell
    return replace(cell, text=text)


def save_checkins(root: Path, checkins: SheetCheckins) -> list[str]:
    """Append every check-in to its unit's check-in file, all files in one transaction; returns them."""
    from rollout.workspace.editing import to_yaml_value
    from rollout.workspace.transaction import Transaction

    with Transaction(root) as tx:
        for (cycle_id, unit_id), records in sorted(checkins.files.items()):
            relpath = layout.checkin_file(cycle_id, unit_id)
            header = f"Weekly check-ins of {unit_id} for {cycle_id} (append-only)."
            with tx.edit(relpath, model=CheckInFile, header=header) as doc:
                if doc.get("checkins") is None:
                    doc["checkins"] = to_yaml_value([])
                for record in records:
                    doc["checkins"].append(to_yaml_value(record))
        return tx.commit()

"""Check-ins from and to sheets: the pre-filled sheet teams fill in Excel, and reading it back.

:func:`sheet_rows` writes one row per key result of the running cycle (or ``cycle``),
for one unit or the whole organization: where it is (cycle, unit, objective), what it is
(key result id and title, unit of measure, baseline, target), the last check-in (value,
date, confidence) and empty ``Date``, ``New value``, ``Confidence`` and ``Note`` columns.

:func:`read_checkins` reads such a sheet, or any CSV/XLSX with a key result column
(``kr`` id, or the ``Key result`` title when unique in the cycle) and a value column, for
any units at once. Every row is checked on its own (:class:`rollout.flows.checkin_rows.RowReader`,
every problem of the row at once): its key result, its ``unit`` and ``cycle`` cells when
filled in (the key result's own: a row for another unit or cycle is refused), its date (the row's
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
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from rollout.errors import LoadError, Problem
from rollout.flows.checkin import CheckinItem
from rollout.flows.checkin_rows import RowReader
from rollout.tabular import Columns, DateOrder, read_table
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
        # written by the pre-filled sheet: the unit and cycle, when filled in, must be the key
        # result's own (_Reader.placed); the others are for the reader's benefit and ignored
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
    # How a value like 1.250 was read, at its row (rollout.metrics.values.point_reading), said as notes
    readings: list[str] = field(default_factory=list)

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
    reader = RowReader(ws, table, day=day, unit=unit, cycle=cycle, author=author, order=date_order)
    for row in table.rows:
        reader.row(row)
    if reader.problems:
        raise LoadError(reader.problems, what=table.source)
    if not reader.files:
        raise LoadError([Problem(table.source, 0, 0, "", "no check-ins in the sheet (every value is empty)")])
    return SheetCheckins(reader.files, reader.skipped, reader.kept, reader.undated, day, reader.places, reader.readings)


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

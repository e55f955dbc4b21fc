"""``rollout collect`` for check-ins: a unit's CSV, checked as ``rollout checkin --csv`` checks it.

The rows go through :func:`rollout.flows.checkin.records_from_csv_text` (the reader of
``rollout checkin --csv``: key result, value, confidence, date, author) and every date through
:func:`~rollout.flows.checkin.check_day_in_cycle`; the unit comes from the ``unit`` column, or
from the first key result. Check-ins are append-only: the same key result, date and value
again is a duplicate (not written twice), another value on the same date is refused.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from rollout.errors import UsageError
from rollout.forms.collect import Outcome, Refused, Session
from rollout.plural import plural

if TYPE_CHECKING:
    from rollout.workspace.workspace import Workspace


def collect_checkins(session: Session, name: str, data: bytes, outcome: Outcome) -> None:
    import csv
    import io

    from rollout.flows.checkin import check_day_in_cycle, plan_checkin, records_from_csv_text, save_checkins

    """Check the CSV ``data`` (named ``name``) and append its new check-ins; fills ``outcome``."""
    ws = session.ws
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Refused([f"{name}: not UTF-8 text (byte {exc.start})"]) from None
    if "\x00" in text:
        raise Refused([f"{name}: holds NUL bytes; not a text file"])
    try:
        rows = list(csv.DictReader(io.StringIO(text), dialect=_dialect(text)))
    except csv.Error as exc:
        raise Refused([f"{name}: not a readable CSV ({exc})"]) from None
    unit_id, cycle_id = _unit_and_cycle(ws, name, rows)
    outcome.who = unit_id
    from rollout.flows.checkin import target_cycle

    cycle = target_cycle(ws, cycle_id)
    items = plan_checkin(ws, unit_id, cycle)
    records = records_from_csv_text(ws, items, text, name, day=ws.today, author=None)
    problems: list[str] = []
    fresh: list[dict[str, Any]] = []
    duplicates = 0
    for line, record in enumerate(records, start=2):
        try:
            check_day_in_cycle(record["date"], cycle, "check-in")
        except UsageError as exc:
            problems.append(f"{name}:{line}: date: {exc.message}")
            continue
        state = _duplicate(ws, session, record)
        if state == "same":
            duplicates += 1
        elif state:
            problems.append(f"{name}:{line}: {state}")
        else:
            fresh.append(record)
    if problems:
        raise Refused(problems)
    if not fresh:
        outcome.result = "already collected"
        outcome.detail = f"{plural(duplicates, 'check-in')} in {_checkin_rel(cycle.id, unit_id)} already"
        return
    rel = save_checkins(ws.root, cycle.id, unit_id, fresh)
    session.checkins |= {(r["kr"], r["date"].isoformat()) for r in fresh}
    outcome.written = rel
    outcome.result = "saved"
    outcome.detail = f"{plural(len(fresh), 'check-in')} → {rel}" + (
        f" ({duplicates} collected before)" if duplicates else ""
    )


def _checkin_rel(cycle_id: str, unit_id: str) -> str:
    from rollout.workspace.layout import checkin_file

    return checkin_file(cycle_id, unit_id)


def _dialect(text: str) -> Any:
    import csv

    try:
        return csv.Sniffer().sniff(text[:2048], delimiters=",;\t")
    except csv.Error:
        return csv.excel


def _unit_and_cycle(ws: Workspace, name: str, rows: list[dict[str, Any]]) -> tuple[str, str | None]:
    """The unit of a check-in CSV: its ``unit`` column, else the unit of its first key result."""
    units, cycles = set(), set()
    for line, row in enumerate(rows, start=2):
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items() if isinstance(v, str | None)}
        if row.get("unit"):
            units.add(row["unit"])
        elif row.get("kr"):
            try:
                objective = ws.objective_of(row["kr"])
            except KeyError:
                raise Refused([f"{name}:{line}: kr: unknown key result {row['kr']!r}"]) from None
            units.add(objective.unit)
        if row.get("cycle"):
            cycles.add(row["cycle"])
    if not units:
        raise Refused([f"{name}: no check-ins in the file"])
    if len(units) > 1:
        raise Refused([f"{name}: check-ins of several units ({', '.join(sorted(units))}); one file per unit"])
    if len(cycles) > 1:
        raise Refused([f"{name}: check-ins of several cycles ({', '.join(sorted(cycles))}); one file per cycle"])
    unit = units.pop()
    if unit not in ws.units:
        raise Refused([f"{name}:2: unit: unknown unit {unit!r} (not in units.yaml)"])
    return unit, cycles.pop() if cycles else None


def _duplicate(ws: Workspace, session: Session, record: dict[str, Any]) -> str:
    """``""`` for a new check-in, ``"same"`` for one recorded before, else why it clashes."""
    day: date = record["date"]
    if (record["kr"], day.isoformat()) in session.checkins:
        return "same"
    for earlier in ws.checkins.get(record["kr"]) or []:
        if earlier.date != day:
            continue
        same = (
            earlier.value == record["value"]
            and earlier.confidence == record.get("confidence")
            and (earlier.note or "") == record.get("note", "")
        )
        if same:
            return "same"
        return (
            f"kr: {record['kr']} already has a check-in on {day} (value {earlier.value:g}); check-ins are "
            "append-only: correct the earlier one in its file, or check in with another date"
        )
    return ""

"""``rollout collect`` for check-ins: the door of ``rollout checkin --csv``.

A check-in file (the CSV the forms download, a typed-back sheet, or the sheet
``rollout checkin --sheet`` writes, in CSV or XLSX) is read and checked by
:func:`rollout.flows.checkin_sheet.read_checkins`, the reader of ``rollout checkin --csv``:
every row's key result, date (against its cycle), value, confidence and author, with the
row and column of each problem. Collecting adds one rule: check-ins are append-only, so
the same key result, date and value again is a duplicate (not written twice) and another
value on the same date is refused. What is new is appended by
:func:`rollout.flows.checkin_sheet.save_checkins`, every file in one transaction.
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rollout.errors import LoadError, UsageError
from rollout.forms.collect import Outcome, Refused, Session
from rollout.plural import plural

if TYPE_CHECKING:
    from rollout.workspace.workspace import Workspace

SHEET_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm")


def collect_checkins(session: Session, name: str, data: bytes, outcome: Outcome, path: Path | None = None) -> None:
    """Check the check-in file ``data`` (named ``name``, read from ``path`` when given) and
    append its new check-ins; fills ``outcome``; raises :class:`Refused`."""
    if path is not None and path.suffix.lower() in SHEET_SUFFIXES:
        _collect(session, path, outcome)
        return
    suffix = Path(name).suffix.lower()
    base = Path(name).name if suffix in SHEET_SUFFIXES else f"{Path(name).name or 'submission'}.csv"
    with tempfile.TemporaryDirectory(prefix="rollout-collect-") as folder:
        copy = Path(folder) / base
        copy.write_bytes(data)
        _collect(session, copy, outcome)


def _collect(session: Session, path: Path, outcome: Outcome) -> None:
    from rollout.flows.checkin_sheet import SheetCheckins, read_checkins, save_checkins

    ws = session.ws
    try:
        read = read_checkins(ws, path, day=ws.today)
    except LoadError as exc:
        raise Refused(exc.problems) from None
    except UsageError as exc:
        raise Refused([f"{path.name}: {exc.message}"]) from None
    outcome.who = ", ".join(sorted({unit for _cycle, unit in read.files}))
    problems: list[str] = []
    fresh: dict[tuple[str, str], list[dict[str, Any]]] = {}
    duplicates = 0
    for key, records in read.files.items():
        for record in records:
            state = _duplicate(ws, session, record)
            if state == "same":
                duplicates += 1
            elif state:
                problems.append(f"{path.name}: {state}")
            else:
                fresh.setdefault(key, []).append(record)
    if problems:
        raise Refused(problems)
    if not fresh:
        outcome.result = "already collected"
        outcome.detail = f"{plural(duplicates, 'check-in')} collected before"
        return
    written = save_checkins(ws.root, SheetCheckins(fresh, read.skipped))
    for records in fresh.values():
        for r in records:
            key = (r["kr"], r["date"].isoformat())
            session.checkins[key] = (r["value"], r.get("confidence"), r.get("note", ""), path.name)
    count = sum(len(records) for records in fresh.values())
    outcome.written = ", ".join(written)
    outcome.result = "saved"
    outcome.detail = (
        f"{plural(count, 'check-in')} → {', '.join(written)}"
        + (f" ({duplicates} collected before)" if duplicates else "")
        + read.fallbacks()
    )


def _duplicate(ws: Workspace, session: Session, record: dict[str, Any]) -> str:
    """``""`` for a new check-in, ``"same"`` for one recorded before, else why it clashes."""
    day: date = record["date"]
    written = session.checkins.get((record["kr"], day.isoformat()))
    if written is not None:  # written by an earlier file of this run (not in ``ws`` as loaded)
        value, confidence, note, file = written
        if (value, confidence, note or "") == (record["value"], record.get("confidence"), record.get("note", "")):
            return "same"
        return (
            f"kr: {record['kr']} has a check-in on {day} with value {value:g} from {file}, collected just "
            "before; check-ins are append-only: agree on one value, or check in with another date"
        )
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

"""``rollout collect`` for check-ins: the door of ``rollout checkin --csv``.

A check-in file (the CSV the forms download, a typed-back sheet, or the sheet
``rollout checkin --sheet`` writes, in CSV or XLSX) is read and checked by
:func:`rollout.flows.checkin_sheet.read_checkins`, the reader of ``rollout checkin --csv``:
every row's key result, date (against its cycle), value, confidence and author, with the
row and column of each problem. Check-ins saved before are sorted out by
:func:`rollout.flows.checkin_repeats.new_checkins` (the rule of ``rollout checkin --csv``
too): the same key result, date and value again is a repeat (not written twice) and another
value on the same date is refused. What is new is appended by
:func:`rollout.flows.checkin_sheet.save_checkins`, every file in one transaction.
"""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

from rollout.errors import LoadError, UsageError
from rollout.forms.collect import Outcome, Refused, Session
from rollout.plural import plural

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
    from rollout.flows.checkin_repeats import new_checkins, remember
    from rollout.flows.checkin_sheet import read_checkins, save_checkins

    ws = session.ws
    try:
        read = read_checkins(ws, path, day=ws.today)
    except LoadError as exc:
        raise Refused(exc.problems) from None
    except UsageError as exc:
        raise Refused([f"{path.name}: {exc.message}"]) from None
    outcome.who = ", ".join(sorted({unit for _cycle, unit in read.files}))
    fresh = new_checkins(ws, read, path.name, session.checkins)  # the rule of `rollout checkin --csv` too
    if fresh.clashes:
        raise Refused(fresh.clashes)
    if not fresh.files:
        outcome.result = "already collected"
        outcome.detail = f"{plural(fresh.repeats, 'check-in')} collected before"
        return
    written = save_checkins(ws.root, replace(read, files=fresh.files))
    remember(session.checkins, fresh.files, path.name)
    outcome.written = ", ".join(written)
    outcome.result = "saved"
    outcome.detail = (
        f"{plural(fresh.count, 'check-in')} → {', '.join(written)}"
        + (f" ({fresh.repeats} collected before)" if fresh.repeats else "")
        + read.fallbacks()
    )

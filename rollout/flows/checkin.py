"""Weekly check-ins (``rollout checkin [UNIT]``): a new value and a confidence per key result.

Three ways in, one way out: interactive prompts (:mod:`rollout.flows.checkin_prompt`: Enter
keeps last week's value), ``--value KR=VALUE --confidence KR=…`` flags (:func:`records_from_flags`),
or a sheet (:mod:`rollout.flows.checkin_sheet`). All of them
produce check-in records that are appended to ``checkins/<cycle>/<unit>.yaml``
(only the appended lines change); at the terminal a same-day re-entry replaces that
day's check-in (:func:`rollout.flows.checkin_repeats.save_entries`). Every door dates
them by one rule (:mod:`rollout.flows.entry_dates`). Kept light: no renderer is imported.
"""

from __future__ import annotations

import contextlib
import functools
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from rollout.errors import UsageError
from rollout.flows.answers import fresh_date
from rollout.metrics.values import parse_number, point_reading
from rollout.plural import plural
from rollout.report.formats import day_month
from rollout.report.formats import value as formatted_value
from rollout.workspace import editing, layout, messages
from rollout.workspace.models import CheckIn, CheckInEntry, CheckInFile, Cycle, KeyResult, Objective
from rollout.workspace.workspace import Workspace

_WORDS = {
    "on_track": "on_track",
    "on track": "on_track",
    "ontrack": "on_track",
    "on": "on_track",
    "good": "on_track",
    "at_risk": "at_risk",
    "at risk": "at_risk",
    "atrisk": "at_risk",
    "risk": "at_risk",
    "off_track": "off_track",
    "off track": "off_track",
    "offtrack": "off_track",
    "off": "off_track",
}
CONFIDENCE_HELP = "0–10, or on track / at risk / off track"


@dataclass(frozen=True)
class CheckinItem:
    """One key result to check in on, with last week's check-in."""

    kr: KeyResult
    objective: Objective
    last: CheckIn | None


def checkin_units(ws: Workspace, cycle: Cycle) -> list[str]:
    """Units with key results in the cycle, in units.yaml order."""
    return [u for u in ws.units_in(cycle.id) if any(o.key_results for o in ws.objectives_in(cycle.id, u))]


def target_cycle(ws: Workspace, cycle_id: str | None = None) -> Cycle:
    if cycle_id is not None:
        cycle = ws.cycle(cycle_id)
        if cycle.status == "closed":
            raise UsageError(f"cycle {cycle_id} is closed; check-ins go to the running cycle")
        return cycle
    running = ws.running_cycle()
    if running is None:
        later = [c for c in ws.cycles.values() if c.status == "planned" and c.start > ws.today]
        if later:  # a planned cycle runs from its first day (Workspace.running_cycle)
            from rollout.flows.entry_dates import today_words

            raise UsageError(
                f"no cycle is running: {later[0].id} starts on {later[0].start}, after {today_words(ws)}",
                hint=f"check-ins for {later[0].id} open on {later[0].start}",
            )
        raise UsageError("no cycle is running", hint="start one with `rollout next CYCLE` or set a cycle's status")
    return running


def plan_checkin(ws: Workspace, unit_id: str, cycle: Cycle) -> list[CheckinItem]:
    """The key results of a unit in the cycle, with their latest check-in."""
    ws.unit(unit_id)
    items = [
        CheckinItem(kr, objective, ws.latest_checkin(kr.id))
        for objective in ws.objectives_in(cycle.id, unit_id)
        for kr in objective.key_results
    ]
    if not items:
        units = ", ".join(checkin_units(ws, cycle)[:8]) or "none"
        raise UsageError(f"{unit_id} has no key results in {cycle.id}", hint=f"units with key results: {units}")
    return items


def parse_confidence(text: str) -> int | str | None:
    """``8`` or ``8/10`` → 8, ``on track`` / ``on`` → ``on_track``, empty → None; anything else raises ValueError.

    ``8/10`` and ``8 out of 10`` are how people write a score on the 0–10 scale in a sheet
    or an email; any other denominator is refused rather than rescaled.
    """
    value = text.strip().lower()
    if not value:
        return None
    words = " ".join(value.replace("-", " ").replace("_", " ").split())
    if words in _WORDS:
        return _WORDS[words]
    out_of_ten = re.fullmatch(r"(\S+)\s*(?:/|out of|of)\s*10", words)
    if out_of_ten:
        value = out_of_ten.group(1)
    try:
        number = float(value.replace(",", "."))
    except ValueError:
        raise ValueError(f"{text!r} is not a confidence ({CONFIDENCE_HELP})") from None
    if not number.is_integer() or not 0 <= number <= 10:
        raise ValueError(f"{text!r} is not a confidence: use a whole number from 0 to 10")
    return int(number)


def parse_value(text: str, unit: str | None = None) -> float:
    """A check-in value typed by a person: :func:`rollout.metrics.values.parse_number` (``1,250`` is 1250)."""
    return parse_number(text, unit)


def find_item(items: Sequence[CheckinItem], ref: str) -> CheckinItem:
    """A key result by id, by a unique end of its id (``kr2``, ``frontline-kr2``), or by position (1-based)."""
    ref = ref.strip()
    exact = [i for i in items if i.kr.id == ref]
    if exact:
        return exact[0]
    if ref.isdigit() and 1 <= int(ref) <= len(items):
        return items[int(ref) - 1]
    tail = [i for i in items if i.kr.id.endswith("-" + ref)]
    if len(tail) == 1:
        return tail[0]
    known = ", ".join(i.kr.id for i in items)
    if len(tail) > 1:
        raise UsageError(f"{ref!r} matches several key results: {', '.join(i.kr.id for i in tail)}")
    from rollout.workspace.suggestions import did_you_mean

    close = did_you_mean(ref, {i.kr.id: i.kr.title for i in items})
    raise UsageError(f"no key result {ref!r} here", hint=close or f"key results of this unit: {known}")


def make_record(
    item: CheckinItem, day: date, value: float, confidence: int | str | None, note: str, author: str | None
) -> dict[str, Any]:
    record: dict[str, Any] = {"kr": item.kr.id, "date": fresh_date(day), "value": value}
    if confidence is not None:
        record["confidence"] = confidence
    if note.strip():
        record["note"] = note.strip()
    who = author or item.kr.owner
    if who:
        record["author"] = who
    try:
        CheckInEntry.model_validate(record)
    except ValidationError as exc:
        raise UsageError(f"check-in of {item.kr.id}: {messages.summary(exc, record)}") from None
    return record


def _pairs(values: Sequence[str], option: str) -> list[tuple[str, str]]:
    out = []
    for raw in values:
        if "=" not in raw:
            shown = raw if len(raw) <= 60 else raw[:57] + "..."  # a pasted note is not echoed whole
            raise UsageError(f"{option} {shown!r}: expected KR=VALUE, e.g. {option} hr-hire-frontline-kr1=25")
        ref, value = raw.split("=", 1)
        out.append((ref.strip(), value.strip()))
    return out


def check_author(ws: Workspace, author: str | None) -> None:
    """``--author`` names a person of the workspace (else "did you mean" their id)."""
    if author is not None and author not in ws.people:
        from rollout.workspace.references import suggestion

        raise UsageError(f"unknown person {author!r} (--author)", hint=suggestion(ws, "person", author))


def records_from_flags(
    ws: Workspace,
    items: Sequence[CheckinItem],
    *,
    values: Sequence[str],
    confidences: Sequence[str] = (),
    notes: Sequence[str] = (),
    day: date,
    author: str | None,
    readings: list[str] | None = None,
) -> list[dict[str, Any]]:
    """Check-ins from ``--value KR=V`` (and optional ``--confidence KR=C``, ``--note KR=TEXT``).

    Every mistake in the options is reported in one run (one :class:`UsageError` listing
    them), nothing saved. ``readings``: where given, each value whose reading a person may
    not expect (:func:`rollout.metrics.values.point_reading`) adds a sentence to it.
    """
    found: list[UsageError] = []

    @contextlib.contextmanager
    def each() -> Iterator[None]:
        try:
            yield
        except UsageError as exc:
            found.append(exc)

    with each():
        check_author(ws, author)
    given: dict[str, dict[str, str]] = {}
    for option, pairs in (("--value", values), ("--confidence", confidences), ("--note", notes)):
        for raw in pairs:
            with each():
                for ref, text in _pairs([raw], option):
                    try:
                        item = find_item(items, ref)
                    except UsageError as exc:
                        raise UsageError(f"{option}: {exc.message}", hint=exc.hint) from None
                    given.setdefault(item.kr.id, {})[option] = text
    records = []
    by_id = {i.kr.id: i for i in items}
    for kr_id, parts in given.items():
        item = by_id[kr_id]
        value: float | None = None
        with each():
            if "--value" not in parts:
                if item.last is None:
                    raise UsageError(f"{kr_id}: no value given and no earlier check-in to keep (add --value {kr_id}=…)")
                value = item.last.value
            else:
                try:
                    value = parse_value(parts["--value"], item.kr.unit_of_measure)
                except ValueError as exc:
                    raise UsageError(f"--value {kr_id}: {exc}") from None
                reading = point_reading(parts["--value"], value)
                if reading is not None and readings is not None:
                    readings.append(f"--value {kr_id}: {reading}")
        confidence: int | str | None = None
        with each():
            try:
                confidence = parse_confidence(parts.get("--confidence", ""))
            except ValueError as exc:
                raise UsageError(f"--confidence {kr_id}: {exc}") from None
        if value is not None and not found:
            with each():
                records.append(make_record(item, day, value, confidence, parts.get("--note", ""), author))
    if len(found) == 1:
        raise found[0]
    if found:
        listed = "\n".join(f"  - {e.message}" + (f"; {e.hint}" if e.hint else "") for e in found)
        raise UsageError(f"{len(found)} problems in the options; nothing was changed:\n{listed}")
    if not records:
        raise UsageError("nothing to check in", hint="give --value KR=VALUE (and --confidence KR=…) or --csv FILE")
    return records


def save_checkins(root: Path, cycle_id: str, unit_id: str, records: list[dict[str, Any]]) -> str:
    """Append the check-ins to the unit's check-in file (created if needed); returns its path."""
    relpath = layout.checkin_file(cycle_id, unit_id)
    editing.append(
        root,
        relpath,
        "checkins",
        records,
        model=CheckInFile,
        header=f"Weekly check-ins of {unit_id} for {cycle_id} (append-only).",
    )
    return relpath


# --- how a key result is described (the prompt and the check-in forms) ---------------


# Remembered per distinct (value, unit of measure), ``typed`` so ``True``, ``1`` and ``1.0`` stay apart:
# the check-in forms of 2,000 teams describe 14,047 key results with 42,141 values, of which 186
# differ; formatting each took 0.05 s of CPU, the cache 0.01 s (best of 7 in one process, this
# shared 2-core machine, 2026-11-29). tests/forms/test_forms_speed_shortcuts.py compares it with
# the formatter for every value of the demo and odd ones (-0.0, ints, bools, None).
@functools.lru_cache(maxsize=4096, typed=True)
def with_unit(value: float | None, unit: str | None) -> str:
    """``24 days``, ``19.2%``, ``1,250 EUR``: the reports' formatter (:func:`rollout.report.formats.value`),
    so the prompt writes a value as the site and the packs do."""
    return formatted_value(value, unit)


def describe(item: CheckinItem) -> str:
    kr = item.kr
    uom = kr.unit_of_measure
    if kr.direction == "milestone":
        scale = "milestone: 1 = done, 0 = not yet"
    elif kr.baseline is not None or kr.target is not None:
        # Baseline → target as the site and the packs write it ("5% → 5%", never "from 5 to 5%").
        scale = f"{with_unit(kr.baseline, uom)} → {with_unit(kr.target, uom)}"
    else:
        scale = "no baseline or target set"
    if item.last is not None:
        confidence = item.last.confidence
        said = f", confidence {str(confidence).replace('_', ' ')}" if confidence is not None else ""
        last = f"last {with_unit(item.last.value, uom)} on {day_month(item.last.date)}{said}"
    else:
        last = "no check-in yet"
    return f"{scale} · {last}"


def summarize(records: Sequence[Mapping[str, Any]]) -> str:
    return plural(len(records), "check-in")

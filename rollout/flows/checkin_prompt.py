"""The terminal way into a weekly check-in (``rollout checkin UNIT`` at a prompt).

One question per key result (a value, Enter keeps last week's; a confidence; a note), the
score shown as the value is typed, then a summary to confirm. Nothing is saved here: the
records go back to the caller, which saves them with :func:`rollout.flows.checkin_repeats.save_entries`
(so Ctrl-C saves nothing). Values and confidences are read by the same parsers as the flags
and the sheets (:func:`~rollout.flows.checkin.parse_value`, :func:`~rollout.flows.checkin.parse_confidence`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from rollout.flows.checkin import (
    CONFIDENCE_HELP,
    CheckinItem,
    describe,
    make_record,
    parse_confidence,
    parse_value,
    with_unit,
)
from rollout.metrics.values import point_reading
from rollout.plural import plural
from rollout.report.formats import weekday_date


def interactive_checkin(
    items: Sequence[CheckinItem], *, day: date, author: str | None, unit_name: str
) -> list[dict[str, Any]]:
    """Ask a value, a confidence and a note per key result; returns the records to save (after a confirmation)."""
    from rollout.flows import ui
    from rollout.metrics.scoring import display, kr_score

    ui.heading(f"Check-in · {unit_name}", f"{plural(len(items), 'key result')} · {weekday_date(day)}")
    ui.hint("Enter keeps last week's value. Confidence: " + CONFIDENCE_HELP + ".")
    records: list[dict[str, Any]] = []
    shown: list[CheckinItem] = []
    objective = ""
    for n, item in enumerate(items, start=1):
        if item.objective.id != objective:
            objective = item.objective.id
            ui.say()
            ui.say(f"Objective: {item.objective.title}", fg="cyan")
        ui.say()
        ui.say(f"[{n}/{len(items)}] {item.kr.title}", bold=True)
        ui.hint(describe(item))
        last = item.last

        unit = item.kr.unit_of_measure

        def check_value(text: str, unit: str | None = unit) -> bool | str:
            if not text.strip():
                return True
            try:
                parse_value(text, unit)
            except ValueError as exc:
                return str(exc)
            return True

        keep = f" (Enter keeps {ui.number(last.value)})" if last else " (Enter skips)"
        answer = ui.text(f"New value{keep}:", validate=check_value)
        if not answer and last is None:
            ui.hint("skipped")
            continue
        value = parse_value(answer, unit) if answer else last.value if last else 0.0
        reading = point_reading(answer, value) if answer else None
        if reading is not None:
            ui.hint(reading)  # fe24 F9: 1.250 is 1.25 here, 1250 to many European readers
        score = kr_score(item.kr, value)
        ui.hint(f"score {display(score)}")

        def check_confidence(text: str) -> bool | str:
            try:
                parse_confidence(text)
            except ValueError as exc:
                return str(exc)
            return True

        previous = last.confidence if last else None
        default = str(previous).replace("_", " ") if previous is not None else ""
        confidence = parse_confidence(
            ui.keep_text(
                "Confidence",
                default,
                validate=check_confidence,
                instruction="(0–10 or on track/at risk/off track)",
            )
        )
        note = ui.text("Note or blocker (optional):")
        records.append(make_record(item, day, value, confidence, note, author))
        shown.append(item)
    if not records:
        return []
    ui.say()
    ui.say("To save:", bold=True)
    for item, record in zip(shown, records, strict=True):
        said = str(record.get("confidence", "–")).replace("_", " ")
        was = item.last.value if item.last else None
        change = "unchanged" if was == record["value"] else f"was {with_unit(was, item.kr.unit_of_measure)}"
        new = with_unit(record["value"], item.kr.unit_of_measure)
        ui.say(f"  {new:>10}  {change:<16} {said:<10} {item.kr.title[:50]}")
    if not ui.confirm(f"Save {plural(len(records), 'check-in')}?", default=True):
        return []
    return records

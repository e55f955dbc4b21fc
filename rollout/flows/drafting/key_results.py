"""Drafting one key result: its title checked as typed, then metric, direction, baseline, target, unit, owner, due."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from rollout.flows.drafting.session import (
    Session,
    check,
)

if TYPE_CHECKING:
    pass
from rollout.flows.drafting.prompts import ask_checked, ask_number, ask_person, resolve_findings
from rollout.plural import plural


def krs_text(count: int) -> str:
    return plural(count, "key result")


def _next_kr_id(record: dict[str, Any], session: Session) -> str:
    """``<objective>-krN`` with the first N free in the workspace and in the record."""
    used = session.taken | {kr["id"] for kr in record.get("key_results", [])}
    n = 1
    while f"{record['id']}-kr{n}" in used:
        n += 1
    return f"{record['id']}-kr{n}"


def ask_key_result(record: dict[str, Any], index: int, unit_id: str, session: Session, progress: str) -> bool:
    """Ask (or edit) key result ``index`` of the record field by field.

    For a new key result, Enter on an empty title parks the objective with the key
    results it has: the placeholder is dropped and False returned.
    """
    from rollout.flows import ui

    level = session.level(unit_id)
    krs = record.setdefault("key_results", [])
    new = index == len(krs)
    if new:
        krs.append({"id": _next_kr_id(record, session), "title": ""})
    kr = krs[index]
    ui.say()
    ui.say(f"Key result {index + 1} · {progress}", fg="cyan")
    ui.hint('An outcome with a number, e.g. "Raise on-time delivery from 92% to 95%", not an activity.')
    if new and len(krs) > 1:
        ui.hint(f"Enter on an empty line parks the objective with {krs_text(len(krs) - 1)} for now.")
    if not ask_checked(
        "Key result (an outcome you can measure):",
        record,
        "title",
        level,
        session,
        index,
        kr.get("title", ""),
        allow_empty=new,
    ):
        krs.pop(index)
        return False
    _kr_fields(record, kr, session)
    fields = ["metric", "direction", "baseline", "target", "unit_of_measure", "owner", "due"]
    while resolve_findings(check(record, level, session), record, index, fields):
        _kr_fields(record, kr, session)
    return True


_DECREASE_WORDS = {
    "reduce",
    "cut",
    "lower",
    "shorten",
    "decrease",
    "drop",
    "halve",
    "minimize",
    "minimise",
    "eliminate",
}


def guess_direction(title: str) -> str:
    """``decrease`` for titles opening with reduce/cut/lower…, else ``increase`` (only a default)."""
    first = title.strip().split(" ", 1)[0].lower() if title.strip() else ""
    return "decrease" if first in _DECREASE_WORDS else "increase"


def _kr_fields(record: dict[str, Any], kr: dict[str, Any], session: Session) -> None:
    """Metric, direction, baseline, target, unit of measure, owner and due date (Enter keeps what is there)."""
    from rollout.flows import ui

    kr["metric"] = ui.keep_text("Metric (what is measured)", kr.get("metric") or "", clear=True) or None
    kr["direction"] = ui.select(
        "Direction:",
        [
            ("increase (higher is better)", "increase"),
            ("decrease (lower is better)", "decrease"),
            ("milestone (done or not)", "milestone"),
        ],
        default=kr.get("direction") or guess_direction(kr.get("title", "")),
    )
    if kr["direction"] == "milestone":
        kr["baseline"], kr["target"] = 0.0, 1.0
        kr.pop("unit_of_measure", None)
    else:
        kr["baseline"] = ask_number("Baseline (where it is today):", kr.get("baseline"))
        kr["target"] = ask_number("Target (where it should be at the end):", kr.get("target"))
        kr["unit_of_measure"] = (
            ui.keep_text("Unit of measure (%, days, EUR…)", kr.get("unit_of_measure") or "", clear=True) or None
        )
    kr["owner"] = ask_person("Owner:", session, kr.get("owner") or record.get("owner"))

    def valid_day(text: str) -> bool | str:
        try:
            date.fromisoformat(text.strip())
        except ValueError:
            return "a date, YYYY-MM-DD"
        return True

    due = kr.get("due") or session.cycle.end
    kr["due"] = date.fromisoformat(ui.keep_text("Due", str(due), validate=valid_day).strip())
    for key in [k for k, v in kr.items() if v is None]:
        del kr[key]

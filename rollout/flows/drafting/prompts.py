"""Line-level prompts of drafting: a line checked as it is typed (rewrite, or keep with a reason), people, numbers."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rollout.flows.drafting.session import (
    Level,
    Session,
    check,
    example_for,
)

if TYPE_CHECKING:
    from rollout.rules import Finding


def show_finding(finding: Finding) -> None:
    from rollout.flows import ui

    colour = {"error": "red", "warning": "yellow"}.get(finding.severity, "cyan")
    ui.say(ui.wrap(f"{finding.code} {finding.message}", "  "), fg=colour, bold=True)
    ui.say(ui.wrap(f"fix: {finding.hint}", "  ", "       "))
    example = example_for(finding.code)
    if example:
        ui.say(ui.wrap(f"e.g. {example}", "  ", "       "), fg="green")


def resolve_findings(
    findings: Sequence[Finding], record: dict[str, Any], kr_index: int | None, fields: Sequence[str]
) -> bool:
    """Show the findings on ``fields`` (of the objective, or of key result ``kr_index``); True means rewrite.

    Kept findings are added to the record's (or key result's) ``suppress`` list with the reason given.
    """
    from rollout.flows import ui

    prefix = "" if kr_index is None else f"key_results[{kr_index}]."
    relevant = [f for f in findings if any(f.field == prefix + name for name in fields)]
    if kr_index is not None:
        relevant += [f for f in findings if f.field == f"key_results[{kr_index}]" and f not in relevant]
    for finding in relevant:
        show_finding(finding)
        choice = ui.select(
            "Rewrite it or keep it?", [("Rewrite", "rewrite"), ("Keep it (give a reason)", "keep")], default="rewrite"
        )
        if choice == "rewrite":
            return True
        reason = ui.text("Why keep it?", validate=lambda t: bool(t.strip()) or "a reason is required to keep a finding")
        target = record if kr_index is None else record["key_results"][kr_index]
        target.setdefault("suppress", []).append({"rule": finding.code, "reason": reason})
    return False


def ask_checked(
    message: str,
    record: dict[str, Any],
    key: str,
    level: Level,
    session: Session,
    kr_index: int | None = None,
    default: str = "",
    *,
    allow_empty: bool = False,
) -> bool:
    """Ask one line, check it at once, and re-ask while the facilitator chooses to rewrite.

    Returns False only for an empty answer, which ``allow_empty`` permits (nothing is set then).
    """
    from rollout.flows import ui

    target = record if kr_index is None else record["key_results"][kr_index]
    text = default
    while True:
        text = ui.text(message, default=text, validate=lambda t: allow_empty or bool(t.strip()) or "required")
        if not text:
            return False
        target[key] = text
        if not resolve_findings(check(record, level, session), record, kr_index, [key]):
            return True


def ask_person(message: str, session: Session, default: str | None) -> str | None:
    from rollout.flows import ui

    people = session.ws.people

    def valid(text: str) -> bool | str:
        return not text.strip() or text.strip() in people or f"unknown person id {text.strip()!r} (see people.yaml)"

    answer = ui.keep_text(
        message.removesuffix(":"), default or "", validate=valid, instruction="(person id)", clear=True
    )
    if answer:
        person = people[answer]
        ui.hint(person.name + (f", {person.title}" if person.title else ""))
    return answer or None


def ask_number(message: str, default: float | None) -> float | None:
    from rollout.flows import ui
    from rollout.metrics.values import parse_number

    def valid(text: str) -> bool | str:
        if not text.strip():
            return True
        try:
            parse_number(text)
        except ValueError:
            return "a number, e.g. 42, 1,250 or 3.5"
        return True

    previous = ui.number(default) if default is not None else ""
    answer = ui.keep_text(message.removesuffix(":"), previous, validate=valid, clear=True)
    return parse_number(answer) if answer else None

"""Monthly progress reviews (``rollout review [UNIT]``): notes, risks, decisions, who attended.

A review is appended to ``monthly:`` in ``reviews/<cycle>/<unit>.yaml`` (the same
file later holds the end-of-cycle scores); the rest of the file is untouched.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from rollout.errors import UsageError
from rollout.flows.answers import AnswerProblems, as_date, as_str_list, field_error, fresh_date
from rollout.flows.entry_dates import date_problem
from rollout.workspace import editing, layout, messages
from rollout.workspace.models import Cycle, MonthlyReview, ReviewFile
from rollout.workspace.references import suggestion
from rollout.workspace.workspace import Workspace


def review_record(
    day: date, attendees: Sequence[str], notes: str, risks: Sequence[str], decisions: Sequence[str]
) -> dict[str, Any]:
    """A monthly review record, validated."""
    record: dict[str, Any] = {"date": fresh_date(day)}
    if attendees:
        record["attendees"] = list(dict.fromkeys(attendees))
    if notes.strip():
        record["notes"] = notes.strip() + ("\n" if "\n" in notes.strip() else "")
    if risks:
        record["risks"] = list(risks)
    if decisions:
        record["decisions"] = list(decisions)
    try:
        MonthlyReview.model_validate(record)
    except ValidationError as exc:
        raise UsageError(f"the review: {messages.summary(exc, record)}") from None
    return record


def likely_attendees(ws: Workspace, unit_id: str) -> list[str]:
    """People to offer as attendees: the unit's owner, the owners of its child units, then its members."""
    unit = ws.unit(unit_id)
    people = [unit.owner] if unit.owner else []
    people += [u.owner for u in ws.children(unit_id) if u.owner]
    people += [p.id for p in ws.people.values() if p.unit == unit_id]
    return [p for p in dict.fromkeys(people) if p in ws.people]


def review_from_answers(
    ws: Workspace,
    data: Mapping[str, Any],
    source: str,
    default_day: date,
    problems: AnswerProblems | None = None,
    cycle: Cycle | None = None,
) -> dict[str, Any]:
    """A review from an answers file: ``date``, ``attendees``, ``notes``, ``risks``, ``decisions``.

    Every mistake is added to ``problems`` (the file's collector from
    :func:`~rollout.flows.answers.open_answers`, which may hold its shape problems) and
    raised together as a :class:`~rollout.errors.LoadError`. A ``date:`` outside ``cycle``
    (or after as-of: :func:`~rollout.flows.entry_dates.date_problem`) is one of them, at its line.
    """
    problems = problems or AnswerProblems(source)
    day, attendees, notes, risks, decisions = default_day, [], "", [], []
    with problems.each():
        day = as_date(data["date"], source, "date") if data.get("date") else default_day
        if cycle is not None and data.get("date"):
            late = date_problem(ws, day, cycle, "review", option="`date:`")
            if late is not None:
                raise field_error(source, "date", late.bare, hint=late.hint)
    with problems.each():
        attendees = as_str_list(data.get("attendees"), source, "attendees")
    for n, person in enumerate(attendees):
        with problems.each():
            if person not in ws.people:
                raise field_error(
                    source, f"attendees[{n}]", f"unknown person {person!r}", hint=suggestion(ws, "person", person)
                )
    with problems.each():
        notes = data.get("notes") or ""
        if not isinstance(notes, str):
            notes = ""
            raise field_error(source, "notes", "expected text (Markdown)")
    with problems.each():
        risks = as_str_list(data.get("risks"), source, "risks")
    with problems.each():
        decisions = as_str_list(data.get("decisions"), source, "decisions")
    with problems.each():
        said = any(problems.at(key) or data.get(key) for key in ("notes", "risks", "decisions"))
        if not said:
            raise field_error(source, "notes", "a review needs notes, risks or decisions")
    problems.check()
    return review_record(day, attendees, notes, risks, decisions)


def save_review(root: Path, cycle_id: str, unit_id: str, record: dict[str, Any]) -> str:
    relpath = layout.review_file(cycle_id, unit_id)
    editing.append(
        root,
        relpath,
        "monthly",
        [record],
        model=ReviewFile,
        header=f"Reviews of {unit_id} for {cycle_id}: monthly reviews and the end of cycle.",
    )
    return relpath


def interactive_review(ws: Workspace, unit_id: str, cycle_id: str, day: date) -> dict[str, Any]:
    """Ask the date, attendees, notes, risks and decisions of one monthly review."""
    from rollout.flows import ui
    from rollout.flows.answers import as_date as parse_day

    unit = ws.unit(unit_id)
    existing = ws.review(cycle_id, unit_id)
    earlier = len(existing.monthly) if existing else 0
    ui.heading(f"Monthly review · {unit.name}", f"{cycle_id} · review {earlier + 1}")

    def check_day(text: str) -> bool | str:
        try:
            day = date.fromisoformat(text.strip())
        except ValueError:
            return "use YYYY-MM-DD"
        late = date_problem(ws, day, ws.cycles[cycle_id], "review")  # said at the prompt, not after every answer
        return late.bare if late is not None else True

    day = parse_day(ui.keep_text("Date", day.isoformat(), validate=check_day), "prompt", "date")
    people = likely_attendees(ws, unit_id)
    attendees: list[str] = []
    if people:
        attendees = ui.checkbox(
            "Who attended? (space to tick, Enter when done)",
            [
                (f"{ws.people[p].name}" + (f" · {ws.people[p].title}" if ws.people[p].title else ""), p)
                for p in people[:40]
            ],
            checked=people[:1],
        )
    ui.hint("Notes: what moved, what did not, and why.")
    notes = _multiline("Notes:")
    risks = ui.text_list("Risk")
    decisions = ui.text_list("Decision")
    if not (notes or risks or decisions):
        raise UsageError("nothing to save: a review needs notes, risks or decisions")
    return review_record(day, attendees, notes, risks, decisions)


def _multiline(message: str) -> str:
    import questionary

    from rollout.prompting import ask

    value: str = ask(questionary.text(message, multiline=True, instruction="(Esc then Enter to finish)"))
    return value.strip()

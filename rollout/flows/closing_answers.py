"""What a person decides at the close of a cycle: from an answers file or on a terminal.

:func:`close_answers_from` reads the ``close`` part of an answers file (every mistake
reported in one run, :class:`~rollout.flows.answers.AnswerProblems`);
:func:`interactive_close` asks the same on a terminal; :func:`early_close_warning` says
what closing before the end date leaves behind. The scores and the writing are in
:mod:`rollout.flows.closing`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from rollout.flows.answers import AnswerProblems, as_date, as_float, as_str_list, field_error
from rollout.flows.closing import DECISIONS, CloseAnswers, ScoreLine, plan_close
from rollout.flows.entry_dates import close_date_problem
from rollout.plural import plural
from rollout.workspace.references import suggestion
from rollout.workspace.workspace import Workspace


def early_close_warning(ws: Workspace, cycle_id: str, lines: Sequence[ScoreLine], on: date | None = None) -> str:
    """What closing ``cycle_id`` on ``on`` (default today) leaves behind when its end date is still to come, or "".

    Names the days left (``end - on``) and the key results never measured (no check-in
    in the scoring window: their final score is 0.0). A cycle closed after its end gets "".
    """
    cycle = ws.cycle(cycle_id)
    days_left = (cycle.end - (on or ws.today)).days
    if days_left <= 0:
        return ""
    unmeasured = [ln.kr for ln in lines if ln.value is None]
    text = f"{cycle_id} runs until {cycle.end}: {plural(days_left, 'day')} left"
    if unmeasured:
        shown = ", ".join(unmeasured[:5]) + (f" and {len(unmeasured) - 5} more" if len(unmeasured) > 5 else "")
        text += f"; {plural(len(unmeasured), 'key result')} never measured (final score 0.0): {shown}"
    return text


def close_answers_from(
    ws: Workspace, cycle_id: str, data: Mapping[str, Any], source: str, problems: AnswerProblems | None = None
) -> CloseAnswers:
    """Read the ``close`` part of an answers file.

    ``overrides``: a list of ``{kr, score, reason}``; ``decisions``: a mapping of
    objective id to a decision or to ``{decision, note}``; ``default_decision``:
    for objectives not listed; ``lessons``: a list (for the company) or a mapping
    of unit id to a list; ``date``: the day of the close (default as-of; from the cycle's
    first day to as-of, :func:`~rollout.flows.entry_dates.close_date_problem`). Every
    mistake is added to ``problems`` (the file's collector, which may hold its shape
    problems) and raised together (:class:`LoadError`).
    """
    answers = CloseAnswers()
    problems = problems or AnswerProblems(source)
    if data.get("date"):
        with problems.each():
            day = as_date(data["date"], source, "date")
            wrong = close_date_problem(ws, day, ws.cycle(cycle_id), option="`date:`")
            if wrong is not None:
                raise field_error(source, "date", wrong.bare, hint=wrong.hint)
            answers.day = day
    known_krs = {kr.id for o in ws.objectives_in(cycle_id) for kr in o.key_results}
    overrides = data.get("overrides") or []
    for n, item in enumerate(overrides if isinstance(overrides, list) else []):
        with problems.each():
            where = f"overrides[{n}]"
            if not isinstance(item, dict) or "kr" not in item or "score" not in item:
                raise field_error(source, where, "expected {kr, score, reason}")
            with problems.each():
                if item["kr"] not in known_krs:
                    raise field_error(
                        source,
                        f"{where}.kr",
                        f"no key result {item['kr']!r} in {cycle_id}",
                        hint=suggestion(ws, "key result", item["kr"], cycle_id),
                    )
            reason = str(item.get("reason") or "").strip()
            with problems.each():
                if not reason:
                    raise field_error(source, f"{where}.reason", "an override needs a reason")
            score = as_float(item["score"], source, f"{where}.score")
            if not 0 <= score <= 1:
                raise field_error(source, f"{where}.score", f"{score} is not between 0.0 and 1.0")
            if item["kr"] in known_krs and reason:
                answers.overrides[str(item["kr"])] = (score, reason)
    decisions = data.get("decisions") or {}
    with problems.each():
        if not isinstance(decisions, dict):
            decisions = {}
            raise field_error(source, "decisions", "expected a mapping of objective id to a decision")
    objectives = [o.id for o in ws.objectives_in(cycle_id)]
    default = data.get("default_decision")
    with problems.each():
        if default is not None and default not in DECISIONS:
            raise field_error(source, "default_decision", f"{default!r} is not one of {', '.join(DECISIONS)}")
    for objective_id, value in decisions.items():
        with problems.each():
            if objective_id not in objectives:
                raise field_error(
                    source,
                    f"decisions.{objective_id}",
                    f"no objective {objective_id!r} in {cycle_id}",
                    hint=suggestion(ws, "objective", objective_id, cycle_id),
                )
            decision, note = (
                (value.get("decision"), str(value.get("note") or "")) if isinstance(value, dict) else (value, "")
            )
            if decision not in DECISIONS:
                raise field_error(
                    source, f"decisions.{objective_id}", f"{decision!r} is not one of {', '.join(DECISIONS)}"
                )
            answers.decisions[objective_id] = (str(decision), note)
    missing = [o for o in objectives if o not in answers.decisions and o not in decisions]
    with problems.each():
        if missing and default is None:
            shown = ", ".join(missing[:5]) + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
            raise field_error(
                source, "decisions", f"no decision for {shown}; add them or set default_decision: {'|'.join(DECISIONS)}"
            )
    for objective_id in missing:
        answers.decisions[objective_id] = (str(default), "")
    lessons = data.get("lessons")
    company = ws.company.id if ws.company else None
    if isinstance(lessons, dict):
        for unit_id, items in lessons.items():
            with problems.each():
                if unit_id not in ws.units:
                    raise field_error(
                        source, f"lessons.{unit_id}", f"unknown unit {unit_id!r}", hint=suggestion(ws, "unit", unit_id)
                    )
                answers.lessons[str(unit_id)] = as_str_list(items, source, f"lessons.{unit_id}")
    elif lessons is not None:
        with problems.each():
            if company is None:
                raise field_error(
                    source, "lessons", "there is no company unit to hold them; give a mapping of unit to lessons"
                )
            answers.lessons[company] = as_str_list(lessons, source, "lessons")
    problems.check()
    return answers


def interactive_close(ws: Workspace, cycle_id: str) -> CloseAnswers:
    """Show the computed scores unit by unit, ask overrides (with reasons), a decision per objective, and lessons."""
    from rollout.flows import ui
    from rollout.metrics.figures import display
    from rollout.metrics.values import parse_number

    lines = plan_close(ws, cycle_id)
    answers = CloseAnswers()
    units = list(dict.fromkeys(ln.unit for ln in lines))
    for n, unit_id in enumerate(units, start=1):
        unit_lines = [ln for ln in lines if ln.unit == unit_id]
        ui.heading(f"Close {cycle_id} · {ws.units[unit_id].name}", f"unit {n} of {len(units)}")
        for ln in unit_lines:
            ui.say(f"  {display(ln.score):>4}  {ln.title[:70]}  (last value {ui.number(ln.value)})")
        while True:
            options = [
                (
                    f"{display(answers.overrides.get(ln.kr, (ln.score, ''))[0])}  {ln.title[:60]}",
                    ln.kr,
                )
                for ln in unit_lines
            ]
            choice = ui.select(
                "Override a score? (when the number misses what happened)",
                [("No more overrides", None), *options],
                default=None,
            )
            if choice is None:
                break

            def valid_score(text: str) -> bool | str:
                try:
                    value = parse_number(text)
                except ValueError:
                    return "a score from 0.0 to 1.0"
                return 0 <= value <= 1 or "a score from 0.0 to 1.0"

            score = parse_number(ui.text("Final score:", validate=valid_score))
            reason = ui.text("Reason (required):", validate=lambda t: bool(t.strip()) or "an override needs a reason")
            answers.overrides[choice] = (score, reason)
        for objective in ws.objectives_in(cycle_id, unit_id):
            decision = ui.select(
                f"Decision for: {objective.title[:70]}",
                [
                    ("completed", "completed"),
                    ("carried over (same objective next cycle)", "carried_over"),
                    ("refined (carried, to be reworded)", "refined"),
                    ("dropped", "dropped"),
                ],
                default="completed",
            )
            note = ui.text("Note (optional):")
            answers.decisions[objective.id] = (decision, note)
    company = ws.company.id if ws.company else units[0]
    ui.heading(f"Close {cycle_id} · lessons learned", "last step")
    lessons = ui.text_list("Lesson")
    if lessons:
        answers.lessons[company] = lessons
    return answers

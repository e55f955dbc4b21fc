"""Commands that end a cycle and start the next: ``close`` and ``next``.

Each runs from an answers file (``--answers FILE``) or asks on a terminal; without a
terminal and without an answers file, ``close`` stops at once with the non-interactive
form of the command (:func:`rollout.prompting.require_terminal`).
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import click

from rollout.cli.common import workspace_option
from rollout.cli.cycle_cmds import _answers_option, _date_type, _load
from rollout.errors import Aborted, UsageError
from rollout.plural import plural


@click.command()
@click.argument("cycle_id", metavar="CYCLE")
@workspace_option
@_answers_option
@click.option(
    "--date",
    "day",
    type=_date_type,
    metavar="YYYY-MM-DD",
    help="Day of the close, recorded as closed_on (default: the answers file's date:, else as-of).",
)
@click.option("--yes", "-y", "assume_yes", is_flag=True, help="Close before the end date without asking.")
def close(cycle_id: str, directory: Path | None, answers_file: Path | None, day: object, assume_yes: bool) -> None:
    """Close CYCLE: final scores (overrides need a reason), lessons, and a decision per objective.

    Scores are computed from each key result's last check-in on or before the cycle
    end (and as-of); closing changes no score, only an override does. The answers file
    holds `overrides: [{kr, score, reason}]`, `decisions: {OBJECTIVE:
    completed|carried_over|refined|dropped}`, `default_decision:` and `lessons: [...]`.

    The day of the close (--date, or `date:` in the answers file; default as-of) is
    recorded as closed_on: no check-in after it counts. It lies between the cycle's
    first day and as-of.

    Closing before the cycle's end date prints a warning (the days left and the key
    results never measured, which score 0.0). In a terminal it then asks to confirm
    (--yes does not ask); without a terminal (an answers file in a script) it goes on
    after the warning, since the file is the decision.
    """
    from rollout.flows import closing

    root, ws = _load(directory)
    on = day.date() if isinstance(day, datetime) else None
    if on is not None:
        from rollout.flows.entry_dates import close_date_problem

        wrong = close_date_problem(ws, on, ws.cycle(cycle_id))
        if wrong is not None:
            raise UsageError(wrong.message, hint=wrong.hint)
    lines = closing.plan_close(ws, cycle_id, on)  # fails early on a closed or empty cycle
    if answers_file is not None:
        from rollout.flows.answers import open_answers

        data, found = open_answers(answers_file, "close")
        answers = closing.close_answers_from(ws, cycle_id, data, str(answers_file), problems=found)
        on = on or answers.day
        _confirm_early_close(closing.early_close_warning(ws, cycle_id, lines, on), assume_yes)
    else:
        from rollout.prompting import require_terminal

        require_terminal(f"rollout close {cycle_id} --answers FILE")
        _confirm_early_close(closing.early_close_warning(ws, cycle_id, lines, on), assume_yes)
        try:
            answers = closing.interactive_close(ws, cycle_id)
        except Aborted:
            raise Aborted(f"stopped; nothing was written and {cycle_id} is still open") from None
    result = closing.close_cycle(root, ws, cycle_id, answers, on=on)
    from rollout.report.vocabulary import DECISIONS_HEADING, decision_tally

    decided = decision_tally(result.decisions) or "none"
    click.echo(
        f"Closed {cycle_id}: {plural(result.scored, 'key result')} scored ({result.overridden} overridden). "
        f"{DECISIONS_HEADING}: {decided}. "
        f"Wrote {plural(len(result.files), 'review file')} and cycles.yaml."
    )
    from rollout.workspace.calendar import following_dates, next_id

    follow = next_id(cycle_id)
    start, end = following_dates(ws.cycles[cycle_id].start, ws.cycles[cycle_id].end)
    carried = result.decisions["carried_over"] or result.decisions["refined"]
    what = "with the carried objectives" if carried else "(nothing carries over)"
    later = [c for c in ws.cycles.values() if c.start > ws.cycles[cycle_id].end and c.status != "closed"]
    if later:  # fe24 F11: a cycle already follows (e.g. a fiscal quarter): `next` would not start another
        after = min(later, key=lambda c: c.start)
        click.echo(
            f"Next: {after.id} ({after.start} → {after.end}) already follows {cycle_id}; "
            f"add to or change its OKRs with `rollout draft --cycle {after.id}`."
        )
    elif follow is None:
        click.echo(f"Next: `rollout next {cycle_id} --id NEW-ID` starts the next cycle ({start} → {end}) {what}.")
    else:
        click.echo(f"Next: `rollout next {cycle_id}` starts {follow} ({start} → {end}) {what}.")


def _confirm_early_close(warning: str, assume_yes: bool) -> None:
    """Print the early-close ``warning`` (stderr); in a terminal, ask to go on unless ``assume_yes``."""
    if not warning:
        return
    click.echo(f"warning: {warning}", err=True)
    if assume_yes or not sys.stdin.isatty():
        return
    from rollout.flows import ui

    if not ui.confirm("Close it now anyway?", default=False):
        raise Aborted("stopped; nothing was written and the cycle is still open")


@click.command(name="next")
@click.argument("cycle_id", metavar="CYCLE")
@workspace_option
@click.option("--id", "new_id", help="Id of the new cycle (default: the next in CYCLE's pattern, FY27-Q4 → FY28-Q1).")
@click.option("--name", help="Name of the new cycle, shown instead of its id (e.g. '2027-Q1 (company-wide)').")
@click.option("--start", "new_start", type=_date_type, metavar="YYYY-MM-DD", help="First day (default: after CYCLE).")
@click.option("--end", "new_end", type=_date_type, metavar="YYYY-MM-DD", help="Last day (default: as long as CYCLE).")
@click.option(
    "--met-as-health-metrics",
    "met_as_health",
    is_flag=True,
    help="Carry key results that were met (score 1.0) as health metrics holding the level, not leave them behind.",
)
@_answers_option
def next_(
    cycle_id: str,
    directory: Path | None,
    new_id: str | None,
    name: str | None,
    new_start: object,
    new_end: object,
    met_as_health: bool,
    answers_file: Path | None,
) -> None:
    """Start the cycle after CYCLE, with the objectives carried over or refined at its close.

    The new cycle starts the day after CYCLE ends and lasts as long (whole months stay
    whole months); its id is the next in CYCLE's pattern (2027-Q4 → 2028-Q1, FY27-Q2 →
    FY27-Q3, sprint-9 → sprint-10). --id, --start and --end choose otherwise.

    Carried objectives are copied with new ids (default: the old id with the new
    cycle as suffix), `carried_from:` pointing at the original, the baseline of
    each key result moved to the value reached, and no check-ins; reword the
    refined ones with `rollout draft`. Key results that were met (final score 1.0,
    overrides included) are done and stay behind, unless --met-as-health-metrics
    carries them as health metrics (a met milestone always stays behind; a health
    metric that held always comes along, still a health metric). The answers
    file may hold `id:` (the new cycle), `name:`, `ids: {OLD OBJECTIVE: NEW ID}` and
    `met_as_health_metrics: true`; the flags win over it.
    """
    from rollout.flows import closing

    root, ws = _load(directory)
    ids: dict[str, str] = {}
    if answers_file is not None:
        from rollout.flows.answers import open_answers

        data, found = open_answers(answers_file, "next")
        answers = closing.next_answers_from(ws, cycle_id, data, str(answers_file), problems=found)
        new_id, name, ids = new_id or answers.id, name or answers.name, answers.ids
        met_as_health = met_as_health or answers.met_as_health
    plan = closing.start_next(
        root,
        ws,
        cycle_id,
        new_id,
        name=name,
        ids=ids,
        new_start=new_start.date() if new_start else None,  # type: ignore[attr-defined]
        new_end=new_end.date() if new_end else None,  # type: ignore[attr-defined]
        met_as_health=met_as_health,
    )
    count = sum(len(v) for v in plan.files.values())
    cycle = plan.cycle
    if cycle["status"] == "planned":  # it runs from its first day (rollout.flows.next_cycle.new_status)
        click.echo(
            f"Planned {cycle['id']} ({cycle['start']} → {cycle['end']}) with {plural(count, 'carried objective')};"
            f" it runs from {cycle['start']} (today is {ws.today}), and check-ins open then."
        )
    else:
        click.echo(
            f"Started {cycle['id']} ({cycle['start']} → {cycle['end']}) with {plural(count, 'carried objective')}."
        )
    if plan.met:
        click.echo(
            f"Left behind {plural(len(plan.met), 'met key result')}: {', '.join(plan.met)}"
            " (--met-as-health-metrics carries them as health metrics)."
        )
    if plan.as_health:
        click.echo(f"Carried as health metrics: {', '.join(plan.as_health)}")
    if plan.emptied:
        click.echo(f"No open key result left, draft new ones with `rollout draft`: {', '.join(plan.emptied)}")
    if plan.unlinked:
        click.echo(f"Link these to a parent with `rollout draft`: {', '.join(plan.unlinked)}")

"""``rollout phases plan|add|list``: rollout phases from the readiness report.

``plan`` shows the phase first and writes it on confirmation; without a terminal
it needs ``--yes`` and never waits for an answer.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from rollout.cli.common import format_option, open_workspace, print_json, workspace_option
from rollout.cli.org_cmds import table
from rollout.errors import UsageError
from rollout.plural import plural


def _commit(stage: Any) -> None:
    written = stage.commit()
    if written:
        click.echo(f"Wrote {', '.join(written)}.")


# --- phases -------------------------------------------------------------------------------


@click.group()
def phases() -> None:
    """Plan rollout phases from the readiness report, add or list them.

    \b
    Examples:
      rollout phases plan              # shows the phase, asks before writing
      rollout phases plan --yes        # writes it without asking (scripts)
      rollout phases add --id wave-2 --name "Second wave" --strategy broad --unit sales --cycle 2027-Q3
      rollout phases list
    """


@phases.command("plan")
@workspace_option
@click.option(
    "--cycle", "cycle_id", help="Cycle of the phase (default: the first running or planned one without a phase)."
)
@click.option(
    "--strategy",
    type=click.Choice(["leadership-first", "department-by-department", "team-by-team", "broad"]),
    help="Use this strategy instead of the recommended one.",
)
@click.option("--yes", "-y", is_flag=True, help="Write the phase without asking.")
def phases_plan(directory: Path | None, cycle_id: str | None, strategy: str | None, yes: bool) -> None:
    """Turn the readiness report's recommendation into a phases.yaml entry (shown first)."""
    from rollout.org.phases import add_phase, plan_phase
    from rollout.org.store import Staging
    from rollout.workspace.editing import dump, to_yaml_value

    ws = open_workspace(directory)
    plan = plan_phase(ws, cycle_id, strategy)
    if plan.recommended:
        click.echo("The readiness report recommends this phase:\n")
    else:
        click.echo(f"This phase follows the {plan.record['strategy']} strategy you chose (not the report's):\n")
    click.echo(dump(to_yaml_value({"phases": [plan.record]})).rstrip())
    if plan.reasons:
        click.echo("\n" + " ".join(plan.reasons))
    stage = Staging(ws)
    add_phase(stage, plan.record)
    stage.check()
    if not yes:
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            raise UsageError(
                "not written: no terminal to confirm on", hint="run `rollout phases plan --yes` to write it"
            )
        from rollout.flows import ui

        if not ui.confirm("Write it to phases.yaml?", default=True):
            click.echo("Nothing was written.")
            return
    _commit(stage)
    click.echo(f"Added phase {plan.record['id']}. Next: draft its OKRs with `rollout draft`.")


@phases.command("add")
@workspace_option
@click.option("--id", "phase_id", required=True, help="Phase id, e.g. wave-2.")
@click.option("--name", required=True, help="Display name.")
@click.option(
    "--strategy",
    required=True,
    type=click.Choice(["leadership-first", "department-by-department", "team-by-team", "broad"]),
)
@click.option("--unit", "units_", multiple=True, required=True, help="A unit taking part (repeatable).")
@click.option("--cycle", "cycles", multiple=True, help="A cycle of the phase (repeatable).")
@click.option("--entry", multiple=True, help="An entry criterion (repeatable).")
@click.option("--exit", "exit_", multiple=True, help="An exit criterion (repeatable).")
def phases_add(
    directory: Path | None,
    phase_id: str,
    name: str,
    strategy: Any,
    units_: tuple[str, ...],
    cycles: tuple[str, ...],
    entry: tuple[str, ...],
    exit_: tuple[str, ...],
) -> None:
    """Add a phase from flags."""
    from pydantic import ValidationError

    from rollout.org.phases import add_phase, phase_record
    from rollout.org.store import Staging

    stage = Staging(open_workspace(directory))
    record = phase_record(phase_id, name, strategy, list(units_), list(cycles), list(entry), list(exit_))
    try:
        add_phase(stage, record)
    except ValidationError as exc:
        from rollout.workspace.messages import summary

        raise UsageError(f"phase {phase_id}: {summary(exc, record)}") from None
    _commit(stage)
    click.echo(f"Added phase {phase_id}.")


@phases.command("list")
@workspace_option
@format_option("text", "json")
def phases_list(directory: Path | None, fmt: str) -> None:
    """Phases in order, with strategy, units, cycles and the expansion gate.

    The gate's figures are shown as the phase page and the phase pack show them: the mean
    key result score at two decimals (:func:`rollout.report.formats.judged_mean`), check-in
    discipline as a whole percent, then the gate's verdict with its reasons.
    """
    from rollout.metrics.analysis import analyze
    from rollout.report import formats
    from rollout.report.vocabulary import RECOMMENDATION_WORDS

    ws = open_workspace(directory)
    states = analyze(ws).phases
    if fmt == "json":
        print_json(
            [
                p.model_dump(mode="json")
                | {
                    "gate": {
                        "recommendation": states[p.id].recommendation,
                        "mean_score": states[p.id].completion.mean_score,
                        "checkins_rate": states[p.id].checkins.rate,
                        "reasons": list(states[p.id].reasons),
                    }
                }
                for p in ws.phases.values()
            ]
        )
        return
    rows = [
        [
            p.id,
            p.name,
            p.strategy,
            str(len(p.units)),
            ", ".join(p.cycles),
            formats.judged_mean(states[p.id].completion.mean_score),
            formats.share(states[p.id].checkins.rate),
            RECOMMENDATION_WORDS[states[p.id].recommendation].lower(),
        ]
        for p in ws.phases.values()
    ]
    click.echo(table(["id", "name", "strategy", "units", "cycles", "mean score", "check-ins", "gate"], rows))
    click.echo(plural(len(rows), "phase"))
    for p in ws.phases.values():
        verdict, *reasons = states[p.id].reasons
        click.echo(f"\nExpansion gate of {p.name}\n  {verdict[:1].upper()}{verdict[1:]}.")
        for reason in reasons:
            click.echo(f"  - {reason}")

"""Commands about the workspace itself: init, demo, validate, schema."""

from __future__ import annotations

import json
import sys
import time
from datetime import date
from pathlib import Path

import click

from rollout.cli.common import Day, print_json, resolve_root, workspace_argument
from rollout.errors import UsageError
from rollout.plural import plural


def _interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


@click.command()
@click.argument(
    "directory", required=False, default=".", type=click.Path(file_okay=False, path_type=Path), metavar="[DIR]"
)
@click.option("--organization", "-o", help="Organization name.")
@click.option(
    "--cycle", "cycle_id", help="First cycle id, e.g. 2027-Q1 or FY27-Q1 (dates follow for periods of the fiscal year)."
)
@click.option("--start", type=Day(), help="First cycle start.")
@click.option("--end", type=Day(), help="First cycle end.")
@click.option(
    "--fiscal-year-start",
    type=click.IntRange(1, 12),
    metavar="MONTH",
    help="Month the fiscal year starts in (7 = July; default: January, or what --start/--end imply).",
)
@click.option(
    "--fiscal-year-named-by",
    type=click.Choice(["end", "start"]),
    help="FY27 is the fiscal year that ends in 2027 (end, the default) or starts in 2027.",
)
def init(
    directory: Path,
    organization: str | None,
    cycle_id: str | None,
    start: object,
    end: object,
    fiscal_year_start: int | None,
    fiscal_year_named_by: str | None,
) -> None:
    """Create a new workspace in DIR (default: here).

    Asks for the organization name and the first cycle; every answer can also be
    given as an option, which is required when there is no terminal. A period id
    (FY27-Q1, 2027-H1) with --start and --end that fit a fiscal year starting in
    another month than January writes that fiscal year to rollout.yaml, so that
    imports and `rollout next` date later cycles the same way.
    """
    from rollout.workspace.calendar import fiscal_year_for, period_bounds, quarter_of
    from rollout.workspace.create import create_workspace
    from rollout.workspace.models import FiscalYearConfig

    start_d = start.date() if start else None  # type: ignore[attr-defined]
    end_d = end.date() if end else None  # type: ignore[attr-defined]
    if organization is None or cycle_id is None:
        if not _interactive():
            raise UsageError(
                "no terminal to ask questions on",
                hint="give every answer as options: rollout init DIR --organization NAME --cycle 2027-Q1",
            )
        from rollout.prompting import ask_text

        if organization is None:
            organization = ask_text("Organization name:")
        if cycle_id is None:
            cycle_id = ask_text("First cycle (a quarter such as 2027-Q1):", default=quarter_of(date.today()))
    fiscal: FiscalYearConfig | None = None
    if fiscal_year_start is not None or fiscal_year_named_by is not None:
        fiscal = FiscalYearConfig(
            first_month=fiscal_year_start or 1,
            named_by="start" if fiscal_year_named_by == "start" else "end",
        )
    elif start_d is not None and end_d is not None:
        fiscal = fiscal_year_for(cycle_id, start_d, end_d)
    bounds = period_bounds(cycle_id, fiscal or FiscalYearConfig())
    if start_d is None or end_d is None:
        if bounds is None:
            raise UsageError(
                f"{cycle_id!r} is not a period id such as 2027-Q1, FY27-Q1 or 2027-H1, so its dates cannot be guessed",
                hint=f"give them: rollout init --cycle {cycle_id} --start YYYY-MM-DD --end YYYY-MM-DD",
            )
        start_d = start_d or bounds[0]
        end_d = end_d or bounds[1]
    create_workspace(directory, organization, cycle_id, start_d, end_d, fiscal=fiscal)
    click.echo(f"Created workspace for {organization} in {directory} (cycle {cycle_id}: {start_d} → {end_d}).")
    if fiscal is not None and fiscal != FiscalYearConfig():
        month = date(2000, fiscal.first_month, 1).strftime("%B")
        click.echo(
            f"Fiscal year: starts in {month}, named by the year it {fiscal.named_by}s "
            "(fiscal_year in rollout.yaml; imports and `rollout next` date cycles by it)."
        )
    click.echo(
        "Next: bring in the organization with `rollout org import PEOPLE.xlsx` (or `rollout units add`), "
        "then `rollout readiness`, `rollout phases plan` and `rollout draft`."
    )


@click.command()
@click.argument(
    "directory", required=False, default="demo", type=click.Path(file_okay=False, path_type=Path), metavar="[DIR]"
)
@click.option(
    "--teams",
    type=click.IntRange(1, 20000),
    default=None,
    help="Generate a synthetic organization with this many teams (for benchmarks).",
)
@click.option(
    "--today",
    type=Day(),
    default=None,
    help="Pretend today is this date (the demo's running quarter contains it).",
)
@click.option("--force", is_flag=True, help="Replace a demo this command wrote in DIR (nothing else).")
@click.option("--no-build", is_flag=True, help="Only write and validate the workspace.")
def demo(directory: Path, teams: int | None, today: object, force: bool, no_build: bool) -> None:
    """Write the demo organization to DIR (default: ./demo) and run the main job on it."""
    from rollout.demo import write_demo
    from rollout.summary import summarize
    from rollout.workspace import load

    day = today.date() if today else date.today()  # type: ignore[attr-defined]
    started = time.perf_counter()
    write_demo(directory, teams=teams, today=day, force=force)
    written = time.perf_counter() - started
    ws = load(directory)
    click.echo(f"Demo organization written to {directory} in {written:.1f} s.")
    click.echo(summarize(ws))
    if not no_build:
        from rollout.mainjob import run_main_job

        run_main_job(ws, echo=click.echo)


@click.command()
@workspace_argument
@click.option("--no-cache", is_flag=True, help="Parse every file again instead of using the cache.")
def validate(directory: Path | None, no_cache: bool) -> None:
    """Load the workspace in DIR and report every problem (exit 2 if any)."""
    from rollout.summary import summarize
    from rollout.workspace import load
    from rollout.workspace.deep import check_deep

    ws = load(resolve_root(directory), use_cache=not no_cache)
    check_deep(ws)  # what build reads too: questionnaires and the answers saved to them
    click.echo(summarize(ws))
    click.echo("The workspace is valid.")


@click.command()
@click.argument(
    "kind",
    required=False,
    type=click.Choice(
        ["rollout", "people", "units", "priorities", "cycles", "phases", "okrs", "checkins", "reviews", "assessments"]
    ),
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Write one <kind>.schema.json per file kind into this folder.",
)
def schema(kind: str | None, out: Path | None) -> None:
    """Print the JSON Schema of a workspace file KIND (default: all kinds)."""
    from rollout.workspace.fileio import atomic_write
    from rollout.workspace.schema import KINDS, PATTERNS, schema_for

    kinds = [kind] if kind else list(KINDS)
    if out is not None:
        for name in kinds:
            atomic_write(out / f"{name}.schema.json", json.dumps(schema_for(name), indent=2) + "\n")
        click.echo(f"Wrote {plural(len(kinds), 'schema file')} to {out}.")
        click.echo("Map them to files in your editor, e.g. okrs/*/*.yaml → okrs.schema.json.")
        return
    if kind:
        print_json(schema_for(kind))
    else:
        print_json({name: {"files": PATTERNS[name], "schema": schema_for(name)} for name in kinds})

"""``rollout import`` and ``rollout export``: OKRs from and to spreadsheets."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from rollout.cli.common import open_workspace, workspace_option
from rollout.plural import plural


@click.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@workspace_option
@click.option("--dry-run", is_flag=True, help="Check the rows and show what would be added; write nothing.")
def import_(file: Path, directory: Path | None, dry_run: bool) -> None:
    """Import OKRs from FILE (CSV or XLSX), one row per key result.

    Columns: cycle, unit, objective, parent_objective, key_result, metric, direction,
    baseline, target, unit_of_measure, owner, due (only the first four of cycle, unit,
    objective, key_result are required). Rows with errors are reported by row number
    and nothing is written.
    """
    from rollout.transfer import apply_import, plan_import, read_rows

    ws = open_workspace(directory)
    rows = read_rows(file)
    plan = plan_import(ws, rows, file.name)
    summary = (
        f"{plural(plan.objectives_added, 'objective')} and {plural(plan.key_results_added, 'key result')}"
        f"; new: {plural(len(plan.new_units), 'unit')}, {plural(len(plan.new_people), 'person')}, "
        f"{plural(len(plan.new_cycles), 'cycle')}"
    )
    if plan.skipped:
        summary += f"; {plural(plan.skipped, 'key result')} already present, skipped"
    if dry_run:
        click.echo(f"Would import {summary}.")
        return
    apply_import(ws, plan)
    click.echo(f"Imported {summary}.")


@click.command()
@workspace_option
@click.option("--cycle", help="Only this cycle.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write to this file (.csv or .xlsx); default: CSV on standard output.",
)
def export(directory: Path | None, cycle: str | None, output: Path | None) -> None:
    """Export OKRs to a spreadsheet, one row per key result."""
    from rollout.transfer import export_rows, write_csv, write_xlsx
    from rollout.workspace.fileio import atomic_write

    ws = open_workspace(directory)
    if cycle is not None:
        ws.cycle(cycle)
    rows = export_rows(ws, cycle)
    if output is None:
        sys.stdout.write(write_csv(rows))
    elif output.suffix.lower() == ".xlsx":
        write_xlsx(rows, output)
        click.echo(f"Wrote {plural(len(rows) - 1, 'key result')} to {output}.")
    else:
        atomic_write(output, write_csv(rows))
        click.echo(f"Wrote {plural(len(rows) - 1, 'key result')} to {output}.")

"""``rollout import`` and ``rollout export``: OKRs from and to spreadsheets."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from rollout.cli.common import open_workspace, workspace_option
from rollout.errors import UsageError
from rollout.plural import plural


def _date_format(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    from rollout.tabular import parse_date_order

    try:
        return parse_date_order(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


@click.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@workspace_option
@click.option("--dry-run", is_flag=True, help="Check the rows and list what would be added; write nothing.")
@click.option(
    "--create-units",
    is_flag=True,
    help="A new unit without a parent_unit cell becomes a department of the company.",
)
@click.option(
    "--allow-new",
    multiple=True,
    metavar="NAME",
    help="A unit, person or priority that is new although its name is close to an existing one (repeatable).",
)
@click.option(
    "--date-format",
    callback=_date_format,
    metavar="DD/MM/YYYY|MM/DD/YYYY",
    help="How to read slashed dates (default: spreadsheets.date_format in rollout.yaml; else they are refused).",
)
def import_(
    file: Path,
    directory: Path | None,
    dry_run: bool,
    create_units: bool,
    allow_new: tuple[str, ...],
    date_format: str | None,
) -> None:
    """Import OKRs from FILE (CSV or XLSX), one row per key result.

    Required columns: cycle, unit, objective. Optional: parent_unit, objective_owner,
    parent_objective, alignment, priority, contributors, description, key_result,
    metric, direction, baseline, target, unit_of_measure, owner, due, weight,
    health_metric (current, score and status are read and ignored). Headers match
    case-, space- and underscore-insensitively, with synonyms such as "Key result"
    and "Unit of measure" (see the README). A row with an empty key result is an
    objective alone. Every bad cell is reported by row and column and nothing is written.
    """
    from rollout.transfer import ImportOptions, apply_import, plan_import, read_rows

    ws = open_workspace(directory)
    table = read_rows(file)
    options = ImportOptions(create_units, frozenset(allow_new), date_format)  # type: ignore[arg-type]
    plan = plan_import(ws, table, options)
    for warning in plan.warnings:
        click.echo(f"warning: {warning}", err=True)
    summary = f"{plural(plan.objectives_added, 'objective')} and {plural(plan.key_results_added, 'key result')}"
    if plan.skipped:
        summary += f"; {plural(plan.skipped, 'key result')} already present, skipped"
    new = plan.new_records(ws)
    if dry_run:
        click.echo(f"Would import {summary}.")
        for kind, names in new:
            for name in names:
                click.echo(f"  new {kind}: {name}")
        if not any(names for _kind, names in new):
            click.echo("  no new cycles, units or people")
        return
    written = apply_import(ws, plan)
    created = ", ".join(plural(len(names), kind) for kind, names in new if names)
    created = f"; new: {created}" if created else ""
    click.echo(f"Imported {summary}{created}. Wrote {plural(len(written), 'file')}.")


@click.command()
@workspace_option
@click.option("--cycle", help="Only this cycle.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write to this file; its extension (.csv or .xlsx) decides the format. Default: CSV on standard output.",
)
def export(directory: Path | None, cycle: str | None, output: Path | None) -> None:
    """Export OKRs to a spreadsheet, one row per key result, with the current value, score and status.

    Text cells that a spreadsheet would run as a formula (starting with =, +, -, @)
    are written safely: a leading ' in CSV, a text cell in XLSX; import reads them back as they were.
    """
    from rollout.tabular import csv_text, write_sheet
    from rollout.transfer import WIDTHS, check_output, export_rows

    ws = open_workspace(directory)
    if cycle is not None:
        ws.cycle(cycle)
    if output is not None:
        check_output(ws.root, output)
    rows = export_rows(ws, cycle)
    if output is None:
        sys.stdout.write(csv_text(rows))
        return
    if output.exists() and not output.is_file():
        raise UsageError(f"{output} is not a file")
    write_sheet(output, rows, title="OKRs", widths=WIDTHS)
    click.echo(f"Wrote {plural(len(rows) - 1, 'row')} to {output}.")

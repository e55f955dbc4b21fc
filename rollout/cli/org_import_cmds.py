"""``rollout org import|export``: the organization from and to an HRIS people export."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from rollout.cli.common import Day, open_workspace, workspace_option
from rollout.errors import UsageError
from rollout.plural import plural


@click.group()
def org() -> None:
    """Bring the organization in from the HRIS people export, or write it back out.

    \b
    Examples:
      rollout org import people.xlsx --dry-run
      rollout org import people.csv
      rollout org import people-april.csv --mark-left --on 2027-04-01
      rollout org export people.xlsx
    """


def _columns_help() -> str:
    from rollout.org.hris.sheet import SYNONYMS

    lines = ["\b", "Headers understood (also accepted):"]
    lines += [f"  {name}: {', '.join(others)}" for name, others in SYNONYMS.items()]
    return "\n".join(lines)


@org.command("import", epilog=_columns_help())
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@workspace_option
@click.option("--dry-run", is_flag=True, help="List every unit and person it would add, change or mark; write nothing.")
@click.option("--mark-left", is_flag=True, help="Mark people missing from the export as left (never deleted).")
@click.option(
    "--on",
    "on",
    type=Day(),
    help="Day of the export: moves take effect and people leave on it (default: today).",
)
@click.option(
    "--owner",
    "owners",
    multiple=True,
    metavar="UNIT=PERSON",
    help="Owner of a department or team (unit id or name; person id, email or name); repeatable.",
)
def import_(
    file: Path,
    directory: Path | None,
    dry_run: bool,
    mark_left: bool,
    on: datetime | None,
    owners: tuple[str, ...],
) -> None:
    """Create and update departments, teams and people from FILE (CSV or XLSX), one row per person.

    Columns (any order, case and spacing ignored): Employee name (or First and
    Last name), Work email, Department, Team, Job title, Reports to (a name or an
    email; or Manager email), and optionally Unit owner (yes on the owner's row).
    Every synonym is listed below. People are matched by email, then name,
    and keep their ids; nobody is deleted.
    """
    from rollout.org.hris import apply_import, describe, plan_import, read_export
    from rollout.org.store import Staging

    ws = open_workspace(directory)
    pairs: dict[str, str] = {}
    for item in owners:
        unit, sep, person = item.partition("=")
        if not sep or not unit.strip() or not person.strip():
            raise UsageError(f"--owner {item!r}: use UNIT=PERSON, e.g. --owner sales=ana.lima@example.com")
        pairs[unit.strip()] = person.strip()
    rows = read_export(file)
    plan = plan_import(
        ws, rows, file.name, owners=pairs, mark_left=mark_left, day=on.date() if on is not None else None
    )
    lines = describe(plan, dry_run=dry_run)
    if plan.empty:
        for line in lines:
            click.echo(line)
        if lines:  # only notes: people missing from the export (without --mark-left), teams nobody works in
            click.echo(f"Nothing written: the lines above are notes ({plural(len(rows), 'person')} in {file.name}).")
        else:
            click.echo(f"Nothing to change: the workspace already matches {file.name} ({plural(len(rows), 'person')}).")
        return
    stage = Staging(ws)
    apply_import(stage, plan)
    if dry_run:
        stage.check()  # the result must be a valid workspace, or the dry run says why
        for line in lines:
            click.echo(line)
        click.echo(f"Dry run: nothing was written ({plural(plan.changes, 'change')} above).")
        return
    written = stage.commit()
    for line in lines:
        click.echo(line)
    click.echo(f"Imported {file.name}: {plural(plan.changes, 'change')} written to {' and '.join(written)}.")


@org.command("export")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@workspace_option
@click.option("--all", "include_left", is_flag=True, help="Also people who left.")
def export(file: Path, directory: Path | None, include_left: bool) -> None:
    """Write the people and their units to FILE (.csv or .xlsx) in the shape `org import` reads."""
    from rollout.org.hris import export_rows
    from rollout.tabular import write_sheet

    ws = open_workspace(directory)
    target = file.resolve()
    root = ws.root.resolve()
    if target.is_relative_to(root) and not target.is_relative_to(root / ws.settings.build_dir):
        raise UsageError(
            f"{file} is inside the workspace; write the export elsewhere (or under {ws.settings.build_dir}/)"
        )
    rows = export_rows(ws, include_left=include_left)
    write_sheet(file, rows)
    click.echo(f"Wrote {plural(len(rows) - 1, 'person')} to {file}.")

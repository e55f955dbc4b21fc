"""Commands of the organization: ``people`` and ``units`` (``org`` is in org_import_cmds, ``phases`` in phases_cmds).

Each change is staged in memory, validated against the whole workspace, and
written all-or-nothing (:mod:`rollout.org.store`); ids never change. Every
command runs from flags alone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from rollout.cli.common import Day, format_option, open_workspace, print_json, workspace_option
from rollout.plural import plural
from rollout.tabular.names import clean_name

if TYPE_CHECKING:
    from rollout.org.store import Staging

_day = Day()


CELL_WIDTH = 40  # terminal columns; a longer name or title is cut with "…" so the table stays readable


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Plain aligned columns (no dependency: rich is not one of the project's); the last column is not padded.

    Widths are terminal columns (:mod:`rollout.textwidth`: 李雷 takes four, not two); cells past
    :data:`CELL_WIDTH` columns are cut with "…" (the full text: ``--format json``).
    """
    from rollout.textwidth import fit, pad, width

    body = [[fit(cell, CELL_WIDTH) for cell in row] for row in rows]
    widths = [max([width(h), *(width(r[i]) for r in body)]) for i, h in enumerate(headers)]
    lines = []
    for row in [list(headers), ["─" * w for w in widths], *body]:
        cells = [pad(cell, widths[i]) if i < len(row) - 1 else cell for i, cell in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def _on(value: datetime | None, default: date) -> date:
    return value.date() if value is not None else default


def _commit(stage: Any) -> None:
    written = stage.commit()
    if written:
        click.echo(f"Wrote {', '.join(written)}.")


def _change(directory: Path | None, change: Callable[[Staging], str]) -> None:
    """The body of every organization command that changes files: stage the workspace at
    ``directory``, let ``change`` edit it and return what to say, commit (all or nothing), say it."""
    from rollout.org.store import Staging

    stage = Staging(open_workspace(directory))
    message = change(stage)
    _commit(stage)
    click.echo(message)


def _rename(directory: Path | None, record_id: str, name: str, rename: Callable[[Staging, str, str], str]) -> None:
    """``people rename`` and ``units rename``: ``rename`` stages the new name and returns the old one."""

    def change(stage: Staging) -> str:
        old = rename(stage, record_id, name)
        return f"Renamed {record_id}: {old} → {clean_name(name)}."

    _change(directory, change)


# --- people -------------------------------------------------------------------------------


@click.group()
def people() -> None:
    """List and change the people of the organization (ids never change).

    \b
    Examples:
      rollout people list
      rollout people add "Ana Lima" --email ana.lima@example.com --unit sales
      rollout people rename ana-lima "Ana Lima-Souza"
      rollout people leave ben-okoro --on 2027-04-01 --hand-over-to ana-lima
    """


@people.command("list")
@workspace_option
@click.option("--all", "include_left", is_flag=True, help="Also people who left.")
@format_option("text", "json")
def people_list(directory: Path | None, include_left: bool, fmt: str) -> None:
    """People in people.yaml order, with email, unit, title and status."""
    from rollout.org.people import people_rows

    rows = people_rows(open_workspace(directory), include_left=include_left)
    if fmt == "json":
        print_json([asdict(r) for r in rows])
        return
    click.echo(
        table(
            ["id", "name", "email", "unit", "title", "status"],
            [[r.id, r.name, r.email, r.unit, r.title, r.status] for r in rows],
        )
    )
    click.echo(plural(len(rows), "person"))


@people.command("add")
@click.argument("name")
@workspace_option
@click.option("--id", "person_id", help="Id (default: from the name, e.g. ana-lima).")
@click.option("--email", help="Work email.")
@click.option("--title", help="Job title.")
@click.option("--unit", help="Id of their unit.")
@click.option("--manager", help="Id of the person they report to.")
def people_add(
    name: str,
    directory: Path | None,
    person_id: str | None,
    email: str | None,
    title: str | None,
    unit: str | None,
    manager: str | None,
) -> None:
    """Add a person called NAME."""
    from rollout.org.people import add_person

    def change(stage: Staging) -> str:
        new_id = add_person(stage, name, person_id=person_id, email=email, title=title, unit=unit, manager=manager)
        return f"Added {clean_name(name)} as {new_id}."

    _change(directory, change)


@people.command("rename")
@click.argument("person_id", metavar="PERSON")
@click.argument("name")
@workspace_option
def people_rename(person_id: str, name: str, directory: Path | None) -> None:
    """Give PERSON a new NAME (the id, and every record naming it, stay)."""
    from rollout.org.people import rename_person

    _rename(directory, person_id, name, rename_person)


@people.command("leave")
@click.argument("person_id", metavar="PERSON")
@workspace_option
@click.option("--on", "on", type=_day, help="Their first day away (default: today).")
@click.option("--hand-over-to", help="Id of the person who takes over the units PERSON owns.")
def people_leave(person_id: str, directory: Path | None, on: datetime | None, hand_over_to: str | None) -> None:
    """Mark PERSON as left; their record stays so history still names them."""
    from rollout.org.people import leave

    def change(stage: Staging) -> str:
        day = _on(on, stage.ws.today)
        handed = leave(stage, person_id, day, hand_over_to)
        owns = f" {hand_over_to} now owns {', '.join(handed)}." if handed else ""
        return f"{stage.ws.people[person_id].name} left on {day}.{owns}"

    _change(directory, change)


@people.command("remove")
@click.argument("person_id", metavar="PERSON")
@workspace_option
def people_remove(person_id: str, directory: Path | None) -> None:
    """Delete PERSON, only if no record names them (otherwise: `people leave`)."""
    from rollout.org.people import remove_person

    def change(stage: Staging) -> str:
        remove_person(stage, person_id)
        return f"Removed {person_id}."

    _change(directory, change)


# --- units --------------------------------------------------------------------------------


@click.group()
def units() -> None:
    """List and change departments and teams (ids never change; moves keep history).

    \b
    Examples:
      rollout units list
      rollout units add "Customer Success" --parent acme-freight
      rollout units set-owner customer-success ana-lima
      rollout units move onboarding --to customer-success --on 2027-04-01
      rollout units archive field-sales --on 2027-04-01
    """


@units.command("list")
@workspace_option
@click.option("--on", "on", type=_day, help="The organization as it was that day (default: today).")
@click.option("--all", "include_archived", is_flag=True, help="Also archived units.")
@format_option("text", "json")
def units_list(directory: Path | None, on: datetime | None, include_archived: bool, fmt: str) -> None:
    """The unit tree, company first, with kind, owner and status."""
    from rollout.org.units import unit_rows

    ws = open_workspace(directory)
    day = _on(on, ws.today)
    rows = unit_rows(ws, day, include_archived=include_archived)
    if fmt == "json":
        print_json([asdict(r) for r in rows])
        return
    click.echo(
        table(
            ["unit", "id", "kind", "owner", "status"],
            [["  " * r.depth + r.name, r.id, r.kind, r.owner, r.status] for r in rows],
        )
    )
    click.echo(f"{plural(len(rows), 'unit')} on {day}")


@units.command("add")
@click.argument("name")
@workspace_option
@click.option("--parent", required=True, help="Id of the unit it sits under (the company for a department).")
@click.option(
    "--kind", type=click.Choice(["department", "team"]), help="Default: department under the company, else team."
)
@click.option("--id", "unit_id", help="Id (default: from the name).")
@click.option("--owner", help="Id of the person who owns its OKRs.")
@click.option("--since", type=_day, help="The day it was set up (default: left out, i.e. always existed).")
def units_add(
    name: str,
    directory: Path | None,
    parent: str,
    kind: str | None,
    unit_id: str | None,
    owner: str | None,
    since: datetime | None,
) -> None:
    """Add a department or team called NAME."""
    from rollout.org.units import add_unit

    def change(stage: Staging) -> str:
        day = since.date() if since else None
        new_id = add_unit(stage, name, parent=parent, kind=kind, unit_id=unit_id, owner=owner, since=day)
        return f"Added {clean_name(name)} as {new_id} under {parent}."

    _change(directory, change)


@units.command("rename")
@click.argument("unit_id", metavar="UNIT")
@click.argument("name")
@workspace_option
def units_rename(unit_id: str, name: str, directory: Path | None) -> None:
    """Give UNIT a new NAME (its id and files stay)."""
    from rollout.org.units import rename_unit

    _rename(directory, unit_id, name, rename_unit)


@units.command("set-owner")
@click.argument("unit_id", metavar="UNIT")
@click.argument("person_id", metavar="PERSON")
@workspace_option
def units_set_owner(unit_id: str, person_id: str, directory: Path | None) -> None:
    """Make PERSON the owner of UNIT (the person who answers for its OKRs)."""
    from rollout.org.units import set_owner

    def change(stage: Staging) -> str:
        previous = set_owner(stage, unit_id, person_id)
        return f"{person_id} now owns {unit_id}" + (f" (was {previous})." if previous else ".")

    _change(directory, change)


@units.command("move")
@click.argument("unit_id", metavar="UNIT")
@workspace_option
@click.option("--to", "to", required=True, help="Id of the new parent unit.")
@click.option("--on", "on", type=_day, help="First day under the new parent (default: today).")
def units_move(unit_id: str, directory: Path | None, to: str, on: datetime | None) -> None:
    """Move UNIT under another unit; earlier cycles keep showing it where it was."""
    from rollout.org.units import move_unit

    def change(stage: Staging) -> str:
        day = _on(on, stage.ws.today)
        old = move_unit(stage, unit_id, to, day)
        return f"Moved {unit_id} from {old} to {to} on {day}; cycles before that still show it under {old}."

    _change(directory, change)


@units.command("archive")
@click.argument("unit_id", metavar="UNIT")
@workspace_option
@click.option("--on", "on", type=_day, help="Its first day gone (default: today).")
def units_archive(unit_id: str, directory: Path | None, on: datetime | None) -> None:
    """Dissolve UNIT; its OKRs, check-ins and reviews stay and still show in their cycles."""
    from rollout.org.units import archive_unit

    def change(stage: Staging) -> str:
        day = _on(on, stage.ws.today)
        archive_unit(stage, unit_id, day)
        return f"Archived {unit_id} on {day}; its history stays."

    _change(directory, change)


@units.command("remove")
@click.argument("unit_id", metavar="UNIT")
@workspace_option
def units_remove(unit_id: str, directory: Path | None) -> None:
    """Delete UNIT, only if no record names it (otherwise: `units archive`)."""
    from rollout.org.units import remove_unit

    def change(stage: Staging) -> str:
        remove_unit(stage, unit_id)
        return f"Removed {unit_id}."

    _change(directory, change)

"""Everyday changes to units: add, rename, set an owner, move, archive, remove (``rollout units …``).

Ids never change (OKR, check-in and review files are named after them); names
and parents do. A move keeps where the unit sat before in ``former_parents``
(each up to and including its ``until`` day), and an archived unit keeps its
record with an ``archived`` day, so closed cycles still show the organization as
it was (:mod:`rollout.org.history`). Deleting is refused while any record names
the unit (:func:`rollout.org.uses.unit_uses`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from rollout.errors import UsageError
from rollout.org.people import new_id
from rollout.org.store import Staging
from rollout.org.uses import unit_uses
from rollout.plural import noun
from rollout.tabular.names import clean_name
from rollout.workspace.create import slugify
from rollout.workspace.editing import to_yaml_value
from rollout.workspace.models import LEVEL, Unit
from rollout.workspace.workspace import Workspace

UNITS = "units.yaml"


@dataclass(frozen=True)
class UnitRow:
    """One row of ``units list``: ``depth`` is its level in the tree shown (0 for the company)."""

    id: str
    name: str
    kind: str
    depth: int
    parent: str
    owner: str
    status: str


def unit_rows(ws: Workspace, day: date, *, include_archived: bool = False) -> list[UnitRow]:
    """The tree as it stood on ``day``, depth first in units.yaml order; archived units only on request."""
    parent_of = {u.id: u.parent_on(day) for u in ws.units.values()}
    children: dict[str | None, list[str]] = {}
    for unit_id, parent in parent_of.items():
        children.setdefault(parent if parent in ws.units else None, []).append(unit_id)
    rows: list[UnitRow] = []
    seen: set[str] = set()

    def walk(unit_id: str, depth: int) -> None:
        if unit_id in seen:
            return
        seen.add(unit_id)
        unit = ws.units[unit_id]
        shown = unit.exists_on(day) or include_archived
        if shown:
            owner = ws.people[unit.owner].name if unit.owner in ws.people else (unit.owner or "")
            if unit.archived is not None and unit.archived <= day:
                status = f"archived {unit.archived}"
            elif unit.since is not None and unit.since > day:
                status = f"from {unit.since}"
            else:
                status = "active"
            rows.append(UnitRow(unit.id, unit.name, unit.kind, depth, parent_of[unit_id] or "", owner, status))
        for child in children.get(unit_id, []):
            walk(child, depth + 1 if shown else depth)

    for root in children.get(None, []):
        walk(root, 0)
    return rows


def unit(ws: Workspace, unit_id: str) -> Unit:
    if unit_id not in ws.units:
        from rollout.org.names import suggest
        from rollout.workspace.references import known_records

        raise UsageError(f"unknown unit {unit_id!r}", hint=suggest(unit_id, known_records(ws, "unit"), "units list"))
    return ws.units[unit_id]


def _kind_under(ws: Workspace, parent_id: str) -> str:
    parent = unit(ws, parent_id)
    return "department" if parent.kind == "company" else "team"


def add_unit(
    stage: Staging,
    name: str,
    *,
    parent: str,
    kind: str | None = None,
    unit_id: str | None = None,
    owner: str | None = None,
    since: date | None = None,
) -> str:
    """Stage a new department or team under ``parent``; returns its id (from the name unless given).

    ``kind`` defaults to department under the company and team under anything else.
    """
    ws = stage.ws
    name = clean_name(name)  # one line, single spaces, as the import stores names
    if not name:
        raise UsageError("the name is empty")
    parent_unit = unit(ws, parent)
    if parent_unit.archived is not None:
        raise UsageError(f"{parent} was archived on {parent_unit.archived}; choose a unit that still exists")
    kind = kind or _kind_under(ws, parent)
    if kind == "company":
        raise UsageError("there is exactly one company unit; add departments and teams under it")
    unit_id = new_id(stage, UNITS, ws.units, unit_id, slugify(name), kind)
    for other in ws.units.values():
        if other.name.casefold() == name.casefold() and other.archived is None:
            raise UsageError(f"{other.id} is already called {other.name!r}", hint="give the new unit another name")
    if owner:
        from rollout.org.people import person

        person(ws, owner)  # an unknown id: a did-you-mean hint rather than a validation error
    stage.add(UNITS, {"id": unit_id, "name": name, "kind": kind, "parent": parent, "owner": owner, "since": since})
    return unit_id


def rename_unit(stage: Staging, unit_id: str, name: str) -> str:
    """Stage a new name (the id and every file named after it stay); returns the old name."""
    return stage.rename(UNITS, unit_id, unit(stage.ws, unit_id).name, name)


def set_owner(stage: Staging, unit_id: str, person_id: str) -> str | None:
    """Stage ``person_id`` as the owner of ``unit_id``; returns the previous owner (None if there was none).

    Refused for an archived unit, a person who left, or the owner it already has. Earlier
    cycles are not rewritten: an objective keeps the owner it names.
    """
    from rollout.org.people import person

    ws = stage.ws
    target = unit(ws, unit_id)
    who = person(ws, person_id)
    if target.archived is not None:
        raise UsageError(f"{unit_id} was archived on {target.archived}")
    if who.left is not None:
        raise UsageError(f"{who.name} left on {who.left}; choose someone who is still here")
    if target.owner == person_id:
        raise UsageError(f"{who.name} already owns {target.name}")
    item = stage.find(UNITS, unit_id)
    if "owner" not in item:
        keys = list(item)
        item.insert(keys.index("parent") + 1 if "parent" in keys else len(keys), "owner", person_id)
    else:
        item["owner"] = person_id
    return target.owner


def move_unit(stage: Staging, unit_id: str, new_parent: str, day: date) -> str:
    """Stage a move under ``new_parent`` from ``day`` on; returns the former parent.

    The former parent is kept in ``former_parents`` up to the day before, so cycles
    that ended before ``day`` still show the unit where it was. A department stays
    under the company; a team moves to a department or another team.
    """
    ws = stage.ws
    moving = unit(ws, unit_id)
    target = unit(ws, new_parent)
    if moving.kind == "company":
        raise UsageError("the company unit has no parent to move to")
    if moving.archived is not None:
        raise UsageError(f"{unit_id} was archived on {moving.archived}")
    if target.archived is not None:
        raise UsageError(f"{new_parent} was archived on {target.archived}; choose a unit that still exists")
    if new_parent == moving.parent:
        raise UsageError(f"{unit_id} already sits under {new_parent}")
    if moving.kind == "department":
        raise UsageError("a department always sits under the company", hint="move its teams instead")
    if LEVEL[target.kind] == LEVEL["company"]:
        raise UsageError(f"a team sits under a department or another team, not the company {new_parent}")
    node: str | None = new_parent
    while node is not None:
        if node == unit_id:
            if new_parent == unit_id:
                raise UsageError(f"{unit_id} cannot move under itself")
            raise UsageError(f"{new_parent} sits under {unit_id}; a unit cannot move under its own team")
        node = ws.units[node].parent if node in ws.units else None
    if moving.since is not None and day <= moving.since:
        raise UsageError(f"{unit_id} was set up on {moving.since}; move it on a later day (--on)")
    until = day - timedelta(days=1)
    if moving.former_parents and moving.former_parents[-1].until >= until:
        raise UsageError(
            f"{unit_id} last moved on {moving.former_parents[-1].until + timedelta(days=1)}; "
            f"a later move needs a day after that (--on)"
        )
    item = stage.find(UNITS, unit_id)
    if item.get("former_parents") is None:
        keys = list(item)
        item.insert(keys.index("parent") + 1 if "parent" in keys else len(keys), "former_parents", to_yaml_value([]))
    item["former_parents"].append(to_yaml_value({"unit": moving.parent, "until": until}))
    item["parent"] = new_parent
    return moving.parent or ""


def archive_unit(stage: Staging, unit_id: str, day: date) -> None:
    """Stage the dissolution of a unit on ``day`` (its first day gone); its records stay.

    Refused for the company and while units still sit under it (move or archive them first).
    """
    ws = stage.ws
    target = unit(ws, unit_id)
    if target.kind == "company":
        raise UsageError("the company unit cannot be archived")
    if target.archived is not None:
        raise UsageError(f"{unit_id} was already archived on {target.archived}")
    if target.since is not None and day <= target.since:
        raise UsageError(f"{unit_id} was set up on {target.since}; archive it on a later day")
    if target.former_parents and day <= target.former_parents[-1].until:
        moved = target.former_parents[-1].until + timedelta(days=1)
        raise UsageError(f"{unit_id} moved under {target.parent} on {moved}; archive it on or after that day (--on)")
    below = [u.id for u in ws.units.values() if u.parent == unit_id and u.archived is None]
    if below:
        raise UsageError(
            f"{', '.join(below)} still {noun(len(below), 'sits', 'sit')} under {unit_id}",
            hint="move them first (`rollout units move UNIT --to PARENT`) or archive them",
        )
    stage.find(UNITS, unit_id)["archived"] = day


def remove_unit(stage: Staging, unit_id: str) -> None:
    """Delete a unit nothing names; refused (with the places) when history names it."""
    target = unit(stage.ws, unit_id)
    if target.kind == "company":
        raise UsageError("the company unit cannot be deleted")
    instead = f"archive it instead: rollout units archive {unit_id}"
    stage.remove(UNITS, unit_id, unit_uses(stage.ws, unit_id), them="it", instead=instead)

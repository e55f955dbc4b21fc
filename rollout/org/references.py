"""Cross-record checks of the organization's history and of secondary alignment.

Called by the loader (:func:`rollout.workspace.loader.load`) after the per-record
models validated, so that every problem is reported with its file, line and field:

- ``people[].manager`` names a person, not the person themself, and managers form
  no loop;
- ``units[].former_parents[].unit`` names a unit that can hold this one (a
  department sits under the company, a team under a department or team), and is
  not the unit itself; a unit is archived no earlier than it was set up nor than
  the last day it sat under a former parent, moved no earlier than it was set up, no unit
  still sits under a unit that was archived before it, and a unit has no OKRs in a
  cycle that starts after it was archived or ends before it was set up;
- ``objectives[].contributes_to`` names objectives that exist, not the objective
  itself nor its parent (that link is already there), without repeats, and the
  links (parent and contributes_to together) form no loop.
"""

from __future__ import annotations

from rollout.errors import Problem
from rollout.workspace.workspace import Workspace


def org_problems(ws: Workspace) -> list[Problem]:
    """Every problem of the organization history and of ``contributes_to`` (empty when all is well)."""
    out: list[Problem] = []
    _people(ws, out)
    _units(ws, out)
    _okrs_of_dissolved_units(ws, out)
    _contributes_to(ws, out)
    return out


def _people(ws: Workspace, out: list[Problem]) -> None:
    for person in ws.people.values():
        if person.manager is None:
            continue
        if person.manager == person.id:
            out.append(ws.problem(person, "a person cannot report to themself", "manager"))
        elif person.manager not in ws.people:
            out.append(ws.problem(person, f"unknown person {person.manager!r}", "manager"))
    reported: set[str] = set()
    for start in ws.people:
        chain: list[str] = []
        node: str | None = start
        while node is not None and node in ws.people and node not in chain:
            chain.append(node)
            node = ws.people[node].manager
        if node is not None and node in chain and node != ws.people[node].manager:
            loop = chain[chain.index(node) :]
            first = min(loop)
            if first not in reported:
                reported.add(first)
                out.append(
                    ws.problem(ws.people[first], f"managers form a loop: {' → '.join([*loop, loop[0]])}", "manager")
                )


def _units(ws: Workspace, out: list[Problem]) -> None:
    units = ws.units
    for unit in units.values():
        for i, former in enumerate(unit.former_parents):
            parent = units.get(former.unit)
            where = ("former_parents", i, "unit")
            if former.unit == unit.id:
                out.append(ws.problem(unit, "a unit cannot sit under itself", *where))
            elif parent is None:
                out.append(ws.problem(unit, f"unknown unit {former.unit!r}", *where))
            elif unit.kind == "department" and parent.kind != "company":
                out.append(ws.problem(unit, f"a department sits under the company, not {former.unit!r}", *where))
            elif unit.kind == "team" and parent.kind == "company":
                out.append(ws.problem(unit, "a team sits under a department or another team", *where))
        if unit.archived is not None and unit.since is not None and unit.archived <= unit.since:
            out.append(ws.problem(unit, "archived on or before the day it was set up", "archived"))
        last_until = unit.former_parents[-1].until if unit.former_parents else None
        if unit.archived is not None and last_until is not None and unit.archived <= last_until:
            out.append(
                ws.problem(
                    unit,
                    f"archived on {unit.archived}, on or before {last_until}, a day it still sat under "
                    f"{unit.former_parents[-1].unit!r} (former_parents): a unit is dissolved after it moved",
                    "archived",
                )
            )
        if unit.since is not None and unit.former_parents and unit.former_parents[0].until < unit.since:
            out.append(
                ws.problem(
                    unit,
                    f"former_parents reach back to {unit.former_parents[0].until}, "
                    f"before it was set up on {unit.since}",
                    "former_parents",
                    0,
                    "until",
                )
            )
        parent = units.get(unit.parent or "")
        if (
            parent is not None
            and parent.archived is not None
            and (unit.archived is None or unit.archived > parent.archived)
        ):
            out.append(
                ws.problem(
                    unit,
                    f"sits under {parent.id!r}, which was archived on {parent.archived}; "
                    "move it first (`rollout units move`) or archive it too",
                    "parent",
                )
            )


def _okrs_of_dissolved_units(ws: Workspace, out: list[Problem]) -> None:
    """OKRs of a unit in a cycle that starts on or after the day it was archived (or ends before it was set up)."""
    for (cycle_id, unit_id), objectives in ws.okr_files.items():
        unit, cycle = ws.units.get(unit_id), ws.cycles.get(cycle_id)
        if unit is None or cycle is None or not objectives:
            continue
        if unit.archived is not None and cycle.start >= unit.archived:
            message = f"{unit_id} was archived on {unit.archived}, before {cycle_id} started; it has no OKRs then"
            out.append(ws.problem(objectives[0], message))
        elif unit.since is not None and cycle.end < unit.since:
            message = f"{unit_id} was set up on {unit.since}, after {cycle_id} ended"
            out.append(ws.problem(objectives[0], message))


def _contributes_to(ws: Workspace, out: list[Problem]) -> None:
    objectives = ws.objectives
    for objective in objectives.values():
        seen: set[str] = set()
        for i, target in enumerate(objective.contributes_to):
            if target == objective.id:
                out.append(ws.problem(objective, "an objective cannot contribute to itself", "contributes_to", i))
            elif target == objective.parent:
                out.append(
                    ws.problem(objective, f"{target!r} is already its parent; name it once", "contributes_to", i)
                )
            elif target in seen:
                out.append(ws.problem(objective, f"{target!r} is named twice", "contributes_to", i))
            elif target not in objectives:
                out.append(ws.problem(objective, f"unknown objective {target!r}", "contributes_to", i))
            seen.add(target)
    # Loops through parent and contributes_to links together (a loop of parents alone is the loader's).
    if not any(o.contributes_to for o in objectives.values()):
        return
    links = {
        o.id: [t for t in (o.parent, *o.contributes_to) if t is not None and t in objectives and t != o.id]
        for o in objectives.values()
    }
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    reported: set[frozenset[str]] = set()
    for start in sorted(objectives):
        if state.get(start):
            continue
        path: list[str] = [start]
        todo = [iter(links[start])]
        state[start] = 1
        while todo:
            nxt = next(todo[-1], None)
            if nxt is None:
                state[path.pop()] = 2
                todo.pop()
            elif state.get(nxt) == 1:
                loop = path[path.index(nxt) :]
                pairs = zip(loop, [*loop[1:], loop[0]], strict=True)
                if frozenset(loop) not in reported and not all(objectives[a].parent == b for a, b in pairs):
                    reported.add(frozenset(loop))
                    message = f"alignment links form a loop: {' → '.join([*loop, loop[0]])}"
                    out.append(ws.problem(objectives[min(loop)], message, "contributes_to"))
            elif not state.get(nxt):
                state[nxt] = 1
                path.append(nxt)
                todo.append(iter(links[nxt]))

"""The organization as it was on a given day.

A reorganisation never rewrites history: a unit that moves keeps its earlier
parents in ``former_parents`` (each valid up to and including its ``until`` day),
a dissolved unit keeps its record with an ``archived`` day, and a person who left
keeps theirs with a ``left`` day. Reports of a cycle ask for the tree of that
cycle's :func:`org_day`, so a team that moved from Sales to Customer Success in
April stays under Sales in the Q1 pack, and a team dissolved in April still shows
its Q1 OKRs.
"""

from __future__ import annotations

from datetime import date

from rollout.workspace.models import Cycle, Unit
from rollout.workspace.workspace import Workspace


def org_day(ws: Workspace, cycle: Cycle) -> date:
    """The day whose organization a cycle's pages and packs show.

    A cycle that is closed or already over: its last day (``cycle.end``). A running
    cycle: today (``ws.today``, which ``as_of`` in rollout.yaml can fix), kept inside
    the cycle's dates. A planned cycle: its first day.
    """
    if cycle.status == "closed" or cycle.end < ws.today:
        return cycle.end
    return min(max(ws.today, cycle.start), cycle.end)


def unit_tree_on(ws: Workspace, day: date) -> dict[str, str | None]:
    """Unit id → id of the unit it sat under on ``day`` (None for the company).

    Every unit of ``units.yaml`` is in the result, including units not yet set up
    or already archived that day: a report shows a unit when it has OKRs in the
    cycle, whatever its dates, and places it where it was.
    """
    return {unit.id: unit.parent_on(day) for unit in ws.units.values()}


def department_on(ws: Workspace, unit_id: str, day: date) -> Unit | None:
    """The department a unit belonged to on ``day`` (itself for a department; None for the company)."""
    unit = ws.units.get(unit_id)
    seen: set[str] = set()
    while unit is not None and unit.kind == "team" and unit.id not in seen:
        seen.add(unit.id)
        unit = ws.units.get(unit.parent_on(day) or "")
    return unit if unit is not None and unit.kind == "department" else None


def active_units(ws: Workspace, day: date) -> list[Unit]:
    """Units that exist on ``day`` (set up and not archived), in units.yaml order."""
    return [unit for unit in ws.units.values() if unit.exists_on(day)]

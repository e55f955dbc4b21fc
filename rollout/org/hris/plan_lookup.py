"""Lookups the HRIS import planner makes.

A field's column in the sheet, a unit by id or name, a unit's parent after the import.

Split out of :mod:`rollout.org.hris.plan` (404 lines) along its seam; the planner there calls these.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rollout.org.hris.plan import ImportPlan
    from rollout.org.hris.sheet import PersonRow
    from rollout.workspace.workspace import Workspace


def _column_of(key: str, r: PersonRow) -> str:
    if key == "manager":
        return "manager_email" if "manager_email" in r.row.table.positions else "manager"
    if key == "unit":
        return "team" if "team" in r.row.table.positions else "department"
    return key


def _target_parent(plan: ImportPlan, ws: Workspace, unit_id: str) -> str | None:
    for moved, _old, new in plan.moved_units:
        if moved == unit_id:
            return new
    department = ws.department_of(unit_id)
    return department.id if department else None


def _unit_id(ws: Workspace, plan: ImportPlan, text: str) -> str | None:
    from rollout.tabular import name_key

    if text in ws.units or any(u["id"] == text for u in plan.new_units):
        return text
    for unit in ws.units.values():
        if name_key(unit.name) == name_key(text):
            return unit.id
    for record in plan.new_units:
        if name_key(record["name"]) == name_key(text):
            return str(record["id"])
    return None

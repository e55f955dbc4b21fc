"""Staging an import plan and describing it by name (see :mod:`rollout.org.hris`)."""

from __future__ import annotations

from datetime import timedelta

from rollout.org.hris.plan import ImportPlan
from rollout.org.store import Staging
from rollout.workspace.editing import to_yaml_value


def apply_import(stage: Staging, plan: ImportPlan) -> None:
    """Stage the plan's changes in people.yaml and units.yaml (commit writes them all-or-nothing)."""
    units = stage.records("units.yaml")
    for record in plan.new_units:
        units.append(to_yaml_value(record))
    for unit_id, _old, new in plan.moved_units:
        item = stage.find("units.yaml", unit_id)
        old_parent = str(item["parent"])
        if item.get("former_parents") is None:
            keys = list(item)
            item.insert(keys.index("parent") + 1, "former_parents", to_yaml_value([]))
        item["former_parents"].append(to_yaml_value({"unit": old_parent, "until": plan.day - timedelta(days=1)}))
        item["parent"] = new
    people = stage.records("people.yaml")
    for record in plan.new_people:
        people.append(to_yaml_value(record))
    for pid, changes in plan.changed_people:
        item = stage.find("people.yaml", pid)
        for key, (_old, new) in changes.items():
            if new is None:
                item.pop(key, None)
            else:
                item[key] = new
    if plan.mark_left:
        for pid in plan.missing_people:
            stage.find("people.yaml", pid)["left"] = plan.day
    for unit_id, _previous, owner in plan.owners:
        stage.find("units.yaml", unit_id)["owner"] = owner


def describe(plan: ImportPlan, *, dry_run: bool) -> list[str]:
    """The plan by name, one line per unit and person, in the order it applies them."""
    unit, person = plan.unit_names, plan.person_names

    def verb(now: str, past: str) -> str:
        return f"would {now}" if dry_run else past

    lines: list[str] = []
    for record in plan.new_units:
        under = unit.get(record["parent"], record["parent"])
        lines.append(f"{'would add' if dry_run else 'added'} {record['kind']} {record['name']} (under {under})")
    for unit_id, old, new in plan.moved_units:
        lines.append(
            f"{verb('move', 'moved')} team {unit[unit_id]} from {unit.get(old, old)} to {unit.get(new, new)} "
            f"on {plan.day} (earlier cycles keep it where it was)"
        )
    for record in plan.new_people:
        where = f", {unit.get(record['unit'], record['unit'])}" if record.get("unit") else ""
        email = f" <{record['email']}>" if record.get("email") else ""
        lines.append(f"{'would add' if dry_run else 'added'} {record['name']}{email}{where} as {record['id']}")
    for pid, changes in plan.changed_people:
        parts = []
        for key, (old, new) in changes.items():
            if key == "name":
                parts.append(f"renamed {old} → {new}")
            elif key == "left":
                parts.append("back (no longer marked as left)")
            elif key == "unit":
                parts.append(f"unit {unit.get(old, old or '–')} → {unit.get(new, new or '–')}")
            elif key == "manager":
                parts.append(f"manager {person.get(old, old or '–')} → {person.get(new, new or '–')}")
            else:
                parts.append(f"{key} {old or '–'} → {new or '–'}")
        lines.append(f"{verb('change', 'changed')} {person.get(pid, pid)} ({pid}): {'; '.join(parts)}")
    for unit_id, previous, owner in plan.owners:
        before = f" (was {person.get(previous, previous)})" if previous else ""
        lines.append(f"{verb('make', 'made')} {person.get(owner, owner)} owner of {unit.get(unit_id, unit_id)}{before}")
    for pid in plan.missing_people:
        if plan.mark_left:
            lines.append(f"{verb('mark', 'marked')} {person[pid]} ({pid}) as left on {plan.day}")
        else:
            lines.append(f"not in the export: {person[pid]} ({pid}); --mark-left marks them as left")
    for unit_id in plan.empty_units:
        lines.append(
            f"nobody in the export works in {unit[unit_id]} ({unit_id}); "
            f"if it was dissolved: rollout units archive {unit_id} --on {plan.day}"
        )
    return lines

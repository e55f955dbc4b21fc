"""Matching an export's rows to the workspace and planning every change (see :mod:`rollout.org.hris`)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from rollout.errors import LoadError, Problem, UsageError
from rollout.org.hris.sheet import PersonRow
from rollout.org.people import unique_id
from rollout.workspace.create import slugify
from rollout.workspace.models import Person
from rollout.workspace.workspace import Workspace


@dataclass
class ImportPlan:
    """What an import changes, by name, in file order (see :func:`describe`)."""

    new_units: list[dict[str, Any]] = field(default_factory=list)
    moved_units: list[tuple[str, str, str]] = field(default_factory=list)  # (unit id, from, to)
    owners: list[tuple[str, str | None, str]] = field(default_factory=list)  # (unit id, old owner, new owner)
    new_people: list[dict[str, Any]] = field(default_factory=list)
    changed_people: list[tuple[str, dict[str, tuple[Any, Any]]]] = field(default_factory=list)
    missing_people: list[str] = field(default_factory=list)
    empty_units: list[str] = field(default_factory=list)  # existing teams nobody in the export works in
    mark_left: bool = False
    day: date = field(default_factory=date.today)
    unit_names: dict[str, str] = field(default_factory=dict)
    person_names: dict[str, str] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not (self.new_units or self.moved_units or self.owners or self.new_people or self.changed_people) and (
            not self.mark_left or not self.missing_people
        )


def plan_import(
    ws: Workspace,
    rows: list[PersonRow],
    source: str,
    *,
    owners: dict[str, str] | None = None,
    mark_left: bool = False,
    day: date | None = None,
) -> ImportPlan:
    """Check the rows against the workspace and plan every change (see the module docstring).

    ``owners``: unit (id or name) → person (id, email or name) overriding computed owners.
    ``day``: the day of the export (moves take effect and people leave on it; default today).
    Raises LoadError naming every bad row, UsageError for a bad ``owners`` entry.
    """
    from rollout.tabular import close_names, did_you_mean, name_key

    day = day or ws.today
    plan = ImportPlan(mark_left=mark_left, day=day)
    problems: list[Problem] = []
    company = ws.company
    if company is None:
        raise UsageError("the workspace has no company unit", hint="create one with `rollout init`")

    # --- people: match by email, then by name ------------------------------------------------
    by_email = {p.email.lower(): p for p in ws.people.values() if p.email}
    by_name: dict[str, list[Person]] = defaultdict(list)
    for p in ws.people.values():
        by_name[name_key(p.name)].append(p)
    taken_people = set(ws.people)
    person_of_row: dict[int, str] = {}
    matched: dict[str, int] = {}
    for r in rows:
        existing = by_email.get(r.email) if r.email else None
        if existing is None:
            candidates = [p for p in by_name.get(name_key(r.name), []) if not p.email or not r.email]
            if len(candidates) > 1:
                problems.append(
                    r.row.problem("name", f"{r.name!r} matches {len(candidates)} people; add their work email")
                )
                continue
            existing = candidates[0] if candidates else None
        if existing is not None and existing.id in matched:
            problems.append(r.row.problem("name", f"{r.name} is also on row {matched[existing.id]}"))
            continue
        if existing is not None:
            person_of_row[r.number] = existing.id
            matched[existing.id] = r.number
        else:
            new_id = unique_id(slugify(r.name, max_length=48), taken_people)
            taken_people.add(new_id)
            person_of_row[r.number] = new_id
    row_by_email = {r.email: r for r in rows if r.email}
    row_by_name: dict[str, list[PersonRow]] = defaultdict(list)
    for r in rows:
        row_by_name[name_key(r.name)].append(r)

    def resolve_person(text: str) -> str | Problem | None:
        """A person id for a name or email (the export first, then the workspace)."""
        key = text.strip().lower()
        if "@" in key:
            if key in row_by_email:
                return person_of_row.get(row_by_email[key].number)
            if key in by_email:
                return by_email[key].id
            return None
        in_rows = row_by_name.get(name_key(text), [])
        if len(in_rows) > 1:
            return Problem(source, 0, 0, "", f"{len(in_rows)} people are called {text!r}; name the manager by email")
        if in_rows:
            return person_of_row.get(in_rows[0].number)
        in_ws = by_name.get(name_key(text), [])
        if len(in_ws) == 1:
            return in_ws[0].id
        if text in ws.people:
            return text
        return None

    manager_of: dict[str, str | None] = {}
    for r in rows:
        pid = person_of_row.get(r.number)
        if pid is None:
            continue
        manager_of[pid] = None
        if not r.manager:
            continue
        found = resolve_person(r.manager)
        column = "manager_email" if "manager_email" in r.row.cells else "manager"
        if isinstance(found, Problem):
            problems.append(r.row.problem(column, found.message))
        elif found is None:
            hint = did_you_mean(close_names(r.manager, [x.name for x in rows]))
            problems.append(
                r.row.problem(
                    column, f"no person {r.manager!r} in the export or the workspace" + (f"; {hint}" if hint else "")
                )
            )
        elif found == pid:
            problems.append(r.row.problem(column, "a person cannot report to themself"))
        else:
            manager_of[pid] = found

    # --- units: departments by name, teams by name (moves) ----------------------------------
    departments = {name_key(u.name): u for u in ws.units.values() if u.kind == "department" and u.archived is None}
    teams = {name_key(u.name): u for u in ws.units.values() if u.kind == "team" and u.archived is None}
    taken_units = set(ws.units)
    unit_of_department: dict[str, str] = {}
    unit_of_team: dict[str, str] = {}
    new_unit_ids: dict[str, dict[str, Any]] = {}

    def new_unit(name: str, kind: str, parent: str, r: PersonRow, column: str, known: list[str]) -> str | None:
        close = close_names(name, known)
        if close:
            problems.append(
                r.row.problem(column, f"new {kind} {name!r} is nearly an existing one: {did_you_mean(close)}")
            )
            return None
        unit_id = unique_id(slugify(name), taken_units)
        taken_units.add(unit_id)
        record: dict[str, Any] = {"id": unit_id, "name": name, "kind": kind, "parent": parent}
        plan.new_units.append(record)
        new_unit_ids[unit_id] = record
        plan.unit_names[unit_id] = name
        return unit_id

    for r in rows:
        if not r.department:
            continue
        dkey = name_key(r.department)
        if dkey not in unit_of_department:
            existing_d = departments.get(dkey)
            if existing_d is not None:
                unit_of_department[dkey] = existing_d.id
            else:
                made = new_unit(
                    r.department, "department", company.id, r, "department", [u.name for u in departments.values()]
                )
                if made is None:
                    continue
                unit_of_department[dkey] = made
        if not r.team:
            continue
        tkey = name_key(r.team)
        parent_id = unit_of_department[dkey]
        if tkey in unit_of_team:
            placed = unit_of_team[tkey]
            placed_parent = (
                new_unit_ids[placed]["parent"] if placed in new_unit_ids else _target_parent(plan, ws, placed)
            )
            if placed_parent != parent_id:
                problems.append(r.row.problem("team", f"team {r.team!r} is under another department on an earlier row"))
            continue
        existing_t = teams.get(tkey)
        if existing_t is None:
            made = new_unit(r.team, "team", parent_id, r, "team", [u.name for u in teams.values()])
            if made is not None:
                unit_of_team[tkey] = made
            continue
        unit_of_team[tkey] = existing_t.id
        current_department = ws.department_of(existing_t.id)
        if current_department is not None and current_department.id != parent_id:
            if existing_t.parent == current_department.id:
                plan.moved_units.append((existing_t.id, current_department.id, parent_id))
            else:  # a team under a team: its department changes with its parent team; leave it
                problems.append(
                    r.row.problem(
                        "team",
                        f"team {r.team!r} sits under team {existing_t.parent!r}; move it with `rollout units move`",
                    )
                )

    if problems:
        raise LoadError(problems, what=source)

    # --- people records -----------------------------------------------------------------------
    def unit_for(r: PersonRow) -> str | None:
        if r.team:
            return unit_of_team.get(name_key(r.team))
        if r.department:
            return unit_of_department.get(name_key(r.department))
        return None

    for r in rows:
        pid = person_of_row[r.number]
        wanted: dict[str, Any] = {"name": r.name, "email": r.email or None, "title": r.title or None}
        wanted["unit"] = unit_for(r)
        wanted["manager"] = manager_of.get(pid)
        plan.person_names[pid] = r.name
        if pid not in ws.people:
            record = {"id": pid, **{k: v for k, v in wanted.items() if v is not None}}
            plan.new_people.append(record)
            continue
        person = ws.people[pid]
        changes: dict[str, tuple[Any, Any]] = {}
        for key, value in wanted.items():
            old = getattr(person, key)
            if (
                value is None
                and key in ("email", "title", "unit", "manager")
                and r.row.table.positions.get(_column_of(key, r)) is None
            ):
                continue  # the export has no such column: keep what the workspace has
            if old != value:
                changes[key] = (old, value)
        if person.left is not None:
            changes["left"] = (person.left, None)
        if changes:
            plan.changed_people.append((pid, changes))
    in_export = set(person_of_row.values())
    plan.missing_people = [p.id for p in ws.people.values() if p.id not in in_export and p.left is None]
    for pid in plan.missing_people:
        plan.person_names[pid] = ws.people[pid].name

    # --- owners -------------------------------------------------------------------------------
    members: dict[str, list[str]] = defaultdict(list)  # unit → person ids (a department includes its teams)
    for r in rows:
        pid = person_of_row[r.number]
        if r.department:
            members[unit_of_department[name_key(r.department)]].append(pid)
        if r.team:
            members[unit_of_team[name_key(r.team)]].append(pid)
    explicit: dict[str, str] = {}
    for r in rows:
        if r.owner:
            unit_id = unit_for(r)
            if unit_id is None:
                problems.append(r.row.problem("owner", "an owner needs a department or team"))
            elif unit_id in explicit and explicit[unit_id] != person_of_row[r.number]:
                problems.append(
                    r.row.problem(
                        "owner", f"{plan.unit_names.get(unit_id, unit_id)} already has an owner on an earlier row"
                    )
                )
            else:
                explicit[unit_id] = person_of_row[r.number]
    for unit_text, person_text in (owners or {}).items():
        unit_id = _unit_id(ws, plan, unit_text)
        found = resolve_person(person_text)
        if unit_id is None:
            raise UsageError(f"--owner {unit_text}={person_text}: unknown unit {unit_text!r}")
        if not isinstance(found, str):
            raise UsageError(f"--owner {unit_text}={person_text}: unknown person {person_text!r}")
        explicit[unit_id] = found
    if problems:
        raise LoadError(problems, what=source)
    depth = _depths(manager_of)
    reports = _report_counts(manager_of)
    order = {pid: n for n, pid in enumerate(person_of_row.values())}
    leaving = set(plan.missing_people) if mark_left else set()
    for unit_id, people in sorted(
        members.items(),
        key=lambda kv: (
            list(ws.units).index(kv[0]) if kv[0] in ws.units else len(ws.units) + list(new_unit_ids).index(kv[0])
        ),
    ):
        current = ws.units[unit_id].owner if unit_id in ws.units else None
        current_ok = (
            current is not None and current in ws.people and ws.people[current].left is None and current not in leaving
        )
        if unit_id in explicit:
            chosen = explicit[unit_id]
        elif current_ok:
            continue
        else:
            chosen = min(people, key=lambda p: (depth.get(p, 0), -reports.get(p, 0), order.get(p, 0)))
        if chosen != current:
            plan.owners.append((unit_id, current, chosen))
    if (
        person_of_row
        and company.id not in explicit
        and not (company.owner in ws.people and ws.people[company.owner].left is None and company.owner not in leaving)
    ):
        top = min(person_of_row.values(), key=lambda p: (depth.get(p, 0), -reports.get(p, 0), order.get(p, 0)))
        if top != company.owner:
            plan.owners.insert(0, (company.id, company.owner, top))
    plan.empty_units = [
        u.id for u in ws.units.values() if u.kind == "team" and u.archived is None and u.id not in members
    ]
    for unit_id in explicit:
        if unit_id not in members and ws.units.get(unit_id) and ws.units[unit_id].owner != explicit[unit_id]:
            plan.owners.append((unit_id, ws.units[unit_id].owner, explicit[unit_id]))
    for unit_id in list(ws.units) + list(new_unit_ids):
        plan.unit_names.setdefault(unit_id, ws.units[unit_id].name if unit_id in ws.units else unit_id)
    for pid in ws.people:
        plan.person_names.setdefault(pid, ws.people[pid].name)
    return plan


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


def _depths(manager_of: dict[str, str | None]) -> dict[str, int]:
    """Managers above each person within the export (a loop counts as the top)."""
    out: dict[str, int] = {}
    for start in manager_of:
        seen: list[str] = []
        node: str | None = start
        while node is not None and node in manager_of and node not in seen:
            seen.append(node)
            node = manager_of[node]
        out[start] = len(seen) - 1
    return out


def _report_counts(manager_of: dict[str, str | None]) -> dict[str, int]:
    """People reporting to each person, directly or not."""
    out: dict[str, int] = defaultdict(int)
    for start in manager_of:
        seen: set[str] = {start}
        node = manager_of[start]
        while node is not None and node not in seen:
            out[node] += 1
            seen.add(node)
            node = manager_of.get(node)
    return out

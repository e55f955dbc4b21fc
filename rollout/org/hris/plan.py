"""Matching an export's rows to the workspace and planning every change (see :mod:`rollout.org.hris`)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from rollout.errors import LoadError, Problem, UsageError
from rollout.org.hris.plan_lookup import _column_of, _target_parent, _unit_id
from rollout.org.hris.seniority import depths, manager_loops, report_counts
from rollout.org.hris.sheet import PersonRow
from rollout.org.people import unique_id
from rollout.workspace.create import slugify
from rollout.workspace.models import Person, Unit
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
    def changes(self) -> int:
        """How many records the import adds, moves or changes; people missing from the export count only
        when ``mark_left`` marks them (otherwise they are a note, like teams nobody works in)."""
        marked = len(self.missing_people) if self.mark_left else 0
        return (
            len(self.new_units)
            + len(self.moved_units)
            + len(self.owners)
            + len(self.new_people)
            + len(self.changed_people)
            + marked
        )

    @property
    def empty(self) -> bool:
        return self.changes == 0


def plan_import(
    ws: Workspace,
    rows: list[PersonRow],
    source: str,
    *,
    owners: dict[str, str] | None = None,
    mark_left: bool = False,
    day: date | None = None,
) -> ImportPlan:
    """Check the rows against the workspace and plan every change (see :mod:`rollout.org.hris`).

    ``owners``: unit (id or name) → person (id, email or name) overriding computed owners.
    ``day``: the day of the export (moves take effect and people leave on it; default today).
    Raises LoadError naming every bad row, UsageError for a bad ``owners`` entry.
    """
    company = ws.company
    if company is None:
        raise UsageError("the workspace has no company unit", hint="create one with `rollout init`")
    planner = _Planner(ws, rows, source, ImportPlan(mark_left=mark_left, day=day or ws.today))
    planner.match_people()
    planner.resolve_managers()
    planner.place_units(company.id)
    planner.raise_problems()
    planner.person_changes()
    planner.owners(company.id, owners or {})
    planner.raise_problems()
    return planner.plan


class _Planner:
    """The steps of :func:`plan_import`; problems are collected and raised together between steps."""

    def __init__(self, ws: Workspace, rows: list[PersonRow], source: str, plan: ImportPlan) -> None:
        from rollout.tabular import name_key

        self.ws, self.rows, self.source, self.plan = ws, rows, source, plan
        self.key = name_key
        self.problems: list[Problem] = []
        self.by_email = {p.email.lower(): p for p in ws.people.values() if p.email}
        self.by_name: dict[str, list[Person]] = defaultdict(list)
        for person in ws.people.values():
            self.by_name[name_key(person.name)].append(person)
        self.row_by_email = {r.email: r for r in rows if r.email}
        self.row_by_name: dict[str, list[PersonRow]] = defaultdict(list)
        for r in rows:
            self.row_by_name[name_key(r.name)].append(r)
        self.person_of_row: dict[int, str] = {}  # row number → person id (existing or new)
        self.manager_of: dict[str, str | None] = {}
        self.unit_of_department: dict[str, str] = {}  # name key → unit id
        self.unit_of_team: dict[str, str] = {}
        self.refused_moves: set[str] = set()  # teams whose move was refused: their later rows say nothing more
        self.new_units: dict[str, dict[str, Any]] = {}

    def raise_problems(self) -> None:
        if self.problems:
            raise LoadError(self.problems, what=self.source)

    # --- people: by email, then by name --------------------------------------------------------

    def match_people(self) -> None:
        taken = set(self.ws.people)
        matched: dict[str, int] = {}
        for r in self.rows:
            existing = self.by_email.get(r.email) if r.email else None
            if existing is None:
                candidates = [p for p in self.by_name.get(self.key(r.name), []) if not p.email or not r.email]
                if len(candidates) > 1:
                    message = f"{r.name!r} matches {len(candidates)} people; add their work email"
                    self.problems.append(r.row.problem("name", message))
                    continue
                existing = candidates[0] if candidates else None
            if existing is not None and existing.id in matched:
                self.problems.append(r.row.problem("name", f"{r.name} is also on row {matched[existing.id]}"))
            elif existing is not None:
                self.person_of_row[r.number] = existing.id
                matched[existing.id] = r.number
            else:
                new_id = unique_id(slugify(r.name, max_length=48), taken, "person")
                taken.add(new_id)
                self.person_of_row[r.number] = new_id

    def resolve_person(self, text: str) -> str | Problem | None:
        """A person id for a name or email: the export first, then the workspace (None: nobody)."""
        lowered = text.strip().lower()
        if "@" in lowered:
            if lowered in self.row_by_email:
                return self.person_of_row.get(self.row_by_email[lowered].number)
            return self.by_email[lowered].id if lowered in self.by_email else None
        in_rows = self.row_by_name.get(self.key(text), [])
        if len(in_rows) > 1:
            message = f"{len(in_rows)} people are called {text!r}; name the manager by email"
            return Problem(self.source, 0, 0, "", message)
        if in_rows:
            return self.person_of_row.get(in_rows[0].number)
        in_ws = self.by_name.get(self.key(text), [])
        if len(in_ws) == 1:
            return in_ws[0].id
        return text if text in self.ws.people else None

    def resolve_managers(self) -> None:
        from rollout.tabular import close_names
        from rollout.workspace.suggestions import meant

        row_of: dict[str, PersonRow] = {}
        for r in self.rows:
            pid = self.person_of_row.get(r.number)
            if pid is None:
                continue
            row_of[pid] = r
            self.manager_of[pid] = None
            if not r.manager:
                continue
            found = self.resolve_person(r.manager)
            column = "manager_email" if "manager_email" in r.row.cells else "manager"
            if isinstance(found, Problem):
                self.problems.append(r.row.problem(column, found.message))
            elif found is None:
                hint = meant(close_names(r.manager, [x.name for x in self.rows]))
                message = f"no person {r.manager!r} in the export or the workspace" + (f"; {hint}" if hint else "")
                self.problems.append(r.row.problem(column, message))
            elif found == pid:
                self.problems.append(r.row.problem(column, "a person cannot report to themself"))
            else:
                self.manager_of[pid] = found
        for loop in manager_loops(self.manager_of):
            r = row_of[loop[0]]
            names = " → ".join(row_of[p].name if p in row_of else p for p in [*loop, loop[0]])
            column = "manager_email" if "manager_email" in r.row.cells else "manager"
            self.problems.append(r.row.problem(column, f"managers form a loop: {names}"))

    # --- units: departments by name, teams by name (a team under another department moves) -----

    def place_units(self, company_id: str) -> None:
        ws, key = self.ws, self.key
        departments = {key(u.name): u for u in ws.units.values() if u.kind == "department" and u.archived is None}
        teams = {key(u.name): u for u in ws.units.values() if u.kind == "team" and u.archived is None}
        taken = set(ws.units)
        for r in self.rows:
            if not r.department:
                continue
            dkey = key(r.department)
            if dkey not in self.unit_of_department:
                found_d = departments.get(dkey)
                made = found_d.id if found_d else self._new_unit(r, "department", company_id, departments, taken)
                if made is None:
                    continue
                self.unit_of_department[dkey] = made
            if r.team:
                self._place_team(r, self.unit_of_department[dkey], teams, taken)

    def _place_team(self, r: PersonRow, parent_id: str, teams: dict[str, Unit], taken: set[str]) -> None:
        tkey = self.key(r.team)
        if tkey in self.unit_of_team:
            placed = self.unit_of_team[tkey]
            if placed in self.new_units:
                placed_parent = self.new_units[placed]["parent"]
            else:
                placed_parent = _target_parent(self.plan, self.ws, placed)
            if placed_parent != parent_id and placed not in self.refused_moves:
                known = self.ws.units.get(placed_parent)
                earlier = self.plan.unit_names.get(placed_parent) or (known.name if known else placed_parent)
                self.problems.append(
                    r.row.problem(
                        "team",
                        f"team {r.team!r} is under {earlier!r} on an earlier row, under {r.department!r} here; "
                        "a team belongs to one department (rename one of the teams if they differ)",
                    )
                )
            return
        existing = teams.get(tkey)
        if existing is None:
            made = self._new_unit(r, "team", parent_id, teams, taken)
            if made is not None:
                self.unit_of_team[tkey] = made
            return
        self.unit_of_team[tkey] = existing.id
        department = self.ws.department_of(existing.id)
        if department is None or department.id == parent_id:
            return
        last = existing.former_parents[-1].until if existing.former_parents else None
        if existing.parent == department.id and last is not None and self.plan.day <= last + timedelta(days=1):
            # Its history already runs to that day: a move on it or earlier would reorder the past.
            message = (
                f"team {r.team!r} moved under {department.name!r} on {last + timedelta(days=1)}; this export is "
                f"for {self.plan.day}: import exports in date order, or give the export's day with --on"
            )
            self.problems.append(r.row.problem("team", message))
            self.refused_moves.add(existing.id)
        elif existing.parent == department.id:
            self.plan.moved_units.append((existing.id, department.id, parent_id))
        else:  # a team under a team moves with its parent team
            message = f"team {r.team!r} sits under team {existing.parent!r}; move it with `rollout units move`"
            self.problems.append(r.row.problem("team", message))

    def _new_unit(self, r: PersonRow, kind: str, parent: str, known: dict[str, Unit], taken: set[str]) -> str | None:
        from rollout.tabular import close_names
        from rollout.workspace.suggestions import meant

        name = r.department if kind == "department" else r.team
        close = close_names(name, [u.name for u in known.values()])
        if close:
            self.problems.append(r.row.problem(kind, f"new {kind} {name!r} is nearly an existing one: {meant(close)}"))
            return None
        unit_id = unique_id(slugify(name), taken, kind)
        taken.add(unit_id)
        record: dict[str, Any] = {"id": unit_id, "name": name, "kind": kind, "parent": parent}
        self.plan.new_units.append(record)
        self.new_units[unit_id] = record
        self.plan.unit_names[unit_id] = name
        return unit_id

    def unit_for(self, r: PersonRow) -> str | None:
        if r.team:
            return self.unit_of_team.get(self.key(r.team))
        if r.department:
            return self.unit_of_department.get(self.key(r.department))
        return None

    # --- what changes for each person ----------------------------------------------------------

    def person_changes(self) -> None:
        ws, plan = self.ws, self.plan
        for r in self.rows:
            pid = self.person_of_row[r.number]
            wanted: dict[str, Any] = {
                "name": r.name,
                "email": r.email or None,
                "title": r.title or None,
                "unit": self.unit_for(r),
                "manager": self.manager_of.get(pid),
            }
            plan.person_names[pid] = r.name
            if pid not in ws.people:
                plan.new_people.append({"id": pid, **{k: v for k, v in wanted.items() if v is not None}})
                continue
            person = ws.people[pid]
            changes: dict[str, tuple[Any, Any]] = {}
            for field_name, value in wanted.items():
                if value is None and field_name != "name" and _column_of(field_name, r) not in r.row.table.positions:
                    continue  # the export has no such column: keep what the workspace has
                if getattr(person, field_name) != value:
                    changes[field_name] = (getattr(person, field_name), value)
            if person.left is not None:
                changes["left"] = (person.left, None)
            if changes:
                plan.changed_people.append((pid, changes))
        in_export = set(self.person_of_row.values())
        plan.missing_people = [p.id for p in ws.people.values() if p.id not in in_export and p.left is None]
        for pid in plan.missing_people:
            plan.person_names[pid] = ws.people[pid].name

    # --- owners --------------------------------------------------------------------------------

    def owners(self, company_id: str, overrides: dict[str, str]) -> None:
        """Explicit owners first; else keep a current owner who stays; else the most senior member."""
        ws, plan = self.ws, self.plan
        members: dict[str, list[str]] = defaultdict(list)  # unit → person ids (a department includes its teams)
        for r in self.rows:
            pid = self.person_of_row[r.number]
            if r.department:
                members[self.unit_of_department[self.key(r.department)]].append(pid)
            if r.team:
                members[self.unit_of_team[self.key(r.team)]].append(pid)
        explicit = self._explicit_owners(overrides)
        depth, reports = depths(self.manager_of), report_counts(self.manager_of)
        order = {pid: n for n, pid in enumerate(self.person_of_row.values())}

        def most_senior(people: list[str]) -> str:
            return min(people, key=lambda p: (depth.get(p, 0), -reports.get(p, 0), order.get(p, 0)))

        leaving = set(plan.missing_people) if plan.mark_left else set()

        def stays(person_id: str | None) -> bool:
            return person_id in ws.people and ws.people[person_id].left is None and person_id not in leaving

        position = {u: n for n, u in enumerate([*ws.units, *self.new_units])}
        company = ws.units[company_id]
        if self.person_of_row and company_id not in explicit and not stays(company.owner):
            top = most_senior(list(self.person_of_row.values()))
            if top != company.owner:
                plan.owners.append((company_id, company.owner, top))
        for unit_id in sorted({*members, *explicit}, key=position.__getitem__):
            current = ws.units[unit_id].owner if unit_id in ws.units else None
            if unit_id in explicit:
                chosen = explicit[unit_id]
            elif stays(current) or unit_id not in members:
                continue
            else:
                chosen = most_senior(members[unit_id])
            if chosen != current and (unit_id, current, chosen) not in plan.owners:
                plan.owners.append((unit_id, current, chosen))
        plan.empty_units = [
            u.id for u in ws.units.values() if u.kind == "team" and u.archived is None and u.id not in members
        ]
        for unit_id in position:
            plan.unit_names.setdefault(unit_id, ws.units[unit_id].name if unit_id in ws.units else unit_id)
        for pid in ws.people:
            plan.person_names.setdefault(pid, ws.people[pid].name)

    def _explicit_owners(self, overrides: dict[str, str]) -> dict[str, str]:
        explicit: dict[str, str] = {}
        for r in self.rows:
            if not r.owner:
                continue
            unit_id = self.unit_for(r)
            if unit_id is None:
                self.problems.append(r.row.problem("owner", "an owner needs a department or team"))
            elif unit_id in explicit and explicit[unit_id] != self.person_of_row[r.number]:
                name = self.plan.unit_names.get(unit_id, unit_id)
                self.problems.append(r.row.problem("owner", f"{name} already has an owner on an earlier row"))
            else:
                explicit[unit_id] = self.person_of_row[r.number]
        for unit_text, person_text in overrides.items():
            unit_id = _unit_id(self.ws, self.plan, unit_text)
            found = self.resolve_person(person_text)
            if unit_id is None:
                raise UsageError(f"--owner {unit_text}={person_text}: unknown unit {unit_text!r}")
            if not isinstance(found, str):
                raise UsageError(f"--owner {unit_text}={person_text}: unknown person {person_text!r}")
            explicit[unit_id] = found
        return explicit

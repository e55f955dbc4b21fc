"""Planning an import: every row checked, every new record named, nothing written.

:func:`plan_import` reads the rows of a :class:`~rollout.tabular.Table` (see
:mod:`rollout.transfer.columns`) against a loaded workspace and returns an
:class:`ImportPlan`, or raises :class:`~rollout.errors.LoadError` listing every bad
cell (file, row, column header) at once. Rules, in the order they apply:

- cycles: an existing id (case-insensitive), or a new period id (``2027-Q1``, ``FY27-Q2``,
  ``2027-H1``) dated by ``fiscal_year:`` in rollout.yaml; a new cycle may not overlap another;
- units and people: see :mod:`rollout.transfer.names`;
- numbers and dates: :mod:`rollout.tabular.numbers` (a ``%`` cell makes the unit of measure
  ``%``; a key result title whose numbers are 100× its baseline or target is a warning);
- objectives: rows with the same cycle, unit and objective title (case-insensitive) are one
  objective; its own columns must agree between rows; an existing objective must agree too;
- parents: an objective id, or a title looked up among the objectives of the units above the
  row's unit in the same cycle (never the objective itself); an ambiguous title is an error;
- key results already in the objective (same title) are skipped, with a warning if they differ.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError

from rollout.errors import LoadError, Problem
from rollout.tabular import (
    DateOrder,
    NumberError,
    Row,
    Table,
    cell_date,
    cell_number,
    clean_name,
    name_key,
    parse_date_order,
)
from rollout.transfer.columns import (
    ALIGNMENT_WORDS,
    DIRECTION_WORDS,
    FALSE_WORDS,
    KEY_RESULT_COLUMNS,
    TRUE_WORDS,
)
from rollout.transfer.names import Registry, registries
from rollout.workspace import Workspace
from rollout.workspace.calendar import period_bounds
from rollout.workspace.create import slugify
from rollout.workspace.models import KeyResult, Objective, Person, Priority, Unit, check_cycle_id


@dataclass(frozen=True)
class ImportOptions:
    """``create_units``: a new unit without ``parent_unit`` becomes a department of the company;
    ``allow_new``: names that are new although close to existing ones; ``date_order``:
    how slashed dates read (else rollout.yaml's ``spreadsheets.date_format``)."""

    create_units: bool = False
    allow_new: frozenset[str] = frozenset()
    date_order: DateOrder | None = None


@dataclass
class PlannedObjective:
    cycle: str
    unit: str
    row: int
    existing: str | None  # id of the objective already in the workspace
    record: dict[str, Any]  # the new objective (id, title, fields), or the fields asked of an existing one
    key_results: list[dict[str, Any]] = field(default_factory=list)
    titles: dict[str, int] = field(default_factory=dict)  # key result title key → row
    parent_text: tuple[int, str] | None = None


@dataclass
class ImportPlan:
    """What an import adds, checked before anything is written."""

    new_cycles: list[dict[str, Any]] = field(default_factory=list)
    new_units: list[dict[str, Any]] = field(default_factory=list)
    new_people: list[dict[str, Any]] = field(default_factory=list)
    new_priorities: list[dict[str, Any]] = field(default_factory=list)
    objectives: dict[tuple[str, str, str], PlannedObjective] = field(default_factory=dict)
    objectives_added: int = 0
    key_results_added: int = 0
    skipped: int = 0
    warnings: list[Problem] = field(default_factory=list)

    def new_records(self, ws: Workspace) -> list[tuple[str, list[str]]]:
        """``[("cycle", [...]), ("unit", [...]), ...]``: every record the import creates, described."""
        names = {u.id: u.name for u in ws.units.values()} | {u["id"]: u["name"] for u in self.new_units}
        return [
            ("cycle", [f"{c['id']} ({c['start']} → {c['end']})" for c in self.new_cycles]),
            ("unit", [f"{u['name']} ({u['kind']} of {names[u['parent']]}, id {u['id']})" for u in self.new_units]),
            ("person", [f"{p['name']} (id {p['id']})" for p in self.new_people]),
            ("priority", [f"{p['title']} (id {p['id']})" for p in self.new_priorities]),
        ]


_NUMBER_IN_TEXT = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)?")


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def title_contradiction(title: str, baseline: float | None, target: float | None) -> str | None:
    """A warning when the title's numbers are 100× the baseline/target (a 25% cell read as 0.25)."""
    numbers = [float(n.replace(",", ".")) for n in _NUMBER_IN_TEXT.findall(title)]
    values = [v for v in (baseline, target) if v is not None]
    if not numbers or not values or any(_same(v, n) for v in values for n in numbers):
        return None
    for factor in (100.0, 0.01):
        if all(any(_same(v * factor, n) for n in numbers) for v in values):
            shown = ", ".join(f"{v:g}" for v in values)
            return f"the title says {', '.join(f'{n:g}' for n in numbers)} but baseline/target are {shown}"
    return None


class _Planner:
    def __init__(self, ws: Workspace, table: Table, options: ImportOptions) -> None:
        self.ws, self.table, self.options = ws, table, options
        self.plan = ImportPlan()
        self.problems: list[Problem] = []
        self.repeats: dict[tuple[str, str], tuple[int, list[int]]] = {}
        self.units, self.people = registries(ws, {name_key(n) for n in options.allow_new})
        self.unit_parent: dict[str, str | None] = {u.id: u.parent for u in ws.units.values()}
        self.unit_kind: dict[str, str] = {u.id: u.kind for u in ws.units.values()}
        self.cycles: dict[str, str] = {c.lower(): c for c in ws.cycles}
        self.cycle_dates = {c.id: (c.start, c.end) for c in ws.cycles.values()}
        self.objective_ids = set(ws.objectives) | set(ws.key_results)
        self.priorities = Registry("priority", {p.id: p.title for p in ws.priorities.values()}, self.units.allow_new)
        configured = ws.settings.spreadsheets.date_format
        self.order = options.date_order or (parse_date_order(configured) if configured else None)
        self.parent_rows: dict[str, tuple[Row, str]] = {}  # unit key → (row, parent unit text)
        for row in table.rows:
            if row.text("unit") and row.text("parent_unit"):
                self.parent_rows.setdefault(name_key(row.text("unit")), (row, row.text("parent_unit")))

    # --- cells ---------------------------------------------------------------------

    def bad(self, row: Row, column: str, message: str) -> None:
        self.problems.append(row.problem(column, message))

    def name_problem(self, row: Row, column: str, text: str, message: str) -> None:
        """One problem per unknown or ambiguous name, at its first row, listing the other rows."""
        key = (message, name_key(text))
        if key in self.repeats:
            self.repeats[key][1].append(row.number)
            return
        self.repeats[key] = (len(self.problems), [])
        self.bad(row, column, message)

    def grouped_problems(self) -> list[Problem]:
        problems = list(self.problems)
        for index, rows in self.repeats.values():
            if rows:
                more = ", ".join(map(str, rows[:10])) + (f" and {len(rows) - 10} more" if len(rows) > 10 else "")
                problem = problems[index]
                problems[index] = dataclasses.replace(problem, message=f"{problem.message} (also rows {more})")
        return problems

    def number(self, row: Row, column: str) -> tuple[float, str] | None:
        cell = row.cells.get(column)
        if cell is None:
            return None
        try:
            return cell_number(cell, self.table)
        except NumberError as exc:
            self.bad(row, column, f"{exc}" + (f"; {exc.hint}" if exc.hint else ""))
            return None

    def validated(self, row: Row, model: type[BaseModel], record: dict[str, Any], columns: dict[str, str]) -> bool:
        """Check a record against its model; each error is put on the row's matching column."""
        try:
            model.model_validate(record)
        except ValidationError as exc:
            for error in exc.errors():
                key = str(error["loc"][0]) if error["loc"] else ""
                message = error["msg"].removeprefix("Value error, ")
                self.bad(row, columns.get(key, key), message)
            return False
        return True

    # --- cycles, units, people -------------------------------------------------------

    def cycle(self, row: Row) -> str | None:
        text = row.text("cycle")
        known = self.cycles.get(text.lower())
        if known is not None:
            return known
        try:
            check_cycle_id(text)
        except ValueError as exc:
            self.bad(row, "cycle", str(exc))
            return None
        bounds = period_bounds(text, self.ws.settings.fiscal_year)
        if bounds is None:
            self.bad(
                row,
                "cycle",
                f"unknown cycle {text!r}; use a period id such as 2027-Q1, FY27-Q2 or 2027-H1, "
                "or add the cycle to cycles.yaml first",
            )
            return None
        start, end = bounds
        for other, (other_start, other_end) in self.cycle_dates.items():
            if start <= other_end and other_start <= end:
                self.bad(
                    row,
                    "cycle",
                    f"new cycle {text} ({start} → {end}) overlaps cycle {other} ({other_start} → {other_end})",
                )
                return None
        self.plan.new_cycles.append({"id": text, "start": start, "end": end, "status": "planned"})
        self.cycles[text.lower()] = text
        self.cycle_dates[text] = bounds
        return text

    def unit(self, row: Row, text: str, column: str, depth: int = 0) -> str | None:
        try:
            found = self.units.find(text)
        except ValueError as exc:
            self.name_problem(row, column, text, str(exc))
            return None
        if found is not None:
            if column == "unit":
                self._check_parent_matches(row, found, text)
            return found
        why = self.units.check_new(text)
        if why:
            self.name_problem(row, column, text, why)
            return None
        parent_row, parent_text = self.parent_rows.get(name_key(text), (row, ""))
        if parent_text:
            if depth > 10 or name_key(parent_text) == name_key(text):
                self.bad(parent_row, "parent_unit", f"unit {clean_name(text)!r} cannot be its own parent")
                return None
            parent = self.unit(parent_row, parent_text, "parent_unit", depth + 1)
        elif self.options.create_units and self.ws.company is not None:
            parent = self.ws.company.id
        else:
            self.name_problem(
                row,
                column,
                text,
                f"unknown unit {clean_name(text)!r}; give its parent in a parent_unit column, "
                "or pass --create-units to make it a department of the company",
            )
            return None
        if parent is None:
            return None
        kind = "department" if self.unit_kind.get(parent) == "company" else "team"
        record = {"kind": kind, "parent": parent}
        if not self.validated(row, Unit, {"id": "x", "name": clean_name(text), **record}, {"name": column}):
            return None
        unit_id = self.units.add(row, column, text, record, self.problems)
        if unit_id is not None:
            self.unit_parent[unit_id], self.unit_kind[unit_id] = parent, kind
            self.plan.new_units.append(self.units.new[unit_id])
        return unit_id

    def _check_parent_matches(self, row: Row, unit_id: str, text: str) -> None:
        parent_text = row.text("parent_unit")
        if not parent_text or unit_id not in self.ws.units:
            return
        try:
            wanted = self.units.find(parent_text)
        except ValueError:
            wanted = None
        actual = self.unit_parent.get(unit_id)
        if wanted != actual:
            shown = self.units.names.get(actual or "", "none")
            self.bad(
                row,
                "parent_unit",
                f"{clean_name(text)!r} is under {shown!r} in units.yaml, not {clean_name(parent_text)!r} "
                "(an import does not move units)",
            )

    def person(self, row: Row, column: str, text: str) -> str | None:
        try:
            found = self.people.find(text)
        except ValueError as exc:
            self.name_problem(row, column, text, str(exc))
            return None
        if found is not None:
            return found
        why = self.people.check_new(text)
        if why:
            self.name_problem(row, column, text, why)
            return None
        if not self.validated(row, Person, {"id": "x", "name": clean_name(text)}, {"name": column}):
            return None
        person_id = self.people.add(row, column, text, {}, self.problems)
        if person_id is not None:
            self.plan.new_people.append(self.people.new[person_id])
        return person_id

    def priority(self, row: Row, text: str) -> str | None:
        """A strategic priority by id or title; a new title becomes a new priority (typos refused)."""
        try:
            found = self.priorities.find(text)
        except ValueError as exc:
            self.name_problem(row, "priority", text, str(exc))
            return None
        if found is not None:
            return found
        why = self.priorities.check_new(text)
        if why:
            self.name_problem(row, "priority", text, why)
            return None
        if not self.validated(row, Priority, {"id": "x", "title": clean_name(text)}, {"title": "priority"}):
            return None
        priority_id = self.priorities.add(row, "priority", text, {}, self.problems, name_field="title")
        if priority_id is not None:
            self.plan.new_priorities.append(self.priorities.new[priority_id])
        return priority_id

    # --- objective and key result fields ------------------------------------------

    def objective_fields(self, row: Row) -> dict[str, Any]:
        fields: dict[str, Any] = {}
        owner_text = row.text("objective_owner") or (row.text("owner") if not row.text("key_result") else "")
        if owner_text:
            fields["owner"] = self.person(
                row, "objective_owner" if row.text("objective_owner") else "owner", owner_text
            )
        if row.text("alignment"):
            words = re.sub(r"[\s_\-]+", " ", row.text("alignment").casefold()).strip()
            if words in ALIGNMENT_WORDS:
                fields["alignment"] = ALIGNMENT_WORDS[words]
            else:
                self.bad(row, "alignment", f"{row.text('alignment')!r} is not bottom_up or cross_functional")
        if row.text("priority"):
            fields["priority"] = self.priority(row, row.text("priority"))
        if row.text("contributors"):
            text = row.text("contributors")
            parts = [p for p in re.split(";" if ";" in text else ",", text) if p.strip()]
            fields["contributors"] = [self.unit(row, p.strip(), "contributors") for p in parts]
        if row.text("description"):
            fields["description"] = row.text("description")
        return fields

    def key_result(self, row: Row) -> dict[str, Any]:
        kr: dict[str, Any] = {"title": row.text("key_result")}
        if row.text("metric"):
            kr["metric"] = row.text("metric")
        if row.text("direction"):
            direction = DIRECTION_WORDS.get(row.text("direction").strip().casefold())
            if direction is None:
                self.bad(row, "direction", f"{row.text('direction')!r} is not one of increase, decrease, milestone")
            kr["direction"] = direction
        percent: list[str] = []
        for column in ("baseline", "target"):
            found = self.number(row, column)
            if found is not None:
                kr[column] = found[0]
                if found[1] == "%":
                    percent.append(column)
        uom = row.text("unit_of_measure")
        if percent and uom and uom != "%":
            self.bad(row, percent[0], f"{row.text(percent[0])} is a percentage but unit_of_measure is {uom!r}")
        if percent and not uom:
            uom = "%"
        if uom:
            kr["unit_of_measure"] = uom
        if row.text("owner"):
            kr["owner"] = self.person(row, "owner", row.text("owner"))
        if "due" in row:
            try:
                kr["due"] = cell_date(row.cells["due"], self.order)
            except NumberError as exc:
                self.bad(row, "due", f"{exc}" + (f"; {exc.hint}" if exc.hint else ""))
        weight = self.number(row, "weight")
        if weight is not None:
            kr["weight"] = weight[0]
        if row.text("health_metric"):
            word = row.text("health_metric").strip().casefold()
            if word in TRUE_WORDS or word in FALSE_WORDS:
                kr["health_metric"] = word in TRUE_WORDS
            else:
                self.bad(row, "health_metric", f"{row.text('health_metric')!r} is not yes or no")
        warning = title_contradiction(kr["title"], kr.get("baseline"), kr.get("target"))
        if warning:
            self.plan.warnings.append(row.problem("key_result", warning))
        return kr

    # --- rows --------------------------------------------------------------------------

    def row(self, row: Row) -> None:
        before = len(self.problems)
        for column in ("cycle", "unit", "objective"):
            if not row.text(column):
                self.bad(row, column, "required value is empty")
        if len(self.problems) > before:
            return
        if not row.text("key_result"):
            given = [c for c in KEY_RESULT_COLUMNS if c != "owner" and row.text(c)]
            if given:
                self.bad(row, given[0], "a value for a key result, but the key_result cell is empty")
                return
        cycle = self.cycle(row)
        unit = self.unit(row, row.text("unit"), "unit")
        fields = self.objective_fields(row)
        kr = self.key_result(row) if row.text("key_result") else None
        if len(self.problems) > before or cycle is None or unit is None:
            return
        title = clean_name(row.text("objective"))
        key = (cycle, unit, name_key(title))
        planned = self.plan.objectives.get(key)
        if planned is None:
            planned = self._objective(row, cycle, unit, title, fields)
            if planned is None:
                return
            self.plan.objectives[key] = planned
        else:
            self._agree(row, planned, fields)
        if row.text("parent_objective") and planned.parent_text is None:
            planned.parent_text = (row.number, row.text("parent_objective"))
        if kr is not None:
            self._add_kr(row, planned, kr)

    def _objective(
        self, row: Row, cycle: str, unit: str, title: str, fields: dict[str, Any]
    ) -> PlannedObjective | None:
        existing = next((o for o in self.ws.objectives_in(cycle, unit) if name_key(o.title) == name_key(title)), None)
        if existing is not None:
            for name, value in fields.items():
                have = getattr(existing, name)
                if value != have and not (name == "contributors" and sorted(value) == sorted(have)):
                    self.bad(
                        row,
                        _column(name),
                        f"differs from the objective in the workspace ({name}: {have!r}); import only adds",
                    )
            planned = PlannedObjective(cycle, unit, row.number, existing.id, dict(fields))
            planned.titles = {name_key(k.title): 0 for k in existing.key_results}
            return planned
        objective_id = _unique(slugify(f"{unit}-{title}", 56), self.objective_ids)
        record = {"id": objective_id, "title": title, **fields}
        if not self.validated(row, Objective, record, {"title": "objective", **{k: _column(k) for k in fields}}):
            return None
        self.plan.objectives_added += 1
        return PlannedObjective(cycle, unit, row.number, None, record)

    def _agree(self, row: Row, planned: PlannedObjective, fields: dict[str, Any]) -> None:
        for name, value in fields.items():
            have = planned.record.get(name)
            if have is not None and have != value:
                self.bad(row, _column(name), f"differs from row {planned.row} of the same objective ({have!r})")
            elif have is None and planned.existing is None:
                planned.record[name] = value

    def _add_kr(self, row: Row, planned: PlannedObjective, kr: dict[str, Any]) -> None:
        kr_key = name_key(kr["title"])
        if kr_key in planned.titles:
            first = planned.titles[kr_key]
            if first:
                self.bad(row, "key_result", f"the same key result as row {first}")
                return
            self.plan.skipped += 1
            existing = next(
                k for k in self.ws.objectives[planned.existing or ""].key_results if name_key(k.title) == kr_key
            )
            differs = [n for n, v in kr.items() if n != "title" and getattr(existing, n) != v]
            if differs:
                self.plan.warnings.append(
                    row.problem("key_result", f"already in the workspace with other {', '.join(differs)}; not changed")
                )
            return
        base = planned.existing or planned.record["id"]
        kr_id = _unique(f"{base[:58]}-kr{len(planned.titles) + 1}", self.objective_ids)
        record = {"id": kr_id, **kr}
        columns = {"title": "key_result", **{c: c for c in KEY_RESULT_COLUMNS}}
        if not self.validated(row, KeyResult, record, columns):
            return
        planned.titles[kr_key] = row.number
        planned.key_results.append(record)
        self.plan.key_results_added += 1

    # --- parents -----------------------------------------------------------------------

    def ancestors(self, unit: str) -> list[str]:
        chain, seen = [], {unit}
        parent = self.unit_parent.get(unit)
        while parent is not None and parent not in seen:
            chain.append(parent)
            seen.add(parent)
            parent = self.unit_parent.get(parent)
        return chain

    def parents(self) -> None:
        by_title: dict[tuple[str, str, str], list[str]] = {}
        for objective in self.ws.objectives.values():
            by_title.setdefault((objective.cycle, objective.unit, name_key(objective.title)), []).append(objective.id)
        for (cycle, unit, key), planned in self.plan.objectives.items():
            if planned.existing is None:
                by_title.setdefault((cycle, unit, key), []).append(planned.record["id"])
        for planned in self.plan.objectives.values():
            if planned.parent_text is None:
                continue
            number, text = planned.parent_text
            own = planned.existing or planned.record["id"]
            row = next(r for r in self.table.rows if r.number == number)
            parent = self._parent(row, planned, own, text, by_title)
            if parent is None:
                continue
            if planned.existing is not None:
                have = self.ws.objectives[planned.existing].parent
                if have != parent:
                    self.bad(row, "parent_objective", f"differs from the objective in the workspace (parent: {have!r})")
            else:
                planned.record["parent"] = parent

    def _parent(
        self, row: Row, planned: PlannedObjective, own: str, text: str, by_title: dict[tuple[str, str, str], list[str]]
    ) -> str | None:
        if text == own or (text in self.ws.objectives and text == planned.existing):
            self.bad(row, "parent_objective", "an objective cannot be its own parent")
            return None
        if text in self.ws.objectives:
            return text
        key = name_key(text)
        found = [(u, oid) for u in self.ancestors(planned.unit) for oid in by_title.get((planned.cycle, u, key), [])]
        if len(found) == 1:
            return found[0][1]
        if len(found) > 1:
            units = ", ".join(self.units.names.get(u, u) for u, _ in found)
            self.bad(
                row, "parent_objective", f"{clean_name(text)!r} is the title of objectives in {units}; write the id"
            )
            return None
        elsewhere = [u for (c, u, k) in by_title if c == planned.cycle and k == key and u != planned.unit]
        if elsewhere:
            names = ", ".join(self.units.names.get(u, u) for u in elsewhere)
            self.bad(
                row,
                "parent_objective",
                f"{clean_name(text)!r} is an objective of {names}, which is not above "
                f"{self.units.names.get(planned.unit, planned.unit)}; a parent comes from a unit above",
            )
        else:
            self.bad(row, "parent_objective", f"no objective {clean_name(text)!r} in {planned.cycle} in a unit above")
        return None


def _column(field_name: str) -> str:
    return {"owner": "objective_owner", "parent": "parent_objective", "title": "objective"}.get(field_name, field_name)


def _unique(base: str, taken: set[str]) -> str:
    candidate, n = base, 2
    while candidate in taken:
        tail = f"-{n}"
        candidate, n = base[: 64 - len(tail)] + tail, n + 1
    taken.add(candidate)
    return candidate


def plan_import(ws: Workspace, table: Table, options: ImportOptions | None = None) -> ImportPlan:
    """Check every row of ``table`` against ``ws`` and plan the additions (see the module doc).

    Raises :class:`~rollout.errors.LoadError` naming every bad cell; nothing is written.
    """
    planner = _Planner(ws, table, options or ImportOptions())
    for row in table.rows:
        planner.row(row)
    if not planner.problems:
        planner.parents()
    if planner.problems:
        raise LoadError(planner.grouped_problems(), what=table.source)
    return planner.plan

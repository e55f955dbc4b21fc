"""Checking the cells of an import row and resolving cycles, units, people and priorities.

:class:`Resolver` holds the state of one import (the workspace, the sheet, the plan so far
and the problems found) and turns the texts of a row into ids: an existing record, or a new
one added to the plan (see :mod:`rollout.transfer.names` for the name rules and
:mod:`rollout.workspace.calendar` for new cycles). Every refusal becomes a
:class:`~rollout.errors.Problem` at the row's cell; one unknown name is one problem, at its
first row, listing the other rows.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from pydantic import BaseModel, ValidationError

from rollout.errors import Problem
from rollout.tabular import (
    NumberError,
    Row,
    Table,
    cell_number,
    clean_name,
    name_key,
    parse_date_order,
)
from rollout.transfer.names import Registry, registries
from rollout.transfer.plan import ImportOptions, ImportPlan
from rollout.workspace import Workspace, messages
from rollout.workspace.calendar import period_bounds
from rollout.workspace.models import Person, Priority, Unit, check_cycle_id


class Resolver:
    def __init__(self, ws: Workspace, table: Table, options: ImportOptions) -> None:
        self.ws, self.table, self.options = ws, table, options
        self.plan = ImportPlan()
        self.cycle_rows: dict[str, Row] = {}  # new cycle id → the first row that names it
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
        for index, repeated in self.repeats.values():
            problem = problems[index]
            rows = sorted(set(repeated) - {problem.line})
            if rows:
                more = ", ".join(map(str, rows[:10])) + (f" and {len(rows) - 10} more" if len(rows) > 10 else "")
                word = "row" if len(rows) == 1 else "rows"
                problems[index] = dataclasses.replace(problem, message=f"{problem.message} (also {word} {more})")
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
            for path, message in messages.problems(exc, record).items():
                key = str(path[0]) if path else ""
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
        self.cycle_rows[text] = row
        self.cycles[text.lower()] = text
        self.cycle_dates[text] = bounds
        return text

    def running_cycles(self) -> None:
        """Mark the new cycle whose dates hold today (as-of) ``running``, once every row is planned.

        The least surprise: the quarter the organization is in is the one the pages lead with
        and check-ins go to. So a new cycle holding today runs when no cycle runs. A cycle
        still marked running after its end (ended, not closed) with no OKRs at all, even after
        this import, holds nothing to score: it is marked closed on as-of, and the new one runs
        (said as a warning). One with OKRs must be closed by a person (``rollout close``
        scores it and asks for decisions): the new cycle stays planned, and a warning says so;
        after the close, the cycle whose dates hold today is the running one.
        """
        today = self.ws.today
        holding = [c for c in self.plan.new_cycles if c["start"] <= today <= c["end"]]
        if not holding:
            return
        new, row = holding[0], self.cycle_rows[holding[0]["id"]]
        running = [c for c in self.ws.cycles.values() if c.status == "running"]
        planned_in = {p.cycle for p in self.plan.objectives.values()}
        empty = [c for c in running if c.end < today and not self.ws.objectives_in(c.id) and c.id not in planned_in]
        if len(empty) == len(running):
            for old in empty:
                self.plan.closed_cycles[old.id] = today
                self.plan.warnings.append(
                    row.problem(
                        "cycle",
                        f"{old.id} ended on {old.end} with no OKRs and was still marked running: it is "
                        f"marked closed, and {new['id']}, which holds today ({today}), is the running cycle",
                    )
                )
            new["status"] = "running"
            return
        for old in running:
            if old.end < today:
                self.plan.warnings.append(
                    row.problem(
                        "cycle",
                        f"new cycle {new['id']} holds today ({today}), but {old.id} is still marked running "
                        f"although it ended on {old.end} (ended, not closed); {new['id']} is added as planned: "
                        f"close {old.id} (`rollout close {old.id}`) and {new['id']} becomes the running cycle",
                    )
                )

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

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

import re
from typing import Any

from rollout.errors import LoadError
from rollout.tabular import (
    NumberError,
    Row,
    Table,
    cell_date,
    clean_name,
    name_key,
)
from rollout.transfer.columns import (
    ALIGNMENT_WORDS,
    DIRECTION_WORDS,
    FALSE_WORDS,
    KEY_RESULT_COLUMNS,
    TRUE_WORDS,
)
from rollout.transfer.plan import ImportOptions, ImportPlan, PlannedObjective
from rollout.transfer.resolving import Resolver
from rollout.workspace import Workspace
from rollout.workspace.create import slugify
from rollout.workspace.models import KeyResult, Objective

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
            meant = " and ".join(f"{v * factor:g}" for v in values)
            return (
                f"the title says {', '.join(f'{n:g}' for n in numbers)} but baseline/target are {shown}; "
                f"if the title is right, write {meant} (a % after a number makes the unit %)"
            )
    return None


class _Planner(Resolver):
    """The rows, objectives, key results and parents of one import (cells and names: :class:`Resolver`)."""

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
        objective_id = _unique(slugify(f"{unit}-{title}", 56, whole_words=True), self.objective_ids)
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
    planner.running_cycles()
    return planner.plan

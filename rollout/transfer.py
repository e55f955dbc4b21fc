"""OKRs from and to spreadsheets (``rollout import`` / ``rollout export``).

One row per key result. Columns (header names, any order, case-insensitive):
``cycle, unit, objective, parent_objective, key_result, metric, direction, baseline,
target, unit_of_measure, owner, due``; only ``cycle``, ``unit``, ``objective`` and
``key_result`` are required. An optional ``parent_unit`` column places new units.

Import reads CSV (UTF-8 with or without BOM, comma or semicolon separated, decimal
commas accepted with semicolons) or XLSX. Rows with the same cycle, unit and
objective title make one objective. Units, people and quarter cycles that do not
exist yet are created (a new unit becomes a department of the company, or a team
when its ``parent_unit`` is a department). Objectives that already exist (same
title) get the new key results; key results already there are skipped. Every row
is checked first: any error is reported by row number and nothing is written.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from rollout.errors import LoadError, Problem, UsageError
from rollout.plural import noun
from rollout.workspace import Workspace, layout
from rollout.workspace.calendar import quarter_bounds
from rollout.workspace.create import slugify
from rollout.workspace.editing import edit, to_yaml_value
from rollout.workspace.fileio import workspace_lock
from rollout.workspace.models import CyclesFile, OkrFile, PeopleFile, UnitsFile, check_cycle_id

COLUMNS = (
    "cycle",
    "unit",
    "objective",
    "parent_objective",
    "key_result",
    "metric",
    "direction",
    "baseline",
    "target",
    "unit_of_measure",
    "owner",
    "due",
)
REQUIRED = ("cycle", "unit", "objective", "key_result")
OPTIONAL_EXTRA = ("parent_unit",)
_DECIMAL_COMMA = re.compile(r"^[-+]?\d+,\d+$")


# --- reading spreadsheets ---------------------------------------------------------------


def read_rows(path: Path) -> list[dict[str, str]]:
    """Rows as dicts of lower-case column → text (blank cells are empty strings)."""
    if not path.is_file():
        raise UsageError(f"no such file: {path}")
    if path.suffix.lower() == ".xlsx":
        return _read_xlsx(path)
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise LoadError(
            [Problem(path.name, line, 0, "", "not UTF-8 text; save the spreadsheet as CSV UTF-8")], what=path.name
        ) from None
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = list(reader)
    if not rows:
        raise LoadError([Problem(path.name, 1, 0, "", "the file is empty")], what=path.name)
    header = [h.strip().lower() for h in rows[0]]
    out: list[dict[str, str]] = []
    for values in rows[1:]:
        if not any(v.strip() for v in values):
            out.append({})
            continue
        row = {header[i]: values[i].strip() for i in range(min(len(header), len(values))) if header[i]}
        if delimiter == ";":
            row = {k: v.replace(",", ".") if _DECIMAL_COMMA.match(v) else v for k, v in row.items()}
        out.append(row)
    _check_header(header, path.name)
    return out


def _read_xlsx(path: Path) -> list[dict[str, str]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise LoadError([Problem(path.name, 0, 0, "", f"cannot read as XLSX: {exc}")], what=path.name) from None
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    book.close()
    if not rows:
        raise LoadError([Problem(path.name, 1, 0, "", "the first sheet is empty")], what=path.name)
    header = [str(h or "").strip().lower() for h in rows[0]]
    _check_header(header, path.name)
    out: list[dict[str, str]] = []
    for values in rows[1:]:
        cells = ["" if v is None else v.date().isoformat() if isinstance(v, datetime) else str(v) for v in values]
        if not any(c.strip() for c in cells):
            out.append({})
            continue
        out.append({header[i]: cells[i].strip() for i in range(min(len(header), len(cells))) if header[i]})
    return out


def _check_header(header: list[str], name: str) -> None:
    missing = [c for c in REQUIRED if c not in header]
    unknown = [c for c in header if c and c not in COLUMNS and c not in OPTIONAL_EXTRA]
    problems = []
    if missing:
        problems.append(
            Problem(name, 1, 0, "header", f"missing required {noun(len(missing), 'column')}: {', '.join(missing)}")
        )
    if unknown:
        problems.append(
            Problem(
                name,
                1,
                0,
                "header",
                f"unknown {noun(len(unknown), 'column')}: {', '.join(unknown)} (known: {', '.join(COLUMNS)})",
            )
        )
    if problems:
        raise LoadError(problems, what=name)


# --- planning the import ---------------------------------------------------------------


@dataclass
class ImportPlan:
    """What an import will add, computed and checked before anything is written."""

    new_cycles: list[dict[str, Any]] = field(default_factory=list)
    new_units: list[dict[str, Any]] = field(default_factory=list)
    new_people: list[dict[str, Any]] = field(default_factory=list)
    # (cycle, unit) → list of (objective title or id, objective dict or None, [kr dicts])
    okrs: dict[tuple[str, str], dict[str, dict[str, Any]]] = field(default_factory=dict)
    objectives_added: int = 0
    key_results_added: int = 0
    skipped: int = 0


def _number(value: str) -> float:
    return float(value.replace(" ", ""))


def plan_import(ws: Workspace, rows: list[dict[str, str]], source: str) -> ImportPlan:
    """Check every row and plan the additions; raise LoadError naming each bad row."""
    plan = ImportPlan()
    problems: list[Problem] = []
    company = ws.company
    unit_ids = dict(ws.units)
    unit_by_name = {u.name.lower(): u.id for u in ws.units.values()}
    people_ids = set(ws.people)
    person_by_name = {p.name.lower(): p.id for p in ws.people.values()}
    cycles = set(ws.cycles)
    objective_ids = set(ws.objectives)
    kr_ids = set(ws.key_results)
    # objectives by (cycle, title lower) → id, for parent lookup
    by_title: dict[tuple[str, str], str] = {}
    for objective in ws.objectives.values():
        by_title.setdefault((objective.cycle, objective.title.lower()), objective.id)
    pending_parents: list[tuple[int, str, str, dict[str, Any]]] = []

    def unique(base: str, taken: set[str]) -> str:
        candidate, n = base, 2
        while candidate in taken:
            suffix = f"-{n}"
            candidate, n = base[: 64 - len(suffix)] + suffix, n + 1
        taken.add(candidate)
        return candidate

    parent_of_new = {r["unit"].lower(): r.get("parent_unit", "") for r in rows if r.get("unit")}

    def resolve_unit(text: str, number: int, depth: int = 0) -> str | None:
        """The id of a unit named in a row, creating it (and its new parent first) if needed."""
        from rollout.workspace.models import Unit

        known = text if text in unit_ids else unit_by_name.get(text.lower())
        if known is not None:
            return known
        if company is None:
            problems.append(Problem(source, number, 0, "unit", "the workspace has no company unit to attach to"))
            return None
        parent_text = parent_of_new.get(text.lower(), "")
        parent = company.id
        if parent_text:
            if depth > 8 or (
                parent_text not in unit_ids
                and parent_text.lower() not in unit_by_name
                and parent_text.lower() not in parent_of_new
            ):
                problems.append(Problem(source, number, 0, "parent_unit", f"unknown unit {parent_text!r}"))
                return None
            resolved = resolve_unit(parent_text, number, depth + 1)
            if resolved is None:
                return None
            parent = resolved
        kind = "department" if unit_ids[parent].kind == "company" else "team"
        unit_id = unique(slugify(text), set(unit_ids))
        record = {"id": unit_id, "name": text, "kind": kind, "parent": parent}
        plan.new_units.append(record)
        unit_ids[unit_id] = Unit.model_validate(record)
        unit_by_name[text.lower()] = unit_id
        return unit_id

    for number, row in enumerate(rows, start=2):
        if not row:
            continue

        def bad(column: str, message: str, *, _n: int = number) -> None:
            problems.append(Problem(source, _n, 0, column, message))

        for column in REQUIRED:
            if not row.get(column):
                bad(column, "required value is empty")
        if any(not row.get(c) for c in REQUIRED):
            continue
        cycle = row["cycle"]
        if cycle not in cycles:
            try:
                check_cycle_id(cycle)
            except ValueError as exc:
                bad("cycle", str(exc))
                continue
            bounds = quarter_bounds(cycle)
            if bounds is None:
                bad("cycle", f"unknown cycle {cycle!r}; add it to cycles.yaml first (only quarters are created)")
                continue
            plan.new_cycles.append({"id": cycle, "start": bounds[0], "end": bounds[1], "status": "planned"})
            cycles.add(cycle)
        unit_id = resolve_unit(row["unit"], number)
        if unit_id is None:
            continue
        owner_id = None
        if row.get("owner"):
            owner_text = row["owner"]
            owner_id = owner_text if owner_text in people_ids else person_by_name.get(owner_text.lower())
            if owner_id is None:
                owner_id = unique(slugify(owner_text), people_ids)
                plan.new_people.append({"id": owner_id, "name": owner_text})
                person_by_name[owner_text.lower()] = owner_id
        kr: dict[str, Any] = {"title": row["key_result"]}
        if row.get("metric"):
            kr["metric"] = row["metric"]
        if row.get("direction"):
            direction = row["direction"].strip().lower()
            if direction not in ("increase", "decrease", "milestone"):
                bad("direction", f"{row['direction']!r} is not one of increase, decrease, milestone")
            kr["direction"] = direction
        for column in ("baseline", "target"):
            if row.get(column):
                try:
                    kr[column] = _number(row[column])
                except ValueError:
                    bad(column, f"{row[column]!r} is not a number")
        if row.get("unit_of_measure"):
            kr["unit_of_measure"] = row["unit_of_measure"]
        if owner_id:
            kr["owner"] = owner_id
        if row.get("due"):
            try:
                kr["due"] = date.fromisoformat(row["due"][:10])
            except ValueError:
                bad("due", f"{row['due']!r} is not a date (YYYY-MM-DD)")
        if any(p.line == number for p in problems):
            continue
        title = row["objective"]
        objectives = plan.okrs.setdefault((cycle, unit_id), {})
        key = title.lower()
        if key not in objectives:
            existing = next((o for o in ws.objectives_in(cycle, unit_id) if o.title.lower() == key), None)
            if existing is not None:
                objectives[key] = {
                    "existing": existing.id,
                    "key_results": [],
                    "titles": {k.title.lower() for k in existing.key_results},
                }
            else:
                oid = unique(slugify(f"{unit_id}-{title}", 56), objective_ids)
                new_objective: dict[str, Any] = {"id": oid, "title": title}
                if owner_id:
                    new_objective["owner"] = owner_id
                objectives[key] = {"new": new_objective, "key_results": [], "titles": set()}
                by_title.setdefault((cycle, key), oid)
                plan.objectives_added += 1
            if row.get("parent_objective"):
                pending_parents.append((number, cycle, row["parent_objective"], objectives[key]))
        entry = objectives[key]
        if kr["title"].lower() in entry["titles"]:
            plan.skipped += 1
            continue
        entry["titles"].add(kr["title"].lower())
        base_id = entry.get("existing") or entry["new"]["id"]
        kr["id"] = unique(f"{base_id[:58]}-kr{len(entry['titles'])}", kr_ids)
        kr = {"id": kr.pop("id"), **kr}
        entry["key_results"].append(kr)
        plan.key_results_added += 1

    for number, cycle, parent_text, entry in pending_parents:
        parent_id = parent_text if parent_text in ws.objectives else by_title.get((cycle, parent_text.lower()))
        if parent_id is None:
            problems.append(Problem(source, number, 0, "parent_objective", f"no objective {parent_text!r} in {cycle}"))
        elif "new" in entry:
            entry["new"]["parent"] = parent_id
    if problems:
        raise LoadError(problems, what=source)
    return plan


def apply_import(ws: Workspace, plan: ImportPlan) -> None:
    """Write the plan: every file is validated before the first one is written."""
    root = ws.root
    with workspace_lock(root):
        if plan.new_cycles:
            with edit(root, "cycles.yaml", model=CyclesFile) as doc:
                doc.setdefault("cycles", [])
                for new_cycle in plan.new_cycles:
                    doc["cycles"].append(to_yaml_value(new_cycle))
        if plan.new_people:
            with edit(root, "people.yaml", model=PeopleFile) as doc:
                if doc.get("people") is None:
                    doc["people"] = to_yaml_value([])
                for person in plan.new_people:
                    doc["people"].append(to_yaml_value(person))
        if plan.new_units:
            with edit(root, "units.yaml", model=UnitsFile) as doc:
                for new_unit in plan.new_units:
                    doc["units"].append(to_yaml_value(new_unit))
        for (cycle, unit), objectives in plan.okrs.items():
            with edit(root, layout.okr_file(cycle, unit), model=OkrFile, header=f"OKRs of {unit} for {cycle}.") as doc:
                if doc.get("objectives") is None:
                    doc["objectives"] = to_yaml_value([])
                for entry in objectives.values():
                    if "new" in entry:
                        record = dict(entry["new"])
                        record["key_results"] = entry["key_results"]
                        doc["objectives"].append(to_yaml_value(record))
                        continue
                    target = next(o for o in doc["objectives"] if o["id"] == entry["existing"])
                    if target.get("key_results") is None:
                        target["key_results"] = to_yaml_value([])
                    for kr in entry["key_results"]:
                        target["key_results"].append(to_yaml_value(kr))


# --- export ------------------------------------------------------------------------------


def export_rows(ws: Workspace, cycle: str | None = None) -> list[list[str]]:
    rows = [[*COLUMNS, *OPTIONAL_EXTRA]]
    for (cycle_id, unit_id), objectives in ws.okr_files.items():
        if cycle is not None and cycle_id != cycle:
            continue
        for objective in objectives:
            parent = ws.objectives.get(objective.parent or "")
            for kr in objective.key_results or []:
                rows.append(
                    [
                        cycle_id,
                        ws.units[unit_id].name,
                        objective.title,
                        parent.title if parent else "",
                        kr.title,
                        kr.metric or "",
                        kr.direction or "",
                        _fmt(kr.baseline),
                        _fmt(kr.target),
                        kr.unit_of_measure or "",
                        ws.people[kr.owner].name if kr.owner and kr.owner in ws.people else "",
                        kr.due.isoformat() if kr.due else "",
                        ws.units[parent_id].name if (parent_id := ws.units[unit_id].parent) else "",
                    ]
                )
    return rows


def _fmt(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if value.is_integer() else repr(value)


def write_csv(rows: Iterable[list[str]]) -> str:
    stream = io.StringIO(newline="")
    csv.writer(stream, lineterminator="\n").writerows(rows)
    return stream.getvalue()


def write_xlsx(rows: list[list[str]], path: Path) -> None:
    from openpyxl import Workbook

    from rollout.workspace.fileio import atomic_write

    book = Workbook()
    sheet = book.active
    sheet.title = "OKRs"
    for row in rows:
        sheet.append([_cell(v) for v in row])
    stream = io.BytesIO()
    book.save(stream)
    atomic_write(path, stream.getvalue())


def _cell(value: str) -> Any:
    try:
        return float(value) if value and re.fullmatch(r"-?\d+(\.\d+)?", value) else value
    except ValueError:
        return value

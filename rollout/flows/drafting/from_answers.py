"""Drafting from an answers file (``rollout draft --answers FILE``): every record checked before any is written."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rollout.errors import UsageError
from rollout.flows.answers import AnswerProblems, as_date, as_float, field_error, fresh_date
from rollout.flows.drafting.answer_refs import names_refused, objective_ref, priority_ref, suppressions, validated
from rollout.flows.drafting.session import (
    DIRECTIONS,
    MAX_KEY_RESULTS,
    MAX_OBJECTIVES,
    MAX_PRIORITIES,
    Session,
    check,
    draft_cycle,
    ordered_units,
    save_objectives,
    write_priorities,
)
from rollout.workspace.models import (
    Objective,
    check_slug,
)
from rollout.workspace.references import suggestion
from rollout.workspace.transaction import Transaction
from rollout.workspace.workspace import Workspace

if TYPE_CHECKING:
    from rollout.rules import Finding

# --- from an answers file -------------------------------------------------------------


@dataclass(frozen=True)
class DraftResult:
    cycle: str
    saved: tuple[str, ...]
    priorities: tuple[str, ...]
    findings: tuple[tuple[str, Finding], ...]  # (objective id, finding) left open


def record_from_answers(
    data: Mapping[str, Any], unit_id: str, session: Session, source: str, where: str, problems: AnswerProblems
) -> dict[str, Any] | None:
    """An objective record from an answers entry; references are checked against the workspace and the draft.

    Each independent mistake of the entry (owner, parent, alignment, contributors, priority,
    each key result's fields …) is added to ``problems``, so one run reports them all;
    ``None`` when there was any. A missing title or an unusable id raises at once.
    """
    ws = session.ws
    if not isinstance(data, dict) or not str(data.get("title") or "").strip():
        raise field_error(source, where, "an objective needs at least a title")
    existing = session.objective(str(data["id"])) if data.get("id") else None
    objective_id = str(data.get("id") or session.new_id(str(data["title"]), unit_id))
    try:
        check_slug(objective_id)
    except ValueError as exc:
        raise field_error(source, f"{where}.id", str(exc)) from None
    if existing is None and data.get("id") and objective_id in session.taken:
        raise field_error(source, f"{where}.id", f"{objective_id!r} is already used in the workspace")
    session.taken.add(objective_id)
    before = len(problems.found)
    record: dict[str, Any] = {"id": objective_id, "title": str(data["title"]).strip()}
    owner = data.get("owner") or ws.units[unit_id].owner
    with problems.each():
        if owner is not None and owner not in ws.people:
            unknown, owner = owner, None
            raise field_error(
                source, f"{where}.owner", f"unknown person {unknown!r}", hint=suggestion(ws, "person", unknown)
            )
    if owner:
        record["owner"] = owner
    parent = data.get("parent")
    with problems.each():
        if parent is not None:
            record["parent"] = objective_ref(parent, session, source, f"{where}.parent", "draft the level above first")
    alignment = data.get("alignment")
    with problems.each():
        if alignment is not None:
            if alignment not in ("bottom_up", "cross_functional"):
                raise field_error(source, f"{where}.alignment", "use bottom_up or cross_functional")
            record["alignment"] = alignment
    contributors = data.get("contributors") or []
    for unit in contributors:
        with problems.each():
            if unit not in ws.units:
                raise field_error(
                    source, f"{where}.contributors", f"unknown unit {unit!r}", hint=suggestion(ws, "unit", unit)
                )
    if contributors:
        record["contributors"] = list(contributors)
    contributes_to = data.get("contributes_to") or []
    with problems.each():
        if not isinstance(contributes_to, list):
            contributes_to = []
            raise field_error(source, f"{where}.contributes_to", "expected a list of objective ids")
    targets = []
    for target in contributes_to:
        with problems.each():
            targets.append(objective_ref(target, session, source, f"{where}.contributes_to", "draft it first"))
    if targets:
        record["contributes_to"] = targets
    priority = data.get("priority")
    with problems.each():
        if priority is not None:
            record["priority"] = priority_ref(priority, session, source, f"{where}.priority")
    for key in ("description", "carried_from"):
        if data.get(key):
            record[key] = data[key]
    with problems.each():
        suppress = suppressions(data.get("keep"), source, f"{where}.keep")
        if suppress:
            record["suppress"] = suppress
    krs = data.get("key_results") or []
    with problems.each():
        if not isinstance(krs, list):
            krs = []
            raise field_error(source, f"{where}.key_results", "expected a list")
        if len(krs) > MAX_KEY_RESULTS:
            raise field_error(
                source, f"{where}.key_results", f"{len(krs)} key results: keep to {MAX_KEY_RESULTS} at most"
            )
    record["key_results"] = [
        _kr_from_answers(
            kr, n, objective_id, record.get("owner"), session, source, f"{where}.key_results[{n - 1}]", problems
        )
        for n, kr in enumerate(krs, start=1)
    ]
    if len(problems.found) > before:
        return None
    validated(Objective, record, source, where)
    return record


def _kr_from_answers(
    data: Any,
    n: int,
    objective_id: str,
    owner: str | None,
    session: Session,
    source: str,
    where: str,
    problems: AnswerProblems,
) -> dict[str, Any]:
    """A key result record from an answers entry; each mistake in it is added to ``problems``."""
    if isinstance(data, str):
        data = {"title": data}
    if not isinstance(data, dict) or not str(data.get("title") or "").strip():
        with problems.each():
            raise field_error(source, where, "a key result needs at least a title")
        return {}
    record: dict[str, Any] = {"id": str(data.get("id") or f"{objective_id}-kr{n}"), "title": str(data["title"]).strip()}
    if data.get("metric"):
        record["metric"] = str(data["metric"])
    with problems.each():
        if data.get("direction") is not None:
            if data["direction"] not in DIRECTIONS:
                raise field_error(source, f"{where}.direction", f"use one of {', '.join(DIRECTIONS)}")
            record["direction"] = data["direction"]
    for key in ("baseline", "target", "weight"):
        with problems.each():
            if data.get(key) is not None:
                record[key] = as_float(data[key], source, f"{where}.{key}")
    if data.get("unit_of_measure"):
        record["unit_of_measure"] = str(data["unit_of_measure"])
    kr_owner = data.get("owner") or owner
    with problems.each():
        if kr_owner is not None and kr_owner not in session.ws.people:
            raise field_error(
                source,
                f"{where}.owner",
                f"unknown person {kr_owner!r}",
                hint=suggestion(session.ws, "person", kr_owner),
            )
        if kr_owner:
            record["owner"] = kr_owner
    with problems.each():
        record["due"] = fresh_date(
            as_date(data["due"], source, f"{where}.due") if data.get("due") else session.cycle.end
        )
    if data.get("health_metric"):
        record["health_metric"] = True
    with problems.each():
        suppress = suppressions(data.get("keep"), source, f"{where}.keep")
        if suppress:
            record["suppress"] = suppress
    return record


def draft_from_answers(
    root: Path,
    ws: Workspace,
    data: Mapping[str, Any],
    source: str,
    *,
    echo: Callable[[str], None] = print,
    problems: AnswerProblems | None = None,
) -> DraftResult:
    """Draft from an answers file::

        cycle: 2027-Q1                       # default: the running cycle, else the first planned one
        priorities: [Win the mid-market, …]  # company priorities to add (titles or {title, description})
        units:
          <unit id>:
            - title: …                       # id: to edit an existing objective
              priority | parent | alignment: bottom_up|cross_functional, contributors: […]
              contributes_to: [objective ids]  # further objectives it also supports
              keep: {OKR101: reason}         # findings kept on purpose
              key_results:
                - {title, metric, direction, baseline, target, unit_of_measure, owner, due, keep}

    Units are drafted company first, then departments, then teams; every objective is
    checked and saved in turn. Findings that were not kept are returned (and echoed once
    the file has passed). Every mistake of the file is added to ``problems`` (its
    collector, which may hold the file's shape problems) and raised together
    (:class:`~rollout.errors.LoadError`) before anything is written or echoed.
    """
    problems = problems or AnswerProblems(source)
    cycle_id = data.get("cycle")
    try:
        cycle = draft_cycle(ws, cycle_id if isinstance(cycle_id, str) else None)
    except UsageError as exc:
        if cycle_id is None or problems.at("cycle"):
            raise
        with problems.each():
            raise field_error(source, "cycle", exc.message, hint=exc.hint) from None
        problems.check()  # without its cycle the rest of the file cannot be checked
        raise
    session = Session.open(root, ws, cycle)
    units = data.get("units") or {}
    with problems.each():
        if not isinstance(units, dict):
            units = {}
            raise field_error(source, "units", "expected a mapping of unit id to a list of objectives")
    active = {u.id for u in session.active_units()}
    for unit_id in list(units):
        with problems.each():
            if unit_id not in ws.units:
                raise field_error(
                    source, f"units.{unit_id}", f"unknown unit {unit_id!r}", hint=suggestion(ws, "unit", unit_id)
                )
            if unit_id not in active:
                raise field_error(
                    source,
                    f"units.{unit_id}",
                    f"{unit_id} was archived on {ws.units[unit_id].archived}, before {cycle.id}",
                )
    units = {unit_id: entries for unit_id, entries in units.items() if unit_id in active}
    raw_priorities = data.get("priorities") or []
    with problems.each():
        if not isinstance(raw_priorities, list):
            raw_priorities = []
            raise field_error(source, "priorities", "expected a list of titles")
    total = len(session.priorities) + len(raw_priorities)
    with problems.each():
        if total > MAX_PRIORITIES and not data.get("allow_many_priorities"):
            raise field_error(
                source,
                "priorities",
                f"{total} priorities for {cycle.id}: a few strategic priorities focus the company, more than "
                f"{MAX_PRIORITIES} dilute it (set allow_many_priorities: true to insist)",
            )
    added: list[dict[str, Any]] = []
    for n, item in enumerate(raw_priorities):
        with problems.each():
            title = item.get("title") if isinstance(item, dict) else item
            if not str(title or "").strip():
                raise field_error(source, f"priorities[{n}]", "a priority needs a title")
            description = str(item.get("description") or "") if isinstance(item, dict) else ""
            added.append(session.add_priority(str(title).strip(), description, write=False))
    # Build and check every record first (references resolve against what is staged above it),
    # so a mistake anywhere in the file changes nothing; every mistake is reported together;
    # then write them all in one transaction.
    staged: list[tuple[str, dict[str, Any]]] = []
    open_findings: list[tuple[str, Finding]] = []
    said: list[str] = []  # findings and notes, echoed once the whole file has passed
    refused: set[str] = set()  # ids and titles (case folded) of entries refused above
    for unit_id in ordered_units(ws, list(units)):
        entries = units[unit_id] or []
        with problems.each():
            if not isinstance(entries, list):
                entries = []
                raise field_error(source, f"units.{unit_id}", "expected a list of objectives")
        existing = len(session.by_unit.get(unit_id, []))
        new = sum(1 for e in entries if not (isinstance(e, dict) and e.get("id") and session.objective(str(e["id"]))))
        if existing + new > MAX_OBJECTIVES:
            said.append(f"note: {unit_id} would have {existing + new} objectives; {MAX_OBJECTIVES} at most keeps focus")
        for n, entry in enumerate(entries):
            found = len(problems.found)
            with problems.each():
                if names_refused(entry, refused):
                    continue  # its parent (or a target) was refused above: that is the one error
                record = record_from_answers(entry, unit_id, session, source, f"units.{unit_id}[{n}]", problems)
                if record is not None:  # else its mistakes are noted: neither checked nor staged
                    findings = check(record, session.level(unit_id), session)
                    for finding in findings:
                        said.append(f"{unit_id}/{record['id']}: {finding.code} {finding.message} [{finding.field}]")
                        said.append(f"    hint: {finding.hint}")
                        open_findings.append((record["id"], finding))
                    session.save(unit_id, record, write=False)
                    staged.append((unit_id, record))
            if len(problems.found) > found and isinstance(entry, dict):
                refused.update(str(entry[k]).strip().casefold() for k in ("id", "title") if entry.get(k))
    problems.check()
    for line in said:
        echo(line)
    by_unit: dict[str, list[dict[str, Any]]] = {}
    for unit_id, record in staged:
        by_unit.setdefault(unit_id, []).append(record)
    with Transaction(root) as tx:  # the priorities and every unit's file: all or none
        if added:
            write_priorities(root, added, tx=tx)
        for unit_id, records in by_unit.items():  # one round-trip edit per file
            save_objectives(root, cycle.id, unit_id, records, tx=tx)
        tx.commit()
    for unit_id, records in by_unit.items():
        for record in records:
            session.mark_saved(unit_id, record["id"])
    return DraftResult(cycle.id, tuple(session.saved), tuple(p["id"] for p in added), tuple(open_findings))

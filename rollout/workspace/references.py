"""Checks across files: every reference names a record that exists, parents form no cycle.

Run by the loader after every file is validated on its own (see :mod:`rollout.workspace.loader`).
A reference to a record that exists but is invalid (reported at its own place) is not
reported again: one root cause gives one error.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from typing import Any

from rollout.errors import Problem
from rollout.workspace.collect import Collector as _Collector
from rollout.workspace.messages import field_name
from rollout.workspace.models import Record
from rollout.workspace.workspace import Workspace

_KIND = {"parent objective": "objective"}
_UNKNOWN = re.compile(r"unknown (?P<kind>person|unit|objective) '(?P<value>[^']*)'\Z")


def _ref(
    out: _Collector,
    ws: Workspace,
    record: Record,
    field: tuple[str | int, ...],
    value: str | None,
    table: dict[str, Any],
    what: str,
) -> bool:
    if value is None or value in table:
        return True
    path = (*record.source_path, *field)
    out.unknown(_KIND.get(what, what), value, ws.sources.get(record.source_file), record.source_file, path, what)
    return False


def _place(out: _Collector, record: Record, field: str) -> str:
    """``file:line:col`` of a record's field, named in a message about another record; only the
    file when its lines are not known (a change checked in memory before it is written)."""
    line, col = out.locate(record.source_file, (*record.source_path, field))
    return f"{record.source_file}:{line}:{col}" if line else record.source_file


def check_calendar(ws: Workspace, out: _Collector) -> None:
    """At most one running cycle, and no two cycles share a day.

    ``status``, ``checkin`` and the home page work on *the* running cycle, and a date
    (a check-in, a review) belongs to the one cycle that contains it; two running or
    overlapping cycles would make the tool pick one silently. Each problem is reported
    at the later cycle, naming the place of the earlier one.
    """
    cycles = list(ws.cycles.values())  # sorted by start
    running = [c for c in cycles if c.status == "running"]
    for cycle in running[1:]:
        first = running[0]
        out.at(
            out.sources.get(cycle.source_file),
            cycle.source_file,
            (*cycle.source_path, "status"),
            f"{cycle.id} and {first.id} (at {_place(out, first, 'status')}) are both running; "
            "only one cycle runs at a time: close the earlier one with `rollout close`, or mark this one planned",
        )
    for index, later in enumerate(cycles[1:]):
        earlier = max(cycles[: index + 1], key=lambda c: c.end)  # the one that reaches furthest
        if later.start <= earlier.end:
            out.at(
                out.sources.get(later.source_file),
                later.source_file,
                (*later.source_path, "start"),
                f"{later.id} starts on {later.start}, before {earlier.id} ends on {earlier.end} "
                f"(at {_place(out, earlier, 'end')}); cycles must not overlap",
            )


def check_phase_order(ws: Workspace, out: _Collector) -> None:
    """Phases are listed in ``phases.yaml`` in the order they run: a phase whose first cycle
    starts before that of a phase listed above it is reported at its ``cycles``.

    The list's order is the plan's (the next units of a phase are the units of the phase listed
    after it); one that contradicts the phases' own cycles would make the figures follow the
    file, not the calendar (fe24 F10: listing the two demo phases the other way round gave the
    leadership pilot's next units as "not assessed yet"). Phases without a cycle yet are not
    compared; two phases may start in the same cycle.
    """
    latest: tuple[date, Any] | None = None  # the latest first start of the phases listed so far
    for phase in ws.phases.values():
        starts = [ws.cycles[c].start for c in phase.cycles if c in ws.cycles]
        if not starts:
            continue
        first = min(starts)
        if latest is not None and first < latest[0]:
            above = latest[1]
            out.at(
                out.sources.get(phase.source_file),
                phase.source_file,
                (*phase.source_path, "cycles"),
                f"phase {phase.id} starts on {first}, before phase {above.id} listed above it "
                f"(at {_place(out, above, 'cycles')}) starts on {latest[0]}; "
                "list the phases in the order they run",
            )
        elif latest is None or first > latest[0]:
            latest = (first, phase)


def check_references(ws: Workspace, out: _Collector) -> None:
    check_calendar(ws, out)
    check_phase_order(ws, out)
    people, units, cycles = ws.people, ws.units, ws.cycles
    for person in people.values():
        _ref(out, ws, person, ("unit",), person.unit, units, "unit")
    companies = [u for u in units.values() if u.kind == "company"]
    if units and len(companies) != 1 and not (not companies and out.broken.get("unit")):
        out.problems.append(
            Problem("units.yaml", 1, 1, "units", f"there must be exactly one company unit, found {len(companies)}")
        )
    for unit in units.values():
        _ref(out, ws, unit, ("owner",), unit.owner, people, "person")
        if not _ref(out, ws, unit, ("parent",), unit.parent, units, "unit") or unit.parent is None:
            continue
        parent = units[unit.parent]
        if unit.kind == "department" and parent.kind != "company":
            out.at(
                ws.sources.get(unit.source_file),
                unit.source_file,
                (*unit.source_path, "parent"),
                f"a department's parent must be the company, not {parent.kind} {parent.id!r}",
            )
        if unit.kind == "team" and parent.kind == "company":
            out.at(
                ws.sources.get(unit.source_file),
                unit.source_file,
                (*unit.source_path, "parent"),
                "a team's parent must be a department or another team",
            )
    _check_cycles(ws, out, {u.id: u.parent for u in units.values()}, "unit", lambda i: units[i])
    for priority in ws.priorities.values():
        for i, cycle in enumerate(priority.cycles):
            _ref(out, ws, priority, ("cycles", i), cycle, cycles, "cycle")
    for phase in ws.phases.values():
        for i, unit_id in enumerate(phase.units):
            _ref(out, ws, phase, ("units", i), unit_id, units, "unit")
        for i, cycle in enumerate(phase.cycles):
            _ref(out, ws, phase, ("cycles", i), cycle, cycles, "cycle")

    for objective in ws.objectives.values():
        _ref(out, ws, objective, ("owner",), objective.owner, people, "person")
        _ref(out, ws, objective, ("parent",), objective.parent, ws.objectives, "parent objective")
        _ref(out, ws, objective, ("priority",), objective.priority, ws.priorities, "priority")
        _ref(out, ws, objective, ("carried_from",), objective.carried_from, ws.objectives, "objective")
        for i, unit_id in enumerate(objective.contributors):
            _ref(out, ws, objective, ("contributors", i), unit_id, units, "unit")
        if objective.parent and objective.alignment:
            out.at(
                ws.sources.get(objective.source_file),
                objective.source_file,
                (*objective.source_path, "alignment"),
                "an objective with a parent is cascaded; remove the bottom_up/cross_functional marker or the parent",
            )
        for kr in objective.key_results:
            _ref(out, ws, kr, ("owner",), kr.owner, people, "person")
    _check_cycles(ws, out, {o.id: o.parent for o in ws.objectives.values()}, "objective", lambda i: ws.objectives[i])
    from rollout.org.references import org_problems  # history and secondary alignment (issue 15)

    for problem in org_problems(ws):
        # The history checks phrase an undefined id as "unknown <kind> '<id>'": grouped like the others.
        match = _UNKNOWN.match(problem.message)
        if match:
            out.add_reference(match["kind"], match["value"], problem)
        else:
            out.problems.append(problem)

    check_review_references(ws, out)
    for assessment in ws.assessments:
        _ref(out, ws, assessment, ("respondent",), assessment.respondent, people, "person")
        _ref(out, ws, assessment, ("unit",), assessment.unit, units, "unit")


def check_review_references(ws: Workspace, out: _Collector) -> None:
    people = ws.people
    for (_cycle, _unit), review in ws.reviews.items():
        for monthly in review.monthly:
            for i, attendee in enumerate(monthly.attendees):
                _ref(out, ws, monthly, ("attendees", i), attendee, people, "person")
        for score in review.scores:
            _ref(out, ws, score, ("kr",), score.kr, ws.key_results, "key result")
        for decision in review.decisions:
            _ref(out, ws, decision, ("objective",), decision.objective, ws.objectives, "objective")


def _check_cycles(ws: Workspace, out: _Collector, parent_of: dict[str, str | None], what: str, record_of: Any) -> None:
    """Report each reference cycle (a → b → … → a) once."""
    state: dict[str, int] = {}
    for start in parent_of:
        chain: list[str] = []
        node: str | None = start
        while node is not None and node in parent_of and state.get(node, 0) == 0:
            state[node] = 1
            chain.append(node)
            node = parent_of[node]
        if node is not None and state.get(node) == 1 and node in chain:
            loop = chain[chain.index(node) :]
            start_at = loop.index(min(loop))
            loop = loop[start_at:] + loop[:start_at]  # told from the record it is reported at
            first = record_of(loop[0])
            # A parent already refused in its own right (a department under a team) is the root cause.
            refused = {(p.file, p.field) for p in out.problems}
            members = (record_of(i) for i in loop)
            if any((r.source_file, field_name((*r.source_path, "parent"))) in refused for r in members):
                for visited in chain:
                    state[visited] = 2
                continue
            out.at(
                ws.sources.get(first.source_file),
                first.source_file,
                (*first.source_path, "parent"),
                f"{'an' if what[0] in 'aeio' else 'a'} {what} cannot be its own parent"  # a unit, an objective
                if len(loop) == 1
                else f"{what} parents form a cycle: {' → '.join([*loop, loop[0]])}",
            )
        for visited in chain:
            state[visited] = 2


# Fields whose value is an id of a person or a unit: a name written there gets "did you mean".
_ID_FIELDS = {
    "owner": "person",
    "author": "person",
    "attendees": "person",
    "respondent": "person",
    "unit": "unit",
    "contributors": "unit",
}
_NOT_AN_ID = re.compile(r"(?P<value>'[^']*') is not an id: ")
# An unknown reference, alone or grouped with its other places ("…; 7 more references to it (…)").
_UNKNOWN_REF = re.compile(
    r"unknown (?P<kind>person|unit|objective|key result|parent objective) '(?P<value>[^']*)'(?=\Z|; \d+ more reference)"
)


# At most this many problems get a "did you mean" in one run: each compares the value with every
# record of its kind (difflib), and a person reads the first screen of problems anyway
# (LoadError shows 20 per file).
MAX_SUGGESTIONS = 40


def add_suggestions(ws: Workspace, problems: list[Problem]) -> None:
    """Add "did you mean …?" (:func:`suggestion`) to the problems, in place, that name a record
    which does not exist: an unknown reference (``unknown person 'bob'``), or a name written
    where an id belongs (``owner: Tomasz Wrona`` → "'Tomasz Wrona' is not an id; did you mean
    'tomasz-wrona' (Tomasz Wrona)?"). Run on the final list (after :meth:`Collector.fold`,
    which groups problems by their exact messages); the first :data:`MAX_SUGGESTIONS` only."""
    import ast

    tables: dict[str, dict[str, str]] = {}
    tried = 0
    for n, problem in enumerate(problems):
        unknown = _UNKNOWN_REF.match(problem.message)
        not_id = _NOT_AN_ID.match(problem.message)
        keys = [part for part in re.split(r"[.\[\]]", problem.field) if part and not part.isdigit()]
        if unknown:
            kind, value = unknown["kind"].removeprefix("parent "), unknown["value"]
        elif not_id and keys and keys[-1] in _ID_FIELDS:
            kind, value = _ID_FIELDS[keys[-1]], ast.literal_eval(not_id["value"])
        else:
            continue
        tried += 1
        if tried > MAX_SUGGESTIONS:
            return
        if kind not in tables:
            tables[kind] = known_records(ws, kind)
        from rollout.workspace.suggestions import did_you_mean

        hint = did_you_mean(str(value), tables[kind])
        if hint:
            message = f"{problem.message}; {hint}" if unknown else f"{not_id['value']} is not an id; {hint}"  # type: ignore[index]
            problems[n] = dataclasses.replace(problem, message=message)


def known_records(ws: Workspace, kind: str, cycle_id: str | None = None) -> dict[str, str]:
    """Id → name (or title) of every ``kind`` record (``person``, ``unit``, ``objective``, ``key
    result``); objectives and key results of ``cycle_id`` only, when given."""
    if kind == "person":
        return {p.id: p.name for p in ws.people.values()}
    if kind == "unit":
        return {u.id: u.name for u in ws.units.values()}
    objectives = ws.objectives_in(cycle_id) if cycle_id is not None else list(ws.objectives.values())
    if kind == "objective":
        return {o.id: o.title for o in objectives}
    if kind == "key result":
        return {kr.id: kr.title for o in objectives for kr in o.key_results}
    raise ValueError(f"no records of kind {kind!r}")


def suggestion(ws: Workspace, kind: str, typed: object, cycle_id: str | None = None) -> str:
    """ "did you mean …?" for a ``kind`` (``person``, ``unit``, ``objective``, ``key result``)
    that names no record, or "" (:func:`rollout.workspace.suggestions.did_you_mean` over
    :func:`known_records`)."""
    from rollout.workspace.suggestions import did_you_mean

    return did_you_mean(str(typed), known_records(ws, kind, cycle_id))

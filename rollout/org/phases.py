"""Rollout phases from the readiness report (``rollout phases plan|add|list``).

:func:`plan_phase` turns the readiness report's recommendation
(:func:`rollout.questionnaire.report.readiness_report`: a strategy and its pilot
units) into one ``phases.yaml`` entry:

- ``strategy``: the recommended strategy id; ``name`` its title;
- ``units``: the pilot units the report names, and for a department pilot the
  teams under those departments too (the strategy runs "the departments below and
  their teams"); for a broad rollout every unit that exists;
- ``cycles``: the given cycle, else the first cycle (running, else planned) that no
  phase covers yet;
- ``entry_criteria``: one line per gap the report says to close first;
- ``exit_criteria``: the standard exit criteria of the strategy (:data:`EXIT_CRITERIA`,
  from the seeds: check-in discipline, scored and reviewed objectives, a retrospective).

"Not yet" has no phase: the report says to close the gaps and assess again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rollout.errors import UsageError
from rollout.org.history import org_day
from rollout.org.people import unique_id
from rollout.org.store import Staging
from rollout.workspace.editing import to_yaml_value
from rollout.workspace.models import Phase, Strategy
from rollout.workspace.workspace import Workspace

PHASES = "phases.yaml"

PHASE_IDS: dict[str, str] = {
    "leadership-first": "leadership-pilot",
    "department-by-department": "department-pilot",
    "team-by-team": "team-pilot",
    "broad": "broad-rollout",
}

PHASE_NAMES: dict[str, str] = {
    "leadership-first": "Leadership pilot",
    "department-by-department": "Department pilot",
    "team-by-team": "Team pilot",
    "broad": "Broad rollout",
}

EXIT_CRITERIA: dict[str, list[str]] = {
    "leadership-first": [
        "Every leader checked in at least every two weeks",
        "Company objectives scored and reviewed with lessons",
        "Pilot retrospective completed",
    ],
    "department-by-department": [
        "At least 80% of expected weekly check-ins done",
        "Key results scored at the end of the cycle, with lessons per department",
        "Pilot retrospective completed and the framework refined",
    ],
    "team-by-team": [
        "At least 80% of expected weekly check-ins done",
        "Teams can tell an outcome key result from an activity",
        "Pilot retrospective completed",
    ],
    "broad": [
        "Every unit drafted its OKRs for the cycle",
        "At least 80% of expected weekly check-ins done",
        "Cycle retrospective completed",
    ],
}


@dataclass(frozen=True)
class PhasePlan:
    """The phase :func:`plan_phase` proposes, with why (the report's reasons)."""

    record: dict[str, Any]
    reasons: tuple[str, ...]
    recommended: bool = True  # False when --strategy chose another strategy than the report's


def first_open_cycle(ws: Workspace) -> str | None:
    """The running cycle, else the first planned one, that no phase covers yet."""
    covered = {c for p in ws.phases.values() for c in p.cycles}
    running = ws.running_cycle()
    candidates = ([running] if running else []) + [c for c in ws.cycles.values() if c.status == "planned"]
    for cycle in candidates:
        if cycle.id not in covered:
            return cycle.id
    return None


def plan_phase(ws: Workspace, cycle_id: str | None = None, strategy: str | None = None) -> PhasePlan:
    """The next phase as the readiness report recommends it (see the module docstring).

    ``strategy`` overrides the recommendation (its pilot units are then the report's
    candidates for a department pilot, the leadership team for a leadership pilot).
    Raises UsageError when nobody has answered the readiness assessment, when it
    recommends not starting yet, or when no cycle is left to plan.
    """
    from rollout.questionnaire.report import readiness_report

    if not any(a.questionnaire == "readiness" and a.complete for a in ws.answered):
        raise UsageError(
            "nobody has answered the readiness assessment yet",
            hint="ask the leaders first: rollout readiness --respondent PERSON (or plan by hand: rollout phases add)",
        )
    report = readiness_report(ws)
    chosen = strategy or (report.strategy.id if report.strategy else None)
    if chosen is None or chosen == "not-yet":
        gaps = "; ".join(g.title for g in report.gaps) or "the gaps in `rollout readiness report`"
        raise UsageError(
            f"the readiness report recommends not starting OKRs yet (close first: {gaps})",
            hint="assess again once the gaps are closed, or choose with --strategy",
        )
    if chosen not in PHASE_IDS:
        raise UsageError(f"unknown strategy {chosen!r} (use one of {', '.join(PHASE_IDS)})")
    if cycle_id is None:
        cycle_id = first_open_cycle(ws)
        if cycle_id is None:
            raise UsageError("every running and planned cycle already has a phase", hint="add a cycle, or give --cycle")
    cycle = ws.cycle(cycle_id)
    day = org_day(ws, cycle)
    units = _units_for(ws, chosen, report, day)
    if not units:
        raise UsageError(f"the {chosen} strategy names no units in this workspace", hint="add units first")
    recommended = bool(report.strategy and report.strategy.id == chosen)
    title = report.strategy.title if report.strategy and recommended else PHASE_NAMES[chosen]
    record: dict[str, Any] = {
        "id": unique_id(PHASE_IDS[chosen], set(ws.phases)),
        "name": title,
        "strategy": chosen,
        "units": units,
        "cycles": [cycle_id],
        "entry_criteria": [f"Close the gap: {g.title}" for g in report.gaps if g.kind == "low"]
        + [f"Leaders agree on: {g.title}" for g in report.gaps if g.kind == "disagreement"],
        "exit_criteria": list(EXIT_CRITERIA[chosen]),
    }
    if not record["entry_criteria"]:
        del record["entry_criteria"]
    Phase.model_validate(record)
    # The report's one decision in its own words ("Decided by … 2.92 of 5, below 3.00: …"),
    # the sentence the Readiness page and `rollout readiness report` show.
    reasons: tuple[str, ...] = ()
    if report.strategy and recommended:
        from rollout.questionnaire.report_text import decided_text

        decided = decided_text(report.strategy)
        reasons = (decided,) if decided else tuple(report.strategy.reasons)
    return PhasePlan(record, reasons, recommended)


def _units_for(ws: Workspace, strategy: str, report: Any, day: Any) -> list[str]:
    existing = {u.id for u in ws.units.values() if u.exists_on(day)}
    if strategy == "broad":
        return [u for u in ws.units if u in existing]
    if strategy == "leadership-first":
        return [u.id for u in ws.units.values() if u.kind in ("company", "department") and u.id in existing]
    pilots = [p.id for p in (report.pilot_units or report.candidates[:2])] if report else []
    if strategy == "department-by-department" and report.strategy and report.strategy.id != strategy:
        pilots = [p.id for p in report.candidates[:2]]
    chosen = set(pilots)
    for unit in ws.units.values():  # the teams under the pilot departments (at any depth)
        if unit.id in existing and unit.kind == "team":
            node: str | None = unit.parent_on(day)
            while node is not None and node in ws.units:
                if node in pilots:
                    chosen.add(unit.id)
                    break
                node = ws.units[node].parent_on(day)
    return [u for u in ws.units if u in chosen and u in existing]


def add_phase(stage: Staging, record: dict[str, Any]) -> str:
    """Stage a phase record (validated by its model and, on commit, against the workspace)."""
    if record["id"] in stage.ws.phases:
        raise UsageError(f"there is already a phase with id {record['id']!r}")
    Phase.model_validate(record)
    stage.records(PHASES).append(to_yaml_value(record))
    return str(record["id"])


def phase_record(
    phase_id: str,
    name: str,
    strategy: Strategy,
    units: list[str],
    cycles: list[str],
    entry: list[str],
    exit_: list[str],
) -> dict[str, Any]:
    """A ``phases.yaml`` record from command-line values (empty lists left out)."""
    from rollout.tabular.names import clean_name

    record: dict[str, Any] = {"id": phase_id, "name": clean_name(name), "strategy": strategy, "units": units}
    for key, value in (("cycles", cycles), ("entry_criteria", entry), ("exit_criteria", exit_)):
        if value:
            record[key] = value
    return record

"""Every figure the reports show, computed once: ``analyze(ws) -> Analysis``.

The site, the PDF packs and ``rollout status`` read these frozen records
(:mod:`rollout.metrics.records`) and never compute a figure themselves; each
number is defined in :mod:`rollout.metrics.figures` (formula, inputs, edge
cases), phases and the expansion gate in :mod:`rollout.metrics.phase`.
Everything is computed as of ``ws.today`` (``rollout.yaml`` ``as_of`` or today).

CycleState (``Analysis.cycles[cycle_id]``)
------------------------------------------
``cycle``, ``title``, ``status`` (planned/running/closed), ``start``, ``end``,
``expected`` (share elapsed). ``company_score``/``company_status``/``company_band``:
the company unit's (None if it has no OKRs in the cycle). ``completion`` over all
key results; ``unit_completion`` (per unit id), ``department_completion`` (per
department id: the department and its teams). ``distribution``: 11 counts of
key results with a score, by displayed score 0.0 … 1.0; in a closed cycle every key
result has its final score (never measured: 0.0, so weak, as its status says), in a
running one the unmeasured have none (``completion.key_results - sum(distribution)``
are "not scored"). ``alignment``,
``checkins`` (weeks), ``unit_checkins``, ``leadership`` (company and department
key results' check-in weeks, and monthly reviews due and held), ``calibration``
(per unit, over the closed cycles up to this one), ``units``.

Alignment
---------
``objectives``: objectives below company level; ``linked``: those whose links
(the ``parent``, or any objective in ``contributes_to``) reach a company
objective; ``coverage``: ``linked / objectives`` (None if none); ``orphans``:
neither a parent, nor ``contributes_to``, nor an ``alignment`` marker;
``bottom_up``, ``cross_functional``: with that marker; ``unsupported``: company
objectives of the cycle no objective names as parent or in ``contributes_to``.

Calibration
-----------
``unit``, ``scores``: ``((cycle_id, mean key result score), ...)`` over closed
cycles; ``verdict``: :func:`~rollout.metrics.figures.calibration_verdict`.
"""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING

from rollout.metrics.calibration import thresholds
from rollout.metrics.checkins import (
    WEEKDAYS,
    Discipline,
    checkin_days,
    reviews_due,
    stale_limit,
)
from rollout.metrics.cycles import calibrate, cycle_states
from rollout.metrics.figures import (
    STATUSES,
    Completion,
    aggregate,
    band,
    completion,
    mean_confidence,
    status,
    status_within,
    unit_score,
)
from rollout.metrics.kr_states import cycle_calendar, key_result_states
from rollout.metrics.phase import (
    GATE_EXPAND_DISCIPLINE,
    GATE_EXPAND_SCORE,
    GATE_MIN_ELAPSED,
    GATE_STOP_DISCIPLINE,
    GATE_STOP_SCORE,
    gate,
    phase_state,
    readiness_report,
    retrospectives,
)
from rollout.metrics.records import (
    Alignment,
    Analysis,
    Calibration,
    CycleState,
    KRState,
    Leadership,
    ObjectiveState,
    PhaseState,
    Readiness,
    Recommendation,
    UnitCycleState,
)
from rollout.workspace.models import Objective
from rollout.workspace.workspace import Workspace

if TYPE_CHECKING:
    from rollout.rules import Finding

__all__ = [
    "GATE_EXPAND_DISCIPLINE",
    "GATE_EXPAND_SCORE",
    "GATE_MIN_ELAPSED",
    "GATE_STOP_DISCIPLINE",
    "GATE_STOP_SCORE",
    "WEEKDAYS",
    "Alignment",
    "Analysis",
    "Calibration",
    "Completion",
    "CycleState",
    "Discipline",
    "KRState",
    "Leadership",
    "ObjectiveState",
    "PhaseState",
    "Readiness",
    "Recommendation",
    "UnitCycleState",
    "analyze",
    "checkin_days",
    "completion",
    "reviews_due",
]

SEVERITIES = ("error", "warning", "info")
_gate = gate  # the name earlier tests use


# --- the analysis -------------------------------------------------------------------


def analyze(
    ws: Workspace,
    *,
    findings: Iterable[Finding] | None = None,
    previous: Analysis | None = None,
    changed: Collection[tuple[str, str]] = (),
) -> Analysis:
    """Compute every state and metric of a loaded workspace as of ``ws.today``.

    Incremental use (``rollout serve``): ``previous`` is the analysis of the same
    workspace before only the check-ins of the ``changed`` (cycle, unit) pairs changed.
    The states of key results, objectives and units elsewhere are taken from it, and so
    are the figures of cycles none of them is in (:func:`~rollout.metrics.cycles.cycle_states`);
    the phase and calibration figures are always computed again. The caller
    guarantees the precondition (see :func:`rollout.report.session`); the result equals
    a full analysis.

    The cyclic garbage collector is paused meanwhile: the analysis makes tens of
    thousands of small acyclic records, and each collection would walk the whole
    loaded workspace (millions of objects) for nothing.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        if previous is not None and (previous.as_of != ws.today or findings is not None):
            previous = None
        return _analyze(ws, findings, previous, set(changed))
    finally:
        if collecting:
            gc.enable()


def _analyze(
    ws: Workspace, findings: Iterable[Finding] | None, previous: Analysis | None, changed: set[tuple[str, str]]
) -> Analysis:
    as_of = ws.today
    config = ws.settings.scoring
    running = ws.running_cycle()
    running_id = running.id if running else None
    stale_after = stale_limit(ws.settings)

    calendar = cycle_calendar(ws, as_of)
    cycle_expected, cycle_final, cycle_due = calendar.expected, calendar.final, calendar.due
    key_results = key_result_states(ws, calendar, previous, changed, running_id, stale_after)

    # --- objectives ---------------------------------------------------------------
    company_id = ws.company.id if ws.company else None
    linked_cache: dict[str, bool] = {}
    home = {o.id: key for key, file_objectives in ws.okr_files.items() for o in file_objectives}

    objectives: dict[str, ObjectiveState] = {}
    objective_todo: Iterable[tuple[str, Objective]] = ws.objectives.items()
    if previous is not None:
        objectives = dict(previous.objectives)
        objective_todo = [(o.id, o) for key in changed for o in ws.okr_files.get(key, ())]
    for objective_id, objective in objective_todo:
        objective_cycle, objective_unit = home[objective_id]
        krs = [key_results[k.id] for k in objective.key_results]
        summary = aggregate(((k.score, k.weight) for k in krs), sum(k.measured for k in krs))
        confidence = mean_confidence(k.confidence for k in krs)
        objective_status = (
            status_within(
                status(
                    summary.score,
                    expected=cycle_expected[objective_cycle],
                    confidence=confidence,
                    final=cycle_final[objective_cycle],
                    config=config,
                    measured=summary.measured > 0,
                ),
                (k.status for k in krs),
            )
            if summary.total
            else None
        )  # no key results: nothing to judge
        objectives[objective_id] = ObjectiveState(
            objective=objective_id,
            unit=objective_unit,
            cycle=objective_cycle,
            title=objective.title,
            owner=objective.owner,
            parent=objective.parent,
            alignment=objective.alignment,
            contributors=tuple(objective.contributors),
            carried_from=objective.carried_from,
            score=summary.score,
            confidence=confidence,
            status=objective_status,
            band=band(summary.score, config),
            key_results=tuple(k.kr for k in krs),
            linked=_is_linked(objective_id, ws, home, company_id, linked_cache),
            measured=summary.measured,
        )

    # --- quality (only from findings the caller already has) -----------------------
    quality: dict[tuple[str, str], int] = {}
    severities: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: dict.fromkeys(SEVERITIES, 0))
    if findings is not None:
        from rollout.rules import scores_by_unit

        findings = list(findings)
        quality = scores_by_unit(findings, {key: [o.id for o in objs] for key, objs in ws.okr_files.items()})
        for finding in findings:
            if finding.cycle and finding.unit:
                severities[(finding.cycle, finding.unit)][finding.severity] += 1

    # --- units per cycle ----------------------------------------------------------
    units: dict[tuple[str, str], UnitCycleState] = {}
    unit_todo: Iterable[tuple[tuple[str, str], list[Objective]]] = ws.okr_files.items()
    if previous is not None:
        units = dict(previous.units)
        unit_todo = [(key, ws.okr_files[key]) for key in changed if key in ws.okr_files]
    for (cycle_id, unit_id), unit_objectives in unit_todo:
        objective_states = [objectives[o.id] for o in unit_objectives]
        krs = [key_results[k] for o in objective_states for k in o.key_results]
        score = unit_score((o.score, len(o.key_results)) for o in objective_states)
        unit_measured = sum(o.measured for o in objective_states)
        unit_status = (
            status_within(
                status(
                    score,
                    expected=cycle_expected[cycle_id],
                    confidence=mean_confidence(k.confidence for k in krs),
                    final=cycle_final[cycle_id],
                    config=config,
                    measured=unit_measured > 0,
                ),
                (o.status for o in objective_states),
            )
            if krs
            else None
        )
        counts = dict.fromkeys((*STATUSES, "unknown"), 0)
        for k in krs:
            counts[k.status or "unknown"] += 1
        units[(cycle_id, unit_id)] = UnitCycleState(
            unit=unit_id,
            cycle=cycle_id,
            kind=ws.units[unit_id].kind,
            score=score,
            status=unit_status,
            band=band(score, config),
            status_counts=counts,
            completion=completion([k.score for k in krs], config, sum(k.measured for k in krs)),
            stale=tuple(k.kr for k in krs if k.stale),
            missing=tuple(k.kr for k in krs if k.missing),
            checkins=Discipline(len(krs) * cycle_due[cycle_id], sum(k.done for k in krs)),
            objectives=tuple(o.objective for o in objective_states),
            quality=quality.get((cycle_id, unit_id)),
            findings=dict(severities[(cycle_id, unit_id)]) if findings is not None else {},
            measured=unit_measured,
        )

    # --- calibration over closed cycles -------------------------------------------
    closed_ids = [c.id for c in ws.cycles.values() if c.status == "closed"]
    unit_history: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for cycle_id in closed_ids:
        for unit_id in ws.units_in(cycle_id):
            cycle_mean = units[(cycle_id, unit_id)].completion.mean_score
            if cycle_mean is not None:
                unit_history[unit_id].append((cycle_id, cycle_mean))
    limits = thresholds(ws.settings)  # OKR407/OKR408's options: one set of thresholds everywhere
    calibration = {u: calibrate(u, scores, limits) for u, scores in unit_history.items()}

    cycles = cycle_states(
        ws,
        key_results,
        objectives,
        units,
        cycle_expected,
        unit_history,
        previous=previous.cycles if previous is not None else None,
        changed=changed,
        same_history=previous is not None and previous.calibration == calibration,
    )

    report = readiness_report(ws) if ws.phases else None
    retros = retrospectives(ws)
    phases = {
        p: phase_state(ws, p, key_results, objectives, units, cycles, cycle_expected, config, report, retros)
        for p in ws.phases
    }
    trend: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for cycle_id in ws.cycles:
        for unit_id in ws.units_in(cycle_id):
            if (cycle_id, unit_id) in quality:
                trend[unit_id].append((cycle_id, quality[(cycle_id, unit_id)]))
    return Analysis(
        as_of,
        running_id,
        key_results,
        objectives,
        units,
        cycles,
        phases,
        calibration,
        {u: tuple(items) for u, items in trend.items()},
    )


def _is_linked(
    objective_id: str,
    ws: Workspace,
    home: dict[str, tuple[str, str]],
    company_id: str | None,
    linked_cache: dict[str, bool],
) -> bool:
    """Whether an objective links up to a company objective, through its parents or, as well,
    through what it contributes to (``contributes_to``); ``linked_cache`` keeps each answer.

    A module function, not a closure in :func:`_analyze`: a recursive closure is a reference
    cycle (the function, its cell, the function) that kept each analysis alive until a full
    collection, which ``rollout serve`` rarely runs (m12, 2026-11-29)."""
    seen: list[str] = []
    current: str | None = objective_id
    result = False
    while current is not None and current in ws.objectives:
        if current in linked_cache:
            result = linked_cache[current]
            break
        if current in seen:
            break
        seen.append(current)
        objective = ws.objectives[current]
        if home[current][1] == company_id:
            result = True
            break
        # Secondary alignment (`contributes_to`) links up as well as the parent does.
        if any(
            _is_linked(other, ws, home, company_id, linked_cache)
            for other in objective.contributes_to
            if other in ws.objectives and other not in seen
        ):
            result = True
            break
        current = objective.parent
    for item in seen:
        linked_cache[item] = result
    return result

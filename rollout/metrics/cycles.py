"""Cycle figures: completion, distribution, alignment coverage, discipline and leadership per cycle.

Shapes in :mod:`rollout.metrics.analysis` (``CycleState``, ``Alignment``,
``Leadership``); the figures themselves in :mod:`rollout.metrics.figures` and
:mod:`rollout.metrics.checkins`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection

from rollout.metrics.calibration import Thresholds, calibration_verdict, thresholds
from rollout.metrics.checkins import Discipline, reviews_due
from rollout.metrics.figures import completion, cut_date
from rollout.metrics.records import (
    Alignment,
    Calibration,
    CycleState,
    KRState,
    Leadership,
    ObjectiveState,
    UnitCycleState,
)
from rollout.metrics.rounding import shown
from rollout.org.history import org_day
from rollout.workspace.workspace import Workspace


def calibrate(unit: str, scores: list[tuple[str, float]], limits: Thresholds | None = None) -> Calibration:
    """Calibration of ``unit`` from ``(cycle, mean key result score)`` of its closed cycles, in order,
    with the workspace's thresholds (:func:`rollout.metrics.calibration.thresholds`)."""
    return Calibration(unit, tuple(scores), calibration_verdict([s for _c, s in scores], limits))


def cycle_states(
    ws: Workspace,
    key_results: dict[str, KRState],
    objectives: dict[str, ObjectiveState],
    units: dict[tuple[str, str], UnitCycleState],
    cycle_expected: dict[str, float],
    unit_history: dict[str, list[tuple[str, float]]],
    *,
    previous: dict[str, CycleState] | None = None,
    changed: Collection[tuple[str, str]] = (),
    same_history: bool = False,
) -> dict[str, CycleState]:
    """Every cycle's figures from the key result, objective and unit states.

    ``distribution`` counts key results by displayed score (unmeasured as 0.0);
    ``department_completion`` and ``department_checkins`` count a department
    with its teams, ``unit_completion`` and ``unit_checkins`` each unit alone;
    leadership check-ins are the company's and departments' key results'
    weeks, leadership reviews the company's monthly reviews held in the cycle
    up to as-of against :func:`~rollout.metrics.checkins.reviews_due`.

    Incremental use (``rollout serve``): ``previous`` are the cycle states of the same
    workspace before only the check-ins of the ``changed`` (cycle, unit) pairs changed
    (same as-of; see :func:`rollout.metrics.analysis.analyze`), and ``same_history`` says
    the closed cycles' mean scores (``unit_history``) did not change. A cycle with no
    changed unit then keeps its state, and a changed one its alignment (OKRs only) and
    its calibration. Recomputing all cycles of 2,000 teams took 0.06–0.12 s of each
    `rollout serve` rebuild after one check-in (cProfile, this machine). The result
    equals a full computation.
    """
    touched = {c for c, _u in changed}
    as_of = ws.today
    config = ws.settings.scoring
    company_id = ws.company.id if ws.company else None
    cycles: dict[str, CycleState] = {}
    for cycle_id, cycle in ws.cycles.items():
        before = previous.get(cycle_id) if previous is not None else None
        if before is not None and same_history and cycle_id not in touched:
            cycles[cycle_id] = before
            continue
        unit_ids = ws.units_in(cycle_id)
        cycle_units = [units[(cycle_id, u)] for u in unit_ids]
        # One pass over the units gathers each unit's key results for the cycle and its department.
        # A changed cycle whose previous state is at hand (only check-ins changed: the same units
        # in the same departments) works out again only the departments of the changed units and
        # keeps the others' figures: all departments took 0.03 s of each `rollout serve` rebuild
        # after one check-in on 2,000 teams (this 2-core machine, 2026-11-29).
        org_on = org_day(ws, cycle)  # the departments as they were in the cycle
        known = before.departments if before is not None else {}
        affected = {known.get(u) for c, u in changed if c == cycle_id} if known else None
        departments = known if affected is not None else {}
        cycle_krs: list[KRState] = []
        by_department: dict[str, list[KRState]] = defaultdict(list)
        department_weeks: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for u in cycle_units:
            unit_krs = [key_results[k] for o in u.objectives for k in objectives[o].key_results]
            cycle_krs += unit_krs
            if affected is None:
                department = ws.department_of(u.unit, on=org_on)
                if department is None:
                    continue
                departments[u.unit] = department_id = department.id
            else:
                found = departments.get(u.unit)
                if found is None or found not in affected:
                    continue
                department_id = found
            weeks = department_weeks[department_id]
            weeks[0] += u.checkins.expected
            weeks[1] += u.checkins.done
            by_department[department_id] += unit_krs
        department_completion = {
            d: completion([k.score for k in krs], config, sum(k.measured for k in krs))
            for d, krs in by_department.items()
        }
        department_checkins = {d: Discipline(e, n) for d, (e, n) in department_weeks.items()}
        if affected is not None and before is not None:  # the other departments' figures, in the same order
            department_completion = {
                d: department_completion.get(d, c) for d, c in before.department_completion.items()
            }
            department_checkins = {d: department_checkins.get(d, c) for d, c in before.department_checkins.items()}
        distribution = [0] * 11
        # Key results by displayed score: every one with a score (in a closed cycle all of them, a
        # never-measured one at its final 0.0, so it is "weak" here as in its status); the others,
        # key_results - sum(distribution), are "not scored" (a running cycle's unmeasured ones).
        # Each at the tenth it is shown at (rounding.shown: 0.345 is written 0.35 and shown 0.4),
        # so a bar counts the key results a reader sees at that score and the bands agree with
        # the "strong" count beside it (fe24 F1: 0.345 was counted at 0.3, 0.645 at 0.6).
        for k in cycle_krs:
            if k.score is not None:
                tenth = round(shown(k.score) * 10)
                distribution[tenth if tenth < 10 else 10] += 1
        company_state = units.get((cycle_id, company_id)) if company_id else None
        leader_units = [u for u in cycle_units if u.kind in ("company", "department")]
        leadership_checkins = Discipline(
            sum(u.checkins.expected for u in leader_units), sum(u.checkins.done for u in leader_units)
        )
        company_review = ws.reviews.get((cycle_id, company_id)) if company_id else None
        last_day = cut_date(cycle, as_of)  # reviews held in the same days as those due (checkins.reviews_due)
        reviews_done = sum(
            1 for m in (company_review.monthly if company_review else []) if cycle.start <= m.date <= last_day
        )
        cycles[cycle_id] = CycleState(
            cycle=cycle_id,
            title=cycle.title,
            status=cycle.status,
            start=cycle.start,
            end=cycle.end,
            expected=cycle_expected[cycle_id],
            company_score=company_state.score if company_state else None,
            company_status=company_state.status if company_state else None,
            company_band=company_state.band if company_state else None,
            completion=completion([k.score for k in cycle_krs], config, sum(k.measured for k in cycle_krs)),
            unit_completion={u.unit: u.completion for u in cycle_units},
            department_completion=department_completion,
            department_checkins=department_checkins,
            distribution=tuple(distribution),
            alignment=before.alignment if before is not None else alignment_of(ws, cycle_id, company_id, objectives),
            checkins=Discipline(
                sum(u.checkins.expected for u in cycle_units), sum(u.checkins.done for u in cycle_units)
            ),
            unit_checkins={u.unit: u.checkins for u in cycle_units},
            leadership=Leadership(leadership_checkins, reviews_due(cycle, as_of), reviews_done),
            calibration=before.calibration
            if before is not None and same_history
            else {
                u: calibrate(
                    u,
                    [s for s in unit_history.get(u, []) if ws.cycles[s[0]].start <= cycle.start],
                    thresholds(ws.settings),
                )
                for u in unit_ids
            },
            units=tuple(unit_ids),
            departments=departments,
        )

    return cycles


def alignment_of(
    ws: Workspace, cycle_id: str, company_id: str | None, objectives: dict[str, ObjectiveState]
) -> Alignment:
    """Alignment coverage of a cycle: objectives below company level whose links reach a company objective.

    A link is the ``parent`` or an objective named in ``contributes_to`` (secondary
    alignment); orphans have neither, nor an explicit ``alignment`` marker.
    """
    in_cycle = [objectives[o.id] for o in ws.objectives_in(cycle_id)]
    lower = [o for o in in_cycle if o.unit != company_id]
    linked = sum(1 for o in lower if o.linked)
    named_parents = {o.parent for o in in_cycle if o.parent}
    named_parents.update(t for o in in_cycle for t in ws.objectives[o.objective].contributes_to)
    return Alignment(
        objectives=len(lower),
        linked=linked,
        coverage=linked / len(lower) if lower else None,
        orphans=tuple(
            o.objective
            for o in lower
            if o.parent is None and o.alignment is None and not ws.objectives[o.objective].contributes_to
        ),
        bottom_up=tuple(o.objective for o in lower if o.alignment == "bottom_up"),
        cross_functional=tuple(o.objective for o in lower if o.alignment == "cross_functional"),
        unsupported=tuple(o.objective for o in in_cycle if o.unit == company_id and o.objective not in named_parents),
    )

"""The per-cycle parts of the view model: each unit's page in a cycle (its objectives, review,
findings and score history) and each cycle's page (bands, alignment, department roll-ups,
calibration, reviews, stale key results).

:func:`rollout.report.viewmodel.build_view` calls :func:`_unit_cycles` then :func:`_cycles`;
figures come from the analysis (never recomputed here).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING

from rollout.org.history import org_day, unit_tree_on
from rollout.report.viewparts import Reuse
from rollout.report.viewrecords import (
    CalibrationRow,
    CycleView,
    FindingView,
    MonthlyReviewView,
    ObjectiveView,
    ReviewView,
    SiteView,
    UnitCycleView,
)
from rollout.report.vocabulary import BAND_WORDS

if TYPE_CHECKING:
    from rollout.metrics.analysis import Analysis, Calibration
    from rollout.workspace import Workspace


def _review(ws: Workspace, cycle_id: str, unit_id: str, analysis: Analysis) -> ReviewView | None:
    review = ws.reviews.get((cycle_id, unit_id))
    if review is None:
        return None
    overrides = []
    for entry in review.scores:
        if entry.override is not None:  # computed: the unrounded figure (figures.final_score without the override)
            state = analysis.key_results.get(entry.kr)
            computed = state.progress if state is not None and state.progress is not None else entry.score
            overrides.append((entry.kr, computed, entry.override, entry.reason or ""))
    return ReviewView(
        monthly=[
            MonthlyReviewView(m.date, list(m.attendees), m.notes, list(m.risks), list(m.decisions))
            for m in review.monthly
            if m.date <= analysis.as_of
        ],
        lessons=list(review.lessons),
        decisions=[(d.objective, d.decision, d.note) for d in review.decisions],
        overrides=overrides,
    )


def _unit_cycles(
    ws: Workspace,
    analysis: Analysis,
    objectives: dict[str, ObjectiveView],
    findings: list[FindingView],
    reuse: Reuse | None = None,
) -> dict[tuple[str, str], UnitCycleView]:
    by_unit: defaultdict[tuple[str | None, str | None], list[FindingView]] = defaultdict(list)
    for f in findings:
        by_unit[(f.cycle, f.unit)].append(f)
    scores_of: defaultdict[str, list[tuple[str, float | None, str | None]]] = defaultdict(list)
    for cycle_id in ws.cycles:
        for unit_id in ws.units_in(cycle_id):
            state = analysis.units[(cycle_id, unit_id)]
            scores_of[unit_id].append((cycle_id, state.score, state.status))
    out: dict[tuple[str, str], UnitCycleView] = {}
    todo = [(cycle_id, unit_id) for cycle_id in ws.cycles for unit_id in ws.units_in(cycle_id)]
    if reuse is not None:  # the same units: start from their views, make the stale ones again
        out = dict(reuse.view.unit_cycles)
        todo = [key for key in todo if key in reuse.stale]
    for cycle_id, unit_id in todo:
        state = analysis.units[(cycle_id, unit_id)]
        out[(cycle_id, unit_id)] = UnitCycleView(
            unit=unit_id,
            cycle=cycle_id,
            kind=state.kind,
            score=state.score,
            status=state.status,
            band=state.band,
            status_counts=state.status_counts,
            completion=state.completion,
            discipline=state.checkins,
            stale=list(state.stale),
            missing=list(state.missing),
            objectives=[objectives[o] for o in state.objectives],
            review=_review(ws, cycle_id, unit_id, analysis),
            findings=by_unit.get((cycle_id, unit_id), []),
            history=[h for h in scores_of[unit_id] if h[0] != cycle_id],
        )
    return out


def _bands(
    distribution: Iterable[int], strong: float, moderate: float, unscored: int = 0
) -> list[tuple[str, str, int]]:
    """Group the 11 displayed-score bins (0.0 … 1.0) into the workspace's bands, then the
    key results not scored yet: site and packs chart the same four bars, so a bar's share
    is of all key results in both."""
    counts = {"strong": 0, "moderate": 0, "weak": 0}
    for i, count in enumerate(distribution):
        value = i / 10
        key = "strong" if value >= strong - 1e-9 else "moderate" if value >= moderate - 1e-9 else "weak"
        counts[key] += count
    return [
        ("strong", f"Strong (≥ {strong:.1f})", counts["strong"]),
        ("moderate", f"Moderate ({moderate:.1f}–{strong - 0.1:.1f})", counts["moderate"]),
        ("weak", f"Weak (< {moderate:.1f})", counts["weak"]),
        ("none", BAND_WORDS[None], unscored),
    ]


_LEVEL = {"company": 0, "department": 1, "team": 2}


def _cycles(
    ws: Workspace,
    analysis: Analysis,
    objectives: dict[str, ObjectiveView],
    unit_cycles: dict[tuple[str, str], UnitCycleView],
    previous: SiteView | None = None,
) -> dict[str, CycleView]:
    """The view of each cycle. With ``previous`` (made before only some check-ins changed), a
    cycle whose figures the analysis kept (the same ``CycleState``: none of its check-ins
    changed) keeps its view: nothing it shows changed (its objectives' states, reviews and
    stale key results follow that cycle's files alone). Making the closed cycles'
    views again took 0.01 s of each `rollout serve` rebuild after one check-in on 2,000 teams
    (this 2-core machine, 2026-11-29)."""
    from rollout.metrics.calibration import rule_text, thresholds
    from rollout.metrics.rollups import department_rollups, departments_without_okrs, unit_tree_rows

    company = ws.company.id if ws.company else None
    scoring = ws.settings.scoring
    out: dict[str, CycleView] = {}
    for cycle_id, cycle in ws.cycles.items():
        state = analysis.cycles[cycle_id]
        kept = previous.cycles.get(cycle_id) if previous is not None else None
        if kept is not None and kept.state is state:
            out[cycle_id] = kept
            continue
        in_cycle = [objectives[o.id] for o in ws.objectives_in(cycle_id)]
        unit_ids = list(state.units)
        reviews: list[tuple[str, ReviewView]] = []
        lessons: list[tuple[str, str]] = []
        decisions: list[tuple[str, str, str, str]] = []
        for unit_id in unit_ids:
            review = unit_cycles[(cycle_id, unit_id)].review
            if review is None:
                continue
            if review.monthly:
                reviews.append((unit_id, review))
            lessons.extend((unit_id, lesson) for lesson in review.lessons)
            decisions.extend((unit_id, o, d, n) for o, d, n in review.decisions)
        # One order wherever stale key results are listed (the cycle page, the home page's
        # "needs attention"): higher levels first (a stale company key result matters more than
        # a team's), then units.yaml order, then file order.
        by_level = sorted(unit_ids, key=lambda u: _LEVEL.get(ws.units[u].kind, 2))
        stale = [k for u in by_level for k in unit_cycles[(cycle_id, u)].stale]
        rollups = department_rollups(ws, analysis, cycle_id)
        out[cycle_id] = CycleView(
            tree=unit_tree_on(ws, org_day(ws, cycle)),
            id=cycle_id,
            title=cycle.title,
            status=cycle.status,
            start=cycle.start,
            end=cycle.end,
            closed_on=cycle.closed_on if cycle.status == "closed" else None,
            expected=state.expected,
            state=state,
            units=unit_ids,
            company_objectives=[o.id for o in in_cycle if o.unit == company],
            orphans=list(state.alignment.orphans),
            bottom_up=list(state.alignment.bottom_up),
            cross_functional=list(state.alignment.cross_functional),
            unsupported=list(state.alignment.unsupported),
            bands=_bands(
                state.distribution,
                scoring.strong,
                scoring.moderate,
                state.completion.key_results - sum(state.distribution),  # no score (a closed cycle has none)
            ),
            departments=rollups,
            departments_without_okrs=departments_without_okrs(ws, cycle_id, rollups),
            unit_tree=_unit_tree(unit_tree_rows(ws, cycle_id, unit_ids, state.departments)),
            calibration=[_calibration_row(c) for c in state.calibration.values() if c.scores],
            calibration_rule=rule_text(thresholds(ws.settings)),
            reviews=reviews,
            lessons=lessons,
            decisions=decisions,
            stale=stale,
            off_track=[o.id for o in in_cycle if o.status == "off_track"],
        )
    return out


def _calibration_row(c: Calibration) -> CalibrationRow:
    return CalibrationRow(c.unit, list(c.scores), c.verdict)


def _unit_tree(rows: list[tuple[str, str | None, bool]]) -> list[tuple[str, str]]:
    """:func:`~rollout.metrics.rollups.unit_tree_rows` with the words of a department without OKRs."""
    teams_of = {d for u, d, _has in rows if d is not None and u != d}
    return [(u, "" if has else ("no OKRs of its own" if u in teams_of else "no OKRs")) for u, _d, has in rows]

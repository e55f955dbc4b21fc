"""The one view model of the reports: ``build_view(ws) -> SiteView``.

The static site and the PDF review packs both render from this, so they never
disagree. It holds display-ready data only: figures come from
:func:`rollout.metrics.analysis.analyze` (never recomputed here), findings from
:func:`rollout.rules.check_workspace`, readiness from
:func:`rollout.questionnaire.report.readiness_report`; text is the user's, not
yet escaped (templates autoescape; Markdown goes through
:func:`rollout.report.markdown.render_markdown`).

Shape (all plain dataclasses; ids are the workspace's ids)::

    SiteView
      organization, language, as_of, running_cycle, scoring (strong, moderate), version
      people: {person id: PersonView}          units: {unit id: UnitView}
      cycles: {cycle id: CycleView}            phases: {phase id: PhaseView}
      unit_cycles: {(cycle, unit): UnitCycleView}
      objectives: {objective id: ObjectiveView}   key_results: {kr id: KRView}
      readiness: ReadinessView | None          quality: QualityView
      checkin_log: [CheckinEntry]              attention: AttentionView
      packs: [PackLink]                        warnings: [str]  (missing data)
      analysis: the Analysis it was built from

The records are in :mod:`rollout.report.viewrecords`, the parts beyond objectives and
units in :mod:`rollout.report.viewparts`, the words and figure labels in
:mod:`rollout.report.vocabulary` and the formatters in :mod:`rollout.report.formats`;
all are re-exported here. Links are site-relative paths (``units/2026-Q4/hr.html#hr-hire``): see
:func:`unit_url`, :func:`objective_url`, :func:`cycle_url`, :func:`phase_url`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING, Any

from rollout import __version__
from rollout.org.history import org_day, unit_tree_on
from rollout.report.quality import QualityView
from rollout.report.viewparts import (
    ATTENTION_SIZE,
    CHECKIN_LOG_SIZE,
    Reuse,
    _attention,
    _checkin_log,
    _missing_data,
    _phases,
    _quality,
    _readiness,
)
from rollout.report.viewrecords import (
    AttentionView,
    CalibrationRow,
    CheckinEntry,
    CommentView,
    CycleView,
    DimensionView,
    FindingView,
    GapView,
    KRView,
    MonthlyReviewView,
    ObjectiveView,
    PackLink,
    PersonView,
    PhaseView,
    ReadinessView,
    ReviewView,
    SiteView,
    UnitCycleView,
    UnitView,
    alignment_url,
    cycle_url,
    objective_url,
    phase_url,
    unit_url,
)
from rollout.report.vocabulary import (
    BAND_WORDS,
    DECISION_WORDS,
    RECOMMENDATION_WORDS,
    STATUS_WORDS,
    STRATEGY_WORDS,
    VERDICT_WORDS,
)

if TYPE_CHECKING:
    from rollout.metrics.analysis import Analysis, Calibration
    from rollout.workspace import Workspace
    from rollout.workspace.models import Objective

__all__ = [
    "ATTENTION_SIZE",
    "BAND_WORDS",
    "CHECKIN_LOG_SIZE",
    "DECISION_WORDS",
    "RECOMMENDATION_WORDS",
    "STATUS_WORDS",
    "STRATEGY_WORDS",
    "VERDICT_WORDS",
    "AttentionView",
    "CalibrationRow",
    "CheckinEntry",
    "CommentView",
    "CycleView",
    "DimensionView",
    "FindingView",
    "GapView",
    "KRView",
    "MonthlyReviewView",
    "ObjectiveView",
    "PackLink",
    "PersonView",
    "PhaseView",
    "QualityView",
    "ReadinessView",
    "ReviewView",
    "SiteView",
    "UnitCycleView",
    "UnitView",
    "alignment_url",
    "build_view",
    "cycle_url",
    "objective_url",
    "phase_url",
    "unit_url",
]


# --- building ---------------------------------------------------------------------


def build_view(
    ws: Workspace,
    *,
    analysis: Analysis | None = None,
    findings: list[Any] | None = None,
    packs: list[Any] | None = None,
    previous: SiteView | None = None,
    changed: Collection[tuple[str, str]] = (),
) -> SiteView:
    """Everything the site and the packs show, from a loaded workspace.

    ``analysis``, ``findings`` (rule findings) and ``packs`` (pack specs) are computed here
    when not given; pass them to reuse work already done.

    Incremental use (``rollout serve``): ``previous`` is the view of the same workspace
    before only the check-ins of the ``changed`` (cycle, unit) pairs changed; the views of
    other units' objectives and pages are taken from it (see :func:`_stale_units`).
    """
    from rollout.metrics.analysis import analyze

    if analysis is None:
        analysis = analyze(ws)
    warnings: list[str] = []
    quality_available = True
    if findings is None:
        findings, quality_available = _check(ws)
        if not quality_available:
            warnings.append("quality rules are not available: the Quality page lists no findings")
    unused = sum(1 for f in findings if f.code in ("OKR409", "OKR410"))
    if unused:  # figures never use them (figures.checkins_used); say so where the build reports
        from rollout.plural import noun, plural

        warnings.append(
            f"{plural(unused, 'check-in')} {noun(unused, 'is', 'are')} not used in any figure: dated outside "
            "the cycle, after as-of, or a same-day duplicate (`rollout check` lists them, OKR409/OKR410)"
        )
    if previous is not None:  # findings that are the same objects as before keep their views
        seen = {id(f): v for f, v in zip(previous.source_findings, previous.quality.findings, strict=True)}
        finding_views = [seen.get(id(f)) or _finding(f) for f in findings]
    else:
        finding_views = [_finding(f) for f in findings]
    if packs is None:
        packs = _plan_packs(ws)

    people = {p.id: PersonView(p.id, p.name, p.title) for p in ws.people.values()}
    units = _units(ws)
    reuse = _reuse(ws, previous, changed, findings)
    objectives, key_results = _objectives(ws, analysis, finding_views, reuse)
    unit_cycles = _unit_cycles(ws, analysis, objectives, finding_views, reuse)
    cycles = _cycles(ws, analysis, objectives, unit_cycles, reuse.view if reuse is not None else None)
    checkin_log, checkin_pool = _checkin_log(ws, analysis, previous, changed)
    # Readiness is missing data once a rollout plan (phases) exists: its gates need it.
    readiness = _readiness(ws, "readiness", warnings if ws.phases else None)
    phases = _phases(ws, analysis, warnings)
    view = SiteView(
        organization=ws.settings.organization,
        language=ws.settings.language,
        as_of=analysis.as_of,
        running_cycle=analysis.running_cycle,
        strong=ws.settings.scoring.strong,
        moderate=ws.settings.scoring.moderate,
        version=__version__,
        people=people,
        units=units,
        company=ws.company.id if ws.company else None,
        cycles=cycles,
        phases=phases,
        unit_cycles=unit_cycles,
        objectives=objectives,
        key_results=key_results,
        readiness=readiness,
        quality=_quality(ws, findings, finding_views, quality_available, analysis.running_cycle, reuse),
        checkin_log=checkin_log,
        attention=_attention(cycles, analysis, finding_views, objectives),
        packs=[PackLink(p.id, p.kind, p.title, p.label, f"packs/{p.filename}", p.cycle, p.phase) for p in packs or []],
        warnings=warnings,
        analysis=analysis,
        checkin_pool=checkin_pool,
        remade=frozenset(reuse.stale) if reuse is not None else None,
        source_findings=list(findings),
    )
    _missing_data(ws, view)
    return view


def _reuse(
    ws: Workspace, previous: SiteView | None, changed: Collection[tuple[str, str]], findings: list[Any]
) -> Reuse | None:
    if previous is None:
        return None
    return Reuse(previous, _stale_units(ws, changed, previous.source_findings, findings))


def _stale_units(
    ws: Workspace, changed: Collection[tuple[str, str]], before: list[Any], after: list[Any]
) -> set[tuple[str, str]]:
    """The (cycle, unit) views to make again: the changed pairs, the same units in other
    cycles (their history lists this cycle's score), and every pair whose findings changed.

    An incremental rules run hands back the very same finding objects where nothing
    changed, so a finding that is not one of the earlier objects is new (or moved).
    """
    stale = set(changed)
    units = {unit for _cycle, unit in changed}
    stale |= {key for key in ws.okr_files if key[1] in units}
    before_ids = {id(f) for f in before}
    after_ids = {id(f) for f in after}
    for f in (*(f for f in after if id(f) not in before_ids), *(f for f in before if id(f) not in after_ids)):
        if f.cycle is not None and f.unit is not None:
            stale.add((f.cycle, f.unit))
    return stale


def _check(ws: Workspace) -> tuple[list[Any], bool]:
    from rollout.rules import check_workspace

    return list(check_workspace(ws)), True


def _plan_packs(ws: Workspace) -> list[Any]:
    from rollout.report.packs.plan import plan_packs

    return list(plan_packs(ws))


def _finding(f: Any) -> FindingView:
    return FindingView(
        code=f.code,
        name=f.name,
        severity=f.severity,
        message=f.message,
        hint=f.hint or "",
        file=f.file or "",
        line=f.line or 0,
        cycle=f.cycle,
        unit=f.unit,
        objective=f.objective,
        kr=f.kr,
    )


def _units(ws: Workspace) -> dict[str, UnitView]:
    units = {
        u.id: UnitView(u.id, u.name, u.kind, u.parent, u.owner, department=None, archived=u.archived)
        for u in ws.units.values()
    }
    for unit in units.values():
        if unit.parent and unit.parent in units:
            units[unit.parent].children.append(unit.id)
        department = ws.department_of(unit.id)
        unit.department = department.id if department else None
    for cycle_id, unit_id in ws.okr_files:
        if unit_id in units:
            units[unit_id].cycles.append(cycle_id)
    order = {c: i for i, c in enumerate(ws.cycles)}
    for unit in units.values():
        unit.cycles.sort(key=order.__getitem__)
    return units


def _objectives(
    ws: Workspace, analysis: Analysis, findings: list[FindingView], reuse: Reuse | None = None
) -> tuple[dict[str, ObjectiveView], dict[str, KRView]]:
    by_objective: defaultdict[str, list[FindingView]] = defaultdict(list)
    by_kr: defaultdict[str, list[FindingView]] = defaultdict(list)
    for f in findings:
        if f.kr:
            by_kr[f.kr].append(f)
        elif f.objective:
            by_objective[f.objective].append(f)
    decisions: dict[str, tuple[str, str]] = {}
    for review in ws.reviews.values():
        for d in review.decisions:
            decisions[d.objective] = (d.decision, d.note)
    key_results: dict[str, KRView] = {}
    objectives: dict[str, ObjectiveView] = {}
    todo: Iterable[tuple[str, Objective]] = ws.objectives.items()
    if reuse is not None:  # the same objectives: start from their views, make the stale units' again
        key_results, objectives = dict(reuse.view.key_results), dict(reuse.view.objectives)
        todo = [(o.id, o) for key in sorted(reuse.stale) for o in ws.okr_files.get(key, ())]
    for objective_id, objective in todo:
        state = analysis.objectives[objective_id]
        krs: list[KRView] = []
        for kr in objective.key_results:
            s = analysis.key_results[kr.id]
            view = KRView(
                id=kr.id,
                title=kr.title,
                objective=objective_id,
                unit=s.unit,
                cycle=s.cycle,
                owner=kr.owner,
                metric=kr.metric,
                direction=kr.direction,
                unit_of_measure=kr.unit_of_measure,
                weight=kr.weight,
                due=kr.due,
                health_metric=kr.health_metric,
                baseline=s.baseline,
                target=s.target,
                current=s.current,
                score=s.score,
                final_score=s.final_score,
                overridden=s.overridden,
                override_reason=s.override_reason,
                band=s.band,
                expected=s.expected,
                status=s.status,
                confidence=s.confidence,
                last_checkin=s.last_checkin,
                checkins=s.checkins,
                stale=s.stale,
                missing=s.missing,
                state=s,
                findings=by_kr.get(kr.id, []),
            )
            krs.append(view)
            key_results[kr.id] = view
        priority = ws.priorities.get(objective.priority) if objective.priority else None
        decision = decisions.get(objective_id)
        objectives[objective_id] = ObjectiveView(
            id=objective_id,
            title=objective.title,
            unit=objective.unit,
            cycle=objective.cycle,
            owner=objective.owner,
            parent=objective.parent,
            alignment=objective.alignment,
            contributors=list(objective.contributors),
            contributes_to=list(objective.contributes_to),
            priority=objective.priority,
            priority_title=priority.title if priority else None,
            description=objective.description,
            carried_from=objective.carried_from,
            score=state.score,
            confidence=state.confidence,
            status=state.status,
            band=state.band,
            linked=state.linked,
            measured=state.measured,
            key_results=krs,
            decision=decision[0] if decision else None,
            decision_note=decision[1] if decision else "",
            findings=by_objective.get(objective_id, []),
            # The OKRs are the same as in the previous view: so are the supporters.
            supporters=list(reuse.view.objectives[objective_id].supporters) if reuse is not None else [],
            also_supported_by=list(reuse.view.objectives[objective_id].also_supported_by) if reuse is not None else [],
        )
    if reuse is None:
        for shown in objectives.values():
            if shown.parent and shown.parent in objectives:
                objectives[shown.parent].supporters.append(shown.id)
            for target in shown.contributes_to:
                if target in objectives:
                    objectives[target].also_supported_by.append(shown.id)
    return objectives, key_results


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
    from rollout.metrics.rollups import department_rollups

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
            departments=department_rollups(ws, analysis, cycle_id),
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

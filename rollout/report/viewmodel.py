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

The records are in :mod:`rollout.report.viewrecords`, the per-cycle unit and cycle views in
:mod:`rollout.report.viewcycles`, the parts beyond objectives and units in
:mod:`rollout.report.viewparts`, the words and figure labels in :mod:`rollout.report.vocabulary`
and the formatters in :mod:`rollout.report.formats`; all are re-exported here. Links are
site-relative paths (``units/2026-Q4/hr.html#hr-hire``): see
:func:`unit_url`, :func:`objective_url`, :func:`cycle_url`, :func:`phase_url`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING, Any

from rollout import __version__
from rollout.report.quality import QualityView
from rollout.report.viewcycles import _cycles, _unit_cycles
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
    from rollout.metrics.analysis import Analysis
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

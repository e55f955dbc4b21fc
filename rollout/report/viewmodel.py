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

Links are site-relative paths (``units/2026-Q4/hr.html#hr-hire``): see
:func:`unit_url`, :func:`objective_url`, :func:`cycle_url`, :func:`phase_url`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from rollout import __version__
from rollout.org.history import org_day, unit_tree_on
from rollout.report.quality import QualityView, quality_view

if TYPE_CHECKING:
    from rollout.metrics.analysis import (
        Analysis,
        Calibration,
        Completion,
        CycleState,
        Discipline,
        KRState,
        PhaseState,
    )
    from rollout.workspace import Workspace
    from rollout.workspace.models import CheckIn, Objective

CHECKIN_LOG_SIZE = 150
ATTENTION_SIZE = 12
STATUS_WORDS = {"on_track": "On track", "at_risk": "At risk", "off_track": "Off track", None: "No data"}
BAND_WORDS = {"strong": "Strong", "moderate": "Moderate", "weak": "Weak", None: "Not scored"}
DECISION_WORDS = {
    "completed": "Completed",
    "carried_over": "Carried over",
    "refined": "Refined",
    "dropped": "Dropped",
}
STRATEGY_WORDS = {
    "leadership-first": "Leadership first",
    "department-by-department": "Department by department",
    "team-by-team": "Team by team",
    "broad": "Broad launch",
}
RECOMMENDATION_WORDS = {"expand": "Expand", "extend_pilot": "Extend the pilot", "stop_and_fix": "Stop and fix"}
VERDICT_WORDS = {
    "too_safe": "Targets too safe",
    "too_hard": "Targets too hard",
    "ok": "Well calibrated",
    "insufficient": "Not enough closed cycles",
}


# --- urls (site-relative) --------------------------------------------------------


def unit_url(unit_id: str, cycle_id: str) -> str:
    return f"units/{cycle_id}/{unit_id}.html"


def objective_url(unit_id: str, cycle_id: str, objective_id: str) -> str:
    return f"{unit_url(unit_id, cycle_id)}#{objective_id}"


def cycle_url(cycle_id: str) -> str:
    return f"cycles/{cycle_id}.html"


def alignment_url(cycle_id: str) -> str:
    return f"cycles/{cycle_id}-alignment.html"


def phase_url(phase_id: str) -> str:
    return f"phases/{phase_id}.html"


# --- records ----------------------------------------------------------------------


@dataclass(slots=True)
class PersonView:
    id: str
    name: str
    title: str | None = None


@dataclass(slots=True)
class UnitView:
    id: str
    name: str
    kind: str  # company | department | team
    parent: str | None
    owner: str | None
    children: list[str] = field(default_factory=list)
    department: str | None = None
    cycles: list[str] = field(default_factory=list)  # cycles in which the unit has OKRs, in order
    archived: date | None = None  # the day the unit was dissolved (its history stays)

    @property
    def url(self) -> str | None:
        """The unit's page in its latest cycle (None if it never had OKRs)."""
        return unit_url(self.id, self.cycles[-1]) if self.cycles else None


@dataclass(slots=True)
class FindingView:
    code: str
    name: str
    severity: str  # error | warning | info
    message: str
    hint: str
    file: str
    line: int
    cycle: str | None
    unit: str | None
    objective: str | None
    kr: str | None


@dataclass(slots=True)
class KRView:
    id: str
    title: str
    objective: str
    unit: str
    cycle: str
    owner: str | None
    metric: str | None
    direction: str | None
    unit_of_measure: str | None
    weight: float
    due: date | None
    health_metric: bool
    baseline: float | None
    target: float | None
    current: float | None
    score: float | None
    final_score: float | None
    overridden: bool
    override_reason: str | None
    band: str | None
    expected: float
    status: str | None
    confidence: int | None
    last_checkin: date | None
    checkins: int
    stale: bool
    missing: bool
    state: KRState = field(repr=False)
    findings: list[FindingView] = field(default_factory=list)

    @property
    def history(self) -> tuple[tuple[date, float], ...]:
        """``((date, value), ...)`` of the check-ins up to the as-of date (computed on use)."""
        return self.state.history

    @property
    def values(self) -> list[float]:
        return [value for _d, value in self.state.history]

    @property
    def latest_note(self) -> CheckIn | None:
        """The latest check-in with a note, up to the as-of date (computed on use)."""
        for checkin in reversed(self.state.items):
            if checkin.note:
                return checkin
        return None


@dataclass(slots=True)
class ObjectiveView:
    id: str
    title: str
    unit: str
    cycle: str
    owner: str | None
    parent: str | None  # objective id
    alignment: str | None  # bottom_up | cross_functional
    contributors: list[str]  # unit ids
    priority: str | None
    priority_title: str | None
    description: str
    carried_from: str | None
    score: float | None
    confidence: int | None
    status: str | None
    band: str | None
    linked: bool
    key_results: list[KRView]
    supporters: list[str] = field(default_factory=list)  # objective ids that name this one as parent
    contributes_to: list[str] = field(default_factory=list)  # objective ids it also supports (secondary)
    also_supported_by: list[str] = field(default_factory=list)  # objective ids naming it in contributes_to
    decision: str | None = None  # completed | carried_over | refined | dropped (closed cycles)
    decision_note: str = ""
    findings: list[FindingView] = field(default_factory=list)
    measured: int = 0  # key results with a score (the others count as 0.0 in ``score``)

    @property
    def url(self) -> str:
        return objective_url(self.unit, self.cycle, self.id)

    @property
    def orphan(self) -> bool:
        return self.parent is None and self.alignment is None and not self.contributes_to


@dataclass(slots=True)
class MonthlyReviewView:
    date: date
    attendees: list[str]
    notes: str
    risks: list[str]
    decisions: list[str]


@dataclass(slots=True)
class ReviewView:
    monthly: list[MonthlyReviewView]
    lessons: list[str]
    decisions: list[tuple[str, str, str]]  # (objective id, decision, note)
    overrides: list[tuple[str, float, float, str]]  # (kr id, computed, final, reason)


@dataclass(slots=True)
class UnitCycleView:
    unit: str
    cycle: str
    kind: str
    score: float | None
    status: str | None
    band: str | None
    status_counts: dict[str, int]
    completion: Completion
    discipline: Discipline
    stale: list[str]
    missing: list[str]
    objectives: list[ObjectiveView]
    review: ReviewView | None
    findings: list[FindingView]
    history: list[tuple[str, float | None, str | None]]  # other cycles of the unit: (cycle, score, status)

    @property
    def url(self) -> str:
        return unit_url(self.unit, self.cycle)


@dataclass(slots=True)
class CalibrationRow:
    unit: str
    scores: list[tuple[str, float]]
    verdict: str


@dataclass(slots=True)
class CycleView:
    id: str
    title: str
    status: str  # planned | running | closed
    start: date
    end: date
    expected: float
    state: CycleState
    units: list[str]
    company_objectives: list[str]
    orphans: list[str]
    bottom_up: list[str]
    cross_functional: list[str]
    unsupported: list[str]
    bands: list[tuple[str, str, int]]  # (strong|moderate|weak|none, label, count) of key result scores
    calibration: list[CalibrationRow]
    reviews: list[tuple[str, ReviewView]]  # (unit id, review) for units with review notes
    lessons: list[tuple[str, str]]  # (unit id, lesson)
    decisions: list[tuple[str, str, str, str]]  # (unit id, objective id, decision, note)
    stale: list[str]  # stale key result ids (running cycle)
    off_track: list[str]  # off-track objective ids
    # unit id → its parent as the organization stood in this cycle (rollout.org.history.unit_tree_on)
    tree: dict[str, str | None] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return cycle_url(self.id)

    def children_of(self, unit_id: str) -> list[str]:
        """The units under ``unit_id`` in this cycle's organization, in units.yaml order."""
        return [u for u, parent in self.tree.items() if parent == unit_id]

    @property
    def alignment_url(self) -> str:
        return alignment_url(self.id)


@dataclass(slots=True)
class DimensionView:
    id: str
    title: str
    mean: float | None
    spread: float | None  # highest minus lowest respondent score
    respondents: int
    level: str | None  # the band's label, e.g. "Partly aligned"
    recommendation: str
    disagreement: bool
    gap: bool  # a weak dimension


@dataclass(slots=True)
class GapView:
    title: str
    kind: str  # low | disagreement
    message: str
    recommendation: str


@dataclass(slots=True)
class CommentView:
    question: str
    text: str
    name: str


@dataclass(slots=True)
class ReadinessView:
    """A questionnaire report (readiness, or a retrospective) as display data; scores are 1–5."""

    questionnaire: str
    title: str
    respondents: int
    level: str | None
    recommendation: str
    score: float | None
    scale_max: float
    dimensions: list[DimensionView]
    gaps: list[GapView]
    strategy: str | None
    strategy_description: str
    strategy_reasons: list[str]
    pilot_units: list[tuple[str, str]]  # (unit id, reason)
    comments: list[CommentView]


@dataclass(slots=True)
class PhaseView:
    id: str
    name: str
    strategy: str
    units: list[str]
    cycles: list[str]
    entry_criteria: list[str]
    exit_criteria: list[str]
    state: PhaseState
    results: list[tuple[str, float | None, float | None]]  # (cycle, mean score, discipline rate)
    readiness: ReadinessView | None
    retrospective: ReadinessView | None

    @property
    def url(self) -> str:
        return phase_url(self.id)


@dataclass(slots=True)
class CheckinEntry:
    date: date
    kr: str
    unit: str
    cycle: str
    value: float
    confidence: int | None
    note: str
    author: str | None


@dataclass(slots=True)
class AttentionView:
    stale: list[str]  # key result ids
    stale_total: int
    off_track: list[str]  # objective ids
    off_track_total: int
    errors: list[FindingView]
    error_total: int


@dataclass(slots=True)
class PackLink:
    id: str
    kind: str
    title: str
    label: str
    href: str  # site-relative: packs/<filename>
    cycle: str | None
    phase: str | None


@dataclass(slots=True)
class SiteView:
    organization: str
    language: str
    as_of: date
    running_cycle: str | None
    strong: float
    moderate: float
    version: str
    people: dict[str, PersonView]
    units: dict[str, UnitView]
    company: str | None
    cycles: dict[str, CycleView]
    phases: dict[str, PhaseView]
    unit_cycles: dict[tuple[str, str], UnitCycleView]
    objectives: dict[str, ObjectiveView]
    key_results: dict[str, KRView]
    readiness: ReadinessView | None
    quality: QualityView
    checkin_log: list[CheckinEntry]
    attention: AttentionView
    packs: list[PackLink]
    warnings: list[str]
    analysis: Analysis
    checkin_pool: list[tuple[date, str, int]] = field(default_factory=list, repr=False)
    # (cycle, unit) pairs made again by an incremental view (None: everything was made)
    remade: frozenset[tuple[str, str]] | None = None
    source_findings: list[Any] = field(default_factory=list, repr=False)  # the rule findings shown, as given

    # helpers used by templates and packs
    def person(self, person_id: str | None) -> str:
        if not person_id:
            return "No owner"
        person = self.people.get(person_id)
        return person.name if person else person_id

    def unit_name(self, unit_id: str | None) -> str:
        if not unit_id:
            return ""
        unit = self.units.get(unit_id)
        return unit.name if unit else unit_id

    @property
    def home_cycle(self) -> str | None:
        """The cycle the home page is about: the running one, else the latest with OKRs."""
        if self.running_cycle and self.running_cycle in self.cycles:
            return self.running_cycle
        with_units = [c for c in self.cycles.values() if c.units]
        return with_units[-1].id if with_units else None

    def phase_of_cycle(self, cycle_id: str) -> PhaseView | None:
        for phase in self.phases.values():
            if cycle_id in phase.cycles:
                return phase
        return None

    def packs_for(self, *, cycle: str | None = None, phase: str | None = None) -> list[PackLink]:
        return [p for p in self.packs if (cycle and p.cycle == cycle) or (phase and p.phase == phase)]


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
    cycles = _cycles(ws, analysis, objectives, unit_cycles)
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
        attention=_attention(cycles, analysis, finding_views),
        packs=[PackLink(p.id, p.kind, p.title, p.label, f"packs/{p.filename}", p.cycle, p.phase) for p in packs or []],
        warnings=warnings,
        analysis=analysis,
        checkin_pool=checkin_pool,
        remade=frozenset(reuse.stale) if reuse is not None else None,
        source_findings=list(findings),
    )
    _missing_data(ws, view)
    return view


@dataclass(frozen=True)
class _Reuse:
    """What an incremental view takes from the previous one: everything outside ``stale``."""

    view: SiteView
    stale: set[tuple[str, str]]  # (cycle, unit) pairs whose views are made again


def _reuse(
    ws: Workspace, previous: SiteView | None, changed: Collection[tuple[str, str]], findings: list[Any]
) -> _Reuse | None:
    if previous is None:
        return None
    return _Reuse(previous, _stale_units(ws, changed, previous.source_findings, findings))


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
    ws: Workspace, analysis: Analysis, findings: list[FindingView], reuse: _Reuse | None = None
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
        todo = [(o.id, o) for key in reuse.stale for o in ws.okr_files.get(key, ())]
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
    reuse: _Reuse | None = None,
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


def _bands(distribution: Iterable[int], strong: float, moderate: float) -> list[tuple[str, str, int]]:
    """Group the 11 displayed-score bins (0.0 … 1.0) into the workspace's bands."""
    counts = {"strong": 0, "moderate": 0, "weak": 0}
    for i, count in enumerate(distribution):
        value = i / 10
        key = "strong" if value >= strong - 1e-9 else "moderate" if value >= moderate - 1e-9 else "weak"
        counts[key] += count
    return [
        ("strong", f"Strong (≥ {strong:.1f})", counts["strong"]),
        ("moderate", f"Moderate ({moderate:.1f}–{strong - 0.1:.1f})", counts["moderate"]),
        ("weak", f"Weak (< {moderate:.1f})", counts["weak"]),
    ]


def _cycles(
    ws: Workspace,
    analysis: Analysis,
    objectives: dict[str, ObjectiveView],
    unit_cycles: dict[tuple[str, str], UnitCycleView],
) -> dict[str, CycleView]:
    company = ws.company.id if ws.company else None
    scoring = ws.settings.scoring
    out: dict[str, CycleView] = {}
    for cycle_id, cycle in ws.cycles.items():
        state = analysis.cycles[cycle_id]
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
        stale = [k for u in unit_ids for k in unit_cycles[(cycle_id, u)].stale]
        out[cycle_id] = CycleView(
            tree=unit_tree_on(ws, org_day(ws, cycle)),
            id=cycle_id,
            title=cycle.title,
            status=cycle.status,
            start=cycle.start,
            end=cycle.end,
            expected=state.expected,
            state=state,
            units=unit_ids,
            company_objectives=[o.id for o in in_cycle if o.unit == company],
            orphans=list(state.alignment.orphans),
            bottom_up=list(state.alignment.bottom_up),
            cross_functional=list(state.alignment.cross_functional),
            unsupported=list(state.alignment.unsupported),
            bands=_bands(state.distribution, scoring.strong, scoring.moderate),
            calibration=[_calibration_row(c) for c in state.calibration.values() if c.scores],
            reviews=reviews,
            lessons=lessons,
            decisions=decisions,
            stale=stale,
            off_track=[o.id for o in in_cycle if o.status == "off_track"],
        )
    return out


def _calibration_row(c: Calibration) -> CalibrationRow:
    return CalibrationRow(c.unit, list(c.scores), c.verdict)


def _readiness(ws: Workspace, questionnaire: str, warnings: list[str] | None) -> ReadinessView | None:
    """The questionnaire report for ``questionnaire`` as display data (None without answers)."""
    if not any(a.questionnaire == questionnaire for a in ws.assessments):
        if warnings is not None:
            warnings.append(f"no {questionnaire} assessments: the Readiness page has no answers to show")
        return None
    from rollout.questionnaire.report import readiness_report

    report = readiness_report(ws, questionnaire)
    if report is None:
        return None
    return _readiness_view(questionnaire, report)


SCALE_MAX = 5.0


def _readiness_view(questionnaire: str, report: Any) -> ReadinessView:
    """Shape :class:`rollout.questionnaire.report.ReadinessReport` for the pages."""
    low = {g.dimension for g in report.gaps if g.kind == "low"}
    dimensions = [
        DimensionView(
            id=d.id,
            title=d.title,
            mean=d.mean,
            spread=d.spread,
            respondents=len(d.answered_by),
            level=d.band.label if d.band else None,
            recommendation=d.band.recommendation if d.band else "",
            disagreement=d.disagreement,
            gap=d.id in low,
        )
        for d in report.dimensions
    ]
    strategy = report.strategy
    return ReadinessView(
        questionnaire=questionnaire,
        title=report.title,
        respondents=len(report.respondents),
        level=report.level.label if report.level else None,
        recommendation=report.level.recommendation if report.level else "",
        score=report.overall,
        scale_max=SCALE_MAX,
        dimensions=dimensions,
        gaps=[GapView(g.title, g.kind, g.message, g.recommendation) for g in report.gaps],
        strategy=strategy.title if strategy else None,
        strategy_description=strategy.description if strategy else "",
        strategy_reasons=list(strategy.reasons) if strategy else [],
        pilot_units=[(p.id, p.reason) for p in report.pilot_units],
        comments=[CommentView(report.questions.get(c.question, c.question), c.text, c.name) for c in report.comments],
    )


def _retrospective(ws: Workspace, questionnaires: list[str], phase_id: str) -> ReadinessView | None:
    """The phase's retrospective: answers whose ``phase`` question names it."""
    from rollout.errors import RolloutError

    for questionnaire in questionnaires:
        answered = [a for a in ws.assessments if a.questionnaire == questionnaire and a.complete]
        if not any(a.answers.get("phase") == phase_id for a in answered):
            continue
        try:
            from rollout.questionnaire.report import readiness_report

            report = readiness_report(ws, questionnaire, only={"phase": phase_id})
        except (ImportError, RolloutError):
            continue
        if report.respondents:
            return _readiness_view(questionnaire, report)
    return None


def _phases(ws: Workspace, analysis: Analysis, warnings: list[str]) -> dict[str, PhaseView]:
    # The pilot retrospective if there is one, else any retrospective questionnaire.
    retro_ids = sorted(
        {a.questionnaire for a in ws.assessments if "retro" in a.questionnaire}, key=lambda q: ("pilot" not in q, q)
    )
    out: dict[str, PhaseView] = {}
    for phase_id, phase in ws.phases.items():
        state = analysis.phases[phase_id]
        # Per cycle of the phase: mean key result score and check-in discipline (figures, in the analysis).
        results = [(cycle_id, comp.mean_score, discipline.rate) for cycle_id, comp, discipline in state.results]
        retro = _retrospective(ws, retro_ids, phase_id)
        out[phase_id] = PhaseView(
            id=phase_id,
            name=phase.name,
            strategy=phase.strategy,
            units=list(phase.units),
            cycles=list(state.cycles),
            entry_criteria=list(phase.entry_criteria),
            exit_criteria=list(phase.exit_criteria),
            state=state,
            results=results,
            readiness=None,
            retrospective=retro,
        )
    return out


def _quality(
    ws: Workspace,
    raw: list[Any],
    findings: list[FindingView],
    available: bool,
    running: str | None,
    reuse: _Reuse | None = None,
) -> QualityView:
    """The quality page's view (:func:`rollout.report.quality.quality_view`)."""
    scores = (dict(reuse.view.quality.unit_scores), reuse.stale) if reuse is not None else None
    return quality_view(ws, raw, findings, available, running, scores)


CheckinPool = list[tuple[date, str, int]]  # (day, key result, index in its check-ins), newest first


def _checkin_log(
    ws: Workspace, analysis: Analysis, previous: SiteView | None = None, changed: Collection[tuple[str, str]] = ()
) -> tuple[list[CheckinEntry], CheckinPool]:
    """The latest check-ins across the organization (newest first), up to the as-of date.

    Also returns the *pool*: the newest ``2 × CHECKIN_LOG_SIZE`` check-ins, which an
    incremental view starts from instead of scanning every key result. The pool stays
    a true prefix of the newest check-ins: the entries of unchanged units keep their
    order, and only the changed units' check-ins are merged in again.
    """
    import heapq

    as_of = analysis.as_of
    kr_home = ws.kr_home
    pool: CheckinPool | None = None
    if previous is not None:
        kept = [entry for entry in previous.checkin_pool if kr_home.get(entry[1]) not in changed]
        if len(kept) >= CHECKIN_LOG_SIZE:
            krs = (kr.id for key in changed for o in ws.okr_files.get(key, ()) for kr in o.key_results)
            pool = heapq.nlargest(len(kept), kept + _candidates(ws, krs, as_of))
    if pool is None:
        pool = heapq.nlargest(2 * CHECKIN_LOG_SIZE, _candidates(ws, ws.checkins, as_of))
    log = []
    for day, kr_id, index in pool[:CHECKIN_LOG_SIZE]:
        checkin = ws.checkins[kr_id][index]
        cycle_id, unit_id = kr_home[kr_id]
        log.append(
            CheckinEntry(
                day, kr_id, unit_id, cycle_id, checkin.value, checkin.confidence_score, checkin.note, checkin.author
            )
        )
    return log, pool


def _candidates(ws: Workspace, krs: Iterable[str], as_of: date) -> CheckinPool:
    out: CheckinPool = []
    checkins = ws.checkins
    for kr_id in krs:
        items = checkins.get(kr_id) or ()
        # Each list is sorted by date: only its last few can be among the newest.
        for index in range(len(items) - 1, max(-1, len(items) - 4), -1):
            if items[index].date <= as_of:
                out.append((items[index].date, kr_id, index))
    return out


def _attention(cycles: dict[str, CycleView], analysis: Analysis, findings: list[FindingView]) -> AttentionView:
    running = analysis.running_cycle
    cycle = cycles.get(running) if running else None
    stale = list(cycle.stale) if cycle else []
    off = list(cycle.off_track) if cycle else []
    # Higher levels first: a stale company key result matters more than a team's.
    level = {"company": 0, "department": 1, "team": 2}
    unit_kind = {u: s.kind for (_c, u), s in analysis.units.items()}
    stale.sort(key=lambda k: (level.get(unit_kind.get(analysis.key_results[k].unit, "team"), 2), k))
    off.sort(key=lambda o: (level.get(unit_kind.get(analysis.objectives[o].unit, "team"), 2), o))
    errors = [f for f in findings if f.severity == "error" and (running is None or f.cycle in (running, None))]
    return AttentionView(
        stale=stale[:ATTENTION_SIZE],
        stale_total=len(stale),
        off_track=off[:ATTENTION_SIZE],
        off_track_total=len(off),
        errors=errors[:ATTENTION_SIZE],
        error_total=len(errors),
    )


def _missing_data(ws: Workspace, view: SiteView) -> None:
    """Data the reports expect but the workspace lacks: shown as build warnings."""
    running = view.running_cycle
    if running and view.company and (running, view.company) not in view.unit_cycles:
        view.warnings.append(f"the company has no OKRs in the running cycle {running}")
    for phase in view.phases.values():
        for cycle_id in phase.cycles:
            if ws.cycles[cycle_id].status == "planned":
                continue
            absent = [u for u in phase.units if (cycle_id, u) not in view.unit_cycles]
            if absent:
                names = ", ".join(absent[:5]) + (f" and {len(absent) - 5} more" if len(absent) > 5 else "")
                view.warnings.append(f"phase {phase.id}: no OKRs in {cycle_id} for {names}")

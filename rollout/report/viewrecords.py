"""The records of the view model (:mod:`rollout.report.viewmodel`) and the site's URLs.

Plain dataclasses, display-ready; ids are the workspace's ids. Links are
site-relative paths (``units/2026-Q4/hr.html#hr-hire``): see :func:`unit_url`,
:func:`objective_url`, :func:`cycle_url`, :func:`phase_url` (in :mod:`rollout.report.viewurls`).
The phase and questionnaire-report records are in :mod:`rollout.report.viewphases`; both are
re-exported here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from rollout.metrics.figures import lead_cycle
from rollout.report.quality import QualityView
from rollout.report.viewphases import CommentView as CommentView
from rollout.report.viewphases import DimensionView as DimensionView
from rollout.report.viewphases import GapView as GapView
from rollout.report.viewphases import PhaseView as PhaseView
from rollout.report.viewphases import ReadinessView as ReadinessView
from rollout.report.viewurls import alignment_url as alignment_url
from rollout.report.viewurls import cycle_url as cycle_url
from rollout.report.viewurls import objective_url as objective_url
from rollout.report.viewurls import phase_url as phase_url
from rollout.report.viewurls import unit_url as unit_url

if TYPE_CHECKING:
    from rollout.metrics.analysis import (
        Analysis,
        Completion,
        CycleState,
        Discipline,
        KRState,
    )
    from rollout.metrics.rollups import DepartmentRollup
    from rollout.workspace.models import CheckIn


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
        """The values of :attr:`history`, without making the pairs (asked once per unit page)."""
        return [c.value for c in self.state.items]

    @property
    def level_to_hold(self) -> bool:
        """Baseline equals target (not a health metric): met or broken (KRState.level_to_hold)."""
        return self.state.level_to_hold

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
    closed_on: date | None  # the day it was closed (cycles.yaml), None while it runs or if not recorded
    reviews: list[tuple[str, ReviewView]]  # (unit id, review) for units with review notes
    lessons: list[tuple[str, str]]  # (unit id, lesson)
    decisions: list[tuple[str, str, str, str]]  # (unit id, objective id, decision, note)
    stale: list[str]  # stale key result ids (running cycle)
    off_track: list[str]  # off-track objective ids
    departments: dict[str, DepartmentRollup] = field(default_factory=dict)  # department with its teams
    # Departments of the cycle's organization with no OKRs (rollout.metrics.rollups.departments_without_okrs)
    departments_without_okrs: list[str] = field(default_factory=list)
    # "Scores by unit" as a tree (rollout.metrics.rollups.unit_tree_rows): (unit id, "" when it has
    # OKRs, else "no OKRs of its own" for a department whose teams have some, "no OKRs")
    unit_tree: list[tuple[str, str]] = field(default_factory=list)
    # unit id → its parent as the organization stood in this cycle (rollout.org.history.unit_tree_on)
    tree: dict[str, str | None] = field(default_factory=dict)
    # The calibration rule with the workspace's thresholds (rollout.metrics.calibration.rule_text)
    calibration_rule: str = ""
    # Parent → children of ``tree``, made on first use: scanning the whole tree for each unit
    # page (twice) took 4.5 s of 20 s of a profiled build of 2,000 teams (quadratic).
    _children: dict[str | None, list[str]] | None = field(default=None, repr=False, compare=False)

    @property
    def url(self) -> str:
        return cycle_url(self.id)

    def children_of(self, unit_id: str) -> list[str]:
        """The units under ``unit_id`` in this cycle's organization, in units.yaml order."""
        if self._children is None:
            children: dict[str | None, list[str]] = {}
            for unit, parent in self.tree.items():
                children.setdefault(parent, []).append(unit)
            self._children = children
        return list(self._children.get(unit_id, ()))

    @property
    def alignment_url(self) -> str:
        return alignment_url(self.id)


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
    # Why no figure uses it (rollout.metrics.window.why_unused: OKR409's and OKR410's words), "" when used
    unused: str = ""


@dataclass(slots=True)
class AttentionView:
    stale: list[str]  # key result ids
    stale_total: int
    off_track: list[str]  # objective ids
    off_track_total: int
    errors: list[FindingView]
    error_total: int
    cycle: str | None = None  # the cycle these are about (the home cycle)
    scored_objectives: int = 0  # objectives of that cycle with a score
    # the cycles ``errors`` are of: the home cycle, and the running cycle when it has not started yet
    error_cycles: tuple[str, ...] = ()


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
        """The cycle the home page, the navigation and "needs attention" lead with
        (:func:`home_cycle`)."""
        return home_cycle(self.cycles, self.running_cycle, self.as_of)

    @property
    def upcoming_cycle(self) -> CycleView | None:
        """The next cycle while none has figures: the running one when it has not started yet or
        has no check-in week due and no check-in (the home page leads with the cycle before it,
        :func:`home_cycle`), else (no cycle running: after ``rollout next`` and the import, a
        new cycle is planned until its first day) the first planned cycle after as-of; None once
        a cycle runs with figures."""
        if self.running_cycle:
            cycle = self.cycles.get(self.running_cycle)
            if cycle is None:
                return None
            figures = cycle.state.checkins.expected > 0 or cycle.state.completion.scored > 0
            return cycle if cycle.start > self.as_of or not figures else None
        later = sorted((c for c in self.cycles.values() if c.status == "planned" and c.start > self.as_of), key=_start)
        return later[0] if later else None

    def phase_of_cycle(self, cycle_id: str) -> PhaseView | None:
        for phase in self.phases.values():
            if cycle_id in phase.cycles:
                return phase
        return None

    def packs_for(self, *, cycle: str | None = None, phase: str | None = None) -> list[PackLink]:
        return [p for p in self.packs if (cycle and p.cycle == cycle) or (phase and p.phase == phase)]


def _start(cycle: CycleView) -> date:
    return cycle.start


def home_cycle(cycles: dict[str, CycleView], running: str | None, as_of: date) -> str | None:
    """The cycle the reports lead with, as of ``as_of``: :func:`rollout.metrics.figures.lead_cycle`
    (``rollout status`` uses the same rule).

    The running cycle once it has started. Until then (``rollout next`` makes the new
    cycle running before its first day), the latest cycle with OKRs that has started,
    usually the one just closed, so a leader sees the quarter just scored and not an
    empty one. Without any started cycle, the latest cycle with OKRs; None without OKRs.
    "Latest" is the order of ``cycles.yaml``.
    """
    figures = (
        (c.id, c.start, bool(c.units), c.state.checkins.expected > 0 or c.state.completion.scored > 0)
        for c in cycles.values()
    )
    return lead_cycle(figures, running, as_of)

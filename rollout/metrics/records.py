"""The records :func:`rollout.metrics.analysis.analyze` returns (shapes only), read-only by convention.

Every number in them is computed by :mod:`rollout.metrics.figures`; see that
module (and ``figures.md``) for formulas and edge cases. Scores are floats in
0.0–1.0, never rounded; ``None`` where a figure cannot exist.

KRState (``Analysis.key_results[kr_id]``)
-----------------------------------------
``kr``, ``objective``, ``unit``, ``cycle``: ids. ``title``, ``owner``,
``direction``, ``unit_of_measure``, ``weight``, ``baseline``, ``target``,
``health_metric``: from the key result. ``current``: value of the last used
check-in (on or before the earlier of the cycle end and as-of;
:func:`~rollout.metrics.figures.checkins_used`), None without one.
``progress``: score of ``current`` (None when unmeasured). ``measured``:
``progress`` is known (closed cycles: also an override or a non-zero score
written by hand, :func:`~rollout.metrics.figures.scored_at_close`).
``final_score``: closed cycles only: the override from
``reviews/`` if any, else ``progress`` (0.0 when unmeasured). ``overridden``,
``override_reason``. ``score``: ``final_score`` in closed cycles, else
``progress``. ``band``, ``expected`` (share of the cycle elapsed), ``status``
(:func:`~rollout.metrics.figures.status`), ``confidence`` (latest, 0–10),
``last_checkin`` (date), ``checkins`` (used check-ins, one per day),
``stale`` (:func:`~rollout.metrics.figures.stale_days`), ``missing`` (running
cycle, no used check-in in the current check-in week, the week check-in
discipline counts: from the latest ``checkin_weekday`` on or before as-of), ``done``:
check-in weeks with a check-in (:func:`~rollout.metrics.figures.weeks_checked_in`),
``items``: the used check-ins; ``history``: ``((date, value), ...)``.

ObjectiveState
--------------
``score``: :func:`~rollout.metrics.figures.aggregate` of its key results
(unmeasured count 0.0); ``measured``: key results with a score;
``key_results``: their ids in file order; ``confidence``: mean of their latest
confidences; ``status``, ``band``; ``linked``: its links (parent, then
``contributes_to``) reach a company objective.

UnitCycleState
--------------
``score``: mean of its objectives' scores; ``measured``; ``status``,
``band``; ``status_counts`` (key results per status and ``unknown``);
``completion``; ``stale``; ``missing``; ``checkins`` (:class:`Discipline` in
weeks); ``objectives``; ``quality`` and ``findings`` when findings were given.

Completion
----------
``key_results`` (n), ``scored`` (measured), ``mean_score`` (mean over all n,
unmeasured as 0.0; None when n = 0), ``strong`` (key results in the strong
band), ``strong_share`` (``strong / n``), ``met`` (key results at 1.0).

Discipline
----------
``expected``: check-in weeks due (key results × weeks); ``done``: weeks with a
check-in; ``rate``: ``done / expected`` (None when nothing was due).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from rollout.metrics.calibration import Verdict
from rollout.metrics.checkins import Discipline, rate
from rollout.metrics.figures import Band, Completion, Status, holds_level, lead_cycle
from rollout.workspace.models import CheckIn

Recommendation = Literal["expand", "extend_pilot", "stop_and_fix"]
__all__ = ["Completion", "Discipline"]  # defined with their formulas in figures

# KRState, ObjectiveState and UnitCycleState are made once per key result, objective and unit
# (about 15,000, 4,800 and 2,400 on 2,000 teams) and never changed after, but not declared
# frozen: a frozen dataclass sets each field through object.__setattr__, and making a KRState
# took 4.7 µs instead of 1.3 µs (timeit). Frozen, the three cost 0.06-0.07 s of every analysis
# of 2,000 teams, the build from process start included (py-spy: 16% of analyze; this machine,
# 2026-11-29). Nothing assigns to them: `rollout serve` shares them between analyses.


@dataclass(slots=True)
class KRState:
    kr: str
    objective: str
    unit: str
    cycle: str
    title: str
    owner: str | None
    direction: str | None
    unit_of_measure: str | None
    weight: float
    baseline: float | None
    target: float | None
    health_metric: bool
    current: float | None
    progress: float | None
    measured: bool
    final_score: float | None
    overridden: bool
    override_reason: str | None
    score: float | None
    band: Band | None
    expected: float
    status: Status | None
    confidence: int | None
    last_checkin: date | None
    checkins: int
    stale: bool
    missing: bool
    items: tuple[CheckIn, ...] = field(default=(), repr=False, compare=False)
    done: int = 0  # check-in weeks with a check-in (figures.weeks_checked_in)

    @property
    def history(self) -> tuple[tuple[date, float], ...]:
        """``((date, value), ...)`` of the check-ins up to as-of, in date order."""
        return tuple((c.date, c.value) for c in self.items)

    @property
    def level_to_hold(self) -> bool:
        """Baseline equals target and not marked a health metric: scored met or broken
        like one (:func:`~rollout.metrics.figures.holds_level`); the pages say so."""
        return not self.health_metric and holds_level(self.direction, self.baseline, self.target, False)


@dataclass(slots=True)
class ObjectiveState:
    objective: str
    unit: str
    cycle: str
    title: str
    owner: str | None
    parent: str | None
    alignment: str | None
    contributors: tuple[str, ...]
    carried_from: str | None
    score: float | None
    confidence: int | None
    status: Status | None
    band: Band | None
    key_results: tuple[str, ...]
    linked: bool
    measured: int = 0


@dataclass(slots=True)
class UnitCycleState:
    unit: str
    cycle: str
    kind: str
    score: float | None
    status: Status | None
    band: Band | None
    status_counts: dict[str, int]
    completion: Completion
    stale: tuple[str, ...]
    missing: tuple[str, ...]
    checkins: Discipline
    objectives: tuple[str, ...]
    quality: int | None = None
    findings: dict[str, int] = field(default_factory=dict)
    measured: int = 0


@dataclass(frozen=True)
class Alignment:
    objectives: int = 0
    linked: int = 0
    coverage: float | None = None
    orphans: tuple[str, ...] = ()
    bottom_up: tuple[str, ...] = ()
    cross_functional: tuple[str, ...] = ()
    unsupported: tuple[str, ...] = ()


@dataclass(frozen=True)
class Leadership:
    checkins: Discipline = field(default_factory=Discipline)
    reviews_expected: int = 0
    reviews_done: int = 0

    @property
    def review_rate(self) -> float | None:
        return rate(self.reviews_done, self.reviews_expected)


@dataclass(frozen=True)
class Calibration:
    unit: str
    scores: tuple[tuple[str, float], ...]
    verdict: Verdict


@dataclass(frozen=True)
class CycleState:
    cycle: str
    title: str
    status: str
    start: date
    end: date
    expected: float
    company_score: float | None
    company_status: Status | None
    company_band: Band | None
    completion: Completion
    unit_completion: dict[str, Completion]
    department_completion: dict[str, Completion]
    department_checkins: dict[str, Discipline]  # the department with its teams, like department_completion
    distribution: tuple[int, ...]
    alignment: Alignment
    checkins: Discipline
    unit_checkins: dict[str, Discipline]
    leadership: Leadership
    calibration: dict[str, Calibration]
    units: tuple[str, ...]
    # Unit id → id of the department it counted under in this cycle (units with none left out):
    # how the figures were worked out, not a figure (kept for the next incremental analysis).
    departments: dict[str, str] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Readiness:
    """What the readiness questionnaire says about the next units (shape-tolerant summary)."""

    level: str | None
    score: float | None
    respondents: int
    gaps: tuple[str, ...]


@dataclass(frozen=True)
class PhaseState:
    phase: str
    name: str
    strategy: str
    units: tuple[str, ...]
    cycles: tuple[str, ...]
    completion: Completion
    checkins: Discipline
    leadership_reviews: tuple[int, int]
    next_units: tuple[str, ...]
    readiness: Readiness | None
    retrospectives: int
    ready_votes: tuple[int, int]
    recommendation: Recommendation
    reasons: tuple[str, ...]
    results: tuple[tuple[str, Completion, Discipline], ...] = ()  # per cycle of the phase, over its units


@dataclass(frozen=True)
class Analysis:
    as_of: date
    running_cycle: str | None
    key_results: dict[str, KRState]
    objectives: dict[str, ObjectiveState]
    units: dict[tuple[str, str], UnitCycleState]
    cycles: dict[str, CycleState]
    phases: dict[str, PhaseState]
    calibration: dict[str, Calibration]
    quality_trend: dict[str, tuple[tuple[str, int], ...]] = field(default_factory=dict)

    @property
    def lead_cycle(self) -> str | None:
        """The cycle ``rollout status``, the home page and the packs lead with
        (:func:`rollout.metrics.figures.lead_cycle`): the running cycle once started with a
        check-in week due or a check-in, else the latest started cycle with OKRs (the one just closed)."""
        return lead_cycle(
            (
                (c.cycle, c.start, bool(c.units), c.checkins.expected > 0 or c.completion.scored > 0)
                for c in self.cycles.values()
            ),
            self.running_cycle,
            self.as_of,
        )

    def krs_of(self, objective_id: str) -> list[KRState]:
        return [self.key_results[k] for k in self.objectives[objective_id].key_results]

    def objectives_of(self, cycle_id: str, unit_id: str) -> list[ObjectiveState]:
        state = self.units.get((cycle_id, unit_id))
        return [self.objectives[o] for o in state.objectives] if state else []

"""Every figure the reports show, computed once: ``analyze(ws) -> Analysis``.

The site and the PDF packs read these frozen records and never compute scores
themselves, so the two never disagree. Everything is computed *as of*
``ws.today`` (``rollout.yaml`` ``as_of`` or today): check-ins dated later are
ignored. Scores are floats in 0.0–1.0 (``None`` when unknown); round them only
for display (:func:`rollout.metrics.scoring.display`).

Status rule (see :mod:`rollout.metrics.scoring`)
------------------------------------------------
- running or planned cycle: :func:`~rollout.metrics.scoring.progress_status` on
  the score, the expected progress (share of the cycle elapsed) and the latest
  confidence: ``off_track`` when the score trails the expected progress by more
  than 0.25 or confidence is 3 or lower; ``on_track`` when it trails by at most
  0.1 and confidence (if any) is above 5; ``at_risk`` otherwise; ``None`` when
  neither score nor confidence is known;
- closed cycle: from the band of the final score (strong → ``on_track``,
  moderate → ``at_risk``, weak → ``off_track``).

KRState (``Analysis.key_results[kr_id]``)
-----------------------------------------
``kr``, ``objective``, ``unit``, ``cycle``: ids. ``title``, ``owner`` (person id or
None), ``direction``, ``unit_of_measure``, ``weight``. ``baseline``, ``target``:
from the key result. ``current``: value of the latest check-in on or before
as-of (None without one). ``progress``: score of ``current`` (None if it cannot
be computed). ``final_score``: closed cycles only: the end-of-cycle score from
``reviews/`` (override honoured), else ``progress``. ``overridden``: the final
score is an override (``override_reason`` holds why). ``score``: the score
reports show: ``final_score`` in closed cycles, else ``progress``. ``band``:
strong/moderate/weak of ``score``. ``expected``: share of the cycle elapsed
(0.0–1.0; 1.0 for closed cycles). ``status``: by the rule above. ``confidence``:
latest confidence given (0–10, words mapped by ``CONFIDENCE_WORDS``).
``last_checkin``: date of the latest check-in. ``checkins``: how many check-ins
up to as-of. ``stale``: the cycle is running and there has been no check-in for
more than ``stale_after_days`` (counted from the cycle start when there is
none). ``missing``: running cycle, and no check-in in the 7 days up to the
latest check-in day (``checkin_weekday``) on or before as-of. ``history``:
``((date, value), ...)`` in date order (a property built from ``items``,
the check-ins themselves, up to as-of).

ObjectiveState (``Analysis.objectives[objective_id]``)
------------------------------------------------------
``objective``, ``unit``, ``cycle``, ``title``, ``owner``, ``parent``,
``alignment``, ``contributors``, ``carried_from``. ``score``: weighted mean of
its key results' ``score`` (unknown scores left out). ``confidence``: mean of
the key results' latest confidences (rounded). ``status``: the status rule on
``score``. ``band``. ``key_results``: key result ids in file order.
``linked``: its links (parent, then ``contributes_to``) reach a company objective
(company objectives count as linked).

UnitCycleState (``Analysis.units[(cycle_id, unit_id)]``)
-------------------------------------------------------
``unit``, ``cycle``, ``kind`` (company/department/team). ``score``: mean of its
objectives' scores. ``status``, ``band``. ``status_counts``: key results per
status, keys ``on_track``, ``at_risk``, ``off_track``, ``unknown``.
``completion``: :class:`Completion` of its key results. ``stale``: stale key
result ids. ``missing``: key result ids without a check-in this week.
``checkins``: :class:`Discipline` (expected vs done). ``objectives``: ids.
``quality``: 0–100 from :func:`rollout.rules.scores_by_unit` and ``findings``:
counts per severity (``error``, ``warning``, ``info``), both only when
``analyze(ws, findings=...)`` is given the findings of ``check_workspace`` (the
analysis never runs the rules itself); else None and ``{}``.

Analysis
--------
``as_of``, ``running_cycle`` (id or None), ``key_results``, ``objectives``,
``units``, ``cycles``, ``phases``, ``calibration`` as below, and
``quality_trend``: per unit, ``((cycle_id, quality), ...)`` in cycle order
(empty without findings). Helpers: ``krs_of(objective_id)``,
``objectives_of(cycle_id, unit_id)``.

Completion
----------
``key_results`` (count), ``scored`` (with a score), ``mean_score`` (None if
none scored), ``strong`` (count at or above ``scoring.strong``), ``strong_share``
(``strong / scored``, None if none scored).

Discipline
----------
``expected``: check-ins due: for each key result, the ``checkin_weekday`` days
from the cycle start to the earlier of as-of and the cycle end. ``done``:
check-ins made in that window, at most ``expected`` per key result.
``rate``: ``done / expected`` (None when nothing was due).

CycleState (``Analysis.cycles[cycle_id]``)
------------------------------------------
``cycle``, ``title``, ``status`` (planned/running/closed), ``start``, ``end``,
``expected`` (share elapsed). ``company_score``/``company_status``/``company_band``:
the company unit's (None if it has no OKRs in the cycle). ``completion``:
:class:`Completion` over all key results. ``unit_completion`` (per unit id),
``department_completion`` (per department id: the department and its teams).
``distribution``: 11 counts of key result scores by displayed value 0.0, 0.1,
… 1.0. ``alignment``: :class:`Alignment`. ``checkins``: :class:`Discipline`;
``unit_checkins``: per unit id. ``leadership``: :class:`Leadership`.
``calibration``: per unit id, :class:`Calibration` over the closed cycles up to
this one. ``units``: unit ids with OKRs in the cycle.

Alignment
---------
``objectives``: objectives below company level. ``linked``: those whose
links reach a company objective (a link is the ``parent`` or any objective named
in ``contributes_to``, the secondary alignment). ``coverage``: ``linked / objectives``
(None if there are none). ``orphans``: objectives with neither a parent, nor
``contributes_to``, nor an explicit ``alignment`` marker. ``bottom_up`` and
``cross_functional``: objectives with that marker. ``unsupported``: company
objectives of the cycle that no objective names as parent or in ``contributes_to``.

Leadership
----------
Company-level and department key results (the leaders' own) check-ins:
``checkins`` (:class:`Discipline`). ``reviews_expected``: monthly reviews due so
far (one per 30 days elapsed, or 14 for a biweekly cadence, none for ``none``);
``reviews_done``: company monthly reviews dated in the cycle up to as-of.
``review_rate``: ``done / expected`` capped at 1 (None when none due).

Calibration (``Analysis.calibration[unit_id]`` and per cycle)
-------------------------------------------------------------
``unit``, ``scores``: ``((cycle_id, mean final score), ...)`` over closed cycles,
in order. ``verdict``: ``too_safe`` when the last two scored cycles both average
0.9 or more (targets set where they are sure to be hit), ``too_hard`` when both
average below 0.3, ``ok`` otherwise, ``insufficient`` with fewer than two.

PhaseState (``Analysis.phases[phase_id]``)
------------------------------------------
``phase``, ``name``, ``strategy``, ``units``, ``cycles`` (the phase's cycles that
exist). ``completion`` and ``checkins`` over the phase's units in its cycles.
``leadership_reviews``: monthly reviews done/expected in its cycles (tuple).
``next_units``: units of the next phase that are not in this one (or, for the
last phase, units not in any phase). ``readiness``: :class:`Readiness` of the
next phase's units (respondents of the ``readiness`` questionnaire from those
units: mean overall score, most common level, the report's gaps) when
``rollout.questionnaire.report.readiness_report`` is available and has answers
from them, else None. ``retrospectives``: completed answers to questionnaires
whose id contains ``retro`` that belong to the phase (their ``phase:`` answer,
else the phase holding their ``cycle:`` answer, else the last phase that had
ended by their date). ``ready_votes``: ``(yes, answered)`` to their
``ready-to-expand`` question. ``recommendation``: ``expand``, ``extend_pilot``
or ``stop_and_fix``; ``reasons``: the sentences behind it, the verdict first.
Gate rule: ``stop_and_fix`` when the mean score is below 0.3 or check-in
discipline below 50 %; ``expand`` when the phase has a closed cycle (or a
running one at least 3/4 done), mean score ≥ 0.5, discipline ≥ 80 %, at least
one retrospective answer, at least half of the ``ready-to-expand`` votes yes,
and the next units' readiness level does not start with "not"; ``extend_pilot``
otherwise.
"""

from __future__ import annotations

import gc
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, Literal

from rollout.metrics.scoring import (
    STATUSES,
    Band,
    Status,
    band,
    expected_progress,
    final_status,
    progress_status,
    score_value,
    weighted_mean,
)
from rollout.org.history import org_day
from rollout.plural import plural
from rollout.workspace.models import CheckIn, Cycle, KeyResult, Objective, ScoringConfig
from rollout.workspace.workspace import Workspace

if TYPE_CHECKING:
    from rollout.rules import Finding

SEVERITIES = ("error", "warning", "info")
Recommendation = Literal["expand", "extend_pilot", "stop_and_fix"]
Verdict = Literal["too_safe", "too_hard", "ok", "insufficient"]

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
SAFE_MEAN = 0.9
HARD_MEAN = 0.3
GATE_STOP_SCORE = 0.3
GATE_STOP_DISCIPLINE = 0.5
GATE_EXPAND_SCORE = 0.5
GATE_EXPAND_DISCIPLINE = 0.8
GATE_MIN_ELAPSED = 0.75


@dataclass(frozen=True, slots=True)
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
    current: float | None
    progress: float | None
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
    done: int = 0  # check-ins done in the cycle window, at most one per check-in day

    @property
    def history(self) -> tuple[tuple[date, float], ...]:
        """``((date, value), ...)`` of the check-ins up to as-of, in date order."""
        return tuple((c.date, c.value) for c in self.items)


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class Completion:
    key_results: int = 0
    scored: int = 0
    mean_score: float | None = None
    strong: int = 0
    strong_share: float | None = None


@dataclass(frozen=True)
class Discipline:
    expected: int = 0
    done: int = 0

    @property
    def rate(self) -> float | None:
        return self.done / self.expected if self.expected else None


@dataclass(frozen=True)
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
        return min(1.0, self.reviews_done / self.reviews_expected) if self.reviews_expected else None


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
    distribution: tuple[int, ...]
    alignment: Alignment
    checkins: Discipline
    unit_checkins: dict[str, Discipline]
    leadership: Leadership
    calibration: dict[str, Calibration]
    units: tuple[str, ...]


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

    def krs_of(self, objective_id: str) -> list[KRState]:
        return [self.key_results[k] for k in self.objectives[objective_id].key_results]

    def objectives_of(self, cycle_id: str, unit_id: str) -> list[ObjectiveState]:
        state = self.units.get((cycle_id, unit_id))
        return [self.objectives[o] for o in state.objectives] if state else []


# --- helpers ------------------------------------------------------------------------


def completion(scores: list[float | None], config: ScoringConfig) -> Completion:
    """Mean score and share of strong key results of a set of scores."""
    known = [s for s in scores if s is not None]
    if not known:
        return Completion(key_results=len(scores))
    threshold = config.strong - 0.05 - 1e-9  # compared on the displayed (rounded) score, as band() does
    strong = sum(1 for s in known if s >= threshold)
    return Completion(len(scores), len(known), sum(known) / len(known), strong, strong / len(known))


def checkin_days(cycle: Cycle, as_of: date) -> list[date]:
    """The check-in days of a cycle up to ``as_of`` (its ``checkin_weekday``)."""
    last = min(as_of, cycle.end)
    weekday = WEEKDAYS.index(cycle.checkin_weekday)
    day = cycle.start + timedelta(days=(weekday - cycle.start.weekday()) % 7)
    out = []
    while day <= last:
        out.append(day)
        day += timedelta(days=7)
    return out


def reviews_due(cycle: Cycle, as_of: date) -> int:
    """Monthly (or biweekly) reviews due from the cycle start to as-of."""
    if cycle.review_cadence == "none" or as_of < cycle.start:
        return 0
    days = (min(as_of, cycle.end) - cycle.start).days + 1
    return days // (14 if cycle.review_cadence == "biweekly" else 30)


def _calibrate(unit: str, scores: list[tuple[str, float]]) -> Calibration:
    verdict: Verdict = "insufficient"
    if len(scores) >= 2:
        last = [s for _c, s in scores[-2:]]
        verdict = "too_safe" if min(last) >= SAFE_MEAN else "too_hard" if max(last) < HARD_MEAN else "ok"
    return Calibration(unit, tuple(scores), verdict)


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


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
    The states of key results, objectives and units elsewhere are taken from it; the
    cycle, phase and calibration figures are always computed again. The caller
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
    stale_after = ws.settings.stale_after_days

    # Per cycle: expected progress, check-in window, the latest check-in day.
    cycle_expected: dict[str, float] = {}
    cycle_due: dict[str, int] = {}
    cycle_week_start: dict[str, date | None] = {}
    for cycle in ws.cycles.values():
        closed = cycle.status == "closed"
        cycle_expected[cycle.id] = 1.0 if closed else expected_progress(cycle.start, cycle.end, as_of)
        days = checkin_days(cycle, as_of)
        cycle_due[cycle.id] = len(days)
        cycle_week_start[cycle.id] = days[-1] - timedelta(days=6) if days else None

    final_scores: dict[str, tuple[float, bool, str | None]] = {}
    for review in ws.reviews.values():
        for entry in review.scores:
            final_scores[entry.kr] = (entry.final, entry.override is not None, entry.reason)

    # --- key results (one pass over each key result's check-ins) -------------------
    key_results: dict[str, KRState] = {}
    todo: Iterable[tuple[str, KeyResult]] = ws.key_results.items()
    if previous is not None:  # the same key results: start from their states, redo the changed units'
        key_results = dict(previous.key_results)
        todo = [(kr.id, kr) for key in changed for o in ws.okr_files.get(key, ()) for kr in o.key_results]
    for kr_id, kr in todo:
        cycle_id, unit_id = ws.kr_home[kr_id]
        cycle = ws.cycles[cycle_id]
        items: list[CheckIn] = ws.checkins.get(kr_id) or []
        if items and items[-1].date > as_of:
            items = items[: bisect_right([c.date for c in items], as_of)]
        latest = items[-1] if items else None
        current = latest.value if latest else None
        confidence = None
        for checkin in reversed(items):
            confidence = checkin.confidence_score
            if confidence is not None:
                break
        progress = score_value(kr.direction, kr.baseline, kr.target, current)
        is_closed = cycle.status == "closed"
        final = overridden = reason = None
        if is_closed:
            if kr_id in final_scores:
                final, overridden, reason = final_scores[kr_id]
            else:
                final, overridden = progress, False
        score = final if is_closed else progress
        expected = cycle_expected[cycle_id]
        status = final_status(score, config) if is_closed else progress_status(score, expected, confidence)
        is_running = cycle_id == running_id
        last = latest.date if latest else None
        stale = is_running and (as_of - (last or cycle.start)).days > stale_after and as_of > cycle.start
        week_start = cycle_week_start[cycle_id]
        missing = is_running and week_start is not None and (last is None or last < week_start)
        # Check-ins done in the cycle window, at most one per check-in day.
        if items:
            lo = 0 if items[0].date >= cycle.start else bisect_left([c.date for c in items], cycle.start)
            in_window = len(items) - lo
            if items[-1].date > cycle.end:
                in_window = sum(1 for c in items[lo:] if c.date <= cycle.end)
        else:
            in_window = 0
        done = min(in_window, cycle_due[cycle_id])
        key_results[kr_id] = KRState(
            kr=kr_id,
            objective=ws.kr_objective[kr_id],
            unit=unit_id,
            cycle=cycle_id,
            title=kr.title,
            owner=kr.owner,
            direction=kr.direction,
            unit_of_measure=kr.unit_of_measure,
            weight=kr.weight,
            baseline=kr.baseline,
            target=kr.target,
            current=current,
            progress=progress,
            final_score=final,
            overridden=bool(overridden),
            override_reason=reason if overridden else None,
            score=score,
            band=band(score, config),
            expected=expected,
            status=status,
            confidence=confidence,
            last_checkin=last,
            checkins=len(items),
            stale=bool(stale),
            missing=bool(missing),
            items=tuple(items),
            done=done,
        )

    # --- objectives ---------------------------------------------------------------
    company_id = ws.company.id if ws.company else None
    linked_cache: dict[str, bool] = {}
    home = {o.id: key for key, file_objectives in ws.okr_files.items() for o in file_objectives}

    def is_linked(objective_id: str) -> bool:
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
                is_linked(other) for other in objective.contributes_to if other in ws.objectives and other not in seen
            ):
                result = True
                break
            current = objective.parent
        for item in seen:
            linked_cache[item] = result
        return result

    objectives: dict[str, ObjectiveState] = {}
    objective_todo: Iterable[tuple[str, Objective]] = ws.objectives.items()
    if previous is not None:
        objectives = dict(previous.objectives)
        objective_todo = [(o.id, o) for key in changed for o in ws.okr_files.get(key, ())]
    for objective_id, objective in objective_todo:
        objective_cycle, objective_unit = home[objective_id]
        krs = [key_results[k.id] for k in objective.key_results]
        score = weighted_mean((k.score, k.weight) for k in krs)
        confidences = [k.confidence for k in krs if k.confidence is not None]
        confidence = round(sum(confidences) / len(confidences)) if confidences else None
        cycle = ws.cycles[objective_cycle]
        if cycle.status == "closed":
            status = final_status(score, config)
        else:
            status = progress_status(score, cycle_expected[cycle.id], confidence)
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
            score=score,
            confidence=confidence,
            status=status,
            band=band(score, config),
            key_results=tuple(k.kr for k in krs),
            linked=is_linked(objective_id),
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
        cycle = ws.cycles[cycle_id]
        objective_states = [objectives[o.id] for o in unit_objectives]
        krs = [key_results[k] for o in objective_states for k in o.key_results]
        score = _mean([o.score for o in objective_states if o.score is not None])
        confidences = [k.confidence for k in krs if k.confidence is not None]
        confidence = round(sum(confidences) / len(confidences)) if confidences else None
        if cycle.status == "closed":
            status = final_status(score, config)
        else:
            status = progress_status(score, cycle_expected[cycle_id], confidence)
        counts = dict.fromkeys((*STATUSES, "unknown"), 0)
        for k in krs:
            counts[k.status or "unknown"] += 1
        units[(cycle_id, unit_id)] = UnitCycleState(
            unit=unit_id,
            cycle=cycle_id,
            kind=ws.units[unit_id].kind,
            score=score,
            status=status,
            band=band(score, config),
            status_counts=counts,
            completion=completion([k.score for k in krs], config),
            stale=tuple(k.kr for k in krs if k.stale),
            missing=tuple(k.kr for k in krs if k.missing),
            checkins=Discipline(len(krs) * cycle_due[cycle_id], sum(k.done for k in krs)),
            objectives=tuple(o.objective for o in objective_states),
            quality=quality.get((cycle_id, unit_id)),
            findings=dict(severities[(cycle_id, unit_id)]) if findings is not None else {},
        )

    # --- calibration over closed cycles -------------------------------------------
    closed_ids = [c.id for c in ws.cycles.values() if c.status == "closed"]
    unit_history: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for cycle_id in closed_ids:
        for unit_id in ws.units_in(cycle_id):
            mean = units[(cycle_id, unit_id)].completion.mean_score
            if mean is not None:
                unit_history[unit_id].append((cycle_id, mean))
    calibration = {u: _calibrate(u, scores) for u, scores in unit_history.items()}

    # --- cycles -------------------------------------------------------------------
    cycles: dict[str, CycleState] = {}
    for cycle_id, cycle in ws.cycles.items():
        unit_ids = ws.units_in(cycle_id)
        cycle_units = [units[(cycle_id, u)] for u in unit_ids]
        cycle_krs = [key_results[k] for u in cycle_units for o in u.objectives for k in objectives[o].key_results]
        distribution = [0] * 11
        for k in cycle_krs:
            if k.score is not None:
                distribution[min(10, max(0, round(k.score * 10 + 1e-9)))] += 1
        by_department: dict[str, list[float | None]] = defaultdict(list)
        org_on = org_day(ws, cycle)  # the departments as they were in the cycle
        for u in cycle_units:
            department = ws.department_of(u.unit, on=org_on)
            if department is not None:
                by_department[department.id] += [
                    key_results[k].score for o in u.objectives for k in objectives[o].key_results
                ]
        company_state = units.get((cycle_id, company_id)) if company_id else None
        leader_units = [u for u in cycle_units if u.kind in ("company", "department")]
        leadership_checkins = Discipline(
            sum(u.checkins.expected for u in leader_units), sum(u.checkins.done for u in leader_units)
        )
        company_review = ws.reviews.get((cycle_id, company_id)) if company_id else None
        reviews_done = sum(
            1 for m in (company_review.monthly if company_review else []) if cycle.start <= m.date <= as_of
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
            completion=completion([k.score for k in cycle_krs], config),
            unit_completion={u.unit: u.completion for u in cycle_units},
            department_completion={d: completion(s, config) for d, s in by_department.items()},
            distribution=tuple(distribution),
            alignment=_alignment(ws, cycle_id, company_id, objectives),
            checkins=Discipline(
                sum(u.checkins.expected for u in cycle_units), sum(u.checkins.done for u in cycle_units)
            ),
            unit_checkins={u.unit: u.checkins for u in cycle_units},
            leadership=Leadership(leadership_checkins, reviews_due(cycle, as_of), reviews_done),
            calibration={
                u: _calibrate(u, [s for s in unit_history.get(u, []) if ws.cycles[s[0]].start <= cycle.start])
                for u in unit_ids
            },
            units=tuple(unit_ids),
        )

    report = _readiness_report(ws) if ws.phases else None
    retros = _retrospectives(ws)
    phases = {
        p: _phase(ws, p, key_results, objectives, units, cycles, cycle_expected, config, report, retros)
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


def _alignment(
    ws: Workspace, cycle_id: str, company_id: str | None, objectives: dict[str, ObjectiveState]
) -> Alignment:
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


def _readiness_report(ws: Workspace) -> Any:
    """The readiness report of the workspace's answers, or None when nobody has answered yet."""
    if not any(a.questionnaire == "readiness" and a.complete for a in ws.assessments):
        return None
    from rollout.questionnaire.report import readiness_report

    return readiness_report(ws)


def _readiness(report: Any, units: tuple[str, ...]) -> Readiness | None:
    """Readiness of ``units``: their respondents' mean score and most common level, and the report's gaps."""
    if report is None:
        return None
    wanted = set(units)
    respondents = [r for r in getattr(report, "respondents", []) if getattr(r, "unit", None) in wanted]
    if not respondents:
        return None
    scores = [r.overall for r in respondents if isinstance(getattr(r, "overall", None), int | float)]
    labels = [r.level.label for r in respondents if getattr(r, "level", None) is not None]
    level = max(set(labels), key=labels.count) if labels else None
    gaps = tuple(str(getattr(g, "title", g)) for g in getattr(report, "gaps", []))
    return Readiness(level=level, score=_mean(scores), respondents=len(respondents), gaps=gaps)


def _retrospectives(ws: Workspace) -> dict[str, list[dict[str, Any]]]:
    """Completed retrospective answers (questionnaire ids containing ``retro``) by phase.

    An answer names its phase (``phase:``) or its cycle (``cycle:``, the phase holding it);
    otherwise it belongs to the last phase whose cycles had ended by the answer's date.
    """
    by_phase: dict[str, list[dict[str, Any]]] = defaultdict(list)
    ends = {
        p: max((ws.cycles[c].end for c in phase.cycles if c in ws.cycles), default=None)
        for p, phase in ws.phases.items()
    }
    for assessment in ws.assessments:
        if "retro" not in assessment.questionnaire or not assessment.complete:
            continue
        answers = assessment.answers
        phase_id = answers.get("phase") if answers.get("phase") in ws.phases else None
        if phase_id is None and answers.get("cycle") is not None:
            phase_id = next((p for p, ph in ws.phases.items() if str(answers["cycle"]) in ph.cycles), None)
        if phase_id is None:
            ended = [(end, p) for p, end in ends.items() if end is not None and end <= assessment.date]
            phase_id = max(ended)[1] if ended else None
        if phase_id is not None:
            by_phase[phase_id].append(answers)
    return by_phase


def _phase(
    ws: Workspace,
    phase_id: str,
    key_results: dict[str, KRState],
    objectives: dict[str, ObjectiveState],
    units: dict[tuple[str, str], UnitCycleState],
    cycles: dict[str, CycleState],
    cycle_expected: dict[str, float],
    config: ScoringConfig,
    report: Any,
    retros: dict[str, list[dict[str, Any]]],
) -> PhaseState:
    phase = ws.phases[phase_id]
    cycle_ids = tuple(c for c in phase.cycles if c in ws.cycles) if phase.cycles else tuple(ws.cycles)
    states = [units[(c, u)] for c in cycle_ids for u in phase.units if (c, u) in units]
    kr_scores = [key_results[k].score for s in states for o in s.objectives for k in objectives[o].key_results]
    comp = completion(kr_scores, config)
    discipline = Discipline(sum(s.checkins.expected for s in states), sum(s.checkins.done for s in states))
    reviews = (
        sum(cycles[c].leadership.reviews_done for c in cycle_ids),
        sum(cycles[c].leadership.reviews_expected for c in cycle_ids),
    )
    order = list(ws.phases)
    position = order.index(phase_id)
    if position + 1 < len(order):
        next_units = tuple(u for u in ws.phases[order[position + 1]].units if u not in phase.units)
    else:
        covered = {u for p in ws.phases.values() for u in p.units}
        next_units = tuple(u for u in ws.units if u not in covered)
    following = ws.phases[order[position + 1]].units if position + 1 < len(order) else list(next_units)
    readiness = _readiness(report, tuple(following))
    answers = retros.get(phase_id, [])
    votes = [a["ready-to-expand"] for a in answers if isinstance(a.get("ready-to-expand"), bool)]
    ready_votes = (sum(votes), len(votes))
    mature = any(ws.cycles[c].status == "closed" or cycle_expected[c] >= GATE_MIN_ELAPSED for c in cycle_ids)
    recommendation, reasons = _gate(
        comp, discipline, readiness, len(answers), mature, bool(next_units), config.strong, ready_votes
    )
    return PhaseState(
        phase=phase_id,
        name=phase.name,
        strategy=phase.strategy,
        units=tuple(phase.units),
        cycles=cycle_ids,
        completion=comp,
        checkins=discipline,
        leadership_reviews=reviews,
        next_units=next_units,
        readiness=readiness,
        retrospectives=len(answers),
        ready_votes=ready_votes,
        recommendation=recommendation,
        reasons=tuple(reasons),
    )


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{round(value * 100)}%"


def _gate(
    comp: Completion,
    discipline: Discipline,
    readiness: Readiness | None,
    retrospectives: int,
    mature: bool,
    has_next: bool,
    strong: float = 0.7,
    ready_votes: tuple[int, int] = (0, 0),
) -> tuple[Recommendation, list[str]]:
    """The expansion gate: the recommendation and the sentences behind it."""
    mean = comp.mean_score
    rate = discipline.rate
    reasons = [
        f"pilot completion: mean key result score {'–' if mean is None else f'{mean:.2f}'}, "
        f"{_pct(comp.strong_share)} of key results at {strong:.1f} or above",
        f"check-in discipline: {discipline.done} of {discipline.expected} expected check-ins ({_pct(rate)})",
    ]
    if readiness is not None:
        reasons.append(
            f"readiness of the next units: {readiness.level or 'unknown'} "
            f"({plural(readiness.respondents, 'respondent')})"
        )
    elif has_next:
        reasons.append("readiness of the next units: not assessed yet")
    reasons.append(f"pilot retrospective answers: {retrospectives}")
    yes, voted = ready_votes
    if voted:
        reasons.append(f"{yes} of {voted} retrospective respondents think the organization is ready to expand")
    if (mean is not None and mean < GATE_STOP_SCORE) or (rate is not None and rate < GATE_STOP_DISCIPLINE):
        reasons.insert(0, "scores or check-in discipline are too low to expand: fix the framework first")
        return "stop_and_fix", reasons
    not_ready = readiness is not None and (readiness.level or "").replace("_", " ").lower().startswith("not")
    if (
        mature
        and mean is not None
        and mean >= GATE_EXPAND_SCORE
        and (rate is None or rate >= GATE_EXPAND_DISCIPLINE)
        and retrospectives > 0
        and not not_ready
        and (not voted or yes * 2 >= voted)
    ):
        reasons.insert(0, "the pilot met the bar: expand to the next units")
        return "expand", reasons
    missing = []
    if not mature:
        missing.append("the pilot cycle is not far enough along")
    if mean is None or mean < GATE_EXPAND_SCORE:
        missing.append(f"mean score below {GATE_EXPAND_SCORE}")
    if rate is not None and rate < GATE_EXPAND_DISCIPLINE:
        missing.append(f"check-in discipline below {round(GATE_EXPAND_DISCIPLINE * 100)}%")
    if retrospectives == 0:
        missing.append("no retrospective answers yet")
    if not_ready:
        missing.append("the next units are not ready")
    if voted and yes * 2 < voted:
        missing.append("most retrospective respondents do not feel ready")
    reasons.insert(0, "extend the pilot: " + "; ".join(missing))
    return "extend_pilot", reasons

"""Pilot phases: readiness of the next units, retrospectives and the expansion gate.

PhaseState (``Analysis.phases[phase_id]``)
------------------------------------------
``phase``, ``name``, ``strategy``, ``units``, ``cycles`` (the phase's cycles that
exist). ``completion`` and ``checkins`` over the phase's units in its cycles,
``results``: the same per cycle. ``leadership_reviews``: monthly reviews
done/expected in its cycles. ``next_units``: units of the next phase that are
not in this one (or, for the last phase, units not in any phase).
``readiness``: :class:`Readiness` of the next phase's units (the readiness
report of their respondents alone: the band of their mean answers, the level
the Readiness page gives the same people; see :func:`readiness_of`), None
without answers. ``retrospectives``: completed answers to questionnaires whose
id contains ``retro`` that belong to the phase (their ``phase:`` answer, else
the phase holding their ``cycle:`` answer, else the last phase that had ended by
their date). ``ready_votes``: ``(yes, answered)`` to ``ready-to-expand``.
``recommendation`` and ``reasons``: :func:`gate`.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from rollout.metrics.checkins import Discipline
from rollout.metrics.figures import Completion, completion
from rollout.metrics.records import (
    CycleState,
    KRState,
    ObjectiveState,
    PhaseState,
    Readiness,
    Recommendation,
    UnitCycleState,
)
from rollout.metrics.rounding import EPS, JUDGED_MEAN_PLACES, display, percent, share_below, shown
from rollout.plural import plural
from rollout.workspace.models import Assessment, ScoringConfig
from rollout.workspace.workspace import Workspace

GATE_STOP_SCORE = 0.3
GATE_STOP_DISCIPLINE = 0.5
GATE_EXPAND_SCORE = 0.5
GATE_EXPAND_DISCIPLINE = 0.8
GATE_MIN_ELAPSED = 0.75


def readiness_report(ws: Workspace) -> Any:
    """The readiness report of the workspace's answers, or None when nobody has answered yet."""
    if not any(a.questionnaire == "readiness" and a.complete for a in ws.answered):
        return None
    from rollout.questionnaire.report import readiness_report

    return readiness_report(ws)


def readiness_of(report: Any, units: tuple[str, ...], ws: Workspace | None = None) -> Readiness | None:
    """Readiness of ``units``: the readiness report of their respondents alone.

    Level and score are that report's: the band of the group's mean answers
    (:func:`rollout.questionnaire.report.readiness_report` with ``units``), the level
    the Readiness page shows for the same people. A vote among the respondents' own
    levels could tie (and once followed hash order); a mean has no ties. ``report``
    is the whole workspace's report (None: nobody answered, so no readiness).
    """
    if report is None or ws is None:
        return None
    from rollout.questionnaire.report import readiness_report

    group = readiness_report(ws, units=units)
    if not group.respondents:
        return None
    level = group.level.label if group.level is not None else None
    gaps = tuple(dict.fromkeys(g.title for g in group.gaps))
    return Readiness(level=level, score=group.overall, respondents=len(group.respondents), gaps=gaps)


def retrospectives(ws: Workspace) -> dict[str, list[dict[str, Any]]]:
    """The answers of :func:`retrospective_assessments`, by phase."""
    return {p: [a.answers for a in items] for p, items in retrospective_assessments(ws).items()}


def retrospective_assessments(ws: Workspace) -> dict[str, list[Assessment]]:
    """Completed retrospective assessments (questionnaire ids containing ``retro``) by phase.

    An answer names its phase (``phase:``) or its cycle (``cycle:``, the phase holding it);
    otherwise it belongs to the last phase whose cycles had ended by the answer's date
    (of phases ending the same day, the later phase id).
    """
    by_phase: dict[str, list[Assessment]] = defaultdict(list)
    ends = {
        p: max((ws.cycles[c].end for c in phase.cycles if c in ws.cycles), default=None)
        for p, phase in ws.phases.items()
    }
    for assessment in ws.answered:
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
            by_phase[phase_id].append(assessment)
    return by_phase


def phase_state(
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
    """The figures of one rollout phase (see the module docstring for each field)."""
    phase = ws.phases[phase_id]
    cycle_ids = tuple(c for c in phase.cycles if c in ws.cycles) if phase.cycles else tuple(ws.cycles)
    states = [units[(c, u)] for c in cycle_ids for u in phase.units if (c, u) in units]
    phase_krs = [key_results[k] for s in states for o in s.objectives for k in objectives[o].key_results]
    comp = completion([k.score for k in phase_krs], config, sum(k.measured for k in phase_krs))
    discipline = Discipline(sum(s.checkins.expected for s in states), sum(s.checkins.done for s in states))
    results = []
    for cycle_id in cycle_ids:
        here = [s for s in states if s.cycle == cycle_id]
        here_krs = [key_results[k] for s in here for o in s.objectives for k in objectives[o].key_results]
        results.append(
            (
                cycle_id,
                completion([k.score for k in here_krs], config, sum(k.measured for k in here_krs)),
                Discipline(sum(s.checkins.expected for s in here), sum(s.checkins.done for s in here)),
            )
        )
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
    readiness = readiness_of(report, tuple(following), ws)
    answers = retros.get(phase_id, [])
    votes = [a["ready-to-expand"] for a in answers if isinstance(a.get("ready-to-expand"), bool)]
    ready_votes = (sum(votes), len(votes))
    mature = any(ws.cycles[c].status == "closed" or cycle_expected[c] >= GATE_MIN_ELAPSED for c in cycle_ids)
    recommendation, reasons = gate(
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
        results=tuple(results),
    )


def gate(
    comp: Completion,
    discipline: Discipline,
    readiness: Readiness | None,
    retrospectives: int,
    mature: bool,
    has_next: bool,
    strong: float = 0.7,
    ready_votes: tuple[int, int] = (0, 0),
) -> tuple[Recommendation, list[str]]:
    """The expansion gate: the recommendation and the sentences behind it (the verdict first).

    Inputs: the phase's :class:`Completion` (mean key result score, unmeasured
    as 0.0) and :class:`Discipline` (check-in weeks), the next units'
    readiness, the number of retrospective answers, ``mature`` (the phase has a
    closed cycle, or a running one at least 3/4 done), ``has_next`` and the
    ``ready-to-expand`` votes ``(yes, answered)``.

    - ``stop_and_fix`` when the mean score is below 0.3 or discipline below 50 %;
    - ``expand`` when mature, mean score ≥ 0.5, discipline ≥ 80 % (or nothing
      due), at least one retrospective answer, at least half of the votes yes,
      and the next units' readiness level does not start with "not";
    - ``extend_pilot`` otherwise, naming every condition missed.

    One way of showing each figure: the mean score is compared as it is shown, at
    :data:`~rollout.metrics.rounding.JUDGED_MEAN_PLACES` (two) decimals, and the
    discipline as a whole percent (:func:`~rollout.metrics.rounding.share_below`),
    the way the phase page's tiles and the phase pack show them. So a reason is
    always true of the tile beside it: a mean of 0.45 reads "0.45, below 0.50"
    (never "0.5" beside "below 0.5"), a mean of 0.497 reads 0.50 and meets 0.50,
    and a discipline of 79.6% reads 80% and meets 80%. A missed condition names its
    scope ("the pilot's mean key result score …"): the home page shows the cycle's mean
    of all key results under the plain name next to the gate.
    """
    mean = None if comp.mean_score is None else shown(comp.mean_score, JUDGED_MEAN_PLACES)
    rate = discipline.rate
    reasons = [
        f"pilot results: mean key result score {display(mean, JUDGED_MEAN_PLACES)}, "
        f"{percent(comp.strong_share)} of key results at {strong:.1f} or above",
        f"check-in discipline: {discipline.weeks_text} ({percent(rate)})",
    ]
    not_ready = readiness is not None and (readiness.level or "").replace("_", " ").lower().startswith("not")
    if readiness is not None:
        # What the level means for the gate, said beside it (fe24 F8: "Expand" beside next units
        # "Ready for a leadership pilot" read as if they were ready for a pilot only).
        meaning = (
            "a not-ready level holds expansion back" if not_ready else "only a not-ready level holds expansion back"
        )
        reasons.append(
            f"readiness of the next units: {readiness.level or 'unknown'} "
            f"({plural(readiness.respondents, 'respondent')}); {meaning}"
        )
    elif has_next:
        reasons.append("readiness of the next units: not assessed yet")
    # Two figures, two names: every retrospective answer of the phase (pilot and cycle
    # retrospectives) vs the yes/no answers to "ready to expand?" (those who answered it).
    reasons.append(
        f"retrospective answers: {retrospectives}, all retrospective questionnaires of the phase together"
        if retrospectives
        else "retrospective answers: none yet"
    )
    yes, voted = ready_votes
    if voted:
        reasons.append(f"ready to expand: {yes} of {voted} who answered the question said yes")
    if (mean is not None and mean < GATE_STOP_SCORE - EPS) or (
        rate is not None and share_below(rate, GATE_STOP_DISCIPLINE)
    ):
        reasons.insert(0, "scores or check-in discipline are too low to expand: fix the framework first")
        return "stop_and_fix", reasons
    if (
        mature
        and mean is not None
        and mean >= GATE_EXPAND_SCORE - EPS
        and (rate is None or not share_below(rate, GATE_EXPAND_DISCIPLINE))
        and retrospectives > 0
        and not not_ready
        and (not voted or yes * 2 >= voted)
    ):
        reasons.insert(0, "the pilot met the bar: expand to the next units")
        return "expand", reasons
    missing = []
    if not mature:
        missing.append("the pilot cycle is not far enough along")
    if mean is None or mean < GATE_EXPAND_SCORE - EPS:
        score = "no score yet" if mean is None else display(mean, JUDGED_MEAN_PLACES)
        bar = display(GATE_EXPAND_SCORE, JUDGED_MEAN_PLACES)
        missing.append(f"the pilot's mean key result score {score}, below {bar}")
    if rate is not None and share_below(rate, GATE_EXPAND_DISCIPLINE):
        missing.append(f"the pilot's check-in discipline {percent(rate)}, below {percent(GATE_EXPAND_DISCIPLINE)}")
    if retrospectives == 0:
        missing.append("no retrospective answers yet")
    if not_ready:
        missing.append("the next units are not ready")
    if voted and yes * 2 < voted:
        missing.append("most retrospective respondents do not feel ready")
    reasons.insert(0, "extend the pilot: " + "; ".join(missing))
    return "extend_pilot", reasons

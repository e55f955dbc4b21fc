"""The parts of the view model that are not per objective or unit: readiness and the
pilot retrospective, phases, quality, the check-in log, what needs attention, and the
build warnings about missing data. :func:`rollout.report.viewmodel.build_view` calls them.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from rollout.metrics.window import why_unused
from rollout.report.quality import QualityView, quality_view
from rollout.report.viewrecords import (
    AttentionView,
    CheckinEntry,
    CommentView,
    CycleView,
    DimensionView,
    FindingView,
    GapView,
    PhaseView,
    ReadinessView,
    SiteView,
    home_cycle,
)

if TYPE_CHECKING:
    from rollout.metrics.analysis import Analysis
    from rollout.workspace import Workspace
    from rollout.workspace.models import CheckIn

CHECKIN_LOG_SIZE = 150
ATTENTION_SIZE = 12


@dataclass(frozen=True)
class Reuse:
    """What an incremental view takes from the previous one: everything outside ``stale``."""

    view: SiteView
    stale: set[tuple[str, str]]  # (cycle, unit) pairs whose views are made again


def _readiness(ws: Workspace, questionnaire: str, warnings: list[str] | None) -> ReadinessView | None:
    """The questionnaire report for ``questionnaire`` as display data (None without answers)."""
    if not any(a.questionnaire == questionnaire for a in ws.answered):
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
    from rollout.questionnaire.report_text import decided_text, level_advice

    strategy = report.strategy
    return ReadinessView(
        questionnaire=questionnaire,
        title=report.title,
        respondents=len(report.respondents),
        level=report.level.label if report.level else None,
        recommendation=level_advice(report),
        score=report.overall,
        scale_max=SCALE_MAX,
        dimensions=dimensions,
        gaps=[GapView(g.title, g.kind, g.message, g.recommendation) for g in report.gaps],
        strategy=strategy.title if strategy else None,
        strategy_description=strategy.description if strategy else "",
        strategy_reasons=list(strategy.reasons) if strategy else [],
        strategy_decided=decided_text(strategy) if strategy else "",
        strategy_advice=strategy.advice if strategy else "",
        level_name=report.level_name,
        pilot_units=[(p.id, p.reason) for p in report.pilot_units],
        comments=[CommentView(report.questions.get(c.question, c.question), c.text, c.name) for c in report.comments],
    )


def _retrospective(ws: Workspace, questionnaires: list[str], phase_id: str) -> ReadinessView | None:
    """The phase's retrospective: answers whose ``phase`` question names it."""
    from rollout.errors import RolloutError

    for questionnaire in questionnaires:
        answered = [a for a in ws.answered if a.questionnaire == questionnaire and a.complete]
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


def _questionnaire_title(ws: Workspace, questionnaire_id: str) -> str:
    """A questionnaire's title ("Pilot retrospective"); its id if unknown."""
    from rollout.errors import RolloutError

    try:
        from rollout.questionnaire.loader import get

        return get(questionnaire_id, ws.root).title
    except (ImportError, RolloutError, KeyError):
        return questionnaire_id.replace("-", " ")


def _phases(ws: Workspace, analysis: Analysis, warnings: list[str]) -> dict[str, PhaseView]:
    from rollout.metrics.rollups import phase_cycle_results, retrospective_counts

    # The pilot retrospective if there is one, else any retrospective questionnaire.
    retro_ids = sorted(
        {a.questionnaire for a in ws.answered if "retro" in a.questionnaire}, key=lambda q: ("pilot" not in q, q)
    )
    out: dict[str, PhaseView] = {}
    for phase_id, phase in ws.phases.items():
        state = analysis.phases[phase_id]
        # Per cycle of the phase: mean key result score and check-in discipline (figures, in the analysis).
        cycle_results = phase_cycle_results(ws, analysis, phase_id)
        results = [(r.cycle, r.completion.mean_score, r.checkins.rate) for r in cycle_results]
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
            cycle_results=list(cycle_results),
            retrospective_counts=[(_questionnaire_title(ws, q), n) for q, n in retrospective_counts(ws, phase_id)],
        )
    return out


def _quality(
    ws: Workspace,
    raw: list[Any],
    findings: list[FindingView],
    available: bool,
    running: str | None,
    reuse: Reuse | None = None,
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
            pool = heapq.nlargest(len(kept), kept + _candidates(ws, krs, as_of, len(kept)))
    if pool is None:
        pool = _candidates(ws, ws.checkins, as_of)
    log = []
    for day, kr_id, index in pool[:CHECKIN_LOG_SIZE]:
        checkin = ws.checkins[kr_id][index]
        cycle_id, unit_id = kr_home[kr_id]
        unused = why_unused(ws.checkins[kr_id], index, ws.cycles[cycle_id], as_of) or ""
        log.append(
            CheckinEntry(
                day,
                kr_id,
                unit_id,
                cycle_id,
                checkin.value,
                checkin.confidence_score,
                checkin.note,
                checkin.author,
                unused,
            )
        )
    return log, pool


def _candidates(ws: Workspace, krs: Iterable[str], as_of: date, size: int = 2 * CHECKIN_LOG_SIZE) -> CheckinPool:
    """The ``size`` newest check-ins of ``krs`` dated on or before ``as_of``, newest first, in the
    order of ``heapq.nlargest`` on ``(day, key result, index)`` (a day's ties: the greater key
    result id, then the later in its file, first).

    Each key result's check-ins are sorted by date, so this reads them backwards from
    ``as_of``, one key result at a time from a heap of each one's newest, taking as many of one
    key result as are among the newest (fe24 F6: taking each one's last three, then leaving out
    those after as-of, dropped a key result's earlier check-ins from "the N most recent").

    Hand-written rather than ``heapq.merge`` over a generator per key result: for 2,000 teams
    (15,257 key results, 128,091 check-ins) that took 76 ms, this 29 ms, the former cut to each
    one's last three 37 ms (medians of 9, this 2-core machine, 2026-11-30). The heap holds
    ``(-day, -rank of the id, -index)``: a min-heap of it pops the greatest ``(day, id, index)``.
    """
    import bisect
    import heapq

    checkins = ws.checkins
    ends: dict[str, int] = {}  # key result → how many of its check-ins are on or before as_of
    for kr_id in krs:
        items = checkins.get(kr_id)
        if not items:
            continue
        end = len(items) if items[-1].date <= as_of else bisect.bisect_right(items, as_of, key=_day)
        if end:
            ends[kr_id] = end
    ids = sorted(ends)
    heap = [
        (-checkins[kr_id][ends[kr_id] - 1].date.toordinal(), -rank, 1 - ends[kr_id]) for rank, kr_id in enumerate(ids)
    ]
    heapq.heapify(heap)
    out: CheckinPool = []
    while heap and len(out) < size:
        _newest, rank, index = heap[0]
        kr_id, index = ids[-rank], -index
        items = checkins[kr_id]
        out.append((items[index].date, kr_id, index))
        if index:
            heapq.heapreplace(heap, (-items[index - 1].date.toordinal(), rank, 1 - index))
        else:
            heapq.heappop(heap)
    return out


def _day(checkin: CheckIn) -> date:
    return checkin.date


def _attention(
    cycles: dict[str, CycleView], analysis: Analysis, findings: list[FindingView], objectives: dict[str, Any]
) -> AttentionView:
    """Off-track objectives and stale key results of the home cycle (:func:`home_cycle`), and
    quality errors of that cycle, of a running cycle that has not started yet (``error_cycles``)
    and of no cycle (settings). The home page names those cycles beside the count."""
    home = home_cycle(cycles, analysis.running_cycle, analysis.as_of)
    cycle = cycles.get(home) if home else None
    stale = list(cycle.stale) if cycle else []  # in the cycle page's order (higher levels first)
    off = list(cycle.off_track) if cycle else []
    # Higher levels first: an off-track company objective matters more than a team's.
    level = {"company": 0, "department": 1, "team": 2}
    unit_kind = {u: s.kind for (_c, u), s in analysis.units.items()}
    off.sort(key=lambda o: (level.get(unit_kind.get(analysis.objectives[o].unit, "team"), 2), o))
    shown = {home, analysis.running_cycle, None} if home else None
    errors = [f for f in findings if f.severity == "error" and (shown is None or f.cycle in shown)]
    error_cycles = tuple(c for c in dict.fromkeys((home, analysis.running_cycle)) if c in cycles) if home else ()
    in_home = [o for o in objectives.values() if o.cycle == home]
    return AttentionView(
        stale=stale[:ATTENTION_SIZE],
        stale_total=len(stale),
        off_track=off[:ATTENTION_SIZE],
        off_track_total=len(off),
        errors=errors[:ATTENTION_SIZE],
        error_total=len(errors),
        cycle=home,
        scored_objectives=sum(1 for o in in_home if o.score is not None),
        error_cycles=error_cycles,
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

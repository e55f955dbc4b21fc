"""The first pass of :func:`rollout.metrics.analysis.analyze`: per cycle, then per key result.

:func:`cycle_calendar` gives, per cycle id, the expected progress, whether its scores are final,
the check-in weeks due, the first check-in day, the start of the latest check-in week and the cut
date (:class:`CycleCalendar`); :func:`key_result_states` gives the :class:`~rollout.metrics.records.KRState`
of every key result (one pass over each key result's check-ins). Split from
:mod:`rollout.metrics.analysis`, which calls both; every figure is defined in
:mod:`rollout.metrics.figures` and :mod:`rollout.metrics.checkins`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from rollout.metrics.checkins import checkin_days, stale_days, weeks_checked_in
from rollout.metrics.figures import (
    band,
    checkins_used,
    cut_date,
    expected_progress,
    final_score,
    holds_level,
    latest_confidence,
    score_value,
    scored_at_close,
    status,
)
from rollout.metrics.records import KRState
from rollout.workspace.models import CheckIn, KeyResult

if TYPE_CHECKING:
    from rollout.metrics.records import Analysis
    from rollout.workspace.workspace import Workspace


class CycleCalendar(NamedTuple):
    """Per cycle id: ``expected`` progress (0.0–1.0, 1.0 once closed), ``final`` (closed, or as-of on or
    after its end), ``due`` check-in weeks due, ``first_day`` of the check-in weeks and ``week_start``
    of the current one (None before the first), ``last`` the cut date (:func:`~rollout.metrics.figures.cut_date`)."""

    expected: dict[str, float]
    final: dict[str, bool]
    due: dict[str, int]
    first_day: dict[str, date | None]
    week_start: dict[str, date | None]
    last: dict[str, date]


def cycle_calendar(ws: Workspace, as_of: date) -> CycleCalendar:
    """The :class:`CycleCalendar` of every cycle of ``ws`` as of ``as_of``."""

    # Per cycle: expected progress, scoring window, check-in weeks due, the latest check-in day.
    cycle_expected: dict[str, float] = {}
    cycle_final: dict[str, bool] = {}
    cycle_due: dict[str, int] = {}
    cycle_first_day: dict[str, date | None] = {}
    cycle_week_start: dict[str, date | None] = {}
    cycle_last: dict[str, date] = {}
    for cycle in ws.cycles.values():
        closed = cycle.status == "closed"
        cycle_expected[cycle.id] = 1.0 if closed else expected_progress(cycle.start, cycle.end, as_of)
        cycle_final[cycle.id] = closed or as_of >= cycle.end
        days = checkin_days(cycle, as_of)
        cycle_due[cycle.id] = len(days)
        cycle_first_day[cycle.id] = days[0] if days else None
        # The current check-in week, the one check-in discipline counts (weeks_checked_in): from the
        # latest check-in day that has come; the first week also holds the days from the cycle start.
        cycle_week_start[cycle.id] = (cycle.start if len(days) == 1 else days[-1]) if days else None
        cycle_last[cycle.id] = cut_date(cycle, as_of)
    return CycleCalendar(cycle_expected, cycle_final, cycle_due, cycle_first_day, cycle_week_start, cycle_last)


def key_result_states(
    ws: Workspace,
    calendar: CycleCalendar,
    previous: Analysis | None,
    changed: set[tuple[str, str]],
    running_id: str | None,
    stale_after: int,
) -> dict[str, KRState]:
    """The state of every key result of ``ws`` as of ``ws.today``, by key result id.

    With ``previous`` (see :func:`rollout.metrics.analysis.analyze`), the states of the key
    results outside the ``changed`` (cycle, unit) pairs are taken from it.
    """
    as_of = ws.today
    config = ws.settings.scoring
    cycle_expected, cycle_final, cycle_due, cycle_first_day, cycle_week_start, cycle_last = calendar

    recorded: dict[str, tuple[float, float | None, str | None]] = {}  # kr → (score, override, reason)
    for review in ws.reviews.values():
        for entry in review.scores:
            recorded[entry.kr] = (entry.score, entry.override, entry.reason)

    # --- key results (one pass over each key result's check-ins) -------------------
    key_results: dict[str, KRState] = {}
    todo: Iterable[tuple[str, KeyResult]] = ws.key_results.items()
    if previous is not None:  # the same key results: start from their states, redo the changed units'
        key_results = dict(previous.key_results)
        todo = [(kr.id, kr) for key in changed for o in ws.okr_files.get(key, ()) for kr in o.key_results]
    no_checkins: list[CheckIn] = []
    for kr_id, kr in todo:
        cycle_id, unit_id = ws.kr_home[kr_id]
        cycle = ws.cycles[cycle_id]
        used = checkins_used(ws.checkins.get(kr_id) or no_checkins, cycle.start, cycle_last[cycle_id])
        latest = used[-1] if used else None
        current = latest.value if latest else None
        confidence = latest_confidence(used)
        progress = score_value(kr.direction, kr.baseline, kr.target, current, kr.health_metric)
        is_closed = cycle.status == "closed"
        final = reason = None
        overridden = False
        measured = progress is not None
        if is_closed:  # figures.final_score: override, else the check-ins, else a score written by hand
            written, override, reason = recorded.get(kr_id, (None, None, None))
            final = final_score(progress, written, override)
            overridden = override is not None
            reason = reason if overridden else None
            measured = scored_at_close(progress, written, override)
        score = final if is_closed else progress
        if score is None and cycle_final[cycle_id]:  # from its last day a cycle's scores are final: unmeasured 0.0
            score = 0.0
        expected = cycle_expected[cycle_id]
        kr_status = status(
            score,
            expected=expected,
            confidence=confidence,
            final=cycle_final[cycle_id],
            config=config,
            measured=score is not None,
            pending=kr.direction == "milestone" and as_of < (kr.due or cycle.end),
            binary=holds_level(kr.direction, kr.baseline, kr.target, kr.health_metric),
        )
        last = latest.date if latest else None
        stale = stale_days(cycle, kr.due, last, as_of, stale_after) is not None
        week_start = cycle_week_start[cycle_id]
        # no week is "this week" once the cycle has ended (fe26 G2: listed two years after its end)
        missing = (
            cycle_id == running_id
            and week_start is not None
            and as_of <= cycle.end
            and (last is None or last < week_start)
        )
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
            health_metric=kr.health_metric,
            current=current,
            progress=progress,
            measured=measured,
            final_score=final,
            overridden=overridden,
            override_reason=reason,
            score=score,
            band=band(score, config),
            expected=expected,
            status=kr_status,
            confidence=confidence,
            last_checkin=last,
            checkins=len(used),
            stale=stale,
            missing=bool(missing),
            items=tuple(used),
            done=weeks_checked_in(used, cycle_first_day[cycle_id], cycle_due[cycle_id]),
        )
    return key_results

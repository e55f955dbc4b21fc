"""Which check-ins count for a cycle, and which cycle the reports lead with (see ``figures.md``).

One cut date per cycle (:func:`cut_date`: the earliest of its end, the day it was closed and
as-of) decides every check-in a figure uses (:func:`checkins_used`), the last one used
(:func:`last_used`, the "last value" every check-in door shows and ``rollout next`` carries),
the check-in weeks and the reviews due (:mod:`rollout.metrics.checkins`). Re-exported by
:mod:`rollout.metrics.figures`. Imports nothing heavy: ``rollout check`` and a check-in use it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rollout.workspace.models import CheckIn, Cycle


def cut_date(cycle: Cycle, as_of: date) -> date:
    """The last day whose check-ins (and check-in weeks, and reviews due) count for a cycle.

    The earliest of the cycle's ``end``, the day it was closed (``closed_on`` of a
    closed cycle, when recorded) and ``as_of``. So a cycle closed early keeps the
    final scores of its close day however far as-of moves on (a check-in dated after
    the close is never used; ``rollout check`` reports it, OKR409), and a running
    cycle never uses a check-in dated after as-of. A closed cycle without
    ``closed_on`` (closed before the day was recorded) is cut at the earlier of its
    end and as-of. Every figure, ``rollout close``, ``rollout next`` and the "last
    check-in" every check-in door shows use this one date.
    """
    last = cycle.end if cycle.end <= as_of else as_of
    if cycle.status == "closed" and cycle.closed_on is not None and cycle.closed_on < last:
        return cycle.closed_on
    return last


def outside_window(day: date, cycle: Cycle, as_of: date) -> str | None:
    """Why a check-in dated ``day`` is outside the dates :func:`checkins_used` keeps (``None``
    when inside): ``before cycle 2027-Q1 starts (2027-01-01)``, ``after cycle 2027-Q1 ended
    (2027-03-31)``, ``after cycle 2027-Q1 was closed (2027-03-20)`` or ``after as-of (2027-02-15)``.
    The words of OKR409 and of the site's check-in log."""
    if day < cycle.start:
        return f"before cycle {cycle.id} starts ({cycle.start.isoformat()})"
    if day > cycle.end:
        return f"after cycle {cycle.id} ended ({cycle.end.isoformat()})"
    if day > cut_date(cycle, as_of) and cycle.status == "closed" and cycle.closed_on is not None:
        return f"after cycle {cycle.id} was closed ({cycle.closed_on.isoformat()})"
    if day > as_of:
        return f"after as-of ({as_of.isoformat()})"
    return None


def why_unused(items: Sequence[CheckIn], index: int, cycle: Cycle, as_of: date) -> str | None:
    """Why no figure uses ``items[index]`` (one key result's check-ins sorted by date, file order
    kept), in the words of OKR409 (:func:`outside_window`) and OKR410 (``a later check-in the same
    day counts``); ``None`` when :func:`checkins_used` keeps it."""
    checkin = items[index]
    outside = outside_window(checkin.date, cycle, as_of)
    if outside is not None:
        return outside
    if index + 1 < len(items) and items[index + 1].date == checkin.date:
        return "a later check-in the same day counts"
    return None


def scoring_window(cycle: Cycle, as_of: date) -> tuple[date, date]:
    """The dates whose check-ins count for a cycle: its start to :func:`cut_date`."""
    return cycle.start, cut_date(cycle, as_of)


def last_checkin_day(items: Sequence[CheckIn], start: date, last: date) -> date | None:
    """The date of the last check-in :func:`checkins_used` keeps (``None`` when it keeps none).

    Same inputs and result as ``checkins_used(items, start, last)[-1].date``, without
    building the list: walks back from the newest check-in (sorted by date) past those
    after ``last``. Staleness (OKR401) asks this for every key result of a running cycle:
    about 14,000 on 2,000 teams, where building the lists cost 0.02 s of each rebuild.
    """
    for checkin in reversed(items):
        if checkin.date <= last:
            return checkin.date if checkin.date >= start else None
    return None


def checkins_used(items: Sequence[CheckIn], start: date, last: date) -> Sequence[CheckIn]:
    """The check-ins that count, from one key result's check-ins sorted by date (stable: file order kept).

    Kept: those dated ``start`` to ``last`` (:func:`scoring_window`). Check-ins
    outside the cycle or after as-of are never used (``rollout check`` reports
    them, OKR409). Of several check-ins on the same day, the later one in file
    order wins (OKR410 reports the others). Shape: a sequence of check-ins in
    date order, at most one per day.
    """
    if not items:
        return ()
    if items[0].date < start or items[-1].date > last:
        dates = [c.date for c in items]
        items = items[bisect_left(dates, start) : bisect_right(dates, last)]
    out: list[CheckIn] | None = None
    for i in range(len(items) - 1):
        if items[i].date == items[i + 1].date:  # a same-day duplicate: the later one wins
            if out is None:
                out = list(items[:i])
        elif out is not None:
            out.append(items[i])
    if out is None:
        return items
    out.append(items[-1])
    return out


def last_used(items: Sequence[CheckIn], cycle: Cycle, as_of: date) -> CheckIn | None:
    """The last check-in of one key result that its score uses (``None`` without one).

    ``items``: the key result's check-ins sorted by date (stable: file order kept);
    ``cycle``: its cycle. The last of :func:`checkins_used` in the
    :func:`scoring_window`: dated from the cycle start to :func:`cut_date` (the
    earliest of the end, ``closed_on`` and as-of), the later one in the file of two on
    the same day. The "last value" of ``rollout checkin``, the check-in sheet and form,
    and the baseline ``rollout next`` moves a carried key result to all come from here.
    """
    start, last = scoring_window(cycle, as_of)
    for checkin in reversed(items):
        if checkin.date <= last:
            return checkin if checkin.date >= start else None
    return None


def lead_cycle(cycles: Iterable[tuple[str, date, bool, bool]], running: str | None, as_of: date) -> str | None:
    """The cycle the reports and ``rollout status`` lead with, as of ``as_of``.

    ``cycles``: ``(id, start, has OKRs, has figures)`` in ``cycles.yaml`` order, where *has
    figures* is a check-in week due or a key result measured (``CycleState.checkins.expected``,
    ``completion.scored``: :func:`rollout.metrics.checkins.has_figures`); ``running``:
    the running cycle's id (:meth:`rollout.workspace.workspace.Workspace.running_cycle`).

    The running cycle once it has started and has figures. Until then (``rollout close``
    leaves no cycle running; ``rollout next`` writes the new one before its first day; its
    first days come before its first check-in day), the latest other cycle with OKRs that has
    started, usually the one just closed, so a leader sees the quarter just scored and not an
    empty one (fe24 F3: on the new quarter's first day the home page led with dashes and 0%).
    Without any such cycle, the latest cycle with OKRs; ``None`` without OKRs. "Latest" is
    the order of ``cycles.yaml``.
    """
    listed = list(cycles)
    if any(cycle_id == running and start <= as_of and figures for cycle_id, start, _okrs, figures in listed):
        return running
    with_okrs = [(cycle_id, start) for cycle_id, start, okrs, _figures in listed if okrs]
    started = [cycle_id for cycle_id, start in with_okrs if start <= as_of and cycle_id != running]
    chosen = started or [cycle_id for cycle_id, _start in with_okrs]
    return chosen[-1] if chosen else None

"""Check-in figures: check-in days and weeks, discipline, staleness, reviews due (see ``figures.md``)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from rollout.metrics.figures import cut_date

if TYPE_CHECKING:
    from rollout.workspace.models import CheckIn, Cycle, Settings

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def rate(done: int, expected: int) -> float | None:
    """``done / expected`` capped at 1.0; ``None`` when nothing was expected."""
    return min(1.0, done / expected) if expected else None


@dataclass(frozen=True)
class Discipline:
    """Check-in discipline of a set of key results: weeks due and weeks with a check-in (:func:`weeks_checked_in`)."""

    expected: int = 0
    done: int = 0

    @property
    def rate(self) -> float | None:
        """``done / expected`` (:func:`rate`); ``None`` when nothing was due."""
        return rate(self.done, self.expected)

    @property
    def weeks_text(self) -> str:
        """The counts behind the rate in the one wording every report uses: ``366 of 400 check-in
        weeks done`` (the phase page's tile, the phase pack and the expansion gate's reason)."""
        from rollout.plural import noun

        return f"{self.done:,} of {self.expected:,} {noun(self.expected, 'check-in week')} done"


def checkin_days(cycle: Cycle, as_of: date) -> list[date]:
    """The check-in days due in a cycle up to as-of: each ``checkin_weekday`` from its start to
    :func:`~rollout.metrics.figures.cut_date` (the earliest of its end, ``closed_on`` and as-of)."""
    last = cut_date(cycle, as_of)
    weekday = WEEKDAYS.index(cycle.checkin_weekday)
    day = cycle.start + timedelta(days=(weekday - cycle.start.weekday()) % 7)
    out = []
    while day <= last:
        out.append(day)
        day += timedelta(days=7)
    return out


def has_figures(cycle: Cycle, as_of: date, checkins: Iterable[Sequence[CheckIn]]) -> bool:
    """Whether a cycle with key results has figures as of ``as_of``: a check-in week is due
    (its first check-in day, :func:`checkin_days`, has come) or one of its key results has a
    check-in the figures use (:func:`rollout.metrics.window.checkins_used`). ``checkins``: the
    check-in lists of its key results.

    The analysis says the same as ``CycleState.checkins.expected > 0 or completion.scored > 0``
    (:func:`rollout.metrics.figures.lead_cycle` takes that); the packs' plan, which runs
    without the analysis, takes this. Until then the reports lead with the cycle before it.
    """
    from rollout.metrics.window import checkins_used

    if checkin_days(cycle, as_of):
        return True
    if as_of < cycle.start:
        return False
    last = cut_date(cycle, as_of)
    return any(checkins_used(items, cycle.start, last) for items in checkins)


def weeks_checked_in(used: Sequence[CheckIn], first_day: date | None, due: int) -> int:
    """Check-in discipline of one key result: how many of the ``due`` check-in weeks have a check-in.

    Week *i* runs from the *i*-th check-in day (``first_day + 7 i``) to the day
    before the next; the first week also holds the days from the cycle start,
    the last one the days to the cycle end. A week counts once however many
    check-ins it has (five saves in one week are one week). ``used`` are
    :func:`checkins_used`; only weeks whose check-in day has come are due.
    """
    if not due or first_day is None or not used:
        return 0
    if len(used) == 1:
        return 1
    # Used check-ins are dated from the cycle start (at most 6 days before first_day: week
    # index -1, counted as week 0) to min(end, as-of), which lies in the last due week; so
    # every index is below ``due``. One set of ints per key result: no per-check-in call.
    origin = first_day.toordinal()
    weeks = {(c.date.toordinal() - origin) // 7 for c in used}
    if -1 in weeks:
        weeks.discard(-1)
        weeks.add(0)
    return min(len(weeks), due)


def stale_days(cycle: Cycle, due: date | None, last_checkin: date | None, as_of: date, limit: int) -> int | None:
    """Days without a check-in when a key result is stale, else ``None``.

    Stale: its cycle is running on as-of (marked running, started, not ended),
    the key result is not past its own due date, and more than ``limit`` days
    (``stale_after_days``) have passed since its last used check-in (or since
    the cycle start when there is none). The site, ``rollout status`` and
    ``rollout check`` (OKR401) all use this.
    """
    if cycle.status != "running" or as_of <= cycle.start or as_of > cycle.end:
        return None
    if due is not None and due < as_of:
        return None
    age = (as_of - (last_checkin or cycle.start)).days
    return age if age > limit else None


def stale_limit(settings: Settings) -> int:
    """Days without a check-in after which a key result is stale.

    ``rollout.yaml`` ``stale_after_days`` (default 14), or the ``days`` option of
    rule OKR401 when set, so ``rollout check`` and the site count the same.
    """
    days = settings.rules.options.get("OKR401", {}).get("days")
    return days if isinstance(days, int) and not isinstance(days, bool) and days > 0 else settings.stale_after_days


def reviews_due(cycle: Cycle, as_of: date) -> int:
    """Leadership reviews due from the cycle start to :func:`~rollout.metrics.figures.cut_date`
    (the earliest of its end, ``closed_on`` and as-of): one per 30 days (14 biweekly, none for none)."""
    if cycle.review_cadence == "none" or as_of < cycle.start:
        return 0
    days = (cut_date(cycle, as_of) - cycle.start).days + 1
    return days // (14 if cycle.review_cadence == "biweekly" else 30)

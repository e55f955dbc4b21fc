"""Cycle ids and dates: calendar and fiscal quarters, and the cycle that follows any cycle.

Named periods. An id such as ``2027-Q1``, ``FY27-Q2``, ``FY2027-H1`` or ``2027-T3`` names a
period of a fiscal year: ``Q`` quarters (4 a year, 3 months each), ``T`` tertials (3, 4 months)
and ``H`` halves (2, 6 months). The fiscal year is set in ``rollout.yaml``::

    fiscal_year:
      first_month: 7     # the year starts in July (default 1: January, so fiscal = calendar)
      named_by: end      # FY27 is the year that ends in 2027 (Jul 2026 – Jun 2027); or: start

so with that setting ``FY27-Q1`` (and ``2027-Q1``) is 1 Jul – 30 Sep 2026. A two-digit year
is 2000 + it. Without the setting every id is a calendar period (``2027-Q1`` is Jan–Mar 2027).

The next cycle (:func:`following`) continues any cycle: it starts the day after the
cycle ends and lasts as long (whole months when the cycle covers whole months, else the same
number of days), and its id is the next in the cycle's pattern (``FY27-Q4`` → ``FY28-Q1``,
``2027-H2`` → ``2028-H1``, ``sprint-9`` → ``sprint-10``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from rollout.workspace.models import FiscalYearConfig

_PERIOD = re.compile(r"(?P<fy>FY)?(?P<year>\d{4}|\d{2})(?P<sep>[-_ ]?)(?P<kind>[QHT])(?P<n>\d{1,2})\Z", re.IGNORECASE)
_QUARTER = re.compile(r"(\d{4})-Q([1-4])\Z")
PERIODS = {"Q": 4, "T": 3, "H": 2}
"""Periods per year by letter: quarters, tertials, halves."""
CALENDAR = FiscalYearConfig()


@dataclass(frozen=True)
class PeriodId:
    """A parsed period id: ``FY27-Q2`` → fy=``FY``, year=27 (2 digits), kind ``Q``, number 2."""

    fy: str
    year: int
    digits: int
    sep: str
    kind: str
    number: int

    @property
    def full_year(self) -> int:
        return 2000 + self.year if self.digits == 2 else self.year

    def with_(self, year: int, number: int) -> str:
        shown = f"{year % 100:02d}" if self.digits == 2 else f"{year:04d}"
        return f"{self.fy}{shown}{self.sep}{self.kind}{number}"


def parse_period(cycle_id: str) -> PeriodId | None:
    """The parts of a period id, or None when the id is not one (``sprint-3``, ``2027-Q5``)."""
    match = _PERIOD.match(cycle_id)
    if not match:
        return None
    kind = match["kind"].upper()
    number = int(match["n"])
    if not 1 <= number <= PERIODS[kind]:
        return None
    year = match["year"]
    return PeriodId(match["fy"] or "", int(year), len(year), match["sep"], match["kind"], number)


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def fiscal_year_start(year: int, fiscal: FiscalYearConfig = CALENDAR) -> date:
    """First day of fiscal year ``year`` (as named by ``fiscal.named_by``)."""
    if fiscal.first_month == 1:
        return date(year, 1, 1)
    return date(year - 1 if fiscal.named_by == "end" else year, fiscal.first_month, 1)


def period_bounds(cycle_id: str, fiscal: FiscalYearConfig = CALENDAR) -> tuple[date, date] | None:
    """First and last day of a period id under ``fiscal``, or None if the id is not a period."""
    period = parse_period(cycle_id)
    if period is None:
        return None
    months = 12 // PERIODS[period.kind.upper()]
    start = _add_months(fiscal_year_start(period.full_year, fiscal), months * (period.number - 1))
    return start, _add_months(start, months) - timedelta(days=1)


def fiscal_year_for(cycle_id: str, start: date, end: date) -> FiscalYearConfig | None:
    """The fiscal-year setting under which period ``cycle_id`` runs from ``start`` to ``end``.

    ``FY27-Q1`` from 2026-07-01 to 2026-09-30 gives ``first_month=7, named_by="end"``. The
    calendar wins when it fits, then ``named_by="end"`` (the common use). None when the id
    is not a period or no setting gives those dates (a cycle with dates of its own).
    """
    if parse_period(cycle_id) is None:
        return None
    for named_by in ("end", "start"):
        for month in range(1, 13):
            fiscal = FiscalYearConfig(first_month=month, named_by=named_by)
            if period_bounds(cycle_id, fiscal) == (start, end):
                return fiscal
    return None


def period_of(day: date, fiscal: FiscalYearConfig = CALENDAR, *, prefix: str = "") -> str:
    """The quarter id containing ``day``: ``2027-Q1``, or ``FY27-Q3`` with ``prefix="FY"``."""
    offset = (day.month - fiscal.first_month) % 12
    start_year = day.year if day.month >= fiscal.first_month else day.year - 1
    year = start_year + 1 if fiscal.first_month != 1 and fiscal.named_by == "end" else start_year
    shown = f"FY{year % 100:02d}" if prefix else f"{year}"
    return f"{shown}-Q{offset // 3 + 1}"


def next_id(cycle_id: str) -> str | None:
    """The next id in the cycle's pattern (see the module doc), or None when there is no pattern."""
    period = parse_period(cycle_id)
    if period is not None:
        if period.number < PERIODS[period.kind.upper()]:
            return period.with_(period.full_year, period.number + 1)
        return period.with_(period.full_year + 1, 1)
    match = re.match(r"(.*?)(\d+)\Z", cycle_id)
    if match is None:
        return None
    digits = match[2]
    return f"{match[1]}{int(digits) + 1:0{len(digits)}d}"


def previous_id(cycle_id: str) -> str | None:
    """The period before a period id (``2027-Q1`` → ``2026-Q4``), or None."""
    period = parse_period(cycle_id)
    if period is None:
        return None
    if period.number > 1:
        return period.with_(period.full_year, period.number - 1)
    return period.with_(period.full_year - 1, PERIODS[period.kind.upper()])


def following_dates(start: date, end: date) -> tuple[date, date]:
    """The dates of the cycle after ``start``–``end``: from the day after, for the same length.

    A cycle of whole months (first day of a month to the last day of a month) is followed
    by as many whole months; any other cycle by the same number of days.
    """
    new_start = end + timedelta(days=1)
    return new_start, same_length(start, end, new_start)


def same_length(start: date, end: date, new_start: date) -> date:
    """The last day of a cycle from ``new_start`` as long as ``start``–``end`` (months when whole months)."""
    after = end + timedelta(days=1)
    if start.day == 1 and after.day == 1 and new_start.day == 1:
        months = (after.year - start.year) * 12 + after.month - start.month
        return _add_months(new_start, months) - timedelta(days=1)
    return new_start + (end - start)


def following(
    cycle_id: str,
    start: date,
    end: date,
    *,
    new_id: str | None = None,
    new_start: date | None = None,
    new_end: date | None = None,
) -> tuple[str, date, date]:
    """Id and dates of the cycle after ``cycle_id`` (``start``–``end``); given values win.

    With only ``new_start`` the length is kept; with only ``new_end`` the start is the day
    after ``end``. Raises UsageError when no id can be guessed or the dates are reversed.
    """
    from rollout.errors import UsageError

    new_id = new_id or next_id(cycle_id)
    if new_id is None:
        raise UsageError(
            f"the id of the cycle after {cycle_id!r} cannot be guessed (it has no number to count on)",
            hint=f"give it: rollout next {cycle_id} --id NEW-ID (and --start/--end YYYY-MM-DD)",
        )
    if new_start is None:
        new_start = end + timedelta(days=1)
    if new_end is None:
        new_end = same_length(start, end, new_start)
    if new_end <= new_start:
        raise UsageError(f"the new cycle must end after it starts ({new_start} → {new_end})")
    return new_id, new_start, new_end


# --- the quarter helpers older code uses (calendar quarters) ----------------------------------


def quarter_bounds(cycle_id: str) -> tuple[date, date] | None:
    """First and last day of a calendar quarter id such as ``2027-Q1``, or None for any other id."""
    return period_bounds(cycle_id) if _QUARTER.match(cycle_id) else None


def quarter_of(day: date) -> str:
    return period_of(day)


def next_quarter(cycle_id: str) -> str | None:
    return next_id(cycle_id) if _QUARTER.match(cycle_id) else None


def previous_quarter(cycle_id: str) -> str | None:
    return previous_id(cycle_id) if _QUARTER.match(cycle_id) else None

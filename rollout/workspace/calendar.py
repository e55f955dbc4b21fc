"""Quarter arithmetic for cycle ids such as ``2027-Q1``."""

from __future__ import annotations

import re
from datetime import date, timedelta

_QUARTER = re.compile(r"(\d{4})-Q([1-4])\Z")


def quarter_bounds(cycle_id: str) -> tuple[date, date] | None:
    """First and last day of a quarter id, or None if the id is not a quarter."""
    match = _QUARTER.match(cycle_id)
    if not match:
        return None
    year, quarter = int(match[1]), int(match[2])
    start = date(year, 3 * quarter - 2, 1)
    end = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
    return start, end - timedelta(days=1)


def quarter_of(day: date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def next_quarter(cycle_id: str) -> str | None:
    match = _QUARTER.match(cycle_id)
    if not match:
        return None
    year, quarter = int(match[1]), int(match[2])
    return f"{year + 1}-Q1" if quarter == 4 else f"{year}-Q{quarter + 1}"


def previous_quarter(cycle_id: str) -> str | None:
    match = _QUARTER.match(cycle_id)
    if not match:
        return None
    year, quarter = int(match[1]), int(match[2])
    return f"{year - 1}-Q4" if quarter == 1 else f"{year}-Q{quarter - 1}"

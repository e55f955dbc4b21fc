"""``last_checkin_day`` is ``checkins_used(...)[-1].date`` without the list (OKR401's shortcut)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from rollout.metrics.figures import checkins_used, last_checkin_day
from rollout.workspace.models import CheckIn

DAY0 = date(2026, 10, 1)
offsets = st.lists(st.integers(min_value=-20, max_value=120), max_size=12)


@given(offsets, st.integers(min_value=-5, max_value=40), st.integers(min_value=0, max_value=110))
def test_the_shortcut_agrees_with_the_list(days: list[int], start: int, span: int) -> None:
    items = [CheckIn("kr", DAY0 + timedelta(days=d), float(i)) for i, d in enumerate(sorted(days))]
    first, last = DAY0 + timedelta(days=start), DAY0 + timedelta(days=start + span)
    used = checkins_used(items, first, last)
    assert last_checkin_day(items, first, last) == (used[-1].date if used else None)


def test_edges() -> None:
    one = [CheckIn("kr", DAY0, 1.0)]
    assert last_checkin_day([], DAY0, DAY0) is None
    assert last_checkin_day(one, DAY0, DAY0) == DAY0  # on both edges of the window
    assert last_checkin_day(one, DAY0 + timedelta(days=1), DAY0 + timedelta(days=9)) is None  # before the window
    assert last_checkin_day(one, DAY0 - timedelta(days=9), DAY0 - timedelta(days=1)) is None  # after it

"""fe24 F6 (issue 12, class 8): "The N most recent check-ins" lists the N most recent.

The log took each key result's last three check-ins, then left out those after the as-of
date: a key result checked in often lost its earlier check-ins from the list (the page said
"8 most recent" and left out two of 5 and 6 April), and one whose last three were after the
as-of date contributed none.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from rollout.metrics.analysis import analyze
from rollout.report import viewparts
from rollout.report.viewmodel import build_view
from rollout.workspace import load
from tests.builders import Org, kr

Q2 = "2027-Q2"
AS_OF = date(2027, 5, 3)


def _org() -> Org:
    org = Org("Log Co", as_of=AS_OF)
    org.unit("co", "company", owner="ceo", name="Log Co")
    org.unit("ops", "department", parent="co", owner="ops-lead", name="Operations")
    org.cycle(Q2, date(2027, 4, 1), date(2027, 6, 30), "running", checkin_weekday="monday")
    org.objective(Q2, "co", "co-grow", krs=[kr("co-kr1"), kr("co-kr2")])
    org.objective(Q2, "ops", "ops-run", krs=[kr("ops-kr1")])
    # co-kr1: six check-ins, all up to the as-of date (more than three among the newest)
    for n, day in enumerate([date(2027, 4, d) for d in (5, 6, 12, 19, 26)] + [date(2027, 5, 3)]):
        org.checkin(Q2, "co", "co-kr1", day, 10 * (n + 1))
    # co-kr2: one old check-in, then three dated after the as-of date (a typo in the month)
    org.checkin(Q2, "co", "co-kr2", date(2027, 4, 5), 5)
    for day in (date(2027, 6, 7), date(2027, 6, 14), date(2027, 6, 21)):
        org.checkin(Q2, "co", "co-kr2", day, 50)
    org.checkin(Q2, "ops", "ops-kr1", date(2027, 4, 19), 20)
    return org


def test_the_log_lists_every_check_in_up_to_the_as_of_date_newest_first(tmp_path: Path) -> None:
    ws = load(_org().write(tmp_path / "ws"))
    log = build_view(ws).checkin_log
    got = [(e.date, e.kr) for e in log]
    expected = sorted(
        [(c.date, kr_id) for kr_id, items in ws.checkins.items() for c in items if c.date <= AS_OF],
        key=lambda entry: (entry[0], entry[1]),
        reverse=True,
    )
    assert got == expected
    assert len(got) == 8  # co-kr1 six times, co-kr2 on 5 April, ops-kr1 once; none after 3 May
    assert (date(2027, 4, 5), "co-kr1") in got and (date(2027, 4, 6), "co-kr1") in got
    assert (date(2027, 4, 5), "co-kr2") in got


def test_a_long_log_is_the_newest_of_all_and_an_incremental_view_agrees(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(viewparts, "CHECKIN_LOG_SIZE", 4)  # a pool of 8: fewer than the check-ins
    org = _org()
    ws = load(org.write(tmp_path / "ws"))
    view = build_view(ws)
    assert [(e.date, e.kr) for e in view.checkin_log] == [
        (date(2027, 5, 3), "co-kr1"),
        (date(2027, 4, 26), "co-kr1"),
        (date(2027, 4, 19), "ops-kr1"),
        (date(2027, 4, 19), "co-kr1"),
    ]
    # A check-in of ops: the next view starts from the previous one's pool.
    start = date(2027, 4, 27)
    for n in range(3):
        org.checkin(Q2, "ops", "ops-kr1", start + timedelta(days=n), 30 + n)
    ws2 = load(org.write(tmp_path / "ws"))
    again = build_view(ws2, analysis=analyze(ws2), previous=view, changed={(Q2, "ops")})
    fresh = build_view(ws2)
    assert again.checkin_log == fresh.checkin_log
    assert [e.date for e in fresh.checkin_log] == [date(2027, 5, 3), date(2027, 4, 29), date(2027, 4, 28), start]

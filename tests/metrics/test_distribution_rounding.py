"""fe24 F1 (issue 12, class 8): the score distribution counts each key result at the score shown.

The cycle page's "Key results strong" tile said 9 of 23 while the score distribution beside it
said Strong 8: the distribution binned the raw score (0.345 at 0.3, 0.645 at 0.6), every other
figure the score as shown (``rounding.shown``: 0.345 is written 0.35 and shown 0.4; 0.645 is
written 0.65 and shown 0.7, strong).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from rollout.metrics.analysis import analyze
from rollout.metrics.rounding import shown
from rollout.report.viewcycles import _bands
from rollout.workspace import load
from tests.builders import Org, kr

Q1 = "2027-Q1"
# value checked in on 0 → 1000 → raw score; shown; the bin it is counted in
CASES = [
    (345, 0.345, 4),  # written 0.35, shown 0.4 (moderate); was binned 0.3 (weak)
    (645, 0.645, 7),  # written 0.65, shown 0.7 (strong); was binned 0.6 (moderate)
    (745, 0.745, 8),  # written 0.75, shown 0.8
    (344, 0.344, 3),  # written 0.34, shown 0.3
    (950, 0.95, 10),  # shown 1.0
    (0, 0.0, 0),
]


def _workspace(tmp_path: Path, *, closed: bool) -> Path:
    org = Org("Bins Co", as_of=date(2027, 3, 9) if not closed else date(2027, 4, 2))
    org.unit("co", "company", owner="ceo", name="Bins Co")
    org.cycle(Q1, date(2027, 1, 1), date(2027, 3, 31), "closed" if closed else "running", checkin_weekday="monday")
    krs = [kr(f"co-kr{n}", baseline=0, target=1000) for n in range(len(CASES))]
    org.objective(Q1, "co", "co-grow", krs=krs)
    for n, (value, _raw, _bin) in enumerate(CASES):
        org.checkin(Q1, "co", f"co-kr{n}", date(2027, 3, 8), value, confidence=7)
        if closed:
            org.score(Q1, "co", f"co-kr{n}", shown(value / 1000, 2))
    return org.write(tmp_path / ("closed" if closed else "running"))


@pytest.mark.parametrize("closed", [False, True], ids=["running", "closed"])
def test_each_key_result_is_counted_at_the_score_it_is_shown(tmp_path: Path, closed: bool) -> None:
    ws = load(_workspace(tmp_path, closed=closed))
    cycle = analyze(ws).cycles[Q1]
    expected = [0] * 11
    for _value, raw, tenth in CASES:
        assert round(shown(raw) * 10) == tenth
        expected[tenth] += 1
    assert list(cycle.distribution) == expected
    # The band bars agree with the "Key results strong" count beside them (strong from 0.7).
    bands = {key: count for key, _label, count in _bands(cycle.distribution, 0.7, 0.4)}
    assert bands["strong"] == cycle.completion.strong == 3  # 0.645, 0.745, 0.95
    assert bands["moderate"] == 1 and bands["weak"] == 2


def test_an_override_is_counted_at_its_own_score(tmp_path: Path) -> None:
    org = Org("Bins Co", as_of=date(2027, 4, 2))
    org.unit("co", "company", owner="ceo", name="Bins Co")
    org.cycle(Q1, date(2027, 1, 1), date(2027, 3, 31), "closed", checkin_weekday="monday")
    org.objective(
        Q1, "co", "co-grow", krs=[kr("co-kr1", baseline=0, target=1000), kr("co-kr2", baseline=0, target=1000)]
    )
    org.checkin(Q1, "co", "co-kr1", date(2027, 3, 8), 345)
    org.checkin(Q1, "co", "co-kr2", date(2027, 3, 8), 645)
    org.score(Q1, "co", "co-kr1", 0.35, override=1.0, reason="the launch counted twice over")
    org.score(Q1, "co", "co-kr2", 0.65)
    cycle = analyze(load(org.write(tmp_path / "ws"))).cycles[Q1]
    assert cycle.distribution[10] == 1 and cycle.distribution[7] == 1
    assert cycle.completion.strong == 2

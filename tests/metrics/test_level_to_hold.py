"""fe20 finding 6 (issue 12): a key result whose baseline equals its target (not a health metric).

It has no distance to cover, so ``(value - baseline) / (target - baseline)`` divides by zero;
it used to show "–" with 8 check-ins and count 0.0, pulling its objective to "Off track".
It is scored as a health metric is: met (1.0) or not met (0.0) by its direction.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rollout.metrics.analysis import analyze
from rollout.metrics.figures import holds_level, score_value
from tests.metrics.builders import build


@pytest.mark.parametrize(
    ("direction", "value", "expected"),
    [
        ("increase", 99.9, 1.0),  # at the level: held
        ("increase", 99.95, 1.0),  # above it: held
        ("increase", 99.8, 0.0),  # below it: broken
        ("decrease", 2.0, 1.0),  # at or under a ceiling of 2: held
        ("decrease", 2.5, 0.0),  # over the ceiling: broken
        (None, 99.9, 1.0),  # no direction: "at or above", as for a health metric
    ],
)
def test_a_level_to_hold_is_met_or_not_met(direction: str | None, value: float, expected: float) -> None:
    level = 2.0 if direction == "decrease" else 99.9
    assert score_value(direction, level, level, value) == expected


def test_what_holds_a_level() -> None:
    assert holds_level("increase", 5, 5, False) and holds_level("increase", 0, 10, True)
    assert not holds_level("increase", 0, 10, False)
    assert not holds_level("milestone", 1, 1, False)  # a milestone is done or not, by its own rule
    assert not holds_level("increase", None, 5, False)


def test_the_objective_counts_the_level_held(tmp_path: Path) -> None:
    ws = build(
        tmp_path,
        objectives=[[{"baseline": 99.9, "target": 99.9, "unit_of_measure": "%"}, {}]],
        checkins=[("o1-kr1", "2027-02-08", 99.9, 9), ("o1-kr2", "2027-02-08", 50, 8)],
    )
    a = analyze(ws)
    held = a.key_results["o1-kr1"]
    # held: 1.0, on track (met); objective (1.0 + 0.5) / 2 = 0.75, 2 of 2 measured
    assert (held.score, held.status, held.measured, held.level_to_hold) == (1.0, "on_track", True, True)
    assert a.objectives["o1"].score == pytest.approx(0.75) and a.objectives["o1"].measured == 2


def test_a_broken_level_is_off_track(tmp_path: Path) -> None:
    ws = build(
        tmp_path,
        objectives=[[{"baseline": 99.9, "target": 99.9}]],
        checkins=[("o1-kr1", "2027-02-08", 99.1, 9)],
    )
    state = analyze(ws).key_results["o1-kr1"]
    assert (state.score, state.status) == (0.0, "off_track")


def test_the_unit_page_says_it_is_a_level_to_hold(tmp_path: Path) -> None:
    from rollout.report.build import build as build_site

    build(
        tmp_path,
        objectives=[[{"baseline": 99.9, "target": 99.9}]],
        checkins=[("o1-kr1", "2027-02-08", 99.9, 9)],
    )
    result = build_site(tmp_path, site=True, packs=False)
    page = next((result.out / "units").rglob("*.html")).read_text(encoding="utf-8")
    assert "Level to hold: met or not met" in page

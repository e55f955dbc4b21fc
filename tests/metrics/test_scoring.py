"""Key result scores, bands, expected progress and status: hand-computed cases and properties."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rollout.metrics.scoring import (
    band,
    display,
    expected_progress,
    final_status,
    progress_status,
    score_value,
    weighted_mean,
)
from rollout.workspace.models import ScoringConfig


@pytest.mark.parametrize(
    ("direction", "baseline", "target", "value", "expected"),
    [
        ("increase", 30, 45, 36, 0.4),  # 6 of 15 points
        ("increase", 30, 45, 45, 1.0),
        ("increase", 30, 45, 50, 1.0),  # clamped above
        ("increase", 30, 45, 20, 0.0),  # clamped below
        ("decrease", 30, 22, 25.2, 0.6),  # 4.8 of 8 days
        ("decrease", 30, 22, 31, 0.0),
        ("milestone", None, None, 1, 1.0),
        ("milestone", None, None, 0, 0.0),
        ("milestone", 0, 3, 2, 0.0),  # milestone with a target of 3 steps
        ("increase", 30, 30, 31, 1.0),  # no range: a level to hold, held (fe20 finding 6)
        ("increase", 30, 30, 29, 0.0),  # ... and broken
        ("increase", 45, 30, 40, None),  # contradicts its direction
        ("increase", None, 45, 40, None),
        ("increase", 30, 45, None, None),
    ],
)
def test_hand_computed_scores(
    direction: str, baseline: float | None, target: float | None, value: float | None, expected: float | None
) -> None:
    assert score_value(direction, baseline, target, value) == pytest.approx(expected)


def test_weighted_mean_counts_unknown_scores_as_zero() -> None:
    # issue 12 item 2: (1.0*1 + 0.4*2 + 0*5) / 8 = 0.225
    assert weighted_mean([(1.0, 1), (0.4, 2), (None, 5)]) == pytest.approx(0.225)
    assert weighted_mean([(None, 1)]) is None  # nothing measured yet: "–", not 0.0 (fe20 finding 7)
    assert weighted_mean([]) is None


def test_bands_follow_the_displayed_score_and_the_config() -> None:
    assert [band(s) for s in (0.0, 0.34, 0.35, 0.6, 0.64, 0.65, 1.0)] == [
        "weak",
        "weak",
        "moderate",
        "moderate",
        "moderate",
        "strong",
        "strong",
    ]
    strict = ScoringConfig(strong=0.9, moderate=0.5)
    assert band(0.8, strict) == "moderate" and band(0.4, strict) == "weak" and band(None) is None
    assert display(0.65) == "0.7" and display(None) == "–"


def test_expected_progress_is_the_share_of_the_cycle_elapsed() -> None:
    start, end = date(2026, 10, 1), date(2026, 12, 31)
    assert expected_progress(start, end, date(2026, 9, 1)) == 0.0
    assert expected_progress(start, end, date(2026, 11, 24)) == pytest.approx(54 / 91)
    assert expected_progress(start, end, date(2027, 1, 5)) == 1.0


@pytest.mark.parametrize(
    ("score", "expected", "confidence", "status"),
    [
        (0.6, 0.59, 7, "on_track"),
        (0.5, 0.59, 7, "on_track"),  # 0.09 behind: within the slack
        (0.45, 0.59, 7, "at_risk"),  # 0.14 behind
        (0.6, 0.59, 5, "at_risk"),  # on pace but shaky confidence
        (0.6, 0.59, 3, "off_track"),  # low confidence
        (0.3, 0.59, 8, "off_track"),  # 0.29 behind
        (0.3, 0.59, None, "off_track"),
        (None, 0.5, 8, "on_track"),
        (None, 0.5, None, None),
    ],
)
def test_progress_status(score: float | None, expected: float, confidence: int | None, status: str | None) -> None:
    assert progress_status(score, expected, confidence) == status


def test_final_status_follows_the_band() -> None:
    assert [final_status(s) for s in (0.8, 0.5, 0.1, None)] == ["on_track", "at_risk", "off_track", None]


finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)


@given(finite, finite, finite)
def test_scores_stay_between_zero_and_one(baseline: float, target: float, value: float) -> None:
    for direction in ("increase", "decrease", "milestone"):
        score = score_value(direction, baseline, target, value)
        assert score is None or 0.0 <= score <= 1.0


@given(finite, finite, finite, finite)
def test_scores_are_monotonic_in_the_value(baseline: float, target: float, a: float, b: float) -> None:
    low, high = sorted((a, b))
    direction = "increase" if target >= baseline else "decrease"
    s_low, s_high = score_value(direction, baseline, target, low), score_value(direction, baseline, target, high)
    if s_low is None or s_high is None:
        return
    if direction == "increase":
        assert s_low <= s_high + 1e-12
    else:
        assert s_low >= s_high - 1e-12


@given(finite, finite, finite)
def test_decrease_mirrors_increase(baseline: float, target: float, value: float) -> None:
    up = score_value("increase", baseline, target, value)
    down = score_value("decrease", -baseline, -target, -value)
    if up is None:
        assert down is None
    else:
        assert down is not None and down == pytest.approx(up, abs=1e-9)


@given(st.floats(min_value=0, max_value=1), st.floats(min_value=0, max_value=1), st.integers(0, 10))
def test_higher_score_never_worsens_status(score: float, expected: float, confidence: int) -> None:
    order = {"off_track": 0, "at_risk": 1, "on_track": 2}
    worse = progress_status(score, expected, confidence)
    better = progress_status(min(1.0, score + 0.2), expected, confidence)
    assert worse is not None and better is not None and order[better] >= order[worse]

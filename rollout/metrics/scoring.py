"""Key result and objective scores (0.0–1.0).

- increase / decrease: progress from baseline to target, clamped to [0, 1];
- milestone: 1.0 once the value reaches the target (default 1), else 0.0;
- objective: the weighted mean of its key results' scores;
- bands (strong / moderate / weak) by ``rollout.yaml`` ``scoring:``;
- status in a running cycle from score, expected progress and confidence
  (:func:`progress_status`), at the end from the band (:func:`final_status`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Literal

from rollout.workspace.models import KeyResult, ScoringConfig


def score_value(
    direction: str | None, baseline: float | None, target: float | None, value: float | None
) -> float | None:
    """Score of a value; None when it cannot be computed (no value, target or baseline)."""
    if value is None:
        return None
    if direction == "milestone":
        goal = target if target is not None else 1.0
        return 1.0 if value >= goal else 0.0
    if baseline is None or target is None or target == baseline:
        return None
    if direction == "decrease" and target > baseline:
        return None  # contradictory direction: the quality rules report it
    if direction == "increase" and target < baseline:
        return None
    progress = (value - baseline) / (target - baseline)
    return min(1.0, max(0.0, progress))


def kr_score(kr: KeyResult, value: float | None) -> float | None:
    """Score of ``kr`` at ``value``."""
    return score_value(kr.direction, kr.baseline, kr.target, value)


def weighted_mean(pairs: Iterable[tuple[float | None, float]]) -> float | None:
    """Weighted mean of (score, weight), ignoring unknown scores; None if nothing is known."""
    total = weight_sum = 0.0
    for score, weight in pairs:
        if score is None:
            continue
        total += score * weight
        weight_sum += weight
    return total / weight_sum if weight_sum else None


def display(score: float | None) -> str:
    """Scores are shown rounded to 0.1."""
    return "–" if score is None else f"{round(score + 1e-9, 1):.1f}"


# --- bands, expected progress and status ---------------------------------------------

Band = Literal["strong", "moderate", "weak"]
Status = Literal["on_track", "at_risk", "off_track"]
STATUSES: tuple[Status, ...] = ("on_track", "at_risk", "off_track")

ON_TRACK_SLACK = 0.1
"""A score at most this far below the expected progress is still on track."""
OFF_TRACK_GAP = 0.25
"""A score more than this far below the expected progress is off track."""
LOW_CONFIDENCE = 3
"""Confidence at or below this (0–10) is off track whatever the score."""
SHAKY_CONFIDENCE = 5
"""Confidence at or below this (and above LOW_CONFIDENCE) is at most at risk."""


def band(score: float | None, config: ScoringConfig | None = None) -> Band | None:
    """Strong / moderate / weak by the workspace's thresholds (compared on the displayed, rounded score)."""
    if score is None:
        return None
    config = config or ScoringConfig()
    shown = round(score + 1e-9, 1)
    if shown >= config.strong - 1e-9:
        return "strong"
    if shown >= config.moderate - 1e-9:
        return "moderate"
    return "weak"


def expected_progress(start: date, end: date, as_of: date) -> float:
    """Share of the cycle elapsed on ``as_of`` (0 before it starts, 1 from its last day)."""
    if as_of <= start:
        return 0.0
    if as_of >= end:
        return 1.0
    return (as_of - start).days / (end - start).days


def progress_status(score: float | None, expected: float, confidence: int | None) -> Status | None:
    """Status of a key result (or objective) during a cycle.

    - ``off_track``: the score is more than :data:`OFF_TRACK_GAP` below the expected
      progress, or the confidence is :data:`LOW_CONFIDENCE` or lower;
    - ``on_track``: the score is at most :data:`ON_TRACK_SLACK` below the expected
      progress and the confidence (if given) is above :data:`SHAKY_CONFIDENCE`;
    - ``at_risk``: everything in between.

    With no score, the confidence alone decides (``None`` when neither is known).
    """
    if score is None:
        if confidence is None:
            return None
        if confidence <= LOW_CONFIDENCE:
            return "off_track"
        return "on_track" if confidence > SHAKY_CONFIDENCE else "at_risk"
    gap = expected - score
    if gap > OFF_TRACK_GAP or (confidence is not None and confidence <= LOW_CONFIDENCE):
        return "off_track"
    if gap <= ON_TRACK_SLACK + 1e-9 and (confidence is None or confidence > SHAKY_CONFIDENCE):
        return "on_track"
    return "at_risk"


def final_status(score: float | None, config: ScoringConfig | None = None) -> Status | None:
    """Status at the end of a cycle: strong is on track, moderate at risk, weak off track."""
    return {"strong": "on_track", "moderate": "at_risk", "weak": "off_track", None: None}[band(score, config)]

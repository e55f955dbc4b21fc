"""Key result and objective scores (0.0–1.0).

- increase / decrease: progress from baseline to target, clamped to [0, 1];
- milestone: 1.0 once the value reaches the target (default 1), else 0.0;
- objective: the weighted mean of its key results' scores.
"""

from __future__ import annotations

from collections.abc import Iterable

from rollout.workspace.models import KeyResult


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

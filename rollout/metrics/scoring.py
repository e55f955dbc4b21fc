"""Scores, bands and status: the names earlier code imports, defined in :mod:`rollout.metrics.figures`."""

from __future__ import annotations

from rollout.metrics.figures import (
    LOW_CONFIDENCE,
    OFF_TRACK_GAP,
    ON_TRACK_SLACK,
    SHAKY_CONFIDENCE,
    STATUSES,
    Band,
    Status,
    band,
    display,
    expected_progress,
    final_status,
    kr_score,
    progress_status,
    score_value,
    status,
    weighted_mean,
)

__all__ = [
    "LOW_CONFIDENCE",
    "OFF_TRACK_GAP",
    "ON_TRACK_SLACK",
    "SHAKY_CONFIDENCE",
    "STATUSES",
    "Band",
    "Status",
    "band",
    "display",
    "expected_progress",
    "final_status",
    "kr_score",
    "progress_status",
    "score_value",
    "status",
    "weighted_mean",
]

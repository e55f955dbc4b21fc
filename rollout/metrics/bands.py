"""Bands and status: strong / moderate / weak, expected progress, and on track / at risk / off track.

The thresholds (:data:`DEFAULT_STRONG`, :data:`ON_TRACK_SLACK`, ...), :func:`band`,
:func:`expected_progress`, :func:`status` and its parts (:func:`progress_status`,
:func:`final_status`, :func:`status_within`, :func:`met`). Split from
:mod:`rollout.metrics.figures`, which re-exports every name here (look figures up there).
Imports only :mod:`rollout.metrics.rounding`, so :mod:`rollout.metrics.figures` can import
it without a cycle; nothing heavy: ``rollout check`` and a check-in use it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Literal

from rollout.metrics.rounding import EPS, shown

if TYPE_CHECKING:
    from rollout.workspace.models import ScoringConfig


Band = Literal["strong", "moderate", "weak"]
Status = Literal["on_track", "at_risk", "off_track"]
STATUSES: tuple[Status, ...] = ("on_track", "at_risk", "off_track")

DEFAULT_STRONG = 0.7
DEFAULT_MODERATE = 0.4
ON_TRACK_SLACK = 0.1
"""A score at most this far below the expected progress is still on track."""
OFF_TRACK_GAP = 0.25
"""A score more than this far below the expected progress is off track."""
LOW_CONFIDENCE = 3
"""Confidence at or below this (0–10) is off track whatever the score (unless the band says otherwise)."""
SHAKY_CONFIDENCE = 5
"""Confidence at or below this (and above LOW_CONFIDENCE) is at most at risk."""


def met(score: float | None) -> bool:
    """A key result is met when its score is 1.0 (target reached, milestone done, health metric held)."""
    return score is not None and score >= 1.0 - EPS


# --- band, expected progress and status -----------------------------------------------


def band(score: float | None, config: ScoringConfig | None = None) -> Band | None:
    """Strong / moderate / weak by ``rollout.yaml`` ``scoring:`` (defaults 0.7 and 0.4).

    Compared on the displayed score (rounded to 0.1), so the word always
    matches the number shown: 0.65 shows as 0.7 and is strong.
    """
    if score is None:
        return None
    strong = config.strong if config is not None else DEFAULT_STRONG
    moderate = config.moderate if config is not None else DEFAULT_MODERATE
    rounded = shown(score)
    if rounded >= strong - EPS:
        return "strong"
    if rounded >= moderate - EPS:
        return "moderate"
    return "weak"


def expected_progress(start: date, end: date, as_of: date) -> float:
    """Share of the cycle elapsed on ``as_of``: ``(as_of - start) / (end - start)`` in days, clamped to [0, 1]."""
    if as_of <= start:
        return 0.0
    if as_of >= end:
        return 1.0
    return (as_of - start).days / (end - start).days


def progress_status(score: float | None, expected: float, confidence: int | None) -> Status | None:
    """The raw progress rule (see :func:`status`, which every figure uses).

    ``off_track`` when the score trails the expected progress by more than
    :data:`OFF_TRACK_GAP` or the confidence is :data:`LOW_CONFIDENCE` or lower;
    ``on_track`` when it trails by at most :data:`ON_TRACK_SLACK` and the
    confidence (if given) is above :data:`SHAKY_CONFIDENCE`; ``at_risk`` in
    between. Without a score the confidence alone decides (``None`` when neither
    is known).
    """
    if score is None:
        if confidence is None:
            return None
        if confidence <= LOW_CONFIDENCE:
            return "off_track"
        return "on_track" if confidence > SHAKY_CONFIDENCE else "at_risk"
    gap = expected - score
    if gap > OFF_TRACK_GAP + EPS or (confidence is not None and confidence <= LOW_CONFIDENCE):
        return "off_track"
    if gap <= ON_TRACK_SLACK + EPS and (confidence is None or confidence > SHAKY_CONFIDENCE):
        return "on_track"
    return "at_risk"


_BAND_STATUS: dict[Band | None, Status | None] = {
    "strong": "on_track",
    "moderate": "at_risk",
    "weak": "off_track",
    None: None,
}


def final_status(score: float | None, config: ScoringConfig | None = None) -> Status | None:
    """Status from the band alone: strong → on track, moderate → at risk, weak → off track."""
    return _BAND_STATUS[band(score, config)]


def status(
    score: float | None,
    *,
    expected: float,
    confidence: int | None,
    final: bool,
    config: ScoringConfig | None = None,
    measured: bool = True,
    pending: bool = False,
    binary: bool = False,
) -> Status | None:
    """Status of a key result, objective, unit or company (on track / at risk / off track).

    Inputs: ``score`` (for an aggregate: unmeasured key results already counted
    as 0.0), ``expected`` progress, the latest ``confidence`` (0–10, mean for an
    aggregate), ``final`` (the cycle is closed, or as-of is on or after its last
    day), ``measured`` (False: nothing measured yet), ``pending`` (a milestone
    not yet due), ``binary`` (a health metric: held or broken).

    Rules, first that applies:

    1. final: from the band of the score (unmeasured counts 0.0): strong → on
       track, moderate → at risk, weak → off track. So the last day of a cycle
       and its close agree.
    2. met (score 1.0) → on track.
    3. a broken health metric → off track.
    4. nothing measured, or a milestone not yet due: the confidence alone
       (> 5 on track, 4–5 at risk, ≤ 3 off track; unknown without one).
    5. otherwise :func:`progress_status`, but a score in the strong band is
       never off track (at most at risk).

    Never worse for a higher score with the other inputs fixed.
    """
    if final:
        if score is None and not measured:
            score = 0.0
        return final_status(score, config)
    if met(score):
        return "on_track"
    if binary and score is not None:
        return "off_track"
    if not measured or score is None or pending:
        return progress_status(None, expected, confidence)
    result = progress_status(score, expected, confidence)
    if result == "off_track" and band(score, config) == "strong":
        return "at_risk"
    return result


_STATUS_RANK: dict[Status, int] = {"on_track": 0, "at_risk": 1, "off_track": 2}


def status_within(own: Status | None, parts: Iterable[Status | None]) -> Status | None:
    """The status of an objective (or unit), kept between the best and the worst status of its parts.

    ``own``: :func:`status` of the objective's score (a unit's: of its score);
    ``parts``: its key results' statuses (a unit's: its objectives'). Only when
    every part has a status (a key result never measured and without a confidence
    has none: it could be anywhere, so ``own`` stands, and its 0.0 in the score
    keeps the objective honest). An objective whose key results are all on track is on track, one
    whose key results are all off track is off track, whatever its score's gap to
    the expected progress says: so a milestone not yet due that follows its
    confidence (rule 4 of :func:`status`) carries its objective with it, and a
    leader never reads "At risk" above a list of "On track". Between the two, the
    objective's own status stands. From a cycle's last day nothing changes (the
    band of a mean lies between the bands of its parts). Monotone: more progress
    never worsens it.
    """
    listed = list(parts)
    if own is None or not listed or any(p is None for p in listed):
        return own
    known = [_STATUS_RANK[p] for p in listed if p is not None]
    rank = min(max(_STATUS_RANK[own], min(known)), max(known))
    return STATUSES[rank]

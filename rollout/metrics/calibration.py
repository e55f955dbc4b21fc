"""Calibration: are a unit's targets too safe or too hard? (see ``figures.md``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

from rollout.metrics.figures import checkins_used, final_score, kr_score, scoring_window
from rollout.metrics.rounding import EPS, JUDGED_MEAN_PLACES, shown

if TYPE_CHECKING:
    from rollout.workspace.models import Cycle
    from rollout.workspace.workspace import Workspace

Verdict = Literal["too_safe", "too_hard", "ok", "insufficient"]
SAFE_MEAN = 0.9
"""A unit averaging this or more in its last closed cycles set targets too safe."""
HARD_MEAN = 0.3
"""A unit averaging below this in its last closed cycles set targets too hard."""
CALIBRATION_CYCLES = 2
"""Calibration looks at this many consecutive closed cycles."""


def closed_unit_mean(ws: Workspace, cycle: Cycle, unit: str) -> float | None:
    """Mean key result score of ``unit`` in closed ``cycle`` (``None`` without key results).

    Each key result scores :func:`final_score` (override, else computed from the
    check-ins used up to the cut date, the end or the day of an early close, else a
    hand-written score, else 0.0): the
    same number as ``Completion.mean_score`` of the unit in the analysis. Used by
    the calibration rules (OKR407, OKR408).
    """
    start, last = scoring_window(cycle, ws.today)
    written: dict[str, tuple[float, float | None]] = {}
    review = ws.reviews.get((cycle.id, unit))
    if review is not None:
        written = {s.kr: (s.score, s.override) for s in review.scores}
    scores = []
    for objective in ws.objectives_in(cycle.id, unit):
        for kr in objective.key_results:
            used = checkins_used(ws.checkins.get(kr.id) or (), start, last)
            computed = kr_score(kr, used[-1].value) if used else None
            hand, override = written.get(kr.id, (None, None))
            scores.append(final_score(computed, hand, override))
    return sum(scores) / len(scores) if scores else None


def calibration_verdict(means: Sequence[float], cycles: int = CALIBRATION_CYCLES) -> Verdict:
    """Calibration of a unit from its mean key result scores of closed cycles, in cycle order.

    ``too_safe`` when the last ``cycles`` means are all :data:`SAFE_MEAN` or more,
    ``too_hard`` when all are below :data:`HARD_MEAN`, ``ok`` otherwise,
    ``insufficient`` with fewer closed cycles. OKR407 and OKR408 report the same
    (:func:`judged`).
    """
    if len(means) < cycles:
        return "insufficient"
    last = means[-cycles:]
    if all(judged(m, SAFE_MEAN) for m in last):
        return "too_safe"
    if all(judged(m, HARD_MEAN, below=True) for m in last):
        return "too_hard"
    return "ok"


def judged(mean: float, threshold: float, *, below: bool = False) -> bool:
    """Whether ``mean`` is at ``threshold`` or more (``below``: under it), compared as shown: at
    :data:`~rollout.metrics.rounding.JUDGED_MEAN_PLACES` (two) decimals, the way the site, the
    packs and the findings write calibration means, so 0.295 reads 0.30 and is not below 0.30."""
    rounded = shown(mean, JUDGED_MEAN_PLACES)
    return rounded < threshold - EPS if below else rounded >= threshold - EPS

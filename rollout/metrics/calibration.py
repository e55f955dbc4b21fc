"""Calibration: are a unit's targets too safe or too hard? (see ``figures.md``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from rollout.metrics.figures import checkins_used, final_score, kr_score, scoring_window
from rollout.metrics.rounding import EPS, JUDGED_MEAN_PLACES, shown

if TYPE_CHECKING:
    from rollout.workspace.models import Cycle
    from rollout.workspace.settings import Settings
    from rollout.workspace.workspace import Workspace

Verdict = Literal["too_safe", "too_hard", "ok", "insufficient"]
SAFE_MEAN = 0.9
"""A unit averaging this or more in its last closed cycles set targets too safe."""
HARD_MEAN = 0.3
"""A unit averaging below this in its last closed cycles set targets too hard."""
CALIBRATION_CYCLES = 2
"""Calibration looks at this many consecutive closed cycles."""


@dataclass(frozen=True)
class Thresholds:
    """The calibration thresholds of a workspace (:func:`thresholds`): one set for the rules,
    the site, the packs and the analysis. ``safe``/``hard``: mean key result scores (0.0–1.0);
    ``safe_cycles``/``hard_cycles``: how many consecutive closed cycles must reach them."""

    safe: float = SAFE_MEAN
    hard: float = HARD_MEAN
    safe_cycles: int = CALIBRATION_CYCLES
    hard_cycles: int = CALIBRATION_CYCLES


def thresholds(settings: Settings | None) -> Thresholds:
    """The workspace's calibration thresholds: the ``high`` and ``cycles`` options of OKR407 and
    the ``low`` and ``cycles`` options of OKR408 in ``rollout.yaml`` (``rules.options``), else
    the defaults (0.90 and 0.30, two cycles). So a verdict on the cycle page, in the packs and
    the findings of ``rollout check`` always use the same numbers. Values of the wrong type are
    ignored here (``rollout check`` reports them)."""
    if settings is None:
        return Thresholds()
    options = settings.rules.options
    safe = options.get("OKR407", {})
    hard = options.get("OKR408", {})
    return Thresholds(
        safe=_number(safe.get("high"), SAFE_MEAN),
        hard=_number(hard.get("low"), HARD_MEAN),
        safe_cycles=_count(safe.get("cycles"), CALIBRATION_CYCLES),
        hard_cycles=_count(hard.get("cycles"), CALIBRATION_CYCLES),
    )


def _number(value: Any, default: float) -> float:
    ok = isinstance(value, int | float) and not isinstance(value, bool)
    return float(value) if ok else default


def _count(value: Any, default: int) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 1 else default


def verdict_text(verdict: str, limits: Thresholds) -> str:
    """A calibration verdict in words with the thresholds that decided it, as the cycle pack
    writes it: "targets look too safe (2 cycles at 0.90 or more)"; "" for no verdict."""
    from rollout.plural import plural

    if verdict == "too_safe":
        return f"targets look too safe ({plural(limits.safe_cycles, 'cycle')} at {_shown(limits.safe)} or more)"
    if verdict == "too_hard":
        return f"targets look too hard ({plural(limits.hard_cycles, 'cycle')} below {_shown(limits.hard)})"
    if verdict == "ok":
        return "scores are in the healthy range"
    return ""


def rule_text(limits: Thresholds) -> str:
    """The calibration rule in one sentence with the workspace's thresholds (the cycle page)."""
    from rollout.plural import plural

    safe = plural(limits.safe_cycles, "closed cycle")
    hard = plural(limits.hard_cycles, "closed cycle")
    return (
        f"targets look too safe after {safe} in a row at {_shown(limits.safe)} or more, "
        f"and too hard after {hard} in a row below {_shown(limits.hard)}."
    )


def _shown(threshold: float) -> str:
    return f"{shown(threshold, JUDGED_MEAN_PLACES):.{JUDGED_MEAN_PLACES}f}"


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


def calibration_verdict(means: Sequence[float], limits: Thresholds | None = None) -> Verdict:
    """Calibration of a unit from its mean key result scores of closed cycles, in cycle order.

    With the workspace's :class:`Thresholds` (:func:`thresholds`; defaults 0.90, 0.30,
    two cycles): ``too_safe`` when the last ``safe_cycles`` means are all ``safe`` or
    more, ``too_hard`` when the last ``hard_cycles`` are all below ``hard``, ``ok``
    otherwise, ``insufficient`` with fewer closed cycles than either needs. Means are
    compared as shown (:func:`judged`). OKR407 and OKR408 report the same.
    """
    limits = limits or Thresholds()
    if len(means) < min(limits.safe_cycles, limits.hard_cycles):
        return "insufficient"
    if len(means) >= limits.safe_cycles and all(judged(m, limits.safe) for m in means[-limits.safe_cycles :]):
        return "too_safe"
    if len(means) >= limits.hard_cycles and all(
        judged(m, limits.hard, below=True) for m in means[-limits.hard_cycles :]
    ):
        return "too_hard"
    return "ok"


def judged(mean: float, threshold: float, *, below: bool = False) -> bool:
    """Whether ``mean`` is at ``threshold`` or more (``below``: under it), compared as shown: at
    :data:`~rollout.metrics.rounding.JUDGED_MEAN_PLACES` (two) decimals, the way the site, the
    packs and the findings write calibration means, so 0.295 reads 0.30 and is not below 0.30."""
    rounded = shown(mean, JUDGED_MEAN_PLACES)
    return rounded < threshold - EPS if below else rounded >= threshold - EPS

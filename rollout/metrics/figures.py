"""Every figure the product shows, defined once: scores, aggregates, bands, status.

The other figures live next door, each in one place: check-in days, weeks,
discipline, staleness and reviews due in :mod:`rollout.metrics.checkins`;
calibration in :mod:`rollout.metrics.calibration`; the readiness level, the
retrospectives and the expansion gate in :mod:`rollout.metrics.phase`; how a
figure is rounded to be shown in :mod:`rollout.metrics.rounding`; bands, expected progress and
status in :mod:`rollout.metrics.bands` (re-exported here).

Each function is the only place its figure is computed; the analysis
(:mod:`rollout.metrics.analysis`), the quality rules, ``rollout status``,
``rollout close``, the site and the packs call it. The plain-language version
of these definitions is ``figures.md`` next to this file: the README section
"How the figures are computed" and the site page ``figures.html`` are both made
from it (a test keeps them equal).

Conventions
-----------
- Scores are floats in [0.0, 1.0]; ``None`` only where a figure cannot exist
  (a key result never measured, an objective without key results).
- Nothing is rounded here: rounding happens only for display
  (:mod:`rollout.metrics.rounding`: :func:`display`, :func:`percent`), so an
  average of scores never averages rounded numbers.
- "As-of" is ``rollout.yaml`` ``as_of`` or today; nothing dated after it is used.
- Ties are broken by written rules (e.g. :func:`rollout.metrics.phase.readiness_of`), never by
  hash or file order.

This module imports nothing heavy: ``rollout check`` and a check-in use it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

# Bands, expected progress and status live next door (rollout.metrics.bands, a leaf this module
# imports); every name there is re-exported here, where every figure is looked up.
from rollout.metrics.bands import DEFAULT_MODERATE as DEFAULT_MODERATE
from rollout.metrics.bands import DEFAULT_STRONG as DEFAULT_STRONG
from rollout.metrics.bands import LOW_CONFIDENCE as LOW_CONFIDENCE
from rollout.metrics.bands import OFF_TRACK_GAP as OFF_TRACK_GAP
from rollout.metrics.bands import ON_TRACK_SLACK as ON_TRACK_SLACK
from rollout.metrics.bands import SHAKY_CONFIDENCE as SHAKY_CONFIDENCE
from rollout.metrics.bands import STATUSES as STATUSES
from rollout.metrics.bands import Band as Band
from rollout.metrics.bands import Status as Status
from rollout.metrics.bands import band as band
from rollout.metrics.bands import expected_progress as expected_progress
from rollout.metrics.bands import final_status as final_status
from rollout.metrics.bands import met as met
from rollout.metrics.bands import progress_status as progress_status
from rollout.metrics.bands import status as status
from rollout.metrics.bands import status_within as status_within

# Rounding for display lives next door; EPS, display and percent are re-exported (long imported from here).
from rollout.metrics.rounding import EPS as EPS
from rollout.metrics.rounding import display as display
from rollout.metrics.rounding import lowest_shown_at
from rollout.metrics.rounding import percent as percent

# Which check-ins count (the cut date of a cycle) and the cycle the reports lead with live next
# door (rollout.metrics.window); re-exported here, where every figure is looked up.
from rollout.metrics.window import checkins_used as checkins_used
from rollout.metrics.window import cut_date as cut_date
from rollout.metrics.window import last_checkin_day as last_checkin_day
from rollout.metrics.window import last_used as last_used
from rollout.metrics.window import lead_cycle as lead_cycle
from rollout.metrics.window import scoring_window as scoring_window

if TYPE_CHECKING:
    from rollout.workspace.models import CheckIn, KeyResult, ScoringConfig


def explanation() -> str:
    """The plain-language definitions of every figure (``figures.md`` next to this module, Markdown).

    The one source of the README section "How the figures are computed" and of
    the site page ``figures.html``.
    """
    from pathlib import Path

    return Path(__file__).with_name("figures.md").read_text(encoding="utf-8")


# --- key result score -----------------------------------------------------------------


def score_value(
    direction: str | None,
    baseline: float | None,
    target: float | None,
    value: float | None,
    health_metric: bool = False,
) -> float | None:
    """Score (0.0–1.0) of one key result at ``value``; ``None`` when it cannot be computed.

    - health metric (``health_metric: true``), or a level to hold (baseline equal
      to the target, :func:`holds_level`): 1.0 when the value held the target
      (``value <= target`` for ``direction: decrease``, ``value >= target``
      otherwise), else 0.0; a guard-rail is met or broken, nothing in between;
    - milestone: 1.0 once the value reaches the target (default 1), else 0.0;
    - increase / decrease: ``(value - baseline) / (target - baseline)`` clamped to
      [0, 1], so an overshoot is 1.0 and a move the wrong way is 0.0; negative
      values work the same way;
    - ``None`` without a value, a baseline or a target, or when the direction
      contradicts the numbers (the quality rules report those key results).
    """
    if value is None:
        return None
    if target is not None and holds_level(direction, baseline, target, health_metric):
        held = value <= target + EPS if direction == "decrease" else value >= target - EPS
        return 1.0 if held else 0.0
    if direction == "milestone":
        goal = target if target is not None else 1.0
        return 1.0 if value >= goal - EPS else 0.0
    if baseline is None or target is None or target == baseline:
        return None
    if direction == "decrease" and target > baseline:
        return None
    if direction == "increase" and target < baseline:
        return None
    progress = (value - baseline) / (target - baseline)
    return min(1.0, max(0.0, progress))


def holds_level(direction: str | None, baseline: float | None, target: float | None, health_metric: bool) -> bool:
    """Whether a key result is scored met-or-broken (1.0 or 0.0) rather than by progress.

    A health metric (``health_metric: true``), and a key result whose baseline equals
    its target (not a milestone): there is no distance to cover, only a level to hold
    ("keep payroll accuracy at 99.9%"), so ``(value - baseline) / (target - baseline)``
    would divide by zero. Such a key result is judged by its direction as a health
    metric is, and its status is met (on track) or broken (off track). Rules OKR106
    and OKR203 still advise marking it ``health_metric: true`` or setting a target
    to move to.
    """
    if health_metric:
        return True
    return direction != "milestone" and baseline is not None and target is not None and baseline == target


def kr_score(kr: KeyResult, value: float | None) -> float | None:
    """Score of key result ``kr`` at ``value`` (:func:`score_value` with its fields)."""
    return score_value(kr.direction, kr.baseline, kr.target, value, kr.health_metric)


def latest_confidence(used: Sequence[CheckIn]) -> int | None:
    """The latest confidence given (0–10; words map to 8, 5 and 2) among the used check-ins."""
    for checkin in reversed(used):
        confidence = checkin.confidence_score
        if confidence is not None:
            return confidence
    return None


def mean_confidence(confidences: Iterable[int | None]) -> int | None:
    """Mean of the known confidences, rounded half up to a whole number; ``None`` when none is known."""
    known = [c for c in confidences if c is not None]
    return int(sum(known) / len(known) + 0.5) if known else None


def final_score(computed: float | None, written: float | None = None, override: float | None = None) -> float:
    """The score of a key result in a closed cycle.

    1. an override (``reviews/<cycle>/<unit>.yaml`` ``override:``, with its
       required reason);
    2. else the score computed from its check-ins up to the cut date
       (:func:`cut_date`: the cycle end, or the day it was closed when earlier),
       exactly as on the day of the close (the 2-decimal ``score:`` that close
       writes is this score rounded, for people to read: closing changes no figure);
    3. else, for a key result without check-ins, a ``score:`` written by hand;
    4. else 0.0 (never measured).
    """
    if override is not None:
        return override
    if computed is not None:
        return computed
    return written if written is not None else 0.0


def scored_at_close(computed: float | None, written: float | None = None, override: float | None = None) -> bool:
    """Whether a key result of a closed cycle counts as measured ("k of n measured").

    Measured: it has a used check-in, an override, or a score written by hand
    above 0.0. The 0.0 that ``rollout close`` writes for a key result never
    checked in is not a measurement, so "k of n measured" reads the same on the
    cycle's last day and after its close.
    """
    return computed is not None or override is not None or (written is not None and written > 0.0)


# --- aggregates -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Aggregate:
    """A score over key results with how many of them were measured."""

    score: float | None
    measured: int
    total: int


def aggregate(pairs: Iterable[tuple[float | None, float]], measured: int | None = None) -> Aggregate:
    """Objective score: the weighted mean of its key results' ``(score, weight)``.

    A key result never measured (score ``None``) counts as 0.0 with its full
    weight, so it cannot vanish from the score; ``measured`` says how many had a
    score ("1 of 3 measured"; the caller may give the count of key results with
    a check-in instead, so that a closed cycle's 0.0 for an unmeasured key result
    still reads "not measured"). ``score`` is ``None`` without key results, and
    while none of them has a score yet (nothing measured: "–", not 0.0; in a
    closed cycle every key result has its final score, so there is one).
    """
    total = weight_sum = 0.0
    known = count = 0
    for score, weight in pairs:
        count += 1
        weight_sum += weight
        if score is not None:
            known += 1
            total += score * weight
    score = total / weight_sum if weight_sum and known else None
    return Aggregate(score, known if measured is None else measured, count)


def weighted_mean(pairs: Iterable[tuple[float | None, float]]) -> float | None:
    """The score of :func:`aggregate` alone (unmeasured count as 0.0)."""
    return aggregate(pairs).score


def unit_score(objectives: Iterable[tuple[float | None, int]]) -> float | None:
    """Unit score: the mean of its objectives' scores, from ``(objective score, key results)``.

    An objective without key results has no score and is left out. An objective
    none of whose key results is measured yet (score ``None``) counts 0.0, as its
    key results do in it, so it cannot vanish from the unit's score. ``None`` when
    nothing in the unit has a score yet ("–", not 0.0) or no objective has key results.
    """
    scores = [score for score, key_results in objectives if key_results]
    if not scores or all(score is None for score in scores):
        return None
    return sum(score or 0.0 for score in scores) / len(scores)


def mean(values: Iterable[float | None]) -> float | None:
    """Plain mean of the known values (``None`` skipped); ``None`` when none is known.

    Used for a unit's score (the mean of its objectives' scores: an objective
    without key results has none) and for averages of rates.
    """
    known = [v for v in values if v is not None]
    return sum(known) / len(known) if known else None


@dataclass(frozen=True)
class Completion:
    """Key result scores of a set of key results (a unit, a department, a cycle, a phase); see :func:`completion`."""

    key_results: int = 0
    scored: int = 0
    mean_score: float | None = None
    strong: int = 0
    strong_share: float | None = None
    met: int = 0


def completion(
    scores: Sequence[float | None], config: ScoringConfig | None = None, measured: int | None = None
) -> Completion:
    """Completion of a set of key result scores (``None`` = never measured).

    ``key_results`` n; ``scored`` how many were measured (``measured`` when
    given: key results with a check-in, else the known scores); ``mean_score`` the
    mean over all n with unmeasured counted 0.0 (``None`` when n = 0 or none has a
    score yet: "–", not 0.0);
    ``strong`` how many are in the strong band and ``strong_share`` = strong / n
    (the share of *all* key results, not of the measured ones); ``met`` how
    many reached 1.0.
    """
    n = len(scores)
    if not n:
        return Completion()
    known = [s for s in scores if s is not None]
    # band(score) == "strong" without a call per score (a large organization has ~15,000 per
    # cycle, counted for units, departments, cycles and phases): the displayed score (0.1 from
    # its two-decimal value) reaches the strong threshold exactly when s >= lowest_shown_at(strong).
    threshold = lowest_shown_at(config.strong if config is not None else DEFAULT_STRONG)
    strong = sum(1 for s in known if s >= threshold)
    count = len(known) if measured is None else measured
    mean_score = sum(known) / n if known else None
    return Completion(n, count, mean_score, strong, strong / n, sum(1 for s in known if s >= 1.0 - EPS))

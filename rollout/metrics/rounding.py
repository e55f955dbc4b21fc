"""Figures as shown: rounding for display, and thresholds compared on what is shown.

Every figure is computed unrounded (:mod:`rollout.metrics.figures`); these functions are the
only places it is rounded for a person to read: scores half up to 0.1 from their two-decimal
value (:func:`written`, :func:`display`: 0.345 → 0.35 → 0.4),
the means a verdict judges to 0.01 (:data:`JUDGED_MEAN_PLACES`), shares to a whole percent
(:func:`percent`). A word or a verdict beside a number compares the number as shown
(:func:`shown`, :func:`share_below`; bands in :func:`rollout.metrics.figures.band`), so it is
always true of what is read. Re-exported by :mod:`rollout.metrics.figures`. Imports only :mod:`math`.
"""

from __future__ import annotations

import math

EPS = 1e-9
"""Tolerance of float comparisons (a score of 0.7 computed as 0.6999999999 is 0.7)."""

JUDGED_MEAN_PLACES = 2
"""Decimals of a mean key result score that a verdict compares with a threshold, wherever it
is shown: a phase's mean (the expansion gate, 0.30 and 0.50: the phase page's tile and chart,
the phase pack, the gate's reasons, ``rollout phases list``) and a unit's mean per closed
cycle (calibration, 0.30 and 0.90: the cycle page, the packs, OKR407 and OKR408). At one
decimal a mean of 0.45 would read "0.5" beside "below 0.50"; so these means carry two
decimals (``0.45``), and the verdicts compare the number shown."""


def shown(score: float, places: int = 1) -> float:
    """A score rounded as it is shown: half up to ``places`` decimals (``0.65`` → ``0.7``).

    Fewer places than :data:`WRITTEN_PLACES` are made from the two-decimal value (:func:`written`,
    the ``score:`` ``rollout close`` writes), so the file and every page agree: 0.345 is written
    0.35 and shown 0.4 (moderate), never 0.3 (issue 12, fe21 #2: one rounding a reader can redo).
    Thresholds are compared on this (:func:`rollout.metrics.figures.band`, :func:`rollout.metrics.phase.gate`), so a
    word beside a number ("strong", "below 0.50") is always true of the number shown.
    """
    if places < WRITTEN_PLACES:
        return round(written(score) + EPS, places)
    return round(score + EPS, places)


def lowest_shown_at(threshold: float) -> float:
    """The lowest unrounded score (minus :data:`EPS`) whose one-decimal :func:`shown` value reaches
    ``threshold``: 0.7 → 0.645 (0.645 is written 0.65 and shown 0.7).

    ``score >= lowest_shown_at(t)`` is ``shown(score) >= t - EPS`` without rounding each score (counting the
    strong key results of a large organization compares ~15,000 scores per cycle).
    """
    tenths = math.ceil(threshold * 10 - 1e-6) / 10  # the lowest one-decimal value shown at or above it
    return tenths - 0.05 - 0.5 * 10.0**-WRITTEN_PLACES - EPS


def display(score: float | None, places: int = 1) -> str:
    """A score as shown: :func:`shown` at ``places`` decimals (``0.7``; ``0.45`` for a mean a
    verdict judges, :data:`JUDGED_MEAN_PLACES`), ``–`` when unknown."""
    return "–" if score is None else f"{shown(score, places):.{places}f}"


def shown_percent(share: float) -> int:
    """A share as shown, in whole percent rounded half up (``0.125`` → 13, ``0.796`` → 80)."""
    return int(share * 100 + 0.5 + EPS)


def share_below(share: float, threshold: float) -> bool:
    """Whether ``share`` is below ``threshold`` (both 0.0–1.0) as shares are shown, in whole
    percent: 79.6% reads 80% and is not below 80%; 79.4% reads 79% and is."""
    return shown_percent(share) < round(threshold * 100)


def percent(share: float | None) -> str:
    """A share as shown: :func:`shown_percent` with ``%`` (``13%``), ``–`` when unknown."""
    return "–" if share is None else f"{shown_percent(share)}%"


WRITTEN_PLACES = 2
"""Decimals of the ``score:`` that ``rollout close`` writes in ``reviews/<cycle>/<unit>.yaml``."""


def written(score: float) -> float:
    """A key result's final score as ``rollout close`` writes it in its review file: half up to
    2 decimals (0.345 → 0.35, also when the float is 0.34499999…); :func:`shown` rounds this.

    The figures never read it back while the key result has check-ins
    (:func:`rollout.metrics.figures.final_score`); OKR411 compares it with the score the
    check-ins give now, so a check-in edited after the close is reported.
    """
    return round(score + EPS, WRITTEN_PLACES)

"""Calibration rules (OKR407, OKR408): targets that look too safe or too hard over closed cycles.

They read the end-of-cycle scores of closed cycles, so they never run on drafts. The
mean per unit and cycle is the calibration figure the site shows
(:func:`rollout.metrics.calibration.closed_unit_mean`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from rollout.metrics import calibration
from rollout.metrics.rounding import JUDGED_MEAN_PLACES, display
from rollout.rules.base import Context, Hit, Option, Rule, example_values
from rollout.rules.cadence import closed_cycles
from rollout.workspace.models import Record

if TYPE_CHECKING:
    from rollout.workspace import Workspace


def _unit_means(ws: Workspace) -> dict[str, list[tuple[str, float, Record]]]:
    """Per unit, in cycle order: (cycle, mean key result score, record to point at) of closed cycles.

    The mean is the calibration figure the site shows (:func:`rollout.metrics.calibration.closed_unit_mean`).
    """
    out: dict[str, list[tuple[str, float, Record]]] = {}
    for cycle in closed_cycles(ws):
        for unit in ws.units_in(cycle.id):
            mean = calibration.closed_unit_mean(ws, cycle, unit)
            if mean is None:
                continue
            review = ws.review(cycle.id, unit)
            record: Record = review.scores[0] if review and review.scores else ws.objectives_in(cycle.id, unit)[0]
            out.setdefault(unit, []).append((cycle.id, mean, record))
    return out


class _Calibration(Rule):
    too_safe: bool = True

    def check_workspace(self, ws: Workspace, ctx: Context) -> Iterator[Hit]:
        need = self.opt("cycles")
        for unit, series in ctx.shared("calibration.unit_means", lambda: _unit_means(ws)).items():
            if len(series) < need:
                continue
            recent = series[-need:]
            # Compared and written as the site and the packs show calibration means (two decimals).
            if self.too_safe:
                hit = all(calibration.judged(mean, self.opt("high")) for _c, mean, _r in recent)
            else:
                hit = all(calibration.judged(mean, self.opt("low"), below=True) for _c, mean, _r in recent)
            if hit:
                cycle, _mean, record = recent[-1]
                means = ", ".join(display(m, JUDGED_MEAN_PLACES) for _c, m, _r in recent)
                yield Hit(record, (), {"unit": unit, "count": need, "means": means}, cycle=cycle, unit=unit)


class OKR407(_Calibration):
    """{unit} averaged {means} over the last {count} closed cycles: targets look too safe.

    OKRs are meant to stretch: 0.7 is strong progress on an ambitious target.
    A unit that scores about 1.0 cycle after cycle is setting targets it knows
    it will hit, usually KPIs renamed as OKRs.

    **Bad**

    A team averaging 0.98 and 1.0 in two consecutive quarters.

    **Good**

    Averages between 0.6 and 0.8, with some key results missed.
    """

    code = "OKR407"
    example = example_values(unit="sales", means="0.92, 0.95, 1.00", count=3)
    name = "targets-too-safe"
    group = "cadence"
    reads = frozenset({"reviews"})
    severity = "info"
    hint = "Raise the targets of the next cycle, or move steady metrics out of the OKRs."
    options = (
        Option("high", float, calibration.SAFE_MEAN, "Average final score from which targets count as too safe.", 0),
        Option("cycles", int, calibration.CALIBRATION_CYCLES, "Consecutive closed cycles needed.", 1),
    )
    too_safe = True


class OKR408(_Calibration):
    """{unit} averaged {means} over the last {count} closed cycles: targets look too hard.

    Stretch targets are missed sometimes; targets missed by far every cycle
    stop motivating anyone and make the scores meaningless for planning.

    **Bad**

    A team averaging 0.15 and 0.2 in two consecutive quarters.

    **Good**

    Averages between 0.6 and 0.8; when a target proves out of reach mid-cycle,
    the review records why.
    """

    code = "OKR408"
    example = example_values(unit="sales", means="0.15, 0.20, 0.10", count=3)
    name = "targets-unrealistic"
    group = "cadence"
    reads = frozenset({"reviews"})
    severity = "info"
    hint = "Set the next targets from the baseline and recent trend; fewer, deeper key results help."
    options = (
        Option("low", float, calibration.HARD_MEAN, "Average final score under which targets count as too hard.", 0),
        Option("cycles", int, calibration.CALIBRATION_CYCLES, "Consecutive closed cycles needed.", 1),
    )
    too_safe = False


RULES: tuple[type[Rule], ...] = (OKR407, OKR408)

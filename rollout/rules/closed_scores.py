"""Closed-cycle rules (OKR411, group cadence): a review file that no longer matches its check-ins.

After ``rollout close`` the figures of a closed cycle are computed from the check-ins
on or before its cut date (:func:`rollout.metrics.figures.final_score`); the
``score:`` written in ``reviews/<cycle>/<unit>.yaml`` is that score rounded for
people (:func:`rollout.metrics.rounding.written`). A check-in edited, added or deleted
by hand after the close changes the figures but not the file: this rule names the
file and line where the two now disagree, so nobody reads two final scores.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from rollout.metrics.figures import checkins_used, kr_score, scoring_window
from rollout.metrics.rounding import written
from rollout.rules.base import Context, Hit, Rule, example_values

if TYPE_CHECKING:
    from rollout.workspace import Workspace


class OKR411(Rule):
    """Final score of {kr} is {written} in the review of {cycle}, but its check-ins now give {now}.

    `rollout close` writes each key result's final score, computed from its
    check-ins up to the close, into the review file; from then on every figure
    recomputes it from the same check-ins. When a check-in of a closed cycle is
    changed by hand, the site, the packs and `rollout status` follow the
    check-ins while the review file (and its git history) keeps the old score.
    An `override:` is not compared: it replaces the score on purpose.

    **Bad**

    The 2026-Q4 review says `score: 0.4` for `sales-grow-kr1`; later its last
    check-in was corrected from 40 to 55 (0 → 100), so the figures now say 0.55.

    **Good**

    Correct a closed cycle's value with an `override:` and a `reason:` in the
    review file, or, if the check-in was wrong, update the review's `score:` too.
    """

    code = "OKR411"
    example = example_values(kr="sales-grow-kr1", written="0.4", cycle="2026-Q4", now="0.55")
    name = "closed-score-changed"
    group = "cadence"
    reads = frozenset({"checkins", "reviews"})
    severity = "warning"
    hint = (
        "If the check-in was wrong, set the review's score to the new value; to keep the closed score, "
        "restore the check-in or add an override with a reason."
    )

    def check_workspace(self, ws: Workspace, ctx: Context) -> Iterator[Hit]:
        for (cycle_id, _unit), review in sorted(ws.reviews.items()):
            cycle = ws.cycles.get(cycle_id)
            if cycle is None or cycle.status != "closed":
                continue
            start, last = scoring_window(cycle, ws.today)
            for entry in review.scores:
                kr = ws.key_results.get(entry.kr)
                if kr is None or entry.override is not None:
                    continue
                used = checkins_used(ws.checkins.get(entry.kr, ()), start, last)
                now = kr_score(kr, used[-1].value) if used else None
                if now is None or written(now) == entry.score:
                    continue  # no check-in: the written score is the figure (figures.final_score)
                yield Hit(
                    entry,
                    ("score",),
                    {"kr": entry.kr, "written": f"{entry.score:g}", "cycle": cycle_id, "now": f"{written(now):g}"},
                    objective=ws.objective_of(entry.kr) if entry.kr in ws.kr_objective else None,
                    kr=kr,
                )


RULES: tuple[type[Rule], ...] = (OKR411,)

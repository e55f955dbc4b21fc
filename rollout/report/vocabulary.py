"""The one vocabulary of the reports: the words for statuses, bands and decisions, and the
label of every figure shown in the site and the packs.

A figure's label is data (:data:`FIGURES`): the templates print ``FIGURES[key].label``
and mark the value with ``data-figure="<key>"`` and ``data-scope="<cycle or phase id>"``,
so the same heading means the same number in both media, and a test
(``tests/report/test_one_vocabulary.py``) reads every marked value of the demo's site
and packs and checks that each (scope, figure) shows one value. Two figures that
differ have two keys and two labels (e.g. ``leadership-checkins`` and
``leadership-reviews``; the department's own score and the department with its teams).
Where a figure is computed is named in ``source``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from rollout.rules.base import SEVERITY_WORDS

STATUS_WORDS = {"on_track": "On track", "at_risk": "At risk", "off_track": "Off track", None: "No data"}
BAND_WORDS = {"strong": "Strong", "moderate": "Moderate", "weak": "Weak", None: "Not scored"}
# In a closed cycle the status follows the band of the final score
# (rollout.metrics.figures.status, rule 1), so the site, the packs and the terminal say the band:
# "Moderate", never "At risk" for a cycle that is over.
FINAL_WORDS = {
    "on_track": BAND_WORDS["strong"],
    "at_risk": BAND_WORDS["moderate"],
    "off_track": BAND_WORDS["weak"],
    None: BAND_WORDS[None],
}
DECISION_WORDS = {
    "completed": "Completed",
    "carried_over": "Carried over",
    "refined": "Refined",
    "dropped": "Dropped",
}
DECISIONS_HEADING = "Decisions on objectives"
"""The heading of every objective's decision at close: the cycle page, the cycle pack and
``rollout close``'s summary, each followed by :func:`decision_tally` over all of them."""


def decision_tally(decisions: Mapping[str, int] | Iterable[str]) -> str:
    """Decisions counted by kind in :data:`DECISION_WORDS` order, none left out: ``1 completed ·
    5 carried over``. ``decisions``: decision key → objectives, or one key per objective;
    kinds with none are not named."""
    counts = decisions if isinstance(decisions, Mapping) else Counter(decisions)
    return " · ".join(f"{counts[k]} {w.lower()}" for k, w in DECISION_WORDS.items() if counts.get(k))


STRATEGY_WORDS = {
    "leadership-first": "Leadership first",
    "department-by-department": "Department by department",
    "team-by-team": "Team by team",
    "broad": "Broad launch",
}
KR_KIND_WORDS = {"health_metric": "Health metric", "level_to_hold": "Level to hold: met or not met"}
"""Tags of a key result scored met or not met (figures.md, "Key result score"): the site's unit
pages and the packs' key result tables (fe25 N6: the packs had neither)."""


STATUS_RULE = (
    "Status weighs a score against the progress expected by now (the tick on its bar) and the "
    "owner's latest confidence, so two key results at the same score can differ; after the "
    "cycle's last day it follows the score's band alone."
)
"""How a running cycle's status is worked out, in one sentence beside the status words of a pack
(rollout.metrics.bands.status; fe27 F1: 0.6 on track beside 0.6 at risk, with no word why)."""


READING_WORDS = {"gap": "Gap", "disagreement": "Respondents disagree"}
"""Tags of a questionnaire dimension (readiness, retrospective): below its questionnaire's gap band,
and respondents' scores far apart. The site's table and "Gaps to close", and the phase pack's
tables, say these (fe24 F7, fe25 N4: "Weak", "a gap", "leaders disagree" for the same two)."""


def reading_tags(gap: bool, disagreement: bool) -> list[str]:
    """The :data:`READING_WORDS` of a dimension, gap first: ``["Gap", "Respondents disagree"]``."""
    return [READING_WORDS[key] for key, on in (("gap", gap), ("disagreement", disagreement)) if on]


RECOMMENDATION_WORDS = {"expand": "Expand", "extend_pilot": "Extend the pilot", "stop_and_fix": "Stop and fix"}
VERDICT_WORDS = {
    "too_safe": "Targets too safe",
    "too_hard": "Targets too hard",
    "ok": "Well calibrated",
    "insufficient": "Not enough closed cycles",
}


@dataclass(frozen=True)
class FigureLabel:
    """A figure's heading, what it means (one sentence), and where it is computed."""

    label: str
    meaning: str
    source: str


FIGURES: dict[str, FigureLabel] = {
    "company-score": FigureLabel(
        "Company score",
        "mean score of the company's own objectives, 0.0–1.0",
        "UnitCycleState.score of the company (rollout.metrics.analysis)",
    ),
    "key-results-strong": FigureLabel(
        "Key results strong",
        "share of all key results at the strong threshold (0.7) or above",
        "Completion.strong_share (rollout.metrics.figures.completion)",
    ),
    "mean-score": FigureLabel(
        "Mean key result score",
        "mean score of all key results, unmeasured ones counted 0.0, 0.0–1.0",
        "Completion.mean_score (rollout.metrics.figures.completion)",
    ),
    "key-results-measured": FigureLabel(
        "Key results measured",
        "key results with a check-in that counts, of all key results",
        "Completion.scored and Completion.key_results (rollout.metrics.figures.completion)",
    ),
    "alignment-coverage": FigureLabel(
        "Alignment coverage",
        "share of the objectives below company level whose parent chain reaches a company objective",
        "Alignment.coverage (rollout.metrics.analysis)",
    ),
    "checkin-discipline": FigureLabel(
        "Check-in discipline",
        "check-in weeks done of those expected so far",
        "Discipline.rate (rollout.metrics.checkins)",
    ),
    "leadership-checkins": FigureLabel(
        "Leadership check-ins",
        "check-in discipline of the company's and the departments' own key results",
        "Leadership.checkins (rollout.metrics.analysis)",
    ),
    "leadership-reviews": FigureLabel(
        "Leadership reviews",
        "the company's monthly reviews held, of those due so far",
        "Leadership.reviews_done and reviews_expected (rollout.metrics.analysis)",
    ),
    "quality-findings": FigureLabel(
        "Quality findings",
        "findings of the quality rules on the cycle's OKRs",
        "rollout.rules.check_workspace",
    ),
    "department-score": FigureLabel(
        "Score",
        "mean score of the department's own objectives (its teams not included)",
        "UnitCycleState.score (rollout.metrics.analysis)",
    ),
    "department-strong": FigureLabel(
        "Key results strong, with teams",
        "share of all key results of the department and its teams at 0.7 or above",
        "rollout.metrics.rollups.department_rollup",
    ),
    "department-checkins": FigureLabel(
        "Check-ins, with teams",
        "check-in weeks done of those expected, the department and its teams together",
        "rollout.metrics.rollups.department_rollup",
    ),
    "score-band": FigureLabel(
        "Key result scores",
        "measured key results per score band and the key results not measured yet, as shares of all key results",
        "CycleState.distribution (rollout.metrics.analysis)",
    ),
    "gate": FigureLabel(
        "Expansion gate",
        "the recommendation of the phase gate",
        "PhaseState.recommendation (rollout.metrics.analysis)",
    ),
    "phase-mean-score": FigureLabel(
        "Mean key result score",
        "mean score of the phase's units' key results across its cycles",
        "PhaseState.completion.mean_score (rollout.metrics.analysis)",
    ),
    "retrospective-answers": FigureLabel(
        "Retrospective answers",
        "completed answers to the retrospective questionnaires (pilot and cycle) that belong to the phase",
        "PhaseState.retrospectives (rollout.metrics.analysis); by questionnaire: rollout.metrics.rollups",
    ),
    "readiness-next": FigureLabel(
        "Readiness of the next units",
        "readiness level of the respondents from the next phase's units (band of their mean answers)",
        "rollout.questionnaire.report.readiness_report(units=...)",
    ),
}


def label(key: str) -> str:
    """The heading of figure ``key`` (KeyError for a figure not in the vocabulary)."""
    return FIGURES[key].label


def severity_word(severity: str) -> str:
    """The word people read for a finding's severity: ``info`` is shown as "note".

    One vocabulary with ``rollout check``, ``rollout rules`` and SARIF
    (:data:`rollout.rules.base.SEVERITY_WORDS`); JSON keeps the stored value.
    Raises KeyError for a severity the rules do not have.
    """
    return SEVERITY_WORDS[severity]

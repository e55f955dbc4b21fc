"""The view records of the rollout plan: a phase's page (:class:`PhaseView`) and the
questionnaire reports it shows (:class:`ReadinessView`, readiness or a retrospective, with its
dimensions, gaps and comments). Plain dataclasses, display-ready; re-exported by
:mod:`rollout.report.viewrecords` and :mod:`rollout.report.viewmodel`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rollout.report.viewurls import phase_url

if TYPE_CHECKING:
    from rollout.metrics.analysis import PhaseState
    from rollout.metrics.rollups import PhaseCycleResult


@dataclass(slots=True)
class DimensionView:
    id: str
    title: str
    mean: float | None
    spread: float | None  # highest minus lowest respondent score
    respondents: int
    level: str | None  # the band's label, e.g. "Partly aligned"
    recommendation: str
    disagreement: bool
    gap: bool  # a weak dimension


@dataclass(slots=True)
class GapView:
    title: str
    kind: str  # low | disagreement
    message: str
    recommendation: str


@dataclass(slots=True)
class CommentView:
    question: str
    text: str
    name: str


@dataclass(slots=True)
class ReadinessView:
    """A questionnaire report (readiness, or a retrospective) as display data; scores are 1–5."""

    questionnaire: str
    title: str
    respondents: int
    level: str | None
    recommendation: str
    score: float | None
    scale_max: float
    dimensions: list[DimensionView]
    gaps: list[GapView]
    strategy: str | None
    strategy_description: str
    strategy_reasons: list[str]  # the deciding reason first
    pilot_units: list[tuple[str, str]]  # (unit id, reason)
    comments: list[CommentView]
    # One decision (rollout.questionnaire.scoring.recommend): what decided the strategy, in one
    # sentence, and what to do now; ``recommendation`` above is the level's sentence
    # (rollout.questionnaire.report.level_advice), which never contradicts it.
    strategy_decided: str = ""
    strategy_advice: str = ""
    level_name: str = "Result"  # what the questionnaire calls its overall band ("Readiness", "Verdict")


@dataclass(slots=True)
class PhaseView:
    id: str
    name: str
    strategy: str
    units: list[str]
    cycles: list[str]
    entry_criteria: list[str]
    exit_criteria: list[str]
    state: PhaseState
    results: list[tuple[str, float | None, float | None]]  # (cycle, mean score, discipline rate)
    readiness: ReadinessView | None
    retrospective: ReadinessView | None
    cycle_results: list[PhaseCycleResult] = field(default_factory=list)  # the phase's figures per cycle
    retrospective_counts: list[tuple[str, int]] = field(default_factory=list)  # (questionnaire title, answers)

    @property
    def url(self) -> str:
        return phase_url(self.id)

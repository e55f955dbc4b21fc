"""How answers turn into a result: bands, dimensions, gates, strategies and the ``result`` block.

Split out of :mod:`rollout.questionnaire.model` (422 lines) along its seam: the scoring
configuration of a questionnaire, apart from its questions. :mod:`rollout.questionnaire.model`
re-exports every public name here.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from rollout.questionnaire.model_base import SCALE_MAX, SCALE_MIN, Label, LongText, QModel, Score, StrategyId
from rollout.workspace.models import Slug


class Band(QModel):
    """Scores at or above ``min`` (up to the next band) fall in this band."""

    min: Annotated[float, Field(ge=0, le=SCALE_MAX)]
    level: Slug
    label: Label
    recommendation: LongText
    gap: bool = Field(False, description="A dimension in this band is a gap to close.")
    strategy: StrategyId | None = Field(None, description="Overall bands: the rollout strategy it recommends.")


def _check_bands(bands: list[Band], what: str) -> None:
    if not bands:
        return
    mins = [b.min for b in bands]
    if mins != sorted(mins) or len(set(mins)) != len(mins):
        raise ValueError(f"{what}: bands must be listed from the lowest `min` up, each `min` different")
    if mins[0] > SCALE_MIN:
        raise ValueError(f"{what}: the first band must start at {SCALE_MIN:g} or lower so every score has a band")
    levels = [b.level for b in bands]
    if len(set(levels)) != len(levels):
        raise ValueError(f"{what}: two bands share a level")


def band_of(bands: list[Band], score: float) -> Band | None:
    """The band a score falls in (the last band whose ``min`` it reaches).

    The score is judged as shown, half up to two decimals (3.296 reads 3.30 and is in a
    band from 3.3), the rule of :func:`rollout.questionnaire.scoring.judged`.
    """
    from rollout.metrics.rounding import shown

    score = shown(score, 2)
    found = None
    for band in bands:
        if score >= band.min - 1e-9:
            found = band
    return found


class Dimension(QModel):
    id: Slug
    title: Label
    description: LongText | None = None
    weight: float = Field(1.0, gt=0, le=100)
    bands: list[Band] | None = None

    @model_validator(mode="after")
    def _bands(self) -> Dimension:
        _check_bands(self.bands or [], "bands")
        return self


class Gate(QModel):
    """A dimension below ``below`` caps the recommended strategy at ``strategy``."""

    dimension: str
    below: Score
    strategy: StrategyId
    reason: LongText


class Strategy(QModel):
    id: StrategyId
    title: Label
    description: LongText
    pilot: Literal["none", "leadership", "departments", "all"] = "none"


STRATEGY_ORDER: tuple[str, ...] = ("not-yet", "leadership-first", "department-by-department", "broad")


class Result(QModel):
    """How answers turn into a result: bands, gates, strategies, disagreement."""

    dimension_bands: list[Band] = Field(default_factory=list, description="Bands of dimensions without their own.")
    overall_bands: list[Band] = Field(default_factory=list)
    gates: list[Gate] = Field(default_factory=list)
    strategies: list[Strategy] = Field(default_factory=list)
    pilot_question: str | None = Field(None, description="A question whose answers name candidate pilot units.")
    pilot_count: int = Field(2, ge=1, le=20)
    disagreement_spread: float = Field(
        2.0, gt=0, le=4, description="Respondents whose scores on a dimension differ by this much disagree."
    )
    disagreement_strategy: StrategyId | None = Field(
        None, description="While respondents disagree on a dimension, recommend at most this strategy."
    )
    disagreement_advice: LongText = (
        "Bring the leaders together to compare what they see before the pilot: "
        "a rollout needs one shared picture of where the organization stands."
    )
    max_gaps: int = Field(3, ge=1, le=20, description="How many gaps to name first.")
    level_name: Annotated[str, Field(min_length=1, max_length=40)] = Field(
        "Result", description="What the overall band is called in reports, e.g. 'Readiness'."
    )

    @model_validator(mode="after")
    def _bands(self) -> Result:
        _check_bands(self.dimension_bands, "dimension_bands")
        _check_bands(self.overall_bands, "overall_bands")
        ids = [s.id for s in self.strategies]
        if len(set(ids)) != len(ids):
            raise ValueError("strategies: an id is listed twice")
        return self

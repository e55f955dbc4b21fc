"""The building blocks of the questionnaire model: the 1–5 scale, the field types and the strict base model.

Split out of :mod:`rollout.questionnaire.model` (422 lines) along its seam, so that
:mod:`rollout.questionnaire.model_result` can share them without importing the model back.
:mod:`rollout.questionnaire.model` re-exports every name here.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

SCALE_MIN = 1.0
SCALE_MAX = 5.0
Kind = Literal["likert", "yes_no", "single", "multiple", "number", "text"]
SCORED_KINDS = ("likert", "yes_no", "single", "multiple", "number")
StrategyId = Literal["not-yet", "leadership-first", "department-by-department", "broad"]
Label = Annotated[str, Field(min_length=1, max_length=300)]
LongText = Annotated[str, Field(max_length=4000)]
Score = Annotated[float, Field(ge=SCALE_MIN, le=SCALE_MAX)]
DEFAULT_ANCHORS: dict[int, str] = {
    1: "Not at all true",
    2: "Rarely true",
    3: "Partly true",
    4: "Mostly true",
    5: "Completely true",
}


class QModel(BaseModel):
    """Strict: unknown keys are errors, strings are stripped, models are immutable."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True, populate_by_name=True)

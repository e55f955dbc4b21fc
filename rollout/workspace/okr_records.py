"""OKR records: objectives, key results, check-ins, reviews, scores and assessments
(re-exported by :mod:`rollout.workspace.models`)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal, NamedTuple

from pydantic import Field, model_validator

from rollout.workspace.limits import MAX_TEXT, Day, Flag, Integer, Markdown, Note, Number, Short, Text, Title
from rollout.workspace.record import (
    CONFIDENCE_WORDS,
    Confidence,
    Decision,
    Direction,
    FieldError,
    Model,
    Record,
    Ref,
    Slug,
)


class Suppression(Model):
    """A quality finding kept on purpose; the reason is required."""

    rule: str = Field(pattern=r"^[A-Z]{1,4}[0-9]{2,4}$", description="The rule code, e.g. OKR201.")
    reason: Text = Field(description="Why the finding is kept.")


class KeyResult(Record):
    """A measurable outcome of an objective: baseline → target, scored 0.0–1.0."""

    id: Slug = Field(description="Stable id, unique in the workspace, e.g. 'cs-answer-faster-kr1'.")
    title: Title = Field(description="The outcome with its number, e.g. 'Cut first response time from 9 to 4 hours'.")
    metric: Short | None = Field(None, description="What is measured, e.g. 'First response time'.")
    direction: Direction | None = Field(
        None,
        description="increase (higher is better), decrease (lower is better) or milestone (0 = not done, 1 = done).",
    )
    baseline: Number | None = Field(None, description="Where the metric stood at the start of the cycle.")
    target: Number | None = Field(None, description="Where it should be at the end of the cycle.")
    unit_of_measure: Short | None = Field(None, description="Unit of baseline, target and check-ins: %, hours, EUR…")
    owner: Ref | None = Field(None, description="Id of the person who owns the key result.")
    due: Day | None = Field(None, description="Due date (default: the cycle end).")
    weight: Number = Field(1.0, gt=0, le=100, description="Weight in the objective's score (default 1).")
    health_metric: Flag = Field(False, description="A health metric kept steady on purpose.")
    suppress: list[Suppression] = Field(default_factory=list, description="Quality findings kept on purpose.")


class Objective(Record):
    """A qualitative, directional objective of one unit in one cycle, with 3–5 key results."""

    id: Slug = Field(description="Stable id, unique in the workspace, e.g. 'cs-answer-faster'.")
    title: Title = Field(description="Where the unit wants to be, in words that inspire.")
    owner: Ref | None = Field(None, description="Id of the person who owns the objective.")
    parent: Ref | None = Field(None, description="Id of the higher objective it supports (cascading).")
    alignment: Literal["bottom_up", "cross_functional"] | None = Field(
        None, description="Explicit marker for an objective without a parent."
    )
    contributors: list[Ref] = Field(
        default_factory=list, description="Ids of the units that contribute to a cross-functional objective."
    )
    contributes_to: list[Ref] = Field(
        default_factory=list,
        description="Ids of further objectives it also supports (secondary alignment, besides `parent`).",
    )
    priority: Ref | None = Field(None, description="Id of the strategic priority a company objective serves.")
    description: Markdown = Field("", description="Why this matters now (Markdown).")
    carried_from: Ref | None = Field(None, description="Id of the objective of an earlier cycle it continues.")
    suppress: list[Suppression] = Field(default_factory=list, description="Quality findings kept on purpose.")
    key_results: list[KeyResult] = Field(default_factory=list, description="Its key results (3–5).")

    @property
    def cycle(self) -> str:
        """The cycle of the file it was read from (``okrs/<cycle>/<unit>.yaml``)."""
        value: str = self._private("_cycle", "")
        return value

    @property
    def unit(self) -> str:
        """The unit of the file it was read from."""
        value: str = self._private("_unit", "")
        return value

    def home(self, cycle: str, unit: str) -> None:
        self._set_private(_cycle=cycle, _unit=unit)


class CheckInEntry(Model):
    """One weekly check-in as written in ``checkins/<cycle>/<unit>.yaml`` (validates the file)."""

    kr: Ref = Field(description="Id of the key result.")
    date: Annotated[Day, Field(description="Day of the check-in.")]
    value: Number = Field(
        description="The metric's value that day, in the key result's unit of measure (finite: no nan or inf)."
    )
    confidence: Confidence | None = Field(
        None, description="Confidence of reaching the target: 0–10, or on_track / at_risk / off_track."
    )
    note: Note = Field("", description="Progress, blockers, help needed.")
    author: Ref | None = Field(None, description="Id of the person who checked in.")


class CheckIn(NamedTuple):
    """One weekly check-in, as the workspace holds it.

    A light tuple rather than a model: a large organization has hundreds of thousands
    of them, and a file that was valid before is read back from the cache without
    validating each one again. The loader knows each one's file and index.
    """

    kr: str
    date: date
    value: float
    confidence: int | str | None = None
    note: str = ""
    author: str | None = None
    position: int = -1
    """Position in its file's ``checkins:`` list (the file is its key result's home), for findings."""

    @property
    def confidence_score(self) -> int | None:
        """Confidence on the 0–10 scale (words map to 8, 5 and 2)."""
        if isinstance(self.confidence, str):
            return CONFIDENCE_WORDS[self.confidence]
        return self.confidence


class MonthlyReview(Record):
    """A monthly progress review of one unit."""

    date: Annotated[Day, Field(description="Day of the review.")]
    attendees: list[Ref] = Field(default_factory=list, description="Ids of the people who took part.")
    notes: Markdown = Field("", description="What was discussed (Markdown).")
    risks: list[Text] = Field(default_factory=list, description="Risks raised.")
    decisions: list[Text] = Field(default_factory=list, description="Decisions taken.")


class KeyResultScore(Record):
    """The end-of-cycle score of one key result (0.0–1.0)."""

    kr: Ref = Field(description="Id of the key result.")
    score: Number = Field(ge=0, le=1, description="Computed at close.")
    override: Number | None = Field(None, ge=0, le=1, description="A score set by hand instead (needs a reason).")
    reason: Annotated[str, Field(max_length=MAX_TEXT)] | None = Field(None, description="Why the score was overridden.")

    @model_validator(mode="after")
    def _reason_for_override(self) -> KeyResultScore:
        if self.override is not None and not (self.reason or "").strip():
            raise FieldError("reason", "an override needs a reason")
        return self

    @property
    def final(self) -> float:
        return self.score if self.override is None else self.override


class ObjectiveDecision(Record):
    """What happens to an objective at the end of its cycle."""

    objective: Ref = Field(description="Id of the objective.")
    decision: Decision = Field(description="completed, carried_over, refined or dropped.")
    note: Note = Field("", description="Why.")


# --- assessments ------------------------------------------------------------------


class Assessment(Record):
    """One person's answers to one questionnaire."""

    questionnaire: Slug = Field(description="Id of the questionnaire, e.g. readiness.")
    version: Integer = Field(ge=1, description="Version of the questionnaire that was answered.")
    respondent: Ref = Field(description="Id of the person who answered.")
    role: Short | None = Field(None, description="Their role, e.g. 'department head'.")
    unit: Ref | None = Field(None, description="Id of the unit they answered for.")
    date: Annotated[Day, Field(description="Day of the answers.")]
    complete: Flag = Field(True, description="False while the questionnaire is only partly answered.")
    answers: dict[str, Any] = Field(default_factory=dict, description="Answers by question id.")

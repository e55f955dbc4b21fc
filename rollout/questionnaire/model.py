"""The format of a questionnaire file (``questionnaires/<id>.yaml``), as pydantic models.

A questionnaire is data, in the spirit of copier's ``copier.yml``: questions with
a kind, help text, a default and a ``when`` condition on earlier answers. On top
of copier it knows about scoring: a scored question names the *dimension* it
measures and its *weight*; every answer becomes a score on a 1–5 scale; each
dimension and the overall score fall into a *band* that carries a level, a label
and a recommendation.

Question kinds and how they score (all scores are on the 1–5 scale):

=========  ======================================  ===================================
kind       answer                                  score
=========  ======================================  ===================================
likert     integer 1–5, labelled anchors           the answer itself
yes_no     true / false                            ``score_yes`` / ``score_no`` (5 / 1)
single     one option value                        the option's ``score``
multiple   a list of option values                 1 + 4 × min(1, points ÷ full marks)
number     a number within ``min``–``max``         the first matching ``score_ranges``
text       free text                               never scored
=========  ======================================  ===================================

Conditions (``when``) are data, never code: ``{question: q, equals: v}``,
``not_equals``, ``in: [..]``, ``contains`` (a multiple-choice answer holds a value),
``at_least`` / ``at_most`` (numbers and Likert), and ``all`` / ``any`` / ``not``
to combine them.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, model_validator

from rollout.questionnaire.model_base import (
    DEFAULT_ANCHORS,
    SCALE_MAX,
    SCALE_MIN,
    SCORED_KINDS,
    Kind,
    Label,
    LongText,
    QModel,
    Score,
    StrategyId,
)
from rollout.questionnaire.model_result import (
    STRATEGY_ORDER,
    Band,
    Dimension,
    Gate,
    Result,
    Strategy,
    band_of,
)
from rollout.workspace.models import Slug

__all__ = [
    "DEFAULT_ANCHORS",
    "SCALE_MAX",
    "SCALE_MIN",
    "SCORED_KINDS",
    "STRATEGY_ORDER",
    "Band",
    "Condition",
    "Dimension",
    "Gate",
    "Kind",
    "Label",
    "LongText",
    "Option",
    "QModel",
    "Question",
    "Questionnaire",
    "Result",
    "Score",
    "ScoreRange",
    "Section",
    "Strategy",
    "StrategyId",
    "band_of",
]


class Condition(QModel):
    """``when``: a test on one earlier answer, or a combination of conditions."""

    question: str | None = None
    equals: Any = None
    not_equals: Any = None
    in_: list[Any] | None = Field(None, alias="in")
    contains: str | None = None
    at_least: float | None = None
    at_most: float | None = None
    all: list[Condition] | None = None
    any: list[Condition] | None = None
    not_: Condition | None = Field(None, alias="not")

    @model_validator(mode="after")
    def _one_test(self) -> Condition:
        operators = [n for n in self.operators() if n in self.model_fields_set]
        combinators = [n for n in ("all", "any", "not_") if n in self.model_fields_set]
        if self.question is not None:
            if combinators:
                raise ValueError("a condition either tests `question` or combines with all/any/not, not both")
            if len(operators) != 1:
                raise ValueError(
                    "a condition on `question` needs exactly one test: equals, not_equals, in, contains, "
                    "at_least or at_most"
                )
        else:
            if operators:
                raise ValueError(f"`{operators[0].rstrip('_')}` needs `question`")
            if len(combinators) != 1:
                raise ValueError("a condition needs `question` with a test, or exactly one of all/any/not")
            items = self.all if self.all is not None else self.any
            if items is not None and not items:
                raise ValueError("all/any needs at least one condition")
        return self

    @staticmethod
    def operators() -> tuple[str, ...]:
        return ("equals", "not_equals", "in_", "contains", "at_least", "at_most")

    def operator(self) -> tuple[str, Any]:
        """The test of a question condition: ``(name, operand)``."""
        for name in self.operators():
            if name in self.model_fields_set:
                return name.rstrip("_"), getattr(self, name)
        raise ValueError("not a question condition")

    def questions(self) -> list[str]:
        """Every question this condition reads."""
        if self.question is not None:
            return [self.question]
        out: list[str] = []
        for child in (self.all or []) + (self.any or []) + ([self.not_] if self.not_ else []):
            out += child.questions()
        return out


class Option(QModel):
    """One choice of a single or multiple choice question."""

    value: Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")]
    label: Label
    score: float | None = Field(None, ge=0, description="single: 1–5; multiple: points toward full marks")
    help: LongText | None = None


class ScoreRange(QModel):
    """For number questions: answers in ``min``–``max`` (inclusive, either open) score ``score``."""

    min: float | None = None
    max: float | None = None
    score: Score

    def holds(self, value: float) -> bool:
        return (self.min is None or value >= self.min) and (self.max is None or value <= self.max)


class Question(QModel):
    id: Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[a-z0-9][a-z0-9_-]*$")]
    kind: Kind
    text: Label
    help: LongText | None = None
    required: bool = True
    default: Any = None
    when: Condition | None = None
    dimension: str | None = None
    weight: float = Field(1.0, gt=0, le=100)
    # likert
    anchors: dict[int, Label] | None = None
    # single / multiple
    options: list[Option] | None = None
    options_from: Literal["departments", "units", "cycles", "phases"] | None = None
    full_marks: float | None = Field(None, gt=0)
    # yes_no
    score_yes: Score = 5.0
    score_no: Score = 1.0
    # number
    min: float | None = None
    max: float | None = None
    integer: bool = False
    unit: str | None = None
    score_ranges: list[ScoreRange] | None = None
    # text
    multiline: bool = False
    max_length: int = Field(2000, ge=1, le=20000)

    @model_validator(mode="after")
    def _combinations(self) -> Question:
        kind = self.kind
        set_ = self.model_fields_set

        def only(fields: tuple[str, ...], kinds: tuple[str, ...]) -> None:
            for name in fields:
                if name in set_ and kind not in kinds:
                    raise ValueError(f"`{name}` applies to {' and '.join(kinds)} questions, not to {kind}")

        only(("anchors",), ("likert",))
        only(("options", "options_from"), ("single", "multiple"))
        only(("full_marks",), ("multiple",))
        only(("score_yes", "score_no"), ("yes_no",))
        only(("min", "max", "integer", "unit", "score_ranges"), ("number",))
        only(("multiline", "max_length"), ("text",))
        if kind in ("single", "multiple"):
            if (self.options is None) == (self.options_from is None):
                raise ValueError(f"a {kind} question needs either `options` or `options_from`")
            if self.options is not None:
                if len(self.options) < 2:
                    raise ValueError(f"a {kind} question needs at least two options")
                values = [o.value for o in self.options]
                dupes = sorted({v for v in values if values.count(v) > 1})
                if dupes:
                    raise ValueError(f"duplicate option value {dupes[0]!r}")
        if self.anchors is not None:
            bad = sorted(k for k in self.anchors if not 1 <= k <= 5)
            if bad:
                raise ValueError(f"anchor {bad[0]} is outside the 1–5 scale")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError("`min` is greater than `max`")
        if self.dimension is not None:
            self._check_scoring()
        elif "weight" in set_:
            raise ValueError("`weight` needs a `dimension` to weigh in")
        if self.default is not None and self.options_from is not None:
            raise ValueError("a question with options from the workspace cannot have a `default`")
        if self.default is not None:
            from rollout.questionnaire.answers import AnswerProblem, coerce

            try:
                coerce(self, self.default)
            except AnswerProblem as exc:
                raise ValueError(f"default does not fit the question: {exc.message}") from None
        return self

    def _check_scoring(self) -> None:
        kind = self.kind
        if kind == "text":
            raise ValueError("a text question cannot score a dimension; remove `dimension`")
        if kind == "single" and self.options is not None:
            missing = [o.value for o in self.options if o.score is None]
            if missing:
                raise ValueError(
                    f"a scored single-choice question needs a `score` (1–5) on every option: {missing[0]!r}"
                )
            out_of_scale = [o.value for o in self.options if o.score is not None and not 1 <= o.score <= 5]
            if out_of_scale:
                raise ValueError(f"option {out_of_scale[0]!r}: a single-choice score must be within 1–5")
        if kind == "single" and self.options_from is not None:
            raise ValueError("options taken from the workspace carry no scores; remove `dimension`")
        if kind == "multiple" and (self.options is None or not any((o.score or 0) > 0 for o in self.options)):
            raise ValueError("a scored multiple-choice question needs `score` points on its options")
        if kind == "number" and not self.score_ranges:
            raise ValueError("a scored number question needs `score_ranges`")

    # --- helpers ------------------------------------------------------------------

    def anchor_labels(self, defaults: dict[int, str]) -> dict[int, str]:
        return {**defaults, **(self.anchors or {})}

    def option(self, value: str) -> Option | None:
        return next((o for o in self.options or [] if o.value == value), None)

    @property
    def scored(self) -> bool:
        return self.dimension is not None


class Section(QModel):
    id: Slug
    title: Label
    intro: LongText | None = None
    questions: list[Question] = Field(min_length=1)


class Questionnaire(QModel):
    id: Slug
    version: int = Field(ge=1)
    title: Label
    intro: LongText | None = None
    audience: LongText | None = Field(None, description="Who answers it, shown in the list.")
    anchors: dict[int, Label] = Field(default_factory=lambda: dict(DEFAULT_ANCHORS))
    sections: list[Section] | None = None
    questions: list[Question] | None = None
    dimensions: list[Dimension] = Field(default_factory=list)
    result: Result = Field(default_factory=Result)

    @model_validator(mode="after")
    def _shape(self) -> Questionnaire:
        if (self.sections is None) == (self.questions is None):
            raise ValueError("give either `sections` (each with questions) or `questions`, not both")
        if self.questions is not None and not self.questions:
            raise ValueError("`questions` is empty")
        if self.sections is not None and not self.sections:
            raise ValueError("`sections` is empty")
        bad = sorted(k for k in self.anchors if not 1 <= k <= 5)
        if bad:
            raise ValueError(f"anchor {bad[0]} is outside the 1–5 scale")
        return self

    # --- navigation ---------------------------------------------------------------

    def all_sections(self) -> list[Section]:
        if self.sections is not None:
            return list(self.sections)
        return [
            Section.model_construct(id="questions", title=self.title, intro=None, questions=list(self.questions or []))
        ]

    def all_questions(self) -> list[Question]:
        return [q for s in self.all_sections() for q in s.questions]

    def question(self, qid: str) -> Question | None:
        return next((q for q in self.all_questions() if q.id == qid), None)

    def question_path(self, qid: str) -> tuple[str | int, ...]:
        """Where a question stands in the file (for error positions)."""
        if self.sections is not None:
            for i, section in enumerate(self.sections):
                for j, q in enumerate(section.questions):
                    if q.id == qid:
                        return ("sections", i, "questions", j)
        for j, q in enumerate(self.questions or []):
            if q.id == qid:
                return ("questions", j)
        return ()

    def dimension(self, did: str) -> Dimension | None:
        return next((d for d in self.dimensions if d.id == did), None)

    def bands_for(self, dimension: Dimension) -> list[Band]:
        return list(dimension.bands or self.result.dimension_bands)

    def strategy(self, sid: str) -> Strategy | None:
        return next((s for s in self.result.strategies if s.id == sid), None)

    @property
    def scored(self) -> bool:
        return bool(self.dimensions)

"""From answers to scores, bands, gaps and a recommended strategy.

Every scored answer becomes a score on the 1–5 scale (see :mod:`.model` for each
kind). A dimension's score is the weighted mean of its answered questions'
scores (questions skipped by their ``when`` condition do not count); the overall
score is the weighted mean of the dimension scores (dimension ``weight``). Each
falls into a band. Dimensions in a band marked ``gap`` are the gaps, lowest
first. The strategy is the overall band's, capped by every gate whose dimension
scores below its threshold.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rollout.questionnaire.answers import applies
from rollout.questionnaire.model import (
    SCALE_MAX,
    SCALE_MIN,
    STRATEGY_ORDER,
    Band,
    Question,
    Questionnaire,
    Strategy,
    band_of,
)


def question_score(question: Question, value: Any) -> float | None:
    """The 1–5 score of one answer, or None for an unscored question or no answer."""
    if question.dimension is None or value is None:
        return None
    kind = question.kind
    if kind == "likert":
        return float(value)
    if kind == "yes_no":
        return question.score_yes if value else question.score_no
    if kind == "single":
        option = question.option(value)
        return option.score if option is not None else None
    if kind == "multiple":
        options = question.options or []
        full = question.full_marks or sum(o.score or 0 for o in options)
        points = sum((o.score or 0) for o in options if o.value in value)
        return SCALE_MIN + (SCALE_MAX - SCALE_MIN) * min(1.0, points / full)
    if kind == "number":
        for score_range in question.score_ranges or []:
            if score_range.holds(float(value)):
                return score_range.score
        return None
    return None


def weighted_mean(pairs: list[tuple[float, float]]) -> float | None:
    total = sum(w for _v, w in pairs)
    return sum(v * w for v, w in pairs) / total if total else None


def dimension_scores(questionnaire: Questionnaire, answers: dict[str, Any]) -> dict[str, float | None]:
    """Each dimension's score (None when none of its questions was answered)."""
    pairs: dict[str, list[tuple[float, float]]] = {d.id: [] for d in questionnaire.dimensions}
    asked: dict[str, Any] = {}
    for question in questionnaire.all_questions():
        if not applies(question, asked):
            continue
        value = answers.get(question.id)
        if value is None:
            continue
        asked[question.id] = value
        score = question_score(question, value)
        if score is not None and question.dimension in pairs:
            pairs[question.dimension].append((score, question.weight))
    return {did: weighted_mean(p) for did, p in pairs.items()}


@dataclass(frozen=True)
class DimensionResult:
    id: str
    title: str
    score: float | None
    band: Band | None

    @property
    def is_gap(self) -> bool:
        return self.band is not None and self.band.gap


@dataclass(frozen=True)
class Recommendation:
    strategy: Strategy
    reasons: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Outcome:
    """The result of one set of dimension scores (one respondent, or the means of several)."""

    dimensions: list[DimensionResult]
    overall: float | None
    band: Band | None
    gaps: list[DimensionResult]
    recommendation: Recommendation | None


def outcome(
    questionnaire: Questionnaire, scores: dict[str, float | None], *, extra_cap: tuple[str, str] | None = None
) -> Outcome:
    """Bands, gaps and strategy for dimension scores. ``extra_cap`` = (strategy, reason) caps the strategy too."""
    results: list[DimensionResult] = []
    pairs: list[tuple[float, float]] = []
    for dim in questionnaire.dimensions:
        score = scores.get(dim.id)
        band = band_of(questionnaire.bands_for(dim), score) if score is not None else None
        results.append(DimensionResult(dim.id, dim.title, score, band))
        if score is not None:
            pairs.append((score, dim.weight))
    overall = weighted_mean(pairs)
    band = band_of(questionnaire.result.overall_bands, overall) if overall is not None else None
    gaps = sorted((r for r in results if r.is_gap), key=lambda r: (r.score or 0.0, r.id))
    gaps = gaps[: questionnaire.result.max_gaps]
    return Outcome(results, overall, band, gaps, _recommend(questionnaire, scores, band, extra_cap))


def _recommend(
    questionnaire: Questionnaire,
    scores: dict[str, float | None],
    band: Band | None,
    extra_cap: tuple[str, str] | None,
) -> Recommendation | None:
    if band is None or band.strategy is None:
        return None
    chosen: str = band.strategy
    reasons = [f"overall readiness is '{band.label}'"]
    caps: list[tuple[str, str]] = []
    for gate in questionnaire.result.gates:
        score = scores.get(gate.dimension)
        if score is not None and score < gate.below:
            caps.append((gate.strategy, gate.reason))
    if extra_cap is not None:
        caps.append(extra_cap)
    for strategy, reason in caps:
        if STRATEGY_ORDER.index(strategy) < STRATEGY_ORDER.index(chosen):
            chosen = strategy
        if STRATEGY_ORDER.index(strategy) < STRATEGY_ORDER.index(band.strategy):
            reasons.append(reason)
    found = questionnaire.strategy(chosen)
    if found is None:
        return None
    return Recommendation(found, reasons)


def score_answers(questionnaire: Questionnaire, answers: dict[str, Any]) -> Outcome:
    """The outcome of one respondent's answers."""
    return outcome(questionnaire, dimension_scores(questionnaire, answers))

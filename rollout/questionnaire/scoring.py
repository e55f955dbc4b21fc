"""From answers to scores, bands, gaps and a recommended strategy.

Every scored answer becomes a score on the 1–5 scale (see :mod:`.model` for each
kind). A dimension's score is the weighted mean of its answered questions'
scores (questions skipped by their ``when`` condition do not count); the overall
score is the weighted mean of the dimension scores (dimension ``weight``). Each
falls into a band. Dimensions in a band marked ``gap`` are the gaps, lowest
first. The recommended strategy is one decision with one reason,
:func:`recommend` (formula and tie rule there).

Scores are judged as they are shown: to :data:`READINESS_PLACES` (two) decimals,
half up (:func:`rollout.metrics.rounding.shown`), so a band or a gate beside a
number is always true of the number read ("2.92 of 5, below 3.00").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rollout.metrics.rounding import EPS, shown
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

READINESS_PLACES = 2
"""Decimals of a questionnaire score as shown (site, packs, terminal) and as judged by
bands and gates: ``2.92`` (:func:`judged`)."""


def judged(score: float) -> float:
    """A 1–5 score as it is shown and judged: half up to :data:`READINESS_PLACES` decimals."""
    return shown(score, READINESS_PLACES)


def score_text(score: float | None) -> str:
    """A 1–5 score (or a spread between two) as every report writes it, the site's ``readiness``
    filter, the packs' and the terminal's: :func:`judged`, always with :data:`READINESS_PLACES`
    decimals (``2.92``, ``2.50``, ``3.00``), so a column of them lines up; ``–`` when unknown."""
    if score is None:
        from rollout.report.formats import DASH

        return DASH
    return f"{judged(score):.{READINESS_PLACES}f}"


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
    """The recommended strategy, one decision (:func:`recommend`).

    ``reasons``: the reason phrases, the deciding one first, then any other gate that
    also holds below the level's strategy. ``decided_by``: the figure that decided,
    as shown ("leadership alignment on a few priorities 2.92 of 5, below 3.00";
    "overall readiness 3.31 of 5, 'Ready with gaps'"). ``advice``: what to do now,
    the advice of the overall band that recommends this strategy (the level's own
    when the level decided), else the strategy's description. ``level_advice``: the
    sentence shown under the level: its own advice when it decided, else what holds
    it back, so the level and the recommendation never say two different things.
    """

    strategy: Strategy
    reasons: list[str] = field(default_factory=list)
    decided_by: str = ""
    advice: str = ""
    level_advice: str = ""
    level_decided: bool = True


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
    return Outcome(results, overall, band, gaps, recommend(questionnaire, scores, overall, band, extra_cap))


def recommend(
    questionnaire: Questionnaire,
    scores: dict[str, float | None],
    overall: float | None,
    band: Band | None,
    extra_cap: tuple[str, str] | None = None,
) -> Recommendation | None:
    """The recommended strategy: one decision with one reason.

    Inputs: the dimension scores (1–5), the overall score and its band (the
    level), and ``extra_cap`` = (strategy, reason), e.g. leaders disagreeing.

    Formula: the candidates are the level's strategy and every cap that holds: a
    gate whose dimension scores below ``below`` (compared as shown, :func:`judged`:
    2.996 reads 3.00 and is not below 3.00), then ``extra_cap``. The recommendation
    is the most cautious candidate in :data:`~rollout.questionnaire.model.STRATEGY_ORDER`
    (not-yet, leadership-first, department-by-department, broad).

    What decided it (the tie rule): the level, unless a cap is strictly more
    cautious than the level's strategy; then the first such cap at the recommended
    strategy, in the order of ``result.gates`` in the questionnaire file, with
    ``extra_cap`` last. A cap at the level's own strategy changes nothing and is
    not a reason. None when there is no score, the level names no strategy, or the
    strategy is not in the questionnaire.
    """
    if band is None or band.strategy is None or overall is None:
        return None
    rank = STRATEGY_ORDER.index
    level_strategy: str = band.strategy
    # (strategy, the figure that holds, the reason phrase), in the tie rule's order
    caps: list[tuple[str, str, str]] = []
    for gate in questionnaire.result.gates:
        score = scores.get(gate.dimension)
        if score is not None and judged(score) < gate.below - EPS:
            dim = questionnaire.dimension(gate.dimension)
            title = (dim.title if dim else gate.dimension).lower()
            figure = f"{title} {score_text(score)} of 5, below {judged(gate.below):.{READINESS_PLACES}f}"
            caps.append((gate.strategy, figure, gate.reason))
    if extra_cap is not None:
        caps.append((extra_cap[0], extra_cap[1], extra_cap[1]))
    holding = [c for c in caps if rank(c[0]) < rank(level_strategy)]
    chosen = min([level_strategy, *(c[0] for c in holding)], key=rank)
    found = questionnaire.strategy(chosen)
    if found is None:
        return None
    level_figure = f"overall readiness {score_text(overall)} of 5, '{band.label}'"
    if not holding:
        return Recommendation(
            found, [f"overall readiness is '{band.label}'"], level_figure, band.recommendation, band.recommendation
        )
    deciding = next(c for c in holding if c[0] == chosen)
    reasons = [deciding[2], *(c[2] for c in holding if c is not deciding)]
    advice = next(
        (b.recommendation for b in questionnaire.result.overall_bands if b.strategy == chosen), found.description
    )
    usual = questionnaire.strategy(level_strategy)
    usual_title = usual.title if usual else level_strategy
    level_advice = f"On its own this level calls for a {_lower_first(usual_title)}; held back: {deciding[1]}."
    return Recommendation(found, reasons, deciding[1], advice, level_advice, level_decided=False)


def _lower_first(title: str) -> str:
    return title[:1].lower() + title[1:]


def score_answers(questionnaire: Questionnaire, answers: dict[str, Any]) -> Outcome:
    """The outcome of one respondent's answers."""
    return outcome(questionnaire, dimension_scores(questionnaire, answers))

"""Aggregating every respondent of a questionnaire: ``rollout readiness report``.

Per dimension: the mean of the respondents' dimension scores, the spread
(min–max and standard deviation) and who answered. Respondents whose scores on a
dimension differ by ``result.disagreement_spread`` or more disagree, and that
disagreement is a gap of its own ("Respondents disagree on …"). The means give the overall
score, the readiness level, the gaps to close first and the recommended
strategy, with the pilot units it suggests from the workspace.

Works for any questionnaire (the pilot and cycle retrospectives too): text
answers are collected as comments and unscored choices are tallied.
"""

from __future__ import annotations

import statistics
from collections.abc import Collection
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from rollout.questionnaire.answers import applies, check_assessment
from rollout.questionnaire.model import Band, Questionnaire
from rollout.questionnaire.pilots import PilotUnit, _candidates, _pilot_units
from rollout.questionnaire.scoring import Outcome, dimension_scores, judged, outcome, score_text

if TYPE_CHECKING:
    from rollout.workspace import Workspace
    from rollout.workspace.models import Assessment


@dataclass(frozen=True)
class BandInfo:
    level: str
    label: str
    recommendation: str

    @classmethod
    def of(cls, band: Band | None) -> BandInfo | None:
        return cls(band.level, band.label, band.recommendation) if band else None


@dataclass(frozen=True)
class RespondentSummary:
    person: str
    name: str
    role: str | None
    unit: str | None
    date: str
    complete: bool
    version: int
    overall: float | None
    level: BandInfo | None
    scores: dict[str, float | None]


@dataclass(frozen=True)
class DimensionSummary:
    id: str
    title: str
    mean: float | None
    min: float | None
    max: float | None
    spread: float | None
    stdev: float | None
    band: BandInfo | None
    scores: dict[str, float]  # person → score
    answered_by: list[str]
    disagreement: bool


@dataclass(frozen=True)
class Gap:
    dimension: str
    title: str
    kind: str  # "low" (a weak dimension) or "disagreement" (leaders see it differently)
    score: float | None
    message: str
    recommendation: str


@dataclass(frozen=True)
class StrategyInfo:
    """The recommended strategy (:class:`rollout.questionnaire.scoring.Recommendation`)."""

    id: str
    title: str
    description: str
    reasons: list[str]  # the deciding reason first
    decided_by: str = ""  # the figure that decided, as shown: "leadership alignment … 2.92 of 5, below 3.00"
    advice: str = ""  # what to do now
    level_advice: str = ""  # the sentence under the level: its advice, or what holds it back


@dataclass(frozen=True)
class Comment:
    question: str
    text: str
    person: str
    name: str


@dataclass(frozen=True)
class ReadinessReport:
    """What :func:`readiness_report` returns; :meth:`to_dict` is the ``--format json`` shape."""

    questionnaire: str
    title: str
    version: int
    respondents: list[RespondentSummary]
    in_progress: list[RespondentSummary]
    dimensions: list[DimensionSummary]
    overall: float | None
    level: BandInfo | None
    gaps: list[Gap]
    disagreements: list[str]
    strategy: StrategyInfo | None
    pilot_units: list[PilotUnit]
    candidates: list[PilotUnit] = field(default_factory=list)  # departments ranked as pilot candidates
    comments: list[Comment] = field(default_factory=list)
    tallies: dict[str, dict[str, int]] = field(default_factory=dict)  # question → option label → count
    questions: dict[str, str] = field(default_factory=dict)  # question id → text (for comments and tallies)
    disagreement_spread: float = 2.0
    level_name: str = "Result"
    only: dict[str, Any] = field(default_factory=dict)  # the answer filters applied

    @property
    def scored(self) -> bool:
        return bool(self.dimensions)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["respondent_count"] = len(self.respondents)
        return data


def _round(value: float | None) -> float | None:
    """A score as shown and judged (:func:`rollout.questionnaire.scoring.judged`, two decimals half up)."""
    return None if value is None else judged(value)


def readiness_report(
    ws: Workspace,
    questionnaire_id: str = "readiness",
    *,
    only: dict[str, Any] | None = None,
    units: Collection[str] | None = None,
) -> ReadinessReport:
    """Aggregate every saved answer to ``questionnaire_id`` in the workspace.

    ``only`` keeps the respondents whose answer to a question matches (e.g. a
    retrospective's ``{"phase": "leadership-pilot"}``; a multiple-choice answer
    matches when it holds the value). Values are checked against their questions.
    ``units`` keeps the respondents of those units (the assessment's ``unit``, else
    the person's): the readiness of a group, e.g. the next units of a rollout phase.

    The level of a group (``level``) is always the band of its **overall score**, the
    weighted mean of the per-dimension means (:func:`rollout.questionnaire.scoring.outcome`),
    never a vote among the respondents' own levels: a mean has no ties, so the same
    people always get the same level, whatever the order or hash seed. The Readiness
    page, the phase page and the expansion gate all read it from here.

    Complete assessments count; those still in progress are listed apart. An answer
    that does not fit its question raises :class:`~rollout.errors.LoadError` at its
    ``file:line``.
    """
    from rollout.questionnaire.loader import bind, get

    questionnaire = bind(get(questionnaire_id, ws.root), ws)
    records = sorted(
        (a for a in ws.answered if a.questionnaire == questionnaire_id), key=lambda a: (a.date, a.respondent)
    )
    checked: list[tuple[Assessment, dict[str, Any]]] = []
    problems = []
    from rollout.errors import LoadError

    for record in records:
        try:
            checked.append((record, check_assessment(ws, questionnaire, record)))
        except LoadError as exc:
            problems += exc.problems
    if problems:
        raise LoadError(problems)
    if only:
        wanted = _filters(questionnaire, only)
        checked = [(r, a) for r, a in checked if all(_matches(a.get(k), v) for k, v in wanted.items())]
    if units is not None:
        keep = set(units)
        checked = [(r, a) for r, a in checked if _unit_of(ws, r) in keep]

    respondents: list[RespondentSummary] = []
    in_progress: list[RespondentSummary] = []
    complete: list[tuple[Assessment, dict[str, Any]]] = []
    # Each respondent's unrounded dimension scores: the dimension figures below are computed from
    # these and rounded only to be shown (2.333, 3.0, 3.667 spread 1.33, not 3.67 - 2.33 = 1.34).
    unrounded: dict[str, dict[str, float | None]] = {}
    for record, answers in checked:
        scores = dimension_scores(questionnaire, answers)
        own = outcome(questionnaire, scores)
        person = ws.people.get(record.respondent)
        summary = RespondentSummary(
            person=record.respondent,
            name=person.name if person else record.respondent,
            role=record.role or (person.title if person else None),
            unit=_unit_of(ws, record),
            date=record.date.isoformat(),
            complete=record.complete,
            version=record.version,
            overall=_round(own.overall),
            level=BandInfo.of(own.band),
            scores={k: _round(v) for k, v in scores.items()},
        )
        if record.complete:
            unrounded[record.respondent] = dict(scores)
            respondents.append(summary)
            complete.append((record, answers))
        else:
            in_progress.append(summary)

    threshold = questionnaire.result.disagreement_spread
    dimensions: list[DimensionSummary] = []
    means: dict[str, float | None] = {}
    for dim in questionnaire.dimensions:
        per_person = {r.person: r.scores[dim.id] for r in respondents if r.scores.get(dim.id) is not None}
        values = [v for p in per_person if (v := unrounded[p].get(dim.id)) is not None]
        mean = statistics.fmean(values) if values else None
        low, high = (min(values), max(values)) if values else (None, None)
        spread = _round(high - low) if high is not None and low is not None else None
        means[dim.id] = mean
        dimensions.append(
            DimensionSummary(
                id=dim.id,
                title=dim.title,
                mean=_round(mean),
                min=_round(low),
                max=_round(high),
                spread=spread,
                stdev=_round(statistics.pstdev(values)) if len(values) > 1 else (0.0 if values else None),
                band=None,  # filled below from the outcome
                scores={k: v for k, v in per_person.items() if v is not None},
                answered_by=list(per_person),
                # Judged as shown (the spread of the unrounded scores, to two decimals), like every threshold.
                disagreement=spread is not None and len(values) > 1 and spread >= threshold - 1e-9,
            )
        )
    disagreements = [d.id for d in dimensions if d.disagreement]
    cap = None
    if disagreements and questionnaire.result.disagreement_strategy:
        titles = ", ".join(d.title.lower() for d in dimensions if d.disagreement)
        cap = (questionnaire.result.disagreement_strategy, f"leaders disagree on {titles}")
    result: Outcome | None = outcome(questionnaire, means, extra_cap=cap) if respondents else None
    if result is not None:
        bands = {r.id: BandInfo.of(r.band) for r in result.dimensions}
        dimensions = [_with_band(d, bands.get(d.id)) for d in dimensions]

    gaps: list[Gap] = []
    names = {r.person: r.name for r in respondents}
    for d in dimensions:
        if d.disagreement and d.min is not None and d.max is not None:
            lowest = [names[p] for p, v in d.scores.items() if v == d.min]
            highest = [names[p] for p, v in d.scores.items() if v == d.max]
            gaps.append(
                Gap(
                    dimension=d.id,
                    title=d.title,
                    kind="disagreement",
                    score=d.mean,
                    message=(
                        f"Respondents disagree on {d.title.lower()} "
                        f"({score_text(d.min)} from {', '.join(lowest)} to {score_text(d.max)} "
                        f"from {', '.join(highest)})"
                    ),
                    recommendation=questionnaire.result.disagreement_advice,
                )
            )
    if result is not None:
        for g in result.gaps:
            gaps.append(
                Gap(
                    dimension=g.id,
                    title=g.title,
                    kind="low",
                    score=_round(g.score),
                    message=f"{g.title}: {g.band.label if g.band else 'no band'} ({score_text(g.score)} of 5)",
                    recommendation=g.band.recommendation if g.band else "",
                )
            )

    strategy = None
    pilot_units: list[PilotUnit] = []
    candidates = _candidates(ws, questionnaire, complete, respondents)
    if result is not None and result.recommendation is not None:
        rec = result.recommendation
        strategy = StrategyInfo(
            rec.strategy.id,
            rec.strategy.title,
            rec.strategy.description,
            rec.reasons,
            rec.decided_by,
            rec.advice,
            rec.level_advice,
        )
        pilot_units = _pilot_units(ws, questionnaire, rec.strategy.pilot, candidates)

    comments, tallies, texts = _collect(ws, questionnaire, complete)
    return ReadinessReport(
        questionnaire=questionnaire.id,
        title=questionnaire.title,
        version=questionnaire.version,
        respondents=respondents,
        in_progress=in_progress,
        dimensions=dimensions,
        overall=_round(result.overall) if result else None,
        level=BandInfo.of(result.band) if result else None,
        gaps=gaps,
        disagreements=disagreements,
        strategy=strategy,
        pilot_units=pilot_units,
        candidates=candidates,
        comments=comments,
        tallies=tallies,
        questions=texts,
        disagreement_spread=threshold,
        level_name=questionnaire.result.level_name,
        only=dict(only or {}),
    )


def _filters(questionnaire: Questionnaire, only: dict[str, Any]) -> dict[str, Any]:
    from rollout.errors import UsageError
    from rollout.questionnaire.answers import AnswerProblem, coerce

    out: dict[str, Any] = {}
    for qid, raw in only.items():
        question = questionnaire.question(qid)
        if question is None:
            raise UsageError(f"--only {qid}: no such question in {questionnaire.id}")
        try:
            out[qid] = coerce(question.model_copy(update={"required": True}), raw)
        except AnswerProblem as exc:
            raise UsageError(f"--only {qid}={raw}: {exc.message}") from None
        if isinstance(out[qid], list):
            out[qid] = out[qid][0]
    return out


def _unit_of(ws: Workspace, record: Assessment) -> str | None:
    """The unit an assessment speaks for: its own ``unit``, else its respondent's."""
    if record.unit:
        return record.unit
    person = ws.people.get(record.respondent)
    return person.unit if person else None


def _matches(answer: Any, wanted: Any) -> bool:
    return wanted in answer if isinstance(answer, list) else bool(answer == wanted)


def _with_band(d: DimensionSummary, band: BandInfo | None) -> DimensionSummary:
    from dataclasses import replace

    return replace(d, band=band)


def _collect(
    ws: Workspace, questionnaire: Questionnaire, complete: list[tuple[Assessment, dict[str, Any]]]
) -> tuple[list[Comment], dict[str, dict[str, int]], dict[str, str]]:
    comments: list[Comment] = []
    tallies: dict[str, dict[str, int]] = {}
    texts: dict[str, str] = {}
    for question in questionnaire.all_questions():
        if question.dimension is not None:
            continue
        for record, answers in complete:
            value = answers.get(question.id)
            if value is None or not applies(question, answers):
                continue
            texts[question.id] = question.text
            person = ws.people.get(record.respondent)
            name = person.name if person else record.respondent
            if question.kind == "text":
                comments.append(Comment(question.id, str(value), record.respondent, name))
                continue
            counts = tallies.setdefault(question.id, {})
            values = value if isinstance(value, list) else [value]
            for item in values:
                if question.kind == "yes_no":
                    label = "yes" if item else "no"
                elif question.kind in ("single", "multiple"):
                    option = question.option(item)
                    label = option.label if option else str(item)
                else:
                    label = str(item)
                counts[label] = counts.get(label, 0) + 1
    return comments, tallies, texts


def render_text(report: ReadinessReport, *, width: int = 100) -> str:
    """The terminal report, kept importable from here: :func:`rollout.questionnaire.report_text.render_text`."""
    from rollout.questionnaire.report_text import render_text as render

    return render(report, width=width)

"""End of a cycle (``rollout close``) and the start of the next (``rollout next``).

Close: every key result gets a final score computed from its last check-in on
or before the earlier of the cycle end and the day of the close (:func:`plan_close`, with the
figures of :mod:`rollout.metrics.figures`: check-ins after the cycle or after
as-of never count, a held health metric is 1.0, an unmeasured key result 0.0).
Scores may be overridden with a required reason, lessons are recorded, and each
objective gets a decision (completed, carried over, refined, dropped). The
results go to ``reviews/<cycle>/<unit>.yaml`` and the cycle is marked closed in
``cycles.yaml``, both edited round-trip.

The ``score:`` written is the final score of the close day (its check-ins on or
before ``closed_on``), rounded to two places for people reading the file and for
the git history. The figures recompute the same score unrounded from the same
check-ins (:func:`rollout.metrics.figures.cut_date` cuts a closed cycle at
``closed_on``), so they agree with the file to two places however far as-of moves
on, and closing never changes a score: only an ``override:`` does. A ``score:``
is read only for a key result without check-ins (written by hand).

Next (``rollout next``): :mod:`rollout.flows.next_cycle`, whose names are
re-exported here.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from rollout.errors import UsageError
from rollout.flows.answers import fresh_date
from rollout.flows.carrying import (
    CARRIED,
    carried_baseline,
    carried_id,
    carried_objectives,
    carried_title,
    carry_objective,
    met_key_results,
)
from rollout.metrics.figures import checkins_used, score_value, scoring_window
from rollout.metrics.rounding import written
from rollout.plural import noun
from rollout.workspace import editing, layout
from rollout.workspace.models import (
    CyclesFile,
    KeyResultScore,
    ObjectiveDecision,
    ReviewFile,
)
from rollout.workspace.transaction import Transaction
from rollout.workspace.workspace import Workspace

DECISIONS = ("completed", "carried_over", "refined", "dropped")


# --- scores -------------------------------------------------------------------------


def final_score(
    direction: str | None,
    baseline: float | None,
    target: float | None,
    value: float | None,
    health_metric: bool = False,
) -> float:
    """The end-of-cycle score of one key result at ``value`` (unrounded); 0.0 when it cannot be computed.

    :func:`rollout.metrics.figures.score_value`, with an unmeasured key result at 0.0
    (:func:`rollout.metrics.figures.final_score`).
    """
    score = score_value(direction, baseline, target, value, health_metric)
    return score if score is not None else 0.0


def final_scores(
    values: Iterable[tuple[str, str | None, float | None, float | None, float | None]],
    overrides: Mapping[str, tuple[float, str]] | None = None,
    health_metrics: Collection[str] = (),
) -> list[dict[str, Any]]:
    """Score entries for ``reviews/`` from ``(kr, direction, baseline, target, last value)`` tuples.

    ``overrides`` maps a key result id to ``(score, reason)``; the reason is required.
    ``health_metrics``: ids of key results that are health metrics (held 1.0, broken 0.0).
    The ``score`` written is rounded to 2 places for reading only (see the module docstring).
    """
    overrides = overrides or {}
    out: list[dict[str, Any]] = []
    for kr, direction, baseline, target, value in values:
        score = final_score(direction, baseline, target, value, kr in health_metrics)
        entry: dict[str, Any] = {"kr": kr, "score": written(score)}
        if kr in overrides:
            score, reason = overrides[kr]
            if not 0.0 <= score <= 1.0:
                raise UsageError(f"override of {kr}: {score} is not a score between 0.0 and 1.0")
            if not reason.strip():
                raise UsageError(f"override of {kr}: a reason is required")
            entry["override"] = written(score)
            entry["reason"] = reason.strip()
        out.append(entry)
    return out


@dataclass(frozen=True)
class ScoreLine:
    """One key result at the end of a cycle, as shown before overrides."""

    kr: str
    title: str
    objective: str
    unit: str
    value: float | None
    score: float


def plan_close(ws: Workspace, cycle_id: str, on: date | None = None) -> list[ScoreLine]:
    """Every key result of the cycle with its last value and computed final score, unit by unit.

    The value is the last check-in on or before the earlier of the cycle end and the
    day of the close ``on`` (default as-of), which becomes the cycle's ``closed_on``
    (:func:`rollout.metrics.figures.cut_date`, :func:`~rollout.metrics.figures.checkins_used`):
    the very check-ins every figure of the closed cycle uses from then on. The score is unrounded.
    """
    cycle = ws.cycle(cycle_id)
    start, last_day = scoring_window(cycle, on or ws.today)
    if cycle.status == "closed":
        raise UsageError(
            f"cycle {cycle_id} is already closed",
            hint=f"its scores are in reviews/{cycle_id}/; start the next cycle with `rollout next {cycle_id}`",
        )
    lines = []
    for unit in ws.units_in(cycle_id):
        for objective in ws.objectives_in(cycle_id, unit):
            for kr in objective.key_results:
                used = checkins_used(ws.checkins.get(kr.id) or (), start, last_day)
                value = used[-1].value if used else None
                score = final_score(kr.direction, kr.baseline, kr.target, value, kr.health_metric)
                lines.append(ScoreLine(kr.id, kr.title, objective.id, unit, value, score))
    if not lines:
        raise UsageError(f"cycle {cycle_id} has no key results to score", hint="draft OKRs with `rollout draft`")
    return lines


@dataclass
class CloseAnswers:
    """What the facilitator decided at the end of a cycle."""

    overrides: dict[str, tuple[float, str]] = field(default_factory=dict)
    decisions: dict[str, tuple[str, str]] = field(default_factory=dict)  # objective → (decision, note)
    lessons: dict[str, list[str]] = field(default_factory=dict)  # unit → lessons
    day: date | None = None  # the day of the close (``date:`` in the answers file); None: as-of


@dataclass(frozen=True)
class CloseResult:
    cycle: str
    files: tuple[str, ...]
    scored: int
    overridden: int
    decisions: dict[str, int]


def close_cycle(
    root: Path, ws: Workspace, cycle_id: str, answers: CloseAnswers, *, on: date | None = None
) -> CloseResult:
    """Write final scores, lessons and decisions to ``reviews/`` and mark the cycle closed
    (``status: closed``, ``closed_on:`` the day ``on``, default the workspace's today)."""
    lines = plan_close(ws, cycle_id, on)
    objectives = {o.id: o for o in ws.objectives_in(cycle_id)}
    missing = [o for o in objectives if o not in answers.decisions]
    if missing:
        raise UsageError(f"no decision for {noun(len(missing), 'objective')} {', '.join(missing[:5])}")
    by_unit: dict[str, list[ScoreLine]] = {}
    for line in lines:
        by_unit.setdefault(line.unit, []).append(line)
    # Every unit with OKRs, also one whose objectives have no key result: its decisions are
    # recorded too (fe25 N2: "14 carried over" was said, 13 written, and `next` carried 13).
    units = list(dict.fromkeys([*by_unit, *ws.units_in(cycle_id), *answers.lessons]))
    krs = ws.key_results
    # Build everything first, so a mistake changes nothing on disk.
    payload: dict[str, dict[str, Any]] = {}
    for unit in units:
        unit_lines = by_unit.get(unit, [])
        scores = final_scores(
            ((ln.kr, krs[ln.kr].direction, krs[ln.kr].baseline, krs[ln.kr].target, ln.value) for ln in unit_lines),
            {k: v for k, v in answers.overrides.items() if k in {ln.kr for ln in unit_lines}},
            {ln.kr for ln in unit_lines if krs[ln.kr].health_metric},
        )
        decisions = [
            {"objective": o.id, "decision": answers.decisions[o.id][0]}
            | ({"note": answers.decisions[o.id][1]} if answers.decisions[o.id][1] else {})
            for o in ws.objectives_in(cycle_id, unit)
        ]
        for item in scores:
            KeyResultScore.model_validate(item)
        for item in decisions:
            ObjectiveDecision.model_validate(item)
        payload[unit] = {"scores": scores, "decisions": decisions, "lessons": answers.lessons.get(unit, [])}
    files = []
    # One transaction: the review files and the cycle's status are written all or none.
    with Transaction(root) as tx:
        for unit, data in payload.items():
            relpath = layout.review_file(cycle_id, unit)
            header = f"Review of {unit} for {cycle_id}: monthly reviews and the end."
            with tx.edit(relpath, model=ReviewFile, header=header) as doc:
                if data["scores"]:
                    doc["scores"] = editing.to_yaml_value(data["scores"])
                if data["lessons"]:
                    kept = [str(x) for x in doc.get("lessons") or []]
                    doc["lessons"] = editing.to_yaml_value(kept + [x for x in data["lessons"] if x not in kept])
                if data["decisions"]:
                    doc["decisions"] = editing.to_yaml_value(data["decisions"])
            files.append(relpath)
        with tx.edit("cycles.yaml", model=CyclesFile, quick=True) as doc:
            for item in doc.get("cycles") or []:
                if str(item.get("id")) == cycle_id:
                    item["status"] = "closed"
                    item["closed_on"] = fresh_date(on or ws.today)
        tx.commit()
    counts = dict.fromkeys(DECISIONS, 0)
    for decision, _note in answers.decisions.values():
        counts[decision] += 1
    overridden = sum(1 for ln in lines if ln.kr in answers.overrides)
    return CloseResult(cycle_id, tuple(files), len(lines), overridden, counts)


# --- interactive close ------------------------------------------------------------------


# What a person answers at the close (answers file or terminal) lives in rollout.flows.closing_answers,
# the start of the next cycle in rollout.flows.next_cycle, carrying objectives in
# rollout.flows.carrying; their names stay importable from here.
from rollout.flows.closing_answers import close_answers_from, early_close_warning, interactive_close  # noqa: E402
from rollout.flows.next_cycle import NextAnswers, NextPlan, id_problems, next_answers_from, plan_next, start_next  # noqa: E402

__all__ = [
    "CARRIED",
    "DECISIONS",
    "CloseAnswers",
    "CloseResult",
    "NextAnswers",
    "NextPlan",
    "ScoreLine",
    "carried_baseline",
    "carried_id",
    "carried_objectives",
    "carried_title",
    "carry_objective",
    "close_answers_from",
    "close_cycle",
    "early_close_warning",
    "final_score",
    "final_scores",
    "id_problems",
    "interactive_close",
    "met_key_results",
    "next_answers_from",
    "plan_close",
    "plan_next",
    "start_next",
]

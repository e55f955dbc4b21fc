"""Pilot units for the readiness report: ranking departments as candidates, and the units a strategy starts with.

Split out of :mod:`rollout.questionnaire.report` (460 lines) along its seam; that module
re-exports :class:`PilotUnit` and calls :func:`_candidates` and :func:`_pilot_units`.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rollout.plural import plural
from rollout.questionnaire.scoring import score_text

if TYPE_CHECKING:
    from rollout.questionnaire.model import Questionnaire
    from rollout.questionnaire.report import RespondentSummary
    from rollout.workspace import Workspace
    from rollout.workspace.models import Assessment


@dataclass(frozen=True)
class PilotUnit:
    id: str
    name: str
    votes: int
    score: float | None
    reason: str


def _pilot_units(
    ws: Workspace, questionnaire: Questionnaire, pilot: str, candidates: list[PilotUnit]
) -> list[PilotUnit]:
    """The units a strategy starts with: none, the leadership team, the best candidates, or everyone."""
    departments = [u for u in ws.units.values() if u.kind == "department"]
    if pilot == "leadership":
        company = ws.company
        out = [PilotUnit(company.id, company.name, 0, None, "company objectives")] if company else []
        return out + [PilotUnit(d.id, d.name, 0, None, "the department head's OKRs") for d in departments]
    if pilot == "all":
        return [PilotUnit(d.id, d.name, 0, None, "") for d in departments]
    if pilot == "departments":
        return candidates[: questionnaire.result.pilot_count]
    return []


def _candidates(
    ws: Workspace,
    questionnaire: Questionnaire,
    complete: list[tuple[Assessment, dict[str, Any]]],
    respondents: list[RespondentSummary],
) -> list[PilotUnit]:
    """Departments ranked as pilot candidates: most proposed first, then by their own leaders' readiness."""
    # Imported here: the report module imports this one at its top.
    from rollout.questionnaire.report import _round

    votes: dict[str, int] = {}
    question = questionnaire.result.pilot_question
    if question:
        for _record, answers in complete:
            value = answers.get(question)
            for unit in value if isinstance(value, list) else [value] if value else []:
                dept = ws.department_of(unit) if unit in ws.units else None
                key = dept.id if dept is not None else unit
                votes[key] = votes.get(key, 0) + 1
    scores: dict[str, list[float]] = {}
    for r in respondents:
        dept = ws.department_of(r.unit) if r.unit else None
        if dept is not None and r.overall is not None:
            scores.setdefault(dept.id, []).append(r.overall)
    ranked = []
    for d in (u for u in ws.units.values() if u.kind == "department"):
        score = statistics.fmean(scores[d.id]) if d.id in scores else None
        if not votes.get(d.id) and score is None:
            continue
        ranked.append((-(votes.get(d.id, 0)), -(score or 0.0), d.name, d, score))
    ranked.sort(key=lambda t: t[:3])
    out = []
    for _v, _s, _n, d, score in ranked:
        reasons = []
        if votes.get(d.id):
            reasons.append(f"proposed by {plural(votes[d.id], 'respondent')}")
        if score is not None:
            reasons.append(f"its head's readiness {score_text(score)}")
        out.append(PilotUnit(d.id, d.name, votes.get(d.id, 0), _round(score), ", ".join(reasons)))
    return out

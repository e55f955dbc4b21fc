"""What the questionnaires say in a phase pack: the readiness summary and the pilot retrospective.

Both read the view model (the site's Readiness and phase pages); the retrospective's choice
questions are tallied by :func:`rollout.questionnaire.report.readiness_report`. Split out of
:mod:`.phase_pack`, which calls :func:`readiness_summary` and :func:`retrospective_answers`.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from rollout.errors import RolloutError
from rollout.report.packs.sections import MAX_ANSWERS_PER_QUESTION, Sources, markdown
from rollout.report.vocabulary import reading_tags


def readiness_summary(src: Sources) -> dict[str, Any] | None:
    """The readiness questionnaire as the view model holds it (the site's Readiness page)."""
    readiness = src.view.readiness
    if readiness is None or not readiness.respondents:
        return None
    return {
        "title": readiness.title,
        "level": readiness.level,
        "score": readiness.score,
        "scale_max": readiness.scale_max,
        "respondents": readiness.respondents,
        "strategy": readiness.strategy,
        "decided": readiness.strategy_decided,
        "level_advice": readiness.recommendation,
        "gaps": list(dict.fromkeys(g.title for g in readiness.gaps)),
        "dimensions": [
            {
                "name": d.title,
                "mean": d.mean,
                "spread": d.spread,
                "scale_max": readiness.scale_max,
                "flag": "; ".join(reading_tags(d.gap, d.disagreement)),
            }
            for d in readiness.dimensions
        ],
    }


def retrospective_answers(src: Sources, phase_id: str) -> dict[str, Any] | None:
    """The phase's pilot retrospective from the view model: scores by dimension and written answers.

    The view holds no tally of the choice questions (should we expand, who joins next), so
    those are counted by :func:`rollout.questionnaire.report.readiness_report` over the same
    answers (the ones whose ``phase`` question names this phase).
    """
    retro = src.view.phases[phase_id].retrospective
    if retro is None or not retro.respondents:
        return None
    comments: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for c in retro.comments:
        comments[c.question].append({"who": c.name, "text": markdown(c.text)})
    return {
        "title": retro.title,
        "respondents": retro.respondents,
        "level": retro.level,
        "level_name": retro.level_name,
        "recommendation": retro.recommendation,
        "overall": retro.score,
        "scale_max": retro.scale_max,
        "dimensions": [
            {
                "name": d.title,
                "mean": d.mean,
                "spread": d.spread,
                "flag": "; ".join(reading_tags(d.gap, d.disagreement)),
            }
            for d in retro.dimensions
        ],
        "tallies": _tallies(src, retro.questionnaire, phase_id),
        "comments": [
            {
                "question": question,
                "answers": items[:MAX_ANSWERS_PER_QUESTION],
                "more": max(0, len(items) - MAX_ANSWERS_PER_QUESTION),
            }
            for question, items in comments.items()
        ],
    }


def _tallies(src: Sources, questionnaire_id: str, phase_id: str) -> list[dict[str, Any]]:
    try:
        from rollout.questionnaire.report import readiness_report

        report = readiness_report(src.ws, questionnaire_id, only={"phase": phase_id})
    except (ImportError, RolloutError):
        return []
    return [
        {
            "question": report.questions.get(q, q),
            "answers": sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:8],
            "total": len(report.respondents),
        }
        for q, counts in report.tallies.items()
        if q != "phase"
    ]

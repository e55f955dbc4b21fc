"""What ``build`` reads besides the workspace files, checked by ``validate`` and ``check`` too.

A build reads the questionnaires (bundled and the workspace's own
``questionnaires/*.yaml``) and checks every saved assessment against its
questionnaire (the Readiness and retrospective pages). :func:`deep_problems` does
the same reading and checking, so ``validate`` never says "valid" for a workspace
that ``build`` then refuses. Not part of :func:`rollout.workspace.load`: a check-in
does not need questionnaires, and must stay instant.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rollout.errors import LoadError, Problem, UsageError

if TYPE_CHECKING:
    from rollout.workspace import Workspace


def deep_problems(ws: Workspace) -> list[Problem]:
    """Every problem in the questionnaires and in the answers saved to them (empty: build can read them)."""
    from rollout.workspace.layout import LOCAL_QUESTIONNAIRES

    if not ws.assessments and not (ws.root / LOCAL_QUESTIONNAIRES).is_dir():
        return []  # nothing for build to read either (and nothing to import)
    from rollout.questionnaire.answers import check_assessment
    from rollout.questionnaire.loader import bind, entries

    problems: list[Problem] = []
    try:
        known = {entry.questionnaire.id: entry.questionnaire for entry in entries(ws.root)}
    except LoadError as exc:
        return list(exc.problems)
    except UsageError as exc:
        return [Problem("questionnaires", 0, 0, "", exc.message)]
    bound = {}
    for assessment in ws.assessments:
        questionnaire = known.get(assessment.questionnaire)
        if questionnaire is None:
            problems.append(
                ws.problem(
                    assessment,
                    f"unknown questionnaire {assessment.questionnaire!r} (known: {', '.join(sorted(known))})",
                    "questionnaire",
                )
            )
            continue
        if assessment.questionnaire not in bound:
            bound[assessment.questionnaire] = bind(questionnaire, ws)
        try:
            check_assessment(ws, bound[assessment.questionnaire], assessment)
        except LoadError as exc:
            problems += exc.problems
    return problems


def check_deep(ws: Workspace) -> None:
    """Raise :class:`LoadError` listing :func:`deep_problems`, if any."""
    problems = deep_problems(ws)
    if problems:
        raise LoadError(problems)

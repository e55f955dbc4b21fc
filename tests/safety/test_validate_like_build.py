"""`validate` and `check` read what `build` reads (issue 13, item 9)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import WorkspaceFactory
from tests.safety.conftest import Run

ASSESSMENT = """
questionnaire: readiness
version: 1
respondent: ana
date: 2027-01-10
answers:
  {answers}
"""


def _with_assessment(make_ws: WorkspaceFactory, answers: str) -> Path:
    return make_ws(**{"assessments/readiness/ana.yaml": ASSESSMENT.format(answers=answers)})


def test_an_answer_that_does_not_fit_its_question_fails_validate_and_check(
    make_ws: WorkspaceFactory, rollout: Run
) -> None:
    root = _with_assessment(make_ws, "no-such-question: 3")
    for command in ("validate", "check"):
        code, output = rollout(command, str(root))
        assert code == 2, (command, output)
        assert "assessments/readiness/ana.yaml:" in output and "unknown question 'no-such-question'" in output


def test_a_broken_local_questionnaire_fails_validate(make_ws: WorkspaceFactory, rollout: Run) -> None:
    root = make_ws(**{"questionnaires/pulse.yaml": "id: pulse\ntitle: [unclosed\n"})
    code, output = rollout("validate", str(root))
    assert code == 2 and "pulse.yaml" in output, output


def test_an_unknown_questionnaire_is_named(make_ws: WorkspaceFactory, rollout: Run) -> None:
    root = make_ws(**{"assessments/nosuch/ana.yaml": ASSESSMENT.format(answers="a: 1").replace("readiness", "nosuch")})
    code, output = rollout("validate", str(root))
    assert code == 2 and "unknown questionnaire 'nosuch'" in output, output


def test_a_plain_workspace_still_validates(make_ws: WorkspaceFactory, rollout: Run) -> None:
    code, output = rollout("validate", str(make_ws()))
    assert code == 0 and "valid" in output, output

"""Questionnaire files: the bundled ones load; mistakes are errors with file:line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from rollout.errors import LoadError, UsageError
from rollout.questionnaire import loader
from tests.questionnaire.conftest import SAMPLE, write

BUNDLED = ("readiness", "hr-okr-checklist", "pilot-retrospective", "cycle-retrospective")


def test_bundled_questionnaires_load_and_are_complete() -> None:
    found = {e.questionnaire.id: e for e in loader.entries(None)}
    assert set(BUNDLED) <= set(found)
    readiness = found["readiness"].questionnaire
    dims = {d.id for d in readiness.dimensions}
    assert dims == {
        "leadership-alignment",
        "documented-priorities",
        "metric-discipline",
        "transparency",
        "review-rhythm",
        "performance-frame",
        "program-capacity",
    }
    kinds = {q.kind for q in readiness.all_questions()}
    assert kinds == {"likert", "yes_no", "single", "multiple", "number", "text"}
    assert [s.id for s in readiness.result.strategies] == [
        "not-yet",
        "leadership-first",
        "department-by-department",
        "broad",
    ]
    assert any(q.when is not None for q in readiness.all_questions())


def _problems(tmp_path: Path, text: str, name: str = "sample") -> list[str]:
    path = write(tmp_path / f"{name}.yaml", text)
    with pytest.raises(LoadError) as info:
        loader.read(path, f"{name}.yaml")
    return [str(p) for p in info.value.problems]


def test_unknown_key_is_named_with_its_line(tmp_path: Path) -> None:
    text = SAMPLE.replace("  - {id: lik, kind: likert,", "  - {id: lik, colour: red, kind: likert,")
    problems = _problems(tmp_path, text)
    line = next(n for n, t in enumerate(text.lstrip().splitlines(), start=1) if "colour" in t)
    assert any(p.startswith(f"sample.yaml:{line}:") and "colour" in p and "unknown key" in p for p in problems)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("kind: likert, text: How true", "kind: likert, min: 1, text: How true", "`min` applies to number"),
        ("{id: why, kind: text,", "{id: why, kind: text, dimension: d1,", "text question cannot score"),
        ("dimension: d1, weight: 3}", "dimension: nope, weight: 3}", "unknown dimension 'nope'"),
        ("when: {question: yn, equals: false}", "when: {question: pick, equals: false}", "earlier question"),
        ("when: {question: yn, equals: false}", "when: {question: yn, equals: maybe}", "can never be an answer"),
        ("when: {question: yn, equals: false}", "when: {question: yn}", "exactly one test"),
        ("when: {question: yn, equals: false}", "when: {question: yn, at_least: 2}", "compares numbers"),
        ("    min: 0\n    max: 10", "    min: 10\n    max: 0", "`min` is greater than `max`"),
        ("{value: b, label: Option B, score: 2}", "{value: b, label: Option B}", "needs a `score`"),
        ("{value: b, label: Option B, score: 2}", "{value: a, label: Option B, score: 2}", "duplicate option"),
        (
            "{id: yn, kind: yes_no, text: Is it so?, dimension: d1, default: true}",
            "{id: yn, kind: yes_no, text: Is it so?, dimension: d1, default: 7}",
            "default does not fit",
        ),
        ("    - {min: 3, level: high", "    - {min: 0.5, level: high", "lowest `min` up"),
        ("pilot_question: pick", "pilot_question: one", "take its options from the workspace"),
        ("strategy: not-yet, reason", "strategy: broad, reason", "not in result.strategies"),
        ("id: sample\n", "id: other\n", "must match the file name"),
    ],
)
def test_bad_combinations_are_errors(tmp_path: Path, old: str, new: str, message: str) -> None:
    assert old in SAMPLE
    problems = _problems(tmp_path, SAMPLE.replace(old, new))
    assert any(message in p for p in problems), problems
    assert all(p.startswith("sample.yaml:") for p in problems)


def test_error_points_at_the_question_line(tmp_path: Path) -> None:
    text = SAMPLE.replace("when: {question: yn, equals: false}", "when: {question: pick, equals: false}")
    problems = _problems(tmp_path, text)
    line = next(n for n, t in enumerate(text.lstrip().splitlines(), start=1) if "id: why" in t)
    assert any(p.startswith(f"sample.yaml:{line}:") and "questions[5].when.question" in p for p in problems)


def test_yaml_syntax_error_is_a_problem_not_a_traceback(tmp_path: Path) -> None:
    problems = _problems(tmp_path, "id: sample\ntitle: [unclosed\n")
    assert problems and problems[0].startswith("sample.yaml:")


def test_workspace_questionnaires_override_and_add(ws_root: Path) -> None:
    write(ws_root / "questionnaires" / "readiness.yaml", SAMPLE.replace("id: sample", "id: readiness"))
    found = {e.questionnaire.id: e for e in loader.entries(ws_root)}
    assert found["sample"].origin == "workspace" and not found["sample"].overrides
    assert found["readiness"].origin == "workspace" and found["readiness"].overrides
    assert found["readiness"].questionnaire.title == "Sample questionnaire"
    assert found["pilot-retrospective"].origin == "bundled"
    assert loader.get("readiness", ws_root).title == "Sample questionnaire"


def test_unknown_questionnaire_names_the_known_ones(ws_root: Path) -> None:
    with pytest.raises(UsageError, match="unknown questionnaire 'nope'.*readiness.*sample"):
        loader.get("nope", ws_root)


def test_bind_fills_workspace_options(ws_root: Path) -> None:
    from rollout.workspace import load

    questionnaire = loader.bind(loader.get("sample", ws_root), load(ws_root))
    pick = questionnaire.question("pick")
    assert pick is not None
    assert [(o.value, o.label) for o in pick.options or []] == [("sales", "Sales"), ("ops", "Operations")]

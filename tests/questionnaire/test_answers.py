"""Answers: fitting answers to questions, layered sources, answers files with places."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from rollout.errors import LoadError, UsageError
from rollout.questionnaire import loader
from rollout.questionnaire.answers import (
    AnswerProblem,
    Layer,
    coerce,
    holds,
    load_saved,
    parse_data,
    read_answers_file,
    saved_layer,
)
from rollout.questionnaire.model import Condition, Question, Questionnaire
from rollout.questionnaire.session import Respondent, run
from tests.questionnaire.conftest import write


@pytest.fixture
def sample(ws_root: Path) -> Questionnaire:
    from rollout.workspace import load

    return loader.bind(loader.get("sample", ws_root), load(ws_root))


def q(sample: Questionnaire, qid: str) -> Question:
    found = sample.question(qid)
    assert found is not None
    return found


@pytest.mark.parametrize(
    ("qid", "raw", "stored"),
    [
        ("lik", 4, 4),
        ("lik", "5", 5),
        ("lik", 3.0, 3),
        ("yn", True, True),
        ("yn", "yes", True),
        ("yn", "No", False),
        ("one", "a", "a"),
        ("many", ["z", "x"], ["x", "z"]),
        ("many", "y, x", ["x", "y"]),
        ("num", "2,5", 2.5),
        ("num", 7, 7),
        ("why", "  because  ", "because"),
        ("why", "", None),
        ("pick", [], []),
    ],
)
def test_answers_are_stored_in_their_kind(sample: Questionnaire, qid: str, raw: Any, stored: Any) -> None:
    assert coerce(q(sample, qid), raw) == stored


@pytest.mark.parametrize(
    ("qid", "raw", "message"),
    [
        ("lik", 6, "from 1 to 5"),
        ("lik", 2.5, "from 1 to 5"),
        ("yn", "perhaps", "yes or no"),
        ("one", "c", "not an option"),
        ("many", ["x", "q"], "not an option"),
        ("num", 11, "above the maximum 10"),
        ("num", -1, "below the minimum 0"),
        ("num", "many", "expected a number"),
        ("lik", None, "required"),
        ("many", [], "at least one"),
    ],
)
def test_answers_that_do_not_fit(sample: Questionnaire, qid: str, raw: Any, message: str) -> None:
    with pytest.raises(AnswerProblem, match=message):
        coerce(q(sample, qid), raw)


def test_conditions_are_data() -> None:
    answers = {"a": 3, "b": ["x", "y"], "c": "no"}
    assert holds(Condition(question="a", at_least=3), answers)
    assert not holds(Condition(question="a", at_most=2), answers)
    assert holds(Condition.model_validate({"question": "c", "in": ["no", "maybe"]}), answers)
    assert holds(Condition(question="b", contains="y"), answers)
    assert not holds(Condition(question="missing", equals=None), answers)
    combined = Condition.model_validate(
        {"all": [{"question": "a", "equals": 3}, {"not": {"question": "c", "equals": "yes"}}]}
    )
    assert holds(combined, answers)
    assert not holds(Condition.model_validate({"any": [{"question": "a", "equals": 1}]}), answers)


def test_answers_file_errors_name_file_line_and_question(tmp_path: Path, sample: Questionnaire) -> None:
    from rollout.questionnaire.answers import check_layer

    path = write(tmp_path / "answers.yaml", "lik: 4\nnum: 42\nbogus: 1\n")
    layer = read_answers_file(path).layer
    with pytest.raises(LoadError) as info:
        check_layer(sample, layer)
    shown = [str(p) for p in info.value.problems]
    assert f"{path}:2:1: num: answer to 'num' does not fit: 42 is above the maximum 10" in shown
    assert any(s.startswith(f"{path}:3:1:") and "unknown question 'bogus'" in s for s in shown)


def test_json_answers_file_has_places_too(tmp_path: Path, sample: Questionnaire) -> None:
    from rollout.questionnaire.answers import check_layer

    path = write(tmp_path / "answers.json", '{\n  "lik": 4,\n  "one": "c"\n}\n')
    with pytest.raises(LoadError) as info:
        check_layer(sample, read_answers_file(path).layer)
    assert str(info.value.problems[0]).startswith(f"{path}:3:")


def test_invalid_json_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path / "answers.json", '{"lik": 4,,}')
    with pytest.raises(LoadError, match="could not be used"):
        read_answers_file(path)


def test_data_option_needs_key_and_value() -> None:
    assert parse_data(["lik=4", "why=a=b"]).values == {"lik": "4", "why": "a=b"}
    with pytest.raises(UsageError):
        parse_data(["lik"])


def _run(root: Path, questionnaire: Questionnaire, given: list[Layer], **kw: Any) -> dict[str, Any]:
    saved = load_saved(root, questionnaire.id, "ana")
    result = run(
        root,
        questionnaire,
        Respondent("ana", "CEO", "mini", date(2027, 2, 15)),
        given=given,
        saved=saved_layer(saved, "saved"),
        interactive=False,
        echo=lambda _s: None,
        **kw,
    )
    return result.answers


FULL = {"lik": 4, "yn": True, "one": "b", "many": ["x"], "num": 5, "pick": ["ops"]}


def test_layers_data_beats_file_beats_saved_beats_defaults(ws_root: Path, sample: Questionnaire) -> None:
    file_layer = Layer("answers.yaml", {**FULL, "lik": 2, "one": "a"})
    data_layer = parse_data(["lik=5"])
    answers = _run(ws_root, sample, [data_layer, file_layer])
    assert answers["lik"] == 5 and answers["one"] == "a" and answers["num"] == 5
    saved = load_saved(ws_root, "sample", "ana")
    assert saved is not None and saved.complete and saved.version == 2
    assert saved.answers["lik"] == 5
    # A later run with only one new answer keeps the saved ones (saved beats defaults).
    answers = _run(ws_root, sample, [parse_data(["yn=no", "why=Not yet"])], use_defaults=True)
    assert answers["yn"] is False and answers["why"] == "Not yet" and answers["lik"] == 5


def test_defaults_fill_only_questions_that_have_one(ws_root: Path, sample: Questionnaire) -> None:
    with pytest.raises(UsageError, match="no answer and no default for: lik, one, many, num"):
        _run(ws_root, sample, [], use_defaults=True)
    assert not (ws_root / "assessments").exists()
    answers = _run(ws_root, sample, [Layer("f", {k: v for k, v in FULL.items() if k != "yn"})], use_defaults=True)
    assert answers["yn"] is True  # its default


def test_missing_answers_without_defaults_name_the_questions(ws_root: Path, sample: Questionnaire) -> None:
    with pytest.raises(UsageError, match="no answer for: num") as info:
        _run(ws_root, sample, [Layer("f", {k: v for k, v in FULL.items() if k != "num"})])
    assert "--defaults" in (info.value.hint or "")


def test_inapplicable_answers_are_not_saved(ws_root: Path, sample: Questionnaire) -> None:
    answers = _run(ws_root, sample, [Layer("f", {**FULL, "why": "ignored: yn is yes"})])
    assert "why" not in answers
    saved = load_saved(ws_root, "sample", "ana")
    assert saved is not None and "why" not in saved.answers


def test_saved_file_replays_as_answers_file(ws_root: Path, sample: Questionnaire) -> None:
    _run(ws_root, sample, [Layer("f", FULL)])
    replay = read_answers_file(ws_root / "assessments" / "sample" / "ana.yaml")
    assert replay.meta["respondent"] == "ana" and replay.meta["questionnaire"] == "sample"
    assert replay.layer.values == {**FULL}
    assert replay.layer.place("num").field == "answers.num" and replay.layer.place("num").line > 0

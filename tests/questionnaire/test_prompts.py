"""Prompts, in-process: prompt_toolkit pipe input drives every question kind."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.input.base import PipeInput
from prompt_toolkit.output import DummyOutput

import rollout.prompting
from rollout.errors import Aborted
from rollout.questionnaire import loader
from rollout.questionnaire.answers import Layer, load_saved, saved_layer
from rollout.questionnaire.model import Question, Questionnaire
from rollout.questionnaire.prompts import fit, prompt_for
from rollout.questionnaire.session import Respondent, run

ORIGINAL_ASK = rollout.prompting.ask
DOWN = "\x1b[B"
ENTER = "\r"
CTRL_C = "\x03"


@pytest.fixture
def pipe() -> Iterator[PipeInput]:
    with create_pipe_input() as inp:
        yield inp


@pytest.fixture
def sample(ws_root: Path) -> Questionnaire:
    from rollout.workspace import load

    return loader.bind(loader.get("sample", ws_root), load(ws_root))


def ask(question: Question, pipe: PipeInput, keys: str, default: Any = None) -> Any:
    pipe.send_text(keys)
    return prompt_for(question, default=default, input=pipe, output=DummyOutput())


def q(sample: Questionnaire, qid: str) -> Question:
    found = sample.question(qid)
    assert found is not None
    return found


def test_likert_by_number_key(sample: Questionnaire, pipe: PipeInput) -> None:
    assert ask(q(sample, "lik"), pipe, "4" + ENTER) == 4


def test_likert_by_arrows_from_default(sample: Questionnaire, pipe: PipeInput) -> None:
    assert ask(q(sample, "lik"), pipe, DOWN + ENTER, default=2) == 3


def test_yes_no(sample: Questionnaire, pipe: PipeInput) -> None:
    assert ask(q(sample, "yn"), pipe, "n") is False
    assert ask(q(sample, "yn"), pipe, "y") is True
    assert ask(q(sample, "yn"), pipe, ENTER, default=True) is True


def test_single_choice(sample: Questionnaire, pipe: PipeInput) -> None:
    assert ask(q(sample, "one"), pipe, DOWN + ENTER) == "b"
    assert ask(q(sample, "one"), pipe, ENTER, default="b") == "b"


def test_multiple_choice(sample: Questionnaire, pipe: PipeInput) -> None:
    assert ask(q(sample, "many"), pipe, " " + DOWN + DOWN + " " + ENTER) == ["x", "z"]
    assert ask(q(sample, "many"), pipe, DOWN + " " + ENTER, default=["x"]) == ["x", "y"]


def test_multiple_choice_required_refuses_none_then_accepts(sample: Questionnaire, pipe: PipeInput) -> None:
    assert ask(q(sample, "many"), pipe, ENTER + " " + ENTER) == ["x"]


def test_optional_multiple_choice_accepts_none(sample: Questionnaire, pipe: PipeInput) -> None:
    assert ask(q(sample, "pick"), pipe, ENTER) == []


def test_number_out_of_bounds_is_asked_again(sample: Questionnaire, pipe: PipeInput) -> None:
    # 42 is refused by the validator (above the maximum), erased, then 7 is accepted.
    assert ask(q(sample, "num"), pipe, "42" + ENTER + "\x7f\x7f" + "7" + ENTER) == 7


def test_number_that_is_not_a_number_is_asked_again(sample: Questionnaire, pipe: PipeInput) -> None:
    assert ask(q(sample, "num"), pipe, "lots" + ENTER + "\x7f" * 4 + "2.5" + ENTER) == 2.5


def test_text_optional_and_default(sample: Questionnaire, pipe: PipeInput) -> None:
    assert ask(q(sample, "why"), pipe, "Because" + ENTER) == "Because"
    assert ask(q(sample, "why"), pipe, ENTER) is None
    assert ask(q(sample, "why"), pipe, "!" + ENTER, default="Saved") == "!"  # typed replaces (fe21 #10)
    assert ask(q(sample, "why"), pipe, ENTER, default="Saved") == "Saved"  # Enter keeps


def test_ctrl_c_and_ctrl_d_abort(sample: Questionnaire, pipe: PipeInput) -> None:
    with pytest.raises(Aborted):
        ask(q(sample, "lik"), pipe, CTRL_C)
    with pytest.raises(Aborted):
        ask(q(sample, "why"), pipe, "\x04")


def test_fit_wraps_between_words() -> None:
    text = "word " * 30
    wrapped = fit(text.strip(), "(1–5, Enter)", width=40)
    lines = wrapped.split("\n")
    assert all(len(line) <= 40 for line in lines)
    assert all(not line.strip().startswith("ord") for line in lines)
    assert wrapped.replace("\n  ", " ").split() == text.split()


# --- whole sessions -----------------------------------------------------------------


def _session(
    root: Path,
    questionnaire: Questionnaire,
    pipe: PipeInput,
    keys: list[str],
    monkeypatch: pytest.MonkeyPatch,
    **kw: Any,
) -> Any:
    """Run a whole session; ``keys`` holds the keystrokes of each prompt, sent as it opens."""
    pending = list(keys)
    original = ORIGINAL_ASK

    def ask_next(question: Any) -> Any:
        assert pending, "a question was asked that the test did not expect"
        pipe.send_text(pending.pop(0))
        return original(question)

    monkeypatch.setattr(rollout.prompting, "ask", ask_next)
    saved = load_saved(root, questionnaire.id, "ana")
    shown: list[str] = []
    result = run(
        root,
        questionnaire,
        Respondent("ana", "CEO", "mini", date(2027, 2, 15)),
        given=kw.pop("given", []),
        saved=saved_layer(saved, "saved"),
        interactive=True,
        echo=shown.append,
        io={"input": pipe, "output": DummyOutput()},
        resume_command="rollout ask sample --respondent ana",
        **kw,
    )
    assert not pending, f"questions not asked: {pending}"
    return result, shown


def test_session_condition_asks_follow_up_only_when_it_holds(
    ws_root: Path, sample: Questionnaire, pipe: PipeInput, monkeypatch: pytest.MonkeyPatch
) -> None:
    # yn = no, so "why" is asked after the number (the text "because").
    keys = ["4" + ENTER, "n", ENTER, " " + ENTER, "5" + ENTER, "because" + ENTER, ENTER]
    result, shown = _session(ws_root, sample, pipe, keys, monkeypatch)
    assert result.answers == {"lik": 4, "yn": False, "why": "because", "one": "a", "many": ["x"], "num": 5, "pick": []}
    assert result.asked == 7
    assert any("Sample questionnaire" in s for s in shown)


def test_session_skips_follow_up_when_condition_fails(
    ws_root: Path, sample: Questionnaire, pipe: PipeInput, monkeypatch: pytest.MonkeyPatch
) -> None:
    keys = ["4" + ENTER, "y", ENTER, " " + ENTER, "5" + ENTER, ENTER]
    result, _ = _session(ws_root, sample, pipe, keys, monkeypatch)
    assert "why" not in result.answers
    assert result.asked == 6


def test_given_answers_are_not_asked(
    ws_root: Path, sample: Questionnaire, pipe: PipeInput, monkeypatch: pytest.MonkeyPatch
) -> None:
    given = [Layer("--data", {"lik": "2", "yn": "yes", "one": "b", "many": "y", "pick": "sales"})]
    result, _ = _session(ws_root, sample, pipe, ["9" + ENTER], monkeypatch, given=given)
    assert result.asked == 1
    assert result.answers == {"lik": 2, "yn": True, "one": "b", "many": ["y"], "num": 9, "pick": ["sales"]}


def test_ctrl_c_keeps_answers_and_resume_continues(
    ws_root: Path, sample: Questionnaire, pipe: PipeInput, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Answer two questions, then Ctrl-C at the third.
    with pytest.raises(Aborted) as info:
        _session(ws_root, sample, pipe, ["3" + ENTER, "n", CTRL_C], monkeypatch)
    assert info.value.exit_code == 130
    assert "2 answer" in info.value.message and "assessments/sample/ana.yaml" in info.value.message
    assert "--resume" in info.value.hint
    saved = load_saved(ws_root, "sample", "ana")
    assert saved is not None and saved.complete is False
    assert saved.answers == {"lik": 3, "yn": False}
    # --resume asks only what is left, including the follow-up that yn = no opened.
    keys = [ENTER, " " + ENTER, "1" + ENTER, "later" + ENTER, ENTER]
    result, shown = _session(ws_root, sample, pipe, keys, monkeypatch, resume=True)
    assert result.asked == 5
    assert result.answers["lik"] == 3 and result.answers["why"] == "later" and result.answers["num"] == 1
    assert any("Resuming" in s for s in shown)
    final = load_saved(ws_root, "sample", "ana")
    assert final is not None and final.complete is True


def test_ctrl_c_before_any_answer_saves_nothing(
    ws_root: Path, sample: Questionnaire, pipe: PipeInput, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(Aborted, match="nothing was saved"):
        _session(ws_root, sample, pipe, [CTRL_C], monkeypatch)
    assert load_saved(ws_root, "sample", "ana") is None


def test_without_resume_saved_answers_are_the_defaults(
    ws_root: Path, sample: Questionnaire, pipe: PipeInput, monkeypatch: pytest.MonkeyPatch
) -> None:
    _session(ws_root, sample, pipe, ["4" + ENTER, "y", ENTER, " " + ENTER, "5" + ENTER, ENTER], monkeypatch)
    # Enter everywhere keeps each saved answer.
    result, _ = _session(ws_root, sample, pipe, [ENTER] * 6, monkeypatch)
    assert result.answers == {"lik": 4, "yn": True, "one": "a", "many": ["x"], "num": 5, "pick": []}

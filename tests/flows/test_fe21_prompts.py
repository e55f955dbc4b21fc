"""fe21 #10: a prompt that offers a previous answer says "(Enter keeps 7)" and starts empty, so a
typed answer replaces it (a pre-filled editable ``7`` made a typed ``8`` into ``78``).

Every such prompt: the check-in's confidence, the review's date, the drafting prompts
(owner, baseline/target, metric, unit of measure, due) and the questionnaire's numbers and lines.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from rollout.questionnaire.model import Question
from rollout.workspace import load
from tests.flows.conftest import ENTER, ESC_ENTER, piped
from tests.flows.fe21_ws import write


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return write(tmp_path / "w1")


def test_typed_confidence_replaces_last_weeks(root: Path) -> None:
    from rollout.flows.checkin import plan_checkin
    from rollout.flows.checkin_prompt import interactive_checkin

    ws = load(root)
    items = plan_checkin(ws, "sales", ws.cycles["2027-Q1"])  # s-a-kr1 (16, confidence 7), s-a-kr2 (4, 9)
    keys = ["1,250" + ENTER, "8" + ENTER, ENTER, ENTER, ENTER, ENTER, "y"]
    with piped(*keys):
        records = interactive_checkin(items, day=date(2027, 2, 12), author="ben", unit_name="Sales")
    assert [(r["kr"], r["value"], r.get("confidence")) for r in records] == [
        ("s-a-kr1", 1250, 8),  # typed 8, not 78
        ("s-a-kr2", 4, 9),  # Enter keeps the value and the confidence
    ]


def test_the_confidence_prompt_says_what_enter_keeps(root: Path) -> None:
    from rollout.flows import ui

    shown: list[str] = []

    def text(message: str, default: str = "", validate: Any = None, instruction: str | None = None) -> str:
        shown.append(message)
        assert default == ""  # the input starts empty
        return ""

    original = ui.text
    ui.text = text  # type: ignore[assignment]
    try:
        assert ui.keep_text("Confidence", "7") == "7"
        assert ui.keep_text("Owner", "ana", clear=True) == "ana"
    finally:
        ui.text = original  # type: ignore[assignment]
    assert shown == ["Confidence (Enter keeps 7):", "Owner (Enter keeps ana, - for none):"]


def test_review_date_typed_replaces_the_suggested_one(root: Path) -> None:
    from rollout.flows.review import interactive_review

    ws = load(root)
    keys = ["2027-02-10" + ENTER, ENTER, "Pipeline review" + ESC_ENTER, ENTER, ENTER]
    with piped(*keys):
        record = interactive_review(ws, "sales", "2027-Q1", date(2027, 2, 15))
    assert record["date"] == date(2027, 2, 10)
    keys = [ENTER, ENTER, "Pipeline review" + ESC_ENTER, ENTER, ENTER]
    with piped(*keys):
        record = interactive_review(ws, "sales", "2027-Q1", date(2027, 2, 15))
    assert record["date"] == date(2027, 2, 15)  # Enter keeps the suggested day


def test_drafting_numbers_and_people_typed_replace_enter_keeps_dash_clears(root: Path) -> None:
    from rollout.flows.drafting.prompts import ask_number, ask_person

    session: Any = SimpleNamespace(ws=load(root))
    with piped("8" + ENTER):
        assert ask_number("Target:", 5) == 8
    with piped(ENTER):
        assert ask_number("Target:", 5) == 5
    with piped("-" + ENTER):
        assert ask_number("Target:", 5) is None
    with piped("ben" + ENTER):
        assert ask_person("Owner:", session, "ana") == "ben"
    with piped(ENTER):
        assert ask_person("Owner:", session, "ana") == "ana"


@pytest.mark.parametrize(
    ("kind", "previous", "typed", "expected"),
    [("number", 6, "8", 8), ("number", 6, "", 6), ("text", "Ana", "Ben", "Ben"), ("text", "Ana", "", "Ana")],
)
def test_questionnaire_numbers_and_lines_typed_replace(kind: str, previous: Any, typed: str, expected: Any) -> None:
    from rollout.questionnaire.prompts import prompt_for

    question = Question.model_validate({"id": "q", "kind": kind, "text": "How many?"})
    with create_pipe_input() as inp, create_app_session(input=inp, output=DummyOutput()):
        inp.send_text(typed + ENTER)
        assert prompt_for(question, default=previous, input=inp, output=DummyOutput()) == expected

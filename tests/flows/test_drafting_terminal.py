"""`rollout draft` in a real terminal (a pseudo-terminal): Ctrl-C keeps the objective being typed
and the count of saved objectives is right (issue 15, part 6)."""

from __future__ import annotations

import pytest

from rollout.workspace import load
from tests.conftest import WorkspaceFactory
from tests.flows.test_terminal import Terminal


@pytest.mark.e2e
def test_ctrl_c_in_a_real_terminal_keeps_the_objective_being_typed(make_ws: WorkspaceFactory) -> None:
    root = make_ws()
    term = Terminal(["-m", "rollout", "draft", "--unit", "sales"], cwd=root)
    term.expect("What now?")
    term.send("\r")  # Add objective 2
    term.expect("Objective:")
    term.send("Answer every delivery question on the first call\r")
    term.expect("Owner")
    term.send("\r")
    term.expect("Which company objective does it support?")
    term.send("\r")
    term.expect("Key result")
    term.expect("Key result \\(an outcome you can measure\\):")
    term.send("Raise first-call resolution from 60% to 80%\r")
    for answer in ("First-call resolution\r", "\r", "60\r", "80\r", "%\r", "\r", "\r"):
        term.expect(r"\?|:")
        term.send(answer)
    term.expect("Key result 2")
    term.expect("Key result \\(an outcome you can measure\\):")
    term.send("Cut repeat ca")
    term.send("\x03")  # Ctrl-C halfway through the second key result
    term.expect(r"stopped; the 1 objective saved in this session is kept; the objective being typed was kept")
    code = term.wait()
    assert code == 130
    saved = load(root).objectives["sales-answer-delivery-question"]
    assert [kr.title for kr in saved.key_results] == ["Raise first-call resolution from 60% to 80%"]

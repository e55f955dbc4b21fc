"""fe21 #8: ``rollout ask … --defaults`` names every question without an answer in one run,
including the one asked only after a missing answer (readiness: owner-hours after program-owner)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.flows.conftest import call
from tests.flows.fe21_ws import snapshot, write


def test_every_missing_answer_is_named_at_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = write(tmp_path / "w1")
    before = snapshot(root)
    code, _out, err = call(["ask", "readiness", "-r", "ana", "--defaults", "-w", str(root)], capsys)
    assert code == 2 and "Traceback" not in err
    assert "no answer and no default for: " in err
    for question in ("priority-count", "review-frequency", "program-owner", "leaders-take-part"):
        assert question in err, (question, err)
    assert " more" not in err  # every one named, none left for the next run
    assert "owner-hours too if the answer to program-owner asks for it" in err
    assert snapshot(root) == before


def test_a_question_whose_condition_is_answered_is_named_plainly_or_not_at_all(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write(tmp_path / "w1")
    code, _out, err = call(
        ["ask", "readiness", "-r", "ana", "--defaults", "-w", str(root), "--data", "program-owner=none"], capsys
    )
    assert code == 2 and "owner-hours" not in err  # not asked when there is no program owner
    code, _out, err = call(
        ["ask", "readiness", "-r", "ana", "--defaults", "-w", str(root), "--data", "program-owner=no-time"], capsys
    )
    assert code == 2 and "owner-hours" in err and "owner-hours too if" not in err

"""End to end in a real terminal (pexpect): answer, Ctrl-C, resume."""

from __future__ import annotations

import sys
from pathlib import Path

import pexpect
import pytest
import yaml

pytestmark = pytest.mark.e2e


def spawn(root: Path, *extra: str) -> pexpect.spawn:
    child = pexpect.spawn(
        sys.executable,
        ["-m", "rollout", "ask", "sample", "-w", str(root), "--respondent", "ana", *extra],
        dimensions=(30, 100),
        encoding="utf-8",
        timeout=20,
        env={"TERM": "xterm", "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "PYTHONPATH": str(Path.cwd())},
    )
    return child


def test_answer_everything_in_a_terminal(ws_root: Path) -> None:
    child = spawn(ws_root)
    child.expect("Sample questionnaire — 7 questions")
    child.expect(r"\(1/7\) How true is it\?")
    child.send("4\r")
    child.expect(r"\(2/7\) Is it so\?")
    child.send("n")
    child.expect(r"\(3/7\) Which one\?")
    child.send("\x1b[B\r")
    child.expect(r"\(4/7\) Which ones\?")
    child.send(" \r")
    child.expect(r"\(5/7\) How many\?")
    child.send("42\r")
    child.expect("above the maximum 10")
    child.send("\x7f\x7f5\r")
    child.expect(r"\(6/7\) Why not\?")
    child.send("Busy quarter\r")
    child.expect(r"\(7/7\) Which departments\?")
    child.send("\r")
    child.expect("Saved 7 answers of Ana Lima to assessments/sample/ana.yaml")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    saved = yaml.safe_load((ws_root / "assessments/sample/ana.yaml").read_text(encoding="utf-8"))
    assert saved["complete"] is True
    assert saved["answers"] == {
        "lik": 4,
        "yn": False,
        "one": "b",
        "many": ["x"],
        "num": 5,
        "why": "Busy quarter",
        "pick": [],
    }


def test_ctrl_c_then_resume_in_a_terminal(ws_root: Path) -> None:
    child = spawn(ws_root)
    child.expect(r"How true is it\?")
    child.send("2\r")
    child.expect(r"Is it so\?")
    child.send("\x03")
    child.expect("1 answer saved so far in assessments/sample/ana.yaml")
    child.expect("--resume")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    child = spawn(ws_root, "--resume")
    child.expect("Resuming")
    child.expect(r"\(2/7\) Is it so\?")
    child.close(force=True)

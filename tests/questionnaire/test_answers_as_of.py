"""Questionnaire answers and as-of (issue 12: one as-of date everywhere).

Check-ins dated after as-of count in no figure and are refused at every door; answers to a
questionnaire were neither: ``rollout ask --date`` took any day, and the readiness report,
the phase gate and the retrospective counted answers dated after as-of. Now the figures use
:attr:`Workspace.answered`, the door refuses such a date, and OKR412 reports a file that has one.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from rollout.rules import check_workspace
from rollout.workspace import load
from tests.questionnaire.conftest import write
from tests.questionnaire.test_cli import call

ANSWERS = "lik: 4\nyn: yes\none: b\nmany: [x]\nnum: 5\n"  # ws_root's as_of is 2027-02-15


def _tree(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".rollout" not in p.parts
    }


def test_ask_refuses_a_date_after_as_of_and_writes_nothing(ws_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = write(ws_root.parent / "answers.yaml", ANSWERS)
    before = _tree(ws_root)
    args = ["ask", "sample", "-w", str(ws_root), "-r", "ben", "--answers", str(answers), "--date", "2027-03-01"]
    code, _out, err = call(args, capsys)
    assert code != 0
    assert "answers date 2027-03-01 is after as-of (2027-02-15); no figure would use them until then" in err
    assert "change --date to a day on or before 2027-02-15" in err
    assert "Traceback" not in err
    assert _tree(ws_root) == before


def test_ask_takes_a_date_on_as_of(ws_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = write(ws_root.parent / "answers.yaml", ANSWERS)
    args = ["ask", "sample", "-w", str(ws_root), "-r", "ben", "--answers", str(answers), "--date", "2027-02-15"]
    code, _out, err = call(args, capsys)
    assert code == 0, err


def test_answers_dated_later_count_in_no_figure_and_are_reported(
    ws_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for person in ("ana", "ben"):
        answers = write(ws_root.parent / f"{person}.yaml", ANSWERS)
        code, _out, err = call(["ask", "sample", "-w", str(ws_root), "-r", person, "--answers", str(answers)], capsys)
        assert code == 0, err
    saved = ws_root / "assessments" / "sample" / "ben.yaml"
    text = saved.read_text(encoding="utf-8")
    saved.write_text(text.replace("2027-02-15", "2028-02-15"), encoding="utf-8")  # a typo in the year

    from rollout.questionnaire.report import readiness_report

    ws = load(ws_root)
    assert [a.respondent for a in ws.answered] == ["ana"]
    report = readiness_report(ws, "sample")
    assert [r.person for r in report.respondents] == ["ana"]
    (finding,) = [f for f in check_workspace(ws) if f.code == "OKR412"]
    assert (
        finding.file == "assessments/sample/ben.yaml"
        and finding.line
        == text.splitlines().index(next(line for line in text.splitlines() if line.startswith("date:"))) + 1
    )
    assert finding.message == (
        "Answers of ben to sample are dated 2028-02-15, after as-of (2027-02-15); no figure uses them yet."
    )

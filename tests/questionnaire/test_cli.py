"""The commands: questionnaires, ask, readiness, readiness report; no terminal never hangs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from rollout.cli import main
from tests.questionnaire.conftest import write


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "rollout", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )


def call(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as caught:
        main(args)
    out, err = capsys.readouterr()
    return int(caught.value.code or 0), out, err


@pytest.mark.parametrize("command", [["ask", "sample"], ["readiness"]])
def test_no_terminal_exits_at_once_naming_the_options(ws_root: Path, command: list[str]) -> None:
    result = run(*command, "-w", str(ws_root), "--respondent", "ana")
    assert result.returncode != 0
    assert "stdin is not a terminal" in result.stderr
    assert "--answers FILE" in result.stderr and "--defaults" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (ws_root / "assessments").exists()


def test_ask_from_answers_file_saves_the_assessment(ws_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = write(ws_root.parent / "answers.yaml", "lik: 4\nyn: yes\none: b\nmany: [x]\nnum: 5\n")
    code, out, err = call(["ask", "sample", "-w", str(ws_root), "-r", "ben", "--answers", str(answers)], capsys)
    assert code == 0, err
    assert "Saved 5 answers of Ben Okoro to assessments/sample/ben.yaml" in out
    assert "Leaders first" in out  # the respondent's own result
    saved = yaml.safe_load((ws_root / "assessments/sample/ben.yaml").read_text(encoding="utf-8"))
    assert saved["questionnaire"] == "sample" and saved["version"] == 2
    assert saved["respondent"] == "ben" and saved["role"] == "Head of Sales" and saved["unit"] == "sales"
    assert saved["date"] == "2027-02-15" or str(saved["date"]) == "2027-02-15"  # the workspace's as_of
    assert saved["complete"] is True
    assert saved["answers"] == {"lik": 4, "yn": True, "one": "b", "many": ["x"], "num": 5}


def test_bad_answer_names_file_line_and_question_and_writes_nothing(
    ws_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = write(ws_root.parent / "answers.yaml", "lik: 4\nyn: yes\none: b\nmany: [x]\nnum: 50\n")
    code, _out, err = call(["ask", "sample", "-w", str(ws_root), "-r", "ben", "--answers", str(answers)], capsys)
    assert code == 2
    assert f"{answers}:5:1: num: answer to 'num' does not fit: 50 is above the maximum 10" in err
    assert not (ws_root / "assessments").exists()


def test_data_options_and_defaults(ws_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["ask", "sample", "-w", str(ws_root), "-r", "ana", "--defaults"]
    data = ["-d", "lik=3", "-d", "one=a", "-d", "many=x,z", "-d", "num=4"]
    code, _out, err = call(args + data, capsys)
    assert code == 0, err
    saved = yaml.safe_load((ws_root / "assessments/sample/ana.yaml").read_text(encoding="utf-8"))
    assert saved["answers"] == {"lik": 3, "yn": True, "one": "a", "many": ["x", "z"], "num": 4}


def test_replaying_a_saved_file(ws_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    call(["ask", "sample", "-w", str(ws_root), "-r", "ana", "--defaults", "-d", "lik=3", "-d", "one=a",
          "-d", "many=x", "-d", "num=4"], capsys)  # fmt: skip
    saved = ws_root / "assessments/sample/ana.yaml"
    code, out, err = call(["ask", "sample", "-w", str(ws_root), "--answers", str(saved), "-d", "lik=5"], capsys)
    assert code == 0, err
    assert "Ana Lima" in out  # the respondent comes from the replayed file
    assert yaml.safe_load(saved.read_text(encoding="utf-8"))["answers"]["lik"] == 5


def test_unknown_person_and_questionnaire(ws_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = call(["ask", "sample", "-w", str(ws_root), "-r", "zed", "--defaults"], capsys)
    assert code == 2 and "unknown person 'zed'" in err
    code, _, err = call(["ask", "nope", "-w", str(ws_root), "-r", "ana", "--defaults"], capsys)
    assert code == 2 and "unknown questionnaire 'nope'" in err


def test_questionnaires_lists_bundled_and_local(ws_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = call(["questionnaires", str(ws_root)], capsys)
    assert code == 0
    assert "readiness" in out and "sample" in out and "workspace" in out
    code, out, _ = call(["questionnaires", str(ws_root), "--format", "json"], capsys)
    listed = {q["id"]: q for q in json.loads(out)}
    assert listed["sample"]["origin"] == "workspace" and listed["readiness"]["origin"] == "bundled"
    assert listed["readiness"]["sections"] == 7


def test_broken_local_questionnaire_is_reported(ws_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(ws_root / "questionnaires" / "broken.yaml", "id: broken\nversion: 1\ntitle: B\nquestions: []\nextra: 1\n")
    code, _, err = call(["questionnaires", str(ws_root)], capsys)
    assert code == 2
    assert "questionnaires/broken.yaml:5:1: extra: unknown key" in err


def test_readiness_report_text_and_json(demo_source: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = call(["readiness", "report", str(demo_source)], capsys)
    assert code == 0, err
    assert "Metric discipline" in out and "⚠" in out
    assert "Respondents disagree on metric discipline" in out
    assert "Recommended strategy: Leadership-first pilot" in out
    code, out, _ = call(["readiness", "report", str(demo_source), "--format", "json"], capsys)
    data = json.loads(out)
    assert data["respondent_count"] >= 4 and data["disagreements"] == ["metric-discipline"]
    code, out, _ = call(["readiness", "report", str(demo_source), "-q", "pilot-retrospective"], capsys)
    assert code == 0 and "What should change before expanding?" in out


def test_questionnaire_schema_for_editors(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = call(["questionnaires", "--schema"], capsys)
    schema = json.loads(out)
    assert code == 0 and schema["title"] == "Questionnaire"
    assert "in" in schema["$defs"]["Condition"]["properties"]

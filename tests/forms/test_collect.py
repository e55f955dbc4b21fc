"""``rollout collect``: good, duplicate, incomplete, hostile and wrong-kind files."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

GOOD_ANSWERS = """\
questionnaire: cycle-retrospective
version: {version}
respondent: {who}
date: 2026-11-24
complete: true
answers:
{answers}
"""


def _run(root: Path, *args: str) -> Any:
    from rollout.cli import cli

    return CliRunner().invoke(cli, ["collect", *args, "-w", str(root)])


def _snapshot(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".rollout" not in p.parts
    }


def _answers_file(root: Path, tmp: Path, who: str, *, drop: int = 0, complete: bool = True, name: str = "") -> Path:
    """A complete answers file to the cycle retrospective (the defaults, or the first options)."""
    from rollout.questionnaire.loader import bind, get
    from rollout.workspace import load

    q = bind(get("cycle-retrospective", root), load(root))
    lines = []
    for question in q.all_questions()[drop:]:
        if not question.required or question.when is not None:
            continue
        value: Any = {
            "likert": 4,
            "yes_no": "true",
            "number": question.min if question.min is not None else 1,
            "text": "fine",
        }.get(question.kind)
        if question.kind in ("single", "multiple"):
            value = question.options[0].value if question.options else None
            if question.kind == "multiple":
                value = f"[{value}]"
        lines.append(f"  {question.id}: {value}")
    text = GOOD_ANSWERS.format(version=q.version, who=who, answers="\n".join(lines))
    if not complete:
        text = text.replace("complete: true", "complete: false")
    path = tmp / (name or f"cycle-retrospective-{who}.yaml")
    path.write_text(text, encoding="utf-8")
    return path


def _checkin_csv(tmp: Path, rows: str, name: str = "checkin-hr-2026-11-24.csv") -> Path:
    path = tmp / name
    path.write_text("unit,cycle,kr,key_result,value,confidence,note,date,author\n" + rows, encoding="utf-8")
    return path


def test_good_files_are_saved_and_listed(demo_copy: Path, tmp_path: Path) -> None:
    from rollout.workspace import load

    answers = _answers_file(demo_copy, tmp_path, "grace-okafor")
    checkins = _checkin_csv(tmp_path, "hr,2026-Q4,hr-hire-frontline-kr1,Time to fill,23,7,On track,2026-11-24,\n")
    result = _run(demo_copy, str(tmp_path))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["File", "Kind", "Who", "Result"]
    assert any(
        line.startswith("checkin-hr-2026-11-24.csv") and "check-ins" in line and " hr " in line for line in lines
    )
    assert any(answers.name in line and "grace-okafor" in line and "saved" in line for line in lines)
    ws = load(demo_copy)  # the workspace still loads: what was written is valid
    assert ws.latest_checkin("hr-hire-frontline-kr1").value == 23  # type: ignore[union-attr]
    saved = (demo_copy / "assessments/cycle-retrospective/grace-okafor.yaml").read_text(encoding="utf-8")
    assert "rollout collect" in saved and "complete: true" in saved
    assert checkins.is_file() and answers.is_file()  # the files collected are left where they were


def test_duplicates_are_not_written_twice(demo_copy: Path, tmp_path: Path) -> None:
    _answers_file(demo_copy, tmp_path, "grace-okafor")
    _checkin_csv(tmp_path, "hr,2026-Q4,hr-hire-frontline-kr1,,23,7,,2026-11-24,\n")
    assert _run(demo_copy, str(tmp_path)).exit_code == 0
    before = _snapshot(demo_copy)
    again = _run(demo_copy, str(tmp_path))
    assert again.exit_code == 0
    assert again.output.count("already collected") >= 2
    assert _snapshot(demo_copy) == before
    # the same key result and date with another value is refused: check-ins are append-only
    _checkin_csv(tmp_path, "hr,2026-Q4,hr-hire-frontline-kr1,,29,7,,2026-11-24,\n", name="other.csv")
    clash = _run(demo_copy, str(tmp_path / "other.csv"))
    assert clash.exit_code == 1 and "already has a check-in on 2026-11-24" in clash.output
    assert _snapshot(demo_copy) == before


def test_a_complete_answer_is_replaced_only_with_replace(demo_copy: Path, tmp_path: Path) -> None:
    first = _answers_file(demo_copy, tmp_path, "grace-okafor")
    assert _run(demo_copy, str(first)).exit_code == 0
    changed = first.read_text(encoding="utf-8").replace(": 4\n", ": 2\n", 1)
    first.write_text(changed, encoding="utf-8")
    before = _snapshot(demo_copy)
    refused = _run(demo_copy, str(first))
    assert refused.exit_code == 1 and "--replace" in refused.output
    assert _snapshot(demo_copy) == before
    replaced = _run(demo_copy, str(first), "--replace")
    assert replaced.exit_code == 0 and "replaced" in replaced.output


def test_incomplete_files(demo_copy: Path, tmp_path: Path) -> None:
    before = _snapshot(demo_copy)
    # marked complete, but required answers are missing: refused, naming the questions
    partial = _answers_file(demo_copy, tmp_path, "grace-okafor", drop=3)
    result = _run(demo_copy, str(partial))
    assert result.exit_code == 1
    assert "required questions are not answered" in result.output and f"{partial}:5:" in result.output
    assert _snapshot(demo_copy) == before
    # honestly in progress: kept as in progress, to finish with `rollout ask --resume`
    progress = _answers_file(demo_copy, tmp_path, "grace-okafor", drop=3, complete=False, name="p.yaml")
    result = _run(demo_copy, str(progress))
    assert result.exit_code == 0 and "saved (in progress)" in result.output
    # a check-in whose confidence is off the scale
    empty = _checkin_csv(tmp_path, "hr,2026-Q4,hr-hire-frontline-kr1,,,11,,2026-11-24,\n", name="e.csv")
    result = _run(demo_copy, str(empty))
    assert result.exit_code == 1 and "e.csv:2" in result.output


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("bomb.yaml", "a: &a [1, 2]\nb: *a\nquestionnaire: readiness\nanswers: {}\n", "alias"),
        ("deep.yaml", "questionnaire: readiness\nanswers: " + "[" * 60 + "]" * 60 + "\n", "deep"),
        ("binary.yaml", b"\xff\xfe\x00garbage", "UTF-8"),
        (
            "escape.yaml",
            "questionnaire: readiness\nversion: 1\nrespondent: ../../etc/passwd\ndate: 2026-11-24\nanswers: {}\n",
            "respondent",
        ),
        (
            "stranger.yaml",
            "questionnaire: readiness\nversion: 1\nrespondent: nobody-here\ndate: 2026-11-24\nanswers: {}\n",
            "unknown person 'nobody-here'",
        ),
        (
            "other-q.yaml",
            "questionnaire: ../secrets\nversion: 1\nrespondent: grace-okafor\ndate: 2026-11-24\nanswers: {}\n",
            "questionnaire",
        ),
        (
            "misfit.yaml",
            "questionnaire: readiness\nversion: 1\nrespondent: grace-okafor\ndate: 2026-11-24\n"
            "answers:\n  leaders-agree: 9\n  rm-rf: true\n",
            "misfit.yaml:6:",
        ),
        ("nul.csv", "kr,value\nhr-hire-frontline-kr1,\x0012\n", "is not a number"),
        ("unknown-kr.csv", "kr,value\nno-such-kr,12\n", "no key result 'no-such-kr'"),
        ("late.csv", "kr,value,date\nhr-hire-frontline-kr1,12,2031-01-01\n", "outside cycle 2026-Q4"),
        ("stranger.csv", "kr,value,author\nhr-hire-frontline-kr1,12,mallory\n", "unknown person 'mallory'"),
    ],
)
def test_hostile_files_are_refused_whole(
    demo_copy: Path, tmp_path: Path, name: str, content: str | bytes, expected: str
) -> None:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    before = _snapshot(demo_copy)
    result = _run(demo_copy, str(path))
    assert result.exit_code == 1, result.output
    assert "refused" in result.output and expected in result.output, result.output
    assert "Traceback" not in result.output
    assert _snapshot(demo_copy) == before


def test_a_huge_file_is_refused_unread(demo_copy: Path, tmp_path: Path) -> None:
    from rollout.forms.collect import MAX_FILE_BYTES

    path = tmp_path / "huge.csv"
    path.write_bytes(b"kr,value\n" + b"x" * (MAX_FILE_BYTES + 10))
    result = _run(demo_copy, str(path))
    assert result.exit_code == 1 and "larger than" in result.output


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("okrs.yaml", "objectives:\n  - id: x\n    title: Not a form file\n"),
        ("list.yaml", "- 1\n- 2\n"),
        ("sheet.csv", "name,score\nann,4\n"),
        ("empty.yaml", ""),
    ],
)
def test_wrong_kind_files_are_refused(demo_copy: Path, tmp_path: Path, name: str, content: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    before = _snapshot(demo_copy)
    result = _run(demo_copy, str(path))
    assert result.exit_code == 1
    assert "refused" in result.output
    assert _snapshot(demo_copy) == before


def test_one_bad_file_does_not_stop_the_good_ones(demo_copy: Path, tmp_path: Path) -> None:
    good = _checkin_csv(tmp_path, "hr,2026-Q4,hr-hire-frontline-kr1,,23,7,,2026-11-24,\n")
    bad = tmp_path / "bad.yaml"
    bad.write_text("questionnaire: readiness\nanswers: [\n", encoding="utf-8")
    result = _run(demo_copy, str(bad), str(good))
    assert result.exit_code == 1
    assert "1 saved" in result.output and "1 refused" in result.output
    assert "bad.yaml:" in result.output


def test_json_output(demo_copy: Path, tmp_path: Path) -> None:
    import json

    good = _checkin_csv(tmp_path, "hr,2026-Q4,hr-hire-frontline-kr1,,23,7,,2026-11-24,\n")
    result = _run(demo_copy, str(good), "--format", "json")
    data = json.loads(result.output)
    assert data[0]["kind"] == "check-ins" and data[0]["result"] == "saved"
    assert data[0]["written"] == "checkins/2026-Q4/hr.yaml"


def test_no_files_is_a_usage_error(demo_copy: Path, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    from rollout.errors import UsageError

    result = _run(demo_copy, str(tmp_path / "empty"))
    assert isinstance(result.exception, UsageError) and "no files to collect" in result.exception.message


def test_a_typed_back_xlsx_sheet_comes_through_the_same_door(demo_copy: Path, tmp_path: Path) -> None:
    """The sheet `rollout checkin --sheet` writes, filled in Excel, is collected like a form's file."""
    import openpyxl

    from rollout.flows.checkin_sheet import SHEET_HEADER, sheet_options, sheet_rows
    from rollout.tabular import write_sheet
    from rollout.workspace import load

    ws = load(demo_copy)
    rows = sheet_rows(ws, ws.cycle("2026-Q4"), "hr")
    path = tmp_path / "hr-week-48.xlsx"
    write_sheet(path, rows, **sheet_options(rows))
    book = openpyxl.load_workbook(path)
    sheet = book.active
    assert sheet is not None
    sheet.cell(row=2, column=SHEET_HEADER.index("New value") + 1, value=21)
    sheet.cell(row=2, column=SHEET_HEADER.index("Date") + 1, value="2026-11-24")
    book.save(path)
    result = _run(demo_copy, str(tmp_path))
    assert result.exit_code == 0, result.output
    assert "hr-week-48.xlsx" in result.output and "saved: 1 check-in" in result.output
    kr = str(rows[1][SHEET_HEADER.index("KR id")])
    assert load(demo_copy).latest_checkin(kr).value == 21  # type: ignore[union-attr]

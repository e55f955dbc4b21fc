"""Issue 12 item 10: one number parser for every way a value comes in; non-finite values refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from rollout.errors import LoadError
from rollout.flows.answers import as_float
from rollout.flows.checkin import parse_value
from rollout.metrics.values import check_finite, parse_number
from rollout.workspace import load
from tests.flows.conftest import call
from tests.metrics.builders import write_workspace


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        ("1250", None, 1250.0),
        ("1,250", None, 1250.0),  # thousands, never 1.25
        ("1,250,000", None, 1250000.0),
        ("1,250.5", None, 1250.5),
        ("1.250,5", None, 1250.5),
        ("1 250", None, 1250.0),
        ("1\u202f250", None, 1250.0),
        ("12.5", None, 12.5),
        ("1.250", None, 1.25),  # a decimal point
        ("0,75", None, 0.75),  # a decimal comma (not three digits)
        ("-3", None, -3.0),
        ("+4.5", None, 4.5),
        ("2e3", None, 2000.0),
        ("85%", None, 85.0),
        ("1,250 EUR", "EUR", 1250.0),
        ("EUR 1,250", "EUR", 1250.0),
        ("  42  ", None, 42.0),
    ],
)
def test_numbers_people_type(text: str, unit: str | None, expected: float) -> None:
    assert parse_number(text, unit) == expected
    assert parse_value(text, unit) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "nan",
        "NaN",
        "inf",
        "-inf",
        "infinity",
        "1e309",
        "1_000",
        "12abc",
        "1,25,0",
        "1.250.000",
        "1,2,3",
        "--1",
        ".",
    ],
)
def test_not_numbers(text: str) -> None:
    with pytest.raises(ValueError):
        parse_number(text)


@pytest.mark.parametrize("value", [float("nan"), float("inf"), -float("inf"), True, "1", None])
def test_check_finite_refuses(value: object) -> None:
    with pytest.raises(ValueError):
        check_finite(value)


def test_answers_files_use_the_same_parser() -> None:
    assert as_float("1,250", "answers.yaml", "baseline") == 1250.0
    assert as_float(0.5, "answers.yaml", "score") == 0.5
    for bad in (float("nan"), float("inf"), "nan", "1e309", True):
        with pytest.raises(Exception, match=r"answers\.yaml: baseline: "):
            as_float(bad, "answers.yaml", "baseline")


def _workspace(tmp_path: Path) -> Path:
    return write_workspace(tmp_path / "ws", objectives=[[{"unit_of_measure": "EUR"}]])


def test_checkin_flag_with_thousands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _workspace(tmp_path)
    code, _out, err = call(
        ["checkin", "co", "-w", str(root), "--value", "o1-kr1=1,250", "--date", "2027-02-15"], capsys
    )
    assert code == 0, err
    assert load(root).checkins["o1-kr1"][-1].value == 1250.0


@pytest.mark.parametrize("bad", ["nan", "inf", "1e309"])
def test_checkin_flag_refuses_non_finite(tmp_path: Path, capsys: pytest.CaptureFixture[str], bad: str) -> None:
    root = _workspace(tmp_path)
    before = sorted(str(p) for p in root.rglob("*") if ".rollout" not in p.parts)
    code, _out, err = call(["checkin", "co", "-w", str(root), "--value", f"o1-kr1={bad}"], capsys)
    assert code != 0 and "o1-kr1" in err and "Traceback" not in err
    assert sorted(str(p) for p in root.rglob("*") if ".rollout" not in p.parts) == before  # nothing written


def test_checkin_csv_names_the_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _workspace(tmp_path)
    sheet = tmp_path / "values.csv"
    sheet.write_text('kr,value\no1-kr1,"1,250"\no1-kr1,nan\n', encoding="utf-8")
    code, _out, err = call(["checkin", "co", "-w", str(root), "--csv", str(sheet)], capsys)
    assert code != 0 and "values.csv:3" in err and "Traceback" not in err
    sheet.write_text('kr,value,date\no1-kr1,"1,250",2027-02-15\n', encoding="utf-8")
    code, _out, err = call(["checkin", "co", "-w", str(root), "--csv", str(sheet)], capsys)
    assert code == 0, err
    assert load(root).checkins["o1-kr1"][-1].value == 1250.0


@pytest.mark.parametrize("bad", [".nan", ".inf", "-.inf", "1e309"])
def test_workspace_refuses_non_finite_check_in_values(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], bad: str
) -> None:
    root = _workspace(tmp_path)
    path = root / "checkins/2027-Q1/co.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"checkins:\n  - kr: o1-kr1\n    date: 2027-02-08\n    value: {bad}\n", encoding="utf-8")
    with pytest.raises(LoadError) as caught:
        load(root)
    [problem] = caught.value.problems
    assert (problem.file, problem.line) == ("checkins/2027-Q1/co.yaml", 4) and "value" in problem.field
    code, out, err = call(["validate", str(root)], capsys)
    assert code != 0 and "Traceback" not in err
    assert "value" in (out + err)


def test_workspace_refuses_non_finite_baseline(tmp_path: Path) -> None:
    root = write_workspace(tmp_path / "ws", objectives=[[{"baseline": float("inf")}]])
    with pytest.raises(LoadError) as caught:
        load(root)
    [problem] = caught.value.problems
    assert problem.file == "okrs/2027-Q1/co.yaml" and "baseline" in problem.field


@pytest.mark.parametrize(
    ("day", "words"),
    [
        ("2026-12-28", "outside cycle 2027-Q1 (it starts"),
        ("2027-04-02", "it ended on 2027-03-31"),
        ("2027-02-20", "after as-of (2027-02-15)"),  # issue 12 class 4: refused at entry, no longer only reported
    ],
)
def test_checkins_that_would_not_count_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], day: str, words: str
) -> None:
    root = _workspace(tmp_path)  # as-of 2027-02-15
    code, _out, err = call(["checkin", "co", "-w", str(root), "--value", "o1-kr1=5", "--date", day], capsys)
    assert code == 2 and words in err and "Traceback" not in err
    sheet = tmp_path / "late.csv"
    sheet.write_text(f"kr,value,date\no1-kr1,5,{day}\n", encoding="utf-8")
    code, _out, err = call(["checkin", "co", "-w", str(root), "--csv", str(sheet)], capsys)
    assert code == 2 and "late.csv:2:" in err and "date: " in err and words in err
    assert not (root / "checkins").exists()

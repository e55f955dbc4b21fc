"""Issue 12 / fe20 finding 19: error texts that said the wrong thing, or only half of it."""

from __future__ import annotations

from pathlib import Path

import pytest

from rollout.tabular import NumberError, parse_date
from tests.flows.conftest import call
from tests.metrics.builders import write_workspace


def _workspace(tmp_path: Path) -> Path:
    return write_workspace(tmp_path / "ws", objectives=[[{}, {}]], as_of="2027-03-31")


def test_a_slashed_date_that_is_no_day_says_so() -> None:
    with pytest.raises(NumberError) as caught:
        parse_date("31/11/2026")  # 31 November does not exist, nor does month 31
    assert str(caught.value) == "'31/11/2026' is not a day of the calendar"
    with pytest.raises(NumberError) as caught:
        parse_date("05/11/2026")  # both readings are days: ambiguous, as before
    assert "could be day/month or month/day" in str(caught.value)


def test_csv_with_two_misspelt_headers_reports_both(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _workspace(tmp_path)
    sheet = tmp_path / "wrongfields.csv"
    sheet.write_text("KR id,New valu,Confidance,Note,Date\no1-kr1,5,6,,2027-02-01\n", encoding="utf-8")
    code, _out, err = call(["checkin", "-w", str(root), "--csv", str(sheet)], capsys)
    assert code == 2
    assert "wrongfields.csv:1:1: header: missing required column: value" in err
    assert "wrongfields.csv:1:2: header: unknown column 'New valu' (did you mean 'value'?)" in err
    assert "wrongfields.csv:1:3: header: unknown column 'Confidance' (did you mean 'confidence'?)" in err


def _close(root: Path, tmp_path: Path, text: str, capsys: pytest.CaptureFixture[str]) -> str:
    answers = tmp_path / "close.yaml"
    answers.write_text(text, encoding="utf-8")
    before = (root / "cycles.yaml").read_bytes()
    code, _out, err = call(["close", "2027-Q1", "-w", str(root), "--answers", str(answers), "-y"], capsys)
    assert code == 2 and "Traceback" not in err
    assert (root / "cycles.yaml").read_bytes() == before and not (root / "reviews").exists()
    return err


def test_unknown_decision_lists_the_allowed_values_without_a_wrong_guess(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _workspace(tmp_path)
    err = _close(root, tmp_path, "decisions:\n  o1: finished\n", capsys)
    assert "decisions.o1: expected one of 'completed', 'carried_over', 'refined' or 'dropped', not 'finished'" in err
    assert "did you mean 'refined'" not in err
    err = _close(root, tmp_path, "decisions:\n  o1: complted\n", capsys)
    assert "did you mean 'completed'?" in err  # a typo still gets its suggestion


def test_unquoted_underscore_number_gets_the_right_hint(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _workspace(tmp_path)
    err = _close(
        root, tmp_path, "overrides:\n  - {kr: o1-kr1, score: 1_0, reason: x}\ndefault_decision: dropped\n", capsys
    )
    assert "expected a number, not '1_0' (write it without underscores: 10)" in err
    assert "without quotes" not in err


def test_comma_in_a_flow_mapping_gets_a_hint_to_quote(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _workspace(tmp_path)
    err = _close(
        root,
        tmp_path,
        "overrides:\n  - {kr: o1-kr1, score: 1.0, reason: booked late, confirmed by finance}\n"
        "default_decision: dropped\n",
        capsys,
    )
    assert "overrides[0].confirmed by finance: unknown key" in err
    assert 'put the whole text in quotes, as in "…, confirmed by finance"' in err

"""Issue 12 class 5 / fe20 finding 10: the tool never writes a duplicate check-in itself.

``rollout checkin --csv`` of a file already saved (by itself or by ``rollout collect``) is
as idempotent as ``collect`` (one rule: rollout/flows/checkin_repeats.py); another value
on a day already checked in is refused at its row, as ``collect`` refuses it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rollout.workspace import load
from tests.flows.conftest import call
from tests.metrics.builders import write_workspace

FORM = (
    "unit,cycle,kr,key_result,value,confidence,note,date,author\r\n"
    "co,2027-Q1,o1-kr1,Move measure 1.1,45,6,,2027-02-15,ana\r\n"
    "co,2027-Q1,o1-kr2,Move measure 1.2,12,7,a note,2027-02-15,ana\r\n"
)


def _files(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".rollout" not in p.parts
    }


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return write_workspace(tmp_path / "ws", objectives=[[{}, {}]])


def _rules(root: Path, capsys: pytest.CaptureFixture[str]) -> str:
    _code, out, _err = call(["check", str(root)], capsys)
    return out


def test_csv_after_collect_writes_nothing(root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    form = tmp_path / "form.csv"
    form.write_text(FORM, encoding="utf-8")
    code, _out, err = call(["collect", str(form), "-w", str(root)], capsys)
    assert code == 0, err
    before = _files(root)
    code, out, err = call(["checkin", "-w", str(root), "--csv", str(form)], capsys)
    assert code == 0, err
    assert "Nothing new in form.csv: 2 check-ins saved before, none written again." in out
    assert _files(root) == before
    assert "OKR410" not in _rules(root, capsys)


def test_csv_twice_writes_once(root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    form = tmp_path / "form.csv"
    form.write_text(FORM, encoding="utf-8")
    assert call(["checkin", "-w", str(root), "--csv", str(form)], capsys)[0] == 0
    before = _files(root)
    code, out, _err = call(["checkin", "-w", str(root), "--csv", str(form)], capsys)
    assert code == 0 and "Nothing new" in out and _files(root) == before
    # one new row among repeats: only it is written, and the repeats are counted
    form.write_text(FORM + "co,2027-Q1,o1-kr1,Move measure 1.1,47,6,,2027-02-14,ana\r\n", encoding="utf-8")
    code, out, err = call(["checkin", "-w", str(root), "--csv", str(form)], capsys)
    assert code == 0, err
    assert "Saved 1 check-in to 1 file; 2 saved before, not written again" in out
    assert sorted(c.value for c in load(root).checkins["o1-kr1"]) == [45, 47]


def test_another_value_on_a_day_already_checked_in_is_refused_at_its_row(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    form = tmp_path / "form.csv"
    form.write_text(FORM, encoding="utf-8")
    assert call(["checkin", "-w", str(root), "--csv", str(form)], capsys)[0] == 0
    before = _files(root)
    form.write_text(FORM.replace(",45,6,", ",46,6,"), encoding="utf-8")
    code, _out, err = call(["checkin", "-w", str(root), "--csv", str(form)], capsys)
    assert code == 2
    assert "form.csv:2:3: kr: o1-kr1 already has a check-in on 2027-02-15 (value 45)" in err
    assert _files(root) == before

"""Issue 12 item 4: check-ins no figure uses are reported by `rollout check` and by the build."""

from __future__ import annotations

from pathlib import Path

import pytest

from rollout.metrics.analysis import analyze
from rollout.rules import check_workspace
from rollout.workspace import load
from tests.flows.conftest import call
from tests.metrics.builders import write_workspace

CHECKINS = [
    ("o1-kr1", "2027-03-29", 40, 8),  # used: 0.4
    ("o1-kr1", "2027-04-12", 80, 8),  # after the cycle
    ("o1-kr1", "2027-09-30", 100, 8),  # after the cycle and after as-of
    ("o1-kr2", "2027-02-08", 10, 8),
    ("o1-kr2", "2027-02-08", 20, 8),  # same day: this one counts, the one above is reported
]


def test_reported_by_check_with_file_and_line(tmp_path: Path) -> None:
    ws = load(write_workspace(tmp_path / "ws", objectives=[[{}, {}]], checkins=CHECKINS, as_of="2027-06-01"))
    found = {(f.code, f.line, f.kr) for f in check_workspace(ws) if f.code in ("OKR409", "OKR410")}
    # each check-in is 4 lines (kr, date, value, confidence) after "checkins:"; the date is its 2nd line
    assert found == {("OKR409", 7, "o1-kr1"), ("OKR409", 11, "o1-kr1"), ("OKR410", 15, "o1-kr2")}
    analysis = analyze(ws)
    assert analysis.key_results["o1-kr1"].score == pytest.approx(0.4)
    assert analysis.key_results["o1-kr2"].current == 20


def test_build_warns(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = write_workspace(tmp_path / "ws", objectives=[[{}, {}]], checkins=CHECKINS, as_of="2027-06-01")
    code, _out, err = call(["build", str(root), "--site", "--jobs", "1"], capsys)
    assert code == 0, err
    assert "3 check-ins are not used in any figure" in err

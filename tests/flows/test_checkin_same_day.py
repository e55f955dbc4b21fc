"""Issue 12 class 5 / fe20 finding 10: a same-day re-entry at the terminal replaces that day's check-in.

``rollout checkin UNIT --value`` five times on one day (a team lead correcting a typo) left
five records and four OKR410 warnings. Now the re-entry replaces the earlier check-in of
that day and says so; the same entry again writes nothing; OKR410 stays for hand-edited files.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rollout.workspace import load
from tests.flows.conftest import call
from tests.metrics.builders import write_workspace


def _checkin(root: Path, capsys: pytest.CaptureFixture[str], *values: str) -> str:
    args = ["checkin", "co", "-w", str(root), "--date", "2027-02-15"]
    for value in values:
        args += ["--value", value]
    code, out, err = call(args, capsys)
    assert code == 0, err
    return out


def test_same_day_reentry_replaces_and_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = write_workspace(tmp_path / "ws", objectives=[[{}, {}]], checkins=[("o1-kr1", "2027-02-08", 40, 6)])
    assert "Saved 1 check-in" in _checkin(root, capsys, "o1-kr1=45")
    out = _checkin(root, capsys, "o1-kr1=47")
    assert "Saved 1 check-in to checkins/2027-Q1/co.yaml; replaced the check-in of 2027-02-15 (was 45)." in out
    out = _checkin(root, capsys, "o1-kr1=47")
    assert "Nothing new" in out
    out = _checkin(root, capsys, "o1-kr1=48", "o1-kr2=3")
    assert "Saved 2 check-ins" in out and "replaced the check-in of o1-kr1 on 2027-02-15 (was 47)" in out
    ws = load(root)
    assert [(c.date.isoformat(), c.value) for c in ws.checkins["o1-kr1"]] == [("2027-02-08", 40), ("2027-02-15", 48)]
    assert [c.value for c in ws.checkins["o1-kr2"]] == [3]
    _code, report, _err = call(["check", str(root)], capsys)
    assert "OKR410" not in report


def test_hand_edited_duplicates_are_still_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = write_workspace(
        tmp_path / "ws",
        objectives=[[{}]],
        checkins=[("o1-kr1", "2027-02-08", 40, 6), ("o1-kr1", "2027-02-08", 41, 6)],
    )
    _code, report, _err = call(["check", str(root)], capsys)
    assert "OKR410" in report

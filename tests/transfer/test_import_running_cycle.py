"""fe20 finding 8: importing the quarter the organization is in.

A new cycle whose dates hold today (as-of) is added as ``running`` when no cycle runs. An
ended cycle still marked running with no OKRs (fe20's case: the first quarter of `rollout
init`, never used) is marked closed, and the new one runs. One with OKRs ("ended, not
closed") must be closed by a person: the new cycle is added as planned and the import says
so; the home page then says the old quarter ended and is not closed, instead of "100% of
the cycle elapsed".
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.transfer.conftest import call

SHEET = (
    "cycle,unit,objective,key_result,direction,baseline,target,owner\n"
    "FY27-Q2,Bread Line,Grow the mid-market,Win 20 deals,increase,0,20,Ana Lima\n"
)


def _fiscal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    root = tmp_path / "fy"
    args = ["init", str(root), "--organization", "Bread Line", "--cycle", "FY27-Q1"]
    code, _out, err = call([*args, "--start", "2026-07-01", "--end", "2026-09-30"], capsys)
    assert code == 0, err
    settings = root / "rollout.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "as_of: 2026-11-29\n", encoding="utf-8")
    people = root / "people.yaml"
    people.write_text("people:\n  - {id: ana-lima, name: Ana Lima}\n", encoding="utf-8")
    (tmp_path / "fy.csv").write_text(SHEET, encoding="utf-8")
    return root


def _statuses(root: Path) -> dict[str, str]:
    data = yaml.safe_load((root / "cycles.yaml").read_text(encoding="utf-8"))
    return {c["id"]: c["status"] for c in data["cycles"]}


def test_ended_not_closed_cycle_gets_a_warning_and_the_home_page_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _fiscal(tmp_path, capsys)
    with_q1 = SHEET + "FY27-Q1,Bread Line,Open the bakery,Bake 100 loaves,increase,0,100,Ana Lima\n"
    (tmp_path / "fy.csv").write_text(with_q1, encoding="utf-8")
    code, _out, err = call(["import", str(tmp_path / "fy.csv"), "-w", str(root)], capsys)
    assert code == 0, err
    assert "FY27-Q1 is still marked running although it ended on 2026-09-30 (ended, not closed)" in err
    assert "`rollout close FY27-Q1`" in err
    assert _statuses(root) == {"FY27-Q1": "running", "FY27-Q2": "planned"}
    from rollout.report.build import build

    build(root, site=True, packs=False)
    home = (root / "build" / "index.html").read_text(encoding="utf-8")
    assert "of the cycle elapsed" not in home
    assert "and not closed: <code>rollout close FY27-Q1</code> records its final scores" in home


def test_no_running_cycle_the_imported_one_that_holds_today_runs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _fiscal(tmp_path, capsys)
    cycles = root / "cycles.yaml"
    cycles.write_text(cycles.read_text(encoding="utf-8").replace("status: running", "status: closed"))
    code, out, err = call(["import", str(tmp_path / "fy.csv"), "-w", str(root), "--dry-run"], capsys)
    assert code == 0, err
    assert "new cycle: FY27-Q2 (2026-10-01 → 2026-12-31), running: it holds today" in out
    code, out, err = call(["import", str(tmp_path / "fy.csv"), "-w", str(root)], capsys)
    assert code == 0, err
    assert _statuses(root) == {"FY27-Q1": "closed", "FY27-Q2": "running"}
    code, out, err = call(["checkin", "bread-line", "-w", str(root), "--value", "1=3"], capsys)
    assert code == 0, err  # check-ins go to the quarter the organization is in


def test_an_ended_empty_cycle_is_closed_and_the_imported_one_runs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _fiscal(tmp_path, capsys)
    code, _out, err = call(["import", str(tmp_path / "fy.csv"), "-w", str(root)], capsys)
    assert code == 0, err
    assert "FY27-Q1 ended on 2026-09-30 with no OKRs and was still marked running: it is marked closed" in err
    assert _statuses(root) == {"FY27-Q1": "closed", "FY27-Q2": "running"}
    assert "closed_on: 2026-11-29" in (root / "cycles.yaml").read_text(encoding="utf-8")
    code, out, err = call(["status", str(root)], capsys)
    assert code == 0 and "FY27-Q2" in out.splitlines()[0], err

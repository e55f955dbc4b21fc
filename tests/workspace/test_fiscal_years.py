"""Fiscal years: period ids under the fiscal-year setting, the cycle after any cycle, close's hint, and import."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from rollout.errors import UsageError
from rollout.workspace import load
from rollout.workspace.calendar import following, following_dates, next_id, period_bounds, period_of, previous_id
from rollout.workspace.models import FiscalYearConfig
from tests.transfer.conftest import call

JULY_END = FiscalYearConfig(first_month=7, named_by="end")
JULY_START = FiscalYearConfig(first_month=7, named_by="start")


@pytest.mark.parametrize(
    ("cycle", "fiscal", "expected"),
    [
        ("2027-Q1", FiscalYearConfig(), (date(2027, 1, 1), date(2027, 3, 31))),
        ("FY27-Q1", JULY_END, (date(2026, 7, 1), date(2026, 9, 30))),
        ("FY27-Q3", JULY_END, (date(2027, 1, 1), date(2027, 3, 31))),
        ("FY2027-Q4", JULY_END, (date(2027, 4, 1), date(2027, 6, 30))),
        ("FY27-Q1", JULY_START, (date(2027, 7, 1), date(2027, 9, 30))),
        ("FY22-Q1", FiscalYearConfig(first_month=2), (date(2021, 2, 1), date(2021, 4, 30))),
        ("2027-H2", JULY_END, (date(2027, 1, 1), date(2027, 6, 30))),
        ("2027-T2", FiscalYearConfig(), (date(2027, 5, 1), date(2027, 8, 31))),
        ("sprint-4", FiscalYearConfig(), None),
        ("2027-Q5", FiscalYearConfig(), None),
    ],
)
def test_period_bounds(cycle: str, fiscal: FiscalYearConfig, expected: tuple[date, date] | None) -> None:
    assert period_bounds(cycle, fiscal) == expected


def test_next_and_previous_ids_follow_the_pattern() -> None:
    assert [next_id(c) for c in ("FY27-Q1", "FY27-Q4", "2027-Q4", "2027-H2", "fy2027-t3", "sprint-9", "S07")] == [
        "FY27-Q2", "FY28-Q1", "2028-Q1", "2028-H1", "fy2028-t1", "sprint-10", "S08"]  # fmt: skip
    assert next_id("kickoff") is None
    assert previous_id("FY27-Q1") == "FY26-Q4"
    assert period_of(date(2026, 8, 15), JULY_END, prefix="FY") == "FY27-Q1"
    assert period_of(date(2026, 8, 15), JULY_START, prefix="FY") == "FY26-Q1"


def test_the_next_cycle_continues_any_cycle() -> None:
    # a cycle named 2027-Q1 that covers Jul–Sep 2026 is followed by Oct–Dec 2026, not Apr–Jun 2027
    assert following("2027-Q1", date(2026, 7, 1), date(2026, 9, 30)) == (
        "2027-Q2",
        date(2026, 10, 1),
        date(2026, 12, 31),
    )
    assert following_dates(date(2027, 1, 4), date(2027, 1, 17)) == (date(2027, 1, 18), date(2027, 1, 31))  # 2 weeks
    assert following_dates(date(2027, 11, 1), date(2028, 2, 29)) == (date(2028, 3, 1), date(2028, 6, 30))  # 4 months
    assert following("x", date(2027, 1, 1), date(2027, 3, 31), new_id="y", new_start=date(2027, 4, 15)) == (
        "y", date(2027, 4, 15), date(2027, 7, 13))  # fmt: skip  # not from a 1st: the same 89 days
    with pytest.raises(UsageError, match="cannot be guessed"):
        following("kickoff", date(2027, 1, 1), date(2027, 3, 31))
    with pytest.raises(UsageError, match="must end after"):
        following("2027-Q1", date(2027, 1, 1), date(2027, 3, 31), new_end=date(2027, 3, 1))


CLOSE = "default_decision: carried_over\nlessons: [Keep the cadence]\n"


def fiscal_workspace(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    root = tmp_path / "fy"
    code, _out, err = call(
        [
            "init",
            str(root),
            "--organization",
            "Fiscal Co",
            "--cycle",
            "FY27-Q1",
            "--start",
            "2026-07-01",
            "--end",
            "2026-09-30",
        ],
        capsys,
    )
    assert code == 0, err
    # init writes the fiscal year its dates imply
    assert "fiscal_year:\n  first_month: 7\n  named_by: end\n" in (root / "rollout.yaml").read_text()
    sheet = tmp_path / "okrs.csv"
    sheet.write_text(
        "cycle,unit,objective,key_result,direction,baseline,target,owner\n"
        "FY27-Q1,Fiscal Co,Grow,Win 10 deals,increase,0,10,Ana Lima\n"
        "FY27-Q2,Fiscal Co,Grow more,Win 20 deals,increase,0,20,Ana Lima\n"
    )
    code, out, err = call(["import", str(sheet), "-w", str(root), "--dry-run"], capsys)
    assert code == 0, err
    assert "new cycle: FY27-Q2 (2026-10-01 → 2026-12-31)" in out  # import names cycles by the setting
    return root


def test_close_hint_and_next_for_a_fiscal_cycle(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = fiscal_workspace(tmp_path, capsys)
    sheet = tmp_path / "okrs.csv"
    sheet.write_text("\n".join(sheet.read_text().splitlines()[:2]) + "\n")
    assert call(["import", str(sheet), "-w", str(root)], capsys)[0] == 0
    answers = tmp_path / "close.yaml"
    answers.write_text(CLOSE)
    code, out, err = call(["close", "FY27-Q1", "-w", str(root), "--answers", str(answers)], capsys)
    assert code == 0, err
    assert "Next: `rollout next FY27-Q1` starts FY27-Q2 (2026-10-01 → 2026-12-31) with the carried objectives." in out
    code, out, err = call(["next", "FY27-Q1", "-w", str(root)], capsys)
    assert code == 0, err
    assert "Started FY27-Q2 (2026-10-01 → 2026-12-31) with 1 carried objective." in out
    cycle = load(root).cycles["FY27-Q2"]
    assert (cycle.start, cycle.end, cycle.status) == (date(2026, 10, 1), date(2026, 12, 31), "running")


def test_next_takes_id_start_and_end(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "ws"
    assert (
        call(
            [
                "init",
                str(root),
                "--organization",
                "Kick Co",
                "--cycle",
                "kickoff",
                "--start",
                "2027-01-04",
                "--end",
                "2027-02-28",
            ],
            capsys,
        )[0]
        == 0
    )
    sheet = tmp_path / "okrs.csv"
    sheet.write_text(
        "cycle,unit,objective,key_result,direction,baseline,target\nkickoff,Kick Co,Start,Run 3 pilots,increase,0,3\n"
    )
    assert call(["import", str(sheet), "-w", str(root)], capsys)[0] == 0
    answers = tmp_path / "close.yaml"
    answers.write_text(CLOSE)
    code, out, err = call(["close", "kickoff", "-w", str(root), "--answers", str(answers)], capsys)
    assert code == 0, err
    assert "Next: `rollout next kickoff --id NEW-ID` starts the next cycle (2027-03-01 → 2027-04-25)" in out
    code, out, err = call(["next", "kickoff", "-w", str(root)], capsys)
    assert code == 2 and "--id NEW-ID" in err
    code, out, err = call(
        ["next", "kickoff", "-w", str(root), "--id", "2027-Q2", "--start", "2027-04-01", "--end", "2027-06-30"], capsys
    )
    assert code == 0, err
    assert "2027-Q2 (2027-04-01 → 2027-06-30)" in out  # Started, or Planned before 1 April (no as_of: the clock)

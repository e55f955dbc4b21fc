"""Fresh-eyes runs of `rollout init` with a fiscal cycle, followed by imports and `next` as a user would."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from rollout.workspace import load
from rollout.workspace.calendar import fiscal_year_for
from rollout.workspace.models import FiscalYearConfig
from tests.transfer.conftest import call

REAL = Path("/work/shared/data/real-okr-sets")


def test_init_with_fiscal_dates_writes_the_fiscal_year_so_imports_date_later_quarters_alike(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The issue's own command: before, rollout.yaml kept the calendar year, and an imported
    # FY27-Q2 became Apr-Jun 2027 after a FY27-Q1 of Jul-Sep 2026.
    root = tmp_path / "ws"
    code, out, err = call(
        ["init", str(root), "-o", "Acme", "--cycle", "FY27-Q1", "--start", "2026-07-01", "--end", "2026-09-30"], capsys
    )
    assert code == 0, err
    assert "Fiscal year: starts in July, named by the year it ends" in out
    sheet = tmp_path / "okrs.csv"
    sheet.write_text("cycle,unit,objective,key_result\nFY27-Q2,Acme,Grow,Reach 10 customers\n")
    code, out, err = call(["import", "-w", str(root), str(sheet)], capsys)
    assert code == 0, err
    ws = load(root)
    assert ws.settings.fiscal_year == FiscalYearConfig(first_month=7, named_by="end")
    assert (ws.cycles["FY27-Q2"].start, ws.cycles["FY27-Q2"].end) == (date(2026, 10, 1), date(2026, 12, 31))


def test_init_dates_a_fiscal_period_from_the_options(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = call(
        ["init", str(tmp_path / "a"), "-o", "Acme", "--cycle", "FY27-H2", "--fiscal-year-start", "7"], capsys
    )
    assert code == 0, err
    cycle = load(tmp_path / "a").cycles["FY27-H2"]
    assert (cycle.start, cycle.end) == (date(2027, 1, 1), date(2027, 6, 30))
    # without a setting, FY27-Q1 is a calendar quarter (as in imports), no longer "not a quarter"
    code, _out, err = call(["init", str(tmp_path / "b"), "-o", "Acme", "--cycle", "FY27-Q1"], capsys)
    assert code == 0, err
    assert load(tmp_path / "b").cycles["FY27-Q1"].start == date(2027, 1, 1)
    assert "fiscal_year" not in (tmp_path / "b" / "rollout.yaml").read_text()


def test_init_without_dates_for_a_cycle_that_is_not_a_period(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = call(["init", str(tmp_path / "s"), "-o", "Acme", "--cycle", "sprint-1"], capsys)
    assert code == 2
    assert "'sprint-1' is not a period id such as 2027-Q1" in err
    assert "rollout init --cycle sprint-1 --start YYYY-MM-DD --end YYYY-MM-DD" in err
    assert not (tmp_path / "s").exists()


@pytest.mark.parametrize(
    ("cycle_id", "start", "end", "expected"),
    [
        ("FY27-Q1", date(2026, 7, 1), date(2026, 9, 30), FiscalYearConfig(first_month=7, named_by="end")),
        ("FY22-Q1", date(2021, 2, 1), date(2021, 4, 30), FiscalYearConfig(first_month=2, named_by="end")),
        ("2027-Q1", date(2027, 1, 1), date(2027, 3, 31), FiscalYearConfig()),
        ("FY27-Q1", date(2027, 4, 1), date(2027, 6, 30), FiscalYearConfig(first_month=4, named_by="start")),
        ("FY27-Q1", date(2026, 7, 1), date(2026, 9, 15), None),
        ("sprint-1", date(2026, 7, 1), date(2026, 9, 30), None),
    ],
)
def test_the_fiscal_year_a_cycle_implies(
    cycle_id: str, start: date, end: date, expected: FiscalYearConfig | None
) -> None:
    assert fiscal_year_for(cycle_id, start, end) == expected


@pytest.mark.skipif(not REAL.is_dir(), reason="the public OKR sets are kept outside the repository")
@pytest.mark.parametrize("name", ["sourcegraph-fy22-q1.csv", "sourcegraph-fy22-q1-sorted-by-unit.csv"])
def test_sourcegraph_imports_after_init_with_its_fiscal_quarter(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "sg"
    args = [
        "init",
        str(root),
        "-o",
        "Sourcegraph",
        "--cycle",
        "FY22-Q1",
        "--start",
        "2021-02-01",
        "--end",
        "2021-04-30",
    ]
    assert call(args, capsys)[0] == 0
    code, out, err = call(["import", "-w", str(root), str(REAL / name), "--create-units"], capsys)
    assert code == 0, err
    assert "Imported 25 objectives and 64 key results" in out
    assert load(root).settings.fiscal_year.first_month == 2


def test_the_readme_import_and_check_in_examples_work_as_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import re

    readme = (Path(__file__).parents[2] / "README.md").read_text()
    blocks = re.findall(r"```csv\n(.*?)```", readme, flags=re.DOTALL)
    okrs = next(b for b in blocks if b.startswith("cycle,unit,"))
    week = next(b for b in blocks if b.startswith("KR id,New value"))
    root = tmp_path / "acme"
    assert call(["init", str(root), "-o", "Acme", "--cycle", "2027-Q1"], capsys)[0] == 0
    # the examples are dated in February 2027; a check-in after today is refused, so today is then
    settings = root / "rollout.yaml"
    settings.write_text(settings.read_text() + "as_of: 2027-02-26\n")
    (tmp_path / "okrs.csv").write_text(okrs)
    (tmp_path / "week.csv").write_text(week)
    code, _out, err = call(["import", "-w", str(root), str(tmp_path / "okrs.csv")], capsys)
    assert code == 0, err
    code, out, err = call(["checkin", "-w", str(root), "--csv", str(tmp_path / "week.csv")], capsys)
    assert code == 0, err
    assert "Saved 2 check-ins to 1 file." in out
    latest = load(root).latest_checkin("sales-build-a-pipeline-we-can-trust-kr1")
    assert latest is not None and (latest.value, latest.confidence) == (2.6, 8)


def test_an_import_says_what_to_write_and_adds_no_empty_new_list(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "acme"
    assert call(["init", str(root), "-o", "Acme", "--cycle", "2027-Q1"], capsys)[0] == 0
    sheet = tmp_path / "okrs.csv"
    sheet.write_text(
        "cycle,unit,objective,key_result,baseline,target\n2027-Q1,Acme,Grow,NPS from 25% to 75%,0.25,0.75\n"
    )
    code, out, err = call(["import", "-w", str(root), str(sheet)], capsys)
    assert code == 0, err
    assert out == "Imported 1 objective and 1 key result. Wrote 1 file.\n"  # was "; new: nothing else."
    assert "baseline/target are 0.25, 0.75; if the title is right, write 25 and 75" in err

"""fe21 findings 5 and 6 (issue 12): ``rollout status`` on fe21's w1.

5. "Missing this week's check-in" uses the check-in week that check-in discipline counts (from
   the latest ``checkin_weekday`` on or before as-of), not the 7 days up to as-of: as-of Monday
   15 February, a check-in on Wednesday 10 February is last week's.
6. The tree follows the organization the cycle's pages use (after ``rollout units move`` too),
   and a department without OKRs has a row, so its teams sit under it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rollout.metrics.analysis import analyze
from rollout.workspace import load
from tests.clirun import run_cli
from tests.fe21_workspaces import FILES, write


def _analysis(root: Path):  # type: ignore[no-untyped-def]
    return analyze(load(root))


def test_missing_is_the_check_in_week_discipline_counts(tmp_path: Path) -> None:
    root = write("w1", tmp_path / "w1")
    before = _analysis(root)
    co = before.key_results["co-a-kr1"]
    assert co.missing  # checked in Wed 10 Feb: that is the week of Mon 8 Feb, not this one
    assert before.key_results["r-a-kr1"].missing is False  # checked in Mon 15 Feb
    company = before.units[("2027-Q1", "odland-apfel-gmbh")]
    assert "co-a-kr1" in company.missing
    # A check-in on Monday 15 Feb is this week's: no longer missing, and discipline counts one more week.
    extra = FILES["w1"]["checkins/2027-Q1/odland-apfel-gmbh.yaml"] + "  - {kr: co-a-kr1, date: 2027-02-15, value: 41}\n"
    after = _analysis(write("w1", tmp_path / "w1b", **{"checkins/2027-Q1/odland-apfel-gmbh.yaml": extra}))
    assert after.key_results["co-a-kr1"].missing is False
    assert after.units[("2027-Q1", "odland-apfel-gmbh")].checkins.done == company.checkins.done + 1


@pytest.mark.parametrize(
    ("as_of", "checkin", "missing"),
    [
        ("2027-02-16", "2027-02-15", False),  # Tuesday: Monday's check-in is this week's
        ("2027-02-14", "2027-02-08", False),  # Sunday: still the week of Monday 8 Feb
        ("2027-02-14", "2027-02-07", True),  # Sunday 7 Feb was the week before
        ("2027-01-04", "2027-01-02", False),  # the first week also holds 1–3 Jan (as discipline counts it)
        ("2027-01-02", None, False),  # before the first check-in Monday nothing is due, so nothing is missing
    ],
)
def test_missing_follows_the_check_in_weekday(tmp_path: Path, as_of: str, checkin: str | None, missing: bool) -> None:
    rows = f"  - {{kr: r-a-kr1, date: {checkin}, value: 3}}\n" if checkin else ""
    root = write(
        "w1",
        tmp_path / "w",
        **{
            "rollout.yaml": FILES["w1"]["rollout.yaml"].replace("2027-02-15", as_of),
            "checkins/2027-Q1/recruiting.yaml": "checkins:\n" + rows if rows else "checkins: []\n",
        },
    )
    assert _analysis(root).key_results["r-a-kr1"].missing is missing


def _tree(out: str) -> list[str]:
    lines = out.split("check-ins\n", 1)[1].split("\n\n", 1)[0].splitlines()
    return [line[:19].rstrip() for line in lines]


def test_status_tree_gives_departments_without_okrs_a_row(tmp_path: Path) -> None:
    root = write("w1", tmp_path / "w1")
    ran = run_cli("status", cwd=root)
    assert ran.returncode == 0, ran.stderr
    assert _tree(ran.stdout) == [
        "Ödland Äpfel GmbH",
        "  Sales",
        "    Field Sales",
        "    Inside Sales",
        "  People & HR",
        "    Recruiting",
        "  Operations",
    ]
    assert "  People & HR      no OKRs of its own" in ran.stdout and "  Operations       no OKRs\n" in ran.stdout
    data = json.loads(run_cli("status", "--format", "json", cwd=root).stdout)
    assert data["departments_without_own_okrs"] == [
        {"unit": "people-hr", "name": "People & HR", "teams_with_okrs": True},
        {"unit": "ops", "name": "Operations", "teams_with_okrs": False},
    ]
    assert {r["unit"]: r["department"] for r in data["units"]}["recruiting"] == "people-hr"


def test_status_tree_follows_a_team_moved(tmp_path: Path) -> None:
    root = write("w1", tmp_path / "w1")
    moved = run_cli("units", "move", "field", "--to", "people-hr", "--on", "2027-02-01", cwd=root)
    assert moved.returncode == 0, moved.stderr
    ran = run_cli("status", cwd=root)
    assert _tree(ran.stdout) == [
        "Ödland Äpfel GmbH",
        "  Sales",
        "    Inside Sales",
        "  People & HR",
        "    Field Sales",
        "    Recruiting",
        "  Operations",
    ]


def test_the_tree_from_the_analysis_equals_the_tree_looked_up(tmp_path: Path) -> None:
    from rollout.metrics.rollups import unit_tree_rows

    root = write("w1", tmp_path / "w1")
    assert run_cli("units", "move", "field", "--to", "people-hr", "--on", "2027-02-01", cwd=root).returncode == 0
    ws = load(root)
    state = analyze(ws).cycles["2027-Q1"]
    looked_up = unit_tree_rows(ws, "2027-Q1", state.units)
    assert looked_up == unit_tree_rows(ws, "2027-Q1", state.units, state.departments)
    assert ("field", "people-hr", True) in looked_up and ("people-hr", "people-hr", False) in looked_up

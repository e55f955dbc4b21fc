"""Monthly reviews (answers file and prompts) and the status dashboard (text and JSON)."""

from __future__ import annotations

import json
import textwrap
from datetime import date
from pathlib import Path

import pytest

from rollout.flows import review as flow
from rollout.workspace import load
from tests.builders import two_quarters
from tests.flows.conftest import DOWN, ENTER, ESC_ENTER, SPACE, call, piped

REVIEW = """
    date: 2026-11-20
    attendees: [ceo, hr-lead]
    notes: |
      Hiring is ahead of plan; churn is flat.
      The telematics contract is still unsigned.
    risks: [ETA accuracy depends on the telematics contract]
    decisions: [Finance publishes churn figures every Monday]
"""


@pytest.fixture
def ws_root(tmp_path: Path) -> Path:
    """Company ``co`` (owner ceo), department ``hr`` (owner hr-lead, with an HR partner) and a team, 2026-Q4 running."""
    return two_quarters().person("hr-partner", unit="hr").write(tmp_path / "ws")


def test_review_from_answers_appends_a_monthly_review(
    ws_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = tmp_path / "review.yaml"
    answers.write_text(textwrap.dedent(REVIEW))
    code, out, err = call(["review", "-w", str(ws_root), "--answers", str(answers)], capsys)
    assert code == 0, err
    assert "reviews/2026-Q4/co.yaml" in out
    review = load(ws_root).review("2026-Q4", "co")
    assert review is not None
    latest = review.monthly[-1]
    assert latest.date == date(2026, 11, 20) and latest.attendees == ["ceo", "hr-lead"]
    assert latest.notes.startswith("Hiring is ahead") and latest.decisions == [
        "Finance publishes churn figures every Monday"
    ]


def test_review_mistakes(ws_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = tmp_path / "review.yaml"
    answers.write_text("attendees: [nobody-here]\nnotes: x\n")
    code, _out, err = call(["review", "hr", "-w", str(ws_root), "--answers", str(answers)], capsys)
    assert code == 2 and "attendees[0]: unknown person 'nobody-here'" in err
    answers.write_text("date: 2026-01-05\nnotes: x\n")
    code, _out, err = call(["review", "hr", "-w", str(ws_root), "--answers", str(answers)], capsys)
    assert code == 2 and "outside cycle 2026-Q4" in err
    answers.write_text("attendees: [hr-lead]\n")
    code, _out, err = call(["review", "hr", "-w", str(ws_root), "--answers", str(answers)], capsys)
    assert code == 2 and "needs notes, risks or decisions" in err


def test_interactive_review(ws_root: Path) -> None:
    ws = load(ws_root)
    keys = [
        ENTER,  # date: today
        DOWN + SPACE + ENTER,  # the owner is ticked; tick the next person too
        "Hiring ahead of plan." + ESC_ENTER,
        "Telematics contract unsigned" + ENTER, ENTER,
        "Publish churn weekly" + ENTER, ENTER,
    ]  # fmt: skip
    with piped(*keys):
        record = flow.interactive_review(ws, "hr", "2026-Q4", date(2026, 11, 24))
    people = flow.likely_attendees(ws, "hr")
    assert record["attendees"] == people[:2] and people[0] == ws.units["hr"].owner
    assert record["notes"] == "Hiring ahead of plan." and record["risks"] == ["Telematics contract unsigned"]
    assert record["decisions"] == ["Publish churn weekly"]
    flow.save_review(ws_root, "2026-Q4", "hr", record)
    saved = load(ws_root).review("2026-Q4", "hr")
    assert saved is not None and saved.monthly[-1].risks == ["Telematics contract unsigned"]


@pytest.fixture
def checked_in(tmp_path: Path) -> Path:
    """hr checks in every Monday (5 Oct … 23 Nov); the hiring team stopped after 2 Nov (stale by 24 Nov)."""
    org = two_quarters()
    org.weekly(
        "2026-Q4", "hr", "hr-hire-faster-kr1", date(2026, 10, 5), [29.4, 28.8, 28.0, 27.5, 26.9, 26.2, 25.8, 25.2]
    )
    org.weekly("2026-Q4", "hr", "hr-hire-faster-kr2", date(2026, 10, 5), [2, 5, 9, 12, 15, 19, 22, 24])
    org.weekly("2026-Q4", "hiring", "hiring-pipeline-kr1", date(2026, 10, 5), [12, 15, 19, 22, 26])
    org.weekly("2026-Q4", "hiring", "hiring-orphan-kr1", date(2026, 10, 5), [1, 2, 2, 3, 4])
    org.weekly("2026-Q4", "co", "co-careers-kr1", date(2026, 10, 5), [61, 63, 64, 66, 68, 69, 70, 71])
    return org.write(tmp_path / "ws")


def test_status_text_and_json(checked_in: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = call(["status", str(checked_in)], capsys)
    assert code == 0
    assert "Mini Freight · 2026-Q4" in out and "59% of the cycle elapsed" in out  # 54 of 91 days
    line = next(ln for ln in out.splitlines() if ln.strip().startswith("Hiring"))
    assert line.split()[-5:] == ["2", "2", "2", "2", "10/16"]  # key results, measured, stale, missing, weeks done/due
    assert "Stale key results" in out and "hiring-pipeline-kr1" in out
    code, out, _err = call(["status", str(checked_in), "--format", "json"], capsys)
    data = json.loads(out)
    assert data["cycle"] == "2026-Q4" and data["elapsed"] == pytest.approx(0.59, abs=0.005)
    team = next(u for u in data["units"] if u["unit"] == "hiring")
    assert (len(team["stale"]), team["checkins_done"], team["checkins_expected"]) == (2, 10, 16)
    hr = next(u for u in data["units"] if u["unit"] == "hr")
    assert hr["stale"] == [] and hr["missing_checkins"] == [] and sum(hr["status_counts"].values()) == 2


def test_status_of_a_closed_cycle_and_without_a_running_one(
    demo_source: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _err = call(["status", str(demo_source), "--cycle", "2026-Q3", "--format", "json"], capsys)
    data = json.loads(out)
    assert code == 0 and data["company_status"] in ("strong", "moderate", "weak")  # a closed cycle says its band
    assert all(u["stale"] == [] for u in data["units"])
    code, _out, err = call(["status", str(demo_source), "--cycle", "2031-Q1"], capsys)
    assert code == 2 and "unknown cycle" in err


def test_review_without_terminal_exits_at_once(demo_source: Path) -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "rollout", "review", "hr", "-w", str(demo_source)],
        stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode != 0 and "not a terminal" in result.stderr and "--answers" in result.stderr


def test_status_problems_only(checked_in: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = call(["status", str(checked_in), "--problems", "--format", "json"], capsys)
    units = [u["unit"] for u in json.loads(out)["units"]]
    assert code == 0 and "hiring" in units and "hr" not in units

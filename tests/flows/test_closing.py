"""Close a cycle (final scores, overrides, lessons, decisions) and start the next (carried objectives)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from rollout.demo.generator import build_files, load_content
from rollout.errors import UsageError
from rollout.flows import closing
from rollout.workspace import load
from tests.conftest import DEMO_TODAY
from tests.flows.conftest import DOWN, ENTER, call, piped


def test_final_scores_compute_and_honour_overrides() -> None:
    entries = closing.final_scores(
        [("a", "increase", 30, 45, 36), ("b", "decrease", 30, 22, 20), ("c", None, None, None, None)],
        {"a": (0.7, "Target was set before the price change")},
    )
    assert entries == [
        {"kr": "a", "score": 0.4, "override": 0.7, "reason": "Target was set before the price change"},
        {"kr": "b", "score": 1.0},
        {"kr": "c", "score": 0.0},
    ]
    with pytest.raises(UsageError, match="reason"):
        closing.final_scores([("a", "increase", 0, 1, 1)], {"a": (0.5, " ")})


def test_demo_closed_quarter_scores_come_from_the_close_logic(demo_source: Path) -> None:
    ws = load(demo_source)
    for (cycle, _unit), review in ws.reviews.items():
        if cycle != "2026-Q3":
            continue
        for entry in review.scores:
            kr = ws.key_results[entry.kr]
            last = ws.latest_checkin(entry.kr)
            expected = closing.final_score(kr.direction, kr.baseline, kr.target, last.value if last else None)
            assert entry.score == pytest.approx(expected, abs=0.011), entry.kr


def test_demo_running_quarter_carries_what_the_close_decided(demo_source: Path) -> None:
    """``next`` on the closed quarter carries exactly the objectives the demo's running quarter carries."""
    ws = load(demo_source)
    del ws.cycles["2026-Q4"]  # plan as if the running quarter did not exist yet
    plan = closing.plan_next(ws, "2026-Q3")
    carried = sorted(r["carried_from"] for records in plan.files.values() for r in records)
    demo = load(demo_source)
    assert carried == sorted(o.carried_from for o in demo.objectives_in("2026-Q4") if o.carried_from)
    assert plan.cycle["id"] == "2026-Q4" and plan.cycle["status"] == "running"


def test_carried_ids() -> None:
    taken: set[str] = {"sales-pipeline-2027-q1"}
    assert closing.carried_id("sales-pipeline", "2027-Q1", taken) == "sales-pipeline-2027-q1-2"
    assert closing.carried_id("sales-pipeline-2026-q4", "2027-Q1", set()) == "sales-pipeline-2027-q1"
    long = closing.carried_id("x" * 64, "2027-Q1", set())
    assert len(long) + len("-kr5") <= 64
    assert closing.carried_baseline("increase", 10, 20, 14) == 14
    assert closing.carried_baseline("increase", 10, 20, 25) == 10  # reached: start again from the baseline
    assert closing.carried_baseline("decrease", 30, 22, 25) == 25


CLOSE = """
    overrides:
      - kr: hr-hire-frontline-kr1
        score: 0.9
        reason: The hiring freeze was lifted late; the trend is what counts.
    decisions:
      hr-hire-frontline: carried_over
      hr-first-months: {decision: refined, note: Focus on the first 90 days}
    default_decision: completed
    lessons:
      - Check in every week, not the morning of the review.
"""


def test_close_then_next_round_trip(demo_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = tmp_path / "close.yaml"
    answers.write_text(textwrap.dedent(CLOSE))
    code, out, err = call(["close", "2026-Q4", "-w", str(demo_copy), "--answers", str(answers)], capsys)
    assert code == 0, err
    assert "1 carried over, 1 refined" in out
    ws = load(demo_copy)
    assert ws.cycles["2026-Q4"].status == "closed"
    hr = ws.review("2026-Q4", "hr")
    assert hr is not None
    scores = {s.kr: s for s in hr.scores}
    assert scores["hr-hire-frontline-kr1"].final == 0.9 and scores["hr-hire-frontline-kr1"].score == pytest.approx(0.6)
    assert {d.objective: d.decision for d in hr.decisions} == {
        "hr-hire-frontline": "carried_over",
        "hr-first-months": "refined",
    }
    company = ws.review("2026-Q4", "larkspur-freight")
    assert company is not None and company.monthly and company.lessons[-1].startswith("Check in every week")

    code, out, err = call(["next", "2026-Q4", "-w", str(demo_copy)], capsys)
    assert code == 0, err
    assert "Started 2027-Q1" in out and "2 carried objective(s)" in out
    ws = load(demo_copy)
    new = ws.objectives_in("2027-Q1", "hr")
    assert [o.carried_from for o in new] == ["hr-hire-frontline", "hr-first-months"]
    assert ws.cycles["2027-Q1"].status == "running" and ws.running_cycle() is not None
    first = new[0].key_results[0]
    assert (
        first.id == f"{new[0].id}-kr1" and first.baseline == 25.2 and first.target == 22
    )  # moved to the value reached
    assert str(first.due) == "2027-03-31"
    assert all(not ws.checkins.get(kr.id) for o in new for kr in o.key_results)  # no check-ins copied

    code, _out, err = call(["next", "2026-Q4", "-w", str(demo_copy)], capsys)
    assert code == 2 and "already exists" in err


def test_close_mistakes_change_nothing(demo_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = {p: p.read_text() for p in demo_copy.rglob("*.yaml")}
    answers = tmp_path / "close.yaml"
    answers.write_text("decisions:\n  hr-hire-frontline: completed\n")
    code, _out, err = call(["close", "2026-Q4", "-w", str(demo_copy), "--answers", str(answers)], capsys)
    assert code == 2 and "no decision for" in err and "default_decision" in err
    answers.write_text("overrides:\n  - {kr: hr-hire-frontline-kr1, score: 0.9}\ndefault_decision: completed\n")
    code, _out, err = call(["close", "2026-Q4", "-w", str(demo_copy), "--answers", str(answers)], capsys)
    assert code == 2 and "overrides[0].reason: an override needs a reason" in err
    code, _out, err = call(["close", "2026-Q3", "-w", str(demo_copy), "--answers", str(answers)], capsys)
    assert code == 2 and "already closed" in err
    code, _out, err = call(["next", "2026-Q4", "-w", str(demo_copy)], capsys)
    assert code == 2 and "not closed yet" in err
    assert {p: p.read_text() for p in demo_copy.rglob("*.yaml")} == before


def test_interactive_close(demo_copy: Path) -> None:
    ws = load(demo_copy)
    units = ws.units_in("2026-Q4")
    objectives = ws.objectives_in("2026-Q4")
    keys = []
    for n, unit in enumerate(units):
        if n == 0:  # override the company's first key result
            keys += [DOWN + ENTER, "0.8" + ENTER, "Measured before the survey change" + ENTER]
        keys += [ENTER]  # no (more) overrides
        for objective in ws.objectives_in("2026-Q4", unit):
            keys += [DOWN + ENTER if objective.id == objectives[0].id else ENTER, ENTER]  # decision, no note
    keys += ["Weekly check-ins work" + ENTER, ENTER]
    with piped(*keys):
        answers = closing.interactive_close(ws, "2026-Q4")
    first_kr = ws.objectives_in("2026-Q4", units[0])[0].key_results[0].id
    assert answers.overrides == {first_kr: (0.8, "Measured before the survey change")}
    assert answers.decisions[objectives[0].id] == ("carried_over", "")
    assert answers.decisions[objectives[1].id] == ("completed", "")
    assert answers.lessons == {"larkspur-freight": ["Weekly check-ins work"]}
    result = closing.close_cycle(demo_copy, ws, "2026-Q4", answers)
    assert result.overridden == 1 and load(demo_copy).cycles["2026-Q4"].status == "closed"


def test_close_without_terminal_exits_at_once(demo_source: Path) -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "rollout", "close", "2026-Q4", "-w", str(demo_source)],
        stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode != 0 and "--answers" in result.stderr


def test_generator_still_builds_the_same_closed_reviews() -> None:
    files = build_files(load_content(), teams=None, today=DEMO_TODAY)
    assert "override: 0.8" in files["reviews/2026-Q3/hr.yaml"]

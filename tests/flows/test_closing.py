"""Close a cycle (final scores, overrides, lessons, decisions) and start the next (carried objectives)."""

from __future__ import annotations

import shutil
import textwrap
from datetime import date
from pathlib import Path

import pytest
import yaml

from rollout.demo.generator import build_files, load_content
from rollout.errors import UsageError
from rollout.flows import closing
from rollout.workspace import load
from tests.builders import two_quarters
from tests.conftest import DEMO_TODAY, copy_demo
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


def test_demo_running_quarter_carries_what_next_makes_of_the_closed_one(demo_copy: Path) -> None:
    """``next`` on the demo's closed quarter carries the objectives the running quarter carries, the way it has them.

    Ids come from the mapping old → new; carried-over objectives keep exactly the key results ``next`` makes
    (baselines moved to the value reached); refined ones were reworded afterwards with ``draft``.
    """
    demo = load(demo_copy)
    for folder in ("okrs", "checkins", "reviews"):
        shutil.rmtree(demo_copy / folder / "2026-Q4", ignore_errors=True)
    for name, key in (("cycles.yaml", "cycles"), ("phases.yaml", "phases")):
        data = yaml.safe_load((demo_copy / name).read_text())
        data[key] = [r for r in data[key] if r.get("id") != "2026-Q4" and "2026-Q4" not in r.get("cycles", [])]
        (demo_copy / name).write_text(yaml.safe_dump(data, sort_keys=False))
    ws = load(demo_copy)  # the workspace as it was when the closed quarter had just been closed
    carried = {o.carried_from: o for o in demo.objectives_in("2026-Q4") if o.carried_from}
    plan = closing.plan_next(ws, "2026-Q3", ids={old: o.id for old, o in carried.items()})
    planned = {r["carried_from"]: r for records in plan.files.values() for r in records}
    assert planned.keys() == carried.keys()
    decisions = {d.objective: d.decision for (c, _u), r in demo.reviews.items() if c == "2026-Q3" for d in r.decisions}
    carried_over = [old for old in planned if decisions[old] == "carried_over"]
    assert len(carried_over) == 2 and all(decisions[old] in closing.CARRIED for old in planned)
    for old, record in planned.items():
        objective = carried[old]
        assert record["id"] == objective.id and objective.unit == ws.objectives[old].unit
    moved = 0
    for old in carried_over:
        objective = carried[old]
        assert objective.title == ws.objectives[old].title
        assert [kr.model_dump(mode="python", exclude_defaults=True) for kr in objective.key_results] == planned[old][
            "key_results"
        ]
        moved += sum(
            kr.baseline != before.baseline
            for kr, before in zip(objective.key_results, ws.objectives[old].key_results, strict=True)
        )
    assert moved >= 4  # baselines start from the value reached, not from the closed quarter's baseline
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
    assert "1 carried over · 1 refined" in out
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
    assert "Planned 2027-Q1" in out and "2 carried objectives" in out
    ws = load(demo_copy)
    new = ws.objectives_in("2027-Q1", "hr")
    assert [o.carried_from for o in new] == ["hr-hire-frontline", "hr-first-months"]
    assert ws.cycles["2027-Q1"].status == "planned" and ws.running_cycle() is None  # until 1 January (fe21 #12)
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


def test_interactive_close(tmp_path: Path) -> None:
    org = two_quarters()
    for unit, name in (("co", "co-careers-kr1"), ("hr", "hr-hire-faster-kr1"), ("hiring", "hiring-pipeline-kr1")):
        org.checkin("2026-Q4", unit, name, date(2026, 11, 23), 25)
    root = org.write(tmp_path / "ws")
    ws = load(root)
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
    assert answers.lessons == {"co": ["Weekly check-ins work"]}
    result = closing.close_cycle(root, ws, "2026-Q4", answers)
    assert result.overridden == 1 and load(root).cycles["2026-Q4"].status == "closed"


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


def test_carried_title_moves_the_starting_point() -> None:
    title = closing.carried_title
    assert title("Reduce where-is-my-shipment contacts from 52 to 35 per 1,000 shipments", 52, 38.0) == (
        "Reduce where-is-my-shipment contacts from 38 to 35 per 1,000 shipments"
    )
    assert title("Grow revenue from EUR 14.2M to EUR 15.8M", 14.2, 15.3) == "Grow revenue from EUR 15.3M to EUR 15.8M"
    assert (
        title("Reduce injuries from 9.5 to 6.0 per million hours", 9.5, 7)
        == "Reduce injuries from 7.0 to 6.0 per million hours"
    )
    assert title("Cut the backlog from 1,200 to 300 tickets", 1200, 1050) == "Cut the backlog from 1,050 to 300 tickets"
    assert title("Raise the share from 5% to 40%", 5, 22) == "Raise the share from 22% to 40%"
    assert title("Raise NPS to 45", 31, 41) == "Raise NPS to 45"  # no starting point named: kept
    assert title("Raise NPS from 30 to 45", 31, 41) == "Raise NPS from 30 to 45"  # names another number: kept
    assert title("Move from 5 sites to 8, from 5 vans to 9", 5, 6) == "Move from 5 sites to 8, from 5 vans to 9"


@pytest.fixture(scope="module")
def closed_q4(demo_source: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo with its running quarter closed: hr-hire-frontline carried over, hr-first-months refined."""
    root = tmp_path_factory.mktemp("closed") / "demo"
    copy_demo(demo_source, root)
    ws = load(root)
    data = yaml.safe_load(textwrap.dedent(CLOSE))
    closing.close_cycle(root, ws, "2026-Q4", closing.close_answers_from(ws, "2026-Q4", data, "close.yaml"))
    return root


@pytest.fixture
def closed_copy(closed_q4: Path, tmp_path: Path) -> Path:
    target = tmp_path / "closed"
    shutil.copytree(closed_q4, target, ignore=shutil.ignore_patterns(".rollout"))
    return target


def test_next_answers_name_the_cycle_and_choose_new_ids(
    closed_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = tmp_path / "next.yaml"
    answers.write_text("name: 2027-Q1 (company-wide)\nids:\n  hr-hire-frontline: hr-frontline-hiring\n")
    code, out, err = call(["next", "2026-Q4", "-w", str(closed_copy), "--answers", str(answers)], capsys)
    assert code == 0, err
    assert "Planned 2027-Q1" in out and "2 carried objectives" in out
    ws = load(closed_copy)
    assert ws.cycles["2027-Q1"].name == "2027-Q1 (company-wide)" and ws.cycles["2027-Q1"].status == "planned"
    new = {o.carried_from: o for o in ws.objectives_in("2027-Q1", "hr")}
    hiring = new["hr-hire-frontline"]
    assert hiring.id == "hr-frontline-hiring"
    assert [kr.id for kr in hiring.key_results] == [f"hr-frontline-hiring-kr{n}" for n in range(1, 5)]
    assert new["hr-first-months"].id == "hr-first-months-2027-q1"  # not in the mapping: the default id
    # A key result whose baseline moved names its new starting point.
    first = hiring.key_results[0]
    assert first.baseline == 25.2 and "from 25.2 to 22 days" in first.title
    # The team objectives that supported it were completed, so nothing points at the old id.
    assert all(o.parent != "hr-hire-frontline" for o in ws.objectives_in("2027-Q1"))


def test_next_name_flag_wins_over_the_answers_file(
    closed_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = tmp_path / "next.yaml"
    answers.write_text("name: From the file\n")
    args = ["next", "2026-Q4", "-w", str(closed_copy), "--answers", str(answers), "--name", "From the flag"]
    code, _out, err = call(args, capsys)
    assert code == 0, err
    assert load(closed_copy).cycles["2027-Q1"].name == "From the flag"


def test_next_answers_mistakes_name_file_and_field_and_change_nothing(
    closed_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = {p: p.read_text() for p in closed_copy.rglob("*.yaml") if ".rollout" not in p.parts}
    answers = tmp_path / "next.yaml"
    cases = [
        ("ids:\n  no-such-objective: hr-x\n", "ids.no-such-objective: no objective 'no-such-objective' in 2026-Q4"),
        ("ids:\n  ta-driver-pipeline: ta-drivers\n", "ids.ta-driver-pipeline: ta-driver-pipeline was completed"),
        ("ids:\n  hr-hire-frontline: Hire Frontline\n", "ids.hr-hire-frontline: 'Hire Frontline' is not a valid id"),
        ("ids:\n  hr-hire-frontline: hr-first-months\n", "ids.hr-hire-frontline: 'hr-first-months' is already used"),
        ("ids:\n  hr-hire-frontline: ta-hub-staffing-kr1\n", "'ta-hub-staffing-kr1' is already used"),
        (
            "ids:\n  hr-hire-frontline: hr-x\n  hr-first-months: hr-x\n",
            "ids.hr-first-months: 'hr-x' is also the new id",
        ),
        (f"ids:\n  hr-hire-frontline: {'h' * 62}\n", "is too long: its key result ids"),
        ("ids: [hr-hire-frontline]\n", "ids: expected a mapping, not a list"),
        ("ids:\n  hr-hire-frontline: 7\n", "ids.hr-hire-frontline: expected text, not the number 7"),
        ("name: 5\n", "name: expected text, not the number 5"),
        ("name: ' '\n", "name: ' ' is not a name"),
        ("id: 2027\n", "id: expected text, not the number 2027"),
    ]
    for text, message in cases:
        answers.write_text(text)
        code, _out, err = call(["next", "2026-Q4", "-w", str(closed_copy), "--answers", str(answers)], capsys)
        assert code == 2 and f"{answers}:" in err and message in err, (text, err)
    after = {p: p.read_text() for p in closed_copy.rglob("*.yaml") if ".rollout" not in p.parts}
    assert after == before


def test_plan_next_checks_the_id_mapping_and_the_name(closed_copy: Path) -> None:
    ws = load(closed_copy)
    with pytest.raises(UsageError, match="new id for hr-first-months: 'hr-hire-frontline' is already used"):
        closing.plan_next(ws, "2026-Q4", ids={"hr-first-months": "hr-hire-frontline"})
    with pytest.raises(UsageError, match="new id for co-mid-market-recommend: co-mid-market-recommend was completed"):
        closing.plan_next(ws, "2026-Q4", ids={"co-mid-market-recommend": "co-recommend"})
    with pytest.raises(UsageError, match="name of the new cycle is empty"):
        closing.plan_next(ws, "2026-Q4", name=" ")
    # A mapped id is reserved before the others get theirs.
    plan = closing.plan_next(ws, "2026-Q4", name="Q1 of 2027", ids={"hr-first-months": "hr-hire-frontline-2027-q1"})
    assert plan.cycle == {
        "id": "2027-Q1",
        "name": "Q1 of 2027",
        "start": date(2027, 1, 1),
        "end": date(2027, 3, 31),
        "status": "planned",  # the demo's today is 2026-11-24: it runs from 1 January (fe21 #12)
    }
    ids = {r["carried_from"]: r["id"] for records in plan.files.values() for r in records}
    assert ids == {"hr-hire-frontline": "hr-hire-frontline-2027-q1-2", "hr-first-months": "hr-hire-frontline-2027-q1"}
    assert closing.id_problems(ws, "2026-Q4", {"hr-hire-frontline": "hr-hiring"}) == []

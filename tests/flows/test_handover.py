"""Issue 12, item 9: the cycle handover after `rollout close` and `rollout next`.

Until the new cycle starts, the home page and the packs lead with the cycle just
closed; no pack is made for a cycle that has not started; the site and the packs
say one as-of date; met key results (a milestone at 1.0, one overridden to 1.0)
are not carried into the next cycle as open work, unless a person asks for them as
health metrics.
"""

from __future__ import annotations

import pytest

from rollout.workspace import load
from tests.conftest import WorkspaceFactory
from tests.flows.conftest import call

SALES = """
    objectives:
      - id: sales-pipeline
        title: Build a pipeline we can trust
        owner: ben
        parent: win-mid-market
        key_results:
          - id: sales-pipeline-kr1
            title: Grow qualified pipeline from 2.0 to 4.0 MEUR
            direction: increase
            baseline: 2.0
            target: 4.0
            owner: ben
          - id: sales-pipeline-kr2
            title: Launch the partner referral programme
            direction: milestone
            owner: ben
          - id: sales-pipeline-kr3
            title: Cut quote turnaround from 10 to 4 days
            direction: decrease
            baseline: 10
            target: 4
            unit_of_measure: days
            owner: ben
"""
CHECKINS = """
    checkins:
      - {kr: sales-pipeline-kr1, date: 2027-03-29, value: 3.0, confidence: 6, author: ben}
      - {kr: sales-pipeline-kr2, date: 2027-03-29, value: 1, confidence: 9, author: ben}
      - {kr: sales-pipeline-kr3, date: 2027-03-29, value: 5, confidence: 8, author: ben}
"""
COMPANY_CHECKINS = """
    checkins:
      - {kr: win-mid-market-kr1, date: 2027-03-29, value: 40, confidence: 7, author: ana}
"""
CLOSE = """
overrides:
  - kr: sales-pipeline-kr3
    score: 1.0
    reason: The last day was lost to a public holiday; 5 days is the target in working days.
decisions:
  sales-pipeline: carried_over
default_decision: completed
"""


@pytest.fixture
def closed(make_ws: WorkspaceFactory, capsys: pytest.CaptureFixture[str]) -> str:
    """Mini Co with 2027-Q1 closed on its last day (as-of 31 March 2027)."""
    root = make_ws(
        rollout_yaml="version: 1\norganization: Mini Co\nas_of: 2027-03-31\n",
        **{
            "okrs/2027-Q1/sales.yaml": SALES,
            "checkins/2027-Q1/sales.yaml": CHECKINS,
            "checkins/2027-Q1/mini.yaml": COMPANY_CHECKINS,
        },
    )
    (root / "close.yaml").write_text(CLOSE, encoding="utf-8")
    code, _out, err = call(["close", "2027-Q1", "-w", str(root), "--answers", str(root / "close.yaml")], capsys)
    assert code == 0, err
    return str(root)


def test_met_key_results_are_not_carried_as_open_work(closed: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = call(["next", "2027-Q1", "-w", closed], capsys)
    assert code == 0, err
    assert "Left behind 2 met key results: sales-pipeline-kr2, sales-pipeline-kr3" in out
    ws = load(closed)
    (carried,) = ws.objectives_in("2027-Q2", "sales")
    # Only the open one comes along, from the value it reached.
    assert [(kr.id, kr.title, kr.baseline) for kr in carried.key_results] == [
        (f"{carried.id}-kr1", "Grow qualified pipeline from 3.0 to 4.0 MEUR", 3.0)
    ]


def test_met_key_results_can_be_carried_as_health_metrics(closed: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = call(["next", "2027-Q1", "-w", closed, "--met-as-health-metrics"], capsys)
    assert code == 0, err
    assert "Carried as health metrics: sales-pipeline-kr3" in out
    ws = load(closed)
    (carried,) = ws.objectives_in("2027-Q2", "sales")
    krs = {kr.title: kr for kr in carried.key_results}
    assert "Launch the partner referral programme" not in krs  # a milestone that is done stays done
    held = krs["Cut quote turnaround from 10 to 4 days"]
    assert held.health_metric and held.baseline == 4 and held.target == 4


def test_met_as_health_metrics_from_an_answers_file(closed: str, capsys: pytest.CaptureFixture[str]) -> None:
    from pathlib import Path

    answers = Path(closed) / "next.yaml"
    answers.write_text("met_as_health_metrics: yes please\n", encoding="utf-8")
    code, _out, err = call(["next", "2027-Q1", "-w", closed, "--answers", str(answers)], capsys)
    assert code == 2 and "next.yaml" in err and "met_as_health_metrics" in err
    assert "2027-Q2" not in load(closed).cycles  # nothing written
    answers.write_text("met_as_health_metrics: true\n", encoding="utf-8")
    code, out, err = call(["next", "2027-Q1", "-w", closed, "--answers", str(answers)], capsys)
    assert code == 0 and "Carried as health metrics: sales-pipeline-kr3" in out, err


def test_until_the_new_cycle_starts_the_reports_lead_with_the_closed_one(
    closed: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from rollout.report.build import build
    from rollout.report.formats import short_date

    code, _out, err = call(["next", "2027-Q1", "-w", closed], capsys)
    assert code == 0, err
    ws = load(closed)
    assert ws.running_cycle() is None and ws.cycles["2027-Q2"].status == "planned"  # until 1 April (fe21 #12)

    from rollout.report.packs.plan import plan_packs

    specs = plan_packs(ws)
    # no pack of empty figures for 2027-Q2, only its plan (a planned cycle with OKRs: packs/plan.py)
    assert [(s.cycle, s.edition) for s in specs if s.kind == "cycle"] == [
        ("2027-Q1", "end-of-cycle review"),
        ("2027-Q2", "plan"),
    ]

    result = build(ws.root, site=True, packs=False)
    home = (result.out / "index.html").read_text(encoding="utf-8")
    assert 'data-figure="company-score" data-scope="2027-Q1"' in home  # the quarter just scored
    closed_on = ws.cycles["2027-Q1"].closed_on
    assert closed_on is not None
    assert f"closed on {short_date(closed_on)}: final scores" in home
    assert "Next: " in home and "starts on 1 April 2027" in home
    assert "No objective has a score yet" not in home
    assert "every objective is on track or at risk" not in home
    assert "as of 31 March 2027" in home

    from rollout.report.packs.html import pack_context
    from rollout.report.packs.sections import Sources

    (spec,) = [s for s in specs if s.cycle == "2027-Q1"]
    _template, context = pack_context(Sources.from_view(ws, None), spec)
    assert context["asof_label"] == "Final scores · cycle ended 31 March 2027"


def test_once_the_new_cycle_starts_it_leads(closed: str, capsys: pytest.CaptureFixture[str]) -> None:
    from rollout.report.viewmodel import build_view

    code, _out, err = call(["next", "2027-Q1", "-w", closed], capsys)
    assert code == 0, err
    rollout_yaml = f"{closed}/rollout.yaml"
    with open(rollout_yaml, "w", encoding="utf-8") as handle:
        handle.write("version: 1\norganization: Mini Co\nas_of: 2027-04-05\n")
    ws = load(closed)
    view = build_view(ws)
    assert view.home_cycle == "2027-Q2" and view.upcoming_cycle is None

    from rollout.report.packs.plan import plan_packs

    specs = [s for s in plan_packs(ws) if s.cycle == "2027-Q2"]
    assert [s.as_of for s in specs] == [ws.today]  # the site's as-of date


@pytest.mark.parametrize("as_of", ["2027-04-01", "2027-04-04"])  # a Thursday; the Sunday before its first check-in day
def test_in_the_new_cycles_first_days_the_closed_one_still_leads(
    closed: str, capsys: pytest.CaptureFixture[str], as_of: str
) -> None:
    """fe24 F3: on 1 April the home page led with 2027-Q2 (dashes, "Key results strong 0%",
    "None: every key result was checked in recently" with nothing ever checked in), and an
    18-page "monthly review, April" of empty rows was built. Until the new cycle's first
    check-in day (Monday 5 April) or its first check-in, the quarter just scored leads."""
    from rollout.metrics.analysis import analyze
    from rollout.report.build import build
    from rollout.report.packs.plan import plan_packs

    code, _out, err = call(["next", "2027-Q1", "-w", closed], capsys)
    assert code == 0, err
    with open(f"{closed}/rollout.yaml", "w", encoding="utf-8") as handle:
        handle.write(f"version: 1\norganization: Mini Co\nas_of: {as_of}\n")
    ws = load(closed)
    assert analyze(ws).lead_cycle == "2027-Q1"
    assert [(s.cycle, s.edition) for s in plan_packs(ws) if s.kind == "cycle"] == [
        ("2027-Q1", "end-of-cycle review"),
        ("2027-Q2", "plan"),
    ]
    home = (build(ws.root, site=True, packs=False).out / "index.html").read_text(encoding="utf-8")
    assert 'data-figure="company-score" data-scope="2027-Q1"' in home
    assert "Next: " in home and "started on 1 April 2027" in home
    code, out, err = call(["status", "-w", closed], capsys)
    assert code == 0 and out.splitlines()[0].startswith("Mini Co · 2027-Q1"), out


def test_a_check_in_in_the_first_days_makes_the_new_cycle_lead(closed: str, capsys: pytest.CaptureFixture[str]) -> None:
    from rollout.report.viewmodel import build_view

    code, _out, err = call(["next", "2027-Q1", "-w", closed], capsys)
    assert code == 0, err
    with open(f"{closed}/rollout.yaml", "w", encoding="utf-8") as handle:
        handle.write("version: 1\norganization: Mini Co\nas_of: 2027-04-02\n")
    (carried,) = load(closed).objectives_in("2027-Q2", "sales")
    kr_id = carried.key_results[0].id
    import os

    os.makedirs(f"{closed}/checkins/2027-Q2", exist_ok=True)
    with open(f"{closed}/checkins/2027-Q2/sales.yaml", "w", encoding="utf-8") as handle:
        handle.write(f"checkins:\n  - {{kr: {kr_id}, date: 2027-04-01, value: 3.2, confidence: 7, author: ben}}\n")
    view = build_view(load(closed))
    assert view.home_cycle == "2027-Q2" and view.upcoming_cycle is None


HEALTH = """
    objectives:
      - id: sales-service
        title: Keep the quote desk reliable while we grow
        owner: ben
        parent: win-mid-market
        key_results:
          - id: sales-service-kr1
            title: Keep quote desk uptime at 99.95%
            direction: increase
            baseline: 99.95
            target: 99.95
            unit_of_measure: "%"
            health_metric: true
            owner: ben
          - id: sales-service-kr2
            title: Grow repeat quotes from 20 to 40
            direction: increase
            baseline: 20
            target: 40
            owner: ben
"""


def test_a_health_metric_that_held_keeps_guarding(
    make_ws: WorkspaceFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    """fe24 F4: `rollout next` left a held health metric behind as "met" (one that broke came along)."""
    root = make_ws(
        rollout_yaml="version: 1\norganization: Mini Co\nas_of: 2027-03-31\n",
        **{
            "okrs/2027-Q1/sales.yaml": HEALTH,
            "checkins/2027-Q1/sales.yaml": """
                checkins:
                  - {kr: sales-service-kr1, date: 2027-03-29, value: 99.97, confidence: 8, author: ben}
                  - {kr: sales-service-kr2, date: 2027-03-29, value: 30, confidence: 6, author: ben}
            """,
            "checkins/2027-Q1/mini.yaml": COMPANY_CHECKINS,
        },
    )
    (root / "close.yaml").write_text("default_decision: carried_over\n", encoding="utf-8")
    code, _out, err = call(["close", "2027-Q1", "-w", str(root), "--answers", str(root / "close.yaml")], capsys)
    assert code == 0, err
    code, out, err = call(["next", "2027-Q1", "-w", str(root)], capsys)
    assert code == 0, err
    assert "Carried as health metrics: sales-service-kr1" in out and "Left behind" not in out
    (carried,) = load(root).objectives_in("2027-Q2", "sales")
    held = {kr.title: kr for kr in carried.key_results}["Keep quote desk uptime at 99.95%"]
    assert held.health_metric and held.baseline == held.target == 99.95  # the level to hold, not the 99.97 reached


def test_close_and_next_name_a_cycle_that_already_follows(
    make_ws: WorkspaceFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    """fe24 F11: with a planned FY27-Q1 on 2027-04-01 → 2027-06-30, `close` said "`rollout next
    2027-Q1` starts 2027-Q2 (2027-04-01 → 2027-06-30)", and `next`, once FY27-Q1 had started,
    "cycle FY27-Q1 is still running" while cycles.yaml says planned."""
    cycles = (
        "cycles:\n"
        "  - {id: 2027-Q1, start: 2027-01-01, end: 2027-03-31, status: running}\n"
        "  - {id: FY27-Q1, start: 2027-04-01, end: 2027-06-30, status: planned}\n"
    )
    root = make_ws(
        rollout_yaml="version: 1\norganization: Mini Co\nas_of: 2027-03-31\n",
        cycles_yaml=cycles,
        **{"okrs/2027-Q1/sales.yaml": SALES, "checkins/2027-Q1/sales.yaml": CHECKINS},
    )
    (root / "close.yaml").write_text("default_decision: carried_over\n", encoding="utf-8")
    code, out, err = call(["close", "2027-Q1", "-w", str(root), "--answers", str(root / "close.yaml")], capsys)
    assert code == 0, err
    assert "Next: FY27-Q1 (2027-04-01 → 2027-06-30) already follows 2027-Q1; add to or change its OKRs with" in out, out
    assert "starts 2027-Q2" not in out
    (root / "rollout.yaml").write_text("version: 1\norganization: Mini Co\nas_of: 2027-04-02\n", encoding="utf-8")
    code, out, err = call(["next", "2027-Q1", "-w", str(root)], capsys)
    assert code == 2
    assert "cycle FY27-Q1 already follows 2027-Q1: it started on 2027-04-01" in err, err
    assert "still running" not in err


NO_KEY_RESULTS = """
    objectives:
      - id: sales-explore
        title: Learn what mid-market buyers need from us
        owner: ben
        parent: win-mid-market
"""


def test_close_records_the_decision_on_an_objective_without_key_results(
    make_ws: WorkspaceFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    """fe25 N2: close said "2 carried over" but wrote no review for a unit whose only objective
    has no key results, so its decision was lost and `next` carried one objective."""
    root = make_ws(
        rollout_yaml="version: 1\norganization: Mini Co\nas_of: 2027-03-31\n",
        **{
            "okrs/2027-Q1/sales.yaml": NO_KEY_RESULTS,
            "checkins/2027-Q1/sales.yaml": None,
            "checkins/2027-Q1/mini.yaml": COMPANY_CHECKINS,
        },
    )
    (root / "close.yaml").write_text("default_decision: carried_over\n", encoding="utf-8")
    code, out, err = call(["close", "2027-Q1", "-w", str(root), "--answers", str(root / "close.yaml")], capsys)
    assert code == 0, err
    assert "2 carried over" in out and "Wrote 2 review files" in out, out
    ws = load(root)
    assert [d.objective for d in ws.reviews[("2027-Q1", "sales")].decisions] == ["sales-explore"]
    code, out, err = call(["next", "2027-Q1", "-w", str(root)], capsys)
    assert code == 0, err
    assert [o.carried_from for o in load(root).objectives_in("2027-Q2", "sales")] == ["sales-explore"]

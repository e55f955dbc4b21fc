"""The bundled demo organization: realistic shape, valid, deterministic, and scalable."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from rollout.demo import write_demo
from rollout.demo.generator import build_files, load_content
from rollout.workspace import load


def test_demo_shape(demo_source: Path) -> None:
    ws = load(demo_source)
    kinds = [u.kind for u in ws.units.values()]
    assert kinds.count("company") == 1 and kinds.count("department") >= 5 and kinds.count("team") >= 15
    assert 550 <= len(ws.people) <= 650
    names = {u.name for u in ws.units.values()}
    assert {"Talent Acquisition", "HR Operations", "Learning & Development"} <= names
    assert any("Customer Service" in n for n in names)
    assert [p.strategy for p in ws.phases.values()] == ["leadership-first", "department-by-department"]
    closed, running = ws.cycles.values()
    assert (closed.id, closed.status, running.id, running.status) == ("2026-Q3", "closed", "2026-Q4", "running")


def test_closed_quarter_has_checkins_reviews_scores_and_lessons(demo_source: Path) -> None:
    ws = load(demo_source)
    closed_krs = [kr for o in ws.objectives_in("2026-Q3") for kr in o.key_results]
    assert all(len(ws.checkins[kr.id]) >= 12 for kr in closed_krs)  # weekly
    company = ws.review("2026-Q3", "larkspur-freight")
    assert company is not None and len(company.monthly) == 3 and len(company.lessons) >= 5
    scored = {s.kr for (cycle, _u), review in ws.reviews.items() if cycle == "2026-Q3" for s in review.scores}
    assert scored == {kr.id for kr in closed_krs}
    decided = {d.objective for (cycle, _u), r in ws.reviews.items() if cycle == "2026-Q3" for d in r.decisions}
    assert decided == {o.id for o in ws.objectives_in("2026-Q3")}


def test_running_quarter_has_checkins_up_to_today_and_one_stale_team(demo_source: Path) -> None:
    ws = load(demo_source)
    latest = {kr.id: ws.latest_checkin(kr.id) for o in ws.objectives_in("2026-Q4") for kr in o.key_results}
    dates = [c.date for c in latest.values() if c is not None]
    assert max(dates) <= date(2026, 11, 24) and max(dates) >= date(2026, 11, 17)
    stale_units = {
        ws.kr_home[k][1] for k, c in latest.items() if c is not None and (date(2026, 11, 24) - c.date).days > 14
    }
    assert len(stale_units) == 1


def test_flaws_are_marked_in_the_content() -> None:
    content = load_content()
    flaws = sorted(
        item["flaw"]
        for objectives in content["okrs"]["running"].values()
        for objective in objectives
        for item in [objective, *objective["key_results"]]
        if "flaw" in item
    )
    assert flaws == sorted(
        ["activity", "vague", "orphan", "business_as_usual", "too_few_key_results", "metric_in_objective"]
    )


def test_demo_is_deterministic() -> None:
    content = load_content()
    assert build_files(content, teams=None, today=date(2026, 11, 24)) == build_files(
        content, teams=None, today=date(2026, 11, 24)
    )


def test_synthetic_organization_of_n_teams(tmp_path: Path) -> None:
    write_demo(tmp_path / "big", teams=35, today=date(2026, 11, 24))
    ws = load(tmp_path / "big")
    assert sum(u.kind == "team" for u in ws.units.values()) == 35
    assert sum(u.kind == "department" for u in ws.units.values()) == 4
    assert all(ws.objectives_in("2026-Q4", u) for u in ws.units)
    # The demo's story: the closed quarter was the leadership pilot; teams joined in the running one.
    assert {u for u in ws.units if ws.objectives_in("2026-Q3", u)} == {
        u.id for u in ws.units.values() if u.kind != "team"
    }


def _record_flow_calls(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, tuple[Any, ...], dict[str, Any]]]:
    from rollout.flows import closing, drafting

    calls: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []
    for module, name in ((closing, "close_cycle"), (closing, "start_next"), (drafting, "draft_from_answers")):
        real = getattr(module, name)

        def record(*args: Any, _real: Any = real, _name: str = name, **kwargs: Any) -> Any:
            calls.append((_name, args, kwargs))
            return _real(*args, **kwargs)

        monkeypatch.setattr(module, name, record)
    return calls


def test_demo_is_made_by_close_next_and_draft(monkeypatch: pytest.MonkeyPatch) -> None:
    """The hand-written demo's closed quarter is closed by `close`, the running one started by `next`."""
    calls = _record_flow_calls(monkeypatch)
    content = load_content()
    files = build_files(content, teams=None, today=date(2026, 11, 24))
    assert [name for name, _args, _kwargs in calls] == ["close_cycle", "start_next", "draft_from_answers"]
    _name, (_root, _ws, closed, answers), _kw = calls[0]
    assert closed == "2026-Q3"
    decisions = {d["objective"]: d["decision"] for d in content["closing"]["decisions"]}
    assert {o: d for o, (d, _note) in answers.decisions.items()} == decisions
    assert answers.overrides["hr-c-driver-hiring-kr3"][0] == 0.8
    _name, (_root, _ws, closed, running), kwargs = calls[1]
    assert (closed, running, kwargs["name"]) == ("2026-Q3", "2026-Q4", "2026-Q4 (department pilot)")
    running_objectives = [o for objectives in content["okrs"]["running"].values() for o in objectives]
    assert kwargs["ids"] == {o["carried_from"]: o["id"] for o in running_objectives if o.get("carried_from")}
    assert kwargs["ids"]["co-win-mid-market"] == "co-mid-market-recommend"
    # What the flows wrote is what the demo holds: headers of `next`, the close's review files, no scratch state.
    assert "(carried from 2026-Q3; refine with `rollout draft`)" in files["okrs/2026-Q4/hr.yaml"]
    assert "decision: carried_over" in files["reviews/2026-Q3/finance.yaml"]
    assert not any(path.startswith(".rollout") for path in files)
    okrs = [text for path, text in files.items() if path.startswith("okrs/")]
    assert not any(key in text for text in okrs for key in ("trajectory:", "confidence:", "flaw:", "final:"))


def test_synthetic_organization_is_written_directly(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _record_flow_calls(monkeypatch)
    files = build_files(load_content(), teams=12, today=date(2026, 11, 24))
    assert calls == [] and "okrs/2026-Q4/hr-t1.yaml" in files

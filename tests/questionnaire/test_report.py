"""Aggregating respondents: means, spread, disagreement as a gap, strategy, pilot units; the demo."""

from __future__ import annotations

import json
import statistics
from pathlib import Path
from typing import Any

import pytest
import yaml

from rollout.errors import LoadError, UsageError
from rollout.questionnaire.report import readiness_report
from rollout.questionnaire.report_text import render_text
from rollout.workspace import load


def answer(root: Path, person: str, answers: dict[str, Any], *, complete: bool = True, unit: str = "") -> None:
    record: dict[str, Any] = {"questionnaire": "sample", "version": 2, "respondent": person}
    if unit:
        record["unit"] = unit
    record.update({"date": "2027-02-10", "complete": complete, "answers": answers})
    path = root / "assessments" / "sample" / f"{person}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(record, sort_keys=False), encoding="utf-8")


ANA = {"lik": 5, "yn": True, "one": "a", "many": ["x", "y"], "num": 5, "pick": ["sales"]}  # d1 5.0, d2 4.667
BEN = {"lik": 2, "yn": True, "one": "a", "many": ["x"], "num": 5, "pick": ["sales", "ops"]}  # d1 2.75, d2 4.0
CAI = {"lik": 2, "yn": False, "why": "no time", "one": "b", "many": ["x"], "num": 1, "pick": ["ops"]}  # 1.75, 2.0


def test_aggregation_by_hand(ws_root: Path) -> None:
    answer(ws_root, "ana", ANA)
    answer(ws_root, "ben", BEN)
    answer(ws_root, "cai", CAI)
    report = readiness_report(load(ws_root), "sample")
    assert [r.person for r in report.respondents] == ["ana", "ben", "cai"]
    d1, d2 = report.dimensions
    assert d1.scores == {"ana": 5.0, "ben": 2.75, "cai": 1.75}
    assert d1.mean == pytest.approx(round((5 + 2.75 + 1.75) / 3, 2))
    assert (d1.min, d1.max, d1.spread) == (1.75, 5.0, 3.25)
    assert d1.stdev == round(statistics.pstdev([5, 2.75, 1.75]), 2)
    assert d1.answered_by == ["ana", "ben", "cai"]
    assert d1.disagreement is True  # 3.25 ≥ 2
    assert d2.scores == {"ana": pytest.approx(14 / 3, abs=0.01), "ben": 4.0, "cai": 2.0}
    assert d2.disagreement is True  # 4.67 - 2.0 ≥ 2
    # overall from the means: (d1 + 2 × d2) / 3
    mean_d2 = (14 / 3 + 4 + 2) / 3
    assert report.overall == pytest.approx(((5 + 2.75 + 1.75) / 3 + 2 * mean_d2) / 3, abs=0.01)
    # Disagreement is a leadership-alignment gap, named first, with who is lowest and highest.
    kinds = [(g.kind, g.dimension) for g in report.gaps]
    assert kinds[:2] == [("disagreement", "d1"), ("disagreement", "d2")]
    assert "Cai Wen" in report.gaps[0].message and "Ana Lima" in report.gaps[0].message
    # The band is "Leaders first" (3.21); disagreement caps at leadership-first anyway.
    assert report.strategy is not None and report.strategy.id == "leadership-first"
    assert [u.id for u in report.pilot_units] == ["mini", "sales", "ops"]
    # Candidates: ops and sales each proposed twice; sales' head scored higher.
    assert [(c.id, c.votes) for c in report.candidates] == [("sales", 2), ("ops", 2)]
    assert report.comments[0].text == "no time" and report.comments[0].name == "Cai Wen"


def test_agreement_gives_department_pilot_with_candidates(ws_root: Path) -> None:
    answer(ws_root, "ana", ANA)
    answer(ws_root, "ben", {**ANA, "lik": 4, "pick": ["ops"]}, unit="sales")
    answer(ws_root, "cai", {**ANA, "pick": ["ops"]})
    report = readiness_report(load(ws_root), "sample")
    assert report.disagreements == []
    assert report.strategy is not None and report.strategy.id == "department-by-department"
    assert [u.id for u in report.pilot_units] == ["ops", "sales"]
    assert report.pilot_units[0].votes == 2


def test_in_progress_answers_are_listed_not_counted(ws_root: Path) -> None:
    answer(ws_root, "ana", ANA)
    answer(ws_root, "ben", {"lik": 1}, complete=False)
    report = readiness_report(load(ws_root), "sample")
    assert [r.person for r in report.respondents] == ["ana"]
    assert [r.person for r in report.in_progress] == ["ben"]
    assert "Still answering: Ben Okoro" in render_text(report)


def test_answer_that_does_not_fit_is_reported_at_its_line(ws_root: Path) -> None:
    answer(ws_root, "ana", {**ANA, "num": 99})
    with pytest.raises(LoadError) as info:
        readiness_report(load(ws_root), "sample")
    problem = info.value.problems[0]
    assert problem.file == "assessments/sample/ana.yaml" and problem.line > 0 and "num" in problem.message


def test_only_filters_respondents(ws_root: Path) -> None:
    answer(ws_root, "ana", ANA)
    answer(ws_root, "cai", CAI)
    report = readiness_report(load(ws_root), "sample", only={"one": "b"})
    assert [r.person for r in report.respondents] == ["cai"]
    with pytest.raises(UsageError, match="not an option"):
        readiness_report(load(ws_root), "sample", only={"one": "q"})


def test_no_answers_yet(ws_root: Path) -> None:
    report = readiness_report(load(ws_root), "sample")
    assert report.respondents == [] and report.strategy is None
    assert "No complete answers yet" in render_text(report)


def test_text_table_and_json(ws_root: Path) -> None:
    answer(ws_root, "ana", ANA)
    answer(ws_root, "cai", CAI)
    report = readiness_report(load(ws_root), "sample")
    text = render_text(report)
    assert "First dimension" in text and "⚠" in text and "Gaps to close first" in text
    assert all(len(line) <= 100 for line in text.splitlines())
    data = json.loads(json.dumps(report.to_dict()))
    assert data["respondent_count"] == 2
    assert data["dimensions"][0]["disagreement"] is True


# --- the demo -----------------------------------------------------------------------


def test_demo_readiness_shows_leaders_disagreeing_on_metric_discipline(demo_source: Path) -> None:
    ws = load(demo_source)
    readiness = [a for a in ws.assessments if a.questionnaire == "readiness" and a.complete]
    assert len(readiness) >= 4
    leaders = {u.owner for u in ws.units.values() if u.kind in ("company", "department")}
    assert {a.respondent for a in readiness} <= leaders
    report = readiness_report(ws)
    assert report.disagreements == ["metric-discipline"]
    gap = report.gaps[0]
    assert gap.kind == "disagreement" and gap.dimension == "metric-discipline"
    assert report.strategy is not None and report.strategy.id == "leadership-first"
    ceo = ws.company.owner if ws.company else None
    assert any(r.person == ceo for r in report.respondents)
    text = render_text(report)
    assert "Respondents disagree on metric discipline" in text


def test_demo_retrospectives(demo_source: Path) -> None:
    ws = load(demo_source)
    pilot = readiness_report(ws, "pilot-retrospective", only={"phase": "leadership-pilot"})
    assert len(pilot.respondents) >= 4
    assert pilot.comments and pilot.tallies
    cycle = readiness_report(ws, "cycle-retrospective")
    assert len(cycle.respondents) == 1 and cycle.overall is not None

"""Scores, bands, gaps and strategy, checked against hand-computed values."""

from __future__ import annotations

from pathlib import Path

import pytest

from rollout.questionnaire import loader
from rollout.questionnaire.model import Band, Questionnaire, band_of
from rollout.questionnaire.scoring import dimension_scores, question_score, score_answers


@pytest.fixture
def sample(ws_root: Path) -> Questionnaire:
    from rollout.workspace import load

    return loader.bind(loader.get("sample", ws_root), load(ws_root))


def test_each_kind_scores_on_the_1_to_5_scale(sample: Questionnaire) -> None:
    def score(qid: str, value: object) -> float | None:
        question = sample.question(qid)
        assert question is not None
        return question_score(question, value)

    assert score("lik", 4) == 4
    assert score("yn", True) == 5 and score("yn", False) == 1
    assert score("one", "b") == 2
    # multiple: 1 + 4 × min(1, points / full marks); full marks = 2
    assert score("many", []) == 1
    assert score("many", ["x"]) == 3
    assert score("many", ["x", "y", "z"]) == 5
    # number: first matching range
    assert score("num", 3) == 1 and score("num", 5) == 4
    assert score("why", "text is never scored") is None
    assert score("pick", ["sales"]) is None


def test_dimension_and_overall_scores_by_hand(sample: Questionnaire) -> None:
    answers = {"lik": 4, "yn": True, "one": "b", "many": ["x"], "num": 5}
    # d1 = (4×3 + 5×1) / 4 = 4.25 ; d2 = (2 + 3 + 4) / 3 = 3.0
    assert dimension_scores(sample, answers) == {"d1": 4.25, "d2": 3.0}
    outcome = score_answers(sample, answers)
    # overall = (4.25×1 + 3.0×2) / 3 = 3.41666…
    assert outcome.overall == pytest.approx(10.25 / 3)
    assert outcome.band is not None and outcome.band.level == "lead"
    assert [(d.id, d.band.level if d.band else None) for d in outcome.dimensions] == [("d1", "high"), ("d2", "high")]
    assert outcome.gaps == []
    assert outcome.recommendation is not None
    assert outcome.recommendation.strategy.id == "leadership-first"
    assert outcome.recommendation.reasons == ["overall readiness is 'Leaders first'"]


def test_gate_caps_the_strategy_and_gives_its_reason(sample: Questionnaire) -> None:
    answers = {"lik": 1, "yn": False, "one": "a", "many": ["x", "y", "z"], "num": 2}
    # d1 = (1×3 + 1) / 4 = 1.0 ; d2 = (5 + 5 + 1) / 3 = 3.667 ; overall = (1 + 7.333) / 3 = 2.778
    outcome = score_answers(sample, answers)
    assert outcome.overall == pytest.approx((1 + 2 * 11 / 3) / 3)
    assert outcome.band is not None and outcome.band.level == "lead"
    assert [g.id for g in outcome.gaps] == ["d1"]
    assert outcome.recommendation is not None
    assert outcome.recommendation.strategy.id == "not-yet"
    assert "d1 is too low" in outcome.recommendation.reasons


def test_skipped_questions_do_not_count(sample: Questionnaire) -> None:
    # Only d1 answered: d2 has no score, the overall is d1's alone.
    outcome = score_answers(sample, {"lik": 5, "yn": True})
    assert outcome.overall == 5
    assert outcome.dimensions[1].score is None and outcome.dimensions[1].band is None


def test_band_edges() -> None:
    bands = [
        Band(min=1, level="low", label="Low", recommendation="r"),
        Band(min=2.5, level="mid", label="Mid", recommendation="r"),
        Band(min=4, level="top", label="Top", recommendation="r"),
    ]
    assert band_of(bands, 1).level == "low"  # type: ignore[union-attr]
    assert band_of(bands, 2.49).level == "low"  # type: ignore[union-attr]
    assert band_of(bands, 2.5).level == "mid"  # type: ignore[union-attr]
    assert band_of(bands, 5).level == "top"  # type: ignore[union-attr]


def test_readiness_questionnaire_by_hand() -> None:
    readiness = loader.get("readiness")
    answers = {
        "leaders-agree": 4,
        "priority-count": 3,
        "heads-same-list": 2,
        "priorities-written": False,
        "priorities-from-strategy": 3,
        "metrics-tracked": ["revenue"],
        "baselines-known": 2,
        "numbers-trusted": 3,
        "goals-visible": 2,
        "misses-discussed": 4,
        "review-frequency": "monthly",
        "conversations": 3,
        "frame-exists": False,
        "okr-not-kpi": 3,
        "has-sponsor": False,
        "program-owner": "none",
        "leaders-take-part": 2,
    }
    scores = dimension_scores(readiness, answers)
    assert scores["leadership-alignment"] == pytest.approx((4 * 2 + 5 + 2) / 4)  # 3.75
    assert scores["documented-priorities"] == pytest.approx((1 * 2 + 3) / 3)  # shared is skipped: 1.667
    assert scores["metric-discipline"] == pytest.approx(((1 + 4 / 3) * 2 + 2 + 3) / 4)
    assert scores["transparency"] == 3
    assert scores["review-rhythm"] == pytest.approx((3 * 2 + 3) / 3)
    assert scores["performance-frame"] == pytest.approx((1 + 3) / 2)  # goals-linked is skipped
    assert scores["program-capacity"] == pytest.approx((1 * 2 + 1 * 2 + 2) / 5)  # owner-hours is skipped
    outcome = score_answers(readiness, answers)
    assert outcome.recommendation is not None
    assert outcome.recommendation.strategy.id == "not-yet"  # capacity 1.2 < 2.5 gate
    assert [g.id for g in outcome.gaps] == ["program-capacity", "documented-priorities", "performance-frame"]

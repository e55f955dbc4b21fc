"""Each workspace model accepts what the format allows and names what it refuses."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from rollout.workspace.models import (
    Assessment,
    CheckIn,
    CheckInEntry,
    Cycle,
    KeyResult,
    KeyResultScore,
    MonthlyReview,
    Objective,
    ObjectiveDecision,
    Person,
    Phase,
    Priority,
    ReviewFile,
    Settings,
    Suppression,
    Unit,
)


def refused(model: type[BaseModel], data: dict[str, Any]) -> str:
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)
    return str(caught.value)


def test_settings_require_version_1_and_forbid_unknown_keys() -> None:
    assert Settings.model_validate({"version": 1, "organization": "X"}).build_dir == "build"
    assert "Input should be 1" in refused(Settings, {"version": 2, "organization": "X"})
    assert "Extra inputs are not permitted" in refused(Settings, {"version": 1, "organization": "X", "colour": 1})
    assert "moderate must be lower than strong" in refused(
        Settings, {"version": 1, "organization": "X", "scoring": {"strong": 0.5, "moderate": 0.6}}
    )


@pytest.mark.parametrize("bad", ["Sales", "sales_team", "-sales", "sales-", "a--b", "../x", "con", "x" * 65, ""])
def test_ids_are_safe_file_names(bad: str) -> None:
    refused(Person, {"id": bad, "name": "N"})


def test_person_and_unit() -> None:
    assert Person.model_validate({"id": "ana-lima", "name": "Ana", "email": "ana@example.org"}).id == "ana-lima"
    assert "not a valid" not in str(Unit.model_validate({"id": "co", "name": "Co", "kind": "company"}))
    assert "the company unit has no parent" in refused(
        Unit, {"id": "co", "name": "Co", "kind": "company", "parent": "x"}
    )
    assert "a team needs a parent unit" in refused(Unit, {"id": "t", "name": "T", "kind": "team"})
    assert "Input should be 'company', 'department' or 'team'" in refused(
        Unit, {"id": "t", "name": "T", "kind": "squad"}
    )


def test_cycle_dates_and_ids() -> None:
    cycle = Cycle.model_validate({"id": "2027-Q1", "start": "2027-01-01", "end": "2027-03-31"})
    assert cycle.start == date(2027, 1, 1) and cycle.status == "planned" and cycle.title == "2027-Q1"
    assert "end must be after start" in refused(Cycle, {"id": "2027-Q1", "start": "2027-03-01", "end": "2027-01-01"})
    assert "Input should be a valid date" in refused(
        Cycle, {"id": "2027-Q1", "start": "2027-02-30", "end": "2027-03-31"}
    )
    assert "not a valid cycle id" in refused(Cycle, {"id": "2027/Q1", "start": "2027-01-01", "end": "2027-03-31"})


def test_priority_and_phase() -> None:
    assert Priority.model_validate({"id": "grow", "title": "Grow", "cycles": ["2027-Q1"]}).cycles == ["2027-Q1"]
    phase = {"id": "pilot", "name": "Pilot", "strategy": "leadership-first", "units": ["co"]}
    assert Phase.model_validate(phase).entry_criteria == []
    assert "Input should be" in refused(Phase, {**phase, "strategy": "big-bang"})
    assert "at least 1 item" in refused(Phase, {**phase, "units": []})


def test_objective_and_key_result() -> None:
    objective = Objective.model_validate(
        {
            "id": "o1",
            "title": "Delight customers",
            "alignment": "cross_functional",
            "contributors": ["ops"],
            "suppress": [{"rule": "W201", "reason": "agreed with the CEO"}],
            "key_results": [{"id": "o1-kr1", "title": "NPS from 30 to 45", "direction": "increase", "weight": 2}],
        }
    )
    assert objective.key_results[0].weight == 2.0
    assert "Input should be 'increase', 'decrease' or 'milestone'" in refused(
        KeyResult, {"id": "k", "title": "t", "direction": "up"}
    )
    assert "greater than 0" in refused(KeyResult, {"id": "k", "title": "t", "weight": 0})
    assert "at least 1 character" in refused(Suppression, {"rule": "W201", "reason": ""})
    assert "Input should be 'bottom_up' or 'cross_functional'" in refused(
        Objective, {"id": "o", "title": "t", "alignment": "sideways"}
    )


def test_checkin_confidence_number_or_words() -> None:
    entry = CheckInEntry.model_validate({"kr": "k", "date": "2027-01-04", "value": 3, "confidence": "at_risk"})
    assert entry.confidence == "at_risk"
    assert CheckIn("k", date(2027, 1, 4), 3.0, "at_risk").confidence_score == 5
    assert CheckIn("k", date(2027, 1, 4), 3.0, 9).confidence_score == 9
    assert "less than or equal to 10" in refused(
        CheckInEntry, {"kr": "k", "date": "2027-01-04", "value": 3, "confidence": 11}
    )
    assert "Input should be a valid date" in refused(CheckInEntry, {"kr": "k", "date": "monday", "value": 3})


def test_reviews_scores_and_decisions() -> None:
    review = ReviewFile.model_validate(
        {
            "monthly": [{"date": "2027-01-30", "attendees": ["ana"], "notes": "**Good** month"}],
            "scores": [{"kr": "k", "score": 0.6, "override": 0.7, "reason": "target moved by the board"}],
            "lessons": ["Fewer objectives"],
            "decisions": [{"objective": "o", "decision": "carried_over"}],
        }
    )
    assert review.scores[0].final == 0.7
    assert isinstance(review.monthly[0], MonthlyReview)
    assert "an override needs a reason" in refused(KeyResultScore, {"kr": "k", "score": 0.6, "override": 0.7})
    assert "less than or equal to 1" in refused(KeyResultScore, {"kr": "k", "score": 1.2})
    assert "Input should be" in refused(ObjectiveDecision, {"objective": "o", "decision": "postponed"})


def test_assessment() -> None:
    record = Assessment.model_validate(
        {"questionnaire": "readiness", "version": 1, "respondent": "ana", "date": "2027-01-04", "answers": {"q1": 4}}
    )
    assert record.complete and record.answers == {"q1": 4}
    assert "greater than or equal to 1" in refused(
        Assessment, {"questionnaire": "readiness", "version": 0, "respondent": "ana", "date": "2027-01-04"}
    )

"""check_draft (no workspace), configuration checks and the quality score."""

from __future__ import annotations

from datetime import date

import pytest

from rollout.errors import UsageError
from rollout.rules import Finding, check_draft, objective_quality, quality_score, unit_quality
from rollout.rules.score import scores_by_objective, scores_by_unit
from rollout.workspace.models import Cycle, KeyResult, Objective, RulesConfig


def _objective(*titles: str, **fields: object) -> Objective:
    return Objective(
        id="draft",
        title=str(fields.pop("title", "Answer shippers quickly and get it right the first time")),
        owner="ann",
        key_results=[KeyResult(id=f"draft-kr{i}", title=t, owner="ann") for i, t in enumerate(titles, 1)],
        **fields,  # type: ignore[arg-type]
    )


def test_draft_in_memory_finds_wording_and_structure() -> None:
    objective = _objective("Launch a chatbot", "Improve collaboration", title="Implement Zendesk")
    findings = check_draft(objective, level="team")
    got = {(f.code, f.field) for f in findings}
    assert ("OKR201", "key_results[0].title") in got
    assert ("OKR202", "key_results[1].title") in got
    assert ("OKR205", "title") in got
    assert ("OKR301", "parent") in got  # a team objective needs a parent
    assert ("OKR103", "key_results") in got
    assert all(f.file == "" and f.line == 0 for f in findings)
    assert {f.kr for f in findings if f.field.startswith("key_results[0]")} == {"draft-kr1"}


def test_draft_skips_workspace_rules_and_honours_config() -> None:
    objective = _objective("Launch a chatbot", title="Implement Zendesk")
    findings = check_draft(objective, level="company", config=RulesConfig(select=["wording"], ignore=["OKR205"]))
    assert {f.code for f in findings} == {"OKR201"}


def test_draft_with_cycle_checks_dates() -> None:
    cycle = Cycle(id="2026-Q4", start=date(2026, 10, 1), end=date(2026, 12, 31))
    objective = _objective("Raise NPS from 31 to 45")
    objective.key_results[0].due = date(2027, 3, 1)
    assert "OKR108" in {f.code for f in check_draft(objective, level="company", cycle=cycle)}
    assert "OKR109" not in {f.code for f in check_draft(objective, level="company", cycle=cycle)}


def test_draft_suppression() -> None:
    objective = _objective("Maintain payroll accuracy at 99.9%")
    assert "OKR203" in {f.code for f in check_draft(objective, level="company")}
    objective.key_results[0].suppress = [{"rule": "OKR203", "reason": "Board asked for it"}]  # type: ignore[list-item]
    assert "OKR203" not in {f.code for f in check_draft(objective, level="company")}


def test_draft_config_errors() -> None:
    with pytest.raises(UsageError, match="OKR999"):
        check_draft(_objective(), level="team", config=RulesConfig(options={"OKR999": {}}))
    with pytest.raises(UsageError, match="no option 'limit'"):
        check_draft(_objective(), level="team", config=RulesConfig(options={"OKR207": {"limit": 3}}))
    with pytest.raises(UsageError, match="must be a whole number"):
        check_draft(_objective(), level="team", config=RulesConfig(options={"OKR207": {"max_words": "ten"}}))
    with pytest.raises(UsageError, match="unknown word list"):
        check_draft(_objective(), level="team", config=RulesConfig(words={"verbs": ["x"]}))


def test_draft_extra_words_and_options() -> None:
    objective = _objective("Evangelize the portal to 40 shippers")
    assert "OKR201" not in {f.code for f in check_draft(objective, level="company")}
    config = RulesConfig(words={"activity_verbs": ["evangelize"]}, options={"OKR103": {"min": 1}})
    codes = {f.code for f in check_draft(objective, level="company", config=config)}
    assert "OKR201" in codes and "OKR103" not in codes


def _finding(severity: str, objective: str | None = "o1", unit: str = "hr") -> Finding:
    return Finding("OKR201", "x", severity, "m", "h", "f", 1, 1, "", "2026-Q4", unit, objective, None)  # type: ignore[arg-type]


def test_quality_score_formula() -> None:
    assert quality_score([]) == 100
    assert quality_score([_finding("error"), _finding("warning"), _finding("info")]) == 100 - 25 - 10 - 3
    assert quality_score([_finding("error")] * 5) == 0
    assert objective_quality([_finding("warning")]) == 90


def test_unit_quality_is_mean_of_objectives_minus_unit_findings() -> None:
    findings = [_finding("warning", "o1"), _finding("error", "o2"), _finding("info", None)]
    assert unit_quality(findings, ["o1", "o2", "o3"]) == round((90 + 75 + 100) / 3) - 3
    assert unit_quality([], []) == 100
    assert scores_by_objective(findings, ["o1", "o9"]) == {"o1": 90, "o9": 100}
    assert scores_by_unit(findings, {("2026-Q4", "hr"): ["o1", "o2", "o3"]}) == {("2026-Q4", "hr"): 85}

"""YAML pass/fail cases per rule code (``tests/rules/cases/<CODE>.yaml``), collected into parametrized tests.

Each case is either text (``kr:`` or ``objective:``, with an optional ``level:``), run
through :func:`check_draft` and inside the base workspace, or a workspace
(``files:`` and ``settings:`` over the base workspace). ``select:`` widens the rules run
(default: the case's code alone), e.g. for OKR001 which needs the suppressed rule. A ``fail`` case must yield
the code (``count:`` times when given, with ``message:`` in the text when given);
a ``pass`` case must not yield it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from rollout.rules import REGISTRY, check_workspace
from rollout.workspace import load

from .harness import run_draft, run_workspace, write_workspace

CASES = Path(__file__).parent / "cases"


def _collect() -> list[Any]:
    params = []
    for path in sorted(CASES.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        code = data["rule"]
        for outcome in ("pass", "fail"):
            for i, case in enumerate(data.get(outcome) or []):
                name = case.get("name", str(i))
                params.append(pytest.param(code, outcome, case, id=f"{code}-{outcome}-{name}"))
    return params


def test_every_rule_has_cases() -> None:
    for code in REGISTRY:
        path = CASES / f"{code}.yaml"
        assert path.exists(), f"{code} has no case file {path.name}"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert data["rule"] == code
        assert data.get("pass"), f"{code} has no passing case"
        assert data.get("fail"), f"{code} has no failing case"


def test_base_workspace_is_clean(tmp_path: Path) -> None:
    assert check_workspace(load(write_workspace(tmp_path))) == []


@pytest.mark.parametrize(("code", "outcome", "case"), _collect())
def test_case(code: str, outcome: str, case: dict[str, Any], tmp_path: Path) -> None:
    rule = REGISTRY[code]
    text_case = "kr" in case or "objective" in case
    runs = []
    if text_case and rule.draft and case.get("mode", "both") in ("both", "draft"):
        runs.append(("draft", run_draft(code, case)))
    if not text_case or case.get("mode", "both") in ("both", "workspace"):
        runs.append(("workspace", run_workspace(code, case, tmp_path)))
    assert runs, "the case runs nowhere"
    for mode, findings in runs:
        if outcome == "pass":
            assert findings == [], f"{mode}: unexpected {[f.message for f in findings]}"
        else:
            assert findings, f"{mode}: {code} not found"
            if "count" in case:
                assert len(findings) == case["count"], f"{mode}: {[f.message for f in findings]}"
            if "message" in case:
                assert any(case["message"] in f.message for f in findings), [f.message for f in findings]
            if mode == "workspace":
                assert all(f.line > 0 and f.file for f in findings)

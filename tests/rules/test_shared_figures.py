"""A figure several rules read is worked out once per run (:meth:`rollout.rules.base.Context.shared`),
and gives the findings of a fresh computation (the figure worked out for each rule)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from rollout.rules import check_workspace
from rollout.rules.base import Context
from rollout.workspace import load

from .harness import write_workspace

CASES = Path(__file__).parent / "cases"


def _cases(code: str) -> list[dict[str, Any]]:
    data = yaml.safe_load((CASES / f"{code}.yaml").read_text(encoding="utf-8"))
    return [*data["fail"], *data["pass"]]


def _fresh(self: Context, name: str, make: Callable[[], Any]) -> Any:
    return make()


def test_calibration_rules_equal_a_fresh_computation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """OKR407 and OKR408 share the closed-cycle means: one workspace after another in one
    process, the findings equal those with the means worked out for each rule."""
    cases = [*_cases("OKR407"), *_cases("OKR408")]
    roots = [
        write_workspace(tmp_path / str(n), case.get("files"), case.get("settings")) for n, case in enumerate(cases)
    ]
    shared = [check_workspace(load(root), select=["OKR407", "OKR408"]) for root in roots]
    monkeypatch.setattr(Context, "shared", _fresh)
    fresh = [check_workspace(load(root), select=["OKR407", "OKR408"]) for root in roots]
    assert shared == fresh
    assert sum(1 for findings in fresh if findings) >= 2  # both rules fire somewhere

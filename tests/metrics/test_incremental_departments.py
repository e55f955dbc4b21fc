"""After one unit's check-ins change, the analysis works out again only that unit's department
in the changed cycle (``CycleState.departments``); every figure equals a fresh analysis."""

from __future__ import annotations

from pathlib import Path

from rollout.metrics.analysis import analyze
from rollout.workspace import load

TEAM = "talent-acquisition"  # a team of the demo's People & HR department


def _append(root: Path, value: float) -> None:
    path = root / f"checkins/2026-Q4/{TEAM}.yaml"
    text = path.read_text(encoding="utf-8").rstrip("\n")
    path.write_text(text + f"\n- kr: ta-driver-pipeline-kr1\n  date: 2026-11-24\n  value: {value}\n", encoding="utf-8")


def test_the_changed_units_department_follows_and_the_others_are_kept(demo_copy: Path) -> None:
    first = analyze(load(demo_copy))
    department = first.cycles["2026-Q4"].departments[TEAM]
    _append(demo_copy, 1_000_000)
    after = load(demo_copy)
    again = analyze(after, previous=first, changed={("2026-Q4", TEAM)})
    fresh = analyze(after)
    was, now, expected = first.cycles["2026-Q4"], again.cycles["2026-Q4"], fresh.cycles["2026-Q4"]
    assert list(now.department_completion.items()) == list(expected.department_completion.items())
    assert list(now.department_checkins.items()) == list(expected.department_checkins.items())
    assert now.departments == expected.departments
    assert now.department_completion[department] != was.department_completion[department]
    others = [d for d in now.department_completion if d != department]
    assert others and all(now.department_completion[d] is was.department_completion[d] for d in others)
    assert again.cycles == fresh.cycles

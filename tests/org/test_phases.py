"""`rollout phases plan|add|list` (issue 15, part 4)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from rollout.workspace import load
from tests.flows.conftest import call


@pytest.fixture
def no_phases(demo_copy: Path) -> Path:
    (demo_copy / "phases.yaml").unlink()
    return demo_copy


def test_plan_shows_the_phase_and_without_a_terminal_needs_yes(no_phases: Path) -> None:
    def run(*extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "rollout", "phases", "plan", "-w", str(no_phases), *extra],
            stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120,
        )  # fmt: skip

    shown = run()
    assert shown.returncode == 2 and "rollout phases plan --yes" in shown.stderr
    assert "strategy: leadership-first" in shown.stdout and not (no_phases / "phases.yaml").exists()
    written = run("--yes")
    assert written.returncode == 0, written.stderr
    phase = load(no_phases).phases["leadership-pilot"]
    ws = load(no_phases)
    assert phase.strategy == "leadership-first"
    assert phase.units == [u.id for u in ws.units.values() if u.kind in ("company", "department")]
    assert phase.cycles == ["2026-Q4"]  # the running cycle, which no phase covered
    assert phase.entry_criteria and phase.exit_criteria


def test_plan_with_another_strategy_takes_the_pilot_departments_and_their_teams(
    no_phases: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = call(
        ["phases", "plan", "-w", str(no_phases), "--strategy", "department-by-department", "--yes"], capsys
    )
    assert code == 0, err
    assert "you chose (not the report's)" in out
    ws = load(no_phases)
    phase = next(iter(ws.phases.values()))
    departments = [u for u in phase.units if ws.units[u].kind == "department"]
    assert 1 <= len(departments) <= 2
    teams = [u for u in phase.units if ws.units[u].kind == "team"]
    assert teams and all(ws.department_of(t).id in departments for t in teams)  # type: ignore[union-attr]


def test_plan_without_answers_says_what_to_do(make_ws, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    root = make_ws()
    code, _out, err = call(["phases", "plan", "-w", str(root), "--yes"], capsys)
    assert code == 2 and "nobody has answered the readiness assessment" in err


def test_add_and_list(make_ws, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    root = make_ws()
    code, out, err = call(
        [
            "phases", "add", "-w", str(root), "--id", "pilot", "--name", "Sales pilot", "--strategy",
            "department-by-department", "--unit", "sales", "--cycle", "2027-Q1", "--exit", "Retrospective done",
        ],
        capsys,
    )  # fmt: skip
    assert code == 0, err
    assert yaml.safe_load((root / "phases.yaml").read_text())["phases"][0]["units"] == ["sales"]
    code, out, _err = call(["phases", "list", "-w", str(root)], capsys)
    assert "pilot" in out and "Sales pilot" in out and "1 phase" in out
    code, _out, err = call(
        [
            "phases",
            "add",
            "-w",
            str(root),
            "--id",
            "pilot",
            "--name",
            "Again",
            "--strategy",
            "broad",
            "--unit",
            "sales",
        ],
        capsys,
    )
    assert code == 2 and "already a phase with id 'pilot'" in err

"""Closing a cycle before its end date: a warning, a question in a terminal, "closed on" in status."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
import yaml

from rollout.workspace import load
from tests.clirun import run_cli
from tests.flows.conftest import ENTER, call, piped


def _answers(tmp_path: Path) -> Path:
    path = tmp_path / "c3.yaml"
    path.write_text("default_decision: carried_over\nlessons: [ok]\n", encoding="utf-8")
    return path


def test_close_before_the_end_warns_and_goes_on_without_a_terminal(demo_copy: Path, tmp_path: Path) -> None:
    ran = run_cli("close", "2026-Q4", "-w", demo_copy, "--answers", _answers(tmp_path))
    assert ran.returncode == 0, ran
    warning = next(line for line in ran.stderr.splitlines() if line.startswith("warning:"))
    assert "2026-Q4 runs until 2026-12-31: 37 days left" in warning  # the demo's today is 2026-11-24
    assert "never measured (final score 0.0)" in warning
    ws = load(demo_copy)
    assert ws.cycles["2026-Q4"].status == "closed"
    assert ws.cycles["2026-Q4"].closed_on is not None and ws.cycles["2026-Q4"].closed_on.isoformat() == "2026-11-24"


def test_status_of_a_cycle_closed_early_says_when(demo_copy: Path, tmp_path: Path) -> None:
    assert run_cli("close", "2026-Q4", "-w", demo_copy, "--answers", _answers(tmp_path)).returncode == 0
    ran = run_cli("status", "--cycle", "2026-Q4", "-w", demo_copy)
    head = ran.stdout.splitlines()[0]
    assert "closed on 2026-11-24, 59% of the cycle elapsed: final scores" in head, head
    assert "100%" not in head
    data = yaml.safe_load(run_cli("status", "--cycle", "2026-Q4", "-w", demo_copy, "--format", "json").stdout)
    assert data["closed_on"] == "2026-11-24" and round(data["elapsed_at_close"], 2) == 0.59
    # The demo's 2026-Q3 was closed at its end: no share to show.
    assert "closed on 2026-09-30: final scores" in run_cli("status", "--cycle", "2026-Q3", "-w", demo_copy).stdout


def test_a_cycle_closed_before_the_day_was_recorded_keeps_the_plain_words(demo_copy: Path) -> None:
    text = (demo_copy / "cycles.yaml").read_text(encoding="utf-8")
    (demo_copy / "cycles.yaml").write_text(text.replace("  closed_on: 2026-09-30\n", ""), encoding="utf-8")
    assert "closed: final scores" in run_cli("status", "--cycle", "2026-Q3", "-w", demo_copy).stdout


@pytest.mark.parametrize(("key", "closed"), [("n", False), ("y", True)])
def test_close_before_the_end_asks_in_a_terminal(
    demo_copy: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    key: str,
    closed: bool,
) -> None:
    terminal = io.StringIO()
    monkeypatch.setattr(terminal, "isatty", lambda: True)
    monkeypatch.setattr(sys, "stdin", terminal)
    before = (demo_copy / "cycles.yaml").read_bytes()
    with piped(key, ENTER):
        code, _out, err = call(["close", "2026-Q4", "-w", str(demo_copy), "--answers", str(_answers(tmp_path))], capsys)
    assert "days left" in err
    assert load(demo_copy).cycles["2026-Q4"].status == ("closed" if closed else "running")
    if not closed:
        assert code != 0 and (demo_copy / "cycles.yaml").read_bytes() == before


def test_yes_closes_without_asking(demo_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = io.StringIO()
    monkeypatch.setattr(terminal, "isatty", lambda: True)
    with piped():  # no key: a question would stop with Ctrl-D
        monkeypatch.setattr(sys, "stdin", terminal)
        ran = run_cli("close", "2026-Q4", "-w", demo_copy, "--answers", _answers(tmp_path), "--yes")
    assert ran.returncode == 0 and "days left" in ran.stderr


def test_help_says_what_happens_before_the_end_date() -> None:
    text = " ".join(run_cli("close", "--help").stdout.split())
    assert "before the cycle's end date" in text and "--yes" in text and "without a terminal" in text

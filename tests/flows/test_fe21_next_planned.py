"""fe21 #12: ``rollout next`` after an early close writes the next cycle ``planned`` until its
first day (the import's rule: running when its dates hold today); on that day it runs the way
every planned cycle does (Workspace.running_cycle), with nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from rollout.workspace import load
from tests.flows.conftest import call
from tests.metrics.builders import write_workspace


@pytest.fixture
def closed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """FY27-Q1 (1 Jul – 30 Sep 2026) closed on its first day, as-of 1 July 2026."""
    root = write_workspace(
        tmp_path / "fy",
        objectives=[[{}]],
        checkins=[("o1-kr1", "2026-07-01", 10, 7)],
        cycle=("FY27-Q1", "2026-07-01", "2026-09-30", "running"),
        as_of="2026-07-01",
    )
    answers = tmp_path / "close.yaml"
    answers.write_text("default_decision: carried_over\n", encoding="utf-8")
    code, _out, err = call(["close", "FY27-Q1", "-w", str(root), "--answers", str(answers)], capsys)
    assert code == 0, err
    return root


def _as_of(root: Path, day: str) -> None:
    (root / "rollout.yaml").write_text(f"version: 1\norganization: Figures Co\nas_of: {day}\n", encoding="utf-8")


def _kr(root: Path) -> str:
    return load(root).objectives_in("FY27-Q2")[0].key_results[0].id


def test_next_before_the_start_writes_planned(closed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = call(["next", "FY27-Q1", "-w", str(closed)], capsys)
    assert code == 0, err
    assert "Planned FY27-Q2 (2026-10-01 → 2026-12-31) with 1 carried objective; it runs from 2026-10-01" in out
    written = yaml.safe_load((closed / "cycles.yaml").read_text(encoding="utf-8"))["cycles"]
    assert [(c["id"], c["status"]) for c in written] == [("FY27-Q1", "closed"), ("FY27-Q2", "planned")]
    ws = load(closed)
    assert ws.running_cycle() is None and ws.cycles["FY27-Q2"].status == "planned"


def test_until_it_starts_the_doors_say_when_it_opens(closed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert call(["next", "FY27-Q1", "-w", str(closed)], capsys)[0] == 0
    kr = _kr(closed)
    code, out, err = call(["status", "-w", str(closed)], capsys)
    assert code == 0 and out.startswith("Figures Co · FY27-Q1"), out  # the quarter just closed leads
    code, _out, err = call(["checkin", "co", "-w", str(closed), "--value", f"{kr}=3"], capsys)
    assert code == 2 and "no cycle is running: FY27-Q2 starts on 2026-10-01, after as-of (2026-07-01)" in err
    sheet = closed / "early.csv"
    sheet.write_text(f"kr,value,date\n{kr},3,2026-07-01\n", encoding="utf-8")
    code, _out, err = call(["checkin", "-w", str(closed), "--csv", str(sheet), "--cycle", "FY27-Q2"], capsys)
    assert code == 2 and "2026-07-01 is outside cycle FY27-Q2 (it starts on 2026-10-01)" in err

    from rollout.report.build import build

    home = (build(closed, site=True, packs=False).out / "index.html").read_text(encoding="utf-8")
    assert "Next: " in home and "starts on 1 October 2026" in home
    assert ", planned." not in home


def test_on_its_first_day_it_runs_with_nothing_written(closed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert call(["next", "FY27-Q1", "-w", str(closed)], capsys)[0] == 0
    _as_of(closed, "2026-10-05")
    before = (closed / "cycles.yaml").read_bytes()
    ws = load(closed)
    running = ws.running_cycle()
    assert running is not None and running.id == "FY27-Q2" and running.status == "running"
    code, out, _err = call(["status", "-w", str(closed)], capsys)
    assert code == 0 and out.startswith("Figures Co · FY27-Q2"), out
    kr = _kr(closed)
    code, out, err = call(["checkin", "co", "-w", str(closed), "--value", f"{kr}=3", "--date", "2026-10-05"], capsys)
    assert code == 0, err
    assert (closed / "cycles.yaml").read_bytes() == before  # still `planned` in the file

    from rollout.report.build import build

    home = (build(closed, site=True, packs=False).out / "index.html").read_text(encoding="utf-8")
    assert "FY27-Q2: 1 Oct 2026 to 31 Dec 2026, 4% of the cycle elapsed" in home
    assert ", planned." not in home and "Next: " not in home


def test_next_after_the_start_writes_running(closed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _as_of(closed, "2026-10-02")
    code, out, err = call(["next", "FY27-Q1", "-w", str(closed)], capsys)
    assert code == 0 and "Started FY27-Q2" in out, err
    assert load(closed).cycles["FY27-Q2"].status == "running"
    assert "status: running" in (closed / "cycles.yaml").read_text(encoding="utf-8")


def test_status_of_a_cycle_not_started_says_when_it_starts(closed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """fx12d's note: ``status --cycle`` of the planned quarter said "0% of the cycle elapsed" and
    "check-in weeks 0/0 (–)"; it says when it starts and that nothing is due before."""
    assert call(["next", "FY27-Q1", "-w", str(closed)], capsys)[0] == 0
    code, out, err = call(["status", "-w", str(closed), "--cycle", "FY27-Q2"], capsys)
    assert code == 0, err
    first, second = out.splitlines()[:2]
    assert first.endswith("as of 2026-07-01, planned: starts on 2026-10-01"), first
    assert second == "no score and no check-in week is due before it starts"
    assert "elapsed" not in out and "0/0" not in out.splitlines()[1]
    code, out, _err = call(["status", "-w", str(closed), "--cycle", "FY27-Q2", "--format", "json"], capsys)
    assert yaml.safe_load(out)["starts_on"] == "2026-10-01"

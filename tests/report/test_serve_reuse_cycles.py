"""In ``rollout serve`` a cycle's view is kept only when nothing it shows changed: the same
``CycleState`` and no changed check-ins in it (``viewmodel._cycles``)."""

from __future__ import annotations

from pathlib import Path

from rollout.metrics.analysis import analyze
from rollout.report.viewmodel import SiteView, build_view
from rollout.workspace import load


def _append(root: Path, cycle: str, unit: str, kr: str, day: str, value: float) -> None:
    path = root / f"checkins/{cycle}/{unit}.yaml"
    text = path.read_text(encoding="utf-8").rstrip("\n")
    path.write_text(text + f"\n- kr: {kr}\n  date: {day}\n  value: {value}\n", encoding="utf-8")


def _views(root: Path, pair: tuple[str, str], kr: str, day: str) -> tuple[SiteView, SiteView, SiteView]:
    ws = load(root)
    first = analyze(ws)
    before = build_view(ws, analysis=first, findings=[])
    _append(root, *pair, kr, day, 1_000_000)
    after = load(root)
    again = analyze(after, previous=first, changed={pair})
    view = build_view(after, analysis=again, findings=[], previous=before, changed={pair})
    return before, view, build_view(after, analysis=analyze(after), findings=[])


def test_a_checkin_in_the_running_cycle_keeps_the_closed_cycles_view(demo_copy: Path) -> None:
    before, view, fresh = _views(demo_copy, ("2026-Q4", "talent-acquisition"), "ta-driver-pipeline-kr1", "2026-11-24")
    assert view.cycles["2026-Q3"] is before.cycles["2026-Q3"]
    assert view.cycles == fresh.cycles
    assert view.cycles["2026-Q4"].departments != before.cycles["2026-Q4"].departments


def test_a_checkin_in_a_closed_cycle_makes_its_view_again(demo_copy: Path) -> None:
    kr = next(
        line.split(":", 1)[1].strip()
        for line in (demo_copy / "checkins/2026-Q3/customer-service.yaml").read_text().splitlines()
        if line.startswith("- kr:")
    )
    before, view, fresh = _views(demo_copy, ("2026-Q3", "customer-service"), kr, "2026-09-28")
    assert view.cycles["2026-Q3"] is not before.cycles["2026-Q3"]
    assert view.cycles == fresh.cycles

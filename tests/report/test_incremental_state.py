"""Builds in one process (``rollout serve``): after a check-in, only the changed units are
worked out again, and the output is byte for byte what a fresh build writes."""

from __future__ import annotations

from pathlib import Path

import pytest

from rollout.errors import LoadError
from rollout.metrics.analysis import analyze
from rollout.report.build import BuildState, build
from rollout.report.viewmodel import build_view
from rollout.rules.engine import run_rules
from rollout.workspace import load

TEAM = "talent-acquisition"


def _append_checkin(root: Path, unit: str, day: str, value: float, note: str = "") -> str:
    path = root / f"checkins/2026-Q4/{unit}.yaml"
    text = path.read_text(encoding="utf-8")
    kr = next(line.split(":", 1)[1].strip() for line in text.splitlines() if "kr:" in line)
    extra = f"- kr: {kr}\n  date: {day}\n  value: {value}\n  confidence: 2\n"
    if note:
        extra += f"  note: {note}\n"
    path.write_text(text + extra, encoding="utf-8")
    return kr


def _same_as_fresh(root: Path, out: Path) -> None:
    fresh = build(root, site=True, packs=False, out="fresh")
    pages = sorted(fresh.out.rglob("*.html"))
    assert pages
    for page in pages:
        rel = page.relative_to(fresh.out)
        assert (out / rel).read_bytes() == page.read_bytes(), rel


def test_a_checkin_rebuilds_only_its_units_and_equals_a_fresh_build(demo_copy: Path) -> None:
    state = BuildState()
    first = build(demo_copy, site=True, packs=False, state=state)
    assert state.changed is None and first.rendered == first.pages
    _append_checkin(demo_copy, TEAM, "2026-11-23", 1, "Hiring froze this week.")
    again = build(demo_copy, site=True, packs=False, state=state)
    assert state.changed == {("2026-Q4", TEAM)}
    assert state.view is not None and state.view.remade is not None
    assert ("2026-Q4", TEAM) in state.view.remade and len(state.view.remade) < 10
    assert f"units/2026-Q4/{TEAM}.html" in again.rendered_paths
    # the other cycle's overview pages do not show this check-in
    assert "cycles/2026-Q3.html" not in again.rendered_paths
    assert "cycles/2026-Q3-alignment.html" not in again.rendered_paths
    assert not any(p.startswith("units/2026-Q4/") and "customer" in p for p in again.rendered_paths)
    _same_as_fresh(demo_copy, again.out)
    # a second check-in on another unit, in the same session
    _append_checkin(demo_copy, "support-frontline", "2026-11-22", 3)
    third = build(demo_copy, site=True, packs=False, state=state)
    assert state.changed == {("2026-Q4", "support-frontline")}
    assert "units/2026-Q4/support-frontline.html" in third.rendered_paths
    _same_as_fresh(demo_copy, third.out)


def test_any_other_change_builds_everything_again(demo_copy: Path) -> None:
    state = BuildState()
    build(demo_copy, site=True, packs=False, state=state)
    department = demo_copy / "okrs/2026-Q4/hr.yaml"
    text = department.read_text(encoding="utf-8")
    department.write_text(text.replace("title: Fill frontline roles quickly", "title: Fill frontline roles fast"))
    again = build(demo_copy, site=True, packs=False, state=state)
    assert state.changed is None and state.view is not None and state.view.remade is None
    _same_as_fresh(demo_copy, again.out)


def test_nothing_changed_renders_nothing(demo_copy: Path) -> None:
    state = BuildState()
    build(demo_copy, site=True, packs=False, state=state)
    loaded = state.ws
    again = build(demo_copy, site=True, packs=False, state=state)
    assert state.ws is loaded and state.changed == frozenset()
    assert again.rendered == 0 and again.written == 0


def test_reload_reads_only_changed_checkins_and_equals_a_full_load(demo_copy: Path) -> None:
    ws = load(demo_copy)
    assert load(demo_copy, previous=ws) is ws
    kr = _append_checkin(demo_copy, TEAM, "2026-11-20", 7)
    again = load(demo_copy, previous=ws)
    full = load(demo_copy)
    assert again is not ws and again.objectives is ws.objectives  # the OKRs are shared, not read again
    assert len(again.checkins[kr]) == len(ws.checkins[kr]) + 1  # and the old workspace is untouched
    assert dict(again.checkins) == dict(full.checkins)
    assert [c.date for c in again.checkins[kr]] == sorted(c.date for c in again.checkins[kr])


def test_reload_reports_a_bad_checkin_like_a_full_load(demo_copy: Path) -> None:
    ws = load(demo_copy)
    path = demo_copy / f"checkins/2026-Q4/{TEAM}.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "- kr: no-such-kr\n  date: 2026-11-20\n  value: 1\n")
    with pytest.raises(LoadError) as caught:
        load(demo_copy, previous=ws)
    with pytest.raises(LoadError) as full:
        load(demo_copy)
    assert caught.value.problems == full.value.problems
    assert f"checkins/2026-Q4/{TEAM}.yaml" in str(caught.value.problems[0])


def test_incremental_analysis_rules_and_view_equal_full_ones(demo_copy: Path) -> None:
    ws = load(demo_copy)
    analysis, rules = analyze(ws), run_rules(ws)
    view = build_view(ws, analysis=analysis, findings=rules.findings)
    _append_checkin(demo_copy, TEAM, "2026-11-23", 0, "Paused.")
    ws2 = load(demo_copy, previous=ws)
    changed = {("2026-Q4", TEAM)}
    analysis2 = analyze(ws2, previous=analysis, changed=changed)
    assert analysis2 == analyze(ws2)
    assert analysis2.key_results is not analysis.key_results
    rules2 = run_rules(ws2, previous=rules)
    assert rules2.findings == run_rules(ws2).findings
    view2 = build_view(ws2, analysis=analysis2, findings=rules2.findings, previous=view, changed=changed)
    full = build_view(ws2, analysis=analyze(ws2), findings=rules2.findings)
    assert view2.checkin_log == full.checkin_log
    assert view2.quality.unit_scores == full.quality.unit_scores
    assert view2.unit_cycles[("2026-Q4", TEAM)].score == full.unit_cycles[("2026-Q4", TEAM)].score
    # untouched units are reused as they were
    assert view2.unit_cycles[("2026-Q3", "sales")] is view.unit_cycles[("2026-Q3", "sales")]


def test_checkin_log_pool_stays_exact_when_newest_checkins_go(demo_copy: Path) -> None:
    """The pool of newest check-ins is merged incrementally; removing check-ins must not let
    older ones of other units be skipped."""
    ws = load(demo_copy)
    analysis = analyze(ws)
    view = build_view(ws, analysis=analysis)
    newest_unit = view.checkin_log[0].unit
    path = demo_copy / f"checkins/2026-Q4/{newest_unit}.yaml"
    path.write_text("checkins: []\n", encoding="utf-8")
    ws2 = load(demo_copy, previous=ws)
    changed = {("2026-Q4", newest_unit)}
    view2 = build_view(ws2, analysis=analyze(ws2, previous=analysis, changed=changed), previous=view, changed=changed)
    full = build_view(ws2, analysis=analyze(ws2))
    assert view2.checkin_log == full.checkin_log
    assert all(entry.unit != newest_unit for entry in view2.checkin_log)

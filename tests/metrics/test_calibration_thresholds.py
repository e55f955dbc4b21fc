"""The calibration verdict uses the workspace's thresholds: one set for OKR407/OKR408, the site and the packs.

c19 left the site's calibration verdict and the packs' verdict words on fixed 0.90/0.30 while
``rollout.yaml`` can set OKR407's ``high`` and OKR408's ``low`` (and their ``cycles``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rollout.metrics.calibration import Thresholds, calibration_verdict, rule_text, thresholds, verdict_text


@pytest.mark.parametrize(
    ("means", "limits", "verdict"),
    [
        ([0.8, 0.85], Thresholds(), "ok"),  # defaults: 0.90 and 0.30
        ([0.8, 0.85], Thresholds(safe=0.8), "too_safe"),
        ([0.795, 0.85], Thresholds(safe=0.8), "too_safe"),  # 0.795 reads 0.80: at 0.80
        ([0.794, 0.85], Thresholds(safe=0.8), "ok"),
        ([0.45, 0.4], Thresholds(hard=0.5), "too_hard"),
        ([0.85], Thresholds(safe=0.8, safe_cycles=1, hard_cycles=1), "too_safe"),  # one cycle is enough
        ([0.85], Thresholds(safe=0.8), "insufficient"),
        ([0.2, 0.2, 0.2], Thresholds(hard_cycles=3), "too_hard"),
        ([0.5, 0.2, 0.2], Thresholds(hard_cycles=3), "ok"),
    ],
)
def test_the_verdict_follows_the_thresholds(means: list[float], limits: Thresholds, verdict: str) -> None:
    assert calibration_verdict(means, limits) == verdict


def test_words_name_the_thresholds() -> None:
    limits = Thresholds(safe=0.8, hard=0.25, safe_cycles=3, hard_cycles=1)
    assert verdict_text("too_safe", limits) == "targets look too safe (3 cycles at 0.80 or more)"
    assert verdict_text("too_hard", limits) == "targets look too hard (1 cycle below 0.25)"
    assert rule_text(Thresholds()) == (
        "targets look too safe after 2 closed cycles in a row at 0.90 or more, "
        "and too hard after 2 closed cycles in a row below 0.30."
    )


def _with_options(root: Path) -> None:
    path = root / "rollout.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(
            "rules:\n",
            "rules:\n  options:\n    OKR407: {high: 0.75, cycles: 1}\n    OKR408: {low: 0.7, cycles: 1}\n",
            1,
        ),
        encoding="utf-8",
    )


def test_site_rules_and_packs_agree_with_the_workspace(demo_copy: Path) -> None:
    from rollout.metrics.analysis import analyze
    from rollout.report.packs.cycle_pack import cycle_pack
    from rollout.report.packs.plan import plan_packs
    from rollout.report.packs.sections import Sources
    from rollout.report.viewmodel import build_view
    from rollout.rules.engine import check_workspace
    from rollout.workspace import load

    _with_options(demo_copy)
    ws = load(demo_copy)
    limits = thresholds(ws.settings)
    assert limits == Thresholds(safe=0.75, hard=0.7, safe_cycles=1, hard_cycles=1)
    analysis = analyze(ws)
    flagged = {(c.unit, c.verdict) for c in analysis.calibration.values() if c.verdict in ("too_safe", "too_hard")}
    findings = check_workspace(ws, select=["OKR407", "OKR408"])
    by_rule = {(f.unit, "too_safe" if f.code == "OKR407" else "too_hard") for f in findings}
    assert flagged, "the demo's closed quarter has units at 0.75 or more and below 0.70"
    assert flagged == by_rule  # the site's verdicts are the rules' findings
    # the cycle page states the workspace's rule
    view = build_view(ws, analysis=analysis)
    closed = next(c for c in view.cycles.values() if c.status == "closed")
    assert "at 0.75 or more" in closed.calibration_rule and "below 0.70" in closed.calibration_rule
    assert "0.90" not in closed.calibration_rule
    # the cycle pack's department sections say the same, with the workspace's thresholds
    src = Sources.from_view(ws, None)
    spec = next(s for s in plan_packs(ws) if s.id == f"cycle-{closed.id}")
    words = {d.id: d.calibration for d in cycle_pack(src, spec).departments}
    flagged_departments = {u: v for u, v in flagged if u in words}
    assert flagged_departments
    for unit, verdict in flagged_departments.items():
        assert words[unit] == verdict_text(verdict, limits)
        assert ("0.75 or more" if verdict == "too_safe" else "below 0.70") in words[unit]

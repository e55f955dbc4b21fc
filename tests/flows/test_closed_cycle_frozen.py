"""fe20 finding 1 (issue 12): a closed cycle's final scores do not move as as-of moves on.

Every figure of a closed cycle uses the check-ins on or before the earliest of its end, the
day it was closed (``closed_on``) and as-of (:func:`rollout.metrics.figures.cut_date`). The
review file's ``score:`` is that close-day score rounded to two places, so the figures agree
with it. W1 is closed early on 8 March; then as-of moves to 20 April, past a check-in of
29 March (40 %) and one of 12 April (80 %) of ``co-late-kr1``.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from rollout.workspace import load
from tests.clirun import run_cli
from tests.flows.w1 import set_as_of, write_w1, write_w1_closed_early


def _figures(root: Path) -> dict[str, Any]:
    """What status (JSON), export, the cycle page and the cycle pack say about 2027-Q1."""
    from rollout.metrics.analysis import analyze
    from rollout.report.packs.html import pack_html
    from rollout.report.packs.plan import plan_packs
    from rollout.report.packs.sections import Sources

    status = yaml.safe_load(run_cli("status", "--cycle", "2027-Q1", "-w", root, "--format", "json").stdout)
    exported = run_cli("export", "--cycle", "2027-Q1", "-w", root)
    assert exported.returncode == 0 and "co-late-kr1" not in exported.stdout  # rows name key results by title
    assert "Raise answered share from 0 to 100%" in exported.stdout, exported.stderr
    ws = load(root)
    analysis = analyze(ws)
    (spec,) = [s for s in plan_packs(ws) if s.cycle == "2027-Q1"]
    pack = pack_html(Sources.from_view(ws, None), spec)
    return {
        "status": {k: v for k, v in status.items() if k != "as_of"},
        "export": exported.stdout,
        "scores": {k: s.score for k, s in analysis.key_results.items()},
        "units": {k: (u.score, u.checkins) for k, u in analysis.units.items()},
        "cycle": analysis.cycles["2027-Q1"],
        "pack": pack,
        "pack_as_of": spec.as_of,
    }


@pytest.fixture
def closed_early(tmp_path: Path) -> Path:
    return write_w1_closed_early(tmp_path / "w1")


def test_final_scores_stay_those_of_the_close_day(closed_early: Path) -> None:
    before = _figures(closed_early)
    # co-late-kr1: the later of two 7-Jan check-ins (18 of 0 → 100) is the last on or before 8 March.
    assert before["scores"]["co-late-kr1"] == pytest.approx(0.18)
    set_as_of(closed_early, "2027-04-20")  # time passes: 29 Mar (40) and 12 Apr (80) are now "in the past"
    after = _figures(closed_early)
    assert after["scores"]["co-late-kr1"] == pytest.approx(0.18)
    assert after["status"] == before["status"]
    assert after["status"]["checkins_expected"] == before["status"]["checkins_expected"]  # weeks due stop at the close
    assert after["export"] == before["export"]
    assert after["units"] == before["units"] and after["cycle"] == before["cycle"]
    assert after["pack_as_of"] == before["pack_as_of"] == date(2027, 3, 8)
    assert after["pack"] == before["pack"]  # the same final pack, byte for byte
    assert "closed on 8 March 2027" in after["pack"]


def test_the_review_file_score_is_the_figure_rounded(closed_early: Path) -> None:
    set_as_of(closed_early, "2027-04-20")
    from rollout.metrics.analysis import analyze

    ws = load(closed_early)
    states = analyze(ws).key_results
    written = {s.kr: s.score for review in ws.reviews.values() for s in review.scores}
    assert written and all(round(states[kr].score or 0.0, 2) == score for kr, score in written.items())


def test_the_site_shows_the_close_day_scores(closed_early: Path) -> None:
    from rollout.report.build import build

    def marks() -> dict[tuple[str, str], str]:
        build(closed_early, site=True, packs=False)
        page = (closed_early / "build" / "cycles" / "2027-Q1.html").read_text(encoding="utf-8")
        return {(k, s): v for k, s, v in re.findall(r'data-figure="([a-z-]+)" data-scope="([^"]*)">([^<]*)<', page)}

    before = marks()
    set_as_of(closed_early, "2027-04-20")
    assert marks() == before and before


def test_check_reports_a_checkin_after_the_close(closed_early: Path) -> None:
    set_as_of(closed_early, "2027-04-20")
    ran = run_cli("check", "-w", closed_early)
    assert "co-late-kr1 dated 2027-03-29 is after cycle 2027-Q1 was closed (2027-03-08)" in ran.stdout


def test_close_with_a_day_scores_the_checkins_of_that_day(tmp_path: Path) -> None:
    """``close_cycle(on=...)`` (the demo closes a past cycle on its end) cuts where it records ``closed_on``."""
    from rollout.flows.closing import plan_close

    ws = load(write_w1(tmp_path / "w1"))
    lines = {ln.kr: ln for ln in plan_close(ws, "2027-Q1", date(2027, 1, 5))}
    assert lines["co-late-kr1"].value == 12  # 5 January, not the 7 January of as-of

"""fe20 findings 5, 7, 12, 13, 18 and 19 (issue 12): after a close, every place says the same thing.

W1 is closed on its last day (as-of 31 March 2027) with an override of ``co-grow-kr3`` to 1.0;
``co-grow-kr2`` was never measured (final 0.0).
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from rollout.workspace import load
from tests.clirun import run_cli
from tests.flows.w1 import CLOSE_WITH_OVERRIDE, set_as_of, write_answers, write_w1


@pytest.fixture
def closed(tmp_path: Path) -> Path:
    root = write_w1(tmp_path / "w1")
    set_as_of(root, "2027-03-31")
    ran = run_cli("close", "2027-Q1", "-w", root, "--answers", write_answers(root, CLOSE_WITH_OVERRIDE))
    assert ran.returncode == 0, ran.stderr
    return root


def _pack(root: Path) -> str:
    from rollout.report.packs.html import pack_html
    from rollout.report.packs.plan import plan_packs
    from rollout.report.packs.sections import Sources

    ws = load(root)
    (spec,) = [s for s in plan_packs(ws) if s.cycle == "2027-Q1"]
    return pack_html(Sources.from_view(ws, None), spec)


def test_a_never_measured_key_result_is_weak_everywhere_after_close(closed: Path) -> None:
    """Finding 5: the distribution, the weak list and the status counts use one category."""
    from rollout.metrics.analysis import analyze
    from rollout.report.viewmodel import build_view

    ws = load(closed)
    analysis = analyze(ws)
    never = analysis.key_results["co-grow-kr2"]
    assert (never.score, never.measured, never.band) == (0.0, False, "weak")
    view = build_view(ws, analysis=analysis)
    bands = {key: count for key, _label, count in view.cycles["2027-Q1"].bands}
    weak_status = sum(u.status_counts["off_track"] for (c, _u), u in analysis.units.items() if c == "2027-Q1")
    # 11 key results: strong 5 (kr1, kr3 overridden, rel-kr1, pipe-kr1, launch-kr1), moderate 3
    # (rel-kr2 0.5, late 0.4, pipe-kr3 0.5), weak 3 (grow-kr2 never measured, pipe-kr2 0.0, launch-kr2 0.0).
    assert bands == {"strong": 5, "moderate": 3, "weak": 3, "none": 0}
    assert weak_status == bands["weak"]
    pack = _pack(closed)
    assert "Weak (&lt; 0.4): 3; Not scored: 0" in pack or "Weak (< 0.4): 3; Not scored: 0" in pack
    assert "3 key results ended with a weak score" in pack


def test_the_pack_marks_an_override_and_gives_its_reason(closed: Path) -> None:
    """Finding 12: as the site does ("Score set at review: …")."""
    pack = _pack(closed)
    assert "Score set at review: revenue booked late in the ERP, confirmed by finance" in pack


def test_milestones_say_done_or_not_yet_in_the_pack(closed: Path) -> None:
    """Finding 19: no "–→–" under a milestone's value."""
    pack = _pack(closed)
    assert "–→–" not in pack.replace(" ", "") and "Done" in pack and "Not yet" in pack


def test_export_and_status_json_say_the_band_after_close(closed: Path) -> None:
    """Finding 18: "moderate", not "at risk", in a cycle that is over."""
    exported = run_cli("export", "--cycle", "2027-Q1", "-w", closed)
    statuses = {row["key_result"]: row["status"] for row in csv.DictReader(io.StringIO(exported.stdout))}
    assert statuses["Raise referrals from 10 to 20"] == "weak"
    assert statuses["Cut incidents from 10 to 2 per month"] == "moderate"
    assert set(statuses.values()) <= {"strong", "moderate", "weak"}
    data = json.loads(run_cli("status", "-w", closed, "--format", "json").stdout)
    assert data["company_status"] == data["company_band"] == "moderate"
    assert {u["status"] for u in data["units"]} <= {"strong", "moderate", "weak"}


def test_status_right_after_close_shows_the_closed_cycle(closed: Path) -> None:
    """Finding 7: the home page's cycle, not "error: no cycle is running"."""
    ran = run_cli("status", "-w", closed)
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.startswith("Acme · 2027-Q1") and "final scores" in ran.stdout


def test_status_after_next_leads_with_the_closed_cycle_until_the_new_one_starts(closed: Path) -> None:
    """Finding 7: the same choice as the home page; a cycle with nothing measured shows "–"."""
    assert run_cli("next", "2027-Q1", "-w", closed).returncode == 0
    ran = run_cli("status", "-w", closed)
    assert ran.stdout.startswith("Acme · 2027-Q1"), ran.stdout
    upcoming = run_cli("status", "-w", closed, "--cycle", "2027-Q2")
    assert "planned: starts on 2027-04-01" in upcoming.stdout, upcoming.stdout
    assert "no score and no check-in week is due before it starts" in upcoming.stdout
    assert " 0.0 " not in upcoming.stdout
    data = json.loads(run_cli("status", "-w", closed, "--cycle", "2027-Q2", "--format", "json").stdout)
    assert data["company_score"] is None and data["company_band"] is None
    assert all(u["score"] is None for u in data["units"])
    set_as_of(closed, "2027-04-01")  # the new cycle starts, with no check-in week due yet (fe24 F3)
    assert run_cli("status", "-w", closed).stdout.startswith("Acme · 2027-Q1")
    set_as_of(closed, "2027-04-05")  # its first check-in day: it leads
    assert run_cli("status", "-w", closed).stdout.startswith("Acme · 2027-Q2")


def test_status_lists_every_missing_checkin(tmp_path: Path) -> None:
    """Finding 13: Acme's missing key results that are not stale are listed; no silent cut at 4."""
    root = write_w1(tmp_path / "w1")  # as-of 8 March
    out = run_cli("status", "-w", root).stdout
    missing = out.split("Missing this week's check-in")[1]
    # Acme's "missing" column says 6: its 3 stale key results and these 3; the heading says so.
    assert missing.startswith(", besides the stale ones above:"), missing[:60]
    assert re.search(r"Acme +0\.4 +off track +6 +4 +3 +6 ", out), out
    assert "Acme: co-grow-kr1, co-rel-kr1, co-rel-kr2" in missing
    assert "Sales: sa-pipe-kr1, sa-pipe-kr2, sa-pipe-kr3, sa-launch-kr1 and 1 more" in missing


def test_the_home_page_of_a_closed_cycle_says_result(closed: Path) -> None:
    """A closed cycle's departments table heads its band column "Result", as the cycle page does."""
    from rollout.report.build import build

    home = (build(closed, site=True, packs=False).out / "index.html").read_text(encoding="utf-8")
    departments = home.split("<h2", 1)[1] if "<h2" in home else home
    assert '<th scope="col">Result</th>' in departments and '<th scope="col">Status</th>' not in departments

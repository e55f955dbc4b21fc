"""A closed cycle says when it was closed: home page and cycle pack (the status command says it too)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from rollout.report.build import build
from rollout.report.formats import short_date
from rollout.report.packs.cycle_pack import cycle_pack
from rollout.report.packs.plan import plan_packs
from rollout.report.packs.sections import Sources
from rollout.workspace import load
from tests.clirun import run_cli


def test_the_closed_cycle_pack_says_the_day_it_was_closed(demo_source: Path) -> None:
    ws = load(demo_source)
    spec = next(s for s in plan_packs(ws) if s.id == "cycle-2026-Q3")
    pack = cycle_pack(Sources.from_view(ws, None), spec)
    assert pack.elapsed == "cycle closed on 30 September 2026"  # the demo closes Q3 on its end date


def test_the_home_page_says_a_cycle_closed_early_was_closed_that_day(demo_copy: Path, tmp_path: Path) -> None:
    answers = tmp_path / "close.yaml"
    answers.write_text("default_decision: carried_over\nlessons: [ok]\n", encoding="utf-8")
    assert run_cli("close", "2026-Q4", "-w", demo_copy, "--answers", answers).returncode == 0
    build(demo_copy, site=True, packs=False, jobs=1)
    home = (demo_copy / "build" / "index.html").read_text(encoding="utf-8")
    closed_on = load(demo_copy).cycles["2026-Q4"].closed_on
    assert closed_on is not None and closed_on < date(2026, 12, 31)  # before its end: closed early
    lede = home[home.index('class="lede"') :][:300]
    assert f"closed on {short_date(closed_on)}: final scores" in lede, lede

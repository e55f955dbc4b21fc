"""fe27 (issue 12): a pack explains what it shows, and says what it leaves out.

- F1: "0.6 On track" beside "0.6 At risk" with no word why: the running cycle's pack says how
  status is worked out (vocabulary.STATUS_RULE) beside its objectives and its off-track list.
- F2: "What to refine in the framework" cut each kind at six rows without a word (three refined
  or dropped objectives missing); a row now says how many more, and a decision names its unit.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rollout.report.packs import phase_pack
from rollout.report.packs.html import pack_html
from rollout.report.packs.plan import plan_packs
from rollout.report.packs.sections import Sources
from rollout.report.viewmodel import build_view
from rollout.report.vocabulary import STATUS_RULE
from rollout.workspace import load
from tests.conftest import copy_demo


@pytest.fixture
def sources(demo_source: Path, tmp_path: Path) -> Sources:
    copy_demo(demo_source, tmp_path / "demo")
    ws = load(tmp_path / "demo")
    return Sources(ws, build_view(ws))


def test_a_running_cycles_pack_says_how_status_is_worked_out(sources: Sources) -> None:
    specs = {s.cycle: s for s in plan_packs(sources.ws) if s.kind == "cycle"}
    running = pack_html(sources, specs["2026-Q4"]).replace("&#39;", "'")
    assert running.count(STATUS_RULE) == 2  # company objectives, key results off track
    closed = pack_html(sources, specs["2026-Q3"]).replace("&#39;", "'")
    assert STATUS_RULE not in closed  # a closed cycle's status is its band: said there already


def test_refinements_say_how_many_more(sources: Sources, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(phase_pack, "MAX_REFINE", 1)
    spec = next(s for s in plan_packs(sources.ws) if s.phase == "leadership-pilot")
    state = sources.analysis.phases["leadership-pilot"]
    rows = phase_pack.refinements(sources, "leadership-pilot", state)
    topics = [r["topic"] for r in rows]
    assert any(t.startswith("…and ") and "more objective" in t for t in topics), topics
    decisions = [r for r in rows if str(r["evidence"]).startswith("end-of-cycle decision of ")]
    assert decisions, rows
    assert "…and " in pack_html(sources, spec)

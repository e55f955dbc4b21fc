"""The site's phase page says "k of n measured" where the phase pack does, and the running
pack's cover reads as a sentence ("Where we stand with 65% of the cycle elapsed")."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest


@pytest.fixture(scope="module")
def pack_pages(demo_source: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The HTML of every pack of the demo (no PDF rendering needed)."""
    from rollout.report.packs.html import pack_html
    from rollout.report.packs.plan import plan_packs
    from rollout.report.packs.sections import Sources
    from rollout.report.viewmodel import build_view
    from rollout.workspace import load

    root = tmp_path_factory.mktemp("phase-measured") / "demo"
    shutil.copytree(demo_source, root, ignore=shutil.ignore_patterns(".rollout", "build"))
    ws = load(root)
    src = Sources(ws, build_view(ws))
    return {spec.id: pack_html(src, spec) for spec in plan_packs(ws)}


def _measured(html: str) -> list[str]:
    return sorted(re.findall(r"\d+ of \d+ measured", html))


def test_phase_page_shows_measured_like_the_phase_pack(demo_site: Path, pack_pages: dict[str, str]) -> None:
    page = (demo_site / "phases" / "department-pilot.html").read_text(encoding="utf-8")
    table = page[page.index('id="units-title"') : page.index('id="criteria-title"')]
    pack = next(html for pack_id, html in pack_pages.items() if "department-pilot" in pack_id)
    in_pack = pack[pack.index('id="results-by-unit"') :]
    assert _measured(table), "the demo's department pilot has units with unmeasured key results"
    assert _measured(table) == _measured(in_pack)


def test_running_pack_cover_reads_as_a_sentence(pack_pages: dict[str, str]) -> None:
    running = [html for html in pack_pages.values() if "of the cycle elapsed, what to celebrate" in html]
    assert running
    for html in running:
        assert re.search(r"Where we stand with \d+% of the cycle elapsed, what to celebrate", html)


def test_closed_cycle_tables_head_their_band_column_result(demo_site: Path, pack_pages: dict[str, str]) -> None:
    """A closed cycle's column holds strong/moderate/weak: its header is "Result", not "Status"."""
    closed = [html for html in pack_pages.values() if "Final scores · cycle ended" in html]
    assert closed
    for html in closed:
        assert "<th>Status</th>" not in html and "<th>Result</th>" in html
    running = [html for html in pack_pages.values() if "of the cycle elapsed, what to celebrate" in html]
    assert all("<th>Status</th>" in html for html in running)
    page = (demo_site / "cycles" / "2026-Q3.html").read_text(encoding="utf-8")
    assert '<th scope="col">Result</th>' in page and '<th scope="col">Status</th>' not in page

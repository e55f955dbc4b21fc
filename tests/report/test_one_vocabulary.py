"""Item 8 of issue 12: the same heading means the same number in the site and the packs.

Every figure the site and the packs show under a label of the vocabulary
(:data:`rollout.report.vocabulary.FIGURES`) is marked ``data-figure="<key>"
data-scope="<cycle, phase or cycle:department>"``. These tests read every marked
value of the demo's site pages and of its packs' HTML (the HTML the PDF is made
from) and check that one (scope, figure) never shows two values.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest

from rollout.report import formats
from rollout.report.vocabulary import FIGURES
from tests.conftest import copy_demo

MARK = re.compile(r'data-figure="([a-z-]+)" data-scope="([^"]*)">([^<]*)<')


def _marks(html: str, where: str, found: dict[tuple[str, str], set[tuple[str, str]]]) -> None:
    for key, scope, value in MARK.findall(html):
        found[(scope, key)].add((value.strip(), where))


@pytest.fixture(scope="module")
def pack_pages(demo_source: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The HTML of every pack of the demo (no PDF rendering needed)."""

    from rollout.report.packs.html import pack_html
    from rollout.report.packs.plan import plan_packs
    from rollout.report.packs.sections import Sources
    from rollout.report.viewmodel import build_view
    from rollout.workspace import load

    root = tmp_path_factory.mktemp("vocab") / "demo"
    copy_demo(demo_source, root)
    ws = load(root)
    view = build_view(ws)
    src = Sources(ws, view)
    return {spec.id: pack_html(src, spec) for spec in plan_packs(ws)}


def test_every_label_shows_one_value_in_site_and_packs(demo_site: Path, pack_pages: dict[str, str]) -> None:
    found: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)
    for page in sorted(demo_site.rglob("*.html")):
        _marks(page.read_text(encoding="utf-8"), page.relative_to(demo_site).as_posix(), found)
    site_keys = set(found)
    for pack_id, html in pack_pages.items():
        _marks(html, f"pack {pack_id}", found)
    pack_keys = {k for k, v in found.items() if any(w.startswith("pack ") for _v, w in v)}
    assert all(key in FIGURES for _scope, key in found), "every marked figure is in the vocabulary"
    # The two media overlap on the headline figures of each cycle and phase, and on every department row.
    shared = site_keys & pack_keys
    assert len(shared) >= 40, sorted(shared)
    for must in ("company-score", "key-results-strong", "leadership-checkins", "leadership-reviews"):
        assert any(key == must for _s, key in shared), must
    assert any(key == "department-checkins" for _s, key in shared)
    assert any(key == "retrospective-answers" for _s, key in shared)
    disagree = {k: sorted(v) for k, v in found.items() if len({value for value, _w in v}) > 1}
    assert not disagree, disagree


def test_department_rows_count_the_department_with_its_teams(demo_site: Path, pack_pages: dict[str, str]) -> None:
    """Item 8's first example: People & HR's share of strong key results and check-ins are the
    department with its teams in both media, under a label that says so."""
    home = (demo_site / "index.html").read_text(encoding="utf-8")
    pack = next(html for pack_id, html in pack_pages.items() if pack_id.startswith("cycle-2026-Q4"))
    label = FIGURES["department-checkins"].label
    assert label.endswith("with teams")
    assert label in home and label in pack
    site_value = re.search(r'data-figure="department-checkins" data-scope="2026-Q4:hr">([^<]*)<', home)
    pack_value = re.search(r'data-figure="department-checkins" data-scope="2026-Q4:hr">([^<]*)<', pack)
    assert site_value and pack_value and site_value.group(1) == pack_value.group(1)


def test_leadership_figures_have_two_names(demo_site: Path, pack_pages: dict[str, str]) -> None:
    """Check-ins are a share, reviews a count of those due: never one figure called "engagement"."""
    pages = [(demo_site / "index.html").read_text(encoding="utf-8"), *pack_pages.values()]
    pages += [p.read_text(encoding="utf-8") for p in (demo_site / "cycles").glob("*.html")]
    # The pilot retrospective's dimension is "Leaders' involvement, as respondents saw it" (fe24 F7:
    # called "Leadership engagement", a 1-5 score beside the two figures on the phase page).
    pages += [p.read_text(encoding="utf-8") for p in (demo_site / "phases").glob("*.html")]
    for html in pages:
        assert "Leadership engagement" not in html
        assert 'class="label">Leadership engagement' not in html
        assert 'class="metric-label">Leadership engagement' not in html
        for value in re.findall(r'data-figure="leadership-reviews" data-scope="[^"]*">([^<]*)<', html):
            assert re.fullmatch(r"\d+ of \d+", value), value


def test_the_share_of_strong_key_results_is_never_called_completion(pack_pages: dict[str, str]) -> None:
    for html in pack_pages.values():
        assert ">Completion<" not in html
        assert "pilot completion" not in html


def test_score_distribution_shares_are_of_all_key_results(demo_site: Path, pack_pages: dict[str, str]) -> None:
    """Both media chart the same four bars (not scored included), so the shares agree."""
    bar = re.compile(r"(\d+) \((\d+)%\)</text>")
    site = bar.findall((demo_site / "cycles" / "2026-Q4.html").read_text(encoding="utf-8"))
    pack = bar.findall(next(h for i, h in pack_pages.items() if i.startswith("cycle-2026-Q4")))
    assert len(site) == 4 and site == pack


def test_value_with_unit_is_written_one_way() -> None:
    """Item 10's display half: one formatter for the site, the packs and the check-in prompt."""
    from rollout.flows.checkin import with_unit
    from rollout.report.packs.sections import number
    from rollout.report.site.render import fmt_value

    for value, unit, expected in [
        (1250, "EUR", "1,250 EUR"),
        (1250.5, "EUR", "1,250.5 EUR"),
        (92.4, "%", "92.4%"),
        (1250, "€", "€1,250"),
        (3.9, "score out of 5", "3.9 out of 5"),
        (22, "days", "22 days"),
        (0.125, None, "0.12"),
        (None, "EUR", "–"),
    ]:
        assert formats.value(value, unit) == expected
        assert fmt_value(value, unit) == expected
        assert number(value, unit) == expected
        assert with_unit(value, unit) == expected


def test_a_phase_says_whom_its_figures_count(demo_site: Path, pack_pages: dict[str, str]) -> None:
    """fe24 F12: the department pilot's "Mean key result score" (0.44, its 8 units) and its
    quarter's cycle page (0.5, every unit) share a label; both media say whom the phase counts."""
    note = "Figures of the phase&#39;s 8 units in 2026-Q4; a cycle&#39;s own page counts every unit with OKRs."
    page = (demo_site / "phases" / "department-pilot.html").read_text(encoding="utf-8")
    assert note in page
    assert note in pack_pages["phase-department-pilot"]


def test_a_pack_points_to_a_page_that_has_the_list(
    demo_source: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """fe24 F12: "…and 16 more at team level; see the site" named no page (the site has no list of
    off-track key results); each team's page lists its key results with their status."""
    from rollout.report.packs import cycle_pack
    from rollout.report.packs.html import pack_html
    from rollout.report.packs.plan import plan_packs
    from rollout.report.packs.sections import Sources
    from rollout.report.viewmodel import build_view
    from rollout.workspace import load

    monkeypatch.setattr(cycle_pack, "MAX_OFF_TRACK", 1)  # the demo's off-track list, cut after one
    copy_demo(demo_source, tmp_path / "demo")
    ws = load(tmp_path / "demo")
    src = Sources(ws, build_view(ws))
    (spec,) = [s for s in plan_packs(ws) if s.cycle == "2026-Q4"]
    html = pack_html(src, spec)
    assert re.search(r"…and \d+ more at team level; each team's page on the site lists its key results", html)
    assert "see the site" not in html

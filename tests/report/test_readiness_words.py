"""fe24 F7 (issue 12, class 8: one figure, one name): a readiness dimension's tag reads the same
in the table and in "Gaps to close" beneath it. The table tagged a weak dimension "Gap" and the
list "Weak" (its reading was "Mixed"); respondents' disagreement was "Respondents disagree" in the
table and "Disagreement" in the list."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

PAGES = ["readiness.html", "phases/leadership-pilot.html"]


@pytest.mark.parametrize("name", PAGES)
def test_a_gap_has_one_word_in_the_table_and_the_list(demo_site: Path, name: str) -> None:
    page = (demo_site / name).read_text(encoding="utf-8")
    rows = dict(re.findall(r'<tr><th scope="row">([^<]+)</th>(.*?)</tr>', page, re.S))
    gaps = re.findall(r'<li><strong>([^<]+)</strong> <span class="tag[^"]*">([^<]+)</span>', page)
    assert gaps, "the demo's reports have gaps to close"
    for title, word in gaps:
        assert title in rows, title
        tags = re.findall(r'<span class="tag[^"]*">([^<]+)</span>', rows[title])
        assert word in tags, (title, word, tags)


def test_the_phase_packs_tag_a_dimension_as_the_site_does(demo_source: Path, tmp_path: Path) -> None:
    """fe25 N4: the phase packs said "a gap" / "leaders disagree" where the site says "Gap" /
    "Respondents disagree", and left the retrospective's gaps untagged."""
    from rollout.report.packs.html import pack_html
    from rollout.report.packs.plan import plan_packs
    from rollout.report.packs.sections import Sources
    from rollout.report.viewmodel import build_view
    from rollout.workspace import load
    from tests.conftest import copy_demo

    copy_demo(demo_source, tmp_path / "demo")
    ws = load(tmp_path / "demo")
    view = build_view(ws)
    src = Sources(ws, view)
    html = "".join(pack_html(src, spec) for spec in plan_packs(ws) if spec.kind == "phase")
    assert "a gap" not in html and "leaders disagree" not in html
    # fe25 N8: "Recommended rollout: Leadership-first pilot" inside the department pilot's pack read
    # as that phase's advice; it is what all respondents' answers call for
    assert "Recommended rollout:" not in html and "The rollout all respondents' answers call for:" in html
    retro = view.phases["leadership-pilot"].retrospective
    assert retro is not None
    gaps = [d.title for d in retro.dimensions if d.gap]
    assert gaps, "the demo's pilot retrospective has gaps"
    for title in gaps:
        row = re.search(rf"<td[^>]*>{re.escape(title)}</td>(.*?)</tr>", html.replace("&#39;", "'"), re.S)
        assert row is not None and ">Gap" in row[1], title

"""Page kinds on HTML fragments: values, links, escaping of hostile user text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from markupsafe import Markup, escape

from rollout.report.build import build
from rollout.report.site.render import compiled_environment, page_escape

HOSTILE_OKRS = """
    objectives:
      - id: sales-pipeline
        title: "<script>alert('title')</script> Build a pipeline we can trust"
        owner: ben
        parent: win-mid-market
        description: |
          Raw <img src=x onerror=alert(1)> HTML and a [bad link](javascript:alert(2)).
          ![tracker](http://127.0.0.1:9/pixel.png) and [ok](https://example.org/doc).
        key_results:
          - id: sales-pipeline-kr1
            title: Grow qualified pipeline from 2.0 to 3.5 MEUR "quoted" & <b>bold</b>
            direction: increase
            baseline: 2.0
            target: 3.5
            unit_of_measure: MEUR
            owner: ben
"""
HOSTILE_CHECKINS = """
    checkins:
      - kr: sales-pipeline-kr1
        date: 2027-01-11
        value: 2.2
        confidence: 7
        author: ben
        note: "<script>alert('note')</script> pipeline [x](javascript:alert(3))"
      - kr: sales-pipeline-kr1
        date: 2027-01-18
        value: 2.6
        confidence: 6
        author: ben
"""


@pytest.fixture
def mini_site(make_ws) -> Path:  # type: ignore[no-untyped-def]
    root = make_ws(**{"okrs/2027-Q1/sales.yaml": HOSTILE_OKRS, "checkins/2027-Q1/sales.yaml": HOSTILE_CHECKINS})
    return build(root, site=True, packs=False).out


def page(folder: Path, rel: str) -> str:
    return (folder / rel).read_text(encoding="utf-8")


def test_every_page_kind_is_written(mini_site: Path) -> None:
    for rel in (
        "index.html",
        "units.html",
        "checkins.html",
        "quality.html",
        "readiness.html",
        "cycles/2027-Q1.html",
        "cycles/2027-Q1-alignment.html",
        "units/2027-Q1/mini.html",
        "units/2027-Q1/sales.html",
        "assets/style.css",
        "assets/site.js",
    ):
        assert (mini_site / rel).is_file(), rel


def test_hostile_user_text_is_escaped_everywhere(mini_site: Path) -> None:
    for html_file in mini_site.rglob("*.html"):
        html = html_file.read_text(encoding="utf-8")
        assert "<script>alert" not in html, html_file
        assert "onerror=alert" not in html.replace("onerror=alert(1)&gt;", ""), html_file
        assert "javascript:" not in re.sub(r"\[[^\]]*\]\(javascript:[^)]*\)", "", html), html_file
        assert not re.search(r'(href|src)="(javascript|http://127)', html), html_file
        assert "<b>bold</b>" not in html
    unit = page(mini_site, "units/2027-Q1/sales.html")
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; Build a pipeline" in unit
    assert "&lt;script&gt;alert('note')&lt;/script&gt; pipeline" in unit  # note: Markdown, raw HTML off
    assert "&lt;img src=x onerror=alert(1)&gt;" in unit  # raw HTML off: shown, not run
    assert 'href="https://example.org/doc" rel="nofollow noopener noreferrer"' in unit
    assert "tracker" in unit and "pixel.png" not in unit  # the image became its alt text


def test_unit_page_values_and_links(mini_site: Path) -> None:
    unit = page(mini_site, "units/2027-Q1/sales.html")
    assert "<h1>Sales</h1>" in unit
    # baseline → current → target, each with the unit of measure as formats.value writes it
    # everywhere (fe24 F2: the page wrote "15.9" over "EUR millions", the pack "EUR 15.9 million")
    assert "Baseline</dt><dd>2 MEUR</dd>" in unit
    assert "Current</dt><dd><strong>2.6 MEUR</strong>" in unit
    assert "Target</dt><dd>3.5 MEUR</dd>" in unit
    # score of 2.6 on 2.0 → 3.5 is 0.40
    assert '<span class="scorebar-value">0.4</span>' in unit
    assert "Confidence 6/10" in unit
    # the parent objective is linked, with its anchor
    assert 'href="../../units/2027-Q1/mini.html#win-mid-market"' in unit
    assert 'id="sales-pipeline"' in unit and 'id="sales-pipeline-kr1"' in unit
    assert 'href="../../cycles/2027-Q1.html"' in unit
    # the sparkline names its values
    assert "2 check-ins, from 2.2 to 2.6, target 3.5" in unit
    # status is a word, not only a colour
    assert re.search(r'class="pill pill-\w+"><span class="pill-mark" aria-hidden="true"></span>[A-Z]', unit)


def test_parent_page_lists_its_supporters(mini_site: Path) -> None:
    company = page(mini_site, "units/2027-Q1/mini.html")
    assert "Supported by" in company
    assert 'href="../../units/2027-Q1/sales.html#sales-pipeline"' in company
    assert 'href="../../units/2027-Q1/sales.html"' in company  # child unit list


def test_home_shows_the_organization_at_a_glance(mini_site: Path) -> None:
    home = page(mini_site, "index.html")
    for label in ("Company score", "Alignment coverage", "Check-in discipline", "Readiness", "Needs attention"):
        assert label in home
    assert "1 of 1 objectives link to a company objective" in home
    assert 'href="units/2027-Q1/sales.html"' in home
    assert '<html lang="en">' in home and '<main id="main"' in home


def test_alignment_tree_nests_supporters(mini_site: Path) -> None:
    tree = page(mini_site, "cycles/2027-Q1-alignment.html")
    top = tree.index("win-mid-market")
    child = tree.index("units/2027-Q1/sales.html#sales-pipeline")
    assert top < child
    assert 'class="node level-1"' in tree


def test_checkin_log_lists_newest_first(mini_site: Path) -> None:
    log = page(mini_site, "checkins.html")
    assert log.index("18 Jan 2027") < log.index("11 Jan 2027")
    assert "2.6 MEUR" in log


def test_no_external_url_in_templates_or_assets(mini_site: Path) -> None:
    for path in mini_site.rglob("*"):
        if path.suffix in (".html", ".css", ".js", ".svg"):
            text = path.read_text(encoding="utf-8").replace("http://www.w3.org/2000/svg", "")
            text = text.replace("https://example.org/doc", "")  # the user's own link in a description
            assert "http://" not in text and "https://" not in text, path


@pytest.mark.parametrize(
    "value",
    ["plain", "<script>alert('x') & \"y\"</script>", "", 0.7, 42, None, Markup("<b>safe</b>"), Markup("a&amp;b")],
)
def test_page_escape_escapes_as_markupsafe_does(value: object) -> None:
    assert page_escape(value) == str(escape(value))


def test_every_compiled_page_template_prints_through_page_escape() -> None:
    """If a Jinja upgrade changes how compiled templates escape, this says so (the pages
    would still be escaped, by markupsafe, only slower)."""
    env, _names = compiled_environment()
    names = env.list_templates(filter_func=lambda name: name.endswith(".html"))
    assert "unit.html" in names and "_macros.html" in names
    for name in names:
        assert env.get_template(name).root_render_func.__globals__["escape"] is page_escape, name

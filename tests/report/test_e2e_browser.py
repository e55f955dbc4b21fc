"""End to end in headless Chromium: navigate the built demo and run axe-core on every page kind.

axe-core comes from npm, installed next to this file and ignored by git:
``npm install --no-save --prefix tests/report axe-core`` (or set AXE_CORE_JS to axe.min.js).
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser import NEEDS_CHROMIUM

AXE = Path(os.environ.get("AXE_CORE_JS", Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"))
PAGE_KINDS = [
    "index.html",
    "units.html",
    "checkins.html",
    "quality.html",
    "readiness.html",
    "cycles/2026-Q4.html",
    "cycles/2026-Q3.html",
    "cycles/2026-Q4-alignment.html",
    "phases/department-pilot.html",
    "phases/leadership-pilot.html",
    "units/2026-Q4/hr.html",
    "units/2026-Q4/larkspur-freight.html",
    "units/2026-Q3/customer-service.html",
]

pytestmark = [
    pytest.mark.e2e,
    NEEDS_CHROMIUM,
]


@pytest.fixture(scope="module")
def site_url(demo_site: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(demo_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _external_requests(page: Any, base: str) -> list[str]:
    seen: list[str] = []
    page.on("request", lambda r: seen.append(r.url) if not r.url.startswith(base) else None)
    return seen


def test_navigate_home_unit_parent_objective_cycle(browser: Any, site_url: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    outside = _external_requests(page, site_url)
    page.goto(site_url + "index.html")
    assert page.locator("h1").inner_text() == "Larkspur Freight"
    assert page.get_by_text("Company score").is_visible()
    # home → a department's unit page
    page.get_by_role("link", name="People & HR", exact=True).first.click()
    page.wait_for_url("**/units/2026-Q4/hr.html")
    assert page.locator("h1").inner_text() == "People & HR"
    # unit → the parent objective on the company page
    parent = page.locator("a.parent-link").first
    title = parent.inner_text()
    parent.click()
    page.wait_for_url("**/units/2026-Q4/larkspur-freight.html#*")
    anchor = page.url.split("#", 1)[1]
    assert page.locator(f"#{anchor} h2").inner_text() == title
    assert page.locator(f"#{anchor}").is_visible()
    # → the cycle page
    page.locator("header.page-head .eyebrow a").first.click()
    page.wait_for_url("**/cycles/2026-Q4.html")
    assert "2026-Q4" in page.locator("h1").inner_text()
    assert outside == []
    page.close()


def test_filter_script_narrows_a_table(browser: Any, site_url: str) -> None:
    page = browser.new_page()
    page.goto(site_url + "units.html")
    box = page.get_by_label("Filter units")
    assert box.is_visible()  # the script revealed the control
    box.fill("customer")
    visible = page.locator("#units tbody tr:visible")
    assert 0 < visible.count() < page.locator("#units tbody tr").count()
    page.close()


def test_pages_work_without_javascript(browser: Any, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "units.html")
    assert not page.get_by_label("Filter units").is_visible()  # no dead control
    assert page.locator("#units tbody tr").count() > 20
    context.close()


@pytest.mark.skipif(
    not AXE.is_file(), reason=f"axe-core not installed: npm install --no-save --prefix {AXE.parents[2]} axe-core"
)
@pytest.mark.parametrize("width", [1280, 390])
def test_axe_finds_no_violation_on_any_page_kind(browser: Any, site_url: str, width: int) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900})
    report: dict[str, list[str]] = {}
    for rel in PAGE_KINDS:
        page.goto(site_url + rel)
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate(
            "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
            ".map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))"
        )
        if violations:
            report[rel] = violations
    page.close()
    assert report == {}


def test_no_page_scrolls_sideways_on_a_phone(browser: Any, site_url: str) -> None:
    """At 390 px a chart or a wide table scrolls inside its panel; the page itself never does
    (found by a fresh-eyes run: the cycle pages were 537 px wide)."""
    page = browser.new_page(viewport={"width": 390, "height": 900})
    wide = {}
    for rel in PAGE_KINDS:
        page.goto(site_url + rel)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 390:
            wide[rel] = width
    page.close()
    assert wide == {}


def test_print_stylesheet_hides_navigation(browser: Any, site_url: str) -> None:
    page = browser.new_page()
    page.goto(site_url + "units/2026-Q4/hr.html")
    page.emulate_media(media="print")
    assert not page.locator("nav.nav").is_visible()
    assert page.locator("h1").is_visible()
    page.close()


def test_axe_core_install_is_ignored_by_git() -> None:
    ignore = Path(__file__).resolve().parents[2] / ".gitignore"
    assert "node_modules/" in ignore.read_text(encoding="utf-8").splitlines()

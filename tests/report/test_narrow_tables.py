"""Site tables on a phone (390 px): no figure goes missing, and a table wider than the screen
says that it scrolls (fe22 F4: the home page's departments table dropped "Key results strong,
with teams" without a hint, and the readiness, cycle, quality and check-ins tables scrolled in
their own box with nothing to show that columns were out of view)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.browser import ARGS, CHROMIUM, NEEDS_CHROMIUM

TEMPLATES = Path(__file__).resolve().parents[2] / "templates" / "site"
PAGES = ["index.html", "readiness.html", "checkins.html", "quality.html", "cycles/2026-Q4.html"]


def test_no_number_column_is_left_out_on_a_phone() -> None:
    # .opt columns are hidden below 760 px (style.css): descriptive ones only, never a number.
    for template in sorted(TEMPLATES.glob("*.html")):
        for classes in re.findall(r'class="([^"]*)"', template.read_text(encoding="utf-8")):
            names = classes.split()
            assert not ("opt" in names and "num" in names), f"{template.name}: a number column is hidden on phones"
    home = (TEMPLATES / "home.html").read_text(encoding="utf-8")
    strong = re.search(r"<th[^>]*>\{\{ FIGURES\['department-strong'\]\.label \}\}</th>", home)
    assert strong and "opt" not in strong.group(0)


@pytest.mark.e2e
@NEEDS_CHROMIUM
@pytest.mark.parametrize("page_path", PAGES)
def test_a_table_wider_than_a_phone_says_it_scrolls(demo_site: Path, page_path: str) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            for width in (390, 1280):
                page = browser.new_page(viewport={"width": width, "height": 900})
                page.goto((demo_site / page_path).as_uri())
                tables = page.evaluate(
                    """() => Array.from(document.querySelectorAll("table.table")).map(t => ({
                        wide: t.scrollWidth > t.clientWidth + 1,
                        hint: !!(t.previousElementSibling && t.previousElementSibling.classList.contains("scroll-hint")
                                 && !t.previousElementSibling.hidden),
                        hiddenNumbers: Array.from(t.querySelectorAll("th.num, td.num"))
                            .filter(c => getComputedStyle(c).display === "none").length,
                    }))"""
                )
                assert tables, page_path
                for table in tables:
                    assert table["hiddenNumbers"] == 0, (page_path, width, table)
                    assert table["hint"] == table["wide"], (page_path, width, table)
                if width == 390:
                    # the demo's readiness, check-ins and cycle tables are wider than a phone
                    assert page_path == "index.html" or page_path == "quality.html" or any(t["wide"] for t in tables)
                else:
                    assert not any(t["wide"] for t in tables), (page_path, tables)
                page.close()
        finally:
            browser.close()

"""Site tables on a phone and a tablet: no figure goes missing, and a table wider than its box
says that it scrolls (fe22 F4: the home page's departments table dropped "Key results strong,
with teams" without a hint, and the readiness, cycle, quality and check-ins tables scrolled in
their own box with nothing to show that columns were out of view; fe23 F1: at 768 px the cycle
page's "Key results by displayed score" ran out of its panel, under the next one, hiding the
0.8-1.0 columns; fe23 F2: the quality page's rule reference, opened, made the page scroll
sideways)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.browser import ARGS, CHROMIUM, NEEDS_CHROMIUM

TEMPLATES = Path(__file__).resolve().parents[2] / "templates" / "site"
PAGES = ["index.html", "readiness.html", "checkins.html", "quality.html", "cycles/2026-Q4.html", "units.html"]


def test_no_number_column_is_left_out_on_a_phone() -> None:
    # .opt columns are hidden below 760 px (style.css): descriptive ones only, never a number.
    for template in sorted(TEMPLATES.glob("*.html")):
        for classes in re.findall(r'class="([^"]*)"', template.read_text(encoding="utf-8")):
            names = classes.split()
            assert not ("opt" in names and "num" in names), f"{template.name}: a number column is hidden on phones"
    home = (TEMPLATES / "home.html").read_text(encoding="utf-8")
    strong = re.search(r"<th[^>]*>\{\{ FIGURES\['department-strong'\]\.label \}\}</th>", home)
    assert strong and "opt" not in strong.group(0)


WIDTHS = (390, 768, 1024, 1280)
MEASURE = """() => {
    const scroller = t => {
        if (getComputedStyle(t).overflowX !== "visible") return t;
        const panel = t.closest(".panel");
        return panel && getComputedStyle(panel).overflowX !== "visible" ? panel : t;
    };
    return {
        pageWidth: document.documentElement.scrollWidth,
        tables: Array.from(document.querySelectorAll("table.table")).map(t => {
            const box = scroller(t);
            const boxRight = box.getBoundingClientRect().right;
            const tableRight = t.getBoundingClientRect().right;
            const prev = t.previousElementSibling;
            return {
                caption: t.caption ? t.caption.textContent.trim().slice(0, 40) : "",
                wide: box.scrollWidth > box.clientWidth + 1,
                scrolls: getComputedStyle(box).overflowX !== "visible",
                outside: tableRight > boxRight + 1,
                hint: !!(prev && prev.classList.contains("scroll-hint") && !prev.hidden),
                // how far the first row stops short of the table's box (fe23 F6)
                rowGap: t.clientWidth - (t.tBodies.length && t.tBodies[0].rows.length
                    ? t.tBodies[0].rows[0].getBoundingClientRect().width : t.clientWidth),
                hiddenNumbers: Array.from(t.querySelectorAll("th.num, td.num"))
                    .filter(c => getComputedStyle(c).display === "none").length,
            };
        }),
    };
}"""


@pytest.mark.e2e
@NEEDS_CHROMIUM
@pytest.mark.parametrize("page_path", PAGES)
def test_a_table_wider_than_its_box_says_it_scrolls(demo_site: Path, page_path: str) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            for width in WIDTHS:
                page = browser.new_page(viewport={"width": width, "height": 900})
                page.goto((demo_site / page_path).as_uri())
                for details in page.locator("details").all():  # opened, as a reader would (the rule reference)
                    details.evaluate("d => { d.open = true; }")
                page.evaluate("() => window.dispatchEvent(new Event('resize'))")
                found = page.evaluate(MEASURE)
                assert found["pageWidth"] <= width, (page_path, width, "the page scrolls sideways")
                tables = found["tables"]
                assert tables, page_path
                for table in tables:
                    where = (page_path, width, table)
                    assert table["hiddenNumbers"] == 0, where
                    # a table out of its box is in a box that scrolls, and says so
                    assert not table["outside"] or (table["scrolls"] and table["wide"]), where
                    assert table["hint"] == table["wide"], where
                    if not table["wide"]:
                        assert table["rowGap"] <= 2, where  # a table that fits: rows across its whole box
                if width == 390 and page_path not in ("index.html", "quality.html"):
                    assert any(t["wide"] for t in tables), (page_path, tables)  # the demo's are wider than a phone
                if width == 1280:
                    assert not any(t["wide"] for t in tables), (page_path, tables)
                page.close()
        finally:
            browser.close()


@pytest.mark.e2e
@NEEDS_CHROMIUM
def test_a_scrolled_row_keeps_its_name_in_view(demo_site: Path) -> None:
    """fe23 F4: scrolled sideways on a phone, a readiness row read "3.33 · 6 · Some metrics
    tracked" with no dimension; the row headers (and their column's heading) stay at the left."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 390, "height": 900})
            page.goto((demo_site / "readiness.html").as_uri())
            left = page.evaluate(
                """() => {
                    const t = document.querySelector("table.table");
                    t.scrollLeft = 10000;
                    const edge = t.getBoundingClientRect().left;
                    return {
                        scrolled: t.scrollLeft,
                        rows: Array.from(t.querySelectorAll("tbody th[scope=row]")).map(c => c.getBoundingClientRect().left - edge),
                        heading: t.querySelector("thead th").getBoundingClientRect().left - edge,
                    };
                }"""
            )
            assert left["scrolled"] > 0  # the demo's readiness table is wider than a phone
            assert left["rows"] and all(0 <= x <= 2 for x in left["rows"]), left
            assert 0 <= left["heading"] <= 2, left
        finally:
            browser.close()

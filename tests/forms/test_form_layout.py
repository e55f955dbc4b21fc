"""Layout of the check-in form in a real browser: the form's key result blocks must not take
the site's four-column `.kr` grid of the unit pages (style.css is loaded before forms.css)."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="Chromium is not installed"),
]


@pytest.mark.parametrize("width", [1280, 390])
def test_checkin_form_fields_use_the_width_of_the_panel(demo_site: Path, width: int) -> None:
    """At 1280 px the key result's title and the note field were squeezed into the first
    column of the unit page's grid (note field 45 px wide, title wrapped at 300 px)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        try:
            page = browser.new_page(viewport={"width": width, "height": 900})
            page.goto((demo_site / "forms/checkin-service-quality.html").as_uri())
            kr = page.locator(".kr[data-kr]").first
            kr_id = kr.get_attribute("data-kr")
            block = kr.bounding_box()
            title = page.locator(f"#kr-{kr_id}-title").bounding_box()
            note = page.locator(f"#note-{kr_id}").bounding_box()
            assert block and title and note
            # The title and the fields span the block (its panel's inner width), not a column of it.
            assert title["width"] >= 0.9 * block["width"], (title, block)
            assert note["width"] >= 0.45 * block["width"], (note, block)
        finally:
            browser.close()

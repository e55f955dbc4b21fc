"""Fresh-eyes faults of the forms pages (issue 16), checked on the built HTML (no browser)."""

from __future__ import annotations

from pathlib import Path

import pytest


def test_without_scripts_the_page_says_so_before_the_first_question(demo_site: Path) -> None:
    """With scripts off, nobody fills in 22 questions before learning, under the last one,
    that the answers cannot be saved: the notice comes before the form."""
    for page in ("readiness.html", "checkin-hr.html"):
        html = (demo_site / "forms" / page).read_text(encoding="utf-8")
        notice = html.find("<noscript>")
        assert notice != -1, page
        assert notice < html.find("<form"), f"{page}: the no-script notice must come before the form"
        assert "paper" in html[notice : html.find("</noscript>", notice)], page


@pytest.mark.slow
def test_sheet_options_are_not_broken_word_by_word(demo_source: Path, tmp_path: Path) -> None:
    """On the printed readiness sheet an option reads as one line ("Not yet"), not as a
    column of single words under its box."""
    import weasyprint
    from pypdf import PdfReader

    from rollout.forms.sheets import sheet_html
    from rollout.forms.spec import questionnaire_form, unit_choices
    from rollout.questionnaire.loader import bind, get
    from rollout.workspace import load

    ws = load(demo_source)
    form = questionnaire_form(bind(get("readiness", demo_source), ws), unit_choices(ws), ws.settings.organization)
    pdf = tmp_path / "readiness-sheet.pdf"
    weasyprint.HTML(string=sheet_html(form, ws.settings.organization, "en")).write_pdf(pdf)
    text = "\n".join(page.extract_text() or "" for page in PdfReader(str(pdf)).pages)
    assert "Not yet" in text and "Yes, with time set aside for it" in text


@pytest.mark.e2e
@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="Chromium is not installed")
def test_checkin_form_refuses_a_date_after_today(demo_site: Path) -> None:
    """`rollout collect` refuses a check-in dated after today; the form says so before the
    file is saved, instead of the shift lead's file being refused later."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox"])
        try:
            page = browser.new_page()
            page.clock.set_fixed_time("2026-11-24T12:00:00")
            page.goto((demo_site / "forms/checkin-hr.html").as_uri())
            kr = page.locator(".kr[data-kr]").first.get_attribute("data-kr")
            page.fill(f"#value-{kr}", "19")
            page.fill("#f-date", "2026-11-30")  # in the cycle, but after today
            page.click("#save")
            assert (
                page.locator("#f-date-error").inner_text() == "Choose a date from 2026-10-01 to 2026-11-24."
            )  # fe21 #11
        finally:
            browser.close()

"""Fresh-eyes faults of the forms pages (issue 16), checked on the built HTML (no browser)."""

from __future__ import annotations

from pathlib import Path


def test_without_scripts_the_page_says_so_before_the_first_question(built_demo: Path) -> None:
    """With scripts off, nobody fills in 22 questions before learning, under the last one,
    that the answers cannot be saved: the notice comes before the form."""
    for page in ("readiness.html", "checkin-hr.html"):
        html = (built_demo / "build/forms" / page).read_text(encoding="utf-8")
        notice = html.find("<noscript>")
        assert notice != -1, page
        assert notice < html.find("<form"), f"{page}: the no-script notice must come before the form"
        assert "paper" in html[notice : html.find("</noscript>", notice)], page

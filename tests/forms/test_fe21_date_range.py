"""fe21 #11: the check-in form's date offers and names the real range: from the cycle's start to
the earlier of its end and as-of (the browser's date when as_of is not set), in one message."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.browser import NEEDS_CHROMIUM
from tests.flows.fe21_ws import write


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from rollout.report.build import build

    root = write(tmp_path_factory.mktemp("fe21") / "w1")
    build(root, site=True, packs=False)
    return root


def _date_input(html: str) -> str:
    found = re.search(r'<input type="date" id="f-date"[^>]*>', html)
    assert found is not None
    return found.group(0)


def test_the_date_input_has_min_and_max(site: Path) -> None:
    html = (site / "build" / "forms" / "checkin-sales.html").read_text(encoding="utf-8")
    field = _date_input(html)
    assert 'min="2027-01-01"' in field and 'max="2027-02-15"' in field  # as-of 15 Feb comes before the end
    assert "From 2027-01-01 to 2027-02-15" in html


def test_without_as_of_the_end_is_the_bound_and_the_browser_narrows_it(tmp_path: Path) -> None:
    from rollout.report.build import build

    root = write(tmp_path / "w1")
    (root / "rollout.yaml").write_text("version: 1\norganization: Ödland Äpfel GmbH\n", encoding="utf-8")
    build(root, site=True, packs=False)
    field = _date_input((root / "build" / "forms" / "checkin-sales.html").read_text(encoding="utf-8"))
    assert 'min="2027-01-01"' in field and 'max="2027-03-31"' in field


def _save_with(page: Any, day: str) -> str:
    page.fill("#f-date", day)
    page.click("#save")
    return str(page.locator("#f-date-error").inner_text())


@pytest.mark.e2e
@NEEDS_CHROMIUM
def test_one_message_names_the_real_range(browser: Any, site: Path, tmp_path: Path) -> None:
    page = browser.new_page()
    try:
        page.goto((site / "build" / "forms" / "checkin-sales.html").as_uri())
        assert page.locator("#f-date").get_attribute("min") == "2027-01-01"
        assert page.locator("#f-date").get_attribute("max") == "2027-02-15"
        page.select_option("#f-author", "ben")
        page.fill("#value-s-a-kr1", "19")
        for day in ("2026-12-31", "2027-02-20", "2027-04-02"):
            assert _save_with(page, day) == "Choose a date from 2027-01-01 to 2027-02-15.", day
        page.locator("#f-date").scroll_into_view_if_needed()
        page.screenshot(path=str(tmp_path / "checkin-date-range.png"))  # looked at: one message, the range
        page.fill("#f-date", "2027-02-12")
        page.click("#save")
        assert page.locator("#f-date-error").is_hidden()
    finally:
        page.close()


@pytest.mark.e2e
@NEEDS_CHROMIUM
def test_without_as_of_the_browsers_date_ends_the_range(browser: Any, tmp_path: Path) -> None:
    from rollout.report.build import build

    root = write(tmp_path / "w1")
    (root / "rollout.yaml").write_text("version: 1\norganization: Ödland Äpfel GmbH\n", encoding="utf-8")
    build(root, site=True, packs=False)
    context = browser.new_context()
    page = context.new_page()
    try:
        page.clock.set_fixed_time("2027-02-10T12:00:00")
        page.goto((root / "build" / "forms" / "checkin-sales.html").as_uri())
        assert page.locator("#f-date").get_attribute("max") == "2027-02-10"
        assert page.locator("#f-date").input_value() == "2027-02-10"
        page.select_option("#f-author", "ben")
        page.fill("#value-s-a-kr1", "19")
        assert _save_with(page, "2027-02-11") == "Choose a date from 2027-01-01 to 2027-02-10."
    finally:
        context.close()

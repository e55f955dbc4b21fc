"""One label per figure: the unit page's check-in tile is the same figure as the home and
cycle pages' "Check-in discipline" (rollout.report.vocabulary), so it carries that name."""

from __future__ import annotations

from pathlib import Path


def test_unit_page_names_check_in_discipline_as_the_home_page_does(demo_site: Path) -> None:
    home = (demo_site / "index.html").read_text(encoding="utf-8")
    assert "Check-in discipline" in home
    units = sorted((demo_site / "units").glob("*/*.html"))
    assert units
    for page in units:
        html = page.read_text(encoding="utf-8")
        assert "Check-ins done" not in html, page.name
    first = units[0].read_text(encoding="utf-8")
    assert "Check-in discipline" in first and "check-in weeks done" in first

"""A trend chart says what it shows in words a sighted reader sees, not only in its SVG's
accessible name: two bare bar charts side by side on the phase page left a leader guessing
which was the score and which the check-in discipline."""

from __future__ import annotations

import re
from pathlib import Path


def _titles(html: str) -> list[str]:
    return re.findall(r'<h3 class="chart-title">([^<]+)</h3>', html)


def test_phase_page_charts_have_visible_titles(demo_site: Path) -> None:
    html = (demo_site / "phases" / "department-pilot.html").read_text(encoding="utf-8")
    assert _titles(html) == ["Mean key result score", "Check-in discipline"]


def test_every_trend_chart_on_the_site_has_a_visible_title(demo_site: Path) -> None:
    for page in sorted(demo_site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        charts = html.count('class="chart trend')
        if charts:
            assert len(_titles(html)) >= charts, page.relative_to(demo_site)

"""SVG charts: every number is also text, nothing external, readable names."""

from __future__ import annotations

import re

from rollout.report import charts


def test_score_bar_is_decorative_and_clamped() -> None:
    svg = str(charts.score_bar(1.7, expected=0.5, width=100))
    assert 'aria-hidden="true"' in svg
    assert 'width="100.0"' in svg  # the fill never exceeds the track
    assert "bar-expected" in svg
    assert "bar-fill" not in str(charts.score_bar(None))


def test_sparkline_names_its_values() -> None:
    svg = str(charts.sparkline([30, 28.5, 25.2], baseline=30, target=22, label="Time to fill"))
    assert 'role="img"' in svg
    assert "Time to fill: 3 check-ins, from 30 to 25.2, target 22" in svg
    assert "<title>" in svg and "polyline" in svg and "spark-target" in svg
    assert str(charts.sparkline([])) == ""


def test_distribution_prints_every_count() -> None:
    bands = [("strong", "Strong", 5), ("moderate", "Moderate", 69), ("weak", "Weak", 14)]
    svg = str(charts.distribution(bands, title="Key results"))
    for text in ("5 (6%)", "69 (78%)", "14 (16%)", "Strong", "Moderate", "Weak"):
        assert f">{text}</text>" in svg
    assert "Key results: Strong 5, Moderate 69, Weak 14" in svg


def test_trend_marks_missing_values() -> None:
    svg = str(charts.trend([("2026-Q3", 0.42), ("2026-Q4", None)], title="Score", maximum=1.0))
    assert ">0.42</text>" in svg and ">no data</text>" in svg
    svg = str(charts.trend([("A", 0.5)], title="Share", percent=True))
    assert ">50%</text>" in svg


def test_charts_escape_labels_and_reference_nothing() -> None:
    svg = str(charts.sparkline([1, 2], label='<script>"x"</script>'))
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    for chart in (svg, str(charts.distribution([("weak", "<b>", 1)], title="t"))):
        assert not re.search(r"(href|src)=", chart)
        assert "http" not in chart.replace('xmlns="http://www.w3.org/2000/svg"', "")

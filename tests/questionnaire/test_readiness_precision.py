"""fe20 finding 14 (issue 12): a readiness score is written one way on one page.

The Readiness page showed a dimension at "2.92" in its table and "2.9 of 5" in the gap text
beneath it. Readiness scores, means, ranges and spreads are written with the site's
formatter (:func:`rollout.report.formats.number`: up to two decimals, ``2.92``, ``3.05``)
everywhere: the table, the gap texts, the terminal.
"""

from __future__ import annotations

import re
from pathlib import Path

from rollout.questionnaire.report import readiness_report, render_text
from rollout.report.formats import number
from rollout.workspace import load


def test_gap_texts_write_the_score_as_the_table_does(demo_source: Path) -> None:
    report = readiness_report(load(demo_source))
    means = {d.id: number(d.mean) for d in report.dimensions}
    low = [g for g in report.gaps if g.kind == "low"]
    assert low, "the demo has weak readiness dimensions"
    for gap in low:
        shown = re.search(r"\(([\d.]+) of 5\)", gap.message)
        assert shown is not None and shown[1] == means[gap.dimension], gap.message
    for gap in (g for g in report.gaps if g.kind == "disagreement"):
        d = next(d for d in report.dimensions if d.id == gap.dimension)
        assert f"({number(d.min)} from" in gap.message and f"to {number(d.max)} from" in gap.message


def test_the_terminal_table_writes_means_as_the_site_does(demo_source: Path) -> None:
    report = readiness_report(load(demo_source))
    text = render_text(report, width=120)
    for d in report.dimensions:
        if d.mean is not None:
            assert re.search(rf"\s{re.escape(number(round(d.mean, 2)))}\s", text), (d.title, number(d.mean))

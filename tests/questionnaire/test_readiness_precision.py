"""fe20 finding 14 (issue 12): a readiness score is written one way on one page.

The Readiness page showed a dimension at "2.92" in its table and "2.9 of 5" in the gap text
beneath it. Readiness scores, means, ranges and spreads are written with one formatter
(:func:`rollout.questionnaire.scoring.score_text`: two decimals, ``2.92``, ``2.50``)
everywhere: the site's table, the packs, the gap texts, the terminal. (fe23 F8: "2.5" beside
"2.92" in one column; now ``2.50``.)
"""

from __future__ import annotations

import re
from pathlib import Path

from rollout.questionnaire.report import readiness_report, render_text
from rollout.questionnaire.scoring import score_text
from rollout.questionnaire.scoring import score_text as number
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
            assert re.search(rf"\s{re.escape(number(d.mean))}\s", text), (d.title, number(d.mean))


def test_a_column_of_readiness_scores_has_one_number_of_decimals(demo_site: Path) -> None:
    """fe23 F8: the Readiness page's Mean column read 2.92, 4.04, 2.5 and its Spread column 1, 0.5."""
    page = (demo_site / "readiness.html").read_text(encoding="utf-8")
    table = page[
        page.index('id="readiness-dimensions"') : page.index("</table>", page.index('id="readiness-dimensions"'))
    ]
    means = re.findall(r'<span class="scorebar-value">([^<]+)</span>', table)
    spreads = re.findall(r'<td class="num">([\d.]+)</td><td class="num">\d+</td>', table)
    assert means and spreads
    assert all(re.fullmatch(r"\d\.\d\d", figure) for figure in means + spreads), (means, spreads)
    assert score_text(2.5) == "2.50" and score_text(3) == "3.00" and score_text(None) == "–"

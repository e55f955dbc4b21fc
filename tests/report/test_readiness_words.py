"""fe24 F7 (issue 12, class 8: one figure, one name): a readiness dimension's tag reads the same
in the table and in "Gaps to close" beneath it. The table tagged a weak dimension "Gap" and the
list "Weak" (its reading was "Mixed"); respondents' disagreement was "Respondents disagree" in the
table and "Disagreement" in the list."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

PAGES = ["readiness.html", "phases/leadership-pilot.html"]


@pytest.mark.parametrize("name", PAGES)
def test_a_gap_has_one_word_in_the_table_and_the_list(demo_site: Path, name: str) -> None:
    page = (demo_site / name).read_text(encoding="utf-8")
    rows = dict(re.findall(r'<tr><th scope="row">([^<]+)</th>(.*?)</tr>', page, re.S))
    gaps = re.findall(r'<li><strong>([^<]+)</strong> <span class="tag[^"]*">([^<]+)</span>', page)
    assert gaps, "the demo's reports have gaps to close"
    for title, word in gaps:
        assert title in rows, title
        tags = re.findall(r'<span class="tag[^"]*">([^<]+)</span>', rows[title])
        assert word in tags, (title, word, tags)

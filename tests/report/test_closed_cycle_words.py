"""fe25 N3 and N5 (issue 12, class 8): a cycle page says whom its calibration counts, one word
per calibration verdict, and a closed cycle's page speaks of it as closed.

- The running cycle's calibration line said "0 units well calibrated, 0 flagged, 8 with too few
  closed cycles" on a page of 14 units; it now counts every unit with OKRs in the cycle.
- One verdict read "too hard" (the table), "out of reach" (the rule sentence, the pack) and
  "unrealistic" (OKR408); now "too hard" everywhere.
- A closed cycle's page headed its list "Off-track objectives" (the home page: "Objectives that
  fell short") and did not say it was closed early.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from rollout.metrics.calibration import Thresholds, rule_text, verdict_text
from rollout.report.build import build
from rollout.rules.calibration import OKR408
from tests.builders import Org, kr


def _text(path: Path) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8")))


def test_the_calibration_line_counts_every_unit_of_the_cycle(demo_site: Path) -> None:
    for page in (demo_site / "cycles").glob("20*-Q?.html"):
        text = _text(page)
        line = re.search(
            r"Of the (\d+) units? with OKRs in \S+: (\d+) well calibrated, (\d+) flagged, (\d+) with", text
        )
        assert line is not None, page.name
        total, ok, flagged, few = map(int, line.groups())
        assert ok + flagged + few == total, line[0]
        assert re.search(rf"· {total} units? with OKRs", text), page.name  # the page's own count of units


def test_a_verdict_has_one_word() -> None:
    limits = Thresholds()
    assert "too hard" in verdict_text("too_hard", limits) and "too hard" in rule_text(limits)
    assert "too hard" in (OKR408.__doc__ or "").splitlines()[0]
    for text in (verdict_text("too_hard", limits), rule_text(limits), OKR408.__doc__ or ""):
        assert "unrealistic" not in text.splitlines()[0] and "out of reach" not in text.splitlines()[0]


def test_a_cycle_closed_early_says_so_and_its_short_objectives_fell_short(tmp_path: Path) -> None:
    org = Org("Early Co", as_of=date(2027, 2, 20))
    org.unit("co", "company", owner="ceo", name="Early Co")
    org.cycle("2027-Q1", date(2027, 1, 1), date(2027, 3, 31), "closed", closed_on=date(2027, 2, 15))
    org.objective("2027-Q1", "co", "co-grow", krs=[kr("co-kr1"), kr("co-kr2")])
    org.checkin("2027-Q1", "co", "co-kr1", date(2027, 2, 8), 10)
    org.score("2027-Q1", "co", "co-kr1", 0.1)
    org.score("2027-Q1", "co", "co-kr2", 0.0)
    out = build(org.write(tmp_path / "ws"), site=True, packs=False).out
    cycle = _text(out / "cycles" / "2027-Q1.html")
    assert "closed early, on 15 Feb 2027: final scores" in cycle
    assert "Objectives that fell short 1" in cycle and "Off-track objectives" not in cycle
    assert "Objectives that fell short 1" in _text(out / "index.html")

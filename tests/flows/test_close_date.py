"""The day of a close, from the command line or the answers file (issue 12 leftover).

``rollout close`` recorded as-of as ``closed_on``; a facilitator entering the decisions a week
after the leadership review could not say when the cycle was closed, so check-ins of that
week counted. Now ``--date`` or ``date:`` sets it, within the cycle's first day and as-of, and
the scores are those of that day. W1: 2027-Q1, as-of 8 March 2027.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import yaml

from tests.clirun import run_cli
from tests.flows.w1 import write_answers, write_w1

DECIDE = "default_decision: carried_over\nlessons: [closed at the review]\n"


def _tree(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".rollout" not in p.parts
    }


def _closed_on(root: Path) -> str:
    cycles = yaml.safe_load((root / "cycles.yaml").read_text(encoding="utf-8"))["cycles"]
    return str(next(c for c in cycles if c["id"] == "2027-Q1")["closed_on"])


def _score(root: Path, kr: str) -> float:
    review = yaml.safe_load((root / "reviews" / "2027-Q1" / "acme.yaml").read_text(encoding="utf-8"))
    return float(next(s["score"] for s in review["scores"] if s["kr"] == kr))


def test_date_option_sets_closed_on_and_cuts_the_scores(tmp_path: Path) -> None:
    root = write_w1(tmp_path / "w1")
    answers = write_answers(root, DECIDE)
    ran = run_cli("close", "2027-Q1", "-w", root, "--answers", answers, "--date", "2027-02-28")
    assert ran.returncode == 0, ran.stderr
    assert _closed_on(root) == "2027-02-28"
    # co-grow-kr1 (40 → 50) reached 50 on 1 March, after the close: never measured by then
    assert _score(root, "co-grow-kr1") == 0.0
    assert "2027-Q1 runs until 2027-03-31: 31 days left" in ran.stderr  # the early-close warning counts from that day


def test_answers_file_date(tmp_path: Path) -> None:
    root = write_w1(tmp_path / "w1")
    answers = write_answers(root, "date: 2027-03-02\n" + DECIDE)
    ran = run_cli("close", "2027-Q1", "-w", root, "--answers", answers)
    assert ran.returncode == 0, ran.stderr
    assert _closed_on(root) == "2027-03-02"
    assert _score(root, "co-grow-kr1") == 1.0


def test_a_date_after_as_of_or_before_the_cycle_is_refused_and_nothing_written(tmp_path: Path) -> None:
    root = write_w1(tmp_path / "w1")
    answers = write_answers(root, DECIDE)
    before = _tree(root)
    ran = run_cli("close", "2027-Q1", "-w", root, "--answers", answers, "--date", "2027-03-20")
    assert ran.returncode != 0 and "Traceback" not in ran.stderr
    assert "close date 2027-03-20 is after as-of (2027-03-08)" in ran.stderr
    assert "change --date to a day on or before 2027-03-08" in ran.stderr
    late = write_answers(root, "date: 2026-12-30\n" + DECIDE, name="early.yaml")
    ran = run_cli("close", "2027-Q1", "-w", root, "--answers", late)
    assert ran.returncode != 0 and "Traceback" not in ran.stderr
    assert "date: 2026-12-30 is before cycle 2027-Q1 starts (2027-01-01)" in ran.stderr
    assert _tree(root) == before

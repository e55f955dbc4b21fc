"""A check-in edited by hand after ``rollout close`` (issue 12: one definition per figure).

The figures of a closed cycle follow its check-ins; the review file keeps the score written
at close. Nothing said so when the two disagreed: now ``rollout check`` reports OKR411 at the
review file's line, and a fresh close of the same data agrees with the file.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.clirun import run_cli
from tests.flows.w1 import write_w1_closed_early


@pytest.fixture
def closed(tmp_path: Path) -> Path:
    return write_w1_closed_early(tmp_path / "w1")


def test_close_itself_leaves_nothing_to_report(closed: Path) -> None:
    ran = run_cli("check", "-w", closed, "--select", "OKR411")
    assert ran.returncode == 0, ran.stdout + ran.stderr
    assert "OKR411" not in ran.stdout


def test_a_checkin_edited_after_close_is_reported_at_the_review(closed: Path) -> None:
    checkins = closed / "checkins" / "2027-Q1" / "acme.yaml"
    text = checkins.read_text(encoding="utf-8")
    edited = "{kr: co-grow-kr1, date: 2027-03-01, value: 50,"  # at target (40 → 50): 1.0 at close
    assert edited in text
    checkins.write_text(text.replace(edited, edited.replace("50,", "45,")), encoding="utf-8")
    ran = run_cli("check", "-w", closed, "--select", "OKR411")
    assert "OKR411" in ran.stdout, ran.stdout + ran.stderr
    assert "reviews/2027-Q1/acme.yaml:" in ran.stdout
    assert "co-grow-kr1 is 1 in the review of 2027-Q1, but its check-ins now give 0.5" in ran.stdout

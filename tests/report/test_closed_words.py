"""A closed cycle says the band its status stands for, and every score says how many key results were measured.

Issue 12 ("shown the same way in the site, the packs and the terminal"): the closed cycle's pack said
"Moderate" where the site said "At risk" beside "Moderate"; the pack tables gave scores without the
"k of n measured" the site shows.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rollout.report import formats
from rollout.report.site.render import pill
from tests.builders import two_quarters
from tests.flows.conftest import call

PILL_WORD = re.compile(
    r'<span class="pill pill-[a-z_]+"><span class="pill-mark" aria-hidden="true"></span>([^<]+)</span>'
)


HISTORY = re.compile(r'<ul class="history">.*?</ul>', re.S)


def pill_words(page: Path) -> set[str]:
    """The pill words of a page, leaving out its list of the unit's other cycles (each says its own)."""
    return set(PILL_WORD.findall(HISTORY.sub("", page.read_text(encoding="utf-8"))))


@pytest.mark.parametrize(
    ("done", "total", "text"),
    [
        (3, 3, ""),
        (0, 0, ""),
        (1, 3, "1 of 3 measured"),
        (0, 2, "0 of 2 measured"),
        (999, 1250, "999 of 1,250 measured"),
    ],
)
def test_measured_is_said_only_when_some_key_results_were_not(done: int, total: int, text: str) -> None:
    assert formats.measured(done, total) == text


def test_the_final_pill_says_the_band() -> None:
    assert "At risk" in pill("at_risk")
    assert "Moderate" in pill("at_risk", True)
    assert "Strong" in pill("on_track", True) and "Weak" in pill("off_track", True)
    assert "Not scored" in pill(None, True)


def test_closed_cycle_pages_say_bands_not_running_statuses(demo_site: Path) -> None:
    closed = [demo_site / "cycles" / "2026-Q3.html", demo_site / "cycles" / "2026-Q3-alignment.html"]
    closed += sorted((demo_site / "units" / "2026-Q3").glob("*.html"))
    running = [demo_site / "cycles" / "2026-Q4.html", *sorted((demo_site / "units" / "2026-Q4").glob("*.html"))]
    closed_words = set().union(*(pill_words(p) for p in closed))
    running_words = set().union(*(pill_words(p) for p in running))
    assert closed_words and closed_words <= {"Strong", "Moderate", "Weak", "Not scored"}
    assert running_words and running_words <= {"On track", "At risk", "Off track", "No data"}


def test_closed_cycle_summary_does_not_repeat_the_band(demo_site: Path) -> None:
    page = (demo_site / "cycles" / "2026-Q3.html").read_text(encoding="utf-8")
    summary = page.split('class="metric-detail">', 1)[1].split("</p>", 1)[0]
    assert summary.count("Moderate") + summary.count("Strong") + summary.count("Weak") == 1, summary


def test_status_of_a_closed_cycle_says_the_band(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = two_quarters().write(tmp_path / "ws")
    code, out, err = call(["status", str(root), "--cycle", "2026-Q3"], capsys)
    assert code == 0, err
    body = out.split("check-ins\n", 2)[-1]
    assert "strong" in body
    assert not re.search(r"on track|at risk|off track", body), out


def test_a_departments_score_says_how_many_of_its_own_key_results_were_measured(demo_site: Path) -> None:
    # The home page's department score is the department's own (its teams not included), so its
    # "k of n measured" counts its own key results: People & HR's own 7 are all measured, while
    # with its teams 25 of 27 are.
    home = (demo_site / "index.html").read_text(encoding="utf-8")
    assert "25 of 27 measured" not in home


def test_team_counts_of_a_closed_cycle_say_bands() -> None:
    from rollout.report.packs.sections import status_count_text

    counts = {"on_track": 3, "at_risk": 1, "off_track": 0}
    assert status_count_text(counts) == "3 on track, 1 at risk, 0 off track"
    assert status_count_text(counts, final=True) == "3 strong, 1 moderate, 0 weak"


def test_status_json_gives_the_band_beside_the_status(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    root = two_quarters().write(tmp_path / "ws")
    code, out, err = call(["status", str(root), "--cycle", "2026-Q3", "--format", "json"], capsys)
    assert code == 0, err
    data = json.loads(out)
    assert data["closed"] is True and data["company_band"] in ("strong", "moderate", "weak")
    assert all("band" in unit for unit in data["units"])

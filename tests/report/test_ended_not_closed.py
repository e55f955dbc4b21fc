"""fe24 F5 (issue 12, class 8): a running cycle whose end has passed has one name everywhere.

With 2027-Q1 still ``running`` in cycles.yaml and the as-of date in May, the home page said
"ended on 31 Mar 2027 and not closed", the cycle page "Running · 100% elapsed", its unit pages
"Running" beside the weekly check-in form (check-ins after the end do not count), and
``rollout status`` "100% of the cycle elapsed". All now say "Ended, not closed"
(:func:`rollout.report.formats.cycle_state`).
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from rollout.report.build import build
from rollout.report.formats import cycle_state
from tests.builders import Org, kr
from tests.clirun import run_cli

Q1 = "2027-Q1"


@pytest.fixture
def ended(tmp_path: Path) -> Path:
    org = Org("Ended Co", as_of=date(2027, 5, 3))
    org.unit("co", "company", owner="ceo", name="Ended Co")
    org.cycle(Q1, date(2027, 1, 1), date(2027, 3, 31), "running", checkin_weekday="monday")
    org.objective(Q1, "co", "co-grow", krs=[kr("co-kr1"), kr("co-kr2")])  # co-kr2: never checked in
    org.checkin(Q1, "co", "co-kr1", date(2027, 3, 29), 60)
    return org.write(tmp_path / "ws")


def _text(path: Path) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8")))


def test_the_site_names_an_ended_cycle_one_way(ended: Path) -> None:
    out = build(ended, site=True, packs=False).out
    home, cycle, unit = (_text(out / p) for p in ("index.html", f"cycles/{Q1}.html", f"units/{Q1}/co.html"))
    assert "ended on 31 Mar 2027 and not closed" in home
    assert "Cycle · Ended, not closed" in cycle and "ended on 31 Mar 2027 and not closed" in cycle
    assert "elapsed" not in cycle and "Running" not in cycle
    assert "· Ended, not closed" in unit and "Running" not in unit
    assert "weekly check-in form" not in unit and "a check-in dated after its end does not count" in unit


def test_status_names_an_ended_cycle_as_the_site_does(ended: Path) -> None:
    ran = run_cli("status", "-w", ended)
    assert ran.returncode == 0, ran
    head = ran.stdout.splitlines()[0]
    assert "ended on 2027-03-31 and not closed: `rollout close 2027-Q1` records its final scores" in head, head
    assert "elapsed" not in head
    # fe26 G2: no "this week's check-in" is missing from a cycle that has ended
    assert "Missing this week's check-in" not in ran.stdout, ran.stdout


@pytest.mark.parametrize(
    ("status", "as_of", "word"),
    [
        ("running", date(2027, 3, 31), "Running"),  # its last day: still running
        ("running", date(2027, 4, 1), "Ended, not closed"),
        ("closed", date(2027, 4, 1), "Closed"),
        ("planned", date(2026, 12, 1), "Planned"),
        ("running", date(2026, 12, 31), "Planned"),  # marked running, not started: nothing is due (fe26 G4)
        ("running", date(2027, 1, 1), "Running"),
    ],
)
def test_cycle_state(status: str, as_of: date, word: str) -> None:
    assert cycle_state(status, date(2027, 1, 1), date(2027, 3, 31), as_of) == word


def test_a_cycle_before_its_first_day_is_planned_on_the_site_as_in_status(tmp_path: Path) -> None:
    """fe26 G4: with as-of before the cycle's first day, the site said "0% of the cycle elapsed"
    and `rollout status` "planned: starts on 2027-01-01"."""
    org = Org("Early Co", as_of=date(2026, 12, 20))
    org.unit("co", "company", owner="ceo", name="Early Co")
    org.cycle(Q1, date(2027, 1, 1), date(2027, 3, 31), "running")
    org.objective(Q1, "co", "co-grow", krs=[kr("co-kr1")])
    root = org.write(tmp_path / "ws")
    out = build(root, site=True, packs=False).out
    home, cycle = _text(out / "index.html"), _text(out / f"cycles/{Q1}.html")
    assert "starts on 1 Jan 2027: no score and no check-in week is due before it starts" in home
    assert "Cycle · Planned" in cycle and "starts on 1 Jan 2027" in cycle and "elapsed" not in cycle
    head = run_cli("status", "-w", root).stdout.splitlines()[0]
    assert "planned: starts on 2027-01-01" in head, head


def test_a_company_without_departments_has_no_empty_departments_table(ended: Path) -> None:
    """fe26 G4: a workspace with only a company unit showed a Departments table of headings only."""
    home = (build(ended, site=True, packs=False).out / "index.html").read_text(encoding="utf-8")
    assert 'id="dept-title"' not in home

"""W1: the small workspace of the fresh-eyes report fe20 (issue 12), written for a test.

One company (Acme) and one department (Sales) in 2027-Q1 (1 Jan – 31 Mar 2027), as-of
8 March. ``co-late-kr1`` (0 → 100 %) has check-ins in bursts, on 29 Mar (40), and
after the cycle (12 Apr, 30 Sep); ``co-grow-kr2`` is never checked in; ``co-rel-kr1``
is a held health metric; ``sa-pipe-kr3`` runs from −5 to 5 points; ``sa-launch`` has
two milestones, one done and one due on 31 Mar.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

FILES = {
    "rollout.yaml": """
        version: 1
        organization: Acme
        as_of: 2027-03-08
    """,
    "people.yaml": "people: [{id: ana, name: Ana Lima}, {id: ben, name: Ben Okoro}]\n",
    "units.yaml": """
        units:
          - {id: acme, name: Acme, kind: company, owner: ana}
          - {id: sales, name: Sales, kind: department, parent: acme, owner: ben}
    """,
    "cycles.yaml": """
        cycles:
          - id: 2027-Q1
            start: 2027-01-01
            end: 2027-03-31
            status: running
    """,
    "okrs/2027-Q1/acme.yaml": """
        objectives:
          - id: co-grow
            title: Become the carrier shippers recommend
            owner: ana
            key_results:
              - {id: co-grow-kr1, title: Raise NPS from 40 to 50, direction: increase, baseline: 40, target: 50, unit_of_measure: points, owner: ana}
              - {id: co-grow-kr2, title: Raise referrals from 10 to 20, direction: increase, baseline: 10, target: 20, unit_of_measure: deals, owner: ana}
              - {id: co-grow-kr3, title: Raise revenue from 1000 to 2000, direction: increase, baseline: 1000, target: 2000, unit_of_measure: kEUR, owner: ana}
          - id: co-reliable
            title: Keep our platform dependable for shippers
            owner: ana
            key_results:
              - {id: co-rel-kr1, title: Keep uptime at 99.95%, direction: increase, baseline: 99.95, target: 99.95, unit_of_measure: '%', owner: ana, health_metric: true}
              - {id: co-rel-kr2, title: Cut incidents from 10 to 2 per month, direction: decrease, baseline: 10, target: 2, unit_of_measure: incidents, owner: ana}
          - id: co-late
            title: Delight shippers with faster answers
            owner: ana
            key_results:
              - {id: co-late-kr1, title: Raise answered share from 0 to 100%, direction: increase, baseline: 0, target: 100, unit_of_measure: '%', owner: ana}
    """,
    "okrs/2027-Q1/sales.yaml": """
        objectives:
          - id: sa-pipe
            title: Build a pipeline we can trust
            owner: ben
            parent: co-grow
            key_results:
              - {id: sa-pipe-kr1, title: Grow weighted pipeline from 0 to 100 deals, direction: increase, baseline: 0, target: 100, unit_of_measure: deals, owner: ben, weight: 3}
              - {id: sa-pipe-kr2, title: Cut quote time from 9 to 4 hours, direction: decrease, baseline: 9, target: 4, unit_of_measure: hours, owner: ben, weight: 1}
              - {id: sa-pipe-kr3, title: Move margin from -5 to 5 points, direction: increase, baseline: -5, target: 5, unit_of_measure: points, owner: ben}
          - id: sa-launch
            title: Give shippers a self-service portal they love
            owner: ben
            parent: co-grow
            key_results:
              - {id: sa-launch-kr1, title: Portal beta live with 5 shippers, direction: milestone, owner: ben, due: 2027-02-15}
              - {id: sa-launch-kr2, title: Portal general availability announced, direction: milestone, owner: ben, due: 2027-03-31}
    """,
    "checkins/2027-Q1/acme.yaml": """
        checkins:
          - {kr: co-grow-kr1, date: 2027-03-01, value: 50, confidence: 8, author: ana}
          - {kr: co-rel-kr1, date: 2027-03-01, value: 99.97, confidence: 8, author: ana}
          - {kr: co-rel-kr2, date: 2027-03-01, value: 6, confidence: 6, author: ana}
          - {kr: co-late-kr1, date: 2027-01-04, value: 10, confidence: 7, author: ana}
          - {kr: co-late-kr1, date: 2027-01-05, value: 12, confidence: 7, author: ana}
          - {kr: co-late-kr1, date: 2027-01-06, value: 14, confidence: 7, author: ana}
          - {kr: co-late-kr1, date: 2027-01-07, value: 16, confidence: 7, author: ana}
          - {kr: co-late-kr1, date: 2027-01-07, value: 18, confidence: 7, author: ana}
          - {kr: co-late-kr1, date: 2027-03-29, value: 40, confidence: 7, author: ana}
          - {kr: co-late-kr1, date: 2027-04-12, value: 80, confidence: 7, author: ana}
          - {kr: co-late-kr1, date: 2027-09-30, value: 100, confidence: 7, author: ana}
    """,
    "checkins/2027-Q1/sales.yaml": """
        checkins:
          - {kr: sa-pipe-kr1, date: 2027-03-01, value: 100, confidence: 9, author: ben}
          - {kr: sa-pipe-kr2, date: 2027-03-01, value: 10, confidence: 3, author: ben}
          - {kr: sa-pipe-kr3, date: 2027-03-01, value: 0, confidence: 6, author: ben}
          - {kr: sa-launch-kr1, date: 2027-02-14, value: 1, confidence: 9, author: ben}
          - {kr: sa-launch-kr2, date: 2027-03-01, value: 0, confidence: 9, author: ben}
    """,
}

CLOSE_WITH_OVERRIDE = """
    overrides:
      - {kr: co-grow-kr3, score: 1.0, reason: "revenue booked late in the ERP, confirmed by finance"}
    decisions: {co-grow: carried_over, co-reliable: completed, co-late: refined, sa-pipe: carried_over, sa-launch: carried_over}
    lessons: [Check in weekly, not in bursts]
"""


def write_w1(root: Path) -> Path:
    """Write W1 into ``root`` (made if missing) and return it."""
    for name, text in FILES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return root


def set_as_of(root: Path, day: str) -> None:
    """Move the workspace's as-of (``rollout.yaml``) to ``day`` (ISO)."""
    path = root / "rollout.yaml"
    lines = [f"as_of: {day}" if line.startswith("as_of:") else line for line in path.read_text().splitlines()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_answers(root: Path, text: str, name: str = "close.yaml") -> Path:
    """An answers file next to (not inside) the workspace."""
    path = root.parent / name
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


def write_w1_closed_early(folder: Path) -> Path:
    """W1 closed on as-of (8 March, before its end), every objective carried over, one lesson."""
    from tests.clirun import run_cli

    root = write_w1(folder)
    answers = write_answers(root, "default_decision: carried_over\nlessons: [early close]\n")
    ran = run_cli("close", "2027-Q1", "-w", root, "--answers", answers)
    assert ran.returncode == 0, ran.stderr
    return root

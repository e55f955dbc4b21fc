"""The workspace of the fresh-eyes report fe21 (issue 12), the part its input findings use.

One company (Ödland Äpfel GmbH), its department Sales (owner ben) and Sales' team Inside
Sales (owner dora), cycle 2027-Q1 (1 Jan – 31 Mar 2027), as-of Monday 15 Feb 2027.
``s-a-kr1`` (Sales, 10 → 20 deals, last 16 with confidence 7 on 1 Feb), ``s-a-kr2``
(Sales, health metric, % ) and ``i-a-kr1`` (Inside Sales, backlog 100 → 0 leads).
"""

from __future__ import annotations

import hashlib
import textwrap
from pathlib import Path

FILES = {
    "rollout.yaml": "version: 1\norganization: Ödland Äpfel GmbH\nas_of: 2027-02-15\n",
    "people.yaml": "people: [{id: ana, name: Ana Lima}, {id: ben, name: Ben Okoro}, {id: dora, name: Dóra Šimková}]\n",
    "units.yaml": """
        units:
          - {id: odland, name: Ödland Äpfel GmbH, kind: company, owner: ana}
          - {id: sales, name: Sales, kind: department, parent: odland, owner: ben}
          - {id: inside, name: Inside Sales, kind: team, parent: sales, owner: dora}
    """,
    "cycles.yaml": """
        cycles:
          - {id: 2027-Q1, start: 2027-01-01, end: 2027-03-31, status: running}
    """,
    "okrs/2027-Q1/odland.yaml": """
        objectives:
          - id: co-a
            title: Grow the orchard business we can rely on
            owner: ana
            key_results:
              - {id: co-a-kr1, title: Raise revenue from 0 to 100, direction: increase, baseline: 0, target: 100, owner: ana}
    """,
    "okrs/2027-Q1/sales.yaml": """
        objectives:
          - id: s-a
            title: Build a pipeline we can trust
            owner: ben
            parent: co-a
            key_results:
              - {id: s-a-kr1, title: Grow pipeline from 10 to 20 deals, direction: increase, baseline: 10, target: 20, unit_of_measure: deals, owner: ben}
              - {id: s-a-kr2, title: Keep churn at or below 5 percent, direction: decrease, baseline: 5, target: 5, unit_of_measure: '%', owner: ben, health_metric: true}
    """,
    "okrs/2027-Q1/inside.yaml": """
        objectives:
          - id: i-a
            title: Answer every inbound lead the same day
            owner: dora
            parent: s-a
            key_results:
              - {id: i-a-kr1, title: Cut lead backlog from 100 to 0, direction: decrease, baseline: 100, target: 0, unit_of_measure: leads, owner: dora}
    """,
    "checkins/2027-Q1/sales.yaml": """
        checkins:
          - {kr: s-a-kr1, date: 2027-01-11, value: 12, confidence: 7}
          - {kr: s-a-kr1, date: 2027-02-01, value: 16, confidence: 7}
          - {kr: s-a-kr2, date: 2027-02-01, value: 4, confidence: 9}
    """,
    "checkins/2027-Q1/inside.yaml": "checkins:\n  - {kr: i-a-kr1, date: 2027-02-08, value: 120, confidence: 2}\n",
}

HEADER = "unit,cycle,kr,key_result,value,confidence,note,date,author\n"
"""The columns of the check-in form's CSV (site/forms.js), which fe21 edited by hand."""


def write(root: Path) -> Path:
    for rel, text in FILES.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root


def snapshot(root: Path) -> dict[str, str]:
    """Every file's bytes (as a digest) under ``root``, the parse cache aside."""
    return {
        str(p.relative_to(root)): hashlib.sha1(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".rollout" not in p.parts
    }

"""The two workspaces of the fresh-eyes report fe21 (issue 12), written for a test.

``w1``: "Ödland Äpfel GmbH", 2027-Q1 (1 Jan – 31 Mar 2027), as-of Mon 15 Feb 2027: the company, Sales
(teams Field Sales and Inside Sales), People & HR (no OKRs of its own; team Recruiting) and Operations
(no OKRs, no teams). ``w12``: "Fig Co", one unit, eleven key results, as-of 31 Mar 2027 (the last day);
``k6`` is 3.45 of 0 → 10 (0.345).
"""

from __future__ import annotations

from pathlib import Path

FILES: dict[str, dict[str, str]] = {
    "w1": {
        "checkins/2027-Q1/field.yaml": "checkins:\n  - {kr: f-a-kr1, date: 2027-02-08, value: 10, confidence: 10}\n",
        "checkins/2027-Q1/inside.yaml": "checkins:\n  - {kr: i-a-kr1, date: 2027-02-08, value: 120, confidence: 2}\n",
        "checkins/2027-Q1/odland-apfel-gmbh.yaml": "checkins:\n  - {kr: co-a-kr1, date: 2027-02-10, value: 40, confidence: 7}\n  - {kr: co-a-kr2, date: 2027-02-10, value: 5, confidence: 8}\n  - {kr: co-b-kr1, date: 2027-02-10, value: 0, confidence: 6}\n",
        "checkins/2027-Q1/recruiting.yaml": "checkins:\n  - {kr: r-a-kr1, date: 2027-02-15, value: 3, confidence: 9}\n",
        "checkins/2027-Q1/sales.yaml": "checkins:\n  - {kr: s-a-kr1, date: 2027-01-11, value: 12, confidence: 7}\n  - {kr: s-a-kr1, date: 2027-01-12, value: 13, confidence: 7}\n  - {kr: s-a-kr1, date: 2027-02-01, value: 16, confidence: 7}\n  - {kr: s-a-kr2, date: 2027-02-01, value: 4, confidence: 9}\n",
        "cycles.yaml": "# OKR cycles (usually quarters).\ncycles:\n  - id: 2027-Q1\n    start: 2027-01-01\n    end: 2027-03-31\n    status: running\n",
        "okrs/2027-Q1/field.yaml": "objectives:\n  - id: f-a\n    title: Open the northern territory\n    owner: cai\n    parent: s-a\n    key_results:\n      - {id: f-a-kr1, title: Sign 10 new northern customers, metric: Customers, direction: increase, baseline: 0, target: 10, unit_of_measure: customers, owner: cai}\n      - {id: f-a-kr2, title: Book 10 demos in the north, metric: Demos, direction: increase, baseline: 0, target: 10, unit_of_measure: demos, owner: cai}\n",
        "okrs/2027-Q1/inside.yaml": "objectives:\n  - id: i-a\n    title: Answer every inbound lead the same day\n    owner: dora\n    parent: s-a\n    key_results:\n      - {id: i-a-kr1, title: Cut lead backlog from 100 to 0, metric: Backlog, direction: decrease, baseline: 100, target: 0, unit_of_measure: leads, owner: dora}\n",
        "okrs/2027-Q1/odland-apfel-gmbh.yaml": "objectives:\n  - id: co-a\n    title: Win the apple market in the north\n    owner: ana\n    key_results:\n      - {id: co-a-kr1, title: Grow orders from 0 to 100, metric: Orders, direction: increase, baseline: 0, target: 100, unit_of_measure: orders, owner: ana, weight: 3}\n      - {id: co-a-kr2, title: Cut returns from 50 to 10, metric: Returns, direction: decrease, baseline: 50, target: 10, unit_of_measure: returns, owner: ana, weight: 1}\n  - id: co-b\n    title: Make margins healthy again\n    owner: ana\n    key_results:\n      - {id: co-b-kr1, title: Lift margin from -5 to 5 percent, metric: Margin, direction: increase, baseline: -5, target: 5, unit_of_measure: '%', owner: ana}\n      - {id: co-b-kr2, title: Launch the new pricing model, metric: Launch, direction: milestone, target: 1, owner: ana, due: 2027-03-31}\n",
        "okrs/2027-Q1/recruiting.yaml": "objectives:\n  - id: r-a\n    title: Hire the people sales needs\n    owner: eli\n    parent: co-a\n    key_results:\n      - {id: r-a-kr1, title: Hire 4 account executives, metric: Hires, direction: increase, baseline: 0, target: 4, unit_of_measure: hires, owner: eli}\n",
        "okrs/2027-Q1/sales.yaml": "objectives:\n  - id: s-a\n    title: Build a pipeline we can trust\n    owner: ben\n    parent: co-a\n    key_results:\n      - {id: s-a-kr1, title: Grow pipeline from 10 to 20 deals, metric: Pipeline, direction: increase, baseline: 10, target: 20, unit_of_measure: deals, owner: ben}\n      - {id: s-a-kr2, title: Keep churn at or below 5 percent, metric: Churn, direction: decrease, baseline: 5, target: 5, unit_of_measure: '%', owner: ben, health_metric: true}\n",
        "people.yaml": "people:\n  - {id: ana, name: Ana Lima}\n  - {id: ben, name: Ben Okoro}\n  - {id: cai, name: Cai Wen}\n  - {id: dora, name: Dóra Šimková}\n  - {id: eli, name: Eli Noor}\n",
        "rollout.yaml": "# rollout workspace: one organization's OKR rollout.\n# Format documented in the README; `rollout schema` prints a JSON Schema for editors.\nversion: 1\norganization: Ödland Äpfel GmbH\nas_of: 2027-02-15\n",
        "units.yaml": "units:\n  - id: odland-apfel-gmbh\n    name: Ödland Äpfel GmbH\n    kind: company\n    owner: ana\n  - {id: sales, name: Sales, kind: department, parent: odland-apfel-gmbh, owner: ben}\n  - {id: field, name: Field Sales, kind: team, parent: sales, owner: cai}\n  - {id: inside, name: Inside Sales, kind: team, parent: sales, owner: dora}\n  - {id: people-hr, name: People & HR, kind: department, parent: odland-apfel-gmbh, owner: eli}\n  - {id: recruiting, name: Recruiting, kind: team, parent: people-hr, owner: eli}\n  - {id: ops, name: Operations, kind: department, parent: odland-apfel-gmbh, owner: ana}\n",
    },
    "w12": {
        "checkins/2027-Q1/fig-co.yaml": "checkins:\n  - {kr: k1, date: 2027-03-01, value: 99.95, confidence: 8}\n  - {kr: k2, date: 2027-03-01, value: 7, confidence: 3}\n  - {kr: k3, date: 2027-03-01, value: 1, confidence: 10}\n  - {kr: k4, date: 2027-03-01, value: 0, confidence: 9}\n  - {kr: k5, date: 2027-03-01, value: 6.5, confidence: 8}\n  - {kr: k6, date: 2027-03-01, value: 3.45, confidence: 5}\n  - {kr: k7, date: 2027-03-01, value: -2, confidence: 8}\n  - {kr: k8, date: 2027-03-01, value: -6, confidence: 6}\n  - {kr: k10, date: 2027-03-08, value: 2, confidence: 6}\n  - {kr: k10, date: 2027-03-08, value: 8, confidence: 7}\n  - {kr: k11, date: 2027-03-10, value: 4, confidence: 6}\n  - {kr: k11, date: 2027-04-02, value: 10, confidence: 9}\n",
        "cycles.yaml": "# OKR cycles (usually quarters).\ncycles:\n  - id: 2027-Q1\n    start: 2027-01-01\n    end: 2027-03-31\n    status: running\n",
        "okrs/2027-Q1/fig-co.yaml": "objectives:\n  - id: o1\n    title: Keep the service dependable\n    owner: ana\n    key_results:\n      - {id: k1, title: Keep uptime at 99.9 percent, metric: Uptime, direction: increase, baseline: 99.9, target: 99.9, unit_of_measure: '%', owner: ana}\n      - {id: k2, title: Keep incidents at or below 5, metric: Incidents, direction: decrease, baseline: 5, target: 5, unit_of_measure: incidents, owner: ana, health_metric: true}\n      - {id: k3, title: Ship the new status page, metric: Status page, direction: milestone, target: 1, owner: ana}\n  - id: o2\n    title: Grow revenue in the south\n    owner: ana\n    key_results:\n      - {id: k4, title: Sign the southern distributor, metric: Contract, direction: milestone, target: 1, owner: ana, due: 2027-02-01, weight: 2}\n      - {id: k5, title: Grow southern orders from 0 to 10, metric: Orders, direction: increase, baseline: 0, target: 10, unit_of_measure: orders, owner: ana}\n      - {id: k6, title: Grow southern revenue from 0 to 10 kEUR, metric: Revenue, direction: increase, baseline: 0, target: 10, unit_of_measure: kEUR, owner: ana}\n  - id: o3\n    title: Make operations lean\n    owner: ana\n    key_results:\n      - {id: k7, title: Cut backlog from 10 to 0, metric: Backlog, direction: decrease, baseline: 10, target: 0, unit_of_measure: tickets, owner: ana}\n      - {id: k8, title: Lift margin from -10 to -2 percent, metric: Margin, direction: increase, baseline: -10, target: -2, unit_of_measure: '%', owner: ana}\n      - {id: k9, title: Cut cost per order from 20 to 15 EUR, metric: Cost, direction: decrease, baseline: 20, target: 15, unit_of_measure: EUR, owner: ana}\n      - {id: k10, title: Grow repeat orders from 0 to 10, metric: Repeat orders, direction: increase, baseline: 0, target: 10, unit_of_measure: orders, owner: ana}\n      - {id: k11, title: Grow referrals from 0 to 10, metric: Referrals, direction: increase, baseline: 0, target: 10, unit_of_measure: referrals, owner: ana}\n",
        "people.yaml": "people:\n  - {id: ana, name: Ana Lima}\n",
        "rollout.yaml": "# rollout workspace: one organization's OKR rollout.\n# Format documented in the README; `rollout schema` prints a JSON Schema for editors.\nversion: 1\norganization: Fig Co\nas_of: 2027-03-31\n",
        "units.yaml": "# Organization units: the company, its departments and teams.\nunits:\n  - id: fig-co\n    name: Fig Co\n    kind: company\n    owner: ana\n",
    },
}


def write(name: str, root: Path, **replace: str) -> Path:
    """Write workspace ``name`` (``w1`` or ``w12``) under ``root``; ``replace`` maps a file to its new text."""
    for rel, text in (FILES[name] | replace).items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root

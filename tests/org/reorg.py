"""A reorganised workspace: Q1 closed, then on 1 April Onboarding moved from Sales to Customer Success
and Field Sales was dissolved (archived). Written as files, as a team would have them after
`rollout units move` and `rollout units archive`."""

from __future__ import annotations

import textwrap
from pathlib import Path


def _objective(oid: str, title: str, owner: str, parent: str | None, krs: list[tuple[str, float, float]]) -> str:
    lines = [f"  - id: {oid}", f"    title: {title}", f"    owner: {owner}"]
    if parent:
        lines.append(f"    parent: {parent}")
    lines.append("    key_results:")
    for n, (kr_title, baseline, target) in enumerate(krs, start=1):
        lines += [
            f"      - id: {oid}-kr{n}",
            f"        title: {kr_title}",
            "        direction: increase",
            f"        baseline: {baseline}",
            f"        target: {target}",
            "        unit_of_measure: '%'",
            f"        owner: {owner}",
        ]
    return "\n".join(lines) + "\n"


def write_reorganised(root: Path) -> Path:
    files = {
        "rollout.yaml": "version: 1\norganization: Acme Freight\nas_of: 2027-05-14\n",
        "people.yaml": """
            people:
              - {id: maya, name: Maya Chen}
              - {id: tom, name: Tom Ruiz}
              - {id: cy, name: Cy Dunn}
              - {id: di, name: Di Evans}
              - {id: bo, name: Bo Park, left: 2027-04-01}
        """,
        "units.yaml": """
            units:
              - {id: acme, name: Acme Freight, kind: company, owner: maya}
              - {id: sales, name: Sales, kind: department, parent: acme, owner: tom}
              - {id: customer-success, name: Customer Success, kind: department, parent: acme, owner: cy}
              - id: onboarding
                name: Onboarding
                kind: team
                parent: customer-success
                former_parents:
                  - {unit: sales, until: 2027-03-31}
                owner: di
              - {id: field-sales, name: Field Sales, kind: team, parent: sales, owner: bo, archived: 2027-04-01}
        """,
        "cycles.yaml": """
            cycles:
              - {id: 2027-Q1, start: 2027-01-01, end: 2027-03-31, status: closed}
              - {id: 2027-Q2, start: 2027-04-01, end: 2027-06-30, status: running}
        """,
    }
    okrs = {
        ("2027-Q1", "acme"): _objective(
            "co-q1-win",
            "Become the carrier mid-market shippers recommend",
            "maya",
            None,
            [("Raise NPS from 30 to 45", 30, 45)],
        ),
        ("2027-Q1", "sales"): _objective(
            "sales-q1-pipeline",
            "Build a pipeline we can plan on",
            "tom",
            "co-q1-win",
            [("Raise forecast accuracy from 70% to 90%", 70, 90)],
        ),
        ("2027-Q1", "customer-success"): _objective(
            "cs-q1-answers",
            "Answer shippers before they chase us",
            "cy",
            "co-q1-win",
            [("Raise first-call resolution from 60% to 80%", 60, 80)],
        ),
        ("2027-Q1", "onboarding"): _objective(
            "onb-q1-first-week",
            "Make the first week of every new shipper smooth",
            "di",
            "sales-q1-pipeline",
            [("Raise shippers live within a week from 40% to 70%", 40, 70)],
        ),
        ("2027-Q1", "field-sales"): _objective(
            "fs-q1-regional-wins",
            "Win the regional accounts we lost last year",
            "bo",
            "sales-q1-pipeline",
            [("Raise regional win rate from 15% to 25%", 15, 25)],
        ),
        ("2027-Q2", "acme"): _objective(
            "co-q2-win",
            "Become the carrier mid-market shippers recommend",
            "maya",
            None,
            [("Raise NPS from 40 to 50", 40, 50)],
        ),
        ("2027-Q2", "customer-success"): _objective(
            "cs-q2-answers",
            "Answer shippers before they chase us",
            "cy",
            "co-q2-win",
            [("Raise first-call resolution from 70% to 85%", 70, 85)],
        ),
        ("2027-Q2", "onboarding"): _objective(
            "onb-q2-first-week",
            "Make onboarding a reason shippers stay",
            "di",
            "cs-q2-answers",
            [("Raise shippers live within a week from 60% to 80%", 60, 80)],
        ),
    }
    for (cycle, unit), text in okrs.items():
        files[f"okrs/{cycle}/{unit}.yaml"] = "objectives:\n" + text
    checkins = {
        "onboarding": [("onb-q1-first-week-kr1", 55), ("onb-q1-first-week-kr1", 66)],
        "field-sales": [("fs-q1-regional-wins-kr1", 18), ("fs-q1-regional-wins-kr1", 21)],
        "sales": [("sales-q1-pipeline-kr1", 80), ("sales-q1-pipeline-kr1", 86)],
    }
    for unit, items in checkins.items():
        rows = [
            f"  - {{kr: {kr}, date: 2027-0{2 + i}-01, value: {value}, confidence: 7}}"
            for i, (kr, value) in enumerate(items)
        ]
        files[f"checkins/2027-Q1/{unit}.yaml"] = "checkins:\n" + "\n".join(rows) + "\n"
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root

"""A small clean workspace to run rule cases in, and the case runner.

The base workspace (Acme: company, two departments, one team; 2026-Q3 closed
without OKRs, 2026-Q4 running with as_of 2026-11-24) has no finding at all;
each case adds or replaces files, so a case's findings are its own.
"""

from __future__ import annotations

import copy
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from rollout.rules import Finding, check_draft, check_workspace
from rollout.workspace import load
from rollout.workspace.models import Cycle, Objective

TODAY = date(2026, 11, 24)
Q4 = Cycle(id="2026-Q4", start=date(2026, 10, 1), end=date(2026, 12, 31), status="running")
UNIT_OF_LEVEL = {"company": "acme", "department": "sales", "team": "sales-east"}
PARENT_OF_LEVEL = {"company": None, "department": "co-grow", "team": "sales-grow"}


def _kr(kid: str, title: str, owner: str, baseline: float, target: float) -> dict[str, Any]:
    return {
        "id": kid,
        "title": title,
        "metric": title.split(" from ")[0],
        "direction": "increase" if target > baseline else "decrease",
        "baseline": baseline,
        "target": target,
        "owner": owner,
    }


BASE: dict[str, Any] = {
    "rollout.yaml": {"version": 1, "organization": "Acme", "as_of": TODAY},
    "people.yaml": {
        "people": [
            {"id": "ann", "name": "Ann Archer", "unit": "acme"},
            {"id": "bob", "name": "Bob Baker", "unit": "sales"},
            {"id": "cid", "name": "Cid Carter", "unit": "sales-east"},
            {"id": "dee", "name": "Dee Dunn", "unit": "support"},
        ]
    },
    "units.yaml": {
        "units": [
            {"id": "acme", "name": "Acme", "kind": "company", "owner": "ann"},
            {"id": "sales", "name": "Sales", "kind": "department", "parent": "acme", "owner": "bob"},
            {"id": "support", "name": "Support", "kind": "department", "parent": "acme", "owner": "dee"},
            {"id": "sales-east", "name": "Sales East", "kind": "team", "parent": "sales", "owner": "cid"},
        ]
    },
    "cycles.yaml": {
        "cycles": [
            {"id": "2026-Q3", "start": date(2026, 7, 1), "end": date(2026, 9, 30), "status": "closed"},
            {"id": "2026-Q4", "start": date(2026, 10, 1), "end": date(2026, 12, 31), "status": "running"},
        ]
    },
    "okrs/2026-Q4/acme.yaml": {
        "objectives": [
            {
                "id": "co-grow",
                "title": "Become the carrier mid-market shippers recommend",
                "owner": "ann",
                "key_results": [
                    _kr("co-grow-kr1", "Raise mid-market NPS from 31 to 45", "ann", 31, 45),
                    _kr("co-grow-kr2", "Reduce quarterly churn from 4.1% to 2.5%", "ann", 4.1, 2.5),
                    _kr("co-grow-kr3", "Grow mid-market revenue from 14 to 16 million", "ann", 14, 16),
                ],
            }
        ]
    },
    "okrs/2026-Q4/sales.yaml": {
        "objectives": [
            {
                "id": "sales-grow",
                "title": "Win mid-market shippers on the lanes where we are strongest",
                "owner": "bob",
                "parent": "co-grow",
                "key_results": [
                    _kr("sales-grow-kr1", "Raise the win rate from 19% to 25%", "bob", 19, 25),
                    _kr("sales-grow-kr2", "Shorten the sales cycle from 58 to 45 days", "bob", 58, 45),
                    _kr("sales-grow-kr3", "Grow the qualified pipeline from 3.2 to 6 million", "bob", 3.2, 6),
                ],
            }
        ]
    },
    "checkins/2026-Q4/acme.yaml": {
        "checkins": [
            {"kr": f"co-grow-kr{n}", "date": date(2026, 11, 23), "value": v, "confidence": 7, "author": "ann"}
            for n, v in ((1, 36), (2, 3.6), (3, 14.8))
        ]
    },
    "checkins/2026-Q4/sales.yaml": {
        "checkins": [
            {"kr": f"sales-grow-kr{n}", "date": date(2026, 11, 23), "value": v, "confidence": 6, "author": "bob"}
            for n, v in ((1, 21), (2, 52), (3, 4.1))
        ]
    },
    "reviews/2026-Q4/acme.yaml": {
        "monthly": [{"date": date(2026, 10, 28), "attendees": ["ann", "bob", "dee"], "notes": "On track."}]
    },
}


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


def write_workspace(root: Path, files: dict[str, Any] | None = None, settings: dict[str, Any] | None = None) -> Path:
    """The base workspace with ``files`` replacing or adding files, and ``settings`` merged into rollout.yaml."""
    data = copy.deepcopy(BASE)
    for rel, content in (files or {}).items():
        if content is None:
            data.pop(rel, None)
        else:
            data[rel] = content
    data["rollout.yaml"].update(settings or {})
    for rel, content in data.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.dump(content, Dumper=_Dumper, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return root


# --- cases ------------------------------------------------------------------------------


def draft_objective(case: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """The objective of a text case as plain data, and its level."""
    level = case.get("level", "team")
    if "objective" in case:
        objective = {"id": "case", "owner": "cid", **case["objective"]}
    else:
        objective = {
            "id": "case",
            "title": "Give shippers answers they can trust",
            "owner": "cid",
            "key_results": [
                {
                    "title": "Raise first-contact resolution from 58% to 68%",
                    "direction": "increase",
                    "baseline": 58,
                    "target": 68,
                    "due": date(2026, 12, 31),
                }
                for _ in range(2)
            ],
        }
        objective["key_results"] = [*objective["key_results"], case["kr"]]
    if PARENT_OF_LEVEL[level] and "parent" not in objective and "alignment" not in objective:
        objective["parent"] = PARENT_OF_LEVEL[level]
    objective["key_results"] = [
        {"id": f"case-kr{i}", "owner": "cid", **kr} for i, kr in enumerate(objective.get("key_results", []), 1)
    ]
    return objective, level


def run_draft(code: str, case: dict[str, Any]) -> list[Finding]:
    data, level = draft_objective(case)
    objective = Objective.model_validate(data)
    cycle = None if case.get("cycle", "2026-Q4") is None else Q4
    return [f for f in check_draft(objective, level=level, cycle=cycle, today=TODAY) if f.code == code]


def run_workspace(code: str, case: dict[str, Any], root: Path) -> list[Finding]:
    files = dict(case.get("files") or {})
    if "kr" in case or "objective" in case:
        data, level = draft_objective(case)
        rel = f"okrs/2026-Q4/{UNIT_OF_LEVEL[level]}.yaml"
        existing = copy.deepcopy(files.get(rel) or BASE.get(rel) or {"objectives": []})
        existing["objectives"].append(data)
        files[rel] = existing
    write_workspace(root, files, case.get("settings"))
    findings = check_workspace(load(root), select=case.get("select", [code]))
    return [f for f in findings if f.code == code]

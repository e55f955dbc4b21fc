"""Small workspaces for figure tests: one company unit, its objectives and key results, check-ins, a review.

Ids: objectives ``o1``, ``o2``…; key results ``o1-kr1``…; the unit is ``co``.
Key result fields default to an increase from 0 to 100.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from rollout.workspace import load
from rollout.workspace.workspace import Workspace

UNIT = "co"


def write_workspace(
    root: Path,
    *,
    objectives: list[list[dict[str, Any]]],
    checkins: list[tuple[str, str, float, Any]] = (),  # type: ignore[assignment]
    cycle: tuple[str, str, str, str] = ("2027-Q1", "2027-01-01", "2027-03-31", "running"),
    as_of: str = "2027-02-15",
    weekday: str | None = None,
    review: list[dict[str, Any]] | None = None,
) -> Path:
    """Write the workspace; ``checkins`` are ``(kr id, date, value, confidence or None)`` in file order."""
    cycle_id, start, end, status = cycle
    files: dict[str, Any] = {
        "rollout.yaml": {"version": 1, "organization": "Figures Co", "as_of": as_of},
        "people.yaml": {"people": [{"id": "ana", "name": "Ana Lima"}]},
        "units.yaml": {"units": [{"id": UNIT, "name": "Figures Co", "kind": "company", "owner": "ana"}]},
        "cycles.yaml": {
            "cycles": [
                {"id": cycle_id, "start": start, "end": end, "status": status}
                | ({"checkin_weekday": weekday} if weekday else {})
                | {"review_cadence": "none"}
            ]
        },
    }
    records = []
    for n, krs in enumerate(objectives, start=1):
        key_results = []
        for k, fields in enumerate(krs, start=1):
            kr = {"id": f"o{n}-kr{k}", "title": f"Move measure {n}.{k} from its baseline to its target"}
            kr |= {"direction": "increase", "baseline": 0, "target": 100, "owner": "ana"}
            kr |= fields
            key_results.append({k2: v for k2, v in kr.items() if v is not None})
        records.append(
            {"id": f"o{n}", "title": f"Objective number {n} of the company", "owner": "ana", "key_results": key_results}
        )
    files[f"okrs/{cycle_id}/{UNIT}.yaml"] = {"objectives": records}
    if checkins:
        rows = []
        for kr, day, value, confidence in checkins:
            row: dict[str, Any] = {"kr": kr, "date": day, "value": value}
            if confidence is not None:
                row["confidence"] = confidence
            rows.append(row)
        files[f"checkins/{cycle_id}/{UNIT}.yaml"] = {"checkins": rows}
    if review is not None:
        files[f"reviews/{cycle_id}/{UNIT}.yaml"] = {"scores": review}
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return root


def build(root: Path, **kwargs: Any) -> Workspace:
    """:func:`write_workspace`, then load it."""
    return load(write_workspace(root, **kwargs))

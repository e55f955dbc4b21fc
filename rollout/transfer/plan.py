"""The records of an import plan: options, planned objectives, and the plan itself."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from rollout.errors import Problem
from rollout.tabular import DateOrder
from rollout.workspace import Workspace


@dataclass(frozen=True)
class ImportOptions:
    """``create_units``: a new unit without ``parent_unit`` becomes a department of the company;
    ``allow_new``: names that are new although close to existing ones; ``date_order``:
    how slashed dates read (else rollout.yaml's ``spreadsheets.date_format``)."""

    create_units: bool = False
    allow_new: frozenset[str] = frozenset()
    date_order: DateOrder | None = None


@dataclass
class PlannedObjective:
    cycle: str
    unit: str
    row: int
    existing: str | None  # id of the objective already in the workspace
    record: dict[str, Any]  # the new objective (id, title, fields), or the fields asked of an existing one
    key_results: list[dict[str, Any]] = field(default_factory=list)
    titles: dict[str, int] = field(default_factory=dict)  # key result title key → row
    parent_text: tuple[int, str] | None = None


@dataclass
class ImportPlan:
    """What an import adds, checked before anything is written."""

    new_cycles: list[dict[str, Any]] = field(default_factory=list)
    closed_cycles: dict[str, date] = field(default_factory=dict)  # empty ended cycles marked closed (on as-of)
    new_units: list[dict[str, Any]] = field(default_factory=list)
    new_people: list[dict[str, Any]] = field(default_factory=list)
    new_priorities: list[dict[str, Any]] = field(default_factory=list)
    objectives: dict[tuple[str, str, str], PlannedObjective] = field(default_factory=dict)
    objectives_added: int = 0
    key_results_added: int = 0
    skipped: int = 0
    warnings: list[Problem] = field(default_factory=list)

    def new_records(self, ws: Workspace) -> list[tuple[str, list[str]]]:
        """``[("cycle", [...]), ("unit", [...]), ...]``: every record the import creates, described."""
        names = {u.id: u.name for u in ws.units.values()} | {u["id"]: u["name"] for u in self.new_units}
        return [
            (
                "cycle",
                [
                    f"{c['id']} ({c['start']} → {c['end']})"
                    + (", running: it holds today" if c["status"] == "running" else "")
                    for c in self.new_cycles
                ],
            ),
            ("unit", [f"{u['name']} ({u['kind']} of {names[u['parent']]}, id {u['id']})" for u in self.new_units]),
            ("person", [f"{p['name']} (id {p['id']})" for p in self.new_people]),
            ("priority", [f"{p['title']} (id {p['id']})" for p in self.new_priorities]),
        ]

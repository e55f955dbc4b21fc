"""Writing an import plan: every file staged and validated in memory, then one transaction.

Order of the staged files: ``cycles.yaml``, ``people.yaml``, ``units.yaml``, then each
``okrs/<cycle>/<unit>.yaml``; they are written together by
:class:`rollout.workspace.transaction.Transaction` (all or none), so a refused file
leaves every file as it was.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from rollout.transfer.plan import ImportPlan
from rollout.workspace import Workspace, layout
from rollout.workspace.editing import to_yaml_value
from rollout.workspace.models import CyclesFile, OkrFile, PeopleFile, PrioritiesFile, UnitsFile
from rollout.workspace.transaction import Transaction


def apply_import(ws: Workspace, plan: ImportPlan) -> list[str]:
    """Write ``plan`` into the workspace at ``ws.root``; returns the files written.

    Raises :class:`~rollout.errors.WriteError` (nothing written) when a file would not be
    valid, and :class:`~rollout.errors.LoadError` (everything put back) when the workspace
    would not load afterwards (a reference the rows could not show, say).
    """
    with Transaction(ws.root) as tx:
        for relpath, key, records, model in (
            ("cycles.yaml", "cycles", plan.new_cycles, CyclesFile),
            ("people.yaml", "people", plan.new_people, PeopleFile),
            ("priorities.yaml", "priorities", plan.new_priorities, PrioritiesFile),
            ("units.yaml", "units", plan.new_units, UnitsFile),
        ):
            closing = plan.closed_cycles if key == "cycles" else {}
            if not records and not closing:
                continue
            with tx.edit(relpath, model=model) as doc:
                if doc.get(key) is None:
                    doc[key] = to_yaml_value([])
                for existing in doc[key]:
                    if existing.get("id") in closing:  # an ended cycle with no OKRs (resolving.running_cycles)
                        existing["status"] = "closed"
                        # a date object of its own: a shared one would be written as a YAML alias
                        existing["closed_on"] = date.fromordinal(closing[existing["id"]].toordinal())
                for record in records:
                    doc[key].append(to_yaml_value(record))
        for planned in plan.objectives.values():
            if planned.existing is not None and not planned.key_results:
                continue
            relpath = layout.okr_file(planned.cycle, planned.unit)
            with tx.edit(relpath, model=OkrFile, header=f"OKRs of {planned.unit} for {planned.cycle}.") as doc:
                if doc.get("objectives") is None:
                    doc["objectives"] = to_yaml_value([])
                if planned.existing is None:
                    doc["objectives"].append(to_yaml_value({**planned.record, "key_results": planned.key_results}))
                    continue
                target = next(o for o in doc["objectives"] if o["id"] == planned.existing)
                if target.get("key_results") is None:
                    target["key_results"] = to_yaml_value([])
                for kr in planned.key_results:
                    target["key_results"].append(to_yaml_value(kr))
        return tx.commit(verify=lambda: _load(ws.root))


def _load(root: Path) -> None:
    """Load the written workspace; a problem the rows could not show undoes the import."""
    from rollout.errors import LoadError
    from rollout.workspace import load

    try:
        load(root)
    except LoadError as exc:
        raise LoadError(exc.problems, what="the workspace after this import (it was undone)") from None

"""Where a person or a unit is named: what stops it from being deleted.

Deleting a person or a unit that any record names would break history (an OKR
owner, a check-in author, a review attendee, the units of a phase…); the
organization commands refuse and point to ``people leave`` / ``units archive``.
"""

from __future__ import annotations

from rollout.workspace import layout
from rollout.workspace.workspace import Workspace

MAX_LISTED = 5


def person_uses(ws: Workspace, person_id: str) -> list[str]:
    """Where ``person_id`` is named, one short place per record kind and file (sorted, deterministic)."""
    places: set[str] = set()
    for person in ws.people.values():
        if person.manager == person_id:
            places.add(f"people.yaml (manager of {person.id})")
    for unit in ws.units.values():
        if unit.owner == person_id:
            places.add(f"units.yaml (owner of {unit.id})")
    for (cycle, unit_id), objectives in ws.okr_files.items():
        for objective in objectives:
            if objective.owner == person_id or any(kr.owner == person_id for kr in objective.key_results):
                places.add(layout.okr_file(cycle, unit_id))
    for kr_id, items in ws.checkins.items():
        if any(c.author == person_id for c in items):
            cycle, unit_id = ws.kr_home.get(kr_id, ("?", "?"))
            places.add(layout.checkin_file(cycle, unit_id))
    for (cycle, unit_id), review in ws.reviews.items():
        if any(person_id in m.attendees for m in review.monthly):
            places.add(layout.review_file(cycle, unit_id))
    for assessment in ws.assessments:
        if assessment.respondent == person_id:
            places.add(assessment.source_file or "assessments/")
    return sorted(places)


def unit_uses(ws: Workspace, unit_id: str) -> list[str]:
    """Where ``unit_id`` is named (its own OKR, check-in and review files included)."""
    places: set[str] = set()
    for unit in ws.units.values():
        if unit.parent == unit_id or any(f.unit == unit_id for f in unit.former_parents):
            places.add(f"units.yaml (parent of {unit.id})")
    for person in ws.people.values():
        if person.unit == unit_id:
            places.add(f"people.yaml (unit of {person.id})")
    for phase in ws.phases.values():
        if unit_id in phase.units:
            places.add(f"phases.yaml ({phase.id})")
    for cycle, home in ws.okr_files:
        if home == unit_id:
            places.add(layout.okr_file(cycle, home))
    for cycle, home in ws.checkin_files:
        if home == unit_id:
            places.add(layout.checkin_file(cycle, home))
    for cycle, home in ws.reviews:
        if home == unit_id:
            places.add(layout.review_file(cycle, home))
    for objective in ws.objectives.values():
        if unit_id in objective.contributors:
            places.add(f"{objective.source_file} (contributor to {objective.id})")
    for assessment in ws.assessments:
        if assessment.unit == unit_id:
            places.add(assessment.source_file or "assessments/")
    return sorted(places)


def listing(places: list[str]) -> str:
    """``a, b, c and 4 more``."""
    shown = ", ".join(places[:MAX_LISTED])
    return shown + (f" and {len(places) - MAX_LISTED} more" if len(places) > MAX_LISTED else "")

"""Everyday changes to people: add, rename, leave, remove (``rollout people …``).

Ids never change (every OKR, check-in and review names people by id); names,
emails, titles and units do. A person who leaves keeps their record with a
``left`` day so that history still names them; deleting is refused while any
record names them (:func:`rollout.org.uses.person_uses`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from rollout.errors import UsageError
from rollout.org.store import Staging
from rollout.org.uses import person_uses
from rollout.tabular.names import clean_name
from rollout.workspace.create import slugify
from rollout.workspace.models import MAX_ID_LENGTH, Person, check_slug, is_reserved
from rollout.workspace.workspace import Workspace

PEOPLE = "people.yaml"


@dataclass(frozen=True)
class PersonRow:
    """One row of ``people list``."""

    id: str
    name: str
    email: str
    unit: str
    title: str
    status: str


def people_rows(ws: Workspace, *, include_left: bool = False) -> list[PersonRow]:
    """People in people.yaml order; those who left only with ``include_left`` (status "left YYYY-MM-DD")."""
    rows = []
    for person in ws.people.values():
        if person.left is not None and not include_left:
            continue
        unit = ws.units[person.unit].name if person.unit in ws.units else ""
        status = f"left {person.left}" if person.left is not None else "active"
        rows.append(PersonRow(person.id, person.name, person.email or "", unit, person.title or "", status))
    return rows


def new_id(stage: Staging, relpath: str, existing: Iterable[str], wanted: str | None, base: str, kind: str) -> str:
    """The id of a new record of ``relpath`` (people or units): ``wanted`` (``--id``) when it is a
    valid id not yet taken, else a :class:`UsageError`; without it, :func:`unique_id` of ``base``.
    Taken are the ``existing`` ids and those already staged in the file."""
    taken = set(existing) | {str(r.get("id")) for r in stage.records(relpath)}
    if wanted is None:
        return unique_id(base, taken, kind)
    try:
        check_slug(wanted)
    except ValueError as exc:
        raise UsageError(f"--id: {exc}") from None
    if wanted in taken:
        what = "person" if kind == "person" else "unit"
        raise UsageError(f"there is already a {what} with id {wanted!r}")
    return wanted


def unique_id(base: str, taken: set[str], kind: str = "item") -> str:
    """``base``, or ``base-2``, ``base-3``… : the first not in ``taken`` (kept within the id length).

    A reserved name gets its ``kind`` first, as the OKR import does (``con`` → ``con-person``,
    ``aux`` → ``aux-team``; see :func:`rollout.workspace.models.is_reserved`).
    """
    if is_reserved(base):
        base = f"{base}-{kind}"
    candidate, n = base, 2
    while candidate in taken:
        suffix = f"-{n}"
        candidate, n = base[: MAX_ID_LENGTH - len(suffix)].rstrip("-") + suffix, n + 1
    return candidate


def person(ws: Workspace, person_id: str) -> Person:
    if person_id not in ws.people:
        from rollout.org.names import suggest
        from rollout.workspace.references import known_records

        hint = suggest(person_id, known_records(ws, "person"), "people list")
        raise UsageError(f"unknown person {person_id!r}", hint=hint)
    return ws.people[person_id]


def add_person(
    stage: Staging,
    name: str,
    *,
    person_id: str | None = None,
    email: str | None = None,
    title: str | None = None,
    unit: str | None = None,
    manager: str | None = None,
) -> str:
    """Stage a new person; returns their id (from the name unless given). Raises UsageError on a clash."""
    ws = stage.ws
    name = clean_name(name)  # one line, single spaces: "Ana\nLima" was stored as a block of two lines
    if not name:
        raise UsageError("the name is empty")
    person_id = new_id(stage, PEOPLE, ws.people, person_id, slugify(name, max_length=48), "person")
    if unit:
        from rollout.org.units import unit as known_unit

        known_unit(ws, unit.strip())  # an unknown id: a did-you-mean hint rather than a validation error
    if manager:
        person(ws, manager.strip())
    if email:
        for other in ws.people.values():
            if other.email and other.email.lower() == email.strip().lower():
                raise UsageError(f"{other.id} ({other.name}) already has the email {email}")
    extra = {"email": email, "title": title, "unit": unit, "manager": manager}
    stage.add(PEOPLE, {"id": person_id, "name": name, **{k: v.strip() if v else None for k, v in extra.items()}})
    return person_id


def rename_person(stage: Staging, person_id: str, name: str) -> str:
    """Stage a new name (the id stays); returns the old name."""
    return stage.rename(PEOPLE, person_id, person(stage.ws, person_id).name, name)


def leave(stage: Staging, person_id: str, day: date, hand_over_to: str | None = None) -> list[str]:
    """Mark a person as left on ``day`` (their first day away); returns the units handed over.

    Units they own go to ``hand_over_to``; without it, owning a unit that still exists
    is refused (a unit's OKRs need an owner who is there).
    """
    ws = stage.ws
    who = person(ws, person_id)
    if who.left is not None:
        raise UsageError(f"{person_id} already left on {who.left}")
    owned = [u for u in ws.units.values() if u.owner == person_id and u.archived is None]
    if owned and hand_over_to is None:
        raise UsageError(
            f"{who.name} owns {', '.join(u.id for u in owned)}",
            hint=f"name the new owner: rollout people leave {person_id} --hand-over-to PERSON",
        )
    if hand_over_to is not None:
        successor = person(ws, hand_over_to)
        if successor.left is not None or hand_over_to == person_id:
            raise UsageError(f"{hand_over_to} cannot take over: they {'left' if successor.left else 'are leaving'}")
        for unit in owned:
            stage.find("units.yaml", unit.id)["owner"] = hand_over_to
    stage.find(PEOPLE, person_id)["left"] = day
    return [u.id for u in owned]


def remove_person(stage: Staging, person_id: str) -> None:
    """Delete a person nothing names; refused (with the places) when history names them."""
    person(stage.ws, person_id)
    instead = f"mark them as left instead: rollout people leave {person_id}"
    stage.remove(PEOPLE, person_id, person_uses(stage.ws, person_id), them="them", instead=instead)

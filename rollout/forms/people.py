"""Who may check in on a unit's form, without indexing everyone for a single form.

:class:`rollout.forms.spec.People` sorts and indexes everyone once, which pays off when a build
makes many check-in forms. A build that makes one (after one check-in, from process start: the
other forms keep their fingerprints) sorted and indexed 14,804 people of 2,000 teams for it:
making that one form took 0.04–0.07 s of CPU with the index and 0.002 s with :class:`FewPeople`,
which answers the same question with one pass over people.yaml and a sort of the few chosen
(best of 7, this shared 2-core machine, 2026-11-29).
:func:`people_for` picks one; ``tests/forms/test_few_people.py`` checks that both give the
same people in the same order for every unit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rollout.forms.spec import People, PersonChoice, people_of

if TYPE_CHECKING:
    from rollout.workspace.workspace import Workspace


class FewPeople:
    """:meth:`People.authors` for one form, from one pass over the workspace's people."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws

    def authors(self, unit_id: str, ids: set[str]) -> list[PersonChoice]:
        """The members of unit ``unit_id`` and the people with these ids, by name (as :class:`People` orders
        everyone: case-folded name, then id); people who left by as-of and unknown ids are left out."""
        today = self.ws.today
        chosen = [
            PersonChoice(p.id, p.name, p.unit or "", p.title or "")
            for p in self.ws.people.values()
            if (p.unit == unit_id or p.id in ids) and p.active_on(today)
        ]
        return sorted(chosen, key=lambda p: (p.name.casefold(), p.id))


def people_for(ws: Workspace, before: People | FewPeople | None) -> People | FewPeople:
    """The people to make the next check-in form of ``ws`` with; ``before``: those the previous
    form of this build used (None for the first). The index (:func:`people_of`) when this process
    already holds it for this people.yaml (``rollout serve``) or from the second form on; else
    :class:`FewPeople`."""
    if isinstance(before, People):
        return before
    if before is not None or _indexed(ws):
        return people_of(ws)
    return FewPeople(ws)


def _indexed(ws: Workspace) -> bool:
    """Whether :func:`people_of` would answer from its cache (``spec._PEOPLE``) for ``ws``."""
    from rollout.forms import spec

    source = ws.sources.get("people.yaml")
    return source is not None and spec._PEOPLE is not None and spec._PEOPLE[0] == (source.sha, ws.today)

"""Images in notes: never loaded, and the writer is told which note holds one."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rollout.workspace import Workspace

_IMAGE = re.compile(r"!\[[^\]\n]*\]\s*[(\[]")
_MESSAGE = "images in notes are never loaded (the alt text is shown)"

# The check-in notes' warnings of each unit's check-in file, by the content hashes of that file
# and of the unit's OKR file (they decide the lines). Scanning every check-in note of 2,000 teams
# (about 200,000 notes) took 0.06 s of each `rollout serve` rebuild after one check-in (cProfile,
# this machine); with this, a rebuild scans only the changed file. Replaced by each call with the
# entries that call used, so it holds one workspace's files at most.
_CHECKIN_NOTES: dict[tuple[str, str, str, str], list[str]] = {}


def image_warnings(ws: Workspace) -> list[str]:
    """One warning per note that holds an image: pages and packs never load images (they show the
    alt text instead), so the writer learns which note to change. Notes: descriptions of objectives
    and priorities, monthly review notes, check-in notes. Returns ``file:line:col: field: message``
    lines (check-in notes: ``file: the note of the check-in of KR on DATE holds an image; …``), in
    this order: objectives, priorities, reviews, then check-in files by (cycle, unit)."""
    global _CHECKIN_NOTES
    out: list[str] = []

    def note(record: Any, field: str) -> None:
        text = getattr(record, field, "") or ""
        if "![" in text and _IMAGE.search(text):
            out.append(str(ws.problem(record, f"holds an image; {_MESSAGE}", field)))

    for objective in ws.objectives.values():
        note(objective, "description")
    for priority in ws.priorities.values():
        note(priority, "description")
    for review in ws.reviews.values():
        for monthly in review.monthly:
            note(monthly, "notes")
    from rollout.workspace.layout import okr_file

    used: dict[tuple[str, str, str, str], list[str]] = {}
    for (cycle, unit), rel in sorted(ws.checkin_files.items()):
        okrs = okr_file(cycle, unit)
        checkins, objectives = ws.sources.get(rel), ws.sources.get(okrs)
        key = (rel, checkins.sha if checkins else "", okrs, objectives.sha if objectives else "")
        found = _CHECKIN_NOTES.get(key) if checkins is not None and objectives is not None else None
        if found is None:
            found = _checkin_notes(ws, cycle, unit, rel)
        used[key] = found
        out += found
    _CHECKIN_NOTES = used
    return out


def _checkin_notes(ws: Workspace, cycle: str, unit: str, rel: str) -> list[str]:
    """The warnings of the check-in notes of one unit's check-in file ``rel``."""
    found = []
    for objective in ws.okr_files.get((cycle, unit), ()):
        for kr in objective.key_results:
            for checkin in ws.checkins.get(kr.id, ()):
                if "![" in checkin.note and _IMAGE.search(checkin.note):
                    found.append(
                        f"{rel}: the note of the check-in of {kr.id} on {checkin.date} holds an image; {_MESSAGE}"
                    )
    return found

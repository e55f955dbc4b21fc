"""Images in notes: never loaded, and the writer is told which note holds one."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rollout.workspace import Workspace

_IMAGE = re.compile(r"!\[[^\]\n]*\]\s*[(\[]")
_MESSAGE = "images in notes are never loaded (the alt text is shown)"


def image_warnings(ws: Workspace) -> list[str]:
    """One warning per note that holds an image: pages and packs never load images (they show the
    alt text instead), so the writer learns which note to change. Notes: descriptions of objectives
    and priorities, monthly review notes, check-in notes. Returns ``file:line:col: field: message``
    lines (check-in notes: ``file: the note of the check-in of KR on DATE holds an image; …``), in
    this order: objectives, priorities, reviews, then check-in files by (cycle, unit)."""
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
    # Check-in notes: about 128,000 on 2,000 teams. One test per note finds the few key results
    # whose notes hold "![" (14 ms, a `rollout serve` rebuild included); the lines are written for
    # those alone. Scanning every note file by file, with a per-process cache of each file's lines
    # for `rollout serve` (a rebuild then took ~1 ms), took 0.04-0.06 s of every build from
    # process start (this machine, 2026-11-29).
    flagged = {kr for kr, items in ws.checkins.items() if any("![" in c.note for c in items)}
    if flagged:
        units = {ws.kr_home[kr] for kr in flagged if kr in ws.kr_home}
        for (cycle, unit), rel in sorted(ws.checkin_files.items()):
            if (cycle, unit) in units:
                out += _checkin_notes(ws, cycle, unit, rel, flagged)
    return out


def _checkin_notes(ws: Workspace, cycle: str, unit: str, rel: str, flagged: set[str]) -> list[str]:
    """The warnings of the check-in notes of one unit's check-in file ``rel`` (key results in ``flagged`` only)."""
    found = []
    for objective in ws.okr_files.get((cycle, unit), ()):
        for kr in objective.key_results:
            if kr.id not in flagged:
                continue
            for checkin in ws.checkins.get(kr.id, ()):
                if "![" in checkin.note and _IMAGE.search(checkin.note):
                    found.append(
                        f"{rel}: the note of the check-in of {kr.id} on {checkin.date} holds an image; {_MESSAGE}"
                    )
    return found

"""Images in notes: never loaded, and the writer is told which note holds one."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rollout.workspace import Workspace

_IMAGE = re.compile(r"!\[[^\]\n]*\]\s*[(\[]")


def image_warnings(ws: Workspace) -> list[str]:
    """One warning per note that holds an image: pages and packs never load images (they show the
    alt text instead), so the writer learns which note to change. Notes: descriptions of objectives
    and priorities, monthly review notes, check-in notes."""
    out: list[str] = []

    def note(record: Any, field: str) -> None:
        text = getattr(record, field, "") or ""
        if "![" in text and _IMAGE.search(text):
            message = "holds an image; images in notes are never loaded (the alt text is shown)"
            out.append(str(ws.problem(record, message, field)))

    for objective in ws.objectives.values():
        note(objective, "description")
    for priority in ws.priorities.values():
        note(priority, "description")
    for review in ws.reviews.values():
        for monthly in review.monthly:
            note(monthly, "notes")
    for (cycle, unit), rel in sorted(ws.checkin_files.items()):
        for objective in ws.okr_files.get((cycle, unit), ()):
            for kr in objective.key_results:
                for checkin in ws.checkins.get(kr.id, ()):
                    if "![" in checkin.note and _IMAGE.search(checkin.note):
                        out.append(
                            f"{rel}: the note of the check-in of {kr.id} on {checkin.date} holds an image; "
                            "images in notes are never loaded (the alt text is shown)"
                        )
    return out

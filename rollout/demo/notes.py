"""Check-in notes of the demo: written per department and key result subject, picked by progress.

``content.yaml`` holds the notes under ``checkin_notes:``, keyed by the
department of the unit that checks in (``company`` for company key results),
then grouped by the metrics of the key results they were written for::

    checkin_notes:
      default: [a note that fits any key result, ...]
      hr:
        - metrics: [Driver time to fill, Open driver vacancies]
          notes:
            - Two more recruiters started this week.        # fits any week
            - good: The open day brought eleven candidates.  # on pace or ahead
            - bad: Licence conversion adds three weeks.      # clearly behind
            - done: Target reached; ...                      # target reached

A key result gets the notes written for its metric in its own department,
else those written for its metric in any department (a company key result on
on-time delivery reads Operations' notes), else the ``default`` ones. Each
week's note must fit how the key result is doing that week (:func:`mood`), and a
unit never writes the same note twice in a cycle, even on two key results whose
metrics share a group (:class:`NoteWriter`).
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

Mood = Literal["good", "bad", "done"]
MOODS: tuple[Mood, ...] = ("good", "bad", "done")

BEHIND = 0.15
"""A score this far below the expected progress is clearly behind (``bad`` notes)."""
ON_PACE = 0.1
"""A score at most this far below the expected progress is on pace (``good`` notes), with confidence."""
CONFIDENT = 6
"""Confidence (0–10) from which an on-pace key result is ``good``."""
WORRIED = 3
"""Confidence at or below this is ``bad`` whatever the score."""


def mood(score: float | None, expected: float, confidence: int) -> Mood | None:
    """How a key result is doing in a week: ``done``, ``good``, ``bad`` or None (in between).

    ``good`` needs some progress already (a first week at the baseline is not good news yet).

    ``score`` is the week's score (0–1, None when it cannot be computed, e.g. a
    target equal to the baseline), ``expected`` the share of the cycle elapsed.
    """
    if score is not None and score >= 1.0:
        return "done"
    if confidence <= WORRIED or (score is not None and expected - score > BEHIND):
        return "bad"
    if confidence >= CONFIDENT and (score is None or (score > 0 and expected - score <= ON_PACE)):
        return "good"
    return None


@dataclass(frozen=True)
class Note:
    """One note, and the week it fits (``when`` None: any week)."""

    text: str
    when: Mood | None = None

    def fits(self, week: Mood | None) -> bool:
        """Whether the note may be written in a week of mood ``week``."""
        if self.when is None:
            return True
        if self.when == "good":
            return week in ("good", "done")
        return self.when == week


@dataclass(frozen=True)
class NoteBook:
    """Every note of the content: ``topics[department][metric]`` (metric casefolded) and ``default``."""

    default: tuple[Note, ...]
    topics: Mapping[str, Mapping[str, tuple[Note, ...]]] = field(default_factory=dict)

    @classmethod
    def from_content(cls, spec: Any) -> NoteBook:
        """Read the content's ``checkin_notes:``; raises ValueError on a malformed entry."""
        if spec is None:
            return cls(default=(Note("On plan."),))
        if not isinstance(spec, dict):
            raise ValueError("checkin_notes: expected a mapping of department → groups")
        default = tuple(_note(item, "checkin_notes.default") for item in spec.get("default") or ["On plan."])
        topics: dict[str, dict[str, tuple[Note, ...]]] = {}
        for department, groups in spec.items():
            if department == "default":
                continue
            where = f"checkin_notes.{department}"
            if not isinstance(groups, list):
                raise ValueError(f"{where}: expected a list of {{metrics, notes}} groups")
            by_metric = topics.setdefault(str(department), {})
            for n, group in enumerate(groups):
                here = f"{where}[{n}]"
                if not isinstance(group, dict) or set(group) != {"metrics", "notes"}:
                    raise ValueError(f"{here}: expected exactly the keys metrics and notes")
                notes = tuple(_note(item, f"{here}.notes") for item in group["notes"] or [])
                if not notes:
                    raise ValueError(f"{here}.notes: no notes")
                for metric in group["metrics"] or []:
                    key = str(metric).casefold()
                    if key in by_metric:
                        raise ValueError(f"{here}: notes for {metric!r} are already written in {where}")
                    by_metric[key] = notes
        return cls(default=default, topics=topics)

    def notes_for(self, department: str, metric: str | None) -> tuple[Note, ...]:
        """The notes written for ``metric`` (own department first, then any), else the default ones."""
        key = (metric or "").casefold()
        own = self.topics.get(department, {}).get(key)
        if own:
            return own
        for by_metric in self.topics.values():
            if key in by_metric:
                return by_metric[key]
        return self.default

    def metrics(self) -> set[str]:
        """Every metric (casefolded) that has notes written for it."""
        return {metric for by_metric in self.topics.values() for metric in by_metric}


def _note(item: Any, where: str) -> Note:
    if isinstance(item, str) and item.strip():
        return Note(item.strip())
    if isinstance(item, dict) and len(item) == 1:
        ((when, text),) = item.items()
        if when in MOODS and isinstance(text, str) and text.strip():
            return Note(text.strip(), when)
    raise ValueError(f"{where}: a note is a text or one of {', '.join(MOODS)}: text, not {item!r}")


class NoteWriter:
    """The notes one unit writes about one subject in one cycle, in a shuffled order fixed by ``seed``.

    No note is written twice: once every note that fits a week is used, the week gets none.
    """

    def __init__(self, notes: Iterable[Note], seed: str) -> None:
        self._order = list(notes)
        random.Random(seed).shuffle(self._order)
        self._used: set[int] = set()

    def write(self, week: Mood | None, *, only: Mood | None = None, pick: int = 0) -> str | None:
        """An unused note that fits the week (and is tagged ``only``, when given); None if none is left.

        ``pick`` chooses among them (modulo their number; 0: the first in the shuffled order).
        """
        fresh = [
            i
            for i, note in enumerate(self._order)
            if i not in self._used and note.fits(week) and (only is None or note.when == only)
        ]
        if not fresh:
            return None
        chosen = fresh[pick % len(fresh)]
        self._used.add(chosen)
        return self._order[chosen].text

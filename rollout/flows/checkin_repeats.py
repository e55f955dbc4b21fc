"""Check-ins saved before: one rule for ``rollout collect`` (and ``serve --collect``) and
``rollout checkin --csv``, so that reading the same file twice never writes it twice.

For each check-in read from a file (:func:`rollout.flows.checkin_sheet.read_checkins`):

- the same key result, date, value, confidence and note as a check-in already in the
  workspace (or written earlier in the same run) is a **repeat**: not written again, counted;
- the same key result and date with another value (or confidence, or note) is a **clash**:
  the file is refused, naming the row and the value saved before. A file is a record sent
  by someone; which of two values for one day is right is for a person to decide
  (correct the earlier check-in in its file, or date the new one on another day);
- anything else is new.

A person re-entering a value at the terminal (``rollout checkin UNIT --value``) is the one
door where a same-day check-in replaces the earlier one: they are correcting their own
entry, and are told what it replaced.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from rollout.errors import Problem

if TYPE_CHECKING:
    from rollout.flows.checkin_sheet import SheetCheckins
    from rollout.workspace.workspace import Workspace

Written = MutableMapping[tuple[str, str], tuple[float, int | str | None, str, str]]
"""(key result, ISO date) → (value, confidence, note, file) of each check-in written earlier in a run."""


@dataclass
class NewCheckins:
    """What of a file is new: ``files`` as in :class:`~rollout.flows.checkin_sheet.SheetCheckins`,
    ``repeats`` (saved before, not written again) and ``clashes`` (each at its row)."""

    files: dict[tuple[str, str], list[dict[str, Any]]] = field(default_factory=dict)
    repeats: int = 0
    clashes: list[Problem] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(len(v) for v in self.files.values())


def new_checkins(
    ws: Workspace, read: SheetCheckins, source: str, written: Mapping[tuple[str, str], Any] | None = None
) -> NewCheckins:
    """Sort the check-ins of ``read`` (from the file named ``source``) into new, repeats and clashes."""
    out = NewCheckins()
    for key, records in read.files.items():
        for record in records:
            state = _state(ws, record, written or {})
            if state == "same":
                out.repeats += 1
            elif state:
                day: date = record["date"]
                place = read.places.get((record["kr"], day), Problem(source, field="kr"))
                out.clashes.append(dataclasses.replace(place, message=state))
            else:
                out.files.setdefault(key, []).append(record)
    return out


def remember(written: Written, files: Mapping[tuple[str, str], list[dict[str, Any]]], source: str) -> None:
    """Note the check-ins of ``files`` as written in this run (from the file ``source``)."""
    for records in files.values():
        for r in records:
            written[(r["kr"], r["date"].isoformat())] = (r["value"], r.get("confidence"), r.get("note", ""), source)


def _same(value: float, confidence: Any, note: str | None, record: Mapping[str, Any]) -> bool:
    return (value, confidence, note or "") == (record["value"], record.get("confidence"), record.get("note", ""))


def _state(ws: Workspace, record: dict[str, Any], written: Mapping[tuple[str, str], Any]) -> str:
    """``""`` for a new check-in, ``"same"`` for one recorded before, else why it clashes."""
    day: date = record["date"]
    earlier = written.get((record["kr"], day.isoformat()))
    if earlier is not None:  # written by an earlier file of this run (not in ``ws`` as loaded)
        value, confidence, note, file = earlier
        if _same(value, confidence, note, record):
            return "same"
        return (
            f"{record['kr']} has a check-in on {day} with value {value:g} from {file}, collected just "
            "before; check-ins are append-only: agree on one value, or check in with another date"
        )
    same_day = [c for c in ws.checkins.get(record["kr"]) or [] if c.date == day]
    if any(_same(c.value, c.confidence, c.note, record) for c in same_day):
        return "same"
    if same_day:
        return (
            f"{record['kr']} already has a check-in on {day} (value {same_day[-1].value:g}); check-ins are "
            "append-only: correct the earlier one in its file, or check in with another date"
        )
    return ""


@dataclass
class Saved:
    """What :func:`save_entries` did: the file, the check-ins appended, those that replaced a
    same-day one (key result, date, the value replaced) and those already saved as they are."""

    relpath: str
    appended: int = 0
    replaced: list[tuple[str, date, float]] = field(default_factory=list)
    unchanged: int = 0

    def said(self) -> str:
        """``"; replaced the check-in of 2027-03-08 (was 45)"`` and the like (``""`` when nothing was)."""
        from rollout.plural import noun, plural
        from rollout.tabular import format_number as number

        text = ""
        if self.replaced:
            if len(self.replaced) == 1 and not self.appended and not self.unchanged:  # one key result: no id needed
                text += f"; replaced the check-in of {self.replaced[0][1]} (was {number(self.replaced[0][2])})"
            else:
                shown = ", ".join(f"{kr} on {day} (was {number(was)})" for kr, day, was in self.replaced)
                text += f"; replaced the {noun(len(self.replaced), 'check-in')} of {shown}"
        if self.unchanged:
            text += f"; {plural(self.unchanged, 'check-in')} already saved as given"
        return text


def save_entries(ws: Workspace, cycle_id: str, unit_id: str, records: list[dict[str, Any]]) -> Saved:
    """Save check-ins a person entered at the terminal (``rollout checkin UNIT --value``, the prompts).

    A check-in of a key result on a day it already has one replaces that day's check-in
    (the last one of the day, in place: a person correcting their own entry), unless it is
    the same, which is not written again; the others are appended. Hand-edited same-day
    duplicates already in the file stay for ``rollout check`` (OKR410) to report.
    """
    from rollout.workspace import editing, layout
    from rollout.workspace.models import CheckInFile

    relpath = layout.checkin_file(cycle_id, unit_id)
    header = f"Weekly check-ins of {unit_id} for {cycle_id} (append-only)."
    saved = Saved(relpath)
    fresh: list[dict[str, Any]] = []
    replacing: list[dict[str, Any]] = []
    for record in records:
        same_day = [c for c in ws.checkins.get(record["kr"]) or [] if c.date == record["date"]]
        if same_day and _same(same_day[-1].value, same_day[-1].confidence, same_day[-1].note, record):
            saved.unchanged += 1
        elif same_day:
            replacing.append(record)
            saved.replaced.append((record["kr"], record["date"], same_day[-1].value))
        else:
            fresh.append(record)
    saved.appended = len(fresh)
    if not replacing:
        if fresh:
            editing.append(ws.root, relpath, "checkins", fresh, model=CheckInFile, header=header)
        return saved
    with editing.edit(ws.root, relpath, model=CheckInFile, header=header) as doc:
        entries = doc["checkins"]
        for record in replacing:
            day = record["date"].isoformat()
            index = max(i for i, e in enumerate(entries) if e.get("kr") == record["kr"] and str(e.get("date")) == day)
            entries[index] = editing.to_yaml_value(record)
        for record in fresh:
            entries.append(editing.to_yaml_value(record))
    return saved

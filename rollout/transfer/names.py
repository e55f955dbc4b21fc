"""Units and people named in a sheet: found by id or name, typos refused, new ones planned.

A name matches an existing record by id, or by name compared with
:func:`rollout.tabular.name_key` (case and whitespace folded). A name close to an
existing one, or to a new one earlier in the sheet (:class:`rollout.tabular.names.NameIndex`),
is an error with "did you mean …?" unless the import is told it is new (``--allow-new NAME``). Two new names that would
get the same id (``Team A``, ``Team-A``) are refused, naming both rows. A new unit needs
its parent: a ``parent_unit`` cell, or ``--create-units`` (then it becomes a department
of the company).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rollout.tabular import Row, clean_name, name_key
from rollout.tabular.names import NameIndex
from rollout.workspace import Workspace
from rollout.workspace.create import slugify
from rollout.workspace.models import check_slug
from rollout.workspace.suggestions import meant


def safe_id(base: str, taken: set[str], suffix: str) -> str:
    """A free, valid id from ``base``: a reserved word (``con``, ``index``) gets ``-<suffix>``."""
    try:
        check_slug(base)
    except ValueError:
        base = slugify(f"{base}-{suffix}")
    candidate, n = base, 2
    while candidate in taken:
        tail = f"-{n}"
        candidate, n = base[: 64 - len(tail)] + tail, n + 1
    return candidate


@dataclass
class Registry:
    """Records of one kind (units or people): existing ones and the ones the import will create."""

    kind: str  # "unit" or "person"
    names: dict[str, str]  # id → name (existing and new)
    allow_new: set[str]
    by_key: dict[str, list[str]] = field(default_factory=dict)
    new: dict[str, dict[str, Any]] = field(default_factory=dict)  # id → record
    new_rows: dict[str, tuple[int, str]] = field(default_factory=dict)  # id → (first row, name as written)

    def __post_init__(self) -> None:
        self.index = NameIndex(self.names.values())
        for record_id, name in self.names.items():
            self.by_key.setdefault(name_key(name), []).append(record_id)

    def find(self, text: str) -> str | None:
        """The id for a name or id written in a sheet (None when it is new); raises ValueError when ambiguous."""
        if text in self.names:
            return text
        ids = self.by_key.get(name_key(text), [])
        if len(ids) > 1:
            raise ValueError(f"{len(ids)} {self.kind}s are named {clean_name(text)!r} ({', '.join(ids)}); write the id")
        return ids[0] if ids else None

    def check_new(self, text: str) -> str | None:
        """Why ``text`` may not be a new record (a probable typo), or None."""
        if name_key(text) in self.allow_new:
            return None
        close = self.index.close(text)
        if close:
            return f"unknown {self.kind} {clean_name(text)!r}: {meant(close)} (--allow-new {text!r} if it is new)"
        return None

    def add(
        self, row: Row, column: str, text: str, record: dict[str, Any], problems: list[Any], name_field: str = "name"
    ) -> str | None:
        """Plan a new record named ``text``; None (and a problem) when its id collides."""
        name = clean_name(text)
        suffix = record.get("kind", self.kind)
        base = slugify(name, whole_words=True)
        record_id = safe_id(base, set(), suffix)
        for other_id, (other_row, other_name) in self.new_rows.items():
            if other_id == record_id:
                problems.append(
                    row.problem(
                        column,
                        f"{name!r} and {other_name!r} (row {other_row}) would both get the id {record_id}; "
                        "make the names differ by more than punctuation and case",
                    )
                )
                return None
        if record_id in self.names:
            record_id = safe_id(record_id, set(self.names), suffix)
        record = {"id": record_id, name_field: name, **record}
        self.new[record_id] = record
        self.new_rows[record_id] = (row.number, name)
        self.names[record_id] = name
        self.index.add(name)
        self.by_key.setdefault(name_key(name), []).append(record_id)
        return record_id


def registries(ws: Workspace, allow_new: set[str]) -> tuple[Registry, Registry]:
    units = Registry("unit", {u.id: u.name for u in ws.units.values()}, allow_new)
    people = Registry("person", {p.id: p.name for p in ws.people.values()}, allow_new)
    return units, people

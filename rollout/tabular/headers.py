"""Header matching: ``Key result``, ``key_result`` and ``KEY-RESULT`` are the same column.

A header matches a column when their keys are equal; the key folds case, turns
spaces, underscores and hyphens into one space and drops a trailing ``:`` or ``*``
(a "required" marker). Each caller passes its columns and their synonyms as data
(:class:`Columns`), so the synonym lists live next to the import they serve and are
printed in its help and README.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field


def header_key(text: str) -> str:
    """``" Unit_of-Measure: "`` → ``"unit of measure"``."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"[\s_\-]+", " ", folded).strip(" :*")


@dataclass(frozen=True)
class Columns:
    """The columns an import understands.

    ``synonyms``: canonical name → other headers accepted for it (the canonical name
    itself always matches); ``required``: canonical names that must be present;
    ``ignore_unknown``: extra columns are listed in ``Table.extra_columns`` instead of
    being an error (an HRIS export has many columns an import does not need).
    """

    synonyms: Mapping[str, Sequence[str]]
    required: Sequence[str] = ()
    ignore_unknown: bool = False
    lookup: dict[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        lookup: dict[str, str] = {}
        for name, others in self.synonyms.items():
            for text in (name, *others):
                key = header_key(text)
                if lookup.get(key, name) != name:
                    raise ValueError(f"header {text!r} is a synonym of both {lookup[key]} and {name}")
                lookup[key] = name
        object.__setattr__(self, "lookup", lookup)

    def canonical(self, header: str) -> str | None:
        return self.lookup.get(header_key(header))

    def describe(self) -> str:
        """One line per column: ``key_result (also: Key result, KR)``, for help texts and errors."""
        lines = []
        for name, others in self.synonyms.items():
            also = f" (also: {', '.join(others)})" if others else ""
            lines.append(f"{name}{' [required]' if name in self.required else ''}{also}")
        return "\n".join(lines)


@dataclass
class HeaderMatch:
    """The outcome of matching one header row: canonical → 1-based position, and the problems."""

    positions: dict[str, int]
    headers: dict[str, str]
    missing: list[str]
    unknown: list[tuple[int, str]]
    duplicates: list[tuple[str, int, int]]

    @property
    def score(self) -> int:
        return len(self.positions)


def match_header(cells: Sequence[str], columns: Columns) -> HeaderMatch:
    positions: dict[str, int] = {}
    headers: dict[str, str] = {}
    unknown: list[tuple[int, str]] = []
    duplicates: list[tuple[str, int, int]] = []
    for index, raw in enumerate(cells, start=1):
        text = raw.strip()
        if not text:
            continue
        name = columns.canonical(text)
        if name is None:
            unknown.append((index, text))
        elif name in positions:
            duplicates.append((name, positions[name], index))
        else:
            positions[name] = index
            headers[name] = text
    missing = [c for c in columns.required if c not in positions]
    return HeaderMatch(positions, headers, missing, unknown, duplicates)


def suggest_column(text: str, columns: Columns) -> str:
    """``" (did you mean 'key_result'?)"`` for a header close to a known one or to one of its
    synonyms (:func:`rollout.workspace.suggestions.closest`), else ``""``."""
    from rollout.workspace.suggestions import closest, meant

    close = closest(header_key(text), columns.lookup)
    return f" ({meant([columns.lookup[close]])})" if close else ""

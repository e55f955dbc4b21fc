"""Markup repeated thousands of times per build, filled from a format string kept next to its
Jinja definition (the one speed trick of this kind; the measured reason is where it is used:
:mod:`rollout.forms.checkin_page`).

Not used for the site's unit pages: their 22,463 key result blocks (2,000 teams) made that way
gave no gain (1.15 s vs 1.11 s for the 2,402 pages, best of 5 in one process, 2026-11-29): there
the time goes to the filters the blocks call (sparkline, scorebar, pill, value), not to Jinja.

A fragment is a ``.fmt`` file in a template folder, written as the Jinja file beside it renders:
``{name}`` fields for what varies, already escaped by the caller. Filled by a join over the
parsed pieces rather than ``str.format``: 4 µs a block instead of 12 µs (this machine).
:func:`filler` makes that join one compiled expression per fragment, as Jinja compiles its
templates: the 14,047 key result blocks of 2,000 teams' check-in forms took 0.076 s with
:func:`fill`, 0.054 s with it (best of 9 in one process, this shared 2-core machine, 2026-11-29).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from string import Formatter

Pieces = tuple[tuple[str, str | None], ...]
"""A parsed fragment: ``(literal text, field name or None)`` pairs."""


@cache
def fragment(path: Path) -> Pieces:
    """The file at ``path`` without its final newline, as ``(literal text, field name or None)`` pairs."""
    text = path.read_text(encoding="utf-8").removesuffix("\n")
    return tuple((literal, name) for literal, name, _spec, _conversion in Formatter().parse(text))


def fill(pieces: Pieces, values: Mapping[str, str]) -> str:
    """The fragment with each field replaced by ``values[field]`` (a missing one raises KeyError)."""
    parts = []
    for literal, name in pieces:
        parts.append(literal)
        if name is not None:
            parts.append(values[name])
    return "".join(parts)


@functools.lru_cache(maxsize=256)  # frames of `rollout serve` come and go: bounded
def filler(pieces: Pieces) -> Callable[[Mapping[str, str]], str]:
    """:func:`fill` for ``pieces`` as a function of the values: ``filler(pieces)(values) ==
    fill(pieces, values)`` (a missing value raises KeyError). The literals are passed to the
    compiled expression by name, never written into its source; the field names as ``repr``."""
    namespace: dict[str, object] = {}
    terms = []
    for number, (literal, name) in enumerate(pieces):
        if literal:
            namespace[f"_{number}"] = literal
            terms.append(f"_{number}")
        if name is not None:
            terms.append(f"v[{name!r}]")
    source = "lambda v: ''.join((" + "".join(f"{term}, " for term in terms) + "))"
    join: Callable[[Mapping[str, str]], str] = eval(source, namespace)
    return join

"""\"Did you mean\": the one record or key a mistyped value most likely stands for.

Used for references (people, units, objectives, key results) in workspace files, answers
files and command options, and for unknown keys of a record (:mod:`rollout.workspace.messages`).
Built on :mod:`difflib` (the standard library's matcher; rapidfuzz is not a dependency).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping


def close_key(key: str, allowed: list[str]) -> str | None:
    """The allowed key ``key`` was probably meant to be, or None.

    A typo (``vaule`` → ``value``, difflib ratio ≥ 0.7), else the one allowed key that
    starts with ``key`` as whole words (``unit`` → ``unit_of_measure``; none when two do).
    """
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.7)
    if close:
        return close[0]
    longer = [k for k in allowed if key and k.startswith(key.lower() + "_")]
    return longer[0] if len(longer) == 1 else None


def _folded(text: str) -> str:
    return " ".join(text.casefold().replace("_", "-").split())


def did_you_mean(typed: str, known: Mapping[str, str], *, cutoff: float = 0.75) -> str:
    """ "did you mean 'tomasz-wrona' (Tomasz Wrona)?" for a value that names no record, or "".

    The one "did you mean" of a reference (a person, unit, objective or key result id;
    the workspace files, answers files and command arguments all use it). ``known``
    maps each id to its name or title (or to the id itself). In order: the id written
    in other case (``HR`` → ``hr``); a record's name or title written where its id
    belongs (``Tomasz Wrona`` → ``tomasz-wrona``, case and spaces ignored); the id
    a name would give (``Tomasz  Wrona`` → ``tomasz-wrona``); else the closest id or
    name by :func:`difflib.get_close_matches` (ratio ≥ ``cutoff``: 0.75 lets one or two
    typos through in an id of ten letters, not a different word).
    """
    text = _folded(str(typed))
    if not text:
        return ""
    by_id = {_folded(i): i for i in known}
    by_name: dict[str, list[str]] = {}
    for record_id, name in known.items():
        by_name.setdefault(_folded(name), []).append(record_id)
    hit = by_id.get(text) or by_id.get(re.sub(r"[^a-z0-9]+", "-", text).strip("-"))
    if hit is None and len(by_name.get(text, [])) == 1:
        hit = by_name[text][0]
    if hit is None:
        hit = _closest(text, by_id, by_name, cutoff)
    if hit is None:
        return ""
    name = known[hit]
    name = name if len(name) <= 50 else name[:47] + "…"
    named = f" ({name})" if name and _folded(name) != _folded(hit) else ""
    return f"did you mean {hit!r}{named}?"


def _closest(text: str, by_id: dict[str, str], by_name: dict[str, list[str]], cutoff: float) -> str | None:
    """The one id closest to ``text``; none when two records are as close (``kr9`` is as near
    ``kr1`` as ``kr4``: naming one would be a guess)."""
    scored: dict[str, float] = {}
    for candidate in difflib.get_close_matches(text, [*by_id, *by_name], n=6, cutoff=cutoff):
        ratio = difflib.SequenceMatcher(None, text, candidate).ratio()
        for record_id in [by_id[candidate]] if candidate in by_id else by_name[candidate]:
            scored[record_id] = max(scored.get(record_id, 0.0), ratio)
    ranked = sorted(scored.items(), key=lambda item: -item[1])
    if not ranked or (len(ranked) > 1 and ranked[1][1] >= ranked[0][1] - 0.02):
        return None
    return ranked[0][0]

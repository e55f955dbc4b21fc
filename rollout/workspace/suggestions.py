"""\"Did you mean\": the one record, key or choice a mistyped value most likely stands for.

The project's one matcher and one wording for suggestions. Every "did you mean" goes
through here: references (people, units, objectives, key results) in workspace files,
answers files and command options (:func:`did_you_mean`); unknown keys of a record
(:func:`close_key`); choices, questions and sheet columns (:func:`closest`); and the
wording of every hint (:func:`meant`: ``did you mean 'x'?``, ``did you mean 'x' or 'y'?``).

The matching rule (:func:`match`), in order: the value in other case or spacing (``HR`` →
``hr``); a record's name written where its id belongs (``Tomasz Wrona`` → ``tomasz-wrona``);
the closest id or name by :func:`difflib.get_close_matches` (ratio ≥ :data:`CUTOFF`); else the
one id or name that starts with what was typed (``lark`` → ``larkspur``, ``unit`` →
``unit_of_measure``). Case, ``_``/``-`` and runs of spaces never count. Two records as
close as each other give no guess (``kr9`` is as near ``kr1`` as ``kr4``).

Built on :mod:`difflib` (the standard library's matcher; rapidfuzz is not a dependency).
Names of people and units typed into sheets, where a near name is refused rather than
suggested, use the stricter typo finder :class:`rollout.tabular.names.NameIndex` (a plain
similarity ratio made 505 false alarms on a 400-team sheet; see its module) and this
module's wording. Kept free of other imports: the sheet readers import it lazily.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping, Sequence

CUTOFF = 0.75
"""The least :class:`difflib.SequenceMatcher` ratio of a guess: one or two typos in an id of
ten letters (``hr-first-months-k2``), one in a word of five (``salse``, ``vaule``), not a
different word (``sales`` is not ``customer-success``, 0.48)."""

TIE = 0.02
"""Two records whose ratios differ by at most this are equally close: no guess."""

PREFIX = 3
"""What was typed must have at least this many characters to stand for a longer id or name
that starts with it (``ana`` → ``ana-lima``; ``hr`` guesses nothing)."""


def meant(names: Sequence[str], titles: Mapping[str, str] | None = None) -> str:
    """The wording of a hint: ``did you mean 'x'?``, ``did you mean 'x' or 'y'?``, ``did you
    mean 'x', 'y' or 'z'?``; ``""`` for no names. A name with an entry in ``titles`` is
    followed by it: ``did you mean 'hr' (People & HR)?``."""
    if not names:
        return ""
    titles = titles or {}
    quoted = [repr(name) + (f" ({titles[name]})" if titles.get(name) else "") for name in names]
    listed = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
    return f"did you mean {listed}?"


def _folded(text: str) -> str:
    return " ".join(text.casefold().replace("_", "-").split())


def match(typed: str, known: Mapping[str, str]) -> str | None:
    """The id in ``known`` (id → its name or title, or the id itself) that ``typed`` most likely
    stands for, by the rule of the module doc; None when there is no likely one or two are as
    likely."""
    text = _folded(str(typed))
    if not text:
        return None
    by_id = {_folded(i): i for i in known}
    by_name: dict[str, list[str]] = {}
    for record_id, name in known.items():
        by_name.setdefault(_folded(name), []).append(record_id)
    hit = by_id.get(text) or by_id.get(re.sub(r"[^a-z0-9]+", "-", text).strip("-"))
    if hit is None and len(set(by_name.get(text, []))) == 1:
        hit = by_name[text][0]
    if hit is None:
        hit = _closest(text, by_id, by_name)
    if hit is None and len(text) >= PREFIX:
        hit = _only_prefixed(text, by_id, by_name)
    return hit


def closest(typed: str, candidates: Iterable[str]) -> str | None:
    """The candidate ``typed`` most likely stands for (:func:`match` over plain strings)."""
    return match(typed, {c: c for c in candidates})


def close_key(key: str, allowed: list[str]) -> str | None:
    """The allowed key ``key`` was probably meant to be, or None (``vaule`` → ``value``,
    ``unit`` → ``unit_of_measure``)."""
    return closest(key, allowed)


def did_you_mean(typed: str, known: Mapping[str, str]) -> str:
    """ "did you mean 'tomasz-wrona' (Tomasz Wrona)?" for a value that names no record, or "".

    The one "did you mean" of a reference (a person, unit, objective or key result id;
    the workspace files, answers files and command arguments all use it). ``known``
    maps each id to its name or title (or to the id itself); the record is found by
    :func:`match`, and its name follows its id when it says more than the id does.
    """
    hit = match(typed, known)
    if hit is None:
        return ""
    name = known[hit]
    name = name if len(name) <= 50 else name[:47] + "…"
    return meant([hit], {hit: name} if _folded(name) != _folded(hit) else None)


def _closest(text: str, by_id: dict[str, str], by_name: dict[str, list[str]]) -> str | None:
    """The one id closest to ``text``; none when two records are as close (``kr9`` is as near
    ``kr1`` as ``kr4``: naming one would be a guess)."""
    scored: dict[str, float] = {}
    for candidate in difflib.get_close_matches(text, [*by_id, *by_name], n=6, cutoff=CUTOFF):
        ratio = difflib.SequenceMatcher(None, text, candidate).ratio()
        for record_id in [by_id[candidate]] if candidate in by_id else by_name[candidate]:
            scored[record_id] = max(scored.get(record_id, 0.0), ratio)
    ranked = sorted(scored.items(), key=lambda item: -item[1])
    if not ranked or (len(ranked) > 1 and ranked[1][1] >= ranked[0][1] - TIE):
        return None
    return ranked[0][0]


def _only_prefixed(text: str, by_id: dict[str, str], by_name: dict[str, list[str]]) -> str | None:
    """The one record whose id or name starts with ``text`` (``lark`` → ``larkspur``)."""
    found = {record_id for key, record_id in by_id.items() if key.startswith(text)}
    found.update(i for key, ids in by_name.items() if key.startswith(text) for i in ids)
    return found.pop() if len(found) == 1 else None

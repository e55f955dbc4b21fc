"""Names of units and people as typed into sheets: normalised, matched, and "did you mean …?".

:func:`clean_name` is how a name is stored (Unicode NFKC, control characters dropped,
inner whitespace collapsed, trimmed). :func:`name_key` is how two names are compared (:func:`clean_name`, then
case-folded): ``Aisha  Khan`` and ``aisha khan`` are the same person.
:func:`close_names` finds likely typos (``Omar Hadad`` for ``Omar Haddad``,
``Bread Lien`` for ``Bread Line``) with difflib's ratio (2·matches / total length)
at or above :data:`CLOSE_RATIO`; difflib is enough for lists of a few thousand names
(rapidfuzz would be faster, but a sheet is checked once and difflib ships with Python).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable

CLOSE_RATIO = 0.85
"""Names this similar (difflib ratio) but not equal are treated as a probable typo.

At 0.85, ``Omar Hadad``/``Omar Haddad`` (0.95), ``Bread Lien``/``Bread Line`` (0.9) and
``Team A``/``Team B`` (0.83, not close) behave as people expect.
"""


def clean_name(text: str) -> str:
    """``" Aisha\u00a0 Khan "`` → ``"Aisha Khan"``; control characters (``\x1b``, ``\x00``) are dropped."""
    normal = unicodedata.normalize("NFKC", text)
    visible = "".join(ch for ch in normal if ch.isspace() or unicodedata.category(ch) != "Cc")
    return re.sub(r"\s+", " ", visible).strip()


def name_key(text: str) -> str:
    """The comparison key of a name: cleaned and case-folded."""
    return clean_name(text).casefold()


def close_names(name: str, known: Iterable[str], *, limit: int = 3) -> list[str]:
    """Names in ``known`` that are probably what ``name`` meant (most similar first), excluding equal keys."""
    key = name_key(name)
    by_key: dict[str, str] = {}
    for candidate in known:
        by_key.setdefault(name_key(candidate), candidate)
    by_key.pop(key, None)
    matches = difflib.get_close_matches(key, list(by_key), n=limit, cutoff=CLOSE_RATIO)
    return [by_key[m] for m in matches]


def did_you_mean(names: list[str]) -> str:
    """``"did you mean 'Omar Haddad'?"`` (or ``""``)."""
    if not names:
        return ""
    return "did you mean " + " or ".join(repr(n) for n in names) + "?"

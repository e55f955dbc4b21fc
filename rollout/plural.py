"""One way to say a count in English: "1 error", "2 errors", "1 key result", "3 people".

Every user-facing count goes through :func:`plural` (terminal, site, packs; the
templates use it as the ``plural`` filter), so no text says "1 errors" or
"finding(s)".

Hand-written on purpose: the nouns the tool counts are a small known set (findings,
key results, check-ins, objectives, units, people, …), and the ``inflect`` library
would add a dependency and its import (it pulls in ``typeguard``) to the path of
``check`` and ``checkin``, which must start instantly. Irregular nouns are listed in
:data:`IRREGULAR`; everything else follows the regular English rules below.
"""

from __future__ import annotations

IRREGULAR: dict[str, str] = {
    "person": "people",
    "info": "info",
    "criterion": "criteria",
    "analysis": "analyses",
    "this": "these",
    "was": "were",
    "is": "are",
    "has": "have",
}


def noun(count: int | float, singular: str, plural: str | None = None) -> str:
    """``singular`` when ``count`` is exactly 1, else its plural.

    The plural is ``plural`` when given, else :data:`IRREGULAR`, else the regular
    rule applied to the last word ("key result" → "key results", "check-in" →
    "check-ins", "category" → "categories", "pass" → "passes").
    """
    if count == 1:
        return singular
    if plural is not None:
        return plural
    head, _, last = singular.rpartition(" ")
    word = IRREGULAR.get(last.lower()) or _regular(last)
    return f"{head} {word}" if head else word


def plural(count: int | float, singular: str, plural: str | None = None) -> str:
    """The count and its noun: ``plural(1, "error")`` → ``"1 error"``, ``plural(3, "person")`` → ``"3 people"``."""
    number = f"{count:g}" if isinstance(count, float) else str(count)
    return f"{number} {noun(count, singular, plural)}"


def _regular(word: str) -> str:
    lower = word.lower()
    if lower.endswith("y") and len(lower) > 1 and lower[-2] not in "aeiou":
        return word[:-1] + "ies"
    if lower.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    return word + "s"

"""Names of units and people as typed into sheets: normalised, and matched for "did you mean …?".

:func:`clean_name` is how a name is stored (Unicode NFKC, control characters dropped,
inner whitespace collapsed, trimmed). :func:`name_key` is how two names are compared
(:func:`clean_name`, then case-folded): ``Aisha  Khan`` and ``aisha khan`` are the same person.
:func:`close_names` (and :class:`NameIndex`, for many lookups) finds likely typos:
names that differ in exactly one word, by at most one edit in a word of up to six
letters or two in a longer one (insert, delete, replace, or swap two neighbours:
``Omar Hadad`` for ``Omar Haddad``, ``Bread Lien`` for ``Bread Line``), or only in
their spaces (``Breadline``). Never typos of each other: words of one or two letters
(``Team A``, ``Team B``), words with another first letter (``Ben``/``Wen``,
``Ana``/``Hana``), names whose numbers differ (``Team 0001``, ``Team 0002``), and
farther names (``Ana Volkov``, ``Zara Volkov``).

Measured reason for the hand-written distance: difflib's similarity ratio (0.85) made
505 false "did you mean" errors on a 400-team sheet (``Team 0001 East`` ~ ``Team 0000
West``, ``Ana Volkov`` ~ ``Zara Volkov``); rapidfuzz is not a dependency, and the
optimal-string-alignment distance of two words is twelve lines. The hint's wording is
:func:`rollout.workspace.suggestions.meant`, as every "did you mean" of the project.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable


def clean_name(text: str) -> str:
    """``" Aisha\u00a0 Khan "`` → ``"Aisha Khan"``; control characters (``\x1b``, ``\x00``) are dropped."""
    normal = unicodedata.normalize("NFKC", text)
    visible = "".join(ch for ch in normal if ch.isspace() or unicodedata.category(ch) != "Cc")
    return re.sub(r"\s+", " ", visible).strip()


def name_key(text: str) -> str:
    """The comparison key of a name: cleaned and case-folded."""
    return clean_name(text).casefold()


def word_distance(a: str, b: str) -> int:
    """Optimal string alignment distance: inserts, deletes, replacements and swaps of neighbours."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def _typo(word: str, other: str) -> int | None:
    """The distance of two differing words when it is small enough to be a typo, else None."""
    if abs(len(word) - len(other)) > 2 or max(len(word), len(other)) <= 2:  # "Team A" and "Team B" are labels
        return None
    if word[:1] != other[:1]:  # typing slips rarely hit a word's first letter: Ben and Wen are two people
        return None
    distance = word_distance(word, other)
    return distance if distance <= (1 if max(len(word), len(other)) <= 6 else 2) else None


class NameIndex:
    """Names to look typos up in: each name is filed under itself with one word masked out.

    A lookup touches only names sharing every word but one (and names equal but for spaces),
    so checking every name of a large sheet stays linear.
    """

    def __init__(self, names: Iterable[str] = ()) -> None:
        self.by_mask: dict[tuple[str, ...], list[tuple[str, str]]] = {}  # masked words → (key, name)
        self.by_joined: dict[str, list[str]] = {}
        self.keys: set[str] = set()
        for name in names:
            self.add(name)

    @staticmethod
    def _masks(words: list[str]) -> list[tuple[tuple[str, ...], str]]:
        return [((*words[:i], "\0", *words[i + 1 :]), words[i]) for i in range(len(words))]

    def add(self, name: str) -> None:
        key = name_key(name)
        if key in self.keys:
            return
        self.keys.add(key)
        words = key.split()
        for mask, _word in self._masks(words):
            self.by_mask.setdefault(mask, []).append((key, name))
        self.by_joined.setdefault("".join(words), []).append(name)

    def close(self, name: str, *, limit: int = 3) -> list[str]:
        """Known names that ``name`` is probably a typo of (closest first); never one equal to it."""
        key = name_key(name)
        words = key.split()
        numbers = re.findall(r"\d+", key)
        found: dict[str, int] = {}
        for other in self.by_joined.get("".join(words), []):
            if name_key(other) != key:
                found.setdefault(other, 1)
        for mask, word in self._masks(words):
            for other_key, other in self.by_mask.get(mask, []):
                if other_key == key or re.findall(r"\d+", other_key) != numbers:
                    continue
                distance = _typo(word, other_key.split()[mask.index("\0")])
                if distance is not None:
                    found[other] = min(distance, found.get(other, distance))
        return sorted(found, key=lambda n: (found[n], n))[:limit]


def close_names(name: str, known: Iterable[str], *, limit: int = 3) -> list[str]:
    """Names in ``known`` that ``name`` is probably a typo of (see the module doc), closest first."""
    return NameIndex(known).close(name, limit=limit)

"""The vocabulary of the wording rules: tokens, word lists and phrase matching, stop words.

The word lists live in ``words.yaml`` next to this module (data, not code) and can
be extended per workspace (``rules: words:`` in ``rollout.yaml``). The questions the
rules ask of a title are in :mod:`rollout.rules.text` and :mod:`rollout.rules.reading`.
Everything here is pure and cached, because the drafting flow checks a line on every
keystroke.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

_TOKEN = re.compile(r"[a-z0-9$€£%]+(?:['’\-.,][a-z0-9]+)*")

WORD_LISTS = (
    "activity_verbs",
    "comparatives",
    "counted_activity_verbs",
    "moving_verbs",
    "bau_verbs",
    "steady_verbs",
    "steady_markers",
    "bau_phrases",
    "number_words",
    "not_numbers",
    "activity_nouns",
    "deliverable_nouns",
    "generic_words",
    "vague_words",
    "quantifiers",
    "task_verbs",
    "outcome_objects",
    "metric_terms",
    "jargon",
    "change_verbs",
    "achievement_verbs",
    "determiners",
    "particles",
    "the_team",
    "not_the_team",
    "excellence",
    "served",
    "directional_verbs",
    "yield_verbs",
    "internal_tools",
    "mind_verbs",
    "staff",
    "acquiring_verbs",
    "support_verbs",
    "hollow_words",
    "bonds",
    "not_jargon",
    "work_items",
    # r18h
    "input_nouns",
    "received_markers",
    "audience_acts",
    "steady_states",
    "markets",
)


@lru_cache(maxsize=16384)
def tokens(text: str) -> tuple[str, ...]:
    """Lower-case words; hyphenated words stay one word (``keep-rate``).

    Cached: every wording question about a title starts here, so a title is
    tokenized once however many rules read it (measured: 4 tokenizations per
    title before, about a fifth of ``check_draft``'s time).
    """
    return tuple(t.rstrip(".,") for t in _TOKEN.findall(text.lower().replace("’", "'")))


@lru_cache(maxsize=8192)
def _spans(text: str) -> tuple[tuple[int, int], ...] | None:
    """Where each of :func:`tokens`' words stands in ``text`` (start, end), or None.

    None when lower-casing changes the text's length (a few non-English letters such
    as "İ"): the words can then not be placed, and callers fall back to the tokens.
    """
    lowered = text.lower().replace("’", "'")
    if len(lowered) != len(text):
        return None
    return tuple((m.start(), m.start() + len(m.group(0).rstrip(".,"))) for m in _TOKEN.finditer(lowered))


def as_written(text: str, first: int, end: int) -> str:
    """Words ``first`` to ``end - 1`` of ``text`` (as :func:`tokens` counts them), as written.

    Quotes in findings keep the writer's case and punctuation ("ARR", "Investor
    Network referral program is defined"), not the lower-cased tokens the rules
    compare.
    """
    spans = _spans(text)
    if spans is None or not 0 <= first < end <= len(spans):
        return " ".join(tokens(text)[first:end])
    return text[spans[first][0] : spans[end - 1][1]]


@dataclass(frozen=True)
class Phrase:
    """One word-list entry: a sequence of words; a trailing ``*`` on the last word is a prefix."""

    words: tuple[str, ...]
    prefix: bool = False

    @classmethod
    def parse(cls, entry: str) -> Phrase:
        entry = entry.strip().lower()
        prefix = entry.endswith("*")
        words = tokens(entry.rstrip("*"))
        if prefix and entry.rstrip("*").endswith("-") and words:
            words = (*words[:-1], words[-1] + "-")
        return cls(words, prefix)

    def matches_at(self, toks: Sequence[str], start: int) -> bool:
        n = len(self.words)
        if not n or start + n > len(toks):
            return False
        for i, word in enumerate(self.words):
            tok = toks[start + i]
            last = i == n - 1
            if not (tok == word or (last and self.prefix and tok.startswith(word))):
                return False
        return True

    def __str__(self) -> str:
        return " ".join(self.words) + ("*" if self.prefix else "")


class WordList:
    """A list of phrases, matched at the start of a text or anywhere in it.

    Phrases are indexed by their first word (and single-word prefixes kept as one
    tuple for ``str.startswith``), so a lookup costs a dict access, not a scan.
    """

    def __init__(self, entries: Iterable[str]) -> None:
        self.entries = tuple(dict.fromkeys(e.strip().lower() for e in entries if e.strip()))
        self.phrases = tuple(p for p in (Phrase.parse(e) for e in self.entries) if p.words)
        self._by_first: dict[str, list[Phrase]] = {}
        self._prefixed: list[Phrase] = []
        for phrase in self.phrases:
            if phrase.prefix and len(phrase.words) == 1:
                self._prefixed.append(phrase)
            else:
                self._by_first.setdefault(phrase.words[0], []).append(phrase)
        self._prefixes = tuple(p.words[0] for p in self._prefixed)

    def at(self, toks: Sequence[str], start: int = 0) -> Phrase | None:
        """The longest phrase found at position ``start``."""
        if start >= len(toks):
            return None
        tok = toks[start]
        best: Phrase | None = None
        for phrase in self._by_first.get(tok, ()):
            if phrase.matches_at(toks, start) and (best is None or len(phrase.words) > len(best.words)):
                best = phrase
        if best is None and self._prefixes and tok.startswith(self._prefixes):
            best = next(p for p in self._prefixed if tok.startswith(p.words[0]))
        return best

    def find(self, toks: Sequence[str]) -> list[tuple[int, Phrase]]:
        """Every (position, phrase) found, left to right, not overlapping."""
        out: list[tuple[int, Phrase]] = []
        firsts, prefixes = self._by_first, self._prefixes
        i = 0
        while i < len(toks):
            tok = toks[i]
            if tok not in firsts and not (prefixes and tok.startswith(prefixes)):
                i += 1  # no phrase starts with this word: skip the call (most words of a title)
                continue
            hit = self.at(toks, i)
            if hit is not None:
                out.append((i, hit))
                i += len(hit.words)
            else:
                i += 1
        return out


class Words:
    """All word lists of a workspace: the bundled ones plus its ``rules: words:`` extensions."""

    def __init__(self, lists: Mapping[str, Iterable[str]]) -> None:
        self.lists = {name: WordList(lists.get(name, ())) for name in WORD_LISTS}

    def __getitem__(self, name: str) -> WordList:
        return self.lists[name]


@lru_cache(maxsize=1)
def bundled_lists() -> dict[str, tuple[str, ...]]:
    """The word lists shipped with rollout (``rollout/rules/words.yaml``)."""
    import yaml

    text = resources.files("rollout.rules").joinpath("words.yaml").read_text(encoding="utf-8")
    data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return {name: tuple(str(w) for w in data.get(name) or ()) for name in WORD_LISTS}


_WORDS_CACHE: dict[tuple[tuple[str, tuple[str, ...]], ...], Words] = {}


def words_for(extra: Mapping[str, Iterable[str]] | None = None) -> Words:
    """The bundled lists extended with ``extra`` (cached: drafting calls this on every line)."""
    key = tuple(sorted((k, tuple(v)) for k, v in (extra or {}).items()))
    found = _WORDS_CACHE.get(key)
    if found is None:
        base = bundled_lists()
        merged = {name: (*base[name], *(extra or {}).get(name, ())) for name in WORD_LISTS}
        found = _WORDS_CACHE[key] = Words(merged)
    return found


# Small words: articles, prepositions, pronouns, forms of "be" and a few intensifiers.
# They carry no meaning of their own: a vague objective may contain any of them
# (:func:`rollout.rules.objectives.vague_objective`) and the near-duplicate rule
# (OKR305) ignores them when it compares titles. One list for both.
STOP_WORDS = frozenset(
    (
        "a",
        "an",
        "and",
        "the",
        "of",
        "to",
        "for",
        "in",
        "on",
        "at",
        "by",
        "with",
        "our",
        "we",
        "us",
        "all",
        "every",
        "each",
        "as",
        "be",
        "is",
        "are",
        "it",
        "its",
        "their",
        "from",
        "into",
        "than",
        "so",
        "very",
        "really",
        "truly",
        "just",
        "about",
        "around",
        "across",
        "ever",
        "more",
        "less",
        "that",
        "this",
        "was",
        "not",
        "no",
    )
)


# r18g: word classes of the objective shapes (rollout.rules.objective_shapes), appended so
# that the lists above keep their order.
OBJECTIVE_SHAPE_LISTS = ("study_verbs", "machine_nouns", "energy_verbs", "standard_nouns", "control_verbs")
WORD_LISTS = (*WORD_LISTS, *OBJECTIVE_SHAPE_LISTS)  # type: ignore[assignment]  # a longer tuple of str

"""Text heuristics shared by the wording rules: openings of a title, jargon (and, re-exported, quantities).

Tokens, word lists and stop words are in :mod:`rollout.rules.vocabulary`, numbers,
times and placeholders in :mod:`rollout.rules.quantities` (both imported here too, so
``text.tokens``, ``text.Words`` and ``text.has_quantity`` keep working). Everything here is pure
and cached, because the drafting flow checks a line on every keystroke.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from rollout.rules.quantities import _EMPTY_UNIT as _EMPTY_UNIT
from rollout.rules.quantities import _NOT_QUANTITY as _NOT_QUANTITY
from rollout.rules.quantities import PLACEHOLDER as PLACEHOLDER
from rollout.rules.quantities import _letter_placeholders as _letter_placeholders
from rollout.rules.quantities import has_quantity as has_quantity
from rollout.rules.quantities import metric_parts as metric_parts
from rollout.rules.quantities import placeholders as placeholders
from rollout.rules.quantities import states_change as states_change
from rollout.rules.quantities import without_non_quantities as without_non_quantities
from rollout.rules.vocabulary import STOP_WORDS as STOP_WORDS
from rollout.rules.vocabulary import WORD_LISTS as WORD_LISTS
from rollout.rules.vocabulary import Phrase as Phrase
from rollout.rules.vocabulary import WordList as WordList
from rollout.rules.vocabulary import Words as Words
from rollout.rules.vocabulary import as_written as as_written
from rollout.rules.vocabulary import bundled_lists as bundled_lists
from rollout.rules.vocabulary import tokens as tokens
from rollout.rules.vocabulary import words_for as words_for

_DIGIT = re.compile(r"\d")
_COUNT = re.compile(r"^\d[\d,]*$")  # a plain count: not a share, an amount or a placeholder
# --- the questions the wording rules ask ----------------------------------------------

_LEAD_IN_WORDS = ("successfully", "fully", "finally", "also", "we will", "we", "will", "to", "and")
_LEAD_INS = WordList(_LEAD_IN_WORDS)
# First words of the lead-ins: most titles open with none of them, and a set lookup
# answers those without the word list (check asks this ~140,000 times on 20,000
# objectives; measured with cProfile, r18d).
_LEAD_IN_FIRST = frozenset(w.split()[0] for w in _LEAD_IN_WORDS)


def opening(toks: Sequence[str]) -> int:
    """Index of the first meaningful word (skips lead-ins such as "successfully", "we will")."""
    if not toks or toks[0] not in _LEAD_IN_FIRST:
        return 0
    i = 0
    while i < len(toks):
        hit = _LEAD_INS.at(toks, i)
        if hit is None:
            break
        i += len(hit.words)
    return i


@lru_cache(maxsize=8192)
def bau_opening(text: str, words: Words) -> str | None:
    """The words that make a key result read as business as usual, or None."""
    if states_change(text):
        return None
    toks = tokens(text)
    start = opening(toks)
    verb = words["bau_verbs"].at(toks, start)
    steady = words["steady_verbs"].at(toks, start)
    if steady is not None:
        rest = toks[start + len(steady.words) :]
        near = range(min(len(rest), 8)) if rest and rest[0] not in ("a", "an") else range(0)
        if any(words["steady_markers"].at(rest, i) for i in near):
            return str(
                steady
            )  # near the verb: "Hold margin at 62%"; "Hold a call with every account …" holds a meeting
        if verb is not None and verb.words == steady.words:
            verb = None  # "keep" without a steady marker: not business as usual by itself
    if verb is not None:
        return str(verb)
    found = words["bau_phrases"].find(toks)
    return str(found[0][1]) if found else None


@lru_cache(maxsize=8192)
def activity_opening(text: str, words: Words) -> str | None:
    """The verb that makes a key result read as an activity, or None."""
    toks = tokens(text)
    start = opening(toks)
    verb = words["activity_verbs"].at(toks, start)
    if verb is None and start < len(toks) and toks[start].endswith("ed"):
        verb = past_tense(toks, start, words["activity_verbs"])  # "Created a dashboard", "Published 5 studies"
    if verb is not None and _noun_subject(toks, start + len(verb.words) - 1):
        return None  # "Release frequency rises from 2 to 8 a month": a noun, not a verb
    if verb is not None:
        after = start + len(verb.words)
        if any(words["comparatives"].at(toks, i) is not None for i in range(after, len(toks))):
            return None  # "Build stronger relationships", "Support managers in having better talks": a wish
        if words["acquiring_verbs"].at(toks, start) is not None and _people_won(toks, after, words):
            return None  # "Onboard 250 new clients": customers brought in, a result
        return str(verb)
    moving = words["moving_verbs"].at(toks, start)
    if moving is not None and not _noun_subject(toks, start) and not has_quantity(text, words):
        return str(moving)  # "Move all customers to the new UI"; "Move NPS from 30 to 45" is a result
    counted = words["counted_activity_verbs"].at(toks, start)
    if counted is not None:
        after = start + len(counted.words)
        rest = toks[after : after + 3]
        if rest and (any(_COUNT.match(t) for t in rest[:2]) or words["number_words"].at(rest, 0)):
            return str(counted)
        if _makes_deliverable(toks, after, words):
            return str(counted)  # "Produce a rolling 12-month forecast": a document made
    return None


def _people_won(toks: Sequence[str], after: int, words: Words) -> bool:
    """True when a count of people who are not the team follows ``after`` ("250 new clients").

    The count is a plain number within two words; the counted phrase (up to four words)
    holds someone who is not the team (list ``not_the_team``) and no one who joins it
    (list ``staff``: "2 new full-time contributors" are a hire).
    """
    count = next(
        (
            i
            for i in range(after, min(after + 2, len(toks)))
            if _COUNT.match(toks[i]) or words["number_words"].at(toks, i)
        ),
        None,
    )
    if count is None:
        return False
    phrase = toks[count + 1 : count + 5]
    if any(words["staff"].at(phrase, k) is not None for k in range(len(phrase))):
        return False
    return any(words["not_the_team"].at(phrase, k) is not None for k in range(len(phrase)))


def _makes_deliverable(toks: Sequence[str], after: int, words: Words) -> bool:
    """True when a deliverable (list ``deliverable_nouns``) is the object within seven words after ``after``.

    A word of degree anywhere after it ("Make the budget process faster") means a
    change is wanted, not a document made.
    """
    if any(words["comparatives"].at(toks, i) for i in range(after, len(toks))):
        return False
    return any(words["deliverable_nouns"].at(toks, i) is not None for i in range(after, min(after + 7, len(toks))))


# Verbs that show the opening word was a noun, the subject of a result ("Release
# frequency rises …", "Test coverage is above …"), not an activity verb.
_SUBJECT_VERBS = frozenset(
    (
        "is",
        "are",
        "was",
        "were",
        "rises",
        "falls",
        "grows",
        "reaches",
        "increases",
        "decreases",
        "drops",
        "improves",
        "climbs",
        "doubles",
        "halves",
        "stays",
        "remains",
        "hits",
        "exceeds",
        "shrinks",
        "goes",
        "moves",
        "becomes",
        # the same verbs after a plural subject ("Support tickets per 1,000 orders fall …")
        "rise",
        "fall",
        "grow",
        "increase",
        "decrease",
        "drop",
        "improve",
        "climb",
        "double",
        "halve",
        "shrink",
        "exceed",
        "remain",
        # r18e: the plural forms the list lacked ("Inventory turns reach 9 per year")
        "reach",
        "hit",
        "go",
        "move",
        "become",
        "stay",
        "exist",
        "exists",
    )
)


def _noun_subject(toks: Sequence[str], start: int) -> bool:
    """True when the opening word is followed, within six words, by a verb of its own.

    A question word right after it opens a clause that is its object ("Analyze which
    accounts are likely to slip"): the opening word stays a verb.
    """
    if start + 1 < len(toks) and toks[start + 1] in _QUESTION_WORDS:
        return False
    return any(t in _SUBJECT_VERBS for t in toks[start + 1 : start + 7])


_QUESTION_WORDS = frozenset(("which", "what", "why", "how", "whether", "where", "who", "when"))


def past_tense(toks: Sequence[str], start: int, verbs: WordList) -> Phrase | None:
    """An activity verb written in the past tense at ``start`` ("created", "published", "planned")."""
    word = toks[start]
    stems = {word[:-1], word[:-2], word[:-3] if word[-3:-2] == word[-4:-3] else word[:-2]}
    if word.endswith("ied"):
        stems.add(word[:-3] + "y")
    for stem in stems:
        hit = verbs.at((stem, *toks[start + 1 :]), 0)
        if hit is not None:
            return hit
    return None


@lru_cache(maxsize=8192)
def task_opening(text: str, words: Words) -> str | None:
    """The verb that makes an objective read as a task, or None."""
    toks = tokens(text)
    start = opening(toks)
    hit = words["task_verbs"].at(toks, start)
    if hit is None:
        return None
    if toks[start] in _MAKING:
        after = start + len(hit.words)
        if any(words["outcome_objects"].at(toks, i) for i in range(after, min(after + 5, len(toks)))):
            return None  # "Create an awesome customer experience": a state for people, a direction
        from rollout.rules.grammar import aspiration  # grammar imports this module

        if aspiration(text, words):
            return None  # "Create a high-performing engineering team": a standard for people, an aspiration
    return str(hit)


# Making verbs among the task verbs: what they make may be a state for people
# (list ``outcome_objects``) rather than a thing.
_MAKING = frozenset(("create", "creates"))


@lru_cache(maxsize=8192)
def jargon_terms(text: str, words: Words) -> tuple[str, ...]:
    """Jargon found in a text, as written (the writer's case).

    Not jargon: a buzzword used in its literal, technical sense (list ``not_jargon``:
    "bandwidth use", "network bandwidth", "disruption to service").
    """
    toks = tokens(text)
    found = words["jargon"].find(toks)
    if not found:
        return ()
    literal = {i for i, p in words["not_jargon"].find(toks) for i in range(i, i + len(p.words))}
    return tuple(as_written(text, i, i + len(p.words)) for i, p in found if i not in literal)


def word_count(text: str) -> int:
    return len(text.split())

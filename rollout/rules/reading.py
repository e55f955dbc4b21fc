"""How a title reads: placeholders, counted activities, milestones, vague objectives, two results in one.

These heuristics sit beside :mod:`rollout.rules.text` (tokens and word lists) and use
the same lists (``rollout/rules/words.yaml``), so a workspace can extend them. They
look at word classes and sentence shape, never at particular sentences:

- a *placeholder* stands where a number belongs (``N1``, ``$N0``, ``X%``, ``TBD``,
  ``[target]``);
- a *counted activity* is a plain count of things people do ("200 cold calls",
  "12 workshops held");
- a *milestone statement* is verifiable without a number: a quantified subject
  ("All candidates …", "At least one customer …"), a state reached ("… is enabled",
  "… are in place", "VP Talent hired"), a capability ("Our team can search …") or an
  achievement ("Get featured on …"); a word of degree or opinion ("better",
  "sound", "streamlined") makes it vague again;
- a *deliverable made* is a document or other deliverable written as a state reached
  ("The hiring plan is written", "Roadmap is created"): still a task, done or not done
  whatever it changes;
- (vague objectives, counted effort after a subject and orders with their object are
  in :mod:`rollout.rules.grammar`);
- a *compound key result* joins two measured results with "and" (or "as well as",
  "plus", ";").

Everything here is pure and cached: the drafting flow checks a line per keystroke.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rollout.rules.text import (
    Words,
    as_written,
    has_quantity,
    opening,
    past_tense,
    placeholders,
    states_change,
    tokens,
)

_PARENS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
# Joins of two results: "and", "&", "as well as", "plus", "while", ";", and a comma before
# "with" that adds a second measure ("80 memberships created, with at least one per two
# visitors"; r18e).
_JOINS = re.compile(r"\s+(?:and|&|as well as|plus|while)\s+|\s*;\s*|\s*,\s*with\s+", re.IGNORECASE)
_COUNT = re.compile(r"^\d[\d,.]*[kmb]?$")
# Words that may follow a counted activity in the same phrase ("200 calls per week",
# "12 workshops held"); any other word means the count is of something else
# ("1M video views").
_AFTER_COUNT = frozenset(
    (
        "a",
        "an",
        "the",
        "per",
        "each",
        "every",
        "in",
        "on",
        "at",
        "to",
        "for",
        "with",
        "by",
        "this",
        "next",
        "within",
        "across",
        "and",
        "or",
        "from",
        "of",
        "week",
        "weeks",
        "month",
        "months",
        "quarter",
        "year",
        "day",
        "daily",
        "weekly",
        "monthly",
    )
)
# Words of frequency that open a recurring activity ("Weekly demos", "Regular check-ins").
_FREQUENCIES = frozenset(
    ("regular", "weekly", "biweekly", "bi-weekly", "fortnightly", "monthly", "daily", "quarterly", "recurring")
)
_PARTICIPLE_IRREGULAR = frozenset(
    (
        "done",
        "built",
        "made",
        "run",
        "sent",
        "held",
        "given",
        "written",
        "taken",
        "chosen",
        "won",
        "seen",
        "known",
        "shown",
        "begun",
        "paid",
        "set",
        "spent",
        "found",
        "met",
        "kept",
        "put",
        "sold",
        "told",
        "understood",
        "upheld",
        "brought",
        "bought",
        "caught",
        "taught",
    )
)
_STATE_VERBS = frozenset(
    (
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "can",
        "will",
        "does",
        "become",
        "becomes",
        "uses",
        "runs",
        "works",
        "interoperates",
        "interops",
        "passes",
        "supports",
        "meets",
        "exist",
        "exists",
    )
)
_DETERMINERS = frozenset(
    (
        "a",
        "an",
        "the",
        "our",
        "their",
        "its",
        "his",
        "her",
        "my",
        "your",
        "this",
        "that",
        "these",
        "those",
        "of",
        "with",
        "for",
        "to",
        "in",
        "on",
        "by",
    )
)
# Prepositions after a passive participle before a count: "named in 25 articles",
# "featured on 6 podcasts", "cited by 40 papers" count what others did.
_BY_OTHERS = frozenset(("in", "on", "by"))
_STATE_PHRASES = ("in place", "part of", "live", "available", "ready", "in production", "by default")


def _numeric(token: str) -> bool:
    return bool(_COUNT.match(token.lstrip("$€£").rstrip("%")))


def _participle(token: str) -> bool:
    return (len(token) > 4 and token.endswith("ed")) or token in _PARTICIPLE_IRREGULAR


@lru_cache(maxsize=8192)
def counted_activity(text: str, words: Words) -> str | None:
    """A count of things people do ("200 cold calls"), as written, or None.

    The count is a plain number (not a share, an amount of money or a change), and
    the activity noun (list ``activity_nouns``) follows it within three words and
    ends the phrase; "the number of" counts too ("Double the number of content pieces
    published"). A frequency opening the title does the same as a count
    ("Regular check-ins with hiring managers", "Weekly demos for the sales team"):
    the meetings, not what they change.
    """
    if states_change(text):
        return None
    toks = tokens(text)
    nouns = words["activity_nouns"]
    start = opening(toks)
    if start < len(toks) and toks[start] in _FREQUENCIES:
        for j in range(start + 1, min(start + 3, len(toks))):
            hit = nouns.at(toks, j)
            if hit is None:
                continue
            end = j + len(hit.words)
            if end == len(toks) or toks[end] in _AFTER_COUNT:  # "Monthly webinar attendance": not the webinars
                return as_written(text, start, end)
    for i, tok in enumerate(toks):
        counted = tok == "number" and i + 2 < len(toks) and toks[i + 1] == "of"  # "the number of posts published"
        if not (counted or _COUNT.match(tok)):
            continue
        if i >= 2 and toks[i - 1] in _BY_OTHERS and _participle(toks[i - 2]):
            continue  # "Company named in 25 press articles": what others did, an outcome
        for j in range(i + 1 + counted, min(i + 4 + counted, len(toks))):
            hit = nouns.at(toks, j)
            if hit is None:
                continue
            end = j + len(hit.words)
            after = toks[end] if end < len(toks) else None
            if after is None or after in _AFTER_COUNT or _participle(after) or _COUNT.match(after):
                return as_written(text, i, end)
    return None


# Forms of "be" (and "get") that join a deliverable to what was done to it ("is created").
_PASSIVE = frozenset(("is", "are", "was", "were", "gets", "get", "got", "been"))
# Participles of making that the activity lists do not yield from "-ed" ("written").
_MADE = frozenset(("written", "made", "built", "done", "drawn", "rewritten", "sent", "run", "held"))


@lru_cache(maxsize=8192)
def deliverable_made(text: str, words: Words) -> str | None:
    """A deliverable written as made ("roadmap is created"), as written, or None.

    The subject holds a deliverable (list ``deliverable_nouns``: plan, roadmap, report,
    policy …), a form of "be" follows it and then the participle of an activity or
    making verb (lists ``activity_verbs`` and ``counted_activity_verbs``: created,
    published, delivered, written). A number, a change or a word of degree means a
    result is stated ("The forecast is used in every budget review" and "… is live"
    are states reached, not documents made).
    """
    toks = tokens(text)
    start = opening(toks)
    nouns = words["deliverable_nouns"]
    found: str | None = None
    for i in range(start, min(start + 6, len(toks))):
        tok = toks[i]
        if found is None:
            hit = nouns.at(toks, i)
            if hit is not None:
                found = " ".join(toks[i : i + len(hit.words)])
            continue
        if tok not in _PASSIVE:
            continue
        j = i + 1
        while j < len(toks) and toks[j] in _PASSIVE:  # "has been" is covered by "been"
            j += 1
        if j >= len(toks):
            return None
        made = toks[j] in _MADE or (
            toks[j].endswith("ed")
            and (
                past_tense(toks, j, words["activity_verbs"]) is not None
                or past_tense(toks, j, words["counted_activity_verbs"]) is not None
            )
        )
        if not made or has_quantity(text, words) or _vague_in(toks, words):
            return None
        subject = start + 1 if toks[start] in _DETERMINERS else start
        return as_written(text, subject, j + 1)  # "2027 hiring plan is written"
    return None


@lru_cache(maxsize=8192)
def vague_terms(text: str, words: Words) -> tuple[str, ...]:
    """Words of degree or opinion in a text (lists ``vague_words`` and ``comparatives``)."""
    return _vague_in(tokens(text), words)


def _vague_in(toks: tuple[str, ...], words: Words) -> tuple[str, ...]:
    found = [(i, p) for i, p in words["vague_words"].find(toks)] + [(i, p) for i, p in words["comparatives"].find(toks)]
    return tuple(str(p) for i, p in found if not _threshold(toks, i + len(p.words), words))


_NUMBER_TOKEN = re.compile(r"\d")


def _threshold(toks: tuple[str, ...], after: int, words: Words) -> bool:
    """True when a comparative is a threshold: "than" and a number follow it.

    "No question waits more than one working day", "fewer than two incidents a month":
    a limit that is met or not, not a word of degree. "One" counts here (it is left out of
    ``number_words`` because "one shared inbox" states no quantity).
    """
    if after + 1 >= len(toks) or toks[after] != "than":
        return False
    number = toks[after + 1]
    return (
        bool(_NUMBER_TOKEN.search(number))
        or number in ("one", "a")
        or words["number_words"].at(toks, after + 1) is not None
    )


_ORDINALS = frozenset(("first", "second", "third"))


@lru_cache(maxsize=8192)
def milestone_statement(text: str, words: Words) -> bool:
    """True when a key result without numbers is still verifiable: done or not done.

    Shapes (after lead-ins such as "we will"): a quantified subject ("All …",
    "At least one …", "One or more …"); a subject followed by a state ("… is enabled",
    "… are in place", "… can search", "… has a …"); a subject followed by a
    participle ("VP Talent hired"); "get"/"become" + participle ("Get featured"); a
    verb of winning or reaching with an ordinal ("Land our first customer in Japan").
    Any word of degree or opinion (:func:`vague_terms`) makes it vague instead.
    """
    toks = tokens(text)
    start = opening(toks)
    if start >= len(toks):
        return False
    quantifier = words["quantifiers"].at(toks, start)
    rest = toks[start + len(quantifier.words) :] if quantifier is not None else toks
    if _vague_in(rest, words):  # the tokens themselves: joining and tokenizing again gave the same words
        return False
    if quantifier is not None:
        return True
    if any(t in ("always", "never") for t in toks[start + 1 :]):
        return True
    if toks[start] in ("get", "gets", "become", "becomes") and start + 1 < len(toks):
        return _participle(toks[start + 1])
    if words["achievement_verbs"].at(toks, start) is not None and any(
        t in _ORDINALS for t in toks[start + 1 : start + 4]
    ):
        return True  # "Land our first paying customer in Japan": one event, done or not done
    lowered = " ".join(toks)
    for i in range(start + 1, len(toks)):
        tok = toks[i]
        if tok in _STATE_VERBS:
            rest = toks[i + 1 : i + 3]
            # "are measuring": an activity in progress, not a state reached
            return not (rest and rest[0].endswith("ing") and rest[0] not in ("nothing", "everything"))
        if _participle(tok) and toks[i - 1] not in _DETERMINERS:
            return True
    return any(f" {phrase}" in f" {lowered}" for phrase in _STATE_PHRASES) and start > 0


def _range_end(toks: tuple[str, ...], before: tuple[str, ...]) -> bool:
    """True when a part that opens with a number ends a range begun by the number before "and".

    After "between", when the second number has at most two words after it, or when a
    scale ends the part ("4 and 5 out of 5"). A number with a clause of its own is a
    second result: "Usability score rises to 77 and 25 UI components ship" (r18i).
    """
    if not toks:
        return True
    if not (_numeric(toks[0]) and (not before or _numeric(before[-1]))):
        return False
    return "between" in before or len(toks) <= 3 or _numeric(toks[-1])


@lru_cache(maxsize=8192)
def compound_parts(text: str, words: Words) -> tuple[str, str] | None:
    """The first two measured results joined in one key result, or None.

    The title is split on "and", "&", "as well as", "plus", "while", ";" and ", with"
    (parentheses ignored). Two results are found when two parts each state a number
    or a placeholder, unless "and" joins two numbers (a range: "between 5 and 10
    days", "rated 4 and 5"): see :func:`_range_end`.
    """
    body = _PARENS.sub(" ", text)
    parts = [p.strip(" ,.") for p in _JOINS.split(body) if p and p.strip(" ,.")]
    if len(parts) < 2:
        return None
    measured: list[str] = []
    for index, part in enumerate(parts):
        if not (has_quantity(part, words) or placeholders(part)):
            continue
        toks = tokens(part)
        before = tokens(parts[index - 1]) if index else ()
        if measured and _range_end(toks, before):
            continue  # "between 5 and 10 days", "rated 4 and 5 stars", "4 and 5 out of 5": one range
        measured.append(part)
        if len(measured) == 2:
            return measured[0], measured[1]
    return None

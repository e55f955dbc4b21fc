"""An order to do work, for any English verb: OKR201's general test (r18f).

Six passes grew word lists from the misses of the sets they read, and the unseen set did
not move. This test asks a lexicon instead of a list: a key result whose first word can be
a verb in its plain (imperative) form ("Publish …", "Migrate …", "Run …": LemmInflect's
table of the SPECIALIST Lexicon, :mod:`rollout.rules.lexicon`) is an order to do work,
unless

- the verb is one of outcome or change (word lists ``change_verbs``, ``achievement_verbs``,
  ``yield_verbs``, ``acquiring_verbs``, ``bau_verbs``, ``steady_verbs``, ``generic_words``,
  ``vague_words``, ``mind_verbs``: "Reduce churn …", "Reach 5,000 users", "Keep uptime …"),
- the title states a measured change or a threshold ("from 4% to 2%", "to 80", "by 5
  points", "18%", "under 2 days", "at least 3x"), which makes it a result,
- the first word is a noun or adjective as well as a verb ("Traffic", "Record", "Live")
  and nothing shows it is a verb here: an order has its object right after the verb (a
  determiner, a count, a particle: "Run 5 customer interviews", "Record the demo"),
- a finite verb follows the first word ("Deploy frequency reaches daily": a subject with
  its verb),
- a word of degree or opinion makes it a vague wish (OKR202: "Build stronger
  relationships"), or it is a milestone (done or not done: "Get featured on the App Store")
  or a placeholder (OKR210).

Pure and cached like the other wording shapes; the lexicon is read on the first title
that reaches the lexicon question.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rollout.rules.grammar import _VERB_PARTICLES
from rollout.rules.lexicon import Lexicon, lexicon
from rollout.rules.quantities import _MULTIPLIERS
from rollout.rules.reading import _DETERMINERS, _vague_in
from rollout.rules.text import (
    Words,
    as_written,
    opening,
    placeholders,
    states_change,
    tokens,
    without_non_quantities,
)

# Verbs whose object is a result or a change, not work: the outcome classes of words.yaml.
_OUTCOME_CLASSES = (
    "change_verbs",
    "achievement_verbs",
    "yield_verbs",
    "acquiring_verbs",
    "bau_verbs",
    "steady_verbs",
    "vague_words",
    "mind_verbs",
    "number_words",
)
# A generic word ("Ensure …", "Delight …") is a wish, not an order, unless a class of work
# verbs holds it too ("Create …", "Build …", "Deliver …").
_WORK_CLASSES = ("activity_verbs", "counted_activity_verbs", "task_verbs", "directional_verbs")

# A measured change or a threshold (after dates, ranks and placeholders are taken out): a
# share, a target after "to", a limit, a multiplier.
_MEASURED = re.compile(
    r"\d\s?%|\bper ?cent\b|\bpercentage\b"
    r"|\bto\s+[$€£]?\d"
    r"|\b(?:under|below|above|over|within|less than|more than|fewer than|at least|at most|no more than)\s+[$€£]?\d"
    r"|\b\d[\d.,]*\s?x\b|[<>≤≥]\s?\d",
    re.IGNORECASE,
)

# Words after which the next finite verb belongs to a clause of the object, not the opening
# word ("Publish a guide that explains …").
_CLAUSE_OPENERS = frozenset(("that", "which", "who", "whose", "where", "when", "so", "to", "because", "if", "while"))
_AUXILIARIES = frozenset(("is", "are", "was", "were", "has", "have", "had", "will", "can", "does", "do"))
_PHRASE_ENDS = frozenset(
    ("of", "for", "in", "on", "at", "to", "with", "across", "among", "from", "by", "into", "and", "&", "that", "which")
)
_COUNT_BOUND = re.compile(r"(?:to|at least|more than|over|up to|no fewer than)\s+(?=\d[\d,]*(?:\s|$))")
_AT_LEVEL = re.compile(r"\b(?:at|of)\s+(?:[$€£]|(?:usd|eur|gbp)\s?)?\d", re.IGNORECASE)
_ARTICLES = frozenset(("a", "an", "the", "our", "their", "its", "this", "these", "every", "each", "all"))
_NUMBER = re.compile(r"^[$€£]?\d")


def states_measure(text: str) -> bool:
    """True when the text states a measured change or a threshold.

    ``from X to Y``, ``N%``, ``under N``, ``to N``, ``3x``, or a multiplier ("double",
    "halve": :data:`rollout.rules.quantities._MULTIPLIERS`, "Partner sign-ups double").
    """
    return (
        states_change(text)
        or bool(_MEASURED.search(without_non_quantities(text)))
        or any(t in _MULTIPLIERS for t in tokens(text))
    )


@lru_cache(maxsize=8192)
def plain_order(text: str, words: Words) -> str | None:
    """The opening verb of an order to do work, as written ("Migrate …"), or None.

    ``text`` is a key result's title; ``words`` the workspace's word classes. The verb is
    any word LemmInflect lists as a verb in its plain form, under the conditions of the
    module docstring. Raises :class:`~rollout.errors.RolloutError` only when LemmInflect is
    not installed.
    """
    toks = tokens(text)
    start = opening(toks)
    if start + 1 >= len(toks):
        return None  # one word is not an order with an object
    first = toks[start]
    if not first.isalpha() or any(words[name].at(toks, start) is not None for name in _OUTCOME_CLASSES):
        return None
    if words["generic_words"].at(toks, start) is not None and not any(
        words[name].at(toks, start) is not None for name in _WORK_CLASSES
    ):
        return None
    if placeholders(text) or states_measure(_without_count_bound(text, toks, start)):
        return None
    if _vague_in(_before_description(toks, start), words):
        return None
    head = _object_head(toks, start + 1)
    if head is not None and words["outcome_objects"].at(toks, head) is not None:
        return None  # "Foster a culture of open feedback": a state for people, a wish (OKR202)
    lex = lexicon()  # the word lists first: the lexicon is read only for titles they leave open
    if not _plain_verb(first, lex.verbs) or _change_by_form(first, lex):
        return None
    if _reads_as_noun(text, toks, start, words):
        return None
    end = start + 2 if words["particles"].at(toks, start + 1) is not None else start + 1
    return as_written(text, start, end)


@lru_cache(maxsize=8192)
def noun_opening(text: str, words: Words) -> bool:
    """True when the title's first word, a verb of a word list, opens a noun phrase stating an amount.

    The lists of activity verbs hold nouns too ("Record revenue of $2M in Q3" is not an
    order to record): the noun, no object after it, and a level or an amount ("at 62%",
    "of $2M"). Only this, the strongest sign of :func:`_reads_as_noun`, overrules a list.
    """
    toks = tokens(text)
    start = opening(toks)
    return (
        start + 1 < len(toks)
        and _AT_LEVEL.search(text) is not None
        and not _object_follows(toks, start, words)
        and lexicon().is_noun(toks[start])
    )


def _reads_as_noun(text: str, toks: tuple[str, ...], start: int, words: Words) -> bool:
    """True when nothing shows the first word is a verb and something shows it opens a noun phrase.

    A verb shows by its object right after it: a determiner, a count, a particle, a bound
    on a count ("at least 30"), or a second verb joined by "and". Without one, the first
    word is a noun (an adjective) when it is one in the lexicon and the title states a
    level or an amount ("Average time to fill a role at 35 days", "Record revenue of
    $2M"), when it is an adjective ("Free shipping for members"), or when a finite verb
    follows ("Traffic to the site grows 12%", "Deploy frequency reaches daily").
    """
    if _object_follows(toks, start, words):
        return False
    lex = lexicon()
    first = toks[start]
    if lex.is_noun(first) and _AT_LEVEL.search(text):
        return True
    return lex.is_adjective(first) or _finite_after(toks, start + 1)


def _object_follows(toks: tuple[str, ...], start: int, words: Words) -> bool:
    """True when the verb's object follows the first word (a determiner, a count, a particle, a bound, "and" + verb)."""
    following = toks[start + 1]
    return (
        words["determiners"].at(toks, start + 1) is not None
        or bool(_NUMBER.match(following))
        or words["number_words"].at(toks, start + 1) is not None
        or words["particles"].at(toks, start + 1) is not None
        or _COUNT_BOUND.match(" ".join(toks[start + 1 : start + 4])) is not None
        or (following in ("and", "&") and start + 2 < len(toks) and _plain_verb(toks[start + 2], lexicon().verbs))
    )


def _plain_verb(word: str, verbs: frozenset[str]) -> bool:
    """True when ``word`` is a verb in its plain form, also with the prefix re- ("refactor", "reboot").

    re- + verb is a verb of doing again (Quirk et al., appendix I.21); the lexicon lists
    only the common ones.
    """
    return word in verbs or (word.startswith("re") and len(word) > 5 and word[2:] in verbs)


def _without_count_bound(text: str, toks: tuple[str, ...], start: int) -> str:
    """The text without a bound right after the verb ("Conduct at least 3 reviews", "Talk to 8 customers").

    A bound on the verb's own object counts the work ordered; only a bound later in the
    title measures a result ("Keep response time under 4 hours").
    """
    verb_end = start + 2 if toks[start + 1 : start + 2] and toks[start + 1] in _VERB_PARTICLES else start + 1
    bound = _COUNT_BOUND.match(" ".join(toks[verb_end : verb_end + 3]))
    if bound is None:
        return text
    words = " ".join(toks[verb_end:])
    return f"{' '.join(toks[start:verb_end])} {words[bound.end() :]}"


def _change_by_form(verb: str, lex: Lexicon) -> bool:
    """True for a verb of change made from an adjective with "-en" ("tighten", "shorten", "widen").

    English derivation: adjective + -en means "make more so" (Quirk et al., *A
    Comprehensive Grammar of the English Language*, appendix I.36), a wish of degree.
    """
    if not verb.endswith("en") or len(verb) < 5:
        return False
    stem = verb[:-2]
    return lex.is_noun(stem) or (len(stem) > 2 and stem[-1] == stem[-2] and lex.is_noun(stem[:-1]))


def _object_head(toks: tuple[str, ...], begin: int) -> int | None:
    """Index of the last word of the object's first noun phrase: before a preposition, "and" or the end."""
    end = begin
    while end < len(toks) and toks[end] not in _PHRASE_ENDS:
        end += 1
    return end - 1 if end > begin else None


def _finite_after(toks: tuple[str, ...], begin: int) -> bool:
    """True when a finite verb follows before a clause of the object opens.

    Finite: an auxiliary, a third person ("grows"), an -s form that is also a plural
    noun when a number or a determiner follows it ("Deploy frequency reaches 10 a day"),
    and a past form, except
    after a determiner or an adverb in -ly, where it is a participle used as an adjective
    ("across the packaged projects", "newly built features"), and right after an opening
    word that is only a verb, where it opens the object ("Deliver distributed tracing").
    """
    lex = lexicon()
    for i in range(begin, min(begin + 7, len(toks))):
        tok = toks[i]
        if tok in _CLAUSE_OPENERS:
            return False
        if tok in _AUXILIARIES or lex.is_third_person(tok):
            return True
        after = toks[i + 1] if i + 1 < len(toks) else ""
        if lex.is_third_person(tok, plural_nouns=True) and (_NUMBER.match(after) or after in _ARTICLES):
            return True  # "… reaches 10 a day"; not "Reconcile supplier invoices weekly"
        if tok in lex.past and toks[i - 1] not in _DETERMINERS and not toks[i - 1].endswith("ly"):
            if i == begin and not lex.is_noun(toks[i - 1]):
                continue  # r18h: "Deliver distributed tracing": after a word that is only a verb, a participle
            return True
    return False


def _before_description(toks: tuple[str, ...], start: int) -> tuple[str, ...]:
    """The title up to an "of" that describes a thing of the object (r18h).

    A word of degree there belongs to the thing described ("Show every account the value
    of the higher tiers"), not to the result the order wants ("Build stronger
    relationships", "Make onboarding easier": the wish, OKR202). Only "of" after the
    object's first noun counts: "Build a culture of better feedback" keeps its wish
    through ``outcome_objects``.
    """
    for k in range(start + 2, len(toks)):
        if toks[k] == "of":
            return toks[:k]
    return toks


@lru_cache(maxsize=8192)
def degree_described(text: str, words: Words) -> bool:
    """True when the title's words of degree all describe a thing after "of" (r18h).

    "Show every account the value of the higher tiers": the order is OKR201's, and the
    degree word no wish of OKR202's (:func:`_before_description`).
    """
    toks = tokens(text)
    return bool(_vague_in(toks, words)) and not _vague_in(_before_description(toks, opening(toks)), words)

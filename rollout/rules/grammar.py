"""The grammar of a title: who does what to which object (r18c's shape rules).

Beside :mod:`rollout.rules.reading` (counted activities, milestones, deliverables), these
read a sentence's shape with word classes from ``words.yaml`` (verbs of change, of
winning, particles, determiners, the team as subject, words of excellence), never
particular sentences:

- *counted effort*: the team as subject, a verb of work, a plain count ("Engineering
  teams complete 1,000 code reviews each sprint");
- an *imperative task*: an order with its object and no end state ("Agree and document
  the metrics", "Sign off the budget proposals");
- a *vague objective*: generic words only, one word, or a verb of change with a bare
  noun phrase ("Improve employee engagement");
- an *aspiration*: a word of excellence beside a service or people ("Provide
  world-class support"), a good qualitative objective.

Pure and cached, like the rest of the wording rules (the drafting flow checks a line per
keystroke).
"""

from __future__ import annotations

import re
from functools import lru_cache

from rollout.rules.reading import (
    _AFTER_COUNT,
    _COUNT,
    _DETERMINERS,
    _STATE_VERBS,
    _numeric,
    _vague_in,
    milestone_statement,
)
from rollout.rules.text import STOP_WORDS, Words, as_written, has_quantity, opening, placeholders, states_change, tokens

_DIGIT = re.compile(r"\d")

# Irregular past forms of the verbs that count work ("made 300 calls", "held 12 workshops").
_IRREGULAR_PAST = {
    "made": "make",
    "did": "do",
    "does": "do",
    "done": "do",
    "sent": "send",
    "gave": "give",
    "given": "give",
    "held": "hold",
    "ran": "run",
    "wrote": "write",
    "written": "write",
    "built": "build",
}


def _verb_base(tok: str) -> tuple[str, ...]:
    """The base forms a word may be an inflection of ("completes" → complete; "held" → hold)."""
    if tok in _IRREGULAR_PAST:
        return (_IRREGULAR_PAST[tok],)
    forms = [tok]
    if tok.endswith("es"):
        forms.append(tok[:-2])
    if tok.endswith("s"):
        forms.append(tok[:-1])
    if tok.endswith("ed"):
        forms += [tok[:-1], tok[:-2]]
    return tuple(forms)


# Words between a verb and its count ("complete over 1,000 reviews").
_ABOUT = frozenset(("over", "about", "around", "another", "nearly", "almost", "some", "roughly"))
# Spans of time: a count of them is a duration, not work ("runs 10 days").
_SPANS = frozenset(
    (
        *("second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks"),
        *("month", "months", "quarter", "quarters", "year", "years", "sprint", "sprints"),
    )
)


@lru_cache(maxsize=8192)
def counted_effort(text: str, words: Words) -> str | None:
    """A count of work the team does, after the team as subject, as written, or None.

    The shape: a subject that names the team (list ``the_team``: team, we, reps,
    engineers …) and no one else (list ``not_the_team``: customers, users, the
    platform …), then a verb that counts work (lists ``counted_activity_verbs``
    and ``activity_verbs``, in any form: complete, completes, completed, held), then a
    plain count as its object ("Engineering teams complete 1,000 code reviews each
    sprint", "Reps made 300 calls", "… complete over 1,000 reviews"). A count of what
    customers do ("Customers complete 500 orders"), a duration ("A daemon runs for 10
    days", "runs 10 days without a crash") or a change ("from 400 to 600") is a
    result.
    """
    if not _DIGIT.search(text):
        return None  # no count at all: the cheap test first (check reads 60,000 key results)
    toks = tokens(text)
    start = opening(toks)
    for i in range(start + 1, min(start + 5, len(toks) - 1)):
        tok = toks[i]
        if tok in _DETERMINERS or _numeric(tok):
            return None  # the opening was a verb with its object, not a subject
        if not _counts_work(tok, words):
            continue
        subject = toks[start:i]
        if any(words["not_the_team"].at(subject, k) is not None for k in range(len(subject))):
            return None  # "Customers complete 500 orders": what they did is a result
        if not any(words["the_team"].at(subject, k) is not None for k in range(len(subject))):
            return None  # "The checkout handles 2,000 orders a minute": a thing's capacity, not the team's work
        j = i + 2 if toks[i + 1] in _ABOUT and i + 2 < len(toks) else i + 1
        if not _COUNT.match(toks[j]) or (j + 1 < len(toks) and toks[j + 1] in _SPANS):
            return None  # "runs for 10 days", "runs 10 days without a crash": a state kept, not work counted
        if states_change(text):
            return None
        end = j + 1
        while end < len(toks) and end < j + 4 and toks[end] not in _AFTER_COUNT:
            end += 1
        return as_written(text, i, end)
    return None


def _counts_work(tok: str, words: Words) -> bool:
    """True when ``tok`` is a form of a verb that counts work (lists ``counted_activity_verbs``, ``activity_verbs``)."""
    for base in _verb_base(tok):
        if words["counted_activity_verbs"].at((base,), 0) is not None or words["activity_verbs"].at((base,), 0):
            return True
    return False


# Verbs that never make an order to do work: wishes ("Improve the app", "Ensure …")
# and results reached ("Land our first customer", "Pass the audit").
_NOT_ORDERS = ("change_verbs", "achievement_verbs", "generic_words", "vague_words")


@lru_cache(maxsize=8192)
def imperative_task(text: str, words: Words) -> str | None:
    """The opening verb of work to do written as an order, with no end state, or None.

    The shapes: an opening word followed by its object (a determiner: "the", "our" …;
    or a particle and a determiner: "Sign off the …") in a title that states no
    number and no milestone; or two verbs joined by "and", of which one is a known
    activity verb or which are followed by their object ("Agree and document the
    metrics", "Propose and validate at least three measures", "Draw up and circulate
    the …"), with or without a count. Neither verb is one of change or
    degree (list ``change_verbs``: "Improve the app" is a vague wish), of winning or
    reaching (list ``achievement_verbs``: "Land our first customer in Japan" is a
    result) nor a generic one ("Ensure …"); no word of degree in the verb or its object (a purpose clause
    after "to" or "so" may hold one: "… to improve document quality"), no change of a
    number ("from 4 to 9"), and the object is not a state for people ("Foster a
    culture of …").
    """
    toks = tokens(text)
    start = opening(toks)
    if start + 2 >= len(toks):
        return None
    verb_end = start + 1
    phrasal = words["particles"].at(toks, verb_end) is not None
    if phrasal:
        verb_end += 1  # "Sign off the …", "Draw up and circulate …"
    joined = verb_end + 1 < len(toks) and toks[verb_end] in ("and", "&")
    if joined:
        second = words["activity_verbs"].at(toks, verb_end + 1)
        verb_end += 1 + (len(second.words) if second is not None else 1)
        known = second is not None or words["activity_verbs"].at(toks, start) is not None
        if not known and (verb_end >= len(toks) or words["determiners"].at(toks, verb_end) is None):
            return None  # two unknown words joined by "and", with no object after them
    if not joined and (verb_end >= len(toks) or words["determiners"].at(toks, verb_end) is None):
        return None
    for i in range(start, verb_end):
        if toks[i] in ("and", "&"):
            continue
        if any(words[name].at(toks, i) for name in _NOT_ORDERS if not (phrasal and name == "achievement_verbs")):
            return None  # a particle makes another verb of it: "sign off" is not "sign"
    if states_change(text):
        return None  # "from 4 to 9": a result
    rest = toks[verb_end:]
    purpose = next((k for k, t in enumerate(rest) if t in ("to", "so")), len(rest))
    rest = rest[:purpose]  # "… to improve document quality": why the work is done, not what it is
    if _vague_in(toks[:verb_end] + rest, words) or any(words["outcome_objects"].at(rest, k) for k in range(len(rest))):
        return None
    if not joined and (has_quantity(text, words) or milestone_statement(text, words)):
        return None
    return as_written(text, start, verb_end)


@lru_cache(maxsize=8192)
def vague_objective(text: str, words: Words) -> bool:
    """True when an objective names no outcome, audience or direction of its own.

    Shapes (and no number: numbers are :class:`OKR204`'s business):

    - every word is generic (list ``generic_words``), a word of degree or a small word,
      after an opening verb of change ("Improve quality", "Be the best", "Revitalize
      our online presence");
    - one word ("Ownership", "Teamwork"): a topic, not a direction;
    - a verb of change or degree (list ``change_verbs``) with a bare noun phrase of at
      most three words and nothing else: no determiner or possessive, no preposition,
      no second clause ("Improve employee engagement", "Optimize localization
      footprint"); "Significantly improve our employee satisfaction" and "Increase
      satisfaction with onboarding for new users" say whose and for whom, and a state
      of people (list ``outcome_objects``: "Improve customer trust") is a direction.

    Not vague: an aspiration of excellence for people (:func:`aspiration`: "Provide
    world-class support", "Create a high-performing engineering team").
    """
    if has_quantity(text, words) or placeholders(text):
        return False
    toks = tokens(text)
    if not toks:
        return False
    start = opening(toks)
    if _state_of_being(toks, start, words):
        return False  # "Be profitable": a state reached, done or not done
    change = words["change_verbs"].at(toks, start)
    after = start + len(change.words) if change is not None else 0
    helper = None if change is not None else words["support_verbs"].at(toks, start)
    leading = change or helper or words["directional_verbs"].at(toks, start)
    if (
        len(toks) == 1
        or (change is not None and _bare_change(toks[after:], words))
        or _all_generic(toks, after, words)
        or (leading is not None and _all_generic(toks, start + len(leading.words), words))
        or (helper is not None and _supported_only(toks, start + len(helper.words), words))
        or _unscoped_best(toks, start, words)
        or _topic(text, toks, start, words)
        or _made_to_feel(toks, start, words)
    ):
        return not aspiration(text, words)  # asked last: most titles are not vague at all
    return False


# Endings of nouns made from verbs or adjectives: "continuity", "awareness", "adoption".
_NOMINAL = ("ity", "ness", "ion", "ment", "ance", "ence", "ship")


def _state_of_being(toks: tuple[str, ...], start: int, words: Words) -> bool:
    """ "Be"/"become" + one word that is no word of degree or opinion: a state ("Be profitable")."""
    if len(toks) != start + 2 or toks[start] not in ("be", "become"):
        return False
    return words["vague_words"].at(toks, start + 1) is None and words["comparatives"].at(toks, start + 1) is None


def _topic(text: str, toks: tuple[str, ...], start: int, words: Words) -> bool:
    """A topic, not a direction: a verb with one bare noun ("Share knowledge") or "X of Y" ("Continuity of process").

    The verb is not one of winning ("Win Germany") and the noun is no name (written in
    capitals), no state of people ("Build trust") and not a number.
    """
    size = len(toks) - start
    if size not in (2, 3):
        return False  # the cheap test first: most titles are longer
    rest = toks[start:]
    if len(rest) == 3 and rest[1] == "of":
        return rest[0].endswith(_NOMINAL) and not words["outcome_objects"].at(rest, 2)
    if len(rest) != 2 or words["achievement_verbs"].at(rest, 0) or words["outcome_objects"].at(rest, 1):
        return False
    last = text.split()[-1]
    return last[:1].islower() and rest[1] not in STOP_WORDS and rest[1] not in _DETERMINERS


def _made_to_feel(toks: tuple[str, ...], start: int, words: Words) -> bool:
    """ "Make"/"keep" + a bare object of at most two words + a word of opinion ("Make customers happy")."""
    if not 3 <= len(toks) - start <= 4:
        return False
    rest = toks[start:]
    if rest[0] not in ("make", "keep", "get"):
        return False
    if any(t in _DETERMINERS or t in STOP_WORDS for t in rest[1:-1]):
        return False
    return words["vague_words"].at(rest, len(rest) - 1) is not None


def _all_generic(toks: tuple[str, ...], i: int, words: Words) -> bool:
    """Every word from ``i`` on (after an opening verb) generic, hollow, a word of degree or a small word.

    Hollow words (list ``hollow_words``: critical, key, future, routines, practices …)
    qualify or arrange without naming anything: "Establish critical routines for
    future productivity" names no outcome.
    """
    if i >= len(toks):
        return False
    generic, hollow = words["generic_words"], words["hollow_words"]
    small = STOP_WORDS
    while i < len(toks):
        hit = generic.at(toks, i) or hollow.at(toks, i) or words["comparatives"].at(toks, i)
        if hit is not None:
            i += len(hit.words)
            continue
        if toks[i] in small:
            i += 1
            continue
        return False
    return True


def _bare_change(rest: tuple[str, ...], words: Words) -> bool:
    """After an opening verb of change: one or two bare noun phrases of one to three words, and nothing else.

    An opening "the" or "our" and an "and" between two phrases change nothing: "Improve
    the trial experience and trial engagement" names no direction either (r18e). A bond
    between people (list ``bonds``: "Improve customer trust") is a direction.
    """
    if rest and rest[0] in ("the", "our", "its", "their"):
        rest = rest[1:]
    if "and" in rest:
        cut = rest.index("and")
        return _bare_change(rest[:cut], words) and _bare_change(rest[cut + 1 :], words)
    if not 1 <= len(rest) <= 3:
        return False
    if len(rest) == 3 and rest[1] == "of":
        rest = (rest[0], rest[2])  # "Improve ease of deployment": a noun made of a noun, still bare
    if any(words["bonds"].at(rest, k) for k in range(len(rest))):
        return False  # "Improve customer trust": a bond between people is a direction
    return not any(t in STOP_WORDS or t in _DETERMINERS or t in _STATE_VERBS or t.endswith("ly") for t in rest)


# Superlatives that need a field to be measured against ("the best in the industry").
_SUPERLATIVES = frozenset(("best", "greatest", "finest", "ultimate", "top"))


def _unscoped_best(toks: tuple[str, ...], start: int, words: Words) -> bool:
    """A verb + "the best" + one to three words and nothing else: a standard with no field ("Create the best
    employee experience"); "… the best customer experience in our company's history" names its field."""
    rest = toks[start + 1 :]
    if len(rest) < 3 or rest[0] not in ("the", "our") or rest[1] not in _SUPERLATIVES or len(rest) > 5:
        return False
    return not any(t in STOP_WORDS or t in _DETERMINERS for t in rest[2:])


# Words that follow a support verb and say what the support is for or what changes:
# a clause, or a verb of its own ("Help new users reach their first win").
_PURPOSE = frozenset(("to", "so", "that", "by", "through", "until", "when", "where", "while", "as", "without"))
_VERB_LISTS = ("activity_verbs", "change_verbs", "achievement_verbs", "yield_verbs", "mind_verbs")


def _supported_only(toks: tuple[str, ...], after: int, words: Words) -> bool:
    """After an opening verb of support (list ``support_verbs``): an object and nothing that says what changes.

    "Support the self-serve small-business segment", "Support efficient inbound demand
    creation": whom or what is supported, not what will be different. A purpose
    ("… to …", "… so that …"), a verb of its own after the object ("Help new users
    reach their first win") or a standard ("world-class") makes it a direction.
    """
    rest = toks[after:]
    if not rest or len(rest) > 8 or any(t in _PURPOSE for t in rest):
        return False
    for k in range(1, len(rest)):
        if any(words[name].at(rest, k) for name in _VERB_LISTS) or words["excellence"].at(rest, k):
            return False
    return not (words["excellence"].at(rest, 0) or any(words[name].at(rest, 0) for name in _VERB_LISTS))


@lru_cache(maxsize=8192)
def aspiration(text: str, words: Words) -> bool:
    """True when a word of excellence qualifies a service or a group of people.

    The shape: a word of excellence (list ``excellence``: world-class, high-performing,
    outstanding …), then within three words a service or people (list ``served``:
    support, service, team, experience …): "Provide world-class support", "Create a
    high-performing engineering team". A standard for an area of work alone ("Build
    a world-class data infrastructure") is not one.
    """
    toks = tokens(text)
    for i, phrase in words["excellence"].find(toks):
        after = i + len(phrase.words)
        if any(words["served"].at(toks, k) is not None for k in range(after, min(after + 3, len(toks)))):
            return True
    return False


@lru_cache(maxsize=8192)
def joined_task(text: str, words: Words) -> str | None:
    """Two verbs joined by "and" with their object, one of them a verb of work, as written, or None.

    An objective that opens with two verbs of work ("Support and guide the conference
    planning", "Design and deliver the new onboarding") names a project, not a direction.
    Neither verb may be one of change or of winning ("Grow and retain our customer
    base", "Attract and develop the best people" are directions), and a determiner opens
    the object.
    """
    toks = tokens(text)
    start = opening(toks)
    if start + 3 >= len(toks) or toks[start + 1] not in ("and", "&"):
        return None
    verbs = (start, start + 2)
    if any(words["change_verbs"].at(toks, i) or words["achievement_verbs"].at(toks, i) for i in verbs):
        return None
    if not any(words["activity_verbs"].at(toks, i) or words["task_verbs"].at(toks, i) for i in verbs):
        return None
    if words["determiners"].at(toks, start + 3) is None:
        return None
    return as_written(text, start, start + 3)

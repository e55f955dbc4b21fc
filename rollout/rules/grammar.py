"""The grammar of a title: who does what to which object (r18c's shape rules).

Beside :mod:`rollout.rules.reading` (counted activities, milestones, deliverables), these
read a sentence's shape with word classes from ``words.yaml`` (verbs of change, of
winning, particles, determiners, the team as subject, words of excellence), never
particular sentences:

- *counted effort*: the team as subject, a verb of work, a plain count ("Engineering
  teams complete 1,000 code reviews each sprint");
- an *imperative task*: an order with its object and no end state ("Agree and document
  the metrics", "Sign off the budget proposals");
- (vague objectives are in :mod:`rollout.rules.objectives`);
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
    _numeric,
    _vague_in,
    milestone_statement,
)
from rollout.rules.text import Words, as_written, has_quantity, opening, states_change, tokens

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
        if words["not_the_team"].at(toks, end - 1) is not None:
            return None  # "Each rep sources 7 sales-accepted opportunities": results brought in (r18e)
        return as_written(text, i, end)
    return None


def _counts_work(tok: str, words: Words) -> bool:
    """True when ``tok`` is a form of a verb that counts work (lists ``counted_activity_verbs``, ``activity_verbs``)."""
    for base in _verb_base(tok):
        if words["counted_activity_verbs"].at((base,), 0) is not None or words["activity_verbs"].at((base,), 0):
            return True
    return False


# Endings that make a verb of a word ("standardise", "localize", "unify"; English
# derivational suffixes -ise/-ize/-ify), and the common words with those endings that are not
# verbs. A title opening with such a verb is an order even without a determiner after it
# ("Standardise deployment scripts across teams"), unless a list calls it a verb of change.
_VERB_ENDINGS = ("ise", "ize", "ify")
_NOT_VERBS_BY_FORM = frozenset(
    ("enterprise", "expertise", "franchise", "premise", "promise", "exercise", "merchandise", "noise", "size", "prize")
)


def _verb_by_form(tok: str) -> bool:
    """True when ``tok`` is a verb by its ending (-ise, -ize, -ify) and is not a common noun with that ending."""
    return len(tok) > 5 and tok.endswith(_VERB_ENDINGS) and tok not in _NOT_VERBS_BY_FORM


# Particles that only follow a verb ("shut down", "sign off"; not "on", "over": "Cells on track").
_VERB_PARTICLES = frozenset(("off", "up", "out", "down"))
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
    verb_alone = (phrasal and toks[start + 1] in _VERB_PARTICLES and words["jargon"].at(toks, start) is None) or (
        not phrasal and _verb_by_form(toks[start])
    )
    if not joined and not verb_alone and (verb_end >= len(toks) or words["determiners"].at(toks, verb_end) is None):
        return None  # "off", "up", "out", "down" show a verb on its own ("Shut down billing and embeds")
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
    linked = start + 2 < len(toks) and toks[start + 1] in _LINKS and toks[start + 2] in ("and", "&")
    joint = start + 1 + linked  # "Listen to and prioritise the …": a particle may follow the first verb
    if joint + 2 >= len(toks) or toks[joint] not in ("and", "&"):
        return None
    verbs = (start, joint + 1)
    if any(words["change_verbs"].at(toks, i) or words["achievement_verbs"].at(toks, i) for i in verbs):
        return None
    if not any(words["activity_verbs"].at(toks, i) or words["task_verbs"].at(toks, i) for i in verbs):
        return None
    if words["determiners"].at(toks, joint + 2) is None:
        return None
    return as_written(text, start, joint + 2)


# Particles and prepositions that may follow the first of two joined verbs ("Listen to and …").
_LINKS = frozenset(("to", "on", "with", "for", "up", "out", "off", "down", "over"))

"""Clauses of a title: orders of work, things delivered, behaviours (r18d's shape rules).

Beside :mod:`rollout.rules.grammar` (counted effort, orders with their object, vague
objectives), these read a title's clauses with the word classes of ``words.yaml``,
never particular sentences:

- (objectives that read as projects are in :mod:`rollout.rules.projects`);
- a *counted order*: an opening verb with a plain count of things as its object,
  whatever the verb, unless the verb yields a result (lists ``achievement_verbs``,
  ``yield_verbs``: reach, sign, generate …) or the things counted are people or
  results (``not_the_team``: customers, leads …) ("Amplify 25 announcements",
  "Optimize 12 website pages");
- a *tool adopted*: an internal tool (list ``internal_tools``) with a participle of
  work ("CRM analytics tool implemented"): an activity, where a product released is a
  milestone;
- a *behaviour*: a subject (the team, or who or what is not the team, or any noun
  phrase opened by a determiner) and a verb followed by its object, a particle or a
  preposition ("The embedded node takes over when …", "Sales and marketing work from
  one dashboard", "The HTTP client library exposes the new core API"): verifiable, not
  vague.

Pure and cached, like the rest of the wording rules.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rollout.rules.grammar import counted_effort, imperative_task
from rollout.rules.lexicon import lexicon
from rollout.rules.orders import _plain_verb, noun_opening, plain_order
from rollout.rules.reading import (
    _AFTER_COUNT,
    _COUNT,
    _STATE_VERBS,
    _vague_in,
    counted_activity,
    deliverable_made,
)
from rollout.rules.states import subject_acts
from rollout.rules.text import (
    STOP_WORDS,
    Words,
    activity_opening,
    as_written,
    has_quantity,
    opening,
    past_tense,
    placeholders,
    states_change,
    tokens,
)

# Words that open a clause describing the object: the state wanted is said there
# ("Build a data platform that lets anyone find data").
# ("Hire drivers as fast as the network needs them": the pace is the direction).
_CLAUSE = frozenset(
    ("that", "where", "who", "which", "whose", "so", "to", "without", "while", "as", "when", "until", "before")
)
# Words between a verb and its count ("more than 9", "over 40", "at least 12").
_APPROXIMATE = frozenset(
    ("more", "than", "over", "about", "around", "nearly", "almost", "roughly", "at", "least", "another")
)
_DIGIT = re.compile(r"\d")
_AMOUNT = re.compile(r"[%$€£]")
# Units after a count: the count measures, it does not count things done ("Save 200 hours").
_UNITS = frozenset(
    (
        *("second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks"),
        *("month", "months", "quarter", "quarters", "year", "years", "point", "points", "pts", "pp", "percent"),
        *("times", "x", "star", "stars"),
    )
)


def _counted_order(text: str, toks: tuple[str, ...], start: int, words: Words) -> str | None:
    """An opening verb with a plain count of things as its object, as written, or None.

    "Amplify 25 announcements", "Feature 6 community repositories in the newsletter",
    "Optimize 12 website pages": whatever the verb, a count of things worked on is
    effort. Not this shape: a verb of winning or reaching (``achievement_verbs``:
    "Reach 500 daily active users", "Sign 10 new clients"), a verb that yields a
    result (``yield_verbs``: "Generate 400 qualified leads", "Add 20 paying
    customers"), people or results counted (``not_the_team``: customers, users,
    leads …), a unit ("Save 200 hours"), an amount or share, or a change ("from 4 to 9").
    """
    count = start + 1
    while count + 1 < len(toks) and toks[count] in _APPROXIMATE:
        count += 1  # "Merge more than 9 merge requests", "Close over 40 tickets"
    if count + 1 >= len(toks) or _COUNT.match(toks[start]):
        return None
    if not (_COUNT.match(toks[count]) or toks[count] == "one" or words["number_words"].at(toks, count)):
        return None  # a plain count, in digits or words ("Capture three use cases", "at least one issue")
    if toks[start] in STOP_WORDS or words["determiners"].at(toks, start) is not None:
        return None  # "The 2027 hiring plan …": the opening is no verb
    if words["comparatives"].at(toks, start) is not None or toks[start] in _APPROXIMATE:
        return None  # "Fewer than 3 bugs found in production": a limit, not an order
    yields = any(words[name].at(toks, start) for name in ("achievement_verbs", "yield_verbs", "quantifiers"))
    acquiring = words["acquiring_verbs"].at(toks, start) is not None
    end = count + 1
    while end < len(toks) and end < count + 4 and toks[end] not in _AFTER_COUNT:
        end += 1
    things = toks[count + 1 : end]
    if not things or things[0] in _UNITS or any(t in _UNITS for t in things):
        return None
    if yields or acquiring:
        # What a verb of yield or winning, or one that brings people in, brings is a
        # result ("Onboard 40 partner agencies", "Close 30 deals"), unless it is the
        # team's own people or work: "Add 4 full-time protocol developers" is a hire (list
        # ``staff``), "Close 5 technical-debt issues" work items (``work_items``), "Add
        # 40 comparison pages" things made (``deliverable_nouns``, ``activity_nouns``).
        work = any(words["work_items"].at(things, k) is not None for k in range(len(things)))
        made = any(
            words["deliverable_nouns"].at(things, k) or words["activity_nouns"].at(things, k)
            for k in range(len(things))
        )
        hire = any(words["staff"].at(things, k) is not None for k in range(len(things)))
        yielding = words["yield_verbs"].at(toks, start) is not None
        if not (work or ((hire or made) and (yielding or acquiring))):
            return None
        return as_written(text, start, end)
    if words["not_the_team"].at(things, len(things) - 1) is not None:
        return None  # the head noun: "8 customer stories" are stories, "400 qualified leads" are leads
    if states_change(text):
        return None
    if not _verb_first(toks, start, words):
        return None  # "ISO 27001 certification achieved by 30 June": a name and a number, then a state (r18i)
    return as_written(text, start, end)


# Word classes of verbs that may open an order; with the lexicon's plain verbs, what a
# counted order needs first ("Onboard", "Spotlight": not every list verb is in the lexicon).
_VERB_CLASSES = ("activity_verbs", "counted_activity_verbs", "task_verbs", "moving_verbs")


def _verb_first(toks: tuple[str, ...], start: int, words: Words) -> bool:
    """True when the first word can be a verb: a word list of verbs or the lexicon's plain verbs (r18i).

    A count after a word that is no verb is no order's object: "ISO 27001 certification
    achieved" names a standard by its number, and a noun phrase with a participle states a
    state reached (a milestone). The lists first; the lexicon only when they say nothing.
    """
    if any(words[name].at(toks, start) is not None for name in _VERB_CLASSES):
        return True
    return _plain_verb(toks[start], lexicon().verbs)


def _tool_adopted(text: str, toks: tuple[str, ...], start: int, words: Words) -> str | None:
    """An internal tool with a participle of work ("CRM analytics tool implemented"), as written, or None.

    A tool the team adopts for itself (list ``internal_tools``: tool, CRM, ATS …)
    written as done is an activity: it is done whether or not anything it was for
    improved. A product released ("The Brave integration released") is a milestone
    instead. The participle (of ``activity_verbs``: implemented, deployed, rolled out
    …) follows the tool within two words, after an optional form of "be".
    """
    if not any(t.endswith("ed") for t in toks[start + 1 : start + 8]):
        return None  # no participle near the opening: the cheap test first
    tools = words["internal_tools"]
    for i in range(start, min(start + 5, len(toks))):
        hit = tools.at(toks, i)
        if hit is None:
            continue
        j = i + len(hit.words)
        while j < len(toks) and toks[j] in ("is", "are", "was", "were", "has", "have", "been", "being"):
            j += 1
        if j >= len(toks) or not toks[j].endswith("ed"):
            continue  # "CRM analytics tool implemented": the tool word may modify the next one
        if past_tense(toks, j, words["activity_verbs"]) is None or has_quantity(text, words):
            return None
        return as_written(text, start, j + 1)
    return None


_PREPOSITIONS = frozenset(
    ("from", "with", "over", "across", "through", "without", "in", "on", "at", "into", "off", "up", "out", "back")
)
_DETERMINERS_OR_PREPOSITIONS = frozenset(("the", "a", "an", "of", "for", "by", "to", *_PREPOSITIONS))
# Words that end an object: a preposition or a clause after it ("… programme for new hires").
_OBJECT_ENDS = frozenset(("of", "for", "by", "to", *_PREPOSITIONS, *_CLAUSE))

# Subjects of a clause inside an object ("a pipeline we can plan on").
_PRONOUNS = frozenset(("we", "you", "they", "it", "i", "he", "she", "everyone", "anyone", "people"))


@lru_cache(maxsize=8192)
def work_done(text: str, words: Words) -> str | None:
    """A key result that counts or reports work, as written, or None.

    One of :func:`_counted_order` ("Amplify 25 announcements") or
    :func:`_tool_adopted` ("CRM analytics tool implemented"); one cached call.
    """
    toks = tokens(text)
    start = opening(toks)
    if (_DIGIT.search(text) or _counted_in_words(toks, start, words)) and not _AMOUNT.search(text):
        found = _counted_order(text, toks, start, words)
        if found:
            return found
    return _tool_adopted(text, toks, start, words)


def _counted_in_words(toks: tuple[str, ...], start: int, words: Words) -> bool:
    """A count in words among the three words after the opening one ("three", "at least one")."""
    return any(
        t == "one" or words["number_words"].at(toks, k) for k, t in enumerate(toks[start + 1 : start + 4], start + 1)
    )


@lru_cache(maxsize=8192)
def behaviour(text: str, words: Words) -> bool:
    """True when a key result states a behaviour (:func:`behaviour_clause`) with no word of degree or opinion."""
    toks = tokens(text)
    return not _vague_in(toks, words) and behaviour_clause(toks, opening(toks), words)


# Words that make the title an order or a wish before any subject ("Ensure the team …").
_NOT_SUBJECT = ("generic_words", "vague_words", "change_verbs", "activity_verbs")


def behaviour_clause(toks: tuple[str, ...], start: int, words: Words) -> bool:
    """True when a subject (the team, or who or what is not the team) acts: verb + object or preposition.

    "The embedded node takes over when no local daemon is running", "Sales and
    marketing work from a single pipeline dashboard": a behaviour or a state, done or
    not done. The subject's head word is within the first four words (two may be
    joined by "and"), a verb follows it, and then a particle, a preposition or a
    determiner. No verb of work, change or wish comes before the subject ("Ensure the
    content team picks its own work" is a wish), and the verb is not one of the mind
    (list ``mind_verbs``: "Users understand the benefits" is measured only by asking).
    """
    subjects = (words["the_team"], words["not_the_team"])
    for k in range(start, min(start + 4, len(toks) - 2)):
        if not any(s.at(toks, k) is not None for s in subjects):
            if k == start and any(words[name].at(toks, k) for name in _NOT_SUBJECT):
                return False  # "Ensure the content team picks …": an order, the clause is its object
            continue
        v = k + 1
        if toks[v] in ("and", "&") and v + 2 < len(toks) and any(s.at(toks, v + 1) for s in subjects):
            v += 2
        if v + 1 >= len(toks):
            return False
        verb, follower = toks[v], toks[v + 1]
        if words["mind_verbs"].at(toks, v) is not None:
            return False  # "Users understand the benefits": a state of mind, measured only by asking
        if verb in STOP_WORDS or verb in _STATE_VERBS or verb.endswith("ly") or _COUNT.match(verb):
            break
        if follower in _PREPOSITIONS or words["determiners"].at(toks, v + 1) is not None:
            return True
        break  # "The HTTP client library exposes …": the subject's head may come later
    return _noun_phrase_acts(toks, start, words)


# Words ending in "s" that are no verb of a subject: forms of "be" and "have", small words.
_NOT_FINITE = frozenset(("is", "was", "has", "does", "this", "its", "his", "as", "us", "yes", "always", "towards"))


def _noun_phrase_acts(toks: tuple[str, ...], start: int, words: Words) -> bool:
    """True when a noun phrase is followed by a verb of its own and its object.

    "The HTTP client library exposes the new core API", "An up-to-date architecture
    diagram links packages to subsystems", "Releases follow a fixed six-week schedule":
    whatever the subject's words. The subject is a determiner and one to four words,
    then a verb in the third person ("exposes", "links": ends in "s", not "ss" or
    "us"); or a plural head ("releases", "enterprise customers": ends in "s"), with or
    without a determiner, then a verb in its plain form ("follow"). Then its object: a
    determiner, a preposition or a particle, or a bare object of one to three words and
    the end or a preposition ("links packages to …"). No verb of the mind ("The team
    understands …", "Users understand …"), and a verb of work, change or wish opening
    the title makes it an order instead (:func:`behaviour_clause`).
    """
    if start >= len(toks):
        return False
    determiner = words["determiners"].at(toks, start) is not None
    if not determiner and not _plural(toks[start]) and not (start + 1 < len(toks) and _plural(toks[start + 1])):
        return False  # the cheap test first: no determiner and no plural head near the opening
    for v in range(start + 1 + determiner, min(start + 6, len(toks) - 1)):
        verb, before = toks[v], toks[v - 1]
        if before in STOP_WORDS or before in _DETERMINERS_OR_PREPOSITIONS:
            return False  # "The state of the art …": a preposition inside the subject, no clause read here
        if verb in _NOT_FINITE or verb in STOP_WORDS or verb in _STATE_VERBS or verb.endswith(("ly", "ed", "ing")):
            continue
        singular = determiner and _plural(verb)  # "The library exposes …"
        plural = _plural(before) and not verb.endswith("s") and not _COUNT.match(verb)  # "Releases follow …"
        if not (singular or plural):
            continue
        if words["mind_verbs"].at(toks, v) is not None:
            return False
        follower = toks[v + 1]
        if follower in _PREPOSITIONS or follower in _MORE_PREPOSITIONS or words["determiners"].at(toks, v + 1):
            return True
        if not singular:
            if follower[:1].isdigit() and plural:
                return True  # "Support agents resolve 80% of tickets …": a count as the object
            continue  # "The payments library exposes …": "library" was no verb, the head comes later
        if follower in STOP_WORDS or follower.endswith("ly") or _COUNT.match(follower):
            return False
        # A bare object of one to three words, then the end or a preposition ("links packages to …")
        ends = range(v + 2, min(v + 5, len(toks) + 1))
        return any(k == len(toks) or toks[k] in _OBJECT_ENDS or toks[k] in _MORE_PREPOSITIONS for k in ends)
    return False


# Prepositions after a verb or its object that the shorter lists above leave out.
_MORE_PREPOSITIONS = frozenset(
    ("to", "within", "via", "per", "inside", "between", "during", "after", "before", "under", "toward", "towards")
)


def _plural(tok: str) -> bool:
    """A word that may be a plural noun or a verb in the third person: ends in "s", not "ss", "us" or "'s"."""
    return len(tok) > 3 and tok.endswith("s") and not tok.endswith(("ss", "us", "'s", "is"))


# --- the rules' questions, one cached answer per title (wording.py asks these) ----------


@lru_cache(maxsize=16384)
def activity_quote(title: str, words: Words) -> str | None:
    """What makes a key result an activity, as quoted in OKR201's message, or None.

    One cached answer per title: check reads 60,000 key results with far fewer
    distinct titles, and one lookup replaces six (measured with a per-rule timer on
    the 20,000-objective benchmark, r18d).
    """
    verb = activity_opening(title, words)
    if verb and (noun_opening(title, words) or subject_acts(title, words)):
        verb = None  # "Record revenue of $2M in Q3", "Open source projects … get …": a noun phrase, no order
    if verb:
        toks = tokens(title)
        start = opening(toks)
        if words["the_team"].at(toks, start) is not None and (
            _noun_phrase_acts(toks, start, words)
            or (
                toks[start + 1 : start + 2] == ("and",)
                and words["the_team"].at(toks, start + 2) is not None
                and behaviour_clause(toks, start, words)
            )
        ):
            return None  # "Support agents see …", "Support and success work from …": teams named, then their verb
        return f"{verb.capitalize()} …"
    counted = (
        counted_activity(title, words)
        or counted_effort(title, words)
        or deliverable_made(title, words)
        or work_done(title, words)
    )
    if counted:
        return counted
    order = imperative_task(title, words) or plain_order(title, words)
    if order and not placeholders(title) and not subject_acts(title, words):
        return f"{order[0].upper()}{order[1:]} …"
    return None

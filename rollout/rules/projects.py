"""Objectives that read as projects (OKR205): the shapes of a task objective.

Split from :mod:`rollout.rules.clauses` (r18e). Read with the word classes of
``words.yaml``, never particular sentences:

- a *work objective*: a verb of work (``activity_verbs``) and its object, not a verb of
  direction, change or winning, and no state of people, standard or clause ("Develop
  version control for hardware");
- *two orders*: two verbs of work, each with its object, joined by "and" ("Build the
  managed service and onboard its first beta users");
- a *delivery ordered*: "Get the integration released";
- a *deliverable worked on*: any verb, a determiner and an object whose head is a
  deliverable ("Extend the search and paid advertising programmes").

Pure and cached, like the rest of the wording rules.
"""

from __future__ import annotations

from functools import lru_cache

from rollout.rules.clauses import _CLAUSE, _OBJECT_ENDS, _PREPOSITIONS, _PRONOUNS
from rollout.rules.grammar import aspiration, joined_task
from rollout.rules.reading import _MADE, _STATE_VERBS, _vague_in
from rollout.rules.text import STOP_WORDS, Words, as_written, opening, past_tense, task_opening, tokens

# Verbs that may not open an order of work in an objective (a wish, a win, a direction).
_NOT_WORK = ("directional_verbs", "change_verbs", "achievement_verbs", "generic_words", "vague_words", "support_verbs")


def _work_objective(text: str, toks: tuple[str, ...], start: int, words: Words) -> str | None:
    """The opening verb of work of an objective that reads as a project, as written, or None.

    The shape: a verb of work (list ``activity_verbs``) opens the title and an object
    follows; the verb is not one of direction (``directional_verbs``: "Build a
    predictable sales engine", "Establish an enterprise sales motion"), change, winning
    or a generic one; the object holds no state of people (``outcome_objects``), no
    word of degree or opinion, no standard for people (:func:`aspiration`) and no
    clause saying what the thing is for ("… that lets anyone find data"). Examples:
    "Develop version control for hardware", "Hire into the key infrastructure
    vacancies", "Identify areas of progress and future goals".
    """
    verb = words["activity_verbs"].at(toks, start)
    if verb is None:
        moving = words["moving_verbs"].at(toks, start)
        if moving is None or "to" not in toks or words["determiners"].at(toks, start + len(moving.words)) is None:
            return None
        verb = moving  # "Move the office to Amsterdam": a relocation, a project
    after = start + len(verb.words)
    if after >= len(toks) or any(words[name].at(toks, start) for name in _NOT_WORK):
        return None
    rest = toks[after:]
    clause = rest
    if words["moving_verbs"].at(toks, start) is not None and "to" in rest:
        cut = rest.index("to")
        clause = rest[:cut] + rest[cut + 1 :]  # "to Amsterdam" is where the thing moves, not what it is for
    if any(t in _CLAUSE for t in clause) or _vague_in(toks, words):
        return None
    if rest[0] in ("and", "&") and any(words[n].at(rest, 1) for n in _NOT_WORK[1:]):
        return None  # "Hire and keep the best engineers": a verb of winning or change joined, a direction
    if any(words["excellence"].at(rest, k) or rest[k] in ("best", "finest") for k in range(len(rest))):
        return None  # a standard to reach: an aspiration or a vague objective, not a project
    head = next((k for k, t in enumerate(rest) if t in _PREPOSITIONS or t in ("of", "for", "by")), len(rest))
    if any(words["outcome_objects"].at(rest[:head], k) for k in range(head)) or aspiration(text, words):
        return None  # "Build a culture of …": the object's head is a state of people
    return as_written(text, start, after)


def _two_orders(text: str, toks: tuple[str, ...], start: int, words: Words) -> str | None:
    """A verb of work with its object, "and", and a second verb of work with its object, or None.

    "Build the managed service and onboard its first private beta users" is a project
    plan of two steps, also when the first verb alone is one of direction. Neither
    verb is one of change or winning, the second verb is followed by a determiner, and
    no clause ("that", "to" …) comes before the "and".
    """
    first = words["activity_verbs"].at(toks, start)
    if first is None or any(words[n].at(toks, start) for n in ("change_verbs", "achievement_verbs")):
        return None
    if "and" not in toks and "&" not in toks:
        return None
    for i in range(start + len(first.words) + 1, len(toks) - 2):
        if toks[i] in _CLAUSE:
            return None
        if toks[i] not in ("and", "&"):
            continue
        second = words["activity_verbs"].at(toks, i + 1)
        if second is None or any(words[n].at(toks, i + 1) for n in _NOT_WORK[1:]):
            continue
        end = i + 1 + len(second.words)
        if end < len(toks) and words["determiners"].at(toks, end) is not None:
            return as_written(text, start, start + len(first.words))
    return None


def _delivery_ordered(text: str, toks: tuple[str, ...], start: int, words: Words) -> str | None:
    """ "Get" + a thing + a participle of work or delivery at the end, as written, or None.

    "Get the Brave integration released" orders a delivery: a project, done when it
    ships (OKR205 for an objective). "Get featured on the App Store" (the participle
    right after "get") is an achievement, not this shape.
    """
    if start + 2 >= len(toks) or toks[start] not in ("get", "have"):
        return None
    last = toks[-1]
    if not (last in _MADE or (last.endswith("ed") and past_tense(toks, len(toks) - 1, words["activity_verbs"]))):
        return None
    return as_written(text, start, start + 1)


@lru_cache(maxsize=8192)
def task_objective(text: str, words: Words) -> str | None:
    """The opening verb of an objective that reads as a project, as written, or None.

    One of :func:`_work_objective` ("Develop version control for hardware"),
    :func:`_two_orders` ("Build the managed service and onboard its first users") or
    :func:`_delivery_ordered` ("Get the integration released"). One cached call: check
    reads 20,000 objectives, and the tokens are read once.
    """
    toks = tokens(text)
    start = opening(toks)
    if start + 1 >= len(toks):
        return None
    return (
        _work_objective(text, toks, start, words)
        or _two_orders(text, toks, start, words)
        or _delivery_ordered(text, toks, start, words)
        or _deliverable_object(text, toks, start, words)
    )


# Verbs of being, having and wishing: what follows them is a state or a clause, not a thing
# worked on ("Ensure every employee understands our strategy").
_WISHES = frozenset(("be", "become", "have", "get", "keep", "ensure", "guarantee", "let", "allow", "see"))
# Verbs whose object is never a project: change (OKR208's), winning, being and having.
_NOT_PROJECT = ("change_verbs", "achievement_verbs", "mind_verbs", "quantifiers")


def _deliverable_object(text: str, toks: tuple[str, ...], start: int, words: Words) -> str | None:
    """An opening verb, a determiner and an object whose head is a deliverable, as written, or None.

    "Extend the search and paid advertising programmes", "Refresh our partner
    playbook": whatever the verb, a programme, a plan, a website or a report (list
    ``deliverable_nouns``) worked on is a project, done when it ships (r18e). The head is
    the last word of the object (before a preposition, a clause or the end); "and" may
    join two objects. Not for verbs of change, winning or the mind, nor with a word of
    degree or a standard ("Build a world-class support programme").
    """
    if start + 2 >= len(toks) or words["determiners"].at(toks, start + 1) is None:
        return None
    if toks[start] in STOP_WORDS or toks[start] in _WISHES:
        return None
    if any(words[name].at(toks, start) for name in _NOT_PROJECT):
        return None
    head = None
    for k in range(start + 2, min(start + 9, len(toks))):
        if toks[k] in _OBJECT_ENDS:
            break
        if toks[k] in _PRONOUNS or toks[k] in _STATE_VERBS:
            return None  # "a pipeline we can plan on": a clause says what the thing is for
        if k + 1 < len(toks) and toks[k].endswith("s") and words["determiners"].at(toks, k + 1) is not None:
            return None  # "every employee understands our strategy": a verb of its own, a clause
        head = k
    if head is None or words["deliverable_nouns"].at(toks, head) is None:
        return None
    rest = toks[start + 1 : head + 1]
    if _vague_in(rest, words) or any(words["excellence"].at(rest, k) or rest[k] == "best" for k in range(len(rest))):
        return None
    return as_written(text, start, start + 1)  # the head is the thing made: "loyalty programmes" are programmes


def task_verb(title: str, words: Words) -> str | None:
    """The verb that makes an objective a task (OKR205), or None.

    Not cached itself: objective titles are mostly distinct, and each question it asks
    is cached (a cache here only added misses on the 20,000-objective benchmark).
    """
    verb = task_opening(title, words)
    if verb and _ENABLING.intersection(tokens(title)):
        verb = None  # "Ship features … that enable 3x growth in ARR": the clause says what the work is for
    return verb or joined_task(title, words) or task_objective(title, words)


# Words that open a clause saying what a task is for: its object is then the means to a
# direction (the same exemption the work-objective shape makes, r18e).
_ENABLING = frozenset(("that", "which", "so"))

"""Vague objectives: a title that names no outcome, audience or direction of its own (OKR208).

Split from :mod:`rollout.rules.grammar` (r18e). The shapes, read with the word classes of
``words.yaml``, never particular sentences:

- every word generic, hollow or small after an opening verb ("Improve quality",
  "Establish critical routines for future productivity");
- one word ("Ownership"), a topic ("Share knowledge", "Search on linked data");
- a verb of change with one or two bare noun phrases ("Improve the trial experience and
  trial engagement", "Boost awareness of our brand");
- a verb of support with its object alone ("Support the self-serve segment");
- a standard with no field ("Create the best employee experience"), going on
  ("Continue to improve …"), a movement with no destination ("Move the vision forward"),
  "make" someone feel ("Make customers happy").

Pure and cached, like the rest of the wording rules.
"""

from __future__ import annotations

from functools import lru_cache

from rollout.rules.grammar import aspiration
from rollout.rules.reading import _DETERMINERS, _STATE_VERBS
from rollout.rules.text import STOP_WORDS, Words, has_quantity, opening, placeholders, tokens


@lru_cache(maxsize=8192)
def vague_objective(text: str, words: Words) -> bool:
    """True when an objective names no outcome, audience or direction of its own.

    Shapes (and no number: numbers are :class:`OKR204`'s business):

    - every word is generic (list ``generic_words``), a word of degree or a small word,
      after an opening verb of change ("Improve quality", "Be the best", "Revitalize
      our online presence");
    - one word ("Ownership", "Teamwork"): a topic, not a direction;
    - a verb of change or degree (list ``change_verbs``) with one or two bare noun
      phrases of at most three words and nothing else: an opening "the" or "our" at
      most, no preposition, no second clause ("Improve employee engagement",
      "Optimize localization footprint", "Improve the trial experience and trial
      engagement"); an adverb ("Significantly improve our employee satisfaction")
      or an audience ("Increase satisfaction with onboarding for new users") says
      how far or for whom, and a bond between people (list ``bonds``: "Improve
      customer trust") is a direction;
    - the other shapes of the module docstring (support verbs, hollow words, "the
      best" with no field, going on, no destination).

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
        or (
            toks[start] in _GOING_ON and len(toks) > start + 1 and toks[start + 1] in ("to", "on", "with", "our", "the")
        )
        or (change is not None and _bare_change(toks[after:], words))
        or _all_generic(toks, after, words)
        or (leading is not None and _all_generic(toks, start + len(leading.words), words))
        or (helper is not None and _supported_only(toks, start + len(helper.words), words))
        or _unscoped_best(toks, start, words)
        or _no_destination(toks, start)
        or _more_of_a_kind(toks, start, words)
        or _topic(text, toks, start, words)
        or _made_to_feel(toks, start, words)
    ):
        return not aspiration(text, words)  # asked last: most titles are not vague at all
    return False


# Endings of nouns made from verbs or adjectives: "continuity", "awareness", "adoption".
_NOMINAL = ("ity", "ness", "ion", "ment", "ance", "ence", "ship")


def _more_of_a_kind(toks: tuple[str, ...], start: int, words: Words) -> bool:
    """ "Be"/"become" + a comparative + one or two words: a degree with no measure ("Be more customer-centric")."""
    rest = toks[start:]
    return (
        3 <= len(rest) <= 4
        and rest[0] in ("be", "become")
        and words["comparatives"].at(rest, 1) is not None
        and not any(t in STOP_WORDS for t in rest[2:])
    )


def _state_of_being(toks: tuple[str, ...], start: int, words: Words) -> bool:
    """ "Be"/"become" + one word that is no word of degree or opinion: a state ("Be profitable")."""
    if len(toks) != start + 2 or toks[start] not in ("be", "become"):
        return False
    return words["vague_words"].at(toks, start + 1) is None and words["comparatives"].at(toks, start + 1) is None


# Verbs of going on: "Continue to improve …", "Carry on with …" keep what is, no direction (r18e).
_GOING_ON = frozenset(("continue", "continues", "carry"))
# Words of movement with no destination: "Move the vision forward", "Take sales to the next level".
_ONWARD = frozenset(("forward", "forwards", "ahead", "along", "further", "onward", "onwards"))


def _no_destination(toks: tuple[str, ...], start: int) -> bool:
    """An objective that ends in a movement with no destination ("Move the vision forward", "… to the next level")."""
    if len(toks) - start < 3:
        return False
    return toks[-1] in _ONWARD or toks[-2:] == ("next", "level")


# Prepositions that make a topic of a verb and a bare noun ("Search on linked data", "Work on performance").
_TOPIC_PREPOSITIONS = frozenset(("on", "about", "around", "with"))


def _topic(text: str, toks: tuple[str, ...], start: int, words: Words) -> bool:
    """A topic, not a direction: a verb with one bare noun ("Share knowledge") or "X of Y" ("Continuity of process").

    The verb is not one of winning ("Win Germany") and the noun is no name (written in
    capitals), no state of people ("Build trust") and not a number.
    """
    size = len(toks) - start
    if size not in (2, 3, 4):
        return False  # the cheap test first: most titles are longer
    rest = toks[start:]
    if size > 2 and rest[1] in _TOPIC_PREPOSITIONS:
        # "Search on linked data": a verb, a preposition and one or two bare lower-case words
        if words["achievement_verbs"].at(rest, 0) or words["change_verbs"].at(rest, 0):
            return False
        bare = rest[2:]
        return text.split()[-1][:1].islower() and not any(
            t in STOP_WORDS or t in _DETERMINERS or words["outcome_objects"].at(bare, k) for k, t in enumerate(bare)
        )
    if size == 4:
        return False
    if len(rest) == 3 and rest[1] in ("of", "in", "for", "across"):
        # "Continuity of process", "Excellence in delivery": a noun of a noun
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
        rest = rest[1:]  # "the" and "our" name no audience: "our" is the team itself ("Grow our social presence")
    if len(rest) >= 3 and rest[-3] == "of" and rest[-2] in ("the", "our", "its", "their"):
        rest = (*rest[:-3], rest[-1])  # "Boost awareness of our brand": a noun of a noun, still bare
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
    if any(t.endswith("ing") and rest[k - 1] in ("in", "with") for k, t in enumerate(rest) if k):
        return False  # "Support the community in adopting IPFS": what they will do is said
    for k in range(1, len(rest)):
        if any(words[name].at(rest, k) for name in _VERB_LISTS) or words["excellence"].at(rest, k):
            return False
    if words["excellence"].at(rest, 0) or any(words[name].at(rest, 0) for name in _VERB_LISTS):
        return False
    return not _does_something(rest)


def _does_something(rest: tuple[str, ...]) -> bool:
    """True when a plain verb follows a plural noun in ``rest``: "Help clinics spend less time …" (r18g).

    The supported people do something: a verb of their own, found by the lexicon
    (:mod:`rollout.rules.lexicon`) rather than the verb lists, is what changes for them.
    """
    from rollout.rules.lexicon import lexicon
    from rollout.rules.objective_shapes import _plural_noun

    lex = lexicon()
    return any(rest[k] in lex.verbs and _plural_noun(rest[k - 1], lex) for k in range(1, len(rest)))

"""Objective shapes that say nothing of their own: vague (OKR208) and jargon (OKR206) (r18g).

Split from :mod:`rollout.rules.objective_shapes` (the shapes of a state and of a task),
whose module docstring gives the whole picture; read with the same lexicon
(:mod:`rollout.rules.lexicon`) and the same cheap-first order.
"""

from __future__ import annotations

from functools import lru_cache

from rollout.rules.lexicon import Lexicon, is_noun_proper, lexicon
from rollout.rules.objective_shapes import _CLAUSE_OPENERS, _FINITE, _plural_noun, state_clause
from rollout.rules.orders import _change_by_form, _plain_verb
from rollout.rules.reading import _DETERMINERS
from rollout.rules.text import STOP_WORDS, Words, as_written, has_quantity, opening, placeholders, tokens

# --- vague (OKR208) --------------------------------------------------------------------------


@lru_cache(maxsize=8192)
def vague_shape(text: str, words: Words) -> bool:
    """True when the objective's shape names no outcome, audience or direction of its own.

    - a list of three or more noun phrases of at most three words and no verb ("Employer
      brand, effective hiring, better decisions"): topics, not a direction;
    - a noun phrase of two or three lower-case words and no verb ("Popular next-generation
      product");
    - a verb made from an adjective (the lexicon: "secure", "clear"; or adjective + -en,
      "broaden") that is no verb of work, with a bare object of at most three words and
      no name ("Broaden our reach", "Secure the company");
    - "make", "keep" or "get" + an object of at most three words + a word of value or
      opinion (``vague_words``: "Make the stream good!").

    No number (OKR204's) and no placeholder (OKR210's).
    """
    toks = tokens(text)
    start = opening(toks)
    size = len(toks) - start
    if size < 2 or size > 12 or has_quantity(text, words) or placeholders(text):
        return False
    if "," in text and _noun_list(text, words):
        return True
    if size <= 3 and _short_noun_phrase(text, toks, start, words):
        return True
    if size <= 5 and toks[start] in ("make", "keep", "get") and _made_good(toks, start, words):
        return True
    return size <= 4 and _adjective_verb_bare(text, toks, start, words)


def _noun_list(text: str, words: Words) -> bool:
    """Three or more parts split by commas and "and", each of one to three words, and no verb."""
    pieces = [p for chunk in text.split(",") for p in chunk.replace(" and ", ",").split(",")]
    parts = [tokens(p) for p in pieces if tokens(p)]
    if len(parts) < 3 or any(len(p) > 3 for p in parts):
        return False
    lex = lexicon()
    for part in parts:
        if any(t in _FINITE or t in _CLAUSE_OPENERS or t.isdigit() for t in part):
            return False
        first = part[0]
        if _plain_verb(first, lex.verbs) and not lex.is_noun(first):
            return False  # "Grow, retain and delight …": orders, not topics
        last = part[-1]
        if (len(part) == 1 and part is not parts[-1] and lex.is_adjective(last)) or (
            lex.is_adjective(last) and not is_noun_proper(lex, last)
        ):
            return False  # "Safe, clean and welcoming stores": adjectives in a row before one noun
    return not state_clause(text, words)


def _short_noun_phrase(text: str, toks: tuple[str, ...], start: int, words: Words) -> bool:
    """Two or three lower-case words after the first, no verb: a topic ("Popular next-generation product")."""
    written = text.split()
    if any(w[:1].isupper() for w in written[1:]) or any(t in STOP_WORDS for t in toks[start:]):
        return False
    if words["comparatives"].at(toks, start) is not None:
        return False  # "Fewer app crashes", "Faster checkout": a direction, the way things should move
    lex = lexicon()
    if _plain_verb(toks[start], lex.verbs):
        return False  # "Grow revenue", "Share knowledge": an order, read by the other shapes
    if not all(lex.is_noun(t) or _plural_noun(t, lex) or "-" in t or _participle(t, lex) for t in toks[start:]):
        return False  # a word the lexicon does not know may be a name or a term ("libp2p")
    return not state_clause(text, words)


def _participle(word: str, lex: Lexicon) -> bool:
    """True for an -ing or -ed form of a verb used as an adjective ("exciting", "connected")."""
    if word.endswith("ing") and len(word) > 5:
        stem = word[:-3]
        return stem in lex.verbs or stem + "e" in lex.verbs or (stem[-1] == stem[-2] and stem[:-1] in lex.verbs)
    return word.endswith("ed") and word in lex.past


def _made_good(toks: tuple[str, ...], start: int, words: Words) -> bool:
    """ "Make"/"keep"/"get" + an object of one to three words + a word of value or opinion at the end."""
    rest = toks[start + 1 :]
    if not 2 <= len(rest) <= 4 or words["vague_words"].at(rest, len(rest) - 1) is None:
        return False
    obj = rest[:-1]
    if obj[0] in _DETERMINERS:
        obj = obj[1:]
    return bool(obj) and not any(t in STOP_WORDS or t in _DETERMINERS for t in obj)


# Verbs of work: a verb made from an adjective among them ("open", "complete") orders a task.
_WORK = ("activity_verbs", "task_verbs", "counted_activity_verbs", "moving_verbs")


def _adjective_verb_bare(text: str, toks: tuple[str, ...], start: int, words: Words) -> bool:
    """A verb made from an adjective and a bare object ("Broaden our reach", "Secure the company").

    English makes verbs of change from adjectives by conversion ("secure", "clear",
    "free": make secure) and with -en ("broaden", "sharpen"; Quirk et al., appendix I.36
    and I.43). With only a bare object after it, such a verb names the direction of a
    change and no outcome, audience or field, like "Improve quality".
    """
    first = toks[start]
    lex = lexicon()
    if first not in lex.verbs or any(words[name].at(toks, start) for name in _WORK):
        return False
    if text.split()[start].endswith(","):
        return False  # "Clear, honest pricing": adjectives in a row, no verb
    if not (lex.is_adjective(first) or _change_by_form(first, lex) or _en_of_adjective(first, lex)):
        return False
    rest = toks[start + 1 :]
    if rest[0] in ("the", "our", "its", "their"):
        rest = rest[1:]
    if not 1 <= len(rest) <= 2 or any(w[:1].isupper() for w in text.split()[start + 1 :]):
        return False
    return not any(t in STOP_WORDS or t in _DETERMINERS or words["bonds"].at(rest, k) for k, t in enumerate(rest))


def _en_of_adjective(verb: str, lex: Lexicon) -> bool:
    """True for adjective + -en where the adjective ends in a silent e ("widen": wide, "ripen": ripe)."""
    return verb.endswith("en") and len(verb) >= 5 and lex.is_adjective(verb[:-2] + "e")


# --- jargon (OKR206) -------------------------------------------------------------------------


@lru_cache(maxsize=8192)
def jargon_shapes(text: str, words: Words) -> tuple[str, ...]:
    """Buzzword constructions found in a title, as written.

    - a machine for a function (list ``machine_nouns``: engine, flywheel …) after the
      name of a function, opened by a verb that puts energy into a machine (list
      ``energy_verbs``: recharge, supercharge, fuel, rev up …): "Recharge the inbound
      marketing engine". "Build a predictable, repeatable sales engine" describes the
      engine wanted, and "Launch the pricing engine" ships software: neither is flagged;
    - a standard as an abstract noun (list ``standard_nouns``: excellence …) after the
      name of an area ("operational excellence", "marketing process and visibility
      excellence").

    Tried and left out: a verb made with -ise/-ize/-ify that the lexicon does not list
    ("Productise", "Gamify"). The lexicon lacks as many technical verbs of that form
    ("containerise", "virtualise", "tokenise", "parallelise", "anonymise"), so the test
    would call engineering objectives jargon; and "Democratise" is listed. No general
    test of the form separates a buzzword from a change.
    """
    toks = tokens(text)
    if not toks:
        return ()
    found: list[str] = []
    start = opening(toks)
    machines = words["machine_nouns"].find(toks)
    if machines and words["energy_verbs"].at(toks, start) is not None:
        for i, phrase in machines:
            if i - 1 > start and toks[i - 1] not in STOP_WORDS and toks[i - 1] not in _DETERMINERS:
                found.append(as_written(text, i - 1, i + len(phrase.words)))
    for i, phrase in words["standard_nouns"].find(toks):
        if i - 1 > start and toks[i - 1] not in STOP_WORDS and toks[i - 1] not in _DETERMINERS:
            found.append(as_written(text, i - 1, i + len(phrase.words)))
    return tuple(found)

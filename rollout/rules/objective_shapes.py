"""Objective shapes decided by the lexicon and the sentence, not by lists of sentences (r18g).

Six passes grew word lists from the objectives their sets missed, and the unseen set moved
little; r18f's order test for key results (:mod:`rollout.rules.orders`), which asks a
lexicon (:mod:`rollout.rules.lexicon`) whether the first word is a verb, moved it. This
module reads an objective the same way, by its shape:

- **a state** (:func:`state_clause`): a subject and a finite verb ("Customers succeed
  with the product", "Support engineers can answer customers from the docs"). It says
  what is true when the objective is reached: never vague (OKR208), never a task (OKR205);
- **a task** (:func:`task_shape`, OKR205): a plain verb first and a means to an end:
  a verb of study with its object ("Measure the value partners can bring"), a thing
  made or used followed by its purpose as a bare infinitive ("Use ticket templates to
  improve speed", "Build content paths to support lead flow"), a phrasal verb of making
  with a deliverable ("Build out a framework for …");
- **vague** (:func:`vague_shape`, OKR208): no outcome, audience or direction of its own:
  a list of noun phrases and no verb ("Employer brand, effective hiring, better
  decisions"), a short noun phrase with no verb ("Popular next-generation product"), a
  verb made from an adjective ("broaden", "secure": make broader, make secure) with a
  bare object ("Broaden our reach", "Secure the company"), "make" something "good"
  ("Make the stream good!");
- **jargon** (:func:`jargon_shapes`, OKR206): a machine for a function ("Recharge the
  inbound marketing engine"), an area of work + "excellence" ("Achieve marketing process
  excellence"), a verb coined with -ise/-ize/-ify that the lexicon does not know
  ("Productise", "Operationalise").

A plain verb first with an outcome for someone or a direction ("Create a happy and
productive engineering team", "Make onboarding effortless for new hires") is none of
these: :func:`people_object` tells the task rule that people are not made.

Every test is cheap first (a set lookup on the first word, the number of words) and asks
the lexicon only for the titles the cheap tests leave open: ``rollout check`` reads
20,000 objectives and must stay instant (DESIGN.md, speed facts).
"""

from __future__ import annotations

from functools import lru_cache

from rollout.rules.lexicon import Lexicon, lexicon
from rollout.rules.orders import _object_follows, _plain_verb
from rollout.rules.reading import _DETERMINERS
from rollout.rules.text import STOP_WORDS, Words, as_written, has_quantity, opening, placeholders, tokens

# Finite forms that need no lexicon: auxiliaries and modals ("… can answer", "… are satisfied").
_FINITE = frozenset(
    (
        "is",
        "are",
        "was",
        "were",
        "has",
        "have",
        "had",
        "does",
        "do",
        "did",
        "can",
        "could",
        "will",
        "would",
        "should",
        "must",
        "may",
        "might",
        "shall",
    )
)
# Words that open a clause of the subject ("Cleaner neighbourhoods whose residents are …"):
# a finite verb after them is the clause's, not the title's.
_CLAUSE_OPENERS = frozenset(("that", "which", "who", "whose", "where", "when", "so", "because", "if", "while", "as"))
# Verbs whose first word may not open a subject: being, having, wishing.
_NEVER_SUBJECT = frozenset(("be", "become", "have", "get", "keep", "make", "let", "help", "ensure", "stay"))
_ARTICLES = frozenset(("a", "an", "the", "our", "their", "its", "this", "these", "every", "each", "all", "more"))


def _plural_noun(word: str, lex: Lexicon) -> bool:
    """True for a plural noun ("customers", "engineers", "activities"), from the lexicon's singular."""
    if len(word) < 4 or not word.endswith("s") or word.endswith("ss"):
        return False
    if word.endswith("ies") and lex.is_noun(word[:-3] + "y"):
        return True
    return lex.is_noun(word[:-1]) or (word.endswith("es") and lex.is_noun(word[:-2]))


@lru_cache(maxsize=8192)
def state_clause(text: str, words: Words) -> bool:
    """True when the title is a clause with its subject first and a finite verb: a state reached.

    "Customers succeed with the product", "Support engineers can answer customers from
    the docs", "The desktop app replaces the daemon as where new users start". The
    subject is a noun phrase (its first word is no plain verb, or a verb that is also a
    noun with no object after it); the finite verb is an auxiliary or modal, a third
    person ("replaces"), or a plain verb right after a plural noun ("Customers
    succeed"). When the first word can be an order ("Support", "Help") only an auxiliary,
    or a modal counts: "Help customers succeed" and "Use ticket templates …" are orders.
    """
    toks = tokens(text)
    start = opening(toks)
    if len(toks) - start < 2 or toks[start] in _NEVER_SUBJECT or toks[start] in _FINITE:
        return False
    lex = lexicon()
    first = toks[start]
    ordered = _plain_verb(first, lex.verbs)
    if ordered and (not lex.is_noun(first) or _object_follows(toks, start, words)):
        return False  # "Grow …", "Measure the value …": a verb with its object, an order
    for i in range(start + 1, min(start + 7, len(toks))):
        tok = toks[i]
        if tok in _CLAUSE_OPENERS or (tok == "to" and i + 1 < len(toks) and toks[i + 1] in lex.verbs):
            return False
        if tok in _FINITE:
            return True
        if ordered:
            continue  # "Support engineers answer …", "Use ticket templates …" may be orders: only a modal counts
        if lex.is_third_person(tok):
            return True
        after = toks[i + 1] if i + 1 < len(toks) else ""
        if lex.is_third_person(tok, plural_nouns=True) and (after in _ARTICLES or after[:1].isdigit()):
            return True  # "Marketing builds a defensible category position"
        plain_after_plural = tok in lex.verbs and _plural_noun(toks[i - 1], lex) and toks[i - 1] not in STOP_WORDS
        if plain_after_plural and (
            not lex.is_noun(tok) or after in _ARTICLES or after[:1].isdigit() or after in _PREPOSITIONS
        ):
            return True  # "Customers succeed with …", "Contributions reach 180"
    return False


_PREPOSITIONS = frozenset(("with", "from", "in", "on", "at", "into", "to", "for", "across", "by", "through", "over"))


# Verbs of making: what they make may be a group of people, which is no project.
_MAKING = frozenset(("create", "build", "form", "grow", "develop", "make", "shape"))


def people_object(text: str, words: Words) -> bool:
    """True when a verb of making opens the title and its object is a group of people (list ``the_team``).

    People are not made or shipped: "Create a happy and productive engineering team" is a
    direction (the team it wants), not a task, however the team is described. Hiring
    people stays a task ("Hire the missing directors").
    """
    toks = tokens(text)
    start = opening(toks) + 1
    if toks[start - 1 : start] and toks[start - 1] not in _MAKING:
        return False
    end = start
    while end < len(toks) and toks[end] not in _PREPOSITIONS and toks[end] not in _CLAUSE_OPENERS:
        end += 1
    return end > start and words["the_team"].at(toks, end - 1) is not None


# --- tasks (OKR205) --------------------------------------------------------------------------

# Verbs whose object is never a means to an end: change, winning, the mind, wishes, support.
_NOT_MEANS = (
    "change_verbs",
    "achievement_verbs",
    "mind_verbs",
    "vague_words",
    "support_verbs",
    "bau_verbs",
    "steady_verbs",
)
_WISHES = frozenset(
    ("be", "become", "have", "get", "keep", "ensure", "let", "allow", "stay", "help", "turn", "make", "set")
)
# Plural agent nouns by their ending ("leaders", "developers", "contributors", "analysts",
# "residents"): English derives the doer of a verb with -er/-or, -ist, -ant/-ent (Quirk et
# al., appendix I.34-I.35). Read with the lists of people, they say who, not what.
_AGENTS = ("ers", "ors", "ists", "ants", "ents")
_HUMAN = frozenset(("people", "staff", "customers", "users", "clients", "members", "hires", "partners", "everyone"))


def _people(phrase: tuple[str, ...], k: int, words: Words) -> bool:
    """True when the word at ``k`` names people: a team, an agent noun, or people in general."""
    word = phrase[k]
    return word in _HUMAN or word.endswith(_AGENTS) or words["the_team"].at(phrase, k) is not None


@lru_cache(maxsize=8192)
def task_shape(text: str, words: Words) -> str | None:
    """The opening verb of an objective shaped as a task, as written, or None.

    - a verb of study (list ``study_verbs``: Levin's verbs of assessment and
      investigation, and measuring) with its object, whatever clause follows: what is
      studied is information, the work before a direction ("Measure the value partners
      can bring to the business");
    - a plain verb (lexicon) and a noun phrase, then its purpose as a bare infinitive:
      the thing made or used is the means and the purpose the objective ("Use ticket
      templates to improve speed", "Build content paths to support lead flow"); not
      after a verb of change, winning, the mind or a wish, not when the noun phrase is
      a state or a group of people ("Build a culture to …"), not "… enough to";
    - a phrasal verb (verb + particle) with a determiner and a deliverable (list
      ``deliverable_nouns``: "Build out a framework for an integrated campaign").
    """
    toks = tokens(text)
    start = opening(toks)
    if len(toks) - start < 3 or toks[start] in STOP_WORDS or toks[start] in _WISHES:
        return None
    study = words["study_verbs"].at(toks, start)
    if study is not None:
        after = start + len(study.words)
        if after < len(toks) and toks[after] not in ("and", "&", "to") and not has_quantity(text, words):
            return as_written(text, start, after)
        return None
    if "to" in toks[start + 2 :]:
        verb = _means_to_end(toks, start, words)
        if verb:
            return as_written(text, start, start + 1)
    if words["particles"].at(toks, start + 1) is not None and len(toks) - start >= 4:
        return _built_out(text, toks, start, words)
    return None


_BEING = frozenset(("be", "become", "remain", "stay", "feel", "seem"))
# Nouns of a quality or capacity take an infinitive of their own ("the capacity to serve …").
_ABSTRACT = ("ity", "ness", "ance", "ence")
# Words that show the words before "to" are no noun phrase: a clause, a degree, "and".
_NOT_IN_PHRASE = frozenset(
    (*_CLAUSE_OPENERS, "before", "after", "until", "unless", "once", "than", "enough", "and", "&")
)


def _means_to_end(toks: tuple[str, ...], start: int, words: Words) -> bool:
    """A plain verb, a noun phrase of one to five words and "to" + a plain verb (its purpose)."""
    cut = toks.index("to", start + 2)
    if cut - start > 6 or cut + 1 >= len(toks):
        return False
    if any(words[name].at(toks, start) for name in _NOT_MEANS):
        return False
    lex = lexicon()
    if not _plain_verb(toks[start], lex.verbs) or toks[cut + 1] not in lex.verbs or toks[cut + 1] in _DETERMINERS:
        return False
    if toks[cut + 1] in _BEING:
        return False  # "Lay the foundation to become the standard tool": the purpose is a state, the direction
    phrase = toks[start + 1 : cut]
    head = phrase[-1]
    if head in STOP_WORDS or head.endswith("ly") or lex.is_adjective(head):
        return False  # "Make our forecasts accurate enough to plan on": how good, not a means
    if head.endswith(_ABSTRACT) or head in ("way", "ways", "place", "places"):
        return False  # "the confidence to lead", "a way to create …": a capacity for people, not a thing
    if _people(phrase, len(phrase) - 1, words):
        return False  # "Equip team leaders to coach their people": what people will do, an outcome for them
    if any(t in _NOT_IN_PHRASE or t in _FINITE or t in _PREPOSITIONS for t in phrase):
        return False  # "problems before customers have to ask", "enough demand to carry …"
    if any(words["determiners"].at(phrase, k) for k in range(1, len(phrase))):
        return False  # "Give users a seamless way to …": someone and something, an outcome for someone
    last = len(phrase) - 1
    if words["outcome_objects"].at(phrase, last):
        return False  # "Build a culture to …": a state for people, a direction
    return not any(words["excellence"].at(phrase, k) for k in range(len(phrase)))


def _built_out(text: str, toks: tuple[str, ...], start: int, words: Words) -> str | None:
    """A plain verb + a particle + a determiner and a deliverable ("Build out a framework for …")."""
    lex = lexicon()
    if not _plain_verb(toks[start], lex.verbs) or any(words[name].at(toks, start) for name in _NOT_MEANS):
        return None
    if words["determiners"].at(toks, start + 2) is None:
        return None
    head = None
    for k in range(start + 3, min(start + 9, len(toks))):
        if toks[k] in _PREPOSITIONS or toks[k] in _CLAUSE_OPENERS or toks[k] in ("of", "and"):
            break
        head = k
    if head is None or words["deliverable_nouns"].at(toks, head) is None:
        return None
    return as_written(text, start, start + 2)


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
    if text.count(",") >= 2 and _noun_list(text, words):
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
    return not state_clause(text, words)


def _short_noun_phrase(text: str, toks: tuple[str, ...], start: int, words: Words) -> bool:
    """Two or three lower-case words after the first, no verb: a topic ("Popular next-generation product")."""
    written = text.split()
    if any(w[:1].isupper() for w in written[1:]) or any(t in STOP_WORDS for t in toks[start:]):
        return False
    lex = lexicon()
    if _plain_verb(toks[start], lex.verbs):
        return False  # "Grow revenue", "Share knowledge": an order, read by the other shapes
    if not all(lex.is_noun(t) or "-" in t for t in toks[start:]):
        return False  # a word the lexicon does not know may be a name or a term ("libp2p")
    return not state_clause(text, words)


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
    from rollout.rules.orders import _change_by_form

    if not (lex.is_adjective(first) or _change_by_form(first, lex)):
        return False
    rest = toks[start + 1 :]
    if rest[0] in ("the", "our", "its", "their"):
        rest = rest[1:]
    if not 1 <= len(rest) <= 2 or any(w[:1].isupper() for w in text.split()[start + 1 :]):
        return False
    return not any(t in STOP_WORDS or t in _DETERMINERS or words["bonds"].at(rest, k) for k, t in enumerate(rest))


# --- jargon (OKR206) -------------------------------------------------------------------------

_COINING = ("ise", "ize", "ify")


@lru_cache(maxsize=8192)
def jargon_shapes(text: str, words: Words) -> tuple[str, ...]:
    """Buzzword constructions found in a title, as written.

    - a machine for a function (list ``machine_nouns``: engine, flywheel …) after the
      name of a function, when the verb does not build or run it ("Recharge the inbound
      marketing engine"; "Build a predictable, repeatable sales engine" describes the
      engine wanted);
    - a standard as an abstract noun (list ``standard_nouns``: excellence …) after the
      name of an area ("operational excellence", "marketing process and visibility
      excellence");
    - a verb coined with -ise, -ize or -ify that the lexicon does not know, in either
      spelling ("Productise the platform", "Operationalise our values").
    """
    toks = tokens(text)
    if not toks:
        return ()
    found: list[str] = []
    start = opening(toks)
    machines = words["machine_nouns"].find(toks)
    if machines and words["directional_verbs"].at(toks, start) is None:
        for i, phrase in machines:
            if i - 1 > start and toks[i - 1] not in STOP_WORDS and toks[i - 1] not in _DETERMINERS:
                found.append(as_written(text, i - 1, i + len(phrase.words)))
    for i, phrase in words["standard_nouns"].find(toks):
        if i - 1 > start and toks[i - 1] not in STOP_WORDS and toks[i - 1] not in _DETERMINERS:
            found.append(as_written(text, i - 1, i + len(phrase.words)))
    first = toks[start]
    if first.endswith(_COINING) and len(first) > 6 and first.isalpha():
        lex = lexicon()
        other = first[:-3] + ("ize" if first.endswith("ise") else "ise" if first.endswith("ize") else "ify")
        if first not in lex.verbs and other not in lex.verbs and not lex.is_noun(first):
            found.append(as_written(text, start, start + 1))
    return tuple(found)

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
- **vague** (OKR208, :func:`rollout.rules.objective_vague.vague_shape`): no outcome,
  audience or direction of its own: a list of noun phrases and no verb ("Employer brand,
  effective hiring, better decisions"), a short noun phrase with no verb ("Popular
  next-generation product"), a verb made from an adjective ("broaden", "secure": make
  broader, make secure) with a bare object ("Broaden our reach", "Secure the company"),
  "make" something "good" ("Make the stream good!");
- **jargon** (OKR206, :func:`rollout.rules.objective_vague.jargon_shapes`): a machine for
  a function, fuelled or recharged ("Recharge the inbound marketing engine"), an area of
  work + "excellence" ("Achieve marketing process excellence").

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
from rollout.rules.objectives import _all_generic
from rollout.rules.orders import _object_follows, _plain_verb
from rollout.rules.reading import _DETERMINERS
from rollout.rules.text import STOP_WORDS, Words, as_written, has_quantity, opening, tokens

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
    return _finite_verb(text, words) is not None


@lru_cache(maxsize=8192)
def _finite_verb(text: str, words: Words) -> int | None:
    """Index of the finite verb of a title shaped as a clause (:func:`state_clause`), or None."""
    toks = tokens(text)
    start = opening(toks)
    if len(toks) - start < 2 or toks[start] in _NEVER_SUBJECT or toks[start] in _FINITE:
        return None
    lex = lexicon()
    first = toks[start]
    ordered = _plain_verb(first, lex.verbs)
    if ordered and (not lex.is_noun(first) or _object_follows(toks, start, words)):
        return None  # "Grow …", "Measure the value …": a verb with its object, an order
    for i in range(start + 1, min(start + 7, len(toks))):
        tok = toks[i]
        if tok in _CLAUSE_OPENERS or (tok == "to" and i + 1 < len(toks) and toks[i + 1] in lex.verbs):
            return None
        if tok in _FINITE:
            return i
        if ordered:
            continue  # "Support engineers answer …", "Use ticket templates …" may be orders: only a modal counts
        if lex.is_third_person(tok):
            return i
        after = toks[i + 1] if i + 1 < len(toks) else ""
        if lex.is_third_person(tok, plural_nouns=True) and (after in _ARTICLES or after[:1].isdigit()):
            return i  # "Marketing builds a defensible category position"
        plain_after_plural = tok in lex.verbs and _plural_noun(toks[i - 1], lex) and toks[i - 1] not in STOP_WORDS
        if plain_after_plural and (
            not lex.is_noun(tok) or after in _ARTICLES or after[:1].isdigit() or after in _PREPOSITIONS
        ):
            return i  # "Customers succeed with …", "Contributions reach 180"
    return _agreeing_verb(toks, start, ordered, words)


def _agreeing_verb(toks: tuple[str, ...], start: int, ordered: bool, words: Words) -> int | None:
    """Index of a plain verb agreeing with a plural head across a prepositional phrase, or None (r18i).

    The subject is a noun phrase whose head is plural (within four words of the opening,
    no preposition before it), then, optionally, a prepositional phrase of up to six
    words, then a plain verb with its object (an article, a determiner or a number):
    "Export control checks cover every sales transaction", "Open source projects on a
    partner code host get our code navigation on by default"; after the phrase, a word
    that is only a verb may take a bare object ("Warehouse scanners in every depot send
    stock counts to the ERP"). English verbs agree with
    the head of the subject, not with the nearest noun (Quirk et al. 10.34). After a
    first word that can be an order ("Export", "Open"), the head names no people: "Support
    engineers answer …" may be an order to support them. Not across "to" + a verb ("Use
    ticket templates to improve …": a purpose).
    """
    lex = lexicon()
    head = next((p for p in range(start + 1, min(start + 5, len(toks) - 1)) if _plural_noun(toks[p], lex)), None)
    if head is None or any(t in STOP_WORDS or t in _PREPOSITIONS for t in toks[start + 1 : head]):
        return None
    if ordered and _people(toks, head, words):
        return None
    verb = head + 1
    if toks[verb] in _PREPOSITIONS and toks[verb] != "to":
        verb += 1  # across the phrase, only a word that is a verb and no noun ends it ("… code host get …")
        while verb < min(head + 8, len(toks) - 1) and not (toks[verb] in lex.verbs and not lex.is_noun(toks[verb])):
            if toks[verb] in _CLAUSE_OPENERS or toks[verb] == "to":
                return None
            verb += 1
    if verb + 1 >= len(toks) or toks[verb] not in lex.verbs or toks[verb] in STOP_WORDS:
        return None
    after = toks[verb + 1]
    if after in _ARTICLES or after[:1].isdigit():
        return verb
    # after the phrase, a word that is only a verb may take a bare object ("… in every depot send stock counts")
    return verb if verb > head + 1 and not lex.is_noun(toks[verb]) and after not in STOP_WORDS else None


def state_of_people(text: str, words: Words) -> bool:
    """True when the title is a state (:func:`state_clause`) and its subject names people or names something.

    A subject of people ("Customers succeed with the product") says for whom; a subject
    that is not all generic words says of what ("The desktop app replaces the daemon").
    "Quality is better" names neither: still vague.
    """
    verb = _finite_verb(text, words)
    if verb is None:
        return False
    toks = tokens(text)
    start = opening(toks)
    subject = toks[start:verb]
    if any(_people(subject, k, words) or words["not_the_team"].at(subject, k) for k in range(len(subject))):
        return True
    return not _all_generic(toks, start, words)


_PREPOSITIONS = frozenset(("with", "from", "in", "on", "at", "into", "to", "for", "across", "by", "through", "over"))


# Verbs of making: what they make may be a group of people, which is no project.
_MAKING = frozenset(("create", "build", "form", "grow", "develop", "make", "shape"))


def people_object(text: str, words: Words) -> bool:
    """True when a verb of making opens the title and its object is a group of people (list ``the_team``).

    People are not made or shipped: "Create a happy and productive engineering team" is a
    direction (the team it wants), not a task, however the team is described; "Develop
    leaders from within" grows people. Hiring people stays a task ("Hire the missing
    directors").
    """
    toks = tokens(text)
    start = opening(toks) + 1
    if toks[start - 1 : start] and toks[start - 1] not in _MAKING:
        return False
    end = start
    while end < len(toks) and toks[end] not in _PREPOSITIONS and toks[end] not in _CLAUSE_OPENERS:
        if toks[end] in ("and", "&") and end + 2 < len(toks) and words["determiners"].at(toks, end + 2):
            break  # "Build the partner portal and onboard its first partners": a second order
        end += 1
    for k in range(start, end):
        if words["the_team"].at(toks, k) is None and not (k == end - 1 and _people(toks, k, words)):
            continue  # "Develop leaders from within": an agent noun at the end of the object is people too
        if k == end - 1:
            return True  # "Create a high-trust engineering team"
        lex = lexicon()
        if k + 2 < len(toks) and _plural_noun(toks[k + 1], lex) and toks[k + 2] in lex.verbs:
            return True  # "Create a team customers love to work with": a clause about the team
    return False


def standard_for_audience(text: str, words: Words) -> bool:
    """True when the object holds a standard of quality and names the people it is for (r18i).

    "Ship high-quality releases to our customers", "Deliver world-class care for every
    patient family": what the work should be like, for whom, is a direction (an audience
    and a standard), not a project. The standard is a word of ``excellence``; the
    audience follows it after "to" or "for" (and a determiner): people by the team lists
    or an agent noun (:func:`_people`), or who the team serves (``not_the_team``), never
    the team itself (``the_team``: "Implement a high-quality CRM for the sales team" is a
    project). A standard alone is no audience ("Create world-class API documentation"
    stays a task).
    """
    toks = tokens(text)
    found = words["excellence"].find(toks)
    if not found:
        return False  # the cheap test first: most objectives name no standard
    after = found[0][0] + len(found[0][1].words)
    for k in range(after, len(toks) - 1):
        if toks[k] not in ("to", "for"):
            continue
        j = k + 1
        while j < len(toks) - 1 and words["determiners"].at(toks, j) is not None:
            j += 1
        phrase = toks[j:]
        if any(words["the_team"].at(phrase, i) for i in range(min(3, len(phrase)))):
            return False  # "Implement a high-quality CRM for the sales team": a tool for the team itself, a project
        return any(_people(phrase, i, words) or words["not_the_team"].at(phrase, i) for i in range(min(3, len(phrase))))
    return False


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
      after a verb of change, winning, the mind or a wish, nor one whose object does
      what the infinitive says (``control_verbs``: "Equip hub leads to coach their
      crews"), not when the noun phrase is
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
        if toks[after] in _NOT_AN_OBJECT or toks[after] in _FINITE or has_quantity(text, words):
            return None  # "Research that changes what we build": the noun, with a clause of its own
        if any(
            toks[k] in ("and", "&") and any(words[name].at(toks, k + 1) for name in _NOT_MEANS)
            for k in range(after, len(toks) - 1)
        ):
            return None  # "Study our churned customers and win them back": the study serves a result named
        return as_written(text, start, after)
    if "to" in toks[start + 2 :]:
        verb = _means_to_end(toks, start, words)
        if verb:
            return as_written(text, start, start + 1)
    if words["particles"].at(toks, start + 1) is not None and len(toks) - start >= 4:
        return _built_out(text, toks, start, words)
    return None


# Words after a verb of study that show it is a noun, not an order ("Research that changes …").
_NOT_AN_OBJECT = frozenset(("and", "&", "to", "that", "which", "who", "is", "are", "was", "were"))
_BEING = frozenset(("be", "become", "remain", "stay", "feel", "seem"))
# Nouns of a quality or capacity take an infinitive of their own ("the capacity to serve …").
_ABSTRACT = ("ity", "ness", "ance", "ence")
# Words that show the words before "to" are no noun phrase: a clause, a degree, "and".
_SUBORDINATE = ("before", "after", "until", "unless", "once", "than", "enough", "and", "&")
_NOT_IN_PHRASE = frozenset((*_CLAUSE_OPENERS, *_SUBORDINATE, "we", "you", "they", "it", "i", "everyone", "anyone"))


def _means_to_end(toks: tuple[str, ...], start: int, words: Words) -> bool:
    """A plain verb, a noun phrase of one to five words and "to" + a plain verb (its purpose)."""
    cut = toks.index("to", start + 2)
    if cut - start > 6 or cut + 1 >= len(toks):
        return False
    if any(words[name].at(toks, start) for name in (*_NOT_MEANS, "control_verbs")):
        return False  # "Equip hub leads to coach their crews": the object does what the infinitive says
    lex = lexicon()
    if not _plain_verb(toks[start], lex.verbs) or toks[cut + 1] not in lex.verbs or toks[cut + 1] in _DETERMINERS:
        return False
    purpose = toks[cut + 1]
    after = toks[cut + 2] if cut + 2 < len(toks) else ""
    if lex.is_noun(purpose) and (
        not after or after in _PREPOSITIONS or (after in STOP_WORDS and after not in _DETERMINERS)
    ):
        return False  # "Bring the app to market", "Bring joy to work": "to" + a noun, a place, not a purpose
    if purpose in _BEING:
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
    if head is None or toks[start + 1] not in ("up", "out"):
        return None
    if words["deliverable_nouns"].at(toks, head) is None and (
        toks[head].endswith(_ABSTRACT)
        or words["outcome_objects"].at(toks, head) is not None
        or words["generic_words"].at(toks, head) is not None
        or _people(toks, head, words)
        or words["machine_nouns"].at(toks, head) is not None
        or lex.is_adjective(toks[start])
    ):
        return None  # "Build up trust", "Scale up the support team": a state or people, not a thing made
    return as_written(text, start, start + 2)

"""Effort measured: a number about what the team puts in or turns out is still effort (r18h).

OKR201's shapes so far read an order ("Publish …"), a count after a verb ("Make 200
calls") or a count of a listed activity ("40 newsletters sent"). A number makes six
more shapes look like results that are not. They follow the logic model's chain
(W.K. Kellogg Foundation, *Logic Model Development Guide*, 2004): inputs (money, time,
people) → activities → outputs (the products of the work) → outcomes (the change in
the people or systems served). A key result is an outcome; a measured input or output
is effort (OKR201's rule: the work, not what it changed).

- *A count with no verb* (:func:`_counted_output`): a number and a countable thing and
  no verb at all ("Four blog posts from the team", "2 streams with guests", "At least 50
  components in the shared library"): outputs, unless the thing is people (``staff``
  aside: hires are effort), a result others produce (``not_the_team`` and
  ``audience_acts``: "3 referenceable customers", "1M video views", "1,500 new user
  registrations"), a market or a place won (``markets``: "5 new cities with same-day
  delivery"), a limit ("Zero lost parcels"), or its source is outside the team ("80 demo
  requests from the website", ``received_markers``: "40 inbound inquiries");
- *output per head* (:func:`_output_per_head`): countable things per member of the team
  ("Merge requests per engineer up 20%", "one prospect conversation per rep per day"),
  unless they are results (``not_the_team``: "deals per rep"), an amount ("revenue per
  rep", "$"), a unit ("sick-leave days per employee") or brought down (efficiency);
- *an input raised* (:func:`_input_raised`): a measured increase of an input
  (``input_nouns``: budget, spend, velocity, output …) as the head of what changes
  ("Raise the social ad budget by 40%", "Raise experiment velocity from 4 tests a
  month to 12"); a cut is a result ("Cut cloud spend per customer from $3.10 to $2.20")
  and an error budget is a limit of reliability, not money put in;
- *picked work products* (:func:`_picked_work`): an order on a picked count of the
  team's own work products ("Optimise the 10 most visited pages", "Rewrite our 5 weakest
  landing pages"), like a count ("Optimize 12 website pages"), whatever the verb; a
  picked count of anything else stays a wish ("Improve the three weakest services");
- *the team put to work* (:func:`_team_put_to_work`): an order that sends every member of
  the team into a counted activity ("Get every engineer into one customer conversation",
  "Put all reps through 2 pitch trainings"): the team's time spent, whoever they meet;
- *a share of the team's own work* (:func:`_share_of_work`): an order, for any verb the
  lexicon knows, whose only measure is the share of items it is done to ("Reply to 90%
  of employer reviews", "Translate 100% of the help centre"), unless the items are
  people, results or a market ("Retain 90% of customers"), a time limit makes it a service level
  people get ("Resolve 90% of incidents within 8 hours"), the verb is one of outcome, or it makes
  the items so (-ise, -ify: "Digitise 80% of delivery notes" states a share of notes
  now digital).

Which noun a change or a count is about decides input versus outcome: word classes
(``words.yaml``) and the lexicon's parts of speech (:mod:`rollout.rules.lexicon`), never
particular sentences. Pure and cached like the other wording shapes; the cheap tests
(a count, "per", a share, an input word) come before the lexicon.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rollout.rules.clauses import _UNITS
from rollout.rules.grammar import _verb_by_form
from rollout.rules.lexicon import Lexicon, lexicon
from rollout.rules.orders import _OUTCOME_CLASSES, _WORK_CLASSES, _change_by_form, _plain_verb, states_measure
from rollout.rules.quantities import _PICKING
from rollout.rules.reading import _AFTER_COUNT, _DETERMINERS, _STATE_PHRASES, _STATE_VERBS, _vague_in
from rollout.rules.text import Words, as_written, opening, placeholders, states_change, tokens

_NUMBERED = re.compile(r"^\s*\d{1,2}[.)]\s")
_COUNT = re.compile(r"^\d[\d,]*$")  # a plain count: not a share, an amount or a placeholder
_SHARE = re.compile(r"^\d[\d.,]*%$")
_MONEY = re.compile(r"[$€£]|\b(?:usd|eur|gbp)\b", re.IGNORECASE)
# Bounds before a count ("at least 50", "more than one").
_BOUNDS_2 = frozenset(("at least", "more than", "up to", "no fewer", "no less", "well over"))
_BOUNDS_1 = frozenset(("over", "about", "around", "nearly", "almost", "some", "another"))
# Upper bounds and none at all: a limit to stay under is a result ("Zero critical incidents",
# "1 sev-1 incident per quarter at most", "Fewer than 3 escaped defects").
_LIMITS = re.compile(r"\b(?:zero|no|none|0|at most|no more than|fewer than|less than|or fewer|or less|max(?:imum)?)\b")
# Words that end the noun phrase of a count (prepositions, conjunctions, time words).
_ENDS = _AFTER_COUNT | frozenset(
    (
        *("towards", "toward", "via", "about", "through", "over", "or", "per", "during", "after", "before"),
        *("until", "than", "versus", "vs", "among", "between", "into", "onto", "under", "outside", "inside"),
    )
)
_LARGE = frozenset(("hundred", "thousand", "million", "billion", "k", "m", "bn"))
_FREQUENT = frozenset(("daily", "weekly", "monthly", "quarterly", "yearly", "annual"))
_TIME_LIMIT = re.compile(r"\b(?:within|in under|in less than|in no more than)\s+(?:\d|one|two|three|a)")
_OBJECT_OPENERS = frozenset(("all", "every", "each", "our", "their", "its", "his", "her", "your", "my"))
_AUXILIARIES = frozenset(("will", "can", "could", "should", "would", "must", "may", "shall", "do", "does", "did"))
# Words of increase and of decrease (a measured change's direction).
_UP = frozenset(
    (
        *("raise", "raises", "raised", "increase", "increases", "increased", "grow", "grows", "grew", "up"),
        *("boost", "boosts", "boosted", "double", "doubles", "triple", "triples", "expand", "expands", "lift"),
        *("lifts", "rise", "rises", "rose", "scale", "scales", "higher"),
    )
)
_DOWN = frozenset(
    (
        *("reduce", "reduces", "reduced", "cut", "cuts", "lower", "lowers", "decrease", "decreases", "down"),
        *("fall", "falls", "drop", "drops", "fewer", "less", "halve", "halves", "shrink", "shrinks", "below"),
        *("under", "trim", "trims"),
    )
)
# Budgets that are limits of a result, not money put in (SRE's error budget, a web
# performance budget).
_LIMIT_BUDGETS = frozenset(("error", "latency", "performance", "reliability", "risk", "carbon", "page", "weight"))
# Prepositions after an order's verb ("Reply to 90% of …", "Follow up on 80% of …").
_VERB_LINKS = frozenset(("to", "on", "with", "for", "up", "back", "out", "through"))
# Agent suffixes of English nouns of people (-er, -or, -ist, -ian, -ee, -ant; Quirk et
# al., *A Comprehensive Grammar of the English Language*, appendix I.34-35).
_PEOPLE_ENDINGS = ("er", "or", "ist", "ian", "ee", "ant")


@lru_cache(maxsize=8192)
def effort_measured(text: str, words: Words) -> str | None:
    """What makes a key result measured effort, as written ("Four blog posts", "per engineer" …), or None.

    ``text`` is a key result's title, ``words`` the workspace's word classes. One of the
    six shapes of the module docstring; raises :class:`~rollout.errors.RolloutError` only
    when LemmInflect is not installed (a title that reaches the lexicon question).
    """
    if placeholders(text) or _NUMBERED.match(text):
        return None  # OKR210's; "1. Align HR OKRs …": a list's numbering, no count
    toks = tokens(text)
    start = opening(toks)
    if start + 1 >= len(toks):
        return None
    return (
        _output_per_head(text, toks, words)
        or _input_raised(text, toks, start, words)
        or _counted_output(text, toks, start, words)
        or _share_of_work(text, toks, start, words)
        or _picked_work(text, toks, start, words)
        or _team_put_to_work(text, toks, start, words)
    )


def _count_end(toks: tuple[str, ...], i: int, words: Words) -> int | None:
    """Index after a count at ``i`` (digits or words, after a bound: "at least 50", "Four", "more than one")."""
    if " ".join(toks[i : i + 2]) in _BOUNDS_2:
        i += 2
    elif i < len(toks) and toks[i] in _BOUNDS_1:
        i += 1
    if i >= len(toks):
        return None
    if _COUNT.match(toks[i]) or toks[i] == "one":
        return i + 1
    hit = words["number_words"].at(toks, i)
    return i + len(hit.words) if hit is not None and toks[i] not in ("half", "halve", "double", "triple") else None


def _singular(noun: str) -> str:
    """The singular of a regular English plural ("inquiries" → "inquiry", "posts" → "post")."""
    if noun.endswith("ies") and len(noun) > 4:
        return noun[:-3] + "y"
    if noun.endswith(("sses", "shes", "ches", "xes")):
        return noun[:-2]
    if noun.endswith("s") and not noun.endswith(("ss", "us", "is")):
        return noun[:-1]
    return noun


def _any(words: Words, name: str, toks: tuple[str, ...]) -> bool:
    return any(words[name].at(toks, k) is not None for k in range(len(toks)))


def _people(head: str, lex: Lexicon) -> bool:
    """True when ``head`` names people by its form: an agent noun ("maintainers", "sponsors",
    "specialists") or an adjective used as a plural noun ("regulars", "professionals")."""
    one = _singular(head)
    if len(one) > 4 and one.endswith(_PEOPLE_ENDINGS) and lex.is_noun(one):
        return True
    return one != head and lex.is_adjective(one)


def _has_verb(toks: tuple[str, ...], begin: int, lex: Lexicon) -> bool:
    """True when any word from ``begin`` on is a finite verb or a participle of a clause.

    A form of "be" or "have", a modal, a third person ("grows"), a past form not used as
    an adjective (after a determiner or an adverb in -ly: "the shared library"), or a
    plain verb after a plural with its object ("3 reference customers use all stages").
    """
    for i in range(begin, len(toks)):
        tok, before = toks[i], toks[i - 1]
        after = toks[i + 1] if i + 1 < len(toks) else ""
        if tok in _STATE_VERBS or tok in _AUXILIARIES or lex.is_third_person(tok):
            return True
        if tok in lex.past and before not in _DETERMINERS and not before.endswith("ly"):
            return True
        if before.endswith("s") and tok.endswith("ing") and (after in _DETERMINERS or after in _OBJECT_OPENERS):
            return True  # "3 open-source projects adopting our library"
        if (
            before.endswith("s")
            and tok in lex.verbs
            and (after in _DETERMINERS or after in _OBJECT_OPENERS or _COUNT.match(after))
        ):
            return True
    return False


def _counted_output(text: str, toks: tuple[str, ...], start: int, words: Words) -> str | None:
    """A count of things with no verb ("Four blog posts from the team"), as written, or None."""
    after = _count_end(toks, start, words)
    if after is None or after >= len(toks) or toks[after] in ("of", "to", "and", "or", "in", "percent"):
        return None  # "3 of the 8 planned posts", "1 to 2", "2 in 3"
    if _MONEY.search(text) or "%" in text or states_change(text) or _LIMITS.search(" ".join(toks)):
        return None  # an amount, a share, a change or a limit is measured: a result or another rule's
    if any(f" {phrase} " in f" {' '.join(toks)} " for phrase in _STATE_PHRASES):
        return None  # "2 new countries live": a state reached, a milestone
    while after < len(toks) and (toks[after] in _LARGE or toks[after] in _FREQUENT):
        after += 1  # "1 million monthly visitors": the count goes on, a frequency qualifies the noun
    end = after
    while end < len(toks) and toks[end] not in _ENDS and not _COUNT.match(toks[end]):
        end += 1
    if end == after:
        return None
    phrase = toks[after:end]
    head = phrase[-1]
    if toks[after - 1] not in ("one", "1") and _singular(head) == head:
        return None  # "3 acquisitions close and …": after a plural, a word not plural is a verb
    if head in _UNITS or not head.isalpha():
        return None  # "12 weeks", "30 days": a time, not things
    lex = lexicon()
    if _has_verb(toks, after, lex):
        return None  # a clause: "5 analyst reports cover our product", "One talk proposal accepted"
    if words["staff"].at(phrase, len(phrase) - 1) is not None:
        return as_written(text, start, end)  # "3 new engineers on the platform team": a hire
    made = _made_head(phrase, words)
    if made is not None and _any(words, "received_markers", phrase[:made]):
        return None  # "40 inbound calls", "1 tier-one media story": received, not made
    if made is not None:
        return as_written(text, start, end)  # "Twelve customer interviews": an activity noun heads the count
    if words["the_team"].at(phrase, len(phrase) - 1) is not None or words["markets"].at(phrase, len(phrase) - 1):
        return None  # "2,000 weekly active teams": teams counted are customers as often as the team
    if _any(words, "not_the_team", phrase) or _any(words, "audience_acts", phrase):
        return None  # people, systems or what an audience does: a result ("1,500 new user registrations")
    if _any(words, "received_markers", phrase):
        return None  # "40 inbound inquiries": sent by others
    rest = toks[end:]
    source = next((k for k, t in enumerate(rest) if t in ("from", "by")), None)
    if source is not None:
        giver = rest[source + 1 : source + 6]
        mine = _any(words, "the_team", giver)
        others = _any(words, "not_the_team", giver)
        if (rest[source] == "from" and not mine) or (rest[source] == "by" and others and not mine):
            return None  # "80 demo requests from the website": given by others
    one = _singular(head)
    if _people(head, lex) or (not lex.is_noun(one) and (one in lex.verbs or head in lex.verbs)):
        return None
    return as_written(text, start, end)


def _made_head(phrase: tuple[str, ...], words: Words) -> int | None:
    """Where a listed work product that ends the phrase starts, or None.

    Lists ``activity_nouns``, ``deliverable_nouns``, ``work_items``: "Twelve customer
    interviews": an activity noun heads the count, whatever names its people ("press
    releases" is one work product, so its "press" is no mark of coverage received).
    """
    for k in range(len(phrase)):
        for name in ("activity_nouns", "deliverable_nouns", "work_items"):
            hit = words[name].at(phrase, k)
            if hit is not None and k + len(hit.words) == len(phrase):
                return k
    return None


def _output_per_head(text: str, toks: tuple[str, ...], words: Words) -> str | None:
    """Countable things per member of the team ("Merge requests per engineer up 20%"), as written, or None."""
    if "per" not in toks or _MONEY.search(text):
        return None
    for i, tok in enumerate(toks):
        if tok != "per" or i == 0 or i + 1 >= len(toks):
            continue
        who = words["the_team"].at(toks, i + 1) or words["staff"].at(toks, i + 1)
        if who is None:
            continue
        thing = toks[i - 1]
        counted = _singular(thing) != thing or (i >= 2 and (_COUNT.match(toks[i - 2]) or toks[i - 2] == "one"))
        counted = counted or any(toks[k] == "one" or _COUNT.match(toks[k]) for k in range(max(0, i - 4), i - 1))
        if not counted or thing in _UNITS or not thing.isalpha():
            return None  # "Revenue per rep", "sick-leave days per employee": an amount or a unit
        if words["not_the_team"].at(toks, i - 1) is not None or words["metric_terms"].at(toks, i - 1) is not None:
            return None  # "Deals per rep": results
        if any(t in _DOWN for t in toks):
            return None  # fewer per head for the same result is efficiency
        return as_written(text, max(0, i - 3), i + 1 + len(who.words))  # "Merge requests per engineer"
    return None


def _input_raised(text: str, toks: tuple[str, ...], start: int, words: Words) -> str | None:
    """A measured increase of an input ("Raise the social ad budget by 40%"), as written, or None."""
    found = words["input_nouns"].find(toks)
    if not found or not any(t in _UP for t in toks) or any(t in _DOWN for t in toks):
        return None
    k, hit = found[0]
    end = k + len(hit.words)
    if k and toks[k - 1] in _LIMIT_BUDGETS:
        return None  # "the quarterly error budget": a limit of reliability, not money put in
    if not states_measure(text):
        return None
    following = toks[end] if end < len(toks) else ""
    if following == "of" and not _any(words, "the_team", toks[end + 1 : end + 5]):
        return None  # "Raise throughput of the sorting line": what a system turns out, a result
    if following and following not in _ENDS and following not in _UP and lexicon().is_noun(_singular(following)):
        return None  # "budget owners", "output metrics": the input word only modifies the head
    return as_written(text, start if k - start <= 4 else k, end)


def _share_of_work(text: str, toks: tuple[str, ...], start: int, words: Words) -> str | None:
    """An order measured only by the share of items it is done to ("Reply to 90% of …"), as written, or None."""
    verb_end = start + 1
    while verb_end < len(toks) and verb_end <= start + 2 and toks[verb_end] in _VERB_LINKS:
        verb_end += 1
    if verb_end + 1 >= len(toks) or not _SHARE.match(toks[verb_end]) or toks[verb_end + 1] != "of":
        return None
    first = toks[start]
    if not first.isalpha() or any(words[name].at(toks, start) is not None for name in _OUTCOME_CLASSES):
        return None  # "Win 90% of …", "Reach 115% of plan", "Retain …"
    if words["generic_words"].at(toks, start) is not None and not any(
        words[name].at(toks, start) is not None for name in _WORK_CLASSES
    ):
        return None
    if any(words[name].at(toks, start) is not None for name in ("yield_verbs", "acquiring_verbs", "change_verbs")):
        return None
    begin = verb_end + 2
    end = begin
    while end < len(toks) and toks[end] not in _ENDS - {"the", "a", "an", "this", "each", "every"}:
        end += 1
    things = toks[begin:end]
    if not things or _any(words, "not_the_team", things[-1:]) or words["markets"].at(things, len(things) - 1):
        return None  # "Retain 90% of customers", "Capture 30% of the segment": people or a market won
    rest = " ".join(toks[end:])
    if _TIME_LIMIT.search(rest):
        return None  # "Resolve 90% of incidents within 8 hours": a service level people get, a result
    if states_measure(rest) or _vague_in(toks, words):
        return None
    if _verb_by_form(first):
        return None  # "Digitise 80% of delivery notes": a verb of making so (-ise, -ify), a state of the items
    lex = lexicon()
    if not _plain_verb(first, lex.verbs) or _change_by_form(first, lex):
        return None
    return as_written(text, start, end)  # "Reply to 90% of employer reviews"


def _picked_work(text: str, toks: tuple[str, ...], start: int, words: Words) -> str | None:
    """An order on a picked count of work products ("Optimise the 10 most visited pages"), as written, or None."""
    k = start + 1
    if k + 2 >= len(toks) or toks[k] not in ("the", "our", "its", "their") or not _COUNT.match(toks[k + 1]):
        return None
    if toks[k + 2] not in _PICKING and not toks[k + 2].endswith("est"):
        return None
    if toks[start] in _DETERMINERS or not toks[start].isalpha():
        return None
    end = k + 3
    while end < len(toks) and toks[end] not in _ENDS:
        end += 1
    if _made_head(toks[k + 3 : end], words) is None:
        return None
    return as_written(text, start, end)


_EVERY = frozenset(("every", "each", "all", "our"))
_INTO = frozenset(("into", "to", "through", "on", "in", "onto"))


def _team_put_to_work(text: str, toks: tuple[str, ...], start: int, words: Words) -> str | None:
    """An order sending every member of the team into a counted activity, as written, or None.

    "Get every engineer into one customer conversation": the object is the team (lists
    ``the_team``, ``staff``, or a noun of people by its form that ``not_the_team`` does
    not hold: "every dispatcher"; after every, each, all or our), then a preposition of
    motion and a count or an activity noun (``activity_nouns``).
    """
    if start + 3 >= len(toks) or toks[start + 1] not in _EVERY or not toks[start].isalpha():
        return None
    # the object's head: the word before a preposition of motion ("every engineer into …")
    team = next((k for k in range(start + 2, min(start + 5, len(toks) - 2)) if toks[k + 1] in _INTO), None)
    if team is None or words["not_the_team"].at(toks, team) is not None:
        return None  # "Get every new shipper to one successful delivery": who the team serves
    listed = words["the_team"].at(toks, team) is not None or words["staff"].at(toks, team) is not None
    if not listed and not _people(toks[team], lexicon()):
        return None
    end = team + 2
    while end < len(toks) and end < team + 7 and toks[end] not in _ENDS - {"the"}:
        end += 1
    activity = toks[team + 2 : end]
    counted = any(
        t == "one" or _COUNT.match(t) or words["number_words"].at(activity, k) for k, t in enumerate(activity)
    )
    if not (counted or _made_head(activity, words) is not None):
        return None
    if toks[start] in _DETERMINERS or toks[start] not in lexicon().verbs:
        return None
    return as_written(text, start, end)

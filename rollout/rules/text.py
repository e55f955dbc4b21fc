"""Text heuristics shared by the wording rules: numbers, placeholders and openings of a title.

Tokens, word lists and stop words are in :mod:`rollout.rules.vocabulary` (imported
here too, so ``text.tokens`` and ``text.Words`` keep working). Everything here is pure
and cached, because the drafting flow checks a line on every keystroke.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from rollout.rules.vocabulary import STOP_WORDS as STOP_WORDS
from rollout.rules.vocabulary import WORD_LISTS as WORD_LISTS
from rollout.rules.vocabulary import Phrase as Phrase
from rollout.rules.vocabulary import WordList as WordList
from rollout.rules.vocabulary import Words as Words
from rollout.rules.vocabulary import as_written as as_written
from rollout.rules.vocabulary import bundled_lists as bundled_lists
from rollout.rules.vocabulary import tokens as tokens
from rollout.rules.vocabulary import words_for as words_for

_DIGIT = re.compile(r"\d")
_COUNT = re.compile(r"^\d[\d,]*$")  # a plain count: not a share, an amount or a placeholder
# Digits that name a time, a rank, a version or a standard, not a quantity: Q1-Q4,
# H1/H2, years (2026, FY25, FY'25, FY’25, '25), priority tags (P0-P4, [P1]),
# ordinals (1st, 3rd), versions (v2, V0), names with a digit inside (p2p, B2B, k8s),
# ISO 9001.
# Month names with their capital ("may" is a verb, "Mar" and "March" a month).
_MONTH = (
    r"(?-i:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?"
    r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
# Superlatives after a count pick things out, they do not measure them: "the three
# weakest services", "our 10 largest accounts" (r18e). The common ones, closed class.
_PICKING = (
    "largest",
    "biggest",
    "smallest",
    "weakest",
    "strongest",
    "slowest",
    "fastest",
    "busiest",
    "highest",
    "lowest",
    "newest",
    "oldest",
    "worst",
    "best",
    "riskiest",
    "noisiest",
    "costliest",
    "longest",
    "shortest",
    "greatest",
    "most",
    "least",
    "top",
)
_PICKED = rf"(?:the|our|its|their)\s+\d+\s+(?:{'|'.join(_PICKING)})"
# Days of the calendar are times too (r18e): "by 1 March", "March 15th", "on 3 Feb", "2027-03-01",
# a deadline, not a quantity ("List the most frequent crashes by 1 March" is a dated task).
_NOT_QUANTITY = re.compile(
    r"\b(?:(?:19|20)\d{2}-\d{2}-\d{2}|q[1-4]|h[12]|(?:fy|cy)\s?['’]?\d{2,4}|(?:19|20)\d{2}|iso\s*\d+|p[0-4]"
    r"|\d+(?:st|nd|rd|th)|v\d+(?:\.\d+)*|[a-z]+\d+[a-z]+"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\.?|{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?![\d%]|[.,]\d)"
    rf"|{_PICKED})\b"
    r"|(?<![\w'’])['’]\d{2}\b|\[p[0-4]\]",
    re.IGNORECASE,
)
# Placeholders people leave where a number belongs. Case matters for the letter
# forms: "N1", "$N0", "X%", "XX" are placeholders; "n" and "x" inside words and
# "10x" are not.
PLACEHOLDER = re.compile(
    r"(?<![\w$€£])(?:[$€£]?N\d{1,3}(?:[kKmMbB%])?|[$€£][NXY]{1,3}\b|[NXY]{1,3}%|XX+\b)(?!\w)"
    r"|(?<!\w)(?i:tb[dca]|tk)(?!\w)"
    r"|(?<!\w)(?i:x)%"
    r"|\?{2,}"
    r"|\[(?i:[^\]]*\b(?:metric|number|current|target|baseline|value|percent|percentage|amount|tbd|x|n)\b[^\]]*)\]"
)
# A single capital N, X, Y or Z standing alone (:func:`_letter_placeholders`).
_LETTER = re.compile(r"(?<![\w$€£'’.+#&/-])[NXYZ](?![\w'’+#&/-])")
# Words after which a number stands ("from X to Y", "by X", "at least N", "reach Y").
_TAKES_NUMBER = frozenset(
    (
        *("from", "to", "by", "of", "at", "than", "reach", "reaches", "least", "most", "under", "over", "above"),
        *("below", "hit", "hits", "about", "around", "approximately", "only", "just", "top", "first"),
    )
)
# Every match of PLACEHOLDER contains one of these (each alternative without its
# lookarounds); a title without them needs no PLACEHOLDER scan (10 us per title).
_PLACEHOLDER_HINT = re.compile(r"N\d|[$€£][NXY]|[NXYx]%|XX|\?\?|\[|(?i:tb[dca]|tk)")
_METRIC_NUMBER = re.compile(r"[$€£]?\d[\d,.]*\s?(?:%|x\b|[kmb]\b)?", re.IGNORECASE)
_CHANGE = re.compile(
    r"\bfrom\b[^.;]*\d[^.;]*\bto\b|\b(?:up|down) from\b|\bcompared (?:with|to)\b|\bby \d", re.IGNORECASE
)

# --- the questions the wording rules ask ----------------------------------------------

_LEAD_IN_WORDS = ("successfully", "fully", "finally", "also", "we will", "we", "will", "to", "and")
_LEAD_INS = WordList(_LEAD_IN_WORDS)
# First words of the lead-ins: most titles open with none of them, and a set lookup
# answers those without the word list (check asks this ~140,000 times on 20,000
# objectives; measured with cProfile, r18d).
_LEAD_IN_FIRST = frozenset(w.split()[0] for w in _LEAD_IN_WORDS)


def opening(toks: Sequence[str]) -> int:
    """Index of the first meaningful word (skips lead-ins such as "successfully", "we will")."""
    if not toks or toks[0] not in _LEAD_IN_FIRST:
        return 0
    i = 0
    while i < len(toks):
        hit = _LEAD_INS.at(toks, i)
        if hit is None:
            break
        i += len(hit.words)
    return i


@lru_cache(maxsize=8192)
def has_quantity(text: str, words: Words) -> bool:
    """True when the text states a number: digits or a number word.

    Not numbers: times, ranks and versions (``_NOT_QUANTITY``: "Q4 of FY’25", "[P1]",
    "1st", "v2", "by 1 March"), a count that picks things out ("the three weakest
    services", "our 10 largest accounts") and placeholders (``PLACEHOLDER``: "N1", "X%",
    "TBD").
    """
    stripped = without_non_quantities(text)
    if _DIGIT.search(stripped):
        return True
    toks = tokens(stripped)
    blocked = {i for i, p in words["not_numbers"].find(toks) for i in range(i, i + len(p.words))}
    return any(
        i not in blocked and not (i + 1 < len(toks) and toks[i + 1] in _PICKING_WORDS and i and toks[i - 1] in _PICKERS)
        for i, _p in words["number_words"].find(toks)
    )


_PICKING_WORDS = frozenset(_PICKING)
_PICKERS = frozenset(("the", "our", "its", "their"))


# A unit or a stub with nothing in it (r18e): "% of the target achieved", "# of new
# members", "$ in new ARR" name the metric and leave its number out; "<… a result about
# publishers …>" and a title that is only an ellipsis hold the place of a whole result.
_EMPTY_UNIT = re.compile(
    r"(?<![\w%)\]])(?<!\d\s)(?:%|#(?=\s*of\b)|[$€£](?=\s+(?:in|of|for|per)\b))"
    r"|<[^<>]*>|^\s*(?:\.{3}|…)\s*$"
)


@lru_cache(maxsize=8192)
def placeholders(text: str) -> tuple[str, ...]:
    """Placeholders where a number belongs, as written (``("N1",)``, ``("X%", "TBD")``, ``("X", "Y")``).

    Also a unit with no number ("% of the target achieved": ``("%",)``) and a stub in
    angle brackets ("<a result about publishers>").
    """
    found = [m.group(0) for m in PLACEHOLDER.finditer(text)] if _PLACEHOLDER_HINT.search(text) else []
    if (
        "%" in text
        or "#" in text
        or "<" in text
        or "$" in text
        or "€" in text
        or "£" in text
        or "…" in text
        or ".." in text
    ):
        found += [m.group(0) for m in _EMPTY_UNIT.finditer(text)]
    if ("N" in text or "X" in text or "Y" in text or "Z" in text) and _LETTER.search(text):
        found += _letter_placeholders(text)  # the substring tests first: 0.2 us, the pattern 2-4 us a title
    return tuple(dict.fromkeys(found))


def _letter_placeholders(text: str) -> list[str]:
    """Single capital letters N, X, Y, Z that stand where a number belongs.

    The shape: the letter follows a word that takes a number (``_TAKES_NUMBER``: "from
    X to Y", "by X", "at least N", "reach Y MAU"), unless a name follows ("to X
    Platform"); or it opens the title or follows its first word, with a lower-case word
    after it ("N customers RSVP", "Land N new logos", "Hire X engineers"). A letter
    after "the", "a" or "an" or inside a name ("Plan B", "Generation Z buyers", "the X
    platform", "Series X Funding") is not a number.
    """
    out: list[str] = []
    for m in _LETTER.finditer(text):
        before = text[: m.start()].rstrip()
        after = text[m.end() :].lstrip()
        previous = before.rsplit(None, 1)[-1] if before else ""
        name_follows = len(after) > 1 and after[0].isupper() and after[1].islower()  # "X Platform"
        if previous.lower() in _TAKES_NUMBER:
            if not name_follows:
                out.append(m.group(0))  # "from X to Y", "by X", "reach Y MAU"
            continue
        if not after or not after[0].islower():
            continue
        if not before or (before == previous and previous[0].isupper() and m.group(0) != "Z"):
            out.append(m.group(0))  # "N customers RSVP", "Land N new logos" (not "Generation Z buyers")
    return out


@lru_cache(maxsize=8192)
def without_non_quantities(text: str) -> str:
    """The text with placeholders and times, ranks and versions blanked out (one pass, shared).

    :func:`has_quantity` and :func:`metric_parts` both read numbers from it. The
    placeholder pattern runs only when a cheap test shows it could match, and the
    year/rank pattern only from the word before the first digit (measured with
    timeit on typical titles: 17-31 us for the two substitutions before, 4-15 us
    after; they were a third of a title's wording checks).
    """
    if _PLACEHOLDER_HINT.search(text):
        text = PLACEHOLDER.sub(" ", text)
    digit = _DIGIT.search(text)
    if digit:
        # Every _NOT_QUANTITY match holds a digit and starts at most one word (and the
        # spaces after it) before its first digit, so the text before that word is
        # kept as it is and only the rest is scanned: the character before the cut is
        # not a word character, so \b and the look-behind see the same as in the
        # whole text (a test compares both on fuzzed titles).
        start = _word_start(text, digit.start())
        before = start
        while before > 0 and _SPACE.match(text, before - 1):
            before -= 1
        if before < start:
            start = _word_start(text, before)
        text = text[:start] + _NOT_QUANTITY.sub(" ", text[start:])
    return text


_WORDISH = re.compile(r"[\w'’\[]")
_SPACE = re.compile(r"\s")


def _word_start(text: str, end: int) -> int:
    """The first index of the run of word characters, apostrophes and "[" that ends at ``end``."""
    while end > 0 and _WORDISH.match(text, end - 1):
        end -= 1
    return end


def states_change(text: str) -> bool:
    """True when the text moves a number ("from 4 to 9", "up from 12%", "by 5 points").

    Times and placeholders are no numbers here either: "by 1 March" and "by 2027" are
    deadlines (:func:`without_non_quantities`, asked only when the pattern matched).
    """
    return bool(_CHANGE.search(text)) and bool(_CHANGE.search(without_non_quantities(text)))


@lru_cache(maxsize=8192)
def bau_opening(text: str, words: Words) -> str | None:
    """The words that make a key result read as business as usual, or None."""
    if states_change(text):
        return None
    toks = tokens(text)
    start = opening(toks)
    verb = words["bau_verbs"].at(toks, start)
    steady = words["steady_verbs"].at(toks, start)
    if steady is not None:
        rest = toks[start + len(steady.words) :]
        if any(words["steady_markers"].at(rest, i) for i in range(len(rest))):
            return str(steady)
        if verb is not None and verb.words == steady.words:
            verb = None  # "keep" without a steady marker: not business as usual by itself
    if verb is not None:
        return str(verb)
    found = words["bau_phrases"].find(toks)
    return str(found[0][1]) if found else None


@lru_cache(maxsize=8192)
def activity_opening(text: str, words: Words) -> str | None:
    """The verb that makes a key result read as an activity, or None."""
    toks = tokens(text)
    start = opening(toks)
    verb = words["activity_verbs"].at(toks, start)
    if verb is None and start < len(toks) and toks[start].endswith("ed"):
        verb = past_tense(toks, start, words["activity_verbs"])  # "Created a dashboard", "Published 5 studies"
    if verb is not None and _noun_subject(toks, start + len(verb.words) - 1):
        return None  # "Release frequency rises from 2 to 8 a month": a noun, not a verb
    if verb is not None:
        after = start + len(verb.words)
        if any(words["comparatives"].at(toks, i) is not None for i in range(after, len(toks))):
            return None  # "Build stronger relationships", "Support managers in having better talks": a wish
        if words["acquiring_verbs"].at(toks, start) is not None and _people_won(toks, after, words):
            return None  # "Onboard 250 new clients": customers brought in, a result
        return str(verb)
    moving = words["moving_verbs"].at(toks, start)
    if moving is not None and not _noun_subject(toks, start) and not has_quantity(text, words):
        return str(moving)  # "Move all customers to the new UI"; "Move NPS from 30 to 45" is a result
    counted = words["counted_activity_verbs"].at(toks, start)
    if counted is not None:
        after = start + len(counted.words)
        rest = toks[after : after + 3]
        if rest and (any(_COUNT.match(t) for t in rest[:2]) or words["number_words"].at(rest, 0)):
            return str(counted)
        if _makes_deliverable(toks, after, words):
            return str(counted)  # "Produce a rolling 12-month forecast": a document made
    return None


def _people_won(toks: Sequence[str], after: int, words: Words) -> bool:
    """True when a count of people who are not the team follows ``after`` ("250 new clients").

    The count is a plain number within two words; the counted phrase (up to four words)
    holds someone who is not the team (list ``not_the_team``) and no one who joins it
    (list ``staff``: "2 new full-time contributors" are a hire).
    """
    count = next((i for i in range(after, min(after + 2, len(toks))) if _COUNT.match(toks[i])), None)
    if count is None:
        return False
    phrase = toks[count + 1 : count + 5]
    if any(words["staff"].at(phrase, k) is not None for k in range(len(phrase))):
        return False
    return any(words["not_the_team"].at(phrase, k) is not None for k in range(len(phrase)))


def _makes_deliverable(toks: Sequence[str], after: int, words: Words) -> bool:
    """True when a deliverable (list ``deliverable_nouns``) is the object within five words after ``after``.

    A word of degree anywhere after it ("Make the budget process faster") means a
    change is wanted, not a document made.
    """
    if any(words["comparatives"].at(toks, i) for i in range(after, len(toks))):
        return False
    return any(words["deliverable_nouns"].at(toks, i) is not None for i in range(after, min(after + 5, len(toks))))


# Verbs that show the opening word was a noun, the subject of a result ("Release
# frequency rises …", "Test coverage is above …"), not an activity verb.
_SUBJECT_VERBS = frozenset(
    (
        "is",
        "are",
        "was",
        "were",
        "rises",
        "falls",
        "grows",
        "reaches",
        "increases",
        "decreases",
        "drops",
        "improves",
        "climbs",
        "doubles",
        "halves",
        "stays",
        "remains",
        "hits",
        "exceeds",
        "shrinks",
        "goes",
        "moves",
        "becomes",
        # the same verbs after a plural subject ("Support tickets per 1,000 orders fall …")
        "rise",
        "fall",
        "grow",
        "increase",
        "decrease",
        "drop",
        "improve",
        "climb",
        "double",
        "halve",
        "shrink",
        "exceed",
        "remain",
    )
)


def _noun_subject(toks: Sequence[str], start: int) -> bool:
    """True when the opening word is followed, within six words, by a verb of its own.

    A question word right after it opens a clause that is its object ("Analyze which
    accounts are likely to slip"): the opening word stays a verb.
    """
    if start + 1 < len(toks) and toks[start + 1] in _QUESTION_WORDS:
        return False
    return any(t in _SUBJECT_VERBS for t in toks[start + 1 : start + 7])


_QUESTION_WORDS = frozenset(("which", "what", "why", "how", "whether", "where", "who", "when"))


def past_tense(toks: Sequence[str], start: int, verbs: WordList) -> Phrase | None:
    """An activity verb written in the past tense at ``start`` ("created", "published", "planned")."""
    word = toks[start]
    stems = {word[:-1], word[:-2], word[:-3] if word[-3:-2] == word[-4:-3] else word[:-2]}
    if word.endswith("ied"):
        stems.add(word[:-3] + "y")
    for stem in stems:
        hit = verbs.at((stem, *toks[start + 1 :]), 0)
        if hit is not None:
            return hit
    return None


@lru_cache(maxsize=8192)
def task_opening(text: str, words: Words) -> str | None:
    """The verb that makes an objective read as a task, or None."""
    toks = tokens(text)
    start = opening(toks)
    hit = words["task_verbs"].at(toks, start)
    if hit is None:
        return None
    if toks[start] in _MAKING:
        after = start + len(hit.words)
        if any(words["outcome_objects"].at(toks, i) for i in range(after, min(after + 5, len(toks)))):
            return None  # "Create an awesome customer experience": a state for people, a direction
        from rollout.rules.grammar import aspiration  # grammar imports this module

        if aspiration(text, words):
            return None  # "Create a high-performing engineering team": a standard for people, an aspiration
    return str(hit)


# Making verbs among the task verbs: what they make may be a state for people
# (list ``outcome_objects``) rather than a thing.
_MAKING = frozenset(("create", "creates"))


# A count that sizes an audience, not a target: "enterprises (5k+ user, …)", "500+ employee
# companies", "10-person teams" say who, not how much (r18e, the Sourcegraph set).
_AUDIENCE_SIZE = re.compile(
    r"\b\d[\d,.]*[kKmM]?\+\s*(?=(?:users?|employees?|seats?|persons?|people|developers?|engineers?|staff|members?)\b)"
    r"|\b\d[\d,.]*[kKmM]?-(?=(?:person|employee|seat|user|developer|engineer|people)\b)"
)


@lru_cache(maxsize=8192)
def metric_parts(text: str, words: Words) -> tuple[str, ...]:
    """Numbers, units and metric names in an objective title, as written ("3x", "ARR").

    A count that sizes an audience ("5k+ user", "10-person") says who, not how much,
    and is not one.
    """
    found: list[str] = []
    stripped = without_non_quantities(text)
    if "+" in stripped or "-" in stripped:
        stripped = _AUDIENCE_SIZE.sub(" ", stripped)
    if _DIGIT.search(stripped):
        found += _METRIC_NUMBER.findall(stripped)
    found += [as_written(text, i, i + len(p.words)) for i, p in words["metric_terms"].find(tokens(text))]
    return tuple(f.strip() for f in found if f.strip())


@lru_cache(maxsize=8192)
def jargon_terms(text: str, words: Words) -> tuple[str, ...]:
    """Jargon found in a text, as written (the writer's case).

    Not jargon: a buzzword used in its literal, technical sense (list ``not_jargon``:
    "bandwidth use", "network bandwidth", "disruption to service").
    """
    toks = tokens(text)
    found = words["jargon"].find(toks)
    if not found:
        return ()
    literal = {i for i, p in words["not_jargon"].find(toks) for i in range(i, i + len(p.words))}
    return tuple(as_written(text, i, i + len(p.words)) for i, p in found if i not in literal)


def word_count(text: str) -> int:
    return len(text.split())

"""Quantities in a title: numbers, times that are not numbers, placeholders, metric parts.

Split from :mod:`rollout.rules.text` (r18e), which re-exports every name here. A digit is
a quantity unless it names a time, a rank, a version, a day of the calendar, or picks
things out ("the three weakest services"); a placeholder ("N1", "X%", "TBD", "% of the
target", "<a result about …>") holds the place of a number nobody has written down.
Pure and cached: the drafting flow checks a line per keystroke.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rollout.rules.vocabulary import Words, as_written, tokens

_DIGIT = re.compile(r"\d")
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
    # r18i: a template's slot, lower-case words in square brackets ("[feature]", "[team name]");
    # a tag is written in capitals ("[P1]", "[WIP]") and is no slot
    r"|\[[a-z]+(?:[ -][a-z]+){0,3}\]"
    # r18i: any capital letter bounded as a number is ("to M or more", "K or fewer"), not "A" or "I"
    r"|(?<![\w$€£'’.+#&/-])[B-HJ-Z](?= or (?:more|fewer|less|above|below)\b)"
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
_PLACEHOLDER_HINT = re.compile(r"N\d|[$€£][NXY]|[NXYx]%|XX|\?\?|\[|(?i:tb[dca]|tk)|\b[B-HJ-Z] or ")
_METRIC_NUMBER = re.compile(r"[$€£]?\d[\d,.]*\s?(?:%|x\b|[kmb]\b)?", re.IGNORECASE)
_CHANGE = re.compile(
    r"\bfrom\b[^.;]*\d[^.;]*\bto\b|\b(?:up|down) from\b|\bcompared (?:with|to)\b|\bby \d", re.IGNORECASE
)


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


# A count that sizes an audience, not a target: "enterprises (5k+ user, …)", "500+ employee
# companies", "10-person teams" say who, not how much (r18e, the Sourcegraph set).
_AUDIENCE_SIZE = re.compile(
    r"\b\d[\d,.]*[kKmM]?\+\s*(?=(?:users?|employees?|seats?|persons?|people|developers?|engineers?|staff|members?)\b)"
    r"|\b\d[\d,.]*[kKmM]?-(?=(?:person|employee|seat|user|developer|engineer|people)\b)"
)


_MULTIPLIERS = frozenset(
    ("double", "doubles", "triple", "triples", "quadruple", "halve", "halves", "twofold", "threefold", "tenfold")
)


@lru_cache(maxsize=8192)
def metric_parts(text: str, words: Words) -> tuple[str, ...]:
    """Numbers, units and metric names in an objective title, as written ("3x", "ARR", "Double").

    A word that multiplies ("double", "triple", "halve") is a target as much as "2x" is.

    A count that sizes an audience ("5k+ user", "10-person") says who, not how much,
    and is not one.
    """
    found: list[str] = []
    stripped = without_non_quantities(text)
    if "+" in stripped or "-" in stripped:
        stripped = _AUDIENCE_SIZE.sub(" ", stripped)
    if _DIGIT.search(stripped):
        found += _METRIC_NUMBER.findall(stripped)
    toks = tokens(text)
    found += [as_written(text, i, i + len(p.words)) for i, p in words["metric_terms"].find(toks)]
    if any(t in _MULTIPLIERS for t in toks):
        blocked = {i for i, p in words["not_numbers"].find(toks) for i in range(i, i + len(p.words))}
        found += [as_written(text, i, i + 1) for i, t in enumerate(toks) if t in _MULTIPLIERS and i not in blocked]
    return tuple(f.strip() for f in found if f.strip())


# Words that may stand beside a number in the second part of one measure over time
# ("…, 200 in the second and 220 in the third"): small words, ordinals, times.
_ELLIPSIS_WORDS = frozenset(
    (
        *("in", "on", "at", "by", "for", "the", "a", "an", "of", "and", "then", "after", "each", "every", "next"),
        *("first", "second", "third", "fourth", "fifth", "last", "final", "one", "ones", "that", "this"),
        *("week", "weeks", "month", "months", "quarter", "quarters", "year", "years", "release", "releases"),
        *("sprint", "sprints", "cycle", "cycles", "phase", "phases", "end", "half", "h1", "h2"),
        *("q1", "q2", "q3", "q4", "january", "february", "march", "april", "june", "july", "august"),
        *("september", "october", "november", "december"),
    )
)


@lru_cache(maxsize=8192)
def continues_measure(part: str) -> bool:
    """True when a part of a key result is only a number and a time: the same measure again.

    "…, 200 in the second and 220 in the third" names no measure of its own; with the
    parts before it, it sets one measure's target at several times (a trajectory), not a
    second result (OKR209). ``part`` is one side of a join (:func:`rollout.rules.reading.compound_parts`).
    A part with a noun of its own ("83% against Premium SLAs", "$800k in pipeline") is a
    second measure.
    """
    toks = tokens(part)
    numbers = [t for t in toks if _DIGIT.search(t)]
    return bool(numbers) and all(_DIGIT.search(t) or t in _ELLIPSIS_WORDS for t in toks)

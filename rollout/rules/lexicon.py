"""English verb and noun lexicon for the wording rules, read from LemmInflect's data.

LemmInflect (MIT licence, https://github.com/bjascob/LemmInflect) ships the inflection
table of the NIH SPECIALIST Lexicon: one line per lemma and part of speech,
``lemma,pos,form,form,…`` (for a verb: past, past participle, -ing form, third person;
an empty field repeats the one before; "/" separates variants). :func:`lexicon` reads
that table once and answers the questions the order test of OKR201 asks
(:mod:`rollout.rules.orders`): can a word be a verb in its plain form, can it be a noun
or an adjective, and is it a finite verb form (third person "grows", past "grew").

Why the table is read here and ``lemminflect`` is not imported: importing the package
pulls in numpy (its inflection model) and then parses both of its tables, 0.5-0.7 s
before the first answer on this 2-core machine (measured, r18f). Reading the one gzipped
table takes 6-10 ms and collecting its 6,700 verbs with one regular expression 5-10 ms
(minimum and median of 9 runs, load average 5); a Python loop over all 40,000 rows took
25-40 ms. So nouns are looked up in the text on demand (0.5 ms a word, cached), verb forms
are collected only when a title needs them (15 ms), and the table is read only when a
title reaches the lexicon question. ``rollout check`` must
stay instant (DESIGN.md, speed facts).
"""

from __future__ import annotations

import gzip
import importlib.util
import re
from functools import cached_property, lru_cache
from pathlib import Path

from rollout.errors import RolloutError

# A verb row: its lemma (lower case: proper nouns never open an order), and its forms.
_VERB_LEMMA = re.compile(r"\n([a-z][^,\n]*),verb,")
_VERB_ROW = re.compile(r"\n([a-z][^,\n]*),verb,([^\n]*)")


class Lexicon:
    """Word classes of English from the SPECIALIST Lexicon (lower-case words).

    - :attr:`verbs`: verbs in their plain (infinitive, imperative) form: "publish", "migrate", "run";
    - :meth:`is_noun`: nouns and adjectives in their plain form ("traffic", "record", "live");
    - :meth:`is_adjective`: adjectives in their plain form ("free", "live");
    - :meth:`is_third_person`: third person singular of a verb ("grows", "publishes"; by
      default not "interviews", a plural noun as well);
    - :attr:`past`: past forms ("grew", "published"), which are also participles ("the published guide").

    The verbs are collected when the lexicon is made; the past and third-person forms on
    the first question about them; nouns and adjectives are looked up in the table's text.
    """

    def __init__(self, table: str) -> None:
        """``table``: the text of ``infl_lu.csv``, one row a line."""
        self._text = "\n" + table
        self.verbs = frozenset(_VERB_LEMMA.findall(self._text))

    @cached_property
    def _forms(self) -> tuple[frozenset[str], dict[str, str]]:
        """Past forms and third-person forms (form → lemma), read on the first question about them."""
        past: set[str] = set()
        third: dict[str, str] = {}
        for lemma, forms in _VERB_ROW.findall(self._text):
            fields = forms.split(",")  # past, past participle, -ing, third person; "/" between variants
            past.update(f for f in fields[0].split("/") if f)
            third.update((f, lemma) for f in fields[-1].split("/") if f)
        return frozenset(past), third

    @property
    def past(self) -> frozenset[str]:
        """Past forms ("grew", "published"), which are also participles ("the published guide")."""
        return self._forms[0]

    @lru_cache(maxsize=4096)  # noqa: B019 - one Lexicon per process (lexicon() is cached)
    def is_noun(self, word: str) -> bool:
        """True when ``word`` is a noun or an adjective in its plain form."""
        return f"\n{word},noun," in self._text or f"\n{word},adj," in self._text

    @lru_cache(maxsize=4096)  # noqa: B019 - one Lexicon per process (lexicon() is cached)
    def is_adjective(self, word: str) -> bool:
        """True when ``word`` is an adjective in its plain form ("free", "live", "complete")."""
        return f"\n{word},adj," in self._text

    def is_third_person(self, word: str, *, plural_nouns: bool = False) -> bool:
        """True when ``word`` is the third person singular of a verb.

        Unless ``plural_nouns``, not when the verb is also a noun ("interviews", "reaches"),
        whose -s form reads as a plural noun as often as a verb.
        """
        lemma = self._forms[1].get(word)
        return lemma is not None and (plural_nouns or not self.is_noun(lemma))


def _table() -> Path:
    """The path of LemmInflect's inflection table, found without importing the package (numpy)."""
    spec = importlib.util.find_spec("lemminflect")
    if spec is None or not spec.submodule_search_locations:
        raise RolloutError("The wording rules need the 'lemminflect' package: pip install lemminflect")
    return Path(next(iter(spec.submodule_search_locations))) / "resources" / "infl_lu.csv.gz"


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The lexicon, read once per process from LemmInflect's ``infl_lu.csv.gz`` (about 40,000 rows).

    Raises :class:`~rollout.errors.RolloutError` when the package or its table is missing.
    """
    try:
        return Lexicon(gzip.decompress(_table().read_bytes()).decode("utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise RolloutError(f"Cannot read LemmInflect's word table: {exc}") from exc


def is_noun_proper(lex: Lexicon, word: str) -> bool:
    """True when ``word`` is a noun in its plain form (not only an adjective): "pricing", "team".

    Added by r18g for the objective shapes (:mod:`rollout.rules.objective_shapes`), which tell
    a list of nouns ("Employer brand, effective hiring") from adjectives in a row ("Safe, clean
    and welcoming stores"). Cached with the lexicon's other lookups.
    """
    return _noun_row(lex, word)


@lru_cache(maxsize=4096)
def _noun_row(lex: Lexicon, word: str) -> bool:
    return f"\n{word},noun," in lex._text

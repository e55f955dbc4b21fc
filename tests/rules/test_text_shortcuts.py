"""The wording rules' shortcuts change no result (issue 18: cheaper without changing any finding).

``without_non_quantities`` skips the placeholder pattern when a cheap test shows it
cannot match, and scans for years, ranks and versions only from the word before the
first digit. Both must give what the full substitutions give, on real titles and on
fuzzed strings made of the characters those patterns care about.
"""

from __future__ import annotations

import random

from rollout.rules import text
from rollout.rules.text import tokens

from .evaluation import EVAL_SET, HOLDOUT_SET, HOLDOUT_SET_2

PIECES = [
    *"qhfycisopvtndrxQHFYCISOPVNX0123456789  '’[]-_.,%$€?éß²",
    "FY",
    "fy ",
    "ISO ",
    "iso",
    "Q4",
    "[P1]",
    "1st",
    "v2.1",
    "b2b",
    "’25",
    " '25",
    "2026",
    "N1",
    "X%",
    "TBD",
    "[target]",
    "??",
    # r18e: dates, picked counts and units with no number
    " 1 March",
    "Mar 5",
    " the 3 largest",
    "2027-03-01",
    "# of",
    "$ in",
    "<",
    ">",
    "…",
    "...",
]


def _titles() -> list[str]:
    import yaml

    out: list[str] = []
    for path in (EVAL_SET, HOLDOUT_SET, HOLDOUT_SET_2):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        out += [item["text"] for kind in ("key_results", "objectives") for item in data[kind]]
    return out


def _full(title: str) -> str:
    return text._NOT_QUANTITY.sub(" ", text.PLACEHOLDER.sub(" ", title))


def test_shortcuts_give_the_full_substitutions() -> None:
    rng = random.Random(18)
    fuzzed = ["".join(rng.choice(PIECES) for _ in range(rng.randint(1, 14))) for _ in range(20_000)]
    for title in _titles() + fuzzed:
        assert text.without_non_quantities.__wrapped__(title) == _full(title), title
        full = [m.group(0) for m in text.PLACEHOLDER.finditer(title)]
        full += [m.group(0) for m in text._EMPTY_UNIT.finditer(title)] + text._letter_placeholders(title)
        assert text.placeholders.__wrapped__(title) == tuple(dict.fromkeys(full)), title


def test_tokens_of_tokens_are_the_same_tokens() -> None:
    """``milestone_statement`` reads vague words from the tokens themselves instead of joining and tokenizing again."""
    rng = random.Random(18)
    fuzzed = ["".join(rng.choice(PIECES) for _ in range(rng.randint(1, 14))) for _ in range(20_000)]
    for title in _titles() + fuzzed:
        toks = tokens(title)
        assert tokens(" ".join(toks)) == toks, title

"""OKR201's general order test (r18f): any verb of the lexicon, decided by shape, not by a list."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest

from rollout.errors import RolloutError
from rollout.rules import lexicon as lexicon_module
from rollout.rules.clauses import activity_quote
from rollout.rules.lexicon import lexicon
from rollout.rules.orders import noun_opening, plain_order, states_measure
from rollout.rules.text import WORD_LISTS, tokens, words_for

WORDS = words_for()

# Orders whose verb no word list of words.yaml holds: only the lexicon can call them verbs.
ORDERS_NO_LIST_KNOWS = [
    ("Digitise supplier invoices", "Digitise"),
    ("Renovate the Lisbon depot", "Renovate"),
    ("Shadow 30 depot dispatchers", "Shadow"),
    ("Photograph every loading bay", "Photograph"),
    ("Laminate the safety cards for all depots", "Laminate"),
    ("Reconfigure routing servers across the region", "Reconfigure"),
    ("Reconcile supplier invoices weekly", "Reconcile"),
    ("Inspect at least 12 depot contracts", "Inspect"),
]

# Results, states and noun phrases that open with a word the lexicon also lists as a verb.
NOT_ORDERS = [
    "Traffic to the help centre grows 12%",
    "Record revenue of EUR 2M in the third quarter",
    "Deploy frequency reaches 10 a day",
    "Free returns for every shipper",
    "Live chat on the pricing page",
    "Average time to fill a role at 35 days",
    "Partner sign-ups double",
    "Trial sign-ups grow 18%",
    "Reduce churn from 4% to 2%",
    "The beta is live with 5 shippers",
    "Target accounts renew at 95%",
    "Tighten the release checklist",  # a verb of change from an adjective: vague, OKR202's
    "Zero hours of downtime on the chat service",
    "Foster a culture of open feedback",
    "Ensure the content team picks its own work",
]


def _in_a_list(word: str) -> list[str]:
    return [name for name in WORD_LISTS if WORDS[name].at((word,), 0) is not None]


@pytest.mark.parametrize(("title", "verb"), ORDERS_NO_LIST_KNOWS)
def test_an_order_with_any_verb_is_an_activity(title: str, verb: str) -> None:
    assert _in_a_list(tokens(title)[0]) == [], "the example must test the lexicon, not a word list"
    assert plain_order(title, WORDS) == verb
    assert activity_quote(title, WORDS) is not None


@pytest.mark.parametrize("title", NOT_ORDERS)
def test_nouns_results_and_wishes_are_not_orders(title: str) -> None:
    assert plain_order(title, WORDS) is None


def test_a_listed_verb_read_as_a_noun_is_not_an_activity() -> None:
    # "record" is in activity_verbs; with an amount and no object it is a noun
    assert noun_opening("Record revenue of EUR 2M in the third quarter", WORDS)
    assert activity_quote("Record revenue of EUR 2M in the third quarter", WORDS) is None
    assert not noun_opening("Record the onboarding call for 40 depots", WORDS)


def test_a_bound_on_the_work_is_a_count_not_a_measure() -> None:
    title = "Inspect at least 12 depot contracts"
    assert states_measure(title)  # as a whole the text holds a bound …
    assert plain_order(title, WORDS) == "Inspect"  # … but it bounds the work ordered
    assert plain_order("Keep response time under 4 hours", WORDS) is None


def test_the_lexicon_answers_from_lemminflects_table() -> None:
    lex = lexicon()
    assert {"publish", "migrate", "run", "digitise", "renovate"} <= lex.verbs
    assert "revenue" not in lex.verbs
    assert lex.is_noun("traffic") and lex.is_noun("record") and not lex.is_noun("migrate")
    assert lex.is_adjective("free") and not lex.is_adjective("publish")
    assert lex.is_third_person("grows") and not lex.is_third_person("interviews")
    assert lex.is_third_person("interviews", plural_nouns=True)
    assert "grew" in lex.past and "published" in lex.past


def test_the_wording_rules_never_import_lemminflect_or_numpy() -> None:
    code = (
        "import sys\n"
        "from rollout.rules.text import words_for\n"
        "from rollout.rules.orders import plain_order\n"
        "assert plain_order('Digitise supplier invoices', words_for()) == 'Digitise'\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('lemminflect', 'numpy')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_missing_lemminflect_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    with pytest.raises(RolloutError, match="lemminflect"):
        lexicon_module._table()

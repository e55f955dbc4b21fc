"""Key results that state a state reached: milestones, not activities or vague wishes (r18i).

A key result written as the state the work leaves behind is done or not done at the end
of the cycle, a milestone (issue 18: "binary outcomes are called vague"). Seven passes read
such states from word lists; this module reads them by their shape, reusing the objective
shapes' test of a clause (:func:`rollout.rules.objective_shapes.state_clause`) rather than
writing a second one:

- **a subject and a finite verb** ("Export control checks cover every sales transaction",
  "Open source projects on a partner code host get our code navigation on by default"):
  the first word is then the subject's, not an order (OKR201's order tests read "Export"
  and "Open" as verbs);
- **a noun phrase and a state** ("Vendor management process in place across all
  departments", "… live", "… available", "… by default"), when the first word is no
  order with its object ("Put the process in place" is work);
- **a deliverable that exists, named with its qualities**: an indefinite article and a
  noun phrase with no verb ("A working funnel model from first touch to closed deal, with
  conversion rates and cycle times"), which is there at the end of the cycle or is not.

A word of degree or opinion ("better", "sound") makes any of them a matter of opinion
again (OKR202 still reports it). Pure and cached like the other wording shapes; the
lexicon is asked only for titles the cheap tests leave open.
"""

from __future__ import annotations

from functools import lru_cache

from rollout.rules.lexicon import lexicon
from rollout.rules.objective_shapes import _finite_verb, state_clause
from rollout.rules.orders import _object_follows, _plain_verb
from rollout.rules.reading import _STATE_PHRASES, _STATE_VERBS, _vague_in
from rollout.rules.text import Words, opening, tokens


@lru_cache(maxsize=8192)
def subject_acts(title: str, words: Words) -> bool:
    """True when the title is a clause, its subject first and a finite verb after it (no word of degree).

    "Export control checks cover every sales transaction": "Export" opens the subject,
    so the title is no order to export (OKR201). Delegates to
    :func:`rollout.rules.objective_shapes.state_clause`; not when the verb is one of the
    mind (list ``mind_verbs``: "Customers understand the benefits" is measured only by
    asking, OKR202).
    """
    toks = tokens(title)
    if _vague_in(toks, words) or not state_clause(title, words):
        return False
    verb = _finite_verb(title, words)
    return verb is None or words["mind_verbs"].at(toks, verb) is None  # "Customers understand …": asked, not seen


@lru_cache(maxsize=8192)
def state_reached(title: str, words: Words) -> bool:
    """True when a key result with no number states a state reached: a milestone (OKR202 stays quiet).

    One of :func:`subject_acts`, a noun phrase followed by a state ("Vendor management
    process in place across all departments"; the states of
    :data:`rollout.rules.reading._STATE_PHRASES`: in place, live, available, ready, in
    production, by default, part of), or a deliverable named with an indefinite article
    and no verb ("A working funnel model …, with conversion rates and cycle times").
    Never with a word of degree or opinion.
    """
    toks = tokens(title)
    start = opening(toks)
    if start + 1 >= len(toks) or _vague_in(toks, words):
        return False
    if toks[start] in ("a", "an") and not any(t in _STATE_VERBS or t[:1].isdigit() for t in toks):
        return True  # "A working funnel model …": the thing exists at the end of the cycle, or it does not
    if _state_after_subject(toks, start) and not _order_opens(toks, start, words):
        return True  # "Vendor management process in place …"
    return subject_acts(title, words)


def _state_after_subject(toks: tuple[str, ...], start: int) -> bool:
    """True when a state (:data:`rollout.rules.reading._STATE_PHRASES`) follows the subject, reached, not aimed at.

    "… to go live in Q4", "… to be available": an infinitive before the state puts it in
    the future (on track to, planned to), which is no state reached.
    """
    for phrase in _STATE_PHRASES:
        parts = tuple(phrase.split())
        for k in range(start + 1, len(toks) - len(parts) + 1):
            if toks[k : k + len(parts)] == parts and "to" not in toks[max(start, k - 2) : k]:
                return True
    return False


def _order_opens(toks: tuple[str, ...], start: int, words: Words) -> bool:
    """True when the first word is a verb with its object: an order ("Put the process in place")."""
    lex = lexicon()
    first = toks[start]
    return _plain_verb(first, lex.verbs) and (not lex.is_noun(first) or _object_follows(toks, start, words))

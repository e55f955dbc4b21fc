"""Issue 18, seventh pass for objectives (r18g): shapes decided by the lexicon and the sentence.

The YAML cases (``r18g-*`` in OKR205, OKR206 and OKR208) hold one title each; here:

- the shapes catch verbs and nouns no word list holds, so only the lexicon can decide them
  ("Widen", "Broaden", "Survey" are in no list);
- a subject with its finite verb is a state: never vague (OKR208), never a task (OKR205),
  whatever its first word ("Support engineers can answer …" opens with a verb of support);
- "Help customers succeed" stays an order: a verb that is also a noun counts as a subject
  only before an auxiliary or a modal;
- people are not made ("Create a … team") but hiring people stays a task;
- the jargon coinage test asks the lexicon and leaves a known verb alone ("Democratise",
  the limit of the test, written down);
- the new word classes extend per workspace (``rules: words:``);
- set 7's objectives (seen since the lead read its misses) do not get worse than this pass.
"""

from __future__ import annotations

import pytest

from rollout.rules import check_draft
from rollout.rules.objective_shapes import people_object, state_clause, task_shape
from rollout.rules.objective_vague import jargon_shapes, vague_shape
from rollout.rules.vocabulary import WORD_LISTS, tokens, words_for
from rollout.workspace.models import KeyResult, Objective, RulesConfig

from .evaluation import HOLDOUT_SET_7, evaluate

WORDS = words_for()


def _codes(title: str, extra: dict[str, list[str]] | None = None) -> set[str]:
    config = RulesConfig(select=["wording"], words=extra or {})
    return {f.code for f in check_draft(Objective(id="o", title=title), level="team", config=config)}


def _in_a_list(word: str) -> list[str]:
    return [name for name in WORD_LISTS if WORDS[name].at((word,), 0) is not None]


STATES = [
    "Shippers succeed with the portal",
    "Dispatchers can answer shippers from the tracking screen",
    "Support engineers can answer customers from the docs",
    "The tracking page replaces the weekly status email",
    "Drivers trust the new route plans",
    "Late deliveries are rare at every depot",
]
NOT_STATES = [
    "Help customers succeed",
    "Use ticket templates to improve speed",
    "Measure the value partners can bring",
    "Grow revenue",
    "Sales prospects",
    "Build content paths to support lead flow",
]


@pytest.mark.parametrize("title", STATES)
def test_a_subject_with_its_verb_is_a_state(title: str) -> None:
    assert state_clause(title, WORDS)
    assert not {"OKR205", "OKR208"} & _codes(title)


@pytest.mark.parametrize("title", NOT_STATES)
def test_orders_and_noun_phrases_are_no_state(title: str) -> None:
    assert not state_clause(title, WORDS)


# Verbs no word list holds: only the lexicon (a verb, made from an adjective) can decide them.
LEXICON_ONLY = [
    ("Widen our audience", "OKR208"),
    ("Broaden our reach", "OKR208"),
    ("Sharpen our focus", "OKR208"),
    ("Use shared shift templates to cut overtime at the hubs", "OKR205"),
    ("Stand up a shipper advisory board", "OKR205"),
]


@pytest.mark.parametrize(("title", "code"), LEXICON_ONLY)
def test_shapes_decide_verbs_no_list_holds(title: str, code: str) -> None:
    assert _in_a_list(tokens(title)[0]) == [], "the example must test the lexicon, not a word list"
    assert code in _codes(title)


def test_each_shape_on_its_own() -> None:
    assert task_shape("Survey drivers about the new handheld scanners", WORDS) == "Survey"
    assert task_shape("Build out a tracking portal for mid-market shippers", WORDS) == "Build out"
    assert task_shape("Build route dashboards to track late deliveries", WORDS) == "Build"
    assert task_shape("Equip hub leads to coach their crews", WORDS) is None  # the leads coach
    assert task_shape("Lay the groundwork to become the default carrier", WORDS) is None  # a state
    assert task_shape("Give planners a quick way to reroute freight", WORDS) is None  # someone gets something
    assert vague_shape("Driver brand, quick hiring, better routes", WORDS)
    assert not vague_shape("Safe, clean and welcoming depots", WORDS)  # adjectives before one noun
    assert vague_shape("Innovative digital experiences", WORDS)
    assert not vague_shape("Secure Series B funding", WORDS)  # a name after the verb
    assert vague_shape("Make the depot good!", WORDS)
    assert not vague_shape("Make the depot app fast on old phones", WORDS)


def test_people_are_not_made_but_hiring_stays_a_task() -> None:
    assert people_object("Create a calm and capable dispatch team", WORDS)
    assert people_object("Create a team shippers like to call", WORDS)
    assert not people_object("Create a team calendar", WORDS)
    assert people_object("Develop dispatchers from within", WORDS)  # an agent noun: people grown
    assert not people_object("Build the partner portal and onboard its first partners", WORDS)
    assert "OKR205" not in _codes("Create a calm and capable dispatch team")
    assert "OKR205" in _codes("Create a team calendar")
    assert "OKR205" in _codes("Hire the missing depot managers")
    assert "OKR205" in _codes("Build the partner portal and onboard its first ten partners")


def test_supported_people_who_do_something_are_a_direction() -> None:
    # A verb of their own, found by the lexicon (no list of verbs holds "spend"; it is a generic word).
    assert not [name for name in _in_a_list("spend") if "verb" in name]  # generic_words, input_nouns (a noun)
    assert "OKR208" not in _codes("Help depots spend less time on paperwork")
    assert "OKR208" in _codes("Support the self-serve small-shipper segment")


def test_jargon_constructions() -> None:
    assert jargon_shapes("Supercharge the freight sales engine", WORDS) == ("sales engine",)
    assert jargon_shapes("Build a predictable, repeatable sales engine", WORDS) == ()  # the engine wanted
    assert jargon_shapes("Replace the engines of the oldest trucks", WORDS) == ()  # a real engine
    assert jargon_shapes("Drive operational excellence", WORDS) == ("operational excellence",)
    assert jargon_shapes("Excellence", WORDS) == ()  # vague (OKR208), not a construction
    assert jargon_shapes("Launch the new pricing engine for depots", WORDS) == ()  # software
    assert jargon_shapes("Refuel the referral flywheel", WORDS) == ("referral flywheel",)
    # No test of the verb's form: the lexicon lacks technical verbs as much as buzzwords.
    assert jargon_shapes("Containerise the depot scanning services", WORDS) == ()
    assert jargon_shapes("Democratise route planning", WORDS) == ()
    # Key results keep their word lists only.
    assert "OKR206" not in {
        f.code
        for f in check_draft(
            Objective(
                id="o", title="Win shippers", key_results=[KeyResult(id="k", title="Supercharge the sales engine")]
            ),
            level="team",
            config=RulesConfig(select=["OKR206"]),
        )
        if f.kr
    }


def test_new_word_classes_extend_per_workspace() -> None:
    title = "Mentor hub leads to plan their own routes"
    assert "OKR205" in _codes(title)  # a means and its purpose, as far as the bundled lists know
    assert "OKR205" not in _codes(title, {"control_verbs": ["mentor"]})
    assert "OKR206" not in _codes("Restart the referral treadmill")
    assert "OKR206" in _codes("Restart the referral treadmill", {"machine_nouns": ["treadmill"]})
    assert "OKR205" in _codes("Appraise the depot leases", {"study_verbs": ["appraise"]})


def test_set_7_objectives_do_not_get_worse() -> None:
    """Set 7 after this pass: 31 of 32 bad objectives caught, 0 of 24 good flagged (floor: one item of margin)."""
    result = evaluate(HOLDOUT_SET_7)["objectives"]
    assert result.bad_caught() >= 0.93, "\n".join(result.misses())
    assert result.good_flagged() == 0.0, "\n".join(result.misses())

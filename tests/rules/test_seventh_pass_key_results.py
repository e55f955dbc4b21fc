"""Seventh pass on key results (r18h): effort measured, and the false alarms of set 7.

- the issue's examples of each class (held-out set 7, read after the sixth pass) stay
  caught: effort stated as a rate or share, counts with no verb, orders the general test
  missed, and the false alarms that are gone;
- the classes generalise: sentences of my own (the seeds' logistics domain, none from a
  labelled set) of each shape are caught, and their look-alikes that are results are not
  (people counted, what an audience does, things sent from outside, a cut, a limit);
- the cheap tests come first: a title with no count, "per", share or input word never
  reads the lexicon.
"""

from __future__ import annotations

import pytest

from rollout.rules import check_draft
from rollout.rules.inputs import effort_measured
from rollout.rules.orders import degree_described
from rollout.rules.quantities import continues_measure
from rollout.rules.vocabulary import words_for
from rollout.workspace.models import KeyResult, Objective, RulesConfig

WORDING = RulesConfig(select=["wording"])


def codes(title: str) -> set[str]:
    objective = Objective(id="o", title="Ship parcels on time", key_results=[KeyResult(id="o-kr1", title=title)])
    return {f.code for f in check_draft(objective, level="team", config=WORDING) if f.kr == "o-kr1"}


# The issue's examples (issue 18, CLOSING4: set 7's misses), one per class.
ISSUE_ACTIVITIES = [
    # effort stated as a rate or share
    "Merge requests per engineer up 20% in every team",
    "Reply to 90% of employer review site reviews",
    "Raise experiment velocity from 4 tests a month to 12",
    "Raise the social ad budget by 40%",
    # counts with no verb
    "Four blog posts from the team on recent work",
    "2 streams with guests",
    "10 inquiries towards those funding methods",
    "At least 50 components in the shared UI library by the end of the quarter",
    # orders the general test missed
    "Deliver distributed tracing on the hosted service",
    "Optimise the 10 most visited pages for inbound",
    "Show every starter-tier renewal account the value of the higher tiers",
    "More than one meaningful prospect conversation per rep per day",
    "Get every engineer into one customer conversation",
]


@pytest.mark.parametrize("title", ISSUE_ACTIVITIES)
def test_issue_examples_are_activities_and_not_vague(title: str) -> None:
    assert codes(title) == {"OKR201"}


def test_issue_business_as_usual_is_not_vague() -> None:
    assert codes("Keep throughput consistent week to week") == {"OKR203"}


def test_issue_milestone_with_a_kind_is_not_vague() -> None:
    assert codes("Real matches are playable online") == set()
    assert codes("Real progress is made on the roadmap") == {"OKR202"}


def test_issue_trajectory_is_one_result() -> None:
    title = (
        "Wider-community contributions reach 180 in the first release of the quarter, "
        "200 in the second and 220 in the third"
    )
    assert codes(title) == set()


# My own sentences, by class: caught.
OWN_EFFORT = {
    "Six route-planning guides from the operations team": "Six route-planning guides",
    "3 livestreams with depot managers": "3 livestreams",
    "Twelve shipper interviews per month": "Twelve shipper interviews",
    "3 new engineers on the routing team": "3 new engineers",
    "Quotes per sales rep up 25%": "Quotes per sales rep",
    "Code reviews per engineer rise from 4 to 6 a week": "Code reviews per engineer",
    "Increase the recruiting budget from EUR 200k to EUR 300k": "Increase the recruiting budget",
    "Ad spend up 40% in the third quarter": "Ad spend",
    "Grow engineering velocity from 20 to 30 story points per sprint": "Grow engineering velocity",
    "Acknowledge 95% of damage claims from shippers": "Acknowledge 95% of damage claims",
    "Translate 100% of the help centre into German": "Translate 100% of the help centre",
    "Fix the 10 oldest bugs in the backlog": "Fix the 10 oldest bugs",
    "Put every dispatcher through 2 route-planning trainings": "Put every dispatcher through 2 route-planning trainings",
    "Get every dispatcher into one shipper visit": "Get every dispatcher into one shipper visit",
}


@pytest.mark.parametrize("title", sorted(OWN_EFFORT))
def test_effort_measured_generalises(title: str) -> None:
    assert effort_measured(title, words_for()) == OWN_EFFORT[title]
    assert "OKR201" in codes(title) and "OKR202" not in codes(title)


# Their look-alikes that are results (or another rule's): not effort.
OWN_RESULTS = [
    "500 paying shippers in the Nordics",
    "1,000 GitHub stars on the routing library",
    "1M video views on the launch film",
    "200 survey responses from members",
    "40 inbound inquiries from partners",
    "80 quote requests from the website",
    "1,500 new user registrations in the first week",
    "10 regulars on the community call",
    "50 new sponsors on the open collective",
    "3 reference shippers use every lane at once",
    "One talk proposal accepted at a logistics conference",
    "Zero lost parcels at the Lisbon depot",
    "Fewer than 3 escaped defects per release",
    "2 new countries live",
    "3 new markets with a local partner",
    "Lower cloud spend per active shipper from EUR 3.10 to EUR 2.20 a month",
    "Cut the trade-fair budget by 10% with the same number of leads",
    "Revenue per account manager rises from EUR 1.1M to EUR 1.3M",
    "Deals per sales rep up 20%",
    "Sick-leave days per employee fall from 11 to 8 a year",
    "Spend no more than 12 points of the quarterly error budget",
    "Raise deployment frequency from 2 to 10 releases per week",
    "Win 90% of the tenders we bid on",
    "Retain 95% of enterprise shippers",
    "Capture 30% of the mid-market segment",
    "Digitise 80% of paper delivery notes",
    "Improve the three weakest services",
    "1 million monthly visitors to the help centre",
    "2 industry awards for the shipper portal",
    "Raise throughput of the sorting line from 2,000 to 3,000 parcels an hour",
    "Resolve 90% of sev-2 incidents within 8 hours",
    "Get every new shipper to one successful delivery in week one",
    "Give every dispatcher a route dashboard",
    "1 tier-one media story in a national paper",
    "40 inbound calls from shippers",
    "1. Align depot OKRs with the company's objectives",
]


@pytest.mark.parametrize("title", OWN_RESULTS)
def test_results_are_not_effort(title: str) -> None:
    assert effort_measured(title, words_for()) is None


def test_degree_words_of_a_described_thing() -> None:
    words = words_for()
    assert degree_described("Show every new shipper the value of the faster lanes", words)
    assert not degree_described("Build stronger relationships with key accounts", words)
    assert codes("Build stronger relationships with key accounts") == {"OKR202"}


def test_one_measure_over_time_is_not_two() -> None:
    assert continues_measure("220 in the third")
    assert continues_measure("500 in June")
    assert not continues_measure("83% against Premium SLAs")
    assert not continues_measure("$800k in pipeline")
    assert "OKR209" in codes("Cut churn from 4% to 2% and raise NPS from 30 to 45")
    assert "OKR209" not in codes("Weekly active shippers reach 400 in April, 450 in May and 500 in June")


def test_cheap_tests_come_first(monkeypatch: pytest.MonkeyPatch) -> None:
    """A title with no count, "per", share or input word never asks the lexicon."""
    import rollout.rules.inputs as inputs

    def no_lexicon() -> None:
        raise AssertionError("the lexicon was read")

    monkeypatch.setattr(inputs, "lexicon", no_lexicon)
    inputs.effort_measured.cache_clear()
    for title in ("Shorten the time to a first solo route", "Shippers rate the portal highly", "The beta is live"):
        assert inputs.effort_measured(title, words_for()) is None
    inputs.effort_measured.cache_clear()


def test_word_classes_extend_per_workspace() -> None:
    """The r18h classes are word lists a workspace can extend (rollout.yaml rules.words)."""
    title = "Raise the sponsorship pot by 30%"
    assert effort_measured(title, words_for()) is None
    assert effort_measured(title, words_for({"input_nouns": ["pot"]})) == "Raise the sponsorship pot"

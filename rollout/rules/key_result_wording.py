"""Wording rules on key results (OKR201 activity, OKR202 vague, OKR203 business as usual).

Split from :mod:`rollout.rules.wording` (r18f) when it grew past 400 lines; the rules
are registered there. One key result gets at most one of the three, the most specific
first: business as usual, then activity, then vague.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from rollout.rules import clauses, grammar, inputs, orders, reading, states, text
from rollout.rules.base import Context, Hit, Rule, example_values
from rollout.rules.text import Words
from rollout.workspace.models import KeyResult, Objective


def has_numbers(kr: KeyResult, ctx: Context) -> bool:
    """A key result has numbers when its title states one or its baseline, target or metric is set."""
    return kr.baseline is not None or kr.target is not None or bool(kr.metric) or text.has_quantity(kr.title, ctx.words)


class OKR201(Rule):
    """Key result describes an activity ("{activity}"), not an outcome.

    A key result says what will be different when the work succeeds, not the
    work itself. Activities are worth doing only if they move a result; write
    the result, and keep the activities in the team's plan. Detected from the
    opening verb, also in the past tense (word list `activity_verbs`;
    `counted_activity_verbs` when a count follows, as in "Make 300 calls"), and
    from a plain count of things people do, whatever the verb (`activity_nouns`:
    "40 newsletters sent", or a frequency: "Regular check-ins with hiring
    managers"). A count is effort dressed as a number: 200 calls made say
    nothing about what the calls achieved. A document made is a task
    too (`deliverable_nouns` after a verb such as produce, deliver or make:
    "Produce the annual hiring plan"), also when written as a state reached
    ("The 2027 hiring plan is written"), and so is a test or trial ("Test the
    script with 8 shippers"): work done to learn, not the result. The verb
    list draws on published task-verb lists (analyze, gather, compile,
    monitor, support …; sources in words.yaml). Moving things (`moving_verbs`:
    "Move all depots to the new tool") is an activity unless a quantity moves
    ("Move the conversion rate from 3% to 5%"). An opening word followed by a
    verb of its own is a noun ("Release frequency goes from 2 to 8 a month",
    "Support tickets per 1,000 orders fall …"); a word of degree after the
    verb makes a vague wish of it instead ("Support managers in having better
    conversations"). Two shapes need no word list of verbs (module
    :mod:`rollout.rules.grammar`): the team as subject counting its work
    ("Engineering teams complete 1,000 code reviews each sprint"; a count of
    what customers do, or a system's capacity, is a result), and an order
    with its object and no end state, whatever the verb ("Approve the new
    expense policy", "Sign off the budget proposals", "Agree and document the
    metrics"), unless the verb is one of change ("Improve the app": vague,
    OKR202) or of winning ("Land our first customer in Japan": a milestone).
    Module :mod:`rollout.rules.clauses` adds two more: any opening verb with a
    plain count of things as its object ("Spotlight 10 community projects in
    the newsletter"), unless the verb yields a result (`achievement_verbs`,
    `yield_verbs`: "Generate 400 qualified leads") or people, a unit or coverage
    others gave are counted ("Product named in 30 trade press articles"); and
    an internal tool written as done (`internal_tools`: "New ATS analytics tool
    implemented"), where a product released is a milestone. The sixth pass (r18e)
    adds whole classes of effort verbs (handing out, recruiting steps, taking out of
    service, backlog planning, measuring, writing down), counts of the team's own
    people, work items or things made even after a verb of yield or winning ("Add 4
    full-time developers", "Close 5 technical-debt issues", "Add 40 comparison pages"),
    and reads a date as a deadline, not a number ("List the most frequent crashes by 1
    March"); people who are not the team brought in are a result ("Onboard 250 new
    clients"). The seventh pass (r18f) asks a lexicon instead of a list
    (:mod:`rollout.rules.orders`): any word LemmInflect's English lexicon knows as a verb
    in its plain form opens an order ("Digitise supplier invoices"), unless it is a verb
    of outcome or change, the title states a measured change or a threshold, or the word
    reads as a noun there ("Traffic to the site grows 12%", "Record revenue of $2M").
    A number about the team's own inputs or outputs is effort too (the logic model's
    chain runs inputs → activities → outputs → outcomes, and only outcomes are results):
    a count with no verb ("Four route guides from the operations team"; not
    people, what an audience does, or things sent from outside: "80 quote requests from
    the website"), things per member of the team ("Quotes per sales rep up 25%"), an input
    raised (`input_nouns`: "Raise the trade-fair budget by 30%"; a cut is a result), and a
    share of the team's own work ("Acknowledge 95% of damage claims from shippers").
    A state reached is a milestone, never an order, whatever its first word could also
    be: a subject and its verb ("Customs checks cover every cross-border shipment": not
    an order to "customs"; the subject's head may come before a phrase, as in "Route
    plans for every depot get a named owner"), or a name with its number and a
    participle ("SOC 2 Type II report issued by 31 October": the first word is no verb,
    so the number is no count of work).

    **Bad**

    - Launch a new driver onboarding programme
    - Hold weekly pipeline reviews with every account executive
    - Implement a new applicant tracking system
    - Send 40 newsletters to shippers
    - Produce the annual hiring plan
    - Test the new onboarding call script with 8 shippers
    - 10 intros to procurement teams at target accounts
    - Analyze the reasons for churn among the top 50 accounts
    - Move all depots to the new scheduling tool
    - The 2027 hiring plan is written and shared
    - Engineering teams complete 1,000 code reviews each sprint
    - Sign off the business line budget proposals
    - Agree and document the metrics for individual contributions
    - Spotlight 10 community projects in the newsletter
    - New ATS analytics tool implemented
    - Hand out the field guide to 300 depot managers
    - Add 3 full-time site reliability engineers
    - Close 8 open security issues in the billing service
    - List the ten most common refund reasons by 1 March
    - Digitise supplier invoices
    - Renovate the Lisbon depot
    - Four route guides from the operations team
    - Quotes per sales rep up 25%
    - Raise the trade-fair budget by 30%
    - Acknowledge 95% of damage claims from shippers

    **Good**

    - Shorten the time from a new driver's first day to their first solo route from 21 to 14 days
    - Raise the forecast accuracy of the weekly pipeline from 70% to 90%
    - Cut time to hire for drivers from 41 to 28 days
    - Move the free-to-paid conversion rate from 3% to 5%
    - The new forecast is used in every budget review
    - Customers complete 500 self-serve upgrades a month
    - Land our first paying customer in Japan
    - Generate 400 qualified leads from partner webinars
    - Product named in 30 trade press articles
    - Onboard 250 new clients in the Nordics
    - Close 30 new enterprise deals
    - Traffic to the help centre grows 12%
    - Record revenue of EUR 2M in the third quarter
    - 80 quote requests from the website
    - Lower ad spend per booked shipment from EUR 40 to EUR 30
    - Customs checks cover every cross-border shipment
    - SOC 2 Type II report issued by 31 October
    """

    code = "OKR201"
    example = example_values(activity="Launch …")
    name = "activity-key-result"
    group = "wording"
    severity = "warning"
    hint = 'Ask "so that what?" and measure that result, e.g. time to productivity instead of launching a programme.'
    draft = True

    def check_key_result(self, kr: KeyResult, objective: Objective, ctx: Context) -> Iterator[Hit]:
        if not kr.health_metric and _business_as_usual(kr.title, ctx.words):
            return
        activity = clauses.activity_quote(kr.title, ctx.words) or inputs.effort_measured(kr.title, ctx.words)
        if activity:
            yield Hit(kr, ("title",), {"activity": activity})


class OKR202(Rule):
    """Key result is vague: it states no number, metric or threshold.

    A key result must be measurable without debate at the end of the cycle.
    When it states no number and has no baseline, target or metric, two people
    can honestly disagree about whether it was achieved. A milestone needs no
    number: a statement that is plainly done or not done ("All candidates take
    part in a values interview", "At least one customer uses the integration",
    "The DHT is enabled by default", "Get featured on the App Store") passes,
    unless a word of degree or opinion (`vague_words`: "better", "sound",
    "streamlined") makes it a matter of opinion again. So does a behaviour: a
    subject and its verb with an object or a preposition ("The mobile app takes
    over when the web session expires", "Sales and support work from one shared
    inbox"), unless the verb is one of the mind (`mind_verbs`: "Customers
    understand the value of the plan" needs a measure); the subject may be any noun
    phrase opened by a determiner ("The payments library exposes the new refund
    API"). A comparative before
    "than" and a number is a threshold, not a word of degree ("No question waits
    more than one working day"). A placeholder ("N1", "X%") is reported by OKR210
    instead. An item of a list that an earlier key result opens with ":" ("Implement
    key new systems, including:" then "HRIS (Bamboo)") belongs to that key result and
    is not reported on its own. A state reached by its shape is a milestone too: a noun
    phrase and a state ("Carrier vetting process in place across all depots", "… on by
    default", "… live"; not a state aimed at: "… on track to go live"), a deliverable
    named with "a" and no verb ("A shared shipper health dashboard with volumes, claims
    and renewal dates"), and a subject with its verb ("Customs checks cover every
    cross-border shipment").

    **Bad**

    - Improve collaboration with operations
    - Strengthen service quality
    - Increase revenue
    - The new routing engine is a sound solution for the depots
    - Customers understand the value of the premium plan
    - Improve uptime of the three busiest depots

    **Good**

    - Cut the median time to resolve a delivery exception from 26 to 12 hours
    - Raise the quality score of audited conversations from 81 to 90 points
    - Grow quarterly mid-market revenue from EUR 14.2M to EUR 15.8M
    - Every depot manager has access to the weekly cost report
    - No shipper question waits more than one working day for an answer
    - The mobile app takes over when the web session expires
    - The payments library exposes the new refund API
    - Carrier vetting process in place across all depots
    - A shared shipper health dashboard with volumes, claims and renewal dates
    """

    code = "OKR202"
    name = "vague-key-result"
    group = "wording"
    severity = "warning"
    hint = 'Name the metric and state where it starts and where it should end: "from X to Y".'
    draft = True

    def check_key_result(self, kr: KeyResult, objective: Objective, ctx: Context) -> Iterator[Hit]:
        if has_numbers(kr, ctx) or text.placeholders(kr.title):
            return  # a placeholder is OKR210's
        if _list_item(kr, objective):
            return  # "HRIS (Bamboo)" after "Implement key new systems, including:": the list's finding covers it
        if text.activity_opening(kr.title, ctx.words) or _business_as_usual(kr.title, ctx.words):
            return  # OKR201 / OKR203 say it more precisely
        if (
            reading.counted_activity(kr.title, ctx.words)
            or grammar.counted_effort(kr.title, ctx.words)
            or reading.deliverable_made(kr.title, ctx.words)
            or clauses.work_done(kr.title, ctx.words)
            or grammar.imperative_task(kr.title, ctx.words)
            or inputs.effort_measured(kr.title, ctx.words)
            or (orders.degree_described(kr.title, ctx.words) and clauses.activity_quote(kr.title, ctx.words))
        ):
            return  # OKR201 ("Regular check-ins with …", "The hiring plan is written", "Agree the metrics")
        if reading.milestone_statement(kr.title, ctx.words) or clauses.behaviour(kr.title, ctx.words):
            return  # done or not done: a state reached, or a behaviour ("The node takes over when …")
        if states.state_reached(kr.title, ctx.words):
            return  # "Vendor management process in place …", "Export control checks cover …" (r18i)
        if _done_with_kinds(kr.title, ctx.words):
            return  # "Real matches are playable online": "real" names a kind of match, no degree
        yield Hit(kr, ("title",))


def _list_item(kr: KeyResult, objective: Objective) -> bool:
    """True when ``kr`` is an item of a list that an earlier key result opens with ":".

    Spreadsheets split "Implement key new enterprise systems, including:" and its items
    ("HRIS (Bamboo)", "New ATS (Greenhouse)") into rows, and so into key results. The
    items are the key result's object, not key results of their own: this one and every
    key result between the opening one and it are items (at most six words, no digit,
    no verb such as "is", "are" or "can": "Teams are happier with their tools" is a
    sentence of its own).
    """
    krs = objective.key_results
    index = next((i for i, k in enumerate(krs) if k is kr), 0)
    if not index or not _item(kr.title):
        return False
    for earlier in reversed(krs[:index]):
        if earlier.title.rstrip().endswith(":"):
            return True
        if not _item(earlier.title):
            return False
    return False


def _item(title: str) -> bool:
    """A list item: at most six words, no digit and no verb of being or having."""
    toks = text.tokens(title)
    return len(toks) <= 6 and not any(c.isdigit() for c in title) and not any(t in reading._STATE_VERBS for t in toks)


class OKR203(Rule):
    """Key result keeps things as they are ("{words} …"): business as usual, not a change.

    OKRs are for the few changes that matter this cycle. "Maintain", "keep" or
    "continue" describe a KPI to monitor, which belongs on a dashboard. If the
    level is a guard-rail the objective must not break, say so with
    `health_metric: true` and this rule stays quiet. "Hold" and "keep" are
    business as usual when a mark of a steady state follows them closely ("at",
    "under", "meeting", "on track"): "Hold a monthly call with every account worth
    over $1m" holds a meeting; keeping pace is business as usual too ("Keep up
    with incoming issues"), and so is a state kept the same (`steady_states`: "Keep
    depot throughput consistent month to month").

    **Bad**

    - Maintain payroll accuracy at 99.9%
    - Keep the open ticket backlog under 200
    - Continue to patch critical vulnerabilities within 7 days
    - Keep up with incoming support requests on all lanes
    - Keep depot throughput consistent month to month

    **Good**

    - Reduce payslip correction requests from 41 to 20 a month
    - Reduce open tickets older than 48 hours from 420 to 120
    - `title: Payroll accuracy stays at 99.9%` with `health_metric: true`
    """

    code = "OKR203"
    example = example_values(words="Maintain")
    name = "business-as-usual"
    group = "wording"
    severity = "warning"
    hint = 'Aim for a change ("from X to Y"), or mark a guard-rail with `health_metric: true`.'
    draft = True

    def check_key_result(self, kr: KeyResult, objective: Objective, ctx: Context) -> Iterator[Hit]:
        if kr.health_metric:
            return
        words = _business_as_usual(kr.title, ctx.words)
        if words:
            yield Hit(kr, ("title",), {"words": words.capitalize()})


@lru_cache(maxsize=16384)
def _business_as_usual(title: str, words: Words) -> str | None:
    """The words that make a key result business as usual (:func:`rollout.rules.text.bau_opening`), or None.

    Also a verb of keeping (``steady_verbs``) with a state kept the same within eight
    words (``steady_states``: "Keep throughput consistent week to week"; r18h). Cached:
    OKR201, OKR202 and OKR203 each ask it for every key result.
    """
    found = text.bau_opening(title, words)
    if found:
        return found
    toks = text.tokens(title)
    start = text.opening(toks)
    steady = words["steady_verbs"].at(toks, start)
    if steady is None or text.states_change(title):
        return None
    after = start + len(steady.words)
    if any(words["steady_states"].at(toks, k) is not None for k in range(after, min(after + 8, len(toks)))):
        return str(steady)
    return None


# Adjectives of genuineness: a word of degree before a mass noun ("real impact", "real
# progress"), a kind before a plural count noun ("real matches", "real devices": not
# simulated ones). Closed class (Quirk et al., 7.36, "emphasizers" used as classifiers).
_KINDS = frozenset(("real", "true", "genuine", "actual"))


@lru_cache(maxsize=8192)
def _done_with_kinds(title: str, words: Words) -> bool:
    """True when the title, read without an adjective of genuineness before a plural noun, is done or not done.

    "Real matches are playable online" is a milestone whose matches are real ones (r18h);
    "Real progress is made" keeps its word of degree.
    """
    toks = text.tokens(title)
    kept = [
        t
        for i, t in enumerate(toks)
        if not (t in _KINDS and i + 1 < len(toks) and toks[i + 1].endswith("s") and not toks[i + 1].endswith("ss"))
    ]
    if len(kept) == len(toks):
        return False
    plain = " ".join(kept)
    return reading.milestone_statement(plain, words) or clauses.behaviour(plain, words)

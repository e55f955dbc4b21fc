"""Wording rules (OKR2xx): text heuristics on titles, with word lists as data.

The lists live in `rollout/rules/words.yaml` and can be extended per workspace
(`rules: words:`). OKR208-OKR210 (vague objectives, two results in one,
placeholders) are in :mod:`rollout.rules.shape`; OKR201-OKR203 (key results) in
:mod:`rollout.rules.key_result_wording`. One key result gets at most one of OKR201 (activity),
OKR202 (vague) and OKR203 (business as usual), the most specific first:
business as usual, then activity, then vague.
"""

from __future__ import annotations

from collections.abc import Iterator

from rollout.rules import objective_shapes, objective_vague, projects, text
from rollout.rules.base import Context, Hit, Option, Rule, example_values
from rollout.rules.key_result_wording import OKR201, OKR202, OKR203
from rollout.rules.key_result_wording import has_numbers as has_numbers
from rollout.workspace.models import KeyResult, Objective


class OKR204(Rule):
    """Objective contains a number or metric ({parts}); those belong in key results.

    An objective says where we are going and why it matters, in words people
    remember. Numbers and metric names go into its key results, which can then
    change without rewriting the direction. A word that multiplies ("double",
    "triple", "halve") is a target like "2x"; a count that sizes an audience ("5k+
    user", "10-person teams") says who, not how much.

    **Bad**

    - Cut cost per shipment by 12%
    - Achieve 95% CSAT across all channels
    - Double booking volume quarter over quarter

    **Good**

    - Make every shipment cheaper to deliver without letting service slip
    - Make getting help effortless for every customer
    - Win the largest shippers (5k+ employee, multi-country)
    """

    code = "OKR204"
    example = example_values(parts="12%")
    name = "metric-in-objective"
    group = "wording"
    severity = "warning"
    hint = 'Say the direction in words; move the number into a key result ("from X to Y").'
    draft = True

    def check_objective(self, objective: Objective, ctx: Context) -> Iterator[Hit]:
        parts = text.metric_parts(objective.title, ctx.words)
        if parts:
            yield Hit(objective, ("title",), {"parts": ", ".join(dict.fromkeys(parts))})


class OKR205(Rule):
    """Objective reads as a task ("{verb} …") rather than a direction.

    An objective is the change we want, not the project we will run. A task
    objective is done when the project ships, whether or not anything improved.
    Detected from the opening verb (word list `task_verbs`; not when a clause
    says what the work is for: "Ship features that enable growth in ARR"), or two verbs of
    work joined by "and" with their object ("Support and guide the conference
    planning"; not verbs of change or winning: "Grow and retain our customer
    base" is a direction). "Create" a state for people (`outcome_objects`: a
    culture, an experience, a workplace) is a direction, not a task; "create" a
    thing is a task, also to a standard ("Create world-class API
    documentation"). A standard for people or a service ("Create a high-
    performing engineering team") is an aspiration. Any other verb of work
    (`activity_verbs`) opening an objective with its object is a project too
    ("Develop a test rig for the firmware", "Decide on a billing provider"),
    unless it is a verb of direction (`directional_verbs`: build, run,
    establish …), the object is a state of people or a standard, or a clause
    says what it is for ("… as fast as the network needs them", "… that lets
    any analyst answer …"); so are two orders joined by "and" ("Build the
    partner portal and onboard its first ten partners") and a delivery
    ordered ("Get the Android app released"); and, whatever the verb, an object
    whose head is a deliverable ("Extend the referral and affiliate programmes",
    "Deliver the 2027 product roadmap"). Module :mod:`rollout.rules.projects`.
    The shape of the sentence counts too, read with a dictionary of English
    (module :mod:`rollout.rules.objective_shapes`): a verb of study with its
    object ("Measure …", "Survey …": the work before a direction), a thing made
    or used followed by what it is for ("Use shared shift templates to cut
    overtime"), a verb of making with "out" or "up" and a thing ("Build out a
    partner portal"). A state reached (a subject and its verb: "Depot teams
    can plan their own shifts") and a group of people wanted ("Create a calm
    and capable dispatch team") are directions, never tasks; so is a standard of
    quality for the people served ("Ship high-quality releases to our shippers":
    what the work should be like, and for whom).

    **Bad**

    - Implement Workday for all HR processes
    - Migrate the CRM to HubSpot
    - Create a customer newsletter
    - Create world-class API documentation
    - Support and guide the conference planning and content curation
    - Develop a test rig for the firmware
    - Build the partner portal and onboard its first ten partners
    - Get the Android app released
    - Extend the referral and affiliate programmes
    - Listen to and prioritise the top feature requests from shippers
    - Measure the savings route planning can bring to each depot
    - Use shared shift templates to cut overtime at the hubs
    - Build out a tracking portal for mid-market shippers

    **Good**

    - Give every manager the information to look after their people
    - Build a predictable, repeatable sales engine
    - Create a culture of shared ownership across functions
    - Create a high-performing engineering team
    - Grow and retain our base of mid-market shippers
    - Hire drivers as fast as the network needs them
    - Meet enterprise buyers' expectations for security reviews
    - Build a mid-market pipeline we can plan on
    - Create a calm and capable dispatch team
    - Depot teams can plan their own shifts
    - Equip hub leads to coach their crews
    - Ship high-quality releases to our shippers
    """

    code = "OKR205"
    example = example_values(verb="Implement")
    name = "task-objective"
    group = "wording"
    severity = "warning"
    hint = "Ask what the task is for and make that the objective; the task goes into the team's plan."
    draft = True

    def check_objective(self, objective: Objective, ctx: Context) -> Iterator[Hit]:
        title, words = objective.title, ctx.words
        verb = projects.task_verb(title, words)
        if verb and (
            objective_shapes.people_object(title, words)
            or objective_shapes.state_clause(title, words)
            or objective_shapes.standard_for_audience(title, words)
        ):
            verb = None  # a team wanted, a state reached, or a standard for an audience: a direction
        verb = verb or objective_shapes.task_shape(title, words)
        if verb:
            yield Hit(objective, ("title",), {"verb": verb.capitalize()})


class OKR206(Rule):
    """{what} uses jargon: {terms}.

    OKRs are read by everyone in the organization, often in a second language.
    Buzzwords sound ambitious and say nothing: nobody can tell what would be
    different when the objective is reached. A standard to reach ("world-class",
    "best-in-class") is not jargon: it is what an objective is for; without an
    audience or a result beside it the objective is vague (OKR208). A term used
    in its literal, technical sense is not jargon (list `not_jargon`: "bandwidth
    use", "network bandwidth"). In an objective, three constructions are jargon
    whatever their words (module :mod:`rollout.rules.objective_vague`): a
    machine named for a team's work, fuelled, charged or restarted ("Recharge
    the inbound marketing engine"; a pricing engine launched is software); an
    area of work + "excellence" ("Drive operational excellence").

    **Bad**

    - Leverage holistic people synergies for best-in-class talent outcomes
    - Circle back on customer touchpoints to unlock value-add engagement
    - Increase share of voice
    - Supercharge the freight sales engine
    - Drive operational excellence

    **Good**

    - Grow our next leaders from within
    - Solve problems before customers have to ask
    - Build a world-class customer onboarding experience
    - Bandwidth use per depot falls from 40 to 25 GB a day
    - Build a predictable, repeatable sales engine
    - Launch the new pricing engine for depots
    - Containerise the depot scanning services
    """

    code = "OKR206"
    example = example_values(what="Objective", terms="leverage, synergies")
    name = "jargon"
    group = "wording"
    severity = "warning"
    hint = "Say it the way you would explain it to a new colleague; name who benefits and how."
    options = (Option("min_terms", int, 1, "Jargon terms needed before a title is flagged.", minimum=1),)
    draft = True

    def _check(self, title: str, what: str, record: Objective | KeyResult, ctx: Context) -> Iterator[Hit]:
        terms = text.jargon_terms(title, ctx.words)
        if isinstance(record, Objective):
            terms += objective_vague.jargon_shapes(title, ctx.words)
        if len(terms) >= self.opt("min_terms"):
            yield Hit(record, ("title",), {"what": what, "terms": ", ".join(dict.fromkeys(terms))})

    def check_objective(self, objective: Objective, ctx: Context) -> Iterator[Hit]:
        yield from self._check(objective.title, "Objective", objective, ctx)

    def check_key_result(self, kr: KeyResult, objective: Objective, ctx: Context) -> Iterator[Hit]:
        yield from self._check(kr.title, "Key result", kr, ctx)


class OKR207(Rule):
    """Objective is {count} words long; keep it under {max_words}.

    An objective should be remembered after one reading and fit on a slide.
    Long titles usually pack two objectives, or an objective and its key
    results; the context belongs in the description. The limit is 18 words:
    guides ask for one concise sentence that fits on a line (whatmatters.com,
    "How many OKRs"; theokrgroup.com: sentences that average 14 words or fewer
    are remembered), and an average is no ceiling. One sentence with its purpose
    runs longer than the average: a published objective of 16 words ("Lay the
    foundation to become the standard tool for searching over and understanding
    the open-source universe", Sourcegraph FY22-Q1) would be flagged at 15. A
    workspace may set its own limit (option `max_words`).

    **Bad**

    - Improve the onboarding experience for new drivers and hub staff across all our
      depots so that they stay longer and feel supported by their team leaders

    **Good**

    - Turn new frontline starters into long-term colleagues
    """

    code = "OKR207"
    example = example_values(count=22, max_words=18)
    name = "long-objective"
    group = "wording"
    severity = "info"
    hint = "Keep the direction in the title and move the explanation into `description:`."
    options = (Option("max_words", int, 18, "Most words in an objective title.", minimum=3),)
    draft = True

    def check_objective(self, objective: Objective, ctx: Context) -> Iterator[Hit]:
        count = text.word_count(objective.title)
        if count > self.opt("max_words"):
            yield Hit(objective, ("title",), {"count": count, "max_words": self.opt("max_words")})


RULES: tuple[type[Rule], ...] = (OKR201, OKR202, OKR203, OKR204, OKR205, OKR206, OKR207)

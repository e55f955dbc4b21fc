"""Wording rules about a title's shape (OKR208-OKR211): vague objectives, two results in one, placeholders,
a parent repeated.

The sentence heuristics are in :mod:`rollout.rules.reading`, the word lists in
`rollout/rules/words.yaml` (extendable per workspace, `rules: words:`).
"""

from __future__ import annotations

from collections.abc import Iterator

from rollout.rules import objective_shapes, objective_vague, objectives, quantities, reading, text
from rollout.rules.base import Context, Hit, Rule, example_values
from rollout.workspace.models import KeyResult, Objective


class OKR208(Rule):
    """Objective is vague: it names no outcome, audience or direction of its own.

    An objective says where this unit is going, for whom and why it matters.
    A title made only of generic words ("quality", "growth", "teamwork",
    "improve", "be the best", a feeling such as "excite" or "wow", "sell
    more", an area of work with a standard: "a world-class data
    infrastructure") could be any team's in any quarter: nobody can
    tell what would be different when it is reached, or what to say no to.
    Detected from the title's shape (:func:`rollout.rules.objectives.vague_objective`):
    every word is generic (word list `generic_words`), a word of degree or a
    small word, after an opening verb of change ("Revitalize our online
    presence"); or one word ("Ownership"); or a verb of change with a bare noun
    phrase and nothing else ("Improve employee engagement", "Improve ease of
    onboarding"); or a topic: a verb with one bare noun ("Share expertise") or
    a noun of a noun ("Continuity of service"); or "make" someone feel
    ("Make users happy"); and no number. "Be" with a state ("Be profitable")
    is done or not done. The sixth pass (r18e, :mod:`rollout.rules.objectives`):
    a verb of support with its object alone ("Support the self-serve segment"),
    two bare wishes joined ("Improve the trial experience and trial
    engagement"), "the best" with no field ("Create the best employee
    experience"), hollow words only ("Establish critical routines for future
    productivity"), going on ("Continue to improve …"), a movement with no
    destination ("Move the vision forward"), a topic with a preposition
    ("Search on linked data"). Shapes read with a dictionary of English
    (module :mod:`rollout.rules.objective_shapes`): a list of things and no
    verb ("Speed, safety, savings"), two or three words and no verb
    ("Innovative digital experiences"), a verb made from an adjective with
    only its object ("Broaden our reach", "Secure the company"), "make"
    something "good" ("Make the depot good!"). A subject with its verb is a
    state reached, never vague ("Shippers succeed with the portal").
    How far or for whom ("Significantly improve our employee satisfaction"), a
    bond between people ("Improve customer trust") or a standard for a service or
    people ("Provide world-class support") makes it a direction.

    **Bad**

    - Improve quality
    - Be the best
    - Teamwork
    - Get better at sales
    - Excite our customers
    - Sell more
    - Build a world-class data infrastructure
    - Ownership
    - Improve employee engagement
    - Share expertise
    - Continuity of service
    - Make users happy
    - Support the self-serve small-shipper segment
    - Create the best driver experience
    - Continue to improve career development and feedback
    - Move the vision forward
    - Speed, safety, savings
    - Innovative digital experiences
    - Broaden our reach
    - Make the depot good!

    **Good**

    - Make every shipment arrive when the shipper was promised
    - Delight first-time shippers with a booking that takes one minute
    - Win the trust of mid-market shippers in Germany
    - Turn new frontline starters into long-term colleagues
    - Build a world-class customer onboarding experience
    - Provide world-class support
    - Improve customer trust
    - Be profitable
    - Help new shippers book their first load on day one
    - Create the best place to work in Venlo
    - Shippers succeed with the portal
    - Dispatchers can answer shippers from the tracking screen
    - Broaden the audience we reach with rail freight
    - Safe, clean and welcoming depots
    """

    code = "OKR208"
    name = "vague-objective"
    group = "wording"
    severity = "warning"
    hint = "Name who benefits and what changes for them: which customers, which result, which way."
    draft = True

    def check_objective(self, objective: Objective, ctx: Context) -> Iterator[Hit]:
        title = objective.title
        if (
            objectives.vague_objective(title, ctx.words) or objective_vague.vague_shape(title, ctx.words)
        ) and not objective_shapes.state_of_people(title, ctx.words):
            yield Hit(objective, ("title",))


class OKR209(Rule):
    """Key result measures two results ("{first}" and "{second}").

    A key result is one measure with one target. Two results joined by "and"
    cannot be scored as one: when one is reached and the other is not, the
    score says nothing, and the check-in has no single value to record.
    Detected when two parts joined by "and", "&", "as well as", "plus",
    "while", ";" or ", with" each state a number (or a placeholder), unless "and" joins
    two numbers (a range: "between 5 and 10 minutes") or the second part is only a
    number and a time, the same measure's target at a later time ("Contributions reach
    180 in the first release, 200 in the second and 220 in the third"). A number after
    "and" that has a clause of its own is a second result, not the end of a range
    ("Driver app rating rises to 4.6 and 30 depots adopt the new scanner").

    **Bad**

    - Pipeline stability above 95% and merge request pipeline duration under 60 minutes
    - Cut churn from 4% to 2% and raise NPS from 30 to 45
    - 120 memberships sold, with at least one membership per five visitors
    - Driver app rating rises to 4.6 and 30 depots adopt the new scanner

    **Good**

    - Pipeline stability rises from 88% to 95%
    - Merge request pipeline duration falls from 80 to 60 minutes
    - Keep the first response time between 5 and 10 minutes
    - Weekly active shippers reach 400 in April, 450 in May and 500 in June
    """

    code = "OKR209"
    example = example_values(first="Pipeline stability above 95%", second="merge request pipeline duration under 60 …")
    name = "compound-key-result"
    group = "wording"
    severity = "warning"
    hint = "Split it into one key result per measure, each with its own baseline and target."
    draft = True

    def check_key_result(self, kr: KeyResult, objective: Objective, ctx: Context) -> Iterator[Hit]:
        parts = reading.compound_parts(kr.title, ctx.words)
        if parts and not quantities.continues_measure(parts[1]):
            yield Hit(kr, ("title",), {"first": _clip(parts[0]), "second": _clip(parts[1])})


class OKR210(Rule):
    """{what} has a placeholder where a number belongs: {placeholders}.

    "N1", "$N0", "X%", "TBD", "[target]", a lone capital letter where the
    number belongs ("from X to Y", "Hire N engineers"), a unit with no number
    ("% of the pipeline target reached"), a stub ("<a result about …>"), a template's
    slot in lower case ("[feature]"; a tag in capitals such as "[P1]" is none) or a
    capital letter bounded like a number ("to M or more") hold the place of a
    number nobody has written down yet. Until it is there, the key result cannot be scored
    and nobody knows what "done" means; a digit in a placeholder does not make
    it measured.

    **Bad**

    - Add N8 in qualified pipeline
    - Grow self-serve signups by X%
    - Land TBD new enterprise logos
    - Improve Net Promoter Score from X to Y
    - % of the pipeline target reached
    - Damage claims on [lane] fall by 40%
    - Grow weekly tracking-page users to M or more

    **Good**

    - Add $1.2M in qualified pipeline
    - Grow self-serve signups from 800 to 1,100 a month
    - Land 4 new enterprise logos
    """

    code = "OKR210"
    example = example_values(what="Key result", placeholders="N1")
    name = "placeholder-number"
    group = "wording"
    severity = "warning"
    hint = "Replace the placeholder with the number agreed for this cycle, and set `target:` to it."
    draft = True

    def _check(self, title: str, what: str, record: Objective | KeyResult) -> Iterator[Hit]:
        found = text.placeholders(title)
        if found:
            yield Hit(record, ("title",), {"what": what, "placeholders": ", ".join(found)})

    def check_objective(self, objective: Objective, ctx: Context) -> Iterator[Hit]:
        yield from self._check(objective.title, "Objective", objective)

    def check_key_result(self, kr: KeyResult, objective: Objective, ctx: Context) -> Iterator[Hit]:
        yield from self._check(kr.title, "Key result", kr)


class OKR211(Rule):
    """Objective repeats its parent objective word for word ("{parent}").

    A unit's objective says what this unit will change to move its parent: the
    parent's words alone say nothing of its own, so nobody can tell the unit's
    work from the level above, and the roll-up counts one direction twice. Keep
    the `parent:` link and write what this unit adds; if it adds nothing, drop
    the objective and contribute to the parent's key results. Compared word for
    word (case, punctuation and spacing ignored); a near copy of another unit's
    objective is OKR305's.

    **Bad**

    - A Sales objective "Build a company that thrives amid rapid growth" with
      `parent:` set to the company's objective of the same title.

    **Good**

    - A Sales objective "Give new account executives a full pipeline by their
      second month" with `parent:` set to "Build a company that thrives amid
      rapid growth".
    """

    code = "OKR211"
    example = example_values(parent="Build a company that thrives amid rapid growth")
    name = "restates-parent"
    group = "wording"
    severity = "warning"
    hint = "Keep `parent:` and say what this unit will change to move it, in its own words."

    def check_objective(self, objective: Objective, ctx: Context) -> Iterator[Hit]:
        if not objective.parent or ctx.ws is None:
            return
        parent = ctx.ws.objectives.get(objective.parent)
        if parent is not None and parent is not objective and text.tokens(parent.title) == text.tokens(objective.title):
            yield Hit(objective, ("title",), {"parent": _clip(parent.title, 70)})


def _clip(part: str, limit: int = 40) -> str:
    return part if len(part) <= limit else part[: limit - 1].rstrip() + "…"


RULES: tuple[type[Rule], ...] = (OKR208, OKR209, OKR210, OKR211)

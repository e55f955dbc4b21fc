"""Cadence rules (OKR401-OKR406): check-ins, reviews and end-of-cycle scoring.

Target calibration over closed cycles (OKR407, OKR408) is in :mod:`rollout.rules.calibration`.

These rules need the workspace's check-ins and reviews, so they never run on
drafts. "Today" is `as_of` in `rollout.yaml` when set.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from itertools import pairwise
from operator import attrgetter
from typing import TYPE_CHECKING

from rollout.metrics import checkins, figures
from rollout.rules.base import Context, Hit, Option, Rule, example_values
from rollout.workspace.models import Record

if TYPE_CHECKING:
    from rollout.workspace import Workspace
    from rollout.workspace.models import Cycle

_DAYS = Option("days", int, None, "Days without a check-in (default: `stale_after_days` in rollout.yaml).", 1)


def _running(ws: Workspace) -> list[Cycle]:
    """Cycles marked running that are under way on as-of: started and not yet ended.

    A cycle whose end has passed is history even when nobody closed it (an imported
    2021 set, a quarter not yet closed): a check-in can no longer change it, so the
    staleness rules (OKR401, OKR403) stay quiet instead of reporting thousands of days.
    """
    today = ws.today
    return [c for c in ws.cycles.values() if c.status == "running" and c.start <= today <= c.end]


class OKR401(Rule):
    """No check-in for {days} days (last: {last}).

    Weekly check-ins are what turn OKRs from a planning exercise into a way of
    working: they surface risks while there is still time to act. A key result
    nobody has updated for weeks has been quietly dropped. Only cycles under
    way count: once a cycle has ended (closed or not, e.g. an imported past
    cycle) a check-in can no longer help, and the end-of-cycle rules take over.

    **Bad**

    A key result of the running cycle whose last check-in is three weeks old.

    **Good**

    A check-in every week (`rollout checkin`), even when the value has not
    moved: confidence and a note are news too.
    """

    code = "OKR401"
    example = example_values(days=27, last="2026-10-28")
    name = "stale-key-result"
    group = "cadence"
    reads = frozenset({"checkins"})
    per_key_result = True
    severity = "warning"
    hint = "Check in on it (`rollout checkin`), or record in a review why it was paused."
    options = (_DAYS,)

    def check_workspace(self, ws: Workspace, ctx: Context) -> Iterator[Hit]:
        # The site's and `rollout status`'s stale count: the same figure (checkins.stale_days).
        limit = checkins.stale_limit(ws.settings)
        today = ws.today
        for cycle in _running(ws):
            if (today - cycle.start).days <= limit:
                continue
            start, last_day = figures.scoring_window(cycle, today)
            for objective in ws.objectives_in(cycle.id):
                for kr in objective.key_results:
                    if ctx.only is not None and kr.id not in ctx.only:
                        continue
                    last = figures.last_checkin_day(ws.checkins.get(kr.id) or (), start, last_day)
                    age = checkins.stale_days(cycle, kr.due, last, today, limit)
                    if age is not None:
                        yield Hit(
                            kr,
                            ("title",),
                            {"days": age, "last": last.isoformat() if last else "never"},
                            objective=objective,
                            kr=kr,
                        )


class OKR402(Rule):
    """No {cadence} review {when} in cycle {cycle}.

    Monthly progress reviews are where leadership looks at all OKRs together,
    removes blockers and decides. Without them, check-ins pile up unread and
    problems reach leadership only at the end of the quarter. In a cycle under
    way each missed period is its own finding ("between 2026-10-01 and
    2026-10-31"); once the cycle has ended, the missed periods are history and
    are reported as one line for the cycle ("in any of the 3 periods from
    2021-02-01 to 2021-04-30", "in 1 of 3 periods (2026-08-01 to 2026-08-31)"),
    so an imported past cycle does not flood the report. A closed cycle counts the
    periods that had ended by the day it was closed (`closed_on`), so its
    findings stay those of its close however far as-of moves on. The periods are
    calendar months (or 14 days for `biweekly`) from the cycle's start and
    cover it to its last day (:func:`review_periods`).

    **Bad**

    A running quarter, two months in, with no `monthly:` entry in any review
    file.

    **Good**

    `reviews/2026-Q4/<company>.yaml` with a `monthly:` entry each month:
    date, attendees, notes, risks and decisions.
    """

    code = "OKR402"
    example = example_values(cadence="monthly", when="between 2026-10-01 and 2026-10-31", cycle="2026-Q4")
    name = "missing-monthly-review"
    group = "cadence"
    reads = frozenset({"reviews"})
    severity = "warning"
    hint = "Hold the review and record it under `monthly:` in the cycle's review file (`rollout review`)."
    options = (Option("grace_days", int, 7, "Days after a period ends before its review counts as missing.", 0),)

    def check_workspace(self, ws: Workspace, ctx: Context) -> Iterator[Hit]:
        today = ws.today
        for cycle in ws.cycles.values():
            if cycle.review_cadence == "none" or cycle.status == "planned" or cycle.start > today:
                continue
            if not ws.units_in(cycle.id):
                continue  # nobody runs OKRs in this cycle
            dates = sorted(m.date for (c, _u), review in ws.reviews.items() if c == cycle.id for m in review.monthly)
            grace = timedelta(days=self.opt("grace_days"))
            periods: list[tuple[date, date]] = []  # (first day, last day) of each period that has ended
            missed: list[tuple[date, date]] = []
            # A closed cycle is judged as on the day it was closed (figures.cut_date): the periods that
            # had ended by then, so its findings do not change as as-of moves on.
            closed_on = min(cycle.closed_on, today) if cycle.status == "closed" and cycle.closed_on else None
            for first, last in review_periods(cycle.start, cycle.end, cycle.review_cadence):
                if (last > closed_on) if closed_on is not None else (last + timedelta(days=1) + grace > today):
                    break
                periods.append((first, last))
                if not any(first <= d <= last for d in dates):
                    missed.append((first, last))
            if not missed:
                continue
            facts = {"cadence": cycle.review_cadence, "cycle": cycle.id}
            if closed_on is not None or cycle.end + grace < today:  # the cycle is over: one line for it
                if len(missed) == len(periods):
                    when = f"in any of the {len(periods)} periods from {periods[0][0]} to {periods[-1][1]}"
                else:
                    spans = ", ".join(f"{first} to {last}" for first, last in missed)
                    when = f"in {len(missed)} of {len(periods)} periods ({spans})"
                yield Hit(cycle, ("review_cadence",), {**facts, "when": when}, cycle=cycle.id)
                continue
            for first, last in missed:
                yield Hit(cycle, ("review_cadence",), {**facts, "when": f"between {first} and {last}"}, cycle=cycle.id)


def review_periods(start: date, end: date, cadence: str) -> list[tuple[date, date]]:
    """The review periods of a cycle, ``(first day, last day)``, covering it from ``start`` to ``end``.

    ``monthly`` (and any cadence but ``biweekly``): calendar months counted from the start day (2018-07-01 to 07-31,
    08-01 to 08-31, 09-01 to 09-30; from the 31st, a shorter month ends the day
    before the next month's start day, clamped to its length). ``biweekly``:
    14 days. A last stretch shorter than half a period joins the period before it,
    so the periods end on the cycle's last day (a 92-day quarter is three monthly
    periods, not three of 30 days and two days left out). Empty when ``end`` is
    before ``start`` or the cycle is shorter than half a period.
    """
    if end < start:
        return []
    bounds = [start]
    step = 1
    while True:
        nxt = start + timedelta(days=14 * step) if cadence == "biweekly" else _months_after(start, step)
        if nxt > end:
            break
        bounds.append(nxt)
        step += 1
    bounds.append(end + timedelta(days=1))
    half = 7 if cadence == "biweekly" else 15
    if len(bounds) > 2 and (bounds[-1] - bounds[-2]).days < half:
        del bounds[-2]  # a short tail joins the period before it
    if len(bounds) == 2 and (bounds[1] - bounds[0]).days < half:
        return []  # a cycle shorter than half a period has no review period
    return [(a, b - timedelta(days=1)) for a, b in pairwise(bounds)]


def _months_after(day: date, months: int) -> date:
    """``day`` moved by whole calendar months, its day of the month clamped to the month's length."""
    from calendar import monthrange

    index = day.year * 12 + day.month - 1 + months
    year, month = index // 12, index % 12 + 1
    return date(year, month, min(day.day, monthrange(year, month)[1]))


class OKR403(Rule):
    """{person} owns company OKRs but has not checked in for {days} days.

    Leaders who check in on their own key results show that OKRs matter; when
    they stop, teams follow within weeks. This is the most common reason a
    rollout fades out.

    **Bad**

    The CEO owns two company key results and last checked in a month ago,
    leaving updates to the monthly review.

    **Good**

    Every owner of a company objective or key result checks in weekly, like
    everyone else.
    """

    code = "OKR403"
    example = example_values(person="Ana Lima", days=30)
    name = "leader-not-checking-in"
    group = "cadence"
    reads = frozenset({"checkins"})
    severity = "warning"
    hint = "Make check-ins a standing item of the weekly leadership meeting."
    options = (_DAYS,)

    def check_workspace(self, ws: Workspace, ctx: Context) -> Iterator[Hit]:
        limit = self.opt("days") or ctx.stale_after_days
        today = ws.today
        company = ws.company
        if company is None:
            return
        for cycle in _running(ws):
            if (today - cycle.start).days <= limit:
                continue
            owned: dict[str, Record] = {}
            for objective in ws.objectives_in(cycle.id, company.id):
                if objective.owner:
                    owned.setdefault(objective.owner, objective)
                for kr in objective.key_results:
                    if kr.owner:
                        owned.setdefault(kr.owner, kr)
            if not owned:
                continue
            last: dict[str, date] = {}
            cycle_krs = [kr for o in ws.objectives_in(cycle.id) for kr in o.key_results]
            people = owned.keys()
            for kr in cycle_krs:
                items = ws.checkins.get(kr.id, ())
                # Most key results are checked in by nobody listed here: one C-level set of the
                # check-ins' authors rules them out (the Python loop over all of a cycle's
                # 128,000 check-ins was 0.03 s of each `serve` rebuild on 2,000 teams).
                authors = set(map(_AUTHOR, items))
                if people.isdisjoint(authors) and not (None in authors and kr.owner in owned):
                    continue
                for checkin in items:
                    if checkin.date > today:
                        break  # sorted by date; a future check-in is not one made (OKR409 reports it)
                    person = checkin.author or kr.owner
                    if person in owned and checkin.date > last.get(person, date.min):
                        last[person] = checkin.date
            for person, record in owned.items():
                since = last.get(person, cycle.start)
                if (today - since).days > limit:
                    name = ws.people[person].name if person in ws.people else person
                    yield Hit(
                        record,
                        ("owner",),
                        {"person": name, "days": (today - since).days},
                        cycle=cycle.id,
                        unit=company.id,
                    )


_AUTHOR = attrgetter("author")


def closed_cycles(ws: Workspace) -> list[Cycle]:
    """The cycles marked closed, in the order of ``cycles.yaml`` (OKR404-OKR408 read them)."""
    return [c for c in ws.cycles.values() if c.status == "closed"]


class OKR404(Rule):
    """{what} has no end-of-cycle score in closed cycle {cycle}.

    Scoring closes the loop: without a 0.0–1.0 score per key result there is no
    completion rate, no calibration and no honest review of what worked.

    **Bad**

    A closed quarter whose review file has no `scores:`.

    **Good**

    `scores:` with one entry per key result (`rollout close` computes them
    from the last check-ins; overrides need a reason).
    """

    code = "OKR404"
    example = example_values(what="Key result", cycle="2026-Q3")
    name = "missing-scores"
    group = "cadence"
    reads = frozenset({"reviews"})
    severity = "warning"
    hint = "Score the cycle with `rollout close`, or add `scores:` to the unit's review file."

    def check_workspace(self, ws: Workspace, ctx: Context) -> Iterator[Hit]:
        for cycle in closed_cycles(ws):
            for unit in ws.units_in(cycle.id):
                objectives = ws.objectives_in(cycle.id, unit)
                review = ws.review(cycle.id, unit)
                scored = {s.kr for s in review.scores} if review else set()
                if not scored:
                    if objectives:
                        yield Hit(
                            objectives[0], (), {"what": f"Unit {unit}", "cycle": cycle.id}, cycle=cycle.id, unit=unit
                        )
                    continue
                for objective in objectives:
                    for kr in objective.key_results:
                        if kr.id not in scored:
                            yield Hit(kr, (), {"what": "Key result", "cycle": cycle.id}, objective=objective, kr=kr)


class OKR405(Rule):
    """Closed cycle {cycle} has no lessons learned.

    The review and reset at the end of a cycle is where the organization learns
    how to set better OKRs. Lessons written down are what the next cycle's
    drafting session starts from.

    **Bad**

    A closed quarter with scores but no `lessons:` in any review file.

    **Good**

    `lessons:` in the company review file: what helped, what got in the way,
    what to change next cycle.
    """

    code = "OKR405"
    example = example_values(cycle="2026-Q3")
    name = "missing-lessons"
    group = "cadence"
    reads = frozenset({"reviews"})
    severity = "warning"
    hint = "Add `lessons:` to the cycle's company review file after the end-of-cycle review."

    def check_workspace(self, ws: Workspace, ctx: Context) -> Iterator[Hit]:
        for cycle in closed_cycles(ws):
            if not ws.units_in(cycle.id):
                continue
            if not any(r.lessons for (c, _u), r in ws.reviews.items() if c == cycle.id):
                yield Hit(cycle, (), {"cycle": cycle.id}, cycle=cycle.id)


class OKR406(Rule):
    """Objective has no reset decision for closed cycle {cycle}.

    At the end of a cycle each objective is completed, carried over, refined or
    dropped. Without a decision, unfinished objectives silently disappear or
    linger without anyone choosing to keep them.

    **Bad**

    An objective of a closed quarter missing from the review's `decisions:`.

    **Good**

    ```yaml
    decisions:
      - objective: cs-c-tracking-calls
        decision: carried_over
        note: Proactive alerts are halfway there.
    ```
    """

    code = "OKR406"
    example = example_values(cycle="2026-Q3")
    name = "missing-decision"
    group = "cadence"
    reads = frozenset({"reviews"})
    severity = "warning"
    hint = "Add a `decisions:` entry (completed, carried_over, refined or dropped) to the unit's review file."

    def check_workspace(self, ws: Workspace, ctx: Context) -> Iterator[Hit]:
        for cycle in closed_cycles(ws):
            decided = {d.objective for (c, _u), r in ws.reviews.items() if c == cycle.id for d in r.decisions}
            for objective in ws.objectives_in(cycle.id):
                if objective.id not in decided:
                    yield Hit(objective, (), {"cycle": cycle.id}, objective=objective)


RULES: tuple[type[Rule], ...] = (OKR401, OKR402, OKR403, OKR404, OKR405, OKR406)

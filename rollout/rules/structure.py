"""Structure rules (OKR1xx): counts, owners, baselines, targets and dates."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from rollout.plural import plural
from rollout.rules.base import Context, Hit, Option, Rule, example_values

if TYPE_CHECKING:
    from rollout.workspace import Workspace
    from rollout.workspace.models import KeyResult, Objective


class OKR101(Rule):
    """{unit} has {objectives} in {cycle}; keep between {low} and {high}.

    Focus is the point of OKRs: a unit that sets more than a handful of
    objectives in a quarter has priorities in name only, and one with none is not
    taking part. The company level often keeps fewer objectives than teams do
    (set `company_max`).

    **Bad**

    A team with seven objectives for the quarter, one per ongoing project.

    **Good**

    A team with three objectives, each with its key results; the rest of the
    work carries on without being an OKR.
    """

    code = "OKR101"
    example = example_values(unit="sales", objectives="6 objectives", cycle="2026-Q4", low=1, high=5)
    name = "objective-count"
    group = "structure"
    severity = "warning"
    hint = "Merge or drop objectives until the unit has a few that matter most; move routine work out of the OKRs."
    options = (
        Option("min", int, 1, "Fewest objectives per unit and cycle.", minimum=0),
        Option("max", int, 5, "Most objectives per unit and cycle.", minimum=1),
        Option("company_max", int, 5, "Most objectives for the company unit (may be set lower).", minimum=1),
    )

    def check_workspace(self, ws: Workspace, ctx: Context) -> Iterator[Hit]:
        for (cycle, unit), objectives in ws.okr_files.items():
            kind = ws.units[unit].kind if unit in ws.units else "team"
            high = self.opt("company_max") if kind == "company" else self.opt("max")
            low = self.opt("min")
            count = len(objectives)
            if low <= count <= high:
                continue
            args = {
                "unit": unit,
                "count": count,
                "objectives": plural(count, "objective"),
                "cycle": cycle,
                "low": low,
                "high": high,
            }
            if objectives:
                target = objectives[min(high, count - 1)]
                yield Hit(target, ("title",), args, objective=None, cycle=cycle, unit=unit)
            else:
                yield Hit(None, (), args, cycle=cycle, unit=unit, file=f"okrs/{cycle}/{unit}.yaml")


class OKR102(Rule):
    """Objective has {count} key results; never more than {max}.

    Key results say how we will know the objective is reached. Beyond five,
    nobody remembers them, effort spreads thin and the objective turns into a
    project plan.

    **Bad**

    An objective with seven key results covering every metric the team reports.

    **Good**

    An objective with three to five key results; the other metrics stay on the
    team's dashboard.
    """

    code = "OKR102"
    example = example_values(count=7, max=5)
    name = "too-many-key-results"
    group = "structure"
    severity = "error"
    hint = "Keep the three to five key results that best show the outcome; monitor the rest as health metrics."
    options = (Option("max", int, 5, "Most key results per objective.", minimum=1),)
    draft = True

    def check_objective(self, objective: Objective, ctx: Context) -> Iterator[Hit]:
        count = len(objective.key_results)
        if count > self.opt("max"):
            yield Hit(objective, ("key_results", self.opt("max")), {"count": count, "max": self.opt("max")})


class OKR103(Rule):
    """Objective has {key_results}; aim for at least {min}.

    One or two key results rarely capture an outcome: a single number is easy to
    game, and there is nothing to balance speed against quality or cost.

    **Bad**

    Objective "Give every depot manager a clear picture of costs" with a single
    key result about reports being sent.

    **Good**

    The same objective with three key results: managers reviewing costs monthly,
    month-end close time, and cost variance explained.
    """

    code = "OKR103"
    example = example_values(key_results="1 key result", min=2)
    name = "too-few-key-results"
    group = "structure"
    severity = "warning"
    hint = "Add key results that measure the outcome from another angle (quality, speed, cost, adoption)."
    options = (Option("min", int, 3, "Fewest key results per objective.", minimum=1),)
    draft = True

    def check_objective(self, objective: Objective, ctx: Context) -> Iterator[Hit]:
        count = len(objective.key_results)
        if count < self.opt("min"):
            yield Hit(
                objective,
                ("key_results",),
                {"count": count, "key_results": plural(count, "key result"), "min": self.opt("min")},
            )


class OKR104(Rule):
    """{what} has no owner.

    Every objective and every key result needs one named person who checks in
    on it and answers for it. Shared ownership means nobody moves it.

    **Bad**

    ```yaml
    - id: faster-answers
      title: Answer shippers quickly
      key_results:
        - id: faster-answers-kr1
          title: Cut first response time from 9 to 4 hours
    ```

    **Good**

    ```yaml
    - id: faster-answers
      title: Answer shippers quickly
      owner: leila-haddad
      key_results:
        - id: faster-answers-kr1
          title: Cut first response time from 9 to 4 hours
          owner: ruben-alvarez
    ```
    """

    code = "OKR104"
    example = example_values(what="Key result")
    name = "missing-owner"
    group = "structure"
    severity = "warning"
    hint = "Add `owner:` with the id of one person from people.yaml."
    draft = True

    def rollup_of(self, args: dict[str, Any]) -> str:
        return f"{str(args.get('what', 'objective')).lower()}|no owner"

    def check_objective(self, objective: Objective, ctx: Context) -> Iterator[Hit]:
        if not objective.owner:
            yield Hit(objective, ("owner",), {"what": "Objective"})

    def check_key_result(self, kr: KeyResult, objective: Objective, ctx: Context) -> Iterator[Hit]:
        if not kr.owner:
            yield Hit(kr, ("owner",), {"what": "Key result"})


class OKR105(Rule):
    """Key result has no {missing}.

    A key result is measurable only when we know where we start (baseline),
    where we want to be (target) and which way is better (direction). Without
    them, progress cannot be scored and check-ins become opinions. Milestones
    need only a direction.

    **Bad**

    ```yaml
    title: Reduce open warehouse vacancies
    ```

    **Good**

    ```yaml
    title: Reduce open warehouse vacancies from 26 to 8
    direction: decrease
    baseline: 26
    target: 8
    ```
    """

    code = "OKR105"
    example = example_values(missing="baseline")
    name = "unmeasured-key-result"
    group = "structure"
    severity = "warning"
    hint = "Add `direction:` (increase, decrease or milestone), `baseline:` and `target:`."
    draft = True

    def rollup_of(self, args: dict[str, Any]) -> str:
        return f"key result|no {args.get('missing', 'baseline')}"

    def check_key_result(self, kr: KeyResult, objective: Objective, ctx: Context) -> Iterator[Hit]:
        missing = [] if kr.direction else ["direction"]
        if kr.direction != "milestone":
            missing += [name for name in ("baseline", "target") if getattr(kr, name) is None]
        if missing:
            yield Hit(kr, (missing[0],), {"missing": _and(missing)})


class OKR106(Rule):
    """Key result's target equals its baseline ({value:g}).

    A key result asks for a change. When the target is where we already are,
    the key result measures that nothing got worse: a health metric, not an
    objective's result. Mark real health metrics with `health_metric: true`.

    **Bad**

    ```yaml
    title: Payroll accuracy of 99.9%
    baseline: 99.9
    target: 99.9
    ```

    **Good**

    ```yaml
    title: Cut payslip corrections from 41 to 20 a month
    baseline: 41
    target: 20
    ```
    """

    code = "OKR106"
    example = example_values(value=82.0)
    name = "target-equals-baseline"
    group = "structure"
    severity = "warning"
    hint = "Set a target that asks for progress, or mark the key result `health_metric: true` if it guards a level."
    draft = True

    def check_key_result(self, kr: KeyResult, objective: Objective, ctx: Context) -> Iterator[Hit]:
        if kr.health_metric or kr.direction == "milestone":
            return
        if kr.baseline is not None and kr.target is not None and kr.baseline == kr.target:
            yield Hit(kr, ("target",), {"value": kr.target})


class OKR107(Rule):
    """Direction is {direction} but the target ({target:g}) is {side} the baseline ({baseline:g}).

    The direction tells the tool which way is progress when it scores check-ins.
    A contradiction means either the direction or one of the numbers is wrong,
    and every score computed from it would be wrong too.

    **Bad**

    ```yaml
    title: Reduce churn from 4.1% to 2.5%
    direction: increase
    baseline: 4.1
    target: 2.5
    ```

    **Good**

    ```yaml
    title: Reduce churn from 4.1% to 2.5%
    direction: decrease
    baseline: 4.1
    target: 2.5
    ```
    """

    code = "OKR107"
    example = example_values(direction="increase", target=20.0, side="below", baseline=26.0)
    name = "contradictory-direction"
    group = "structure"
    severity = "error"
    hint = "Fix `direction:` or swap `baseline:` and `target:`."
    draft = True

    def check_key_result(self, kr: KeyResult, objective: Objective, ctx: Context) -> Iterator[Hit]:
        if kr.baseline is None or kr.target is None:
            return
        args = {"direction": kr.direction, "target": kr.target, "baseline": kr.baseline}
        if kr.direction == "increase" and kr.target < kr.baseline:
            yield Hit(kr, ("direction",), {**args, "side": "below"})
        elif kr.direction == "decrease" and kr.target > kr.baseline:
            yield Hit(kr, ("direction",), {**args, "side": "above"})


class OKR108(Rule):
    """Key result is due on {due}, outside its cycle ({start} to {end}).

    Key results are time-bound by their cycle: a date past the end means the
    result will be scored before it is due; a date before the start means it
    belongs to another cycle.

    **Bad**

    A key result of the 2026-Q4 cycle due on 2027-02-15.

    **Good**

    A key result of the 2026-Q4 cycle due on 2026-12-31, or moved to 2027-Q1.
    """

    code = "OKR108"
    example = example_values(due="2027-01-15", start="2026-10-01", end="2026-12-31")
    name = "due-outside-cycle"
    group = "structure"
    severity = "warning"
    hint = "Set `due:` within the cycle's dates, or move the key result to the cycle where it will be done."
    draft = True

    def check_key_result(self, kr: KeyResult, objective: Objective, ctx: Context) -> Iterator[Hit]:
        cycle = ctx.cycle_of(objective)
        if kr.due is None or cycle is None:
            return
        if not cycle.start <= kr.due <= cycle.end:
            yield Hit(kr, ("due",), {"due": kr.due, "start": cycle.start, "end": cycle.end})


class OKR109(Rule):
    """Key result has no due date and no cycle.

    A key result without a deadline is a wish. Inside a workspace, the cycle
    gives every key result its end date; a draft written outside a cycle needs
    an explicit `due:`.

    **Bad**

    A draft key result "Raise win rate from 19% to 25%" with no cycle and no
    date.

    **Good**

    The same key result with `due: 2026-12-31`, or drafted in the 2026-Q4
    cycle.
    """

    code = "OKR109"
    name = "no-deadline"
    group = "structure"
    severity = "warning"
    hint = "Add `due:` or draft the objective inside a cycle."
    draft = True

    def check_key_result(self, kr: KeyResult, objective: Objective, ctx: Context) -> Iterator[Hit]:
        if kr.due is None and ctx.cycle_of(objective) is None:
            yield Hit(kr, ("due",))


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


RULES: tuple[type[Rule], ...] = (OKR101, OKR102, OKR103, OKR104, OKR105, OKR106, OKR107, OKR108, OKR109)

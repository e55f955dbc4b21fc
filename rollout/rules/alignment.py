"""Alignment rules (OKR3xx): parents, support and duplicates across units."""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterator
from typing import TYPE_CHECKING

from rollout.rules import text
from rollout.rules.base import Context, Hit, Option, Rule, example_values
from rollout.workspace.models import LEVEL, Objective

if TYPE_CHECKING:
    from rollout.workspace import Workspace


class OKR301(Rule):
    """{level} objective has no parent objective and is not marked bottom-up or cross-functional.

    Department and team objectives exist to move the company's objectives. An
    objective that supports none of them is either missing its link, or is
    local work that should be declared as such so that alignment reports can
    count it honestly.

    **Bad**

    ```yaml
    - id: sq-one-source-of-answers
      title: Give every agent one trusted source of answers
    ```

    **Good**

    ```yaml
    - id: sq-one-source-of-answers
      title: Give every agent one trusted source of answers
      parent: cs-shippers-recommend      # or: alignment: bottom_up
    ```
    """

    code = "OKR301"
    example = example_values(level="Team")
    name = "orphan-objective"
    group = "alignment"
    severity = "warning"
    hint = "Add `parent:` with the objective it supports, or `alignment: bottom_up` / `cross_functional`."
    draft = True

    def check_objective(self, objective: Objective, ctx: Context) -> Iterator[Hit]:
        level = ctx.level(objective)
        if level in (None, "company") or objective.parent or objective.alignment or objective.contributes_to:
            return
        yield Hit(objective, ("parent",), {"level": str(level).capitalize()})


class OKR302(Rule):
    """Parent objective {parent} belongs to {parent_unit}, which is not above {unit}.

    Alignment flows down: a team objective supports its department's or the
    company's, a department objective supports the company's. A parent at the
    same or a lower level turns the hierarchy upside down and breaks roll-ups.

    **Bad**

    A department objective whose `parent:` is a team objective.

    **Good**

    A team objective whose `parent:` is an objective of its department or of
    the company; peers working together list each other as `contributors:`.
    """

    code = "OKR302"
    example = example_values(parent="support-answers", parent_unit="support", unit="sales-east")
    name = "parent-not-higher"
    group = "alignment"
    severity = "error"
    hint = "Point `parent:` at an objective of a higher unit, or use `contributors:` for peers."

    def check_objective(self, objective: Objective, ctx: Context) -> Iterator[Hit]:
        units = _units_of_parent(objective, ctx)
        if units is not None and not units[2]:
            yield Hit(objective, ("parent",), {"parent": objective.parent, "parent_unit": units[1], "unit": units[0]})


def _units_of_parent(objective: Objective, ctx: Context) -> tuple[str, str, bool] | None:
    """(unit, parent's unit, whether the parent's unit is of a higher level), or None when unknown."""
    ws = ctx.ws
    if ws is None or not objective.parent or objective.parent not in ws.objectives:
        return None
    unit, parent_unit = ctx.home(objective.id)[1], ctx.home(objective.parent)[1]
    if unit not in ws.units or parent_unit not in ws.units:
        return None
    return unit, parent_unit, LEVEL[ws.units[parent_unit].kind] < LEVEL[ws.units[unit].kind]


class OKR303(Rule):
    """Parent objective {parent} is in cycle {parent_cycle}, not {cycle}.

    An objective supports what the organization is pursuing in the same cycle.
    Linking to last quarter's objective hides that the parent is closed;
    carrying work over is recorded with `carried_from:` instead.

    **Bad**

    A 2026-Q4 objective with `parent: co-win-mid-market` from 2026-Q3.

    **Good**

    `parent: co-mid-market-recommend` (2026-Q4) and
    `carried_from: cs-c-faster-answers` for the history.
    """

    code = "OKR303"
    example = example_values(parent="co-grow", parent_cycle="2026-Q3", cycle="2026-Q4")
    name = "parent-other-cycle"
    group = "alignment"
    severity = "error"
    hint = "Link to the parent's objective in the same cycle; keep history in `carried_from:`."

    def check_objective(self, objective: Objective, ctx: Context) -> Iterator[Hit]:
        ws = ctx.ws
        if ws is None or not objective.parent or objective.parent not in ws.objectives:
            return
        cycle, parent_cycle = ctx.home(objective.id)[0], ctx.home(objective.parent)[0]
        if parent_cycle != cycle:
            yield Hit(
                objective, ("parent",), {"parent": objective.parent, "parent_cycle": parent_cycle, "cycle": cycle}
            )


class OKR304(Rule):
    """Company objective is supported by no department or team objective in {cycle}.

    Once departments and teams write OKRs, each company objective should be
    carried by at least one of them; one that nothing supports is either no
    longer a priority or has been left to leadership alone.

    **Bad**

    Company objective "Lower the cost to serve each shipment" with department
    OKRs in the cycle, none of which names it as `parent:` or in `contributes_to:`.

    **Good**

    Operations and Finance objectives with `parent: co-cheaper-shipments`, or an
    objective whose parent is another company objective and which names this one
    in `contributes_to: [co-cheaper-shipments]` (secondary alignment).
    """

    code = "OKR304"
    example = example_values(cycle="2026-Q4")
    name = "unsupported-company-objective"
    group = "alignment"
    severity = "warning"
    hint = (
        "Link a department objective to it with `parent:` (or `contributes_to:` for a secondary link), "
        "or drop it from the company OKRs."
    )

    def check_workspace(self, ws: Workspace, ctx: Context) -> Iterator[Hit]:
        supported = {o.parent for o in ws.objectives.values() if o.parent}
        supported.update(t for o in ws.objectives.values() for t in o.contributes_to)  # secondary alignment
        lower_cycles = {c for (c, u) in ws.okr_files if u in ws.units and ws.units[u].kind != "company"}
        for (cycle, unit_id), objectives in ws.okr_files.items():
            unit = ws.units.get(unit_id)
            if unit is None or unit.kind != "company" or cycle not in lower_cycles:
                continue
            for objective in objectives:
                if objective.id not in supported:
                    yield Hit(objective, ("title",), {"cycle": cycle}, objective=objective, cycle=cycle, unit=unit_id)


_PUNCTUATION = re.compile(r"[^\w\s'-]")


def _signature(title: str) -> frozenset[str]:
    return frozenset(t for t in text.tokens(_PUNCTUATION.sub(" ", title)) if t not in text.STOP_WORDS)


class OKR305(Rule):
    """Objective is nearly the same as "{other}" ({other_unit}) in this cycle.

    When two units write the same objective, they pursue one goal twice and
    report it twice. A goal shared by several units is one objective, owned by
    one unit, with the others as `contributors:`. When a unit repeats an
    objective of a unit above it (its department's or the company's), the
    copy is flagged, not the original, and the fix is to set the original as
    its `parent:`. Similarity is the overlap of the titles' words (stop words
    ignored); of two similar objectives the one higher in the organization
    (company, then department, then team), then the first in file order, is
    the original.

    **Bad**

    - Two teams each with "Reduce customer churn in the mid-market".
    - A department whose objective is word for word the company's.

    **Good**

    - One objective "Keep mid-market shippers with us" owned by Customer
      Success, with `contributors: [key-accounts]`.
    - The department's objective says what it adds, with `parent:` set to the
      company's objective.
    """

    code = "OKR305"
    example = example_values(other="Reduce customer churn in the mid-market", other_unit="Key Accounts")
    name = "duplicate-objective"
    group = "alignment"
    severity = "warning"
    hint = "Keep one objective, owned by one unit, and list the other units as `contributors:`."
    options = (
        Option("threshold", float, 0.8, "Share of common words (0-1) from which titles count as duplicates.", 0.1),
    )

    _units: dict[str, str]

    def check_workspace(self, ws: Workspace, ctx: Context) -> Iterator[Hit]:
        threshold = float(self.opt("threshold"))
        by_cycle: dict[str, dict[frozenset[str], list[Objective]]] = defaultdict(lambda: defaultdict(list))
        self._units = {o.id: unit for (_c, unit), objs in ws.okr_files.items() for o in objs}
        self._others: dict[str, tuple[str, str]] = {}
        self._is_above: dict[tuple[str, str], bool] = {}
        levels = {u.id: LEVEL[u.kind] for u in ws.units.values()}
        # (level of its unit, file order): the original of two similar objectives ranks first.
        ranks: dict[str, tuple[int, int]] = {}
        # One signature per distinct title: teams copying a title is what this rule is about,
        # and working out a title's words cost 10 µs (2,000 teams: 4,806 objectives, 2026-11-29).
        signatures: dict[str, frozenset[str]] = {}
        for (cycle, unit), objectives in ws.okr_files.items():
            level = levels.get(unit, len(LEVEL))
            for objective in objectives:
                ranks[objective.id] = (level, len(ranks))
                signature = signatures.get(objective.title)
                if signature is None:
                    signature = signatures[objective.title] = _signature(objective.title)
                if signature:
                    by_cycle[cycle][signature].append(objective)

        def rank(objective: Objective) -> tuple[int, int]:
            return ranks[objective.id]

        for groups in by_cycle.values():
            signatures_in = list(groups)
            for signature in signatures_in:
                groups[signature].sort(key=rank)  # the original first: highest in the organization
            first_of: dict[frozenset[str], Objective] = {s: groups[s][0] for s in signatures_in}
            # Identical word sets: each later objective points at the first member of another unit.
            for signature in signatures_in:
                members = groups[signature]
                if len(members) < 2:
                    continue
                head_unit = self._units[members[0].id]
                other_head = next((o for o in members if self._units[o.id] != head_unit), None)
                for objective in members[1:]:
                    other = members[0] if self._units[objective.id] != head_unit else other_head
                    if other is not None and other is not objective and _related(objective, other):
                        yield self._hit(objective, other, ws)
            # Near-identical word sets (compared once per distinct set, not per objective).
            if threshold >= 1:
                continue
            for i, j in similar_pairs(signatures_in, threshold):
                a, b = signatures_in[i], signatures_in[j]
                if rank(first_of[b]) < rank(first_of[a]):
                    a, b = b, a  # the copies are the ones lower in the organization
                other = first_of[a]
                for objective in groups[b]:
                    if self._units[objective.id] != self._units[other.id] and _related(objective, other):
                        yield self._hit(objective, other, ws)

    def _hit(self, objective: Objective, other: Objective, ws: Workspace) -> Hit:
        # The clipped title and unit name of an original, and whether a unit is above another,
        # are worked out once: most copies point at a few originals (2,000 teams: 4,757 hits).
        other_unit, unit_id = self._units[other.id], self._units[objective.id]
        said = self._others.get(other.id)
        if said is None:
            unit = ws.units.get(other_unit)
            said = self._others[other.id] = (_clip(other.title), unit.name if unit is not None else other_unit)
        args = {"other": said[0], "other_unit": said[1]}
        above = self._is_above.get((other_unit, unit_id))
        if above is None:
            above = self._is_above[(other_unit, unit_id)] = _above(ws, other_unit, unit_id)
        hint = None
        if above:
            hint = (
                f"It repeats an objective of {args['other_unit']}, above this unit: set `parent: {other.id}` "
                "and say what this unit adds to it, or drop it."
            )
        return Hit(objective, ("title",), args, objective=objective, hint=hint)


def _above(ws: Workspace, upper: str, unit: str) -> bool:
    """True when unit ``upper`` is an ancestor of unit ``unit`` (its parent, its parent's parent …)."""
    seen: set[str] = set()
    current = ws.units[unit].parent if unit in ws.units else None
    while current and current not in seen:
        if current == upper:
            return True
        seen.add(current)
        current = ws.units[current].parent if current in ws.units else None
    return False


def _clip(title: str, limit: int = 70) -> str:
    """A title cut at a word boundary to at most ``limit`` characters, with "…" when cut."""
    title = " ".join(title.split())
    if len(title) <= limit:
        return title
    cut = title[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:")
    return cut + " …"


def similar_pairs(sets: list[frozenset[str]], threshold: float) -> list[tuple[int, int]]:
    """Index pairs ``(i, j)``, ``i < j``, in order, of the sets whose Jaccard similarity
    ``|a ∩ b| / |a ∪ b|`` is at least ``threshold`` (0 < threshold < 1), and whose sizes
    are within ``threshold`` of each other (``small / large >= threshold``).

    Exactly the pairs an all-pairs comparison finds, without comparing all pairs: the
    prefix filter of AllPairs (Bayardo, Ma and Srikant, "Scaling up all pairs similarity
    search", WWW 2007; Chaudhuri et al., ICDE 2006). With the words of every set in one
    global order (rarest first), two sets with Jaccard >= t share at least
    ``ceil(t * |a|)`` words, so they share a word among the first
    ``|a| - ceil(t * |a|) + 1`` of each; only sets meeting in such a prefix are compared.
    20,000 objectives in one cycle: 85 s all
    pairs, well under a second with the filter (tests/benchmarks/bench_check_objectives.py).
    """
    frequency: dict[str, int] = defaultdict(int)
    for words in sets:
        for word in words:
            frequency[word] += 1
    index: dict[str, list[int]] = defaultdict(list)
    sizes = [len(words) for words in sets]
    pairs: list[tuple[int, int]] = []
    for j, b in enumerate(sets):
        size = sizes[j]
        ordered = sorted(b, key=lambda w: (frequency[w], w))
        # The fewest words b shares with a partner: ceil(t * |b|) (the epsilon only lengthens the prefix).
        prefix = size - math.ceil(threshold * size - 1e-9) + 1
        candidates: set[int] = set()
        for word in ordered[:prefix]:
            postings = index[word]
            candidates.update(postings)
            postings.append(j)
        for i in candidates:
            other = sizes[i]
            if (other / size if other <= size else size / other) < threshold:
                continue
            common = len(sets[i] & b)
            if common / (other + size - common) >= threshold:
                pairs.append((i, j))
    pairs.sort()
    return pairs


def _related(a: Objective, b: Objective) -> bool:
    """A child restating its parent is a different smell; only peers count as duplicates."""
    return a.parent != b.id and b.parent != a.id


class OKR306(Rule):
    """Parent objective {parent} belongs to {parent_unit}, another department than {unit}'s.

    Alignment follows the organization: a team supports an objective of its
    own department or of the company, and a department the company's. A team
    whose objective hangs under another department's objective reports to two
    places at once, and its work disappears from its own department's
    roll-up. Work done for another department is declared: the objective keeps
    its own parent (or `alignment: cross_functional`), and the other
    department's objective lists the team in `contributors:`.

    **Bad**

    A Sales team objective with `parent: mk-pipeline-engine`, an objective of
    the Marketing department.

    **Good**

    The Sales team objective with `parent: sales-predictable-pipeline` (its own
    department), and `contributors: [sales-emea]` on Marketing's objective.
    """

    code = "OKR306"
    example = example_values(parent="mk-pipeline-engine", parent_unit="marketing", unit="sales-emea")
    name = "parent-other-department"
    group = "alignment"
    severity = "warning"
    hint = "Point `parent:` at your department's or the company's objective; list the team in `contributors:` there."

    def check_objective(self, objective: Objective, ctx: Context) -> Iterator[Hit]:
        units = _units_of_parent(objective, ctx)
        if units is None or not units[2]:
            return  # OKR302: the parent is not above
        ws, (unit, parent_unit, _above) = ctx.ws, units
        assert ws is not None
        ancestors, seen = set(), ws.units[unit].parent
        while seen and seen not in ancestors and seen in ws.units:
            ancestors.add(seen)
            seen = ws.units[seen].parent
        if parent_unit not in ancestors:
            yield Hit(objective, ("parent",), {"parent": objective.parent, "parent_unit": parent_unit, "unit": unit})


RULES: tuple[type[Rule], ...] = (OKR301, OKR302, OKR303, OKR304, OKR305, OKR306)

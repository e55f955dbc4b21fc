"""Check-in record rules (OKR409, OKR410, group cadence): check-ins that no figure uses.

A key result's figures use only its check-ins dated inside its cycle and not
after as-of, one per day (:func:`rollout.metrics.figures.checkins_used`). These
rules name the others, by file and line, so nothing is left out silently.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import pairwise
from typing import TYPE_CHECKING

from rollout.metrics.figures import cut_date
from rollout.metrics.window import outside_window
from rollout.rules.base import Context, Hit, Rule, example_values
from rollout.workspace import layout
from rollout.workspace.models import Record

if TYPE_CHECKING:
    from rollout.workspace import Workspace
    from rollout.workspace.models import CheckIn, KeyResult


def _checkins(ws: Workspace, ctx: Context) -> Iterable[tuple[str, Sequence[CheckIn]]]:
    """(key result id, its check-ins sorted by date), for every key result or those of ``ctx.only``."""
    if ctx.only is None:
        return ws.checkins.items()
    return ((kr_id, ws.checkins.get(kr_id, ())) for kr_id in sorted(ctx.only))


def _checkin_record(ws: Workspace, kr: KeyResult, checkin: CheckIn) -> Record:
    """A stand-in record placed on one check-in (``checkins[i]`` of its key result's file), for a finding."""
    record = Record()
    record.place(layout.checkin_file(*ws.kr_home[kr.id]), ("checkins", checkin.position))
    return record


class OKR409(Rule):
    """Check-in of {kr} dated {date} is {why}; no figure uses it.

    A key result's score at a date is its last check-in on or before the
    earliest of the cycle end, the day the cycle was closed and today. A check-in
    dated before the cycle, after it, after its close, or in the future (a typo in the year, a value meant for the next
    quarter) would otherwise change a closed score or vanish without a word.

    **Bad**

    A check-in of a 2026-Q4 key result dated 2027-01-12, or dated next week.

    **Good**

    Check-ins dated inside their key result's cycle and not after today; a
    value for the next quarter goes to that quarter's key result.
    """

    code = "OKR409"
    example = example_values(kr="sales-grow-kr1", date="2027-01-04", why="after cycle 2026-Q4 ended (2026-12-31)")
    name = "checkin-outside-cycle"
    group = "cadence"
    reads = frozenset({"checkins"})
    per_key_result = True
    severity = "warning"
    hint = "Correct the date, or move the check-in to the key result of the cycle it belongs to."

    def check_workspace(self, ws: Workspace, ctx: Context) -> Iterator[Hit]:
        today = ws.today
        # The earliest of the end, closed_on and as-of, per cycle rather than per key result.
        last_days = {cycle.id: cut_date(cycle, today) for cycle in ws.cycles.values()}
        for kr_id, items in _checkins(ws, ctx):
            if not items or kr_id not in ws.kr_home:
                continue
            cycle = ws.cycles[ws.kr_home[kr_id][0]]
            last_day = last_days[cycle.id]
            if items[0].date >= cycle.start and items[-1].date <= last_day:
                continue  # sorted by date: all inside
            kr = ws.key_results[kr_id]
            objective = ws.objective_of(kr_id)
            for checkin in items:
                why = outside_window(checkin.date, cycle, today)  # the check-in log's words too
                if why is None:
                    continue
                yield Hit(
                    _checkin_record(ws, kr, checkin),
                    ("date",),
                    {"kr": kr_id, "date": checkin.date.isoformat(), "why": why},
                    objective=objective,
                    kr=kr,
                )


class OKR410(Rule):
    """Two check-ins of {kr} on {date}: the later one in the file counts, this one is not used.

    A week counts once in check-in discipline, and a key result has one value
    per day. Two check-ins on the same day are usually a save repeated or a
    correction typed as a new check-in; keeping both would count the day twice.

    **Bad**

    ```yaml
    - {kr: sales-grow-kr1, date: 2026-11-23, value: 20}
    - {kr: sales-grow-kr1, date: 2026-11-23, value: 22}
    ```

    **Good**

    One check-in per key result and day: correct the value in place.
    """

    code = "OKR410"
    example = example_values(kr="sales-grow-kr1", date="2026-11-23")
    name = "duplicate-checkin"
    group = "cadence"
    reads = frozenset({"checkins"})
    per_key_result = True
    severity = "warning"
    hint = "Delete the earlier check-in, or correct the value of the later one."

    def check_workspace(self, ws: Workspace, ctx: Context) -> Iterator[Hit]:
        for kr_id, items in _checkins(ws, ctx):
            if kr_id not in ws.kr_home:
                continue
            for earlier, later in pairwise(items):
                if earlier.date == later.date:
                    kr = ws.key_results[kr_id]
                    yield Hit(
                        _checkin_record(ws, kr, earlier),
                        ("date",),
                        {"kr": kr_id, "date": earlier.date.isoformat()},
                        objective=ws.objective_of(kr_id),
                        kr=kr,
                    )


RULES: tuple[type[Rule], ...] = (OKR409, OKR410)

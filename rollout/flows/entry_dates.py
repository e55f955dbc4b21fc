"""The dates a person may give a check-in or a review: one rule for every door.

Every door that takes a dated check-in or review asks :func:`date_problem`:
``rollout checkin`` (``--date`` with ``--value`` or the prompts), the rows of
``rollout checkin --csv`` and so of ``rollout collect`` and ``rollout serve --collect``
(all read by :func:`rollout.flows.checkin_sheet.read_checkins`), and ``rollout review``
(``--date``, the prompt, ``date:`` in ``--answers``). The site's check-in form
(``site/forms.js`` ``checkDate``) applies the same rule in the browser with the bounds
this module gives it (:func:`checkin_bounds`: ``data-start``, ``data-end`` and, when
``as_of`` is set, ``data-as-of``).

The rule (the source: :func:`rollout.metrics.figures.checkins_used`, which scores a key
result with its last check-in on or before the earlier of the cycle end and as-of):

- a **check-in** is dated from its cycle's start to its cycle's end: a check-in outside
  its cycle is never used by any figure (a late update of the final value is dated on
  the last day);
- a **review** is dated from the cycle's start to :data:`GRACE_DAYS` after its end (the
  end-of-cycle review is held after the last day);
- neither is dated after **today**: ``as_of`` in rollout.yaml when it is set, else the
  computer's date. A record dated later would be used by no figure until that day, so
  the team would believe it had checked in while no page shows it.

When a date falls outside the cycle, the message names the cycle that holds it (if
any), so a person knows which ``--cycle`` they meant.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from rollout.workspace.models import Cycle
    from rollout.workspace.workspace import Workspace

GRACE_DAYS = 14
"""Reviews may be dated up to this many days after the cycle ends (the end-of-cycle review)."""

Kind = Literal["check-in", "review"]


@dataclass(frozen=True)
class DateProblem:
    """Why a date is refused and what to do (``hint``).

    ``bare`` starts with the date (``2027-04-02 is outside cycle …``), for a place that already
    says "date"; ``message`` names the kind first (``check-in date 2027-04-02 is …``).
    """

    kind: str
    bare: str
    hint: str

    @property
    def message(self) -> str:
        return f"{self.kind} date {self.bare}"

    def __str__(self) -> str:
        return f"{self.message}; {self.hint}" if self.hint else self.message


def today_words(ws: Workspace) -> str:
    """:attr:`Workspace.today_words <rollout.workspace.workspace.Workspace.today_words>`."""
    return ws.today_words


def last_day(cycle: Cycle, kind: Kind) -> date:
    """The last day a ``kind`` of ``cycle`` may carry (before as-of is applied)."""
    return cycle.end + timedelta(days=GRACE_DAYS) if kind == "review" else cycle.end


def date_problem(ws: Workspace, day: date, cycle: Cycle, kind: Kind, *, option: str = "") -> DateProblem | None:
    """None when ``day`` is a valid date for a ``kind`` of ``cycle`` (see the module doc), else why not.

    ``option`` names where a person changes the date in the hint (``--date``, ``date:``,
    ``Date``); without it the hint speaks of "the date".
    """
    where = option or "the date"
    if day < cycle.start or day > last_day(cycle, kind):
        if day < cycle.start:
            said = f"{day} is outside cycle {cycle.id} (it starts on {cycle.start})"
        elif kind == "check-in":
            said = f"{day} is outside cycle {cycle.id} (it ended on {cycle.end}); it would not count"
        else:
            said = (
                f"{day} is outside cycle {cycle.id} ({cycle.start} → {cycle.end}, "
                f"reviews up to {last_day(cycle, kind)})"
            )
        other = cycle_holding(ws, day, exclude=cycle.id)
        if other is not None:
            said += f"; {day} falls in cycle {other.id}"
        if kind == "check-in" and day > cycle.end:
            hint = f"to record the value reached at the end, change {where} to the cycle's last day, {cycle.end}"
        else:
            hint = f"change {where} to a day within {cycle.id}"
        if other is not None and other.status == "closed" and kind == "check-in":
            # fe24 F11: a closed cycle takes no check-in; naming it as the way out led nowhere
            said += ", which is closed"
        elif other is not None:
            hint += f", or choose cycle {other.id} (--cycle {other.id})"
        return DateProblem(kind, said, hint)
    if day > ws.today:
        said = f"{day} is after {today_words(ws)}; no figure would use it until then"
        hint = f"change {where} to a day on or before {ws.today}"
        if ws.settings.as_of is not None:
            hint += " (or move as_of in rollout.yaml)"
        return DateProblem(kind, said, hint)
    return None


def check_date(ws: Workspace, day: date, cycle: Cycle, kind: Kind, *, option: str = "--date") -> None:
    """:func:`date_problem` for a date given on the command line: raises :class:`~rollout.errors.UsageError`."""
    found = date_problem(ws, day, cycle, kind, option=option)
    if found is not None:
        from rollout.errors import UsageError

        raise UsageError(found.message, hint=found.hint)


def close_date_problem(ws: Workspace, day: date, cycle: Cycle, *, option: str = "--date") -> DateProblem | None:
    """None when a cycle may be closed on ``day``, else why not.

    The close day becomes ``closed_on`` and cuts every figure of the cycle
    (:func:`rollout.metrics.figures.cut_date`): from the cycle's first day (a close before
    the end is an early close, which ``rollout close`` warns about) to today (as-of). A
    day after the end is a late close; the figures still stop at the end.
    """
    if day < cycle.start:
        said = f"{day} is before cycle {cycle.id} starts ({cycle.start})"
        return DateProblem("close", said, f"change {option} to {cycle.start} or later")
    if day > ws.today:
        hint = f"change {option} to a day on or before {ws.today}"
        if ws.settings.as_of is not None:
            hint += " (or move as_of in rollout.yaml)"
        return DateProblem("close", f"{day} is after {today_words(ws)}", hint)
    return None


def answers_date_problem(ws: Workspace, day: date) -> str | None:
    """Why questionnaire answers dated ``day`` are refused, or None: they are not dated after today
    (as-of), since such answers would count in no figure until that day (:attr:`Workspace.answered`).
    Every door for answers asks this: ``rollout ask``/``readiness`` (:func:`check_answers_date`),
    ``rollout collect`` and ``serve --collect`` (:mod:`rollout.forms.collect`)."""
    if day > ws.today:
        return f"answers date {day} is after {today_words(ws)}; no figure would use them until then"
    return None


def check_answers_date(ws: Workspace, day: date, *, option: str = "--date") -> None:
    """:func:`answers_date_problem` as a :class:`~rollout.errors.UsageError` naming ``option``."""
    problem = answers_date_problem(ws, day)
    if problem is not None:
        from rollout.errors import UsageError

        hint = f"change {option} to a day on or before {ws.today}"
        if ws.settings.as_of is not None:
            hint += " (or move as_of in rollout.yaml)"
        raise UsageError(problem, hint=hint)


def cycle_holding(ws: Workspace, day: date, *, exclude: str = "") -> Cycle | None:
    """The cycle whose dates hold ``day`` (the first in cycles.yaml order), other than ``exclude``."""
    for cycle in ws.cycles.values():
        if cycle.id != exclude and cycle.start <= day <= cycle.end:
            return cycle
    return None


def checkin_bounds(ws: Workspace, cycle: Cycle) -> tuple[date, date, date | None]:
    """The check-in form's bounds: the first and last day of ``cycle`` and the fixed as-of (None when
    ``as_of`` is not set: the browser's date is then today, as the computer's date is in the terminal)."""
    return cycle.start, last_day(cycle, "check-in"), ws.settings.as_of

"""The in-memory workspace: every record, indexed, with the questions reports ask."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from rollout.errors import Problem, UsageError
from rollout.workspace.cache import Source
from rollout.workspace.models import (
    LEVEL,
    Assessment,
    CheckIn,
    Cycle,
    KeyResult,
    Objective,
    Person,
    Phase,
    Priority,
    Record,
    ReviewFile,
    Settings,
    Unit,
)


def _checkin_lists() -> defaultdict[str, list[CheckIn]]:
    return defaultdict(list)


@dataclass
class Workspace:
    root: Path
    sources: dict[str, Source] = field(default_factory=dict)
    settings: Settings = field(default_factory=lambda: Settings(version=1, organization="?"))
    people: dict[str, Person] = field(default_factory=dict)
    units: dict[str, Unit] = field(default_factory=dict)
    priorities: dict[str, Priority] = field(default_factory=dict)
    cycles: dict[str, Cycle] = field(default_factory=dict)  # ordered by start date
    phases: dict[str, Phase] = field(default_factory=dict)
    okr_files: dict[tuple[str, str], list[Objective]] = field(default_factory=dict)
    objectives: dict[str, Objective] = field(default_factory=dict)
    key_results: dict[str, KeyResult] = field(default_factory=dict)
    kr_objective: dict[str, str] = field(default_factory=dict)
    kr_home: dict[str, tuple[str, str]] = field(default_factory=dict)  # key result → (cycle, unit)
    checkins: defaultdict[str, list[CheckIn]] = field(default_factory=_checkin_lists)  # by key result, by date
    checkin_files: dict[tuple[str, str], str] = field(default_factory=dict)
    reviews: dict[tuple[str, str], ReviewFile] = field(default_factory=dict)
    assessments: list[Assessment] = field(default_factory=list)

    # --- places -----------------------------------------------------------------

    def locate(self, record: Record, *fields: str | int) -> tuple[str, int, int]:
        """``(file, line, column)`` of a record, or of one of its fields."""
        source = self.sources.get(record.source_file)
        path = (*record.source_path, *fields)
        line, col = source.locate(path) if source else (0, 0)
        return record.source_file, line, col

    def problem(self, record: Record, message: str, *fields: str | int) -> Problem:
        from rollout.workspace.loader import field_name

        file, line, col = self.locate(record, *fields)
        return Problem(file, line, col, field_name((*record.source_path, *fields)), message)

    # --- time -------------------------------------------------------------------

    @property
    def today(self) -> date:
        return self.settings.as_of or date.today()

    @property
    def today_words(self) -> str:
        """``"as-of (2027-03-08)"`` when ``as_of`` is set in rollout.yaml, else ``"today (2026-11-29)"``:
        how messages name :attr:`today`."""
        return f"as-of ({self.settings.as_of})" if self.settings.as_of else f"today ({self.today})"

    @property
    def answered(self) -> list[Assessment]:
        """The questionnaire answers every figure uses: those dated on or before :attr:`today`.

        Answers dated later (a typo in the year, or as-of set back for a review of the past)
        count from that day on, as check-ins do; ``rollout check`` reports them (OKR412) and
        ``rollout ask --date`` refuses such a date. Same order as :attr:`assessments`.
        """
        today = self.today
        return [a for a in self.assessments if a.date <= today]

    def running_cycle(self) -> Cycle | None:
        """The cycle in progress: marked running, else the one whose dates hold today.

        This is what makes a planned cycle running: on its first day (today, or as-of) it is
        the cycle in progress, and :func:`rollout.workspace.loader.load` then gives it the
        status ``running`` in memory (cycles.yaml keeps ``planned``), so every figure, page
        and door agrees. ``rollout next`` and the import write ``planned`` for a cycle that
        has not started (:func:`rollout.flows.next_cycle.new_status`).
        """
        running = [c for c in self.cycles.values() if c.status == "running"]
        if running:
            return running[-1]
        today = self.today
        for cycle in self.cycles.values():
            if cycle.start <= today <= cycle.end and cycle.status != "closed":
                return cycle
        return None

    def cycle(self, cycle_id: str) -> Cycle:
        if cycle_id not in self.cycles:
            known = ", ".join(self.cycles) or "none yet"
            raise UsageError(f"unknown cycle {cycle_id!r} (known: {known})")
        return self.cycles[cycle_id]

    def unit(self, unit_id: str) -> Unit:
        if unit_id not in self.units:
            from rollout.workspace.references import suggestion

            close = suggestion(self, "unit", unit_id)
            raise UsageError(
                f"unknown unit {unit_id!r}", hint=f"{close + ' ' if close else ''}`rollout units list` lists them"
            )
        return self.units[unit_id]

    # --- structure --------------------------------------------------------------

    @property
    def company(self) -> Unit | None:
        return next((u for u in self.units.values() if u.kind == "company"), None)

    def level(self, unit_id: str) -> int:
        return LEVEL[self.units[unit_id].kind]

    def children(self, unit_id: str) -> list[Unit]:
        return [u for u in self.units.values() if u.parent == unit_id]

    def department_of(self, unit_id: str, on: date | None = None) -> Unit | None:
        """The department a unit belongs to (itself for a department); ``on``: as it was that day.

        ``on`` follows :meth:`Unit.parent_on` (see :mod:`rollout.org.history`); without it, today's tree.
        """
        if on is not None:
            from rollout.org.history import department_on

            return department_on(self, unit_id, on)
        unit = self.units.get(unit_id)
        while unit is not None and unit.kind == "team":
            unit = self.units.get(unit.parent or "")
        return unit if unit is not None and unit.kind == "department" else None

    def objectives_in(self, cycle_id: str, unit_id: str | None = None) -> list[Objective]:
        if unit_id is not None:
            return list(self.okr_files.get((cycle_id, unit_id), []))
        return [o for (c, _u), objectives in self.okr_files.items() if c == cycle_id for o in objectives]

    def units_in(self, cycle_id: str) -> list[str]:
        """Units with OKRs in a cycle, in units.yaml order."""
        present = {u for (c, u) in self.okr_files if c == cycle_id}
        return [u for u in self.units if u in present]

    def objective_of(self, kr_id: str) -> Objective:
        return self.objectives[self.kr_objective[kr_id]]

    def supporters(self, objective_id: str) -> list[Objective]:
        return [o for o in self.objectives.values() if o.parent == objective_id]

    def latest_checkin(self, kr_id: str, on_or_before: date | None = None) -> CheckIn | None:
        """The last check-in of ``kr_id`` that its score uses (:func:`rollout.metrics.figures.last_used`).

        Dated from its cycle's start to the earliest of the cycle end, ``closed_on`` and
        as-of (and ``on_or_before`` when given); of two on the same day, the later one in
        the file. ``None`` without one. A key result in no cycle (not loaded) gets its
        last check-in on or before ``on_or_before``.
        """
        from rollout.metrics.figures import last_used

        items = self.checkins.get(kr_id) or []
        home = self.kr_home.get(kr_id)
        if home is not None:
            return last_used(items, self.cycles[home[0]], min(self.today, on_or_before or self.today))
        if on_or_before is not None:
            items = [c for c in items if c.date <= on_or_before]
        return items[-1] if items else None

    def review(self, cycle_id: str, unit_id: str) -> ReviewFile | None:
        return self.reviews.get((cycle_id, unit_id))

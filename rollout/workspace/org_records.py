"""Organization records: people, units, strategic priorities, cycles and rollout phases
(re-exported by :mod:`rollout.workspace.models`)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field, model_validator

from rollout.workspace.limits import Day, Markdown, Name, Short, Text, Title
from rollout.workspace.record import (
    CycleId,
    CycleStatus,
    FieldError,
    Model,
    Record,
    Ref,
    Slug,
    Strategy,
    UnitKind,
    Weekday,
)


class Person(Record):
    """One person: an owner, author, respondent or attendee, referred to by ``id``."""

    id: Slug = Field(description="Stable id (never changes, even when the name does), e.g. 'ana-lima'.")
    name: Name = Field(description="Full name as people know it.")
    email: Short | None = Field(
        None, pattern=r"^[^@\s]+@[^@\s]+$", description="Work email; `org import` matches people by it."
    )
    title: Short | None = Field(None, description="Job title.")
    unit: Ref | None = Field(None, description="Id of the unit the person works in.")
    manager: Ref | None = Field(None, description="Id of the person they report to (from the HRIS export).")
    left: Day | None = Field(
        None,
        description="The day the person left; they stay here so that history naming them still loads.",
    )

    def active_on(self, day: date) -> bool:
        """Still with the organization on ``day`` (``left`` is their first day away)."""
        return self.left is None or day < self.left


class FormerParent(Model):
    """A parent a unit had before a reorganisation: it sat under ``unit`` up to and including ``until``."""

    unit: Ref = Field(description="Id of the unit it sat under.")
    until: Day = Field(description="The last day it sat there (the next placement starts the day after).")


class Unit(Record):
    """The company, a department or a team."""

    id: Slug = Field(description="Stable id (used in file names; never changes when the unit is renamed).")
    name: Name = Field(description="The unit's name as people know it.")
    kind: UnitKind = Field(description="company (exactly one), department (under the company) or team.")
    parent: Ref | None = Field(None, description="Id of the unit it sits under now (none for the company).")
    owner: Ref | None = Field(None, description="Id of the person who owns the unit's OKRs.")
    former_parents: list[FormerParent] = Field(
        default_factory=list,
        description="Where it sat before a move, oldest first: closed cycles show it there.",
    )
    since: Day | None = Field(None, description="The day the unit was set up (absent: from the start).")
    archived: Day | None = Field(
        None,
        description="The day the unit was dissolved; its OKRs and check-ins stay and still show in their cycles.",
    )

    @model_validator(mode="after")
    def _parent_matches_kind(self) -> Unit:
        if self.kind == "company" and self.parent is not None:
            raise FieldError("parent", "the company unit has no parent")
        if self.kind != "company" and self.parent is None:
            raise FieldError("parent", f"a {self.kind} needs a parent unit")
        if self.kind == "company" and self.former_parents:
            raise FieldError("former_parents", "the company unit has no former parents")
        days = [p.until for p in self.former_parents]
        if days != sorted(days) or len(set(days)) != len(days):
            raise FieldError("former_parents", "former_parents must be in date order, oldest first, one per day")
        return self

    def parent_on(self, day: date) -> str | None:
        """The unit it sat under on ``day``: the first former parent still valid then, else ``parent``."""
        for former in self.former_parents:
            if day <= former.until:
                return former.unit
        return self.parent

    def exists_on(self, day: date) -> bool:
        """Set up on or before ``day`` and not yet dissolved (``archived`` is its first day gone)."""
        return (self.since is None or self.since <= day) and (self.archived is None or day < self.archived)


class Priority(Record):
    """A strategic priority that company objectives serve."""

    id: Slug = Field(description="Stable id, e.g. 'win-the-mid-market'.")
    title: Title = Field(description="The priority in a few words.")
    description: Markdown = Field("", description="Why it matters (Markdown).")
    cycles: list[CycleId] = Field(default_factory=list, description="Cycles it applies to (empty: all).")


class Cycle(Record):
    """An OKR cycle, usually a quarter."""

    id: CycleId = Field(description="Cycle id, e.g. 2027-Q1 (names the okrs/, checkins/ and reviews/ folders).")
    name: Name | None = Field(None, description="Display name (default: the id).")
    start: Day = Field(description="First day of the cycle.")
    end: Day = Field(description="Last day of the cycle.")
    status: CycleStatus = Field("planned", description="planned, running (check-ins open) or closed (scored).")
    closed_on: Day | None = Field(
        None, description="The day `rollout close` closed it (before `end` when it was closed early)."
    )
    checkin_weekday: Weekday = Field("monday", description="The weekday check-ins are due.")
    review_cadence: Literal["monthly", "biweekly", "none"] = Field(
        "monthly", description="How often progress reviews are held."
    )

    @model_validator(mode="after")
    def _dates(self) -> Cycle:
        if self.end <= self.start:
            raise FieldError("end", "end must be after start")
        return self

    @property
    def title(self) -> str:
        return self.name or self.id


class Phase(Record):
    """A rollout phase: which units adopt OKRs in which cycles, and when to move on."""

    id: Slug = Field(description="Stable id, e.g. 'pilot'.")
    name: Name = Field(description="Display name, e.g. 'Leadership pilot'.")
    strategy: Strategy = Field(
        description="leadership-first, department-by-department, team-by-team or broad (from the readiness report)."
    )
    units: list[Ref] = Field(min_length=1, description="Ids of the units taking part.")
    cycles: list[CycleId] = Field(default_factory=list, description="Ids of the cycles the phase runs in.")
    entry_criteria: list[Text] = Field(default_factory=list, description="What must hold before the phase starts.")
    exit_criteria: list[Text] = Field(default_factory=list, description="What must hold to move to the next phase.")

"""The records of a workspace, format version 1.

One pydantic model per record in DESIGN.md, and one per file kind (``*File``).
Models check what a single record can check (types, dates, ranges, id syntax);
:mod:`rollout.workspace.loader` checks what needs the whole workspace
(references, cycles, duplicates). Unknown keys are errors everywhere.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal, NamedTuple

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from rollout.workspace.limits import (  # the field types, with their size limits
    MAX_TEXT,
    Day,
    Flag,
    Integer,
    Markdown,
    Name,
    Note,
    Number,
    Short,
    Text,
    Title,
)

FORMAT_VERSION = 1

_SLUG = re.compile(r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\Z")
_CYCLE = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\Z")
_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    "index",
    "assets",
    "packs",
    *(f"com{i}" for i in range(10)),
    *(f"lpt{i}" for i in range(10)),
}
MAX_ID_LENGTH = 64


def is_reserved(value: str) -> bool:
    """Whether ``value`` is a name that cannot be an id: a Windows device name or a site folder."""
    return value.lower() in _RESERVED


def check_slug(value: str) -> str:
    """Ids become file and page names: lowercase letters, digits and inner hyphens."""
    if len(value) > MAX_ID_LENGTH:
        raise ValueError(f"id is longer than {MAX_ID_LENGTH} characters")
    if not _SLUG.match(value) or "--" in value:
        raise ValueError(
            f"{value!r} is not a valid id: use lowercase letters, digits and single hyphens, e.g. 'customer-service'"
        )
    if value in _RESERVED:
        raise ValueError(f"{value!r} is a reserved name; choose another id")
    return value


def check_cycle_id(value: str) -> str:
    """Cycle ids such as ``2027-Q1``: letters, digits and hyphens (case kept for display)."""
    if len(value) > 32 or not _CYCLE.match(value) or "--" in value:
        raise ValueError(f"{value!r} is not a valid cycle id: use letters, digits and hyphens, e.g. '2027-Q1'")
    if value.lower() in _RESERVED:
        raise ValueError(f"{value!r} is a reserved name; choose another id")
    return value


Slug = Annotated[str, AfterValidator(check_slug)]
# A reference to an id defined elsewhere: the loader checks that it exists, so only its shape is checked here.
Ref = Annotated[str, Field(max_length=MAX_ID_LENGTH, pattern=r"^[a-z0-9][a-z0-9-]*$")]
CycleId = Annotated[str, AfterValidator(check_cycle_id)]

Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
UnitKind = Literal["company", "department", "team"]
Direction = Literal["increase", "decrease", "milestone"]
Confidence = Annotated[int, Field(ge=0, le=10, strict=True)] | Literal["on_track", "at_risk", "off_track"]
Decision = Literal["completed", "carried_over", "refined", "dropped"]
Strategy = Literal["leadership-first", "department-by-department", "team-by-team", "broad"]
CycleStatus = Literal["planned", "running", "closed"]

CONFIDENCE_WORDS: dict[str, int] = {"on_track": 8, "at_risk": 5, "off_track": 2}
LEVEL: dict[str, int] = {"company": 0, "department": 1, "team": 2}


class Model(BaseModel):
    """Strict base: unknown keys are errors; values are validated on assignment."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, str_strip_whitespace=True)


class Record(Model):
    """A record read from a file: remembers where, for error messages and findings."""

    # Where a record was read from is kept in pydantic's private dict, set by the loader
    # itself: declared private attributes would cost an initialisation per instance, and
    # a large workspace holds a hundred thousand records.

    def place(self, file: str, path: tuple[str | int, ...]) -> None:
        self._set_private(_file=file, _path=path)

    def _set_private(self, **values: Any) -> None:
        private = self.__pydantic_private__
        if private is None:
            object.__setattr__(self, "__pydantic_private__", values)
        else:
            private.update(values)

    def _private(self, name: str, default: Any) -> Any:
        return (self.__pydantic_private__ or {}).get(name, default)

    @property
    def source_file(self) -> str:
        """The workspace file this record was read from ("" for a record built in memory)."""
        value: str = self._private("_file", "")
        return value

    @property
    def source_path(self) -> tuple[str | int, ...]:
        """Where in that file: e.g. ``("objectives", 0, "key_results", 2)``."""
        value: tuple[str | int, ...] = self._private("_path", ())
        return value


# --- rollout.yaml -----------------------------------------------------------------


class RulesConfig(Model):
    """Quality-rule settings; codes and options are checked by :mod:`rollout.rules`."""

    select: list[str] = Field(default_factory=list, description="Only these codes or groups.")
    ignore: list[str] = Field(default_factory=list, description="Codes or groups switched off.")
    fail_on: Literal["error", "warning", "info"] = Field(
        "warning", description="`rollout check` exits 1 on findings of this severity or worse."
    )
    options: dict[str, dict[str, Any]] = Field(default_factory=dict, description="Per-rule options by code.")
    words: dict[str, list[str]] = Field(default_factory=dict, description="Extra words for the word lists.")


class ScoringConfig(Model):
    """Score bands (0.0–1.0): strong from 0.7, moderate from 0.4 by default."""

    strong: float = Field(0.7, ge=0, le=1, description="Scores at or above are strong.")
    moderate: float = Field(0.4, ge=0, le=1, description="Scores at or above (and below strong) are moderate.")

    @model_validator(mode="after")
    def _ordered(self) -> ScoringConfig:
        if self.moderate >= self.strong:
            raise ValueError("moderate must be lower than strong")
        return self


class FiscalYearConfig(Model):
    """When the fiscal year starts and how it is named (see :mod:`rollout.workspace.calendar`)."""

    first_month: int = Field(1, ge=1, le=12, description="Month the fiscal year starts in (1 = January, 7 = July).")
    named_by: Literal["end", "start"] = Field(
        "end", description="FY27 is the fiscal year that ends in 2027 (end, the common use) or starts in 2027 (start)."
    )


class SpreadsheetConfig(Model):
    """How sheets are read (``rollout import``, ``rollout checkin --csv``)."""

    date_format: Literal["DD/MM/YYYY", "MM/DD/YYYY"] | None = Field(
        None, description="How to read slashed dates such as 03/04/2027 (otherwise they are refused as ambiguous)."
    )


class Settings(Record):
    """The root file ``rollout.yaml``: format version, organization, settings."""

    version: Literal[1] = Field(description="Workspace format version.")
    organization: Name = Field(description="The organization's name, shown on every page and pack.")
    language: str = Field("en", pattern=r"^[a-z]{2}(-[A-Z]{2})?$", description="Language of the output, e.g. en.")
    build_dir: str = Field("build", description="Build output folder, inside the workspace.")
    as_of: Day | None = Field(None, description="Report as if today were this date (default: today).")
    stale_after_days: Integer = Field(
        14, ge=1, le=120, description="A key result without a check-in for this many days is stale."
    )
    rules: RulesConfig = Field(default_factory=RulesConfig, description="Quality-rule configuration.")
    scoring: ScoringConfig = Field(default_factory=ScoringConfig, description="Score band thresholds.")
    fiscal_year: FiscalYearConfig = Field(
        default_factory=FiscalYearConfig, description="When the fiscal year starts and how FY27 is named."
    )
    spreadsheets: SpreadsheetConfig = Field(
        default_factory=SpreadsheetConfig, description="How imported sheets are read (slashed dates)."
    )


# --- organization -----------------------------------------------------------------


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
            raise ValueError("the company unit has no parent")
        if self.kind != "company" and self.parent is None:
            raise ValueError(f"a {self.kind} needs a parent unit")
        if self.kind == "company" and self.former_parents:
            raise ValueError("the company unit has no former parents")
        days = [p.until for p in self.former_parents]
        if days != sorted(days) or len(set(days)) != len(days):
            raise ValueError("former_parents must be in date order, oldest first, one per day")
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
    checkin_weekday: Weekday = Field("monday", description="The weekday check-ins are due.")
    review_cadence: Literal["monthly", "biweekly", "none"] = Field(
        "monthly", description="How often progress reviews are held."
    )

    @model_validator(mode="after")
    def _dates(self) -> Cycle:
        if self.end <= self.start:
            raise ValueError("end must be after start")
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


# --- OKRs -------------------------------------------------------------------------


class Suppression(Model):
    """A quality finding kept on purpose; the reason is required."""

    rule: str = Field(pattern=r"^[A-Z]{1,4}[0-9]{2,4}$", description="The rule code, e.g. OKR201.")
    reason: Text = Field(description="Why the finding is kept.")


class KeyResult(Record):
    """A measurable outcome of an objective: baseline → target, scored 0.0–1.0."""

    id: Slug = Field(description="Stable id, unique in the workspace, e.g. 'cs-answer-faster-kr1'.")
    title: Title = Field(description="The outcome with its number, e.g. 'Cut first response time from 9 to 4 hours'.")
    metric: Short | None = Field(None, description="What is measured, e.g. 'First response time'.")
    direction: Direction | None = Field(
        None,
        description="increase (higher is better), decrease (lower is better) or milestone (0 = not done, 1 = done).",
    )
    baseline: Number | None = Field(None, description="Where the metric stood at the start of the cycle.")
    target: Number | None = Field(None, description="Where it should be at the end of the cycle.")
    unit_of_measure: Short | None = Field(None, description="Unit of baseline, target and check-ins: %, hours, EUR…")
    owner: Ref | None = Field(None, description="Id of the person who owns the key result.")
    due: Day | None = Field(None, description="Due date (default: the cycle end).")
    weight: Number = Field(1.0, gt=0, le=100, description="Weight in the objective's score (default 1).")
    health_metric: Flag = Field(False, description="A health metric kept steady on purpose.")
    suppress: list[Suppression] = Field(default_factory=list, description="Quality findings kept on purpose.")


class Objective(Record):
    """A qualitative, directional objective of one unit in one cycle, with 3–5 key results."""

    id: Slug = Field(description="Stable id, unique in the workspace, e.g. 'cs-answer-faster'.")
    title: Title = Field(description="Where the unit wants to be, in words that inspire.")
    owner: Ref | None = Field(None, description="Id of the person who owns the objective.")
    parent: Ref | None = Field(None, description="Id of the higher objective it supports (cascading).")
    alignment: Literal["bottom_up", "cross_functional"] | None = Field(
        None, description="Explicit marker for an objective without a parent."
    )
    contributors: list[Ref] = Field(
        default_factory=list, description="Ids of the units that contribute to a cross-functional objective."
    )
    contributes_to: list[Ref] = Field(
        default_factory=list,
        description="Ids of further objectives it also supports (secondary alignment, besides `parent`).",
    )
    priority: Ref | None = Field(None, description="Id of the strategic priority a company objective serves.")
    description: Markdown = Field("", description="Why this matters now (Markdown).")
    carried_from: Ref | None = Field(None, description="Id of the objective of an earlier cycle it continues.")
    suppress: list[Suppression] = Field(default_factory=list, description="Quality findings kept on purpose.")
    key_results: list[KeyResult] = Field(default_factory=list, description="Its key results (3–5).")

    @property
    def cycle(self) -> str:
        """The cycle of the file it was read from (``okrs/<cycle>/<unit>.yaml``)."""
        value: str = self._private("_cycle", "")
        return value

    @property
    def unit(self) -> str:
        """The unit of the file it was read from."""
        value: str = self._private("_unit", "")
        return value

    def home(self, cycle: str, unit: str) -> None:
        self._set_private(_cycle=cycle, _unit=unit)


class CheckInEntry(Model):
    """One weekly check-in as written in ``checkins/<cycle>/<unit>.yaml`` (validates the file)."""

    kr: Ref = Field(description="Id of the key result.")
    date: Annotated[Day, Field(description="Day of the check-in.")]
    value: Number = Field(
        description="The metric's value that day, in the key result's unit of measure (finite: no nan or inf)."
    )
    confidence: Confidence | None = Field(
        None, description="Confidence of reaching the target: 0–10, or on_track / at_risk / off_track."
    )
    note: Note = Field("", description="Progress, blockers, help needed.")
    author: Ref | None = Field(None, description="Id of the person who checked in.")


class CheckIn(NamedTuple):
    """One weekly check-in, as the workspace holds it.

    A light tuple rather than a model: a large organization has hundreds of thousands
    of them, and a file that was valid before is read back from the cache without
    validating each one again. The loader knows each one's file and index.
    """

    kr: str
    date: date
    value: float
    confidence: int | str | None = None
    note: str = ""
    author: str | None = None
    position: int = -1
    """Position in its file's ``checkins:`` list (the file is its key result's home), for findings."""

    @property
    def confidence_score(self) -> int | None:
        """Confidence on the 0–10 scale (words map to 8, 5 and 2)."""
        if isinstance(self.confidence, str):
            return CONFIDENCE_WORDS[self.confidence]
        return self.confidence


class MonthlyReview(Record):
    """A monthly progress review of one unit."""

    date: Annotated[Day, Field(description="Day of the review.")]
    attendees: list[Ref] = Field(default_factory=list, description="Ids of the people who took part.")
    notes: Markdown = Field("", description="What was discussed (Markdown).")
    risks: list[Text] = Field(default_factory=list, description="Risks raised.")
    decisions: list[Text] = Field(default_factory=list, description="Decisions taken.")


class KeyResultScore(Record):
    """The end-of-cycle score of one key result (0.0–1.0)."""

    kr: Ref = Field(description="Id of the key result.")
    score: Number = Field(ge=0, le=1, description="Computed at close.")
    override: Number | None = Field(None, ge=0, le=1, description="A score set by hand instead (needs a reason).")
    reason: Annotated[str, Field(max_length=MAX_TEXT)] | None = Field(None, description="Why the score was overridden.")

    @model_validator(mode="after")
    def _reason_for_override(self) -> KeyResultScore:
        if self.override is not None and not (self.reason or "").strip():
            raise ValueError("an override needs a reason")
        return self

    @property
    def final(self) -> float:
        return self.score if self.override is None else self.override


class ObjectiveDecision(Record):
    """What happens to an objective at the end of its cycle."""

    objective: Ref = Field(description="Id of the objective.")
    decision: Decision = Field(description="completed, carried_over, refined or dropped.")
    note: Note = Field("", description="Why.")


# --- assessments ------------------------------------------------------------------


class Assessment(Record):
    """One person's answers to one questionnaire."""

    questionnaire: Slug = Field(description="Id of the questionnaire, e.g. readiness.")
    version: Integer = Field(ge=1, description="Version of the questionnaire that was answered.")
    respondent: Ref = Field(description="Id of the person who answered.")
    role: Short | None = Field(None, description="Their role, e.g. 'department head'.")
    unit: Ref | None = Field(None, description="Id of the unit they answered for.")
    date: Annotated[Day, Field(description="Day of the answers.")]
    complete: Flag = Field(True, description="False while the questionnaire is only partly answered.")
    answers: dict[str, Any] = Field(default_factory=dict, description="Answers by question id.")


# --- files ------------------------------------------------------------------------


class PeopleFile(Model):
    """``people.yaml``."""

    people: list[Person] = Field(default_factory=list, description="Everyone the workspace names.")


class UnitsFile(Model):
    """``units.yaml``."""

    units: list[Unit] = Field(default_factory=list, description="The company, its departments and teams.")


class PrioritiesFile(Model):
    """``priorities.yaml``."""

    priorities: list[Priority] = Field(default_factory=list, description="Strategic priorities.")


class CyclesFile(Model):
    """``cycles.yaml``."""

    cycles: list[Cycle] = Field(default_factory=list, description="The OKR cycles.")


class PhasesFile(Model):
    """``phases.yaml``."""

    phases: list[Phase] = Field(default_factory=list, description="Rollout phases, in order.")


class OkrFile(Model):
    """``okrs/<cycle>/<unit>.yaml``: the objectives of one unit in one cycle."""

    objectives: list[Objective] = Field(default_factory=list, description="The unit's objectives (1–5).")


class CheckInFile(Model):
    """``checkins/<cycle>/<unit>.yaml``: append-only, so check-ins never touch OKR files."""

    checkins: list[CheckInEntry] = Field(default_factory=list, description="Check-ins, appended as they come.")


class ReviewFile(Model):
    """``reviews/<cycle>/<unit>.yaml``: monthly reviews and the end-of-cycle review."""

    monthly: list[MonthlyReview] = Field(default_factory=list, description="Monthly progress reviews.")
    scores: list[KeyResultScore] = Field(default_factory=list, description="End-of-cycle scores.")
    lessons: list[Text] = Field(default_factory=list, description="Lessons learned in the cycle.")
    decisions: list[ObjectiveDecision] = Field(
        default_factory=list, description="Per objective: completed, carried over, refined or dropped."
    )


FILE_MODELS: dict[str, type[Model]] = {
    "rollout.yaml": Settings,
    "people.yaml": PeopleFile,
    "units.yaml": UnitsFile,
    "priorities.yaml": PrioritiesFile,
    "cycles.yaml": CyclesFile,
    "phases.yaml": PhasesFile,
    "okrs": OkrFile,
    "checkins": CheckInFile,
    "reviews": ReviewFile,
    "assessments": Assessment,
}

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
Text = Annotated[str, Field(min_length=1, max_length=2000)]
Markdown = Annotated[str, Field(max_length=20000)]
Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
UnitKind = Literal["company", "department", "team"]
Direction = Literal["increase", "decrease", "milestone"]
Confidence = Annotated[int, Field(ge=0, le=10)] | Literal["on_track", "at_risk", "off_track"]
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
    fail_on: Literal["error", "warning", "info"] = "warning"
    options: dict[str, dict[str, Any]] = Field(default_factory=dict, description="Per-rule options by code.")
    words: dict[str, list[str]] = Field(default_factory=dict, description="Extra words for the word lists.")


class ScoringConfig(Model):
    strong: float = Field(0.7, ge=0, le=1, description="Scores at or above are strong.")
    moderate: float = Field(0.4, ge=0, le=1, description="Scores at or above (and below strong) are moderate.")

    @model_validator(mode="after")
    def _ordered(self) -> ScoringConfig:
        if self.moderate >= self.strong:
            raise ValueError("moderate must be lower than strong")
        return self


class Settings(Record):
    """The root file ``rollout.yaml``: format version, organization, settings."""

    version: Literal[1] = Field(description="Workspace format version.")
    organization: Text
    language: str = Field("en", pattern=r"^[a-z]{2}(-[A-Z]{2})?$")
    build_dir: str = Field("build", description="Build output folder, inside the workspace.")
    as_of: date | None = Field(None, description="Report as if today were this date (default: today).")
    stale_after_days: int = Field(14, ge=1, le=120)
    rules: RulesConfig = Field(default_factory=RulesConfig)
    scoring: ScoringConfig = Field(default_factory=ScoringConfig)


# --- organization -----------------------------------------------------------------


class Person(Record):
    id: Slug
    name: Text
    email: str | None = Field(None, pattern=r"^[^@\s]+@[^@\s]+$")
    title: str | None = None
    unit: Ref | None = None


class Unit(Record):
    id: Slug
    name: Text
    kind: UnitKind
    parent: Ref | None = None
    owner: Ref | None = None

    @model_validator(mode="after")
    def _parent_matches_kind(self) -> Unit:
        if self.kind == "company" and self.parent is not None:
            raise ValueError("the company unit has no parent")
        if self.kind != "company" and self.parent is None:
            raise ValueError(f"a {self.kind} needs a parent unit")
        return self


class Priority(Record):
    id: Slug
    title: Text
    description: Markdown = ""
    cycles: list[CycleId] = Field(default_factory=list, description="Cycles it applies to (empty: all).")


class Cycle(Record):
    id: CycleId
    name: str | None = None
    start: date
    end: date
    status: CycleStatus = "planned"
    checkin_weekday: Weekday = "monday"
    review_cadence: Literal["monthly", "biweekly", "none"] = "monthly"

    @model_validator(mode="after")
    def _dates(self) -> Cycle:
        if self.end <= self.start:
            raise ValueError("end must be after start")
        return self

    @property
    def title(self) -> str:
        return self.name or self.id


class Phase(Record):
    id: Slug
    name: Text
    strategy: Strategy
    units: list[Ref] = Field(min_length=1)
    cycles: list[CycleId] = Field(default_factory=list)
    entry_criteria: list[Text] = Field(default_factory=list)
    exit_criteria: list[Text] = Field(default_factory=list)


# --- OKRs -------------------------------------------------------------------------


class Suppression(Model):
    """A quality finding kept on purpose; the reason is required."""

    rule: str = Field(pattern=r"^[A-Z]{1,4}[0-9]{2,4}$")
    reason: Text


class KeyResult(Record):
    id: Slug
    title: Text
    metric: str | None = None
    direction: Direction | None = None
    baseline: float | None = None
    target: float | None = None
    unit_of_measure: str | None = None
    owner: Ref | None = None
    due: date | None = None
    weight: float = Field(1.0, gt=0, le=100)
    health_metric: bool = Field(False, description="A health metric kept steady on purpose.")
    suppress: list[Suppression] = Field(default_factory=list)


class Objective(Record):
    id: Slug
    title: Text
    owner: Ref | None = None
    parent: Ref | None = None
    alignment: Literal["bottom_up", "cross_functional"] | None = Field(
        None, description="Explicit marker for an objective without a parent."
    )
    contributors: list[Ref] = Field(default_factory=list)
    priority: Ref | None = None
    description: Markdown = ""
    carried_from: Ref | None = None
    suppress: list[Suppression] = Field(default_factory=list)
    key_results: list[KeyResult] = Field(default_factory=list)

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

    kr: Ref
    date: date
    value: float
    confidence: Confidence | None = None
    note: str = ""
    author: Ref | None = None


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

    @property
    def confidence_score(self) -> int | None:
        """Confidence on the 0–10 scale (words map to 8, 5 and 2)."""
        if isinstance(self.confidence, str):
            return CONFIDENCE_WORDS[self.confidence]
        return self.confidence


class MonthlyReview(Record):
    date: date
    attendees: list[Ref] = Field(default_factory=list)
    notes: Markdown = ""
    risks: list[Text] = Field(default_factory=list)
    decisions: list[Text] = Field(default_factory=list)


class KeyResultScore(Record):
    kr: Ref
    score: float = Field(ge=0, le=1, description="Computed at close.")
    override: float | None = Field(None, ge=0, le=1)
    reason: str | None = None

    @model_validator(mode="after")
    def _reason_for_override(self) -> KeyResultScore:
        if self.override is not None and not (self.reason or "").strip():
            raise ValueError("an override needs a reason")
        return self

    @property
    def final(self) -> float:
        return self.score if self.override is None else self.override


class ObjectiveDecision(Record):
    objective: Ref
    decision: Decision
    note: str = ""


# --- assessments ------------------------------------------------------------------


class Assessment(Record):
    questionnaire: Slug
    version: int = Field(ge=1)
    respondent: Ref
    role: str | None = None
    unit: Ref | None = None
    date: date
    complete: bool = True
    answers: dict[str, Any] = Field(default_factory=dict)


# --- files ------------------------------------------------------------------------


class PeopleFile(Model):
    people: list[Person] = Field(default_factory=list)


class UnitsFile(Model):
    units: list[Unit] = Field(default_factory=list)


class PrioritiesFile(Model):
    priorities: list[Priority] = Field(default_factory=list)


class CyclesFile(Model):
    cycles: list[Cycle] = Field(default_factory=list)


class PhasesFile(Model):
    phases: list[Phase] = Field(default_factory=list)


class OkrFile(Model):
    """``okrs/<cycle>/<unit>.yaml``: the objectives of one unit in one cycle."""

    objectives: list[Objective] = Field(default_factory=list)


class CheckInFile(Model):
    """``checkins/<cycle>/<unit>.yaml``: append-only, so check-ins never touch OKR files."""

    checkins: list[CheckInEntry] = Field(default_factory=list)


class ReviewFile(Model):
    """``reviews/<cycle>/<unit>.yaml``: monthly reviews and the end-of-cycle review."""

    monthly: list[MonthlyReview] = Field(default_factory=list)
    scores: list[KeyResultScore] = Field(default_factory=list)
    lessons: list[Text] = Field(default_factory=list)
    decisions: list[ObjectiveDecision] = Field(default_factory=list)


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

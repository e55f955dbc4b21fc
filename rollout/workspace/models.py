"""The records of a workspace, format version 1.

One pydantic model per record in DESIGN.md, and one per file kind (``*File``).
Models check what a single record can check (types, dates, ranges, id syntax);
:mod:`rollout.workspace.loader` checks what needs the whole workspace
(references, cycles, duplicates). Unknown keys are errors everywhere.

The records live in four modules along their seams, all re-exported here (import
them from this module): :mod:`~rollout.workspace.record` (the base, ids),
:mod:`~rollout.workspace.settings` (``rollout.yaml``),
:mod:`~rollout.workspace.org_records` (people, units, priorities, cycles, phases) and
:mod:`~rollout.workspace.okr_records` (objectives, key results, check-ins, reviews,
assessments).
"""

from __future__ import annotations

from pydantic import Field

from rollout.workspace.limits import Text
from rollout.workspace.okr_records import (
    Assessment,
    CheckIn,
    CheckInEntry,
    KeyResult,
    KeyResultScore,
    MonthlyReview,
    Objective,
    ObjectiveDecision,
    Suppression,
)
from rollout.workspace.org_records import Cycle, FormerParent, Person, Phase, Priority, Unit
from rollout.workspace.record import (
    CONFIDENCE_WORDS,
    FORMAT_VERSION,
    LEVEL,
    MAX_ID_LENGTH,
    Confidence,
    CycleId,
    CycleStatus,
    Decision,
    Direction,
    FieldError,
    Model,
    Record,
    Ref,
    Slug,
    Strategy,
    UnitKind,
    Weekday,
    check_cycle_id,
    check_slug,
    is_reserved,
)
from rollout.workspace.settings import FiscalYearConfig, RulesConfig, ScoringConfig, Settings, SpreadsheetConfig


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


__all__ = [
    "CONFIDENCE_WORDS",
    "FILE_MODELS",
    "FORMAT_VERSION",
    "LEVEL",
    "MAX_ID_LENGTH",
    "Assessment",
    "CheckIn",
    "CheckInEntry",
    "CheckInFile",
    "Confidence",
    "Cycle",
    "CycleId",
    "CycleStatus",
    "CyclesFile",
    "Decision",
    "Direction",
    "FieldError",
    "FiscalYearConfig",
    "FormerParent",
    "KeyResult",
    "KeyResultScore",
    "Model",
    "MonthlyReview",
    "Objective",
    "ObjectiveDecision",
    "OkrFile",
    "PeopleFile",
    "Person",
    "Phase",
    "PhasesFile",
    "PrioritiesFile",
    "Priority",
    "Record",
    "Ref",
    "ReviewFile",
    "RulesConfig",
    "ScoringConfig",
    "Settings",
    "Slug",
    "SpreadsheetConfig",
    "Strategy",
    "Suppression",
    "Text",
    "Unit",
    "UnitKind",
    "UnitsFile",
    "Weekday",
    "check_cycle_id",
    "check_slug",
    "is_reserved",
]

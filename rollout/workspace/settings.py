"""The root file ``rollout.yaml``: format version, organization, settings (re-exported by
:mod:`rollout.workspace.models`)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from rollout.workspace.limits import Day, Integer, Name
from rollout.workspace.record import FieldError, Model, Record


class RulesConfig(Model):
    """Quality-rule settings; codes and options are checked by :mod:`rollout.rules`."""

    select: list[str] = Field(default_factory=list, description="Only these codes or groups.")
    ignore: list[str] = Field(default_factory=list, description="Codes or groups switched off.")
    fail_on: Literal["error", "warning", "info"] = Field(
        "warning", description="`rollout check` exits 1 on findings of this severity or worse (a note is `info`)."
    )
    options: dict[str, dict[str, Any]] = Field(default_factory=dict, description="Per-rule options by code.")
    words: dict[str, list[str]] = Field(default_factory=dict, description="Extra words for the word lists.")

    @field_validator("fail_on", mode="before")
    @classmethod
    def _note_is_info(cls, value: Any) -> Any:
        """People read the lowest severity as "note" (``rules.base.SEVERITY_WORDS``); it is stored as ``info``."""
        return "info" if value == "note" else value


class ScoringConfig(Model):
    """Score bands (0.0–1.0): strong from 0.7, moderate from 0.4 by default."""

    strong: float = Field(0.7, ge=0, le=1, description="Scores at or above are strong.")
    moderate: float = Field(0.4, ge=0, le=1, description="Scores at or above (and below strong) are moderate.")

    @model_validator(mode="after")
    def _ordered(self) -> ScoringConfig:
        if self.moderate >= self.strong:
            raise FieldError("moderate", "moderate must be lower than strong")
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

"""The base of every workspace record: strict models, ids and their shapes.

Part of the workspace format (see :mod:`rollout.workspace.models`, which re-exports
everything here). :class:`FieldError` is how a check that needs several fields of one
record (a model validator) names the field it reports at.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

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


class FieldError(ValueError):
    """A model validator's problem that belongs to one field of the record (e.g. ``end``),
    so that it is reported at that field's line: ``raise FieldError("end", "end must be after start")``."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class Model(BaseModel):
    """Strict base: unknown keys are errors; values are validated on assignment."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, str_strip_whitespace=True)


class Record(Model):
    """A record read from a file: remembers where, for error messages and findings."""

    # Where a record was read from is kept in pydantic's private dict, set by the loader
    # itself: declared private attributes would cost an initialisation per instance, and
    # a large workspace holds a hundred thousand records.

    def place(self, file: str, path: tuple[str | int, ...]) -> None:
        # What _set_private(_file=file, _path=path) does, without packing keywords: every record
        # of a load is placed (38,306 for 2,000 teams; 1.0 -> 0.5 µs a call, 2026-11-29).
        private = self.__pydantic_private__
        if private is None:
            object.__setattr__(self, "__pydantic_private__", {"_file": file, "_path": path})
        else:
            private["_file"], private["_path"] = file, path

    def _set_private(self, **values: Any) -> None:
        private = self.__pydantic_private__
        if private is None:
            object.__setattr__(self, "__pydantic_private__", values)
        else:
            private.update(values)

    def _private(self, name: str, default: Any) -> Any:
        return (self.__pydantic_private__ or {}).get(name, default)

    # The two properties below read the private dict themselves (as _private does): placing
    # each finding and checking each reference reads them (~25,000 times a check of 2,000 teams).

    @property
    def source_file(self) -> str:
        """The workspace file this record was read from ("" for a record built in memory)."""
        private = self.__pydantic_private__
        value: str = private.get("_file", "") if private else ""
        return value

    @property
    def source_path(self) -> tuple[str | int, ...]:
        """Where in that file: e.g. ``("objectives", 0, "key_results", 2)``."""
        private = self.__pydantic_private__
        value: tuple[str | int, ...] = private.get("_path", ()) if private else ()
        return value

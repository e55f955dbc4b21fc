"""Field types of the workspace models: size limits of texts, and types that are never coerced.

The limits are documented in the README ("What rollout promises about your data") and
appear in ``rollout schema`` as ``maxLength``.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from pydantic import BeforeValidator, Field

# Size limits of text fields (characters), checked at load with file:line; documented in the
# README ("What rollout promises about your data") and in the JSON Schema (maxLength). They
# keep every page and pack bounded: the longest text that reaches a PDF is one Markdown field.
MAX_NAME = 120  # names: organization, people, units, phases, cycles
MAX_TITLE = 300  # titles of objectives, key results and priorities
MAX_SHORT = 200  # a metric, a unit of measure, a job title, an email, a role
MAX_TEXT = 2000  # one line of text: a reason, a risk, a decision, a lesson, a criterion
MAX_NOTE = 5000  # a check-in note, a decision note
MAX_MARKDOWN = 20000  # descriptions and review notes (Markdown)


def _day(value: Any) -> Any:
    """Dates are written ``YYYY-MM-DD``; a number is never read as a date (no Unix time)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise ValueError("expected a date written YYYY-MM-DD, not a number")
    return value


Text = Annotated[str, Field(min_length=1, max_length=MAX_TEXT)]
Markdown = Annotated[str, Field(max_length=MAX_MARKDOWN)]
Name = Annotated[str, Field(min_length=1, max_length=MAX_NAME)]
Title = Annotated[str, Field(min_length=1, max_length=MAX_TITLE)]
Short = Annotated[str, Field(max_length=MAX_SHORT)]
Note = Annotated[str, Field(max_length=MAX_NOTE)]
# Wrong types are errors, never coerced: "12" is not a number, "yes" is not true, 20270105 is not a date;
# a number is finite (nan, inf and 1e309 are refused).
Number = Annotated[float, Field(strict=True, allow_inf_nan=False)]
Integer = Annotated[int, Field(strict=True)]
Flag = Annotated[bool, Field(strict=True)]
Day = Annotated[date, BeforeValidator(_day)]

"""Values people type for a key result (check-in prompt, ``--value``, answers files, drafting prompts).

One number parser: :func:`rollout.tabular.numbers.parse_number` (the spreadsheet
reader's), with a decimal point. :func:`parse_number` here only drops the key
result's unit of measure first (``EUR 1,250``, ``1,250 EUR``). So ``1,250`` is
1250 (a comma grouping three digits), ``1.5`` and ``1,5`` are 1.5, ``1 250`` is
1250, and ``nan``, ``inf``, ``1e309`` (infinity), ``1_000``, ``12abc`` and
``1,25,0`` are refused with a sentence a person understands: it never guesses.
"""

from __future__ import annotations

import math
import re
from typing import Any

__all__ = ["check_finite", "parse_number", "point_reading"]


def parse_number(text: str, unit: str | None = None) -> float:
    """A finite float from ``text``; ``ValueError`` (with a hint in its message) when it is not one.

    ``unit`` (the key result's unit of measure, e.g. ``EUR`` or ``%``) may be
    written before or after the number and is dropped; so is a ``%`` sign, but only
    when ``unit`` is None (not known, as in drafting), empty or ``%``: ``5%`` for a key
    result measured in complaints is refused, as the sheet reader refuses it
    (``site/forms.js`` ``readValue`` follows the same rule and words).
    """
    from rollout.tabular.numbers import NumberError
    from rollout.tabular.numbers import parse_number as parse_cell

    value = text.strip()
    extra = (unit or "").strip()
    if extra and extra != "%":
        if value.lower().endswith(extra.lower()):
            value = value[: -len(extra)].strip()
        elif value.lower().startswith(extra.lower()):
            value = value[len(extra) :].strip()
    try:
        number, found = parse_cell(value, decimal=".")
    except NumberError as exc:
        hint = f" ({exc.hint})" if exc.hint else " (write it like 1250, 1,250 or 12.5)"
        raise ValueError(f"{text!r} is not a number{hint}") from None
    except (ValueError, OverflowError):
        raise ValueError(f"{text!r} is not a number (write it like 1250, 1,250 or 12.5)") from None
    if found == "%" and extra not in ("", "%"):
        raise ValueError(f"{text!r} is a percentage, but the key result is measured in {extra}")
    return check_finite(number, text)


def point_reading(text: str, number: float) -> str | None:
    """How a value with one point before exactly three digits (``1.250``) was read, or None.

    The point is a decimal point here, so ``1.250`` is 1.25; in many European locales it
    groups thousands (one thousand two hundred and fifty). The value is taken as read, and
    the door that took it says so beside it (fe24 F9: 1.25 was stored without a word on a key
    result measured in thousands).
    """
    body = text.strip()
    match = re.fullmatch(r"([+-]?\d{1,3})\.(\d{3})(?:\s*\S*)?", body)
    if match is None or "," in body or match[1].lstrip("+-") == "0":  # 0.125 groups nothing
        return None
    if abs(number - float(f"{match[1]}.{match[2]}")) > 1e-9:
        return None  # read as 1250 (a file whose decimal mark is the comma): nothing to say
    grouped = f"{int(match[1] + match[2]):,}"
    plain = grouped.replace(",", "")
    return f"{body!r} was read as {number:g} (a decimal point); for {grouped}, write {plain} or {grouped}"


def check_finite(number: Any, shown: Any = None) -> float:
    """``number`` as a float if it is a finite real number, else ``ValueError``.

    Booleans are refused (YAML ``yes``/``true`` is not a value); ``nan``, the
    infinities and numbers too large for a float (``1e309`` reads as infinity)
    are refused.
    """
    shown = number if shown is None else shown
    if isinstance(number, bool) or not isinstance(number, int | float):
        raise ValueError(f"{shown!r} is not a number")
    try:
        result = float(number)
    except OverflowError:
        raise ValueError(f"{shown!r} is too large") from None
    if math.isnan(result):
        raise ValueError(f"{shown!r} is not a number (nan)")
    if math.isinf(result):
        raise ValueError(f"{shown!r} is too large to be a value (it reads as infinity)")
    return result

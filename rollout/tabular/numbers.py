"""Numbers and dates as people type them into spreadsheets. The only number parser for sheets.

Numbers (:func:`parse_number`):

- spaces (also no-break and thin spaces) and a leading ``'`` (Excel's text marker) are ignored
  around the number; ``+``/``-`` signs are kept;
- a trailing ``%`` is the unit ``%`` (``20%`` → 20 with unit ``%``);
- the decimal mark is the file's (``","`` in semicolon-separated files, ``"."`` otherwise);
  the other mark is a thousands separator when it groups exactly three digits
  (``1,000`` and ``1,000.5`` in a comma file; ``1.000`` and ``1.000,5`` in a semicolon file),
  and a decimal mark otherwise (``12,5`` anywhere is 12.5);
- both marks in one cell: the last one is the decimal mark, the other must group thousands;
- anything else (``1,00,000``, ``1.2.3``, ``12 apples``) is refused with a hint.

Dates (:func:`parse_date`): ISO ``YYYY-MM-DD`` (a time after it is ignored),
``DD.MM.YYYY`` (the dotted form is day first in every locale that uses it),
``YYYY/MM/DD``, Excel serial day numbers (20000–80000, i.e. 1954–2119) and, only when
the caller passes an order (``--date-format`` or ``spreadsheets: {date_format: …}`` in rollout.yaml),
``DD/MM/YYYY`` or ``MM/DD/YYYY``. Without an order a slashed date is read the one way
that gives a day of the calendar (``13/02/2027`` is 13 February: there is no month 13);
one that reads as a day both ways (``05/02/2027``) is refused, with a hint to format the
column as ``YYYY-MM-DD`` or to pass the order. With an order, a date that is no day in
that order (``02/13/2027`` in ``DD/MM/YYYY``) is refused, naming the part that is wrong.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Literal

DateOrder = Literal["DMY", "MDY"]
DATE_FORMATS: dict[str, DateOrder] = {
    "DD/MM/YYYY": "DMY",
    "DMY": "DMY",
    "D/M/Y": "DMY",
    "MM/DD/YYYY": "MDY",
    "MDY": "MDY",
    "M/D/Y": "MDY",
}
"""Spellings accepted for ``--date-format`` (case-insensitive); rollout.yaml takes the first form."""

_SPACES = re.compile(r"[\s\u00a0\u2009\u202f]+")
_PLAIN = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\Z")
EXCEL_EPOCH = date(1899, 12, 30)
"""Day 0 of Excel's 1900 date system (serial 60, the 29 Feb 1900 that never was, is outside the range read)."""
SERIAL_RANGE = (20000, 80000)


class NumberError(ValueError):
    """A cell that is not a number, or not unambiguously one; ``hint`` says what to change."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.hint = hint


def parse_date_order(text: str) -> DateOrder:
    """``"DD/MM/YYYY"`` → ``"DMY"``; raises ValueError naming the accepted spellings."""
    order = DATE_FORMATS.get(text.strip().upper())
    if order is None:
        raise ValueError(f"{text!r} is not a date format; use DD/MM/YYYY or MM/DD/YYYY")
    return order


def _grouped(integer: str, separator: str) -> str | None:
    """``"1,000,000"`` → ``"1000000"`` when grouped by three with ``separator``, else None."""
    parts = integer.split(separator)
    if len(parts) < 2 or not (1 <= len(parts[0]) <= 3) or any(len(p) != 3 for p in parts[1:]):
        return None
    if not all(p.isdigit() for p in parts):
        return None
    return "".join(parts)


def parse_number(text: str, *, decimal: str = ".") -> tuple[float, str]:
    """The number in a cell and its unit (``"%"`` or ``""``).

    ``decimal``: the file's decimal mark, ``"."`` or ``","``. Raises :class:`NumberError`.
    """
    raw = text
    body = _SPACES.sub(" ", text).strip().lstrip("'").strip()
    unit = ""
    if body.endswith("%"):
        unit, body = "%", body[:-1].strip()
    grouped_by_space = re.fullmatch(r"[+-]?\d{1,3}( \d{3})+([.,]\d+)?", body)
    if grouped_by_space:
        body = body.replace(" ", "")
    sign = ""
    if body and body[0] in "+-":
        sign, body = body[0], body[1:].strip()
    if not body or " " in body:
        raise NumberError(f"{raw!r} is not a number")
    other = "," if decimal == "." else "."
    if "," in body and "." in body:
        mark = "." if body.rfind(".") > body.rfind(",") else ","
        thousands = "," if mark == "." else "."
        integer, _, fraction = body.rpartition(mark)
        joined = _grouped(integer, thousands)
        if joined is None or not fraction.isdigit():
            raise NumberError(f"{raw!r} is not a number", "write it without thousands separators, e.g. 1000.5")
        body = f"{joined}.{fraction}"
    elif other in body:
        joined = _grouped(body, other)
        if joined is None:
            if body.count(other) > 1:
                raise NumberError(f"{raw!r} is not a number", "write it without thousands separators, e.g. 1000")
            # One mark that cannot be a thousands separator (not three digits after it): a decimal mark.
            joined = body.replace(other, ".")
        body = joined
    elif decimal == "," and "," in body:
        if body.count(",") > 1:
            raise NumberError(f"{raw!r} is not a number")
        body = body.replace(",", ".")
    if not _PLAIN.match(body):
        raise NumberError(f"{raw!r} is not a number", "write a plain number such as 1000 or 12.5")
    value = float(sign + body)
    if value != value or value in (float("inf"), float("-inf")):
        raise NumberError(f"{raw!r} is not a number", "it is too large: it reads as infinity")
    return value, unit


def serial_date(value: float) -> date | None:
    """An Excel serial day number (1900 system) as a date, or None outside 1954–2119."""
    if not value.is_integer() or not SERIAL_RANGE[0] <= value <= SERIAL_RANGE[1]:
        return None
    return EXCEL_EPOCH + timedelta(days=int(value))


def parse_date(text: str, *, order: DateOrder | None = None) -> date:
    """A date from a cell's text; raises :class:`NumberError` with a hint (see the module doc)."""
    body = text.strip().lstrip("'").strip()
    raw = text.strip()
    bad = NumberError(f"{raw!r} is not a date", "format the column as a date (YYYY-MM-DD)")
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?", body)
    if match:
        return _ymd(int(match[1]), int(match[2]), int(match[3]), bad)
    match = re.fullmatch(r"(\d{4})/(\d{1,2})/(\d{1,2})", body)
    if match:
        return _ymd(int(match[1]), int(match[2]), int(match[3]), bad)
    match = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", body)
    if match:
        return _ymd(int(match[3]), int(match[2]), int(match[1]), bad)
    match = re.fullmatch(r"(\d{1,2})[/-](\d{1,2})[/-](\d{4})", body)
    if match:
        first, second, year = int(match[1]), int(match[2]), int(match[3])
        readings: dict[DateOrder, bool] = {"DMY": _is_day(year, second, first), "MDY": _is_day(year, first, second)}
        if not any(readings.values()):
            raise NumberError(f"{raw!r} is not a day of the calendar", "check the day and the month")
        if order is None:
            possible = [o for o, ok in readings.items() if ok]
            if len(possible) == 1:  # 13/02/2027: there is no month 13, so it can only be 13 February
                order = possible[0]
            else:
                raise NumberError(
                    f"{raw!r} could be day/month or month/day",
                    "format the column as YYYY-MM-DD, or pass --date-format DD/MM/YYYY (or MM/DD/YYYY)"
                    " or set spreadsheets: {date_format: DD/MM/YYYY} in rollout.yaml",
                )
        elif not readings[order]:  # 02/13/2027 in a DD/MM/YYYY column: say which part is wrong
            # (the other reading is a day, so both parts are at most 31 and the declared month is above 12)
            other: DateOrder = "MDY" if order == "DMY" else "DMY"
            month, other_month = (second, first) if order == "DMY" else (first, second)
            raise NumberError(
                f"{raw!r} is not a day in {_ORDER_WORDS[order]} (there is no month {month}); "
                f"in {_ORDER_WORDS[other]} it would be {date(year, other_month, month).isoformat()}",
                "check the day and the month, or the date format (--date-format, or spreadsheets: date_format"
                " in rollout.yaml)",
            )
        day, month = (first, second) if order == "DMY" else (second, first)
        return _ymd(year, month, day, bad)
    if re.fullmatch(r"\d{5}(\.0+)?", body):
        serial = serial_date(float(body))
        if serial is not None:
            return serial
    raise bad


_ORDER_WORDS: dict[DateOrder, str] = {"DMY": "DD/MM/YYYY", "MDY": "MM/DD/YYYY"}


def _is_day(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _ymd(year: int, month: int, day: int, bad: NumberError) -> date:
    """The day, or :class:`NumberError`: a date in a known form that is no day of the
    calendar (``31.11.2026``) is said in the words of every other date a person writes."""
    try:
        return date(year, month, day)
    except ValueError:
        shown = str(bad).removesuffix(" is not a date")
        raise NumberError(f"{shown} is not a day of the calendar", "check the day and the month") from None

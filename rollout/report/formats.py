"""The one set of formatters of every figure a person reads: site, packs and terminal.

The site's Jinja filters, the packs' sections and the check-in prompt all call
these, so a number, a value with its unit, a share or a date is written the same
way everywhere. Pure standard library (no Babel, no Jinja): the check-in prompt
imports this module and must stay instant.

Rules (English, the only language the reports speak so far):

- **score** (0.0–1.0): one decimal, ``0.7``; ``–`` when unknown
  (:func:`rollout.metrics.figures.display`, which bands also use);
- **judged mean**: a mean key result score a verdict compares with a threshold (a
  phase's, for the expansion gate; a unit's per closed cycle, for calibration) at two
  decimals, ``0.45`` (:data:`rollout.metrics.rounding.JUDGED_MEAN_PLACES`: the verdicts
  compare the number shown, so a tile and a reason beside it agree);
- **share** (0.0–1.0): a whole percentage, ``84%``; ``–`` when unknown;
- **count**: thousands grouped, ``1,250``;
- **value** of a key result: whole numbers grouped (``1,250``), others with up to
  two decimals, trailing zeros dropped (``19.25``, ``3.5``); with its unit of measure
  after a space (``1,250 EUR``, ``22 days``), except ``%`` and ``‰`` which stick to
  the number (``92.4%``), the currency signs ``€ $ £`` which come first (``€1,250``),
  and "score out of N" which reads ``3.9 out of 5``; a currency with a scale
  (``EUR millions``, ``USD k``) reads as said aloud, ``EUR 15.9 million``
  (``€15.9 million``), not ``15.9 EUR millions``;
- **dates**: ``24 Nov 2026`` in tables and lists (:func:`short_date`),
  ``24 November 2026`` in sentences and as-of lines (:func:`long_date`);
- **fraction**: ``1 of 2`` for counts against what was due;
- **measured**: ``1 of 3 measured`` beside a score whose key results were not all
  measured (the others count as 0.0, :func:`rollout.metrics.figures.aggregate`);
  empty when all were.
"""

from __future__ import annotations

import functools
import re
from datetime import date

from rollout.metrics.rounding import JUDGED_MEAN_PLACES, display, percent
from rollout.plural import plural

DASH = "–"
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
PREFIX_SIGNS = ("€", "$", "£")
STUCK_UNITS = ("%", "‰")


@functools.lru_cache(maxsize=8192)
def score(value: float | None) -> str:
    """A score at one decimal (``0.7``), ``–`` when unknown (:func:`rollout.metrics.rounding.display`).

    Remembered per value: a serve rebuild of 2,000 teams shows ~28,000 scores of far fewer
    distinct values; 28,000 scores of 1,000 values took 0.033 s rounded each time through the
    written two decimals, 0.006 s remembered (best of 7, this 2-core machine, 2026-11-29).
    ``tests/report/test_format_caches.py`` compares it with :func:`display`.
    """
    return display(value)


def judged_mean(value: float | None) -> str:
    """A mean key result score that a verdict judges (a phase's, for the expansion gate; a
    unit's per closed cycle, for calibration) at two decimals (``0.45``), ``–`` when unknown."""
    return display(value, JUDGED_MEAN_PLACES)


def share(value: float | None) -> str:
    """A share 0.0–1.0 as a whole percentage rounded half up (``84%``, ``0.125`` → ``13%``),
    ``–`` when unknown (:func:`rollout.metrics.figures.percent`, which the gate's reasons use)."""
    return percent(value)


def count(value: int) -> str:
    """A count with thousands grouped (``1,250``)."""
    return f"{value:,}"


def counted(count: int | float, singular: str, plural_form: str | None = None) -> str:
    """:func:`rollout.plural.plural` (``3 check-ins``), remembered for whole counts: the reports'
    ``plural`` (the site's filter, the charts' accessible names).

    A site of 2,000 teams says 38,000 counts on its unit pages, mostly "N check-ins" for small N:
    0.023 s of CPU working out the noun each time, 0.005 s remembered (best of 7, this 2-core
    machine, 2026-11-29). Only ``int`` counts are remembered: ``True`` equals 1 as a key but reads "True".
    ``tests/report/test_format_caches.py`` compares it with :func:`rollout.plural.plural`.
    """
    if type(count) is int:
        return _counted(count, singular, plural_form)
    return plural(count, singular, plural_form)


@functools.lru_cache(maxsize=4096)
def _counted(count: int, singular: str, plural_form: str | None) -> str:
    return plural(count, singular, plural_form)


def fraction(done: int, due: int) -> str:
    """``1 of 2``: what was done of what was due."""
    return f"{done:,} of {due:,}"


def measured(done: int, total: int) -> str:
    """``1 of 3 measured`` when fewer than ``total`` key results were measured, else ``""``.

    Shown beside every aggregate score (objective, team, department, company) in the
    site, the packs and ``rollout status``, so a score that counts unmeasured key results
    as 0.0 always says so.
    """
    return "" if done >= total else f"{fraction(done, total)} measured"


def number(value: float | None) -> str:
    """A key result value without its unit: ``1,250``, ``19.25``, ``–``."""
    if value is None:
        return DASH
    if abs(value - round(value)) < 1e-9:
        return f"{round(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def value(amount: float | None, unit_of_measure: str | None = None) -> str:
    """A key result value with its unit of measure (rules in the module docstring)."""
    text = number(amount)
    if amount is None or not unit_of_measure:
        return text
    before, after = _unit_sides(unit_of_measure)
    return f"{before}{text}{after}"


# Cached: a site of 2,000 teams writes 74,000 values (unit pages and check-in forms) with a
# handful of units of measure; matching _SCALED for each made them cost 0.08 s of a full build's
# CPU, 0.05 s with this (30,514 values both ways in turn, best of 7; this 2-core machine,
# 2026-11-29). tests/report/test_format_caches.py compares it with the rules worked out afresh.
@functools.lru_cache(maxsize=1024)
def _unit_sides(unit_of_measure: str) -> tuple[str, str]:
    """What :func:`value` writes before and after the number for ``unit_of_measure``."""
    unit = unit_of_measure.strip()
    scaled = _SCALED.fullmatch(unit)
    if scaled is not None:
        currency, scale = scaled["currency"], _SCALES[scaled["scale"].lower()]
        return f"{currency}{'' if currency in PREFIX_SIGNS else ' '}", f" {scale}"
    if unit.startswith("score out of "):
        return "", f" {unit[len('score ') :]}"
    if unit in STUCK_UNITS:
        return "", unit
    if unit in PREFIX_SIGNS:
        return unit, ""
    return "", f" {unit}"


_SCALES = {
    "million": "million",
    "millions": "million",
    "m": "million",
    "mn": "million",
    "thousand": "thousand",
    "thousands": "thousand",
    "k": "thousand",
    "billion": "billion",
    "billions": "billion",
    "bn": "billion",
}
_SCALED = re.compile(r"(?P<currency>[A-Z]{3}|[€$£])\s*(?P<scale>" + "|".join(_SCALES) + r")", re.IGNORECASE)
"""A currency and a scale as a unit of measure: ``EUR millions``, ``USD k``, ``€ bn``."""


def sentence(text: str) -> str:
    """A phrase as the start of a sentence: first letter upper case, the rest untouched
    (``str.capitalize`` would lower "OKR407"). The gate's reasons on the phase page and in
    the phase pack, and the packs' as-of line, all go through this one function."""
    return text[:1].upper() + text[1:]


def confidence(value: int | None) -> str:
    """``7/10``, ``–`` when none was given."""
    return DASH if value is None else f"{value}/10"


def month_name(day: date) -> str:
    """``November 2026``."""
    return f"{MONTHS[day.month - 1]} {day.year}"


@functools.lru_cache(maxsize=4096)
def short_date(day: date | None) -> str:
    """``24 Nov 2026``. Cached: a large site shows the same few hundred days tens of thousands of times."""
    return DASH if day is None else f"{day.day} {MONTHS[day.month - 1][:3]} {day.year}"


def day_month(day: date) -> str:
    """``2 Nov``: a day within the cycle being shown (no leading zero, as :func:`short_date`)."""
    return f"{day.day} {MONTHS[day.month - 1][:3]}"


def weekday_date(day: date) -> str:
    """``Sun 29 Nov 2026``: the day a terminal check-in is for."""
    return f"{WEEKDAYS[day.weekday()]} {short_date(day)}"


def long_date(day: date | None) -> str:
    """``24 November 2026``."""
    return DASH if day is None else f"{day.day} {month_name(day)}"


def as_of(day: date) -> str:
    """The as-of line of every page and pack: ``as of 24 November 2026``."""
    return f"as of {long_date(day)}"


def phase_scope(units: int, cycles: list[str] | tuple[str, ...]) -> str:
    """Whom a phase's figures count, said beside them on its page and in its pack: ``Figures of
    the phase's 8 units in 2026-Q4; a cycle's own page counts every unit with OKRs.``

    A phase's "Mean key result score" (its units) and the cycle page's (every unit) share a
    label and differ (fe24 F12: 0.44 and 0.5 for the department pilot's quarter).
    """
    when = f" in {' and '.join(cycles)}" if cycles else ""
    return f"Figures of the phase's {plural(units, 'unit')}{when}; a cycle's own page counts every unit with OKRs."


def cycle_state(status: str, start: date, end: date, as_of: date) -> str:
    """Where a cycle stands, as its page, its units' pages and ``rollout status`` name it:
    ``Planned``, ``Running``, ``Ended, not closed`` or ``Closed``.

    ``Planned`` also for a cycle marked running whose first day has not come (``rollout next``
    writes the next quarter before it starts): no figure is due yet (fe26 G4: the site said
    "0% of the cycle elapsed" where ``rollout status`` said "planned: starts on …").

    ``Ended, not closed``: still ``running`` in ``cycles.yaml`` with ``as_of`` after its ``end``.
    No check-in dated after the end counts (:func:`rollout.metrics.window.cut_date`), and
    ``rollout close`` records the final scores (fe24 F5: the home page said "ended … and not
    closed" while the cycle page said "Running · 100% elapsed").
    """
    if status == "running" and as_of > end:
        return "Ended, not closed"
    if status != "closed" and as_of < start:
        return "Planned"
    return status.capitalize()


def milestone(current: float | None, target: float | None = None) -> str:
    """A milestone's value as people say it: ``Done`` once it reached its target (1 when none,
    :func:`rollout.metrics.figures.score_value`), ``Not yet`` before, ``–`` without a check-in."""
    if current is None:
        return DASH
    return "Done" if current >= (1.0 if target is None else target) - 1e-9 else "Not yet"

"""The reports' remembered formatters give what the rules give worked out afresh:
:func:`rollout.report.formats.value` (the unit of measure's sides, cached per unit) and
:func:`rollout.report.formats.counted` (:func:`rollout.plural.plural`, cached for whole counts)."""

from __future__ import annotations

import re

import pytest

from rollout.plural import plural
from rollout.report import formats
from rollout.report.formats import PREFIX_SIGNS, STUCK_UNITS, counted, number, value

_SCALES = {"million": "million", "millions": "million", "m": "million", "mn": "million", "k": "thousand"}
_SCALES |= {"thousand": "thousand", "thousands": "thousand", "billion": "billion", "billions": "billion"}
_SCALES |= {"bn": "billion"}
_SCALED = re.compile(r"(?P<currency>[A-Z]{3}|[€$£])\s*(?P<scale>" + "|".join(_SCALES) + r")", re.IGNORECASE)


def _value_afresh(amount: float | None, unit_of_measure: str | None) -> str:
    """The module docstring's rules, as :func:`value` applied them before the cache."""
    text = number(amount)
    if amount is None or not unit_of_measure:
        return text
    unit = unit_of_measure.strip()
    scaled = _SCALED.fullmatch(unit)
    if scaled is not None:
        currency, scale = scaled["currency"], _SCALES[scaled["scale"].lower()]
        return f"{currency}{'' if currency in PREFIX_SIGNS else ' '}{text} {scale}"
    if unit.startswith("score out of "):
        return f"{text} {unit[len('score ') :]}"
    if unit in STUCK_UNITS:
        return f"{text}{unit}"
    if unit in PREFIX_SIGNS:
        return f"{unit}{text}"
    return f"{text} {unit}"


UNITS = [None, "", " ", "%", "‰", " % ", "€", "$", "£", "EUR", "EUR millions", "eur m", "USD k", "€ bn", "£million"]
UNITS += ["score out of 5", "days", " hours ", "NPS points", "EURO", "k", "% of tickets", "USD thousands"]
AMOUNTS = [None, 0.0, 1.0, -3.0, 1250.0, 19.25, 3.5, 0.005, 1234567.0, -0.5, 92.4]


@pytest.mark.parametrize("unit", UNITS)
def test_value_is_the_rule_worked_out_afresh(unit: str | None) -> None:
    formats._unit_sides.cache_clear()
    for _ in range(2):  # cold, then from the cache
        for amount in AMOUNTS:
            assert value(amount, unit) == _value_afresh(amount, unit), (amount, unit)


def test_value_after_other_units() -> None:
    """A cache keyed on anything less than the unit of measure would answer for the previous unit."""
    formats._unit_sides.cache_clear()
    for unit in UNITS * 2:
        assert value(1250.0, unit) == _value_afresh(1250.0, unit), unit
    assert value(15.9, "EUR millions") == "EUR 15.9 million" and value(92.4, "%") == "92.4%"


@pytest.mark.parametrize("noun", ["check-in", "key result", "person", "category", "pass", "more unit"])
def test_counted_is_plural(noun: str) -> None:
    formats._counted.cache_clear()
    for _ in range(2):
        for count in (0, 1, 2, 3, 11, 1_000, -1):
            assert counted(count, noun) == plural(count, noun)
        assert counted(2, noun, "others") == plural(2, noun, "others") == "2 others"


def test_counted_keeps_floats_and_bools_apart_from_ints() -> None:
    """``True == 1`` and ``2.0 == 2`` as keys: only ``int`` counts are remembered."""
    formats._counted.cache_clear()
    assert counted(1, "check-in") == "1 check-in"
    assert counted(True, "check-in") == plural(True, "check-in")
    assert counted(2, "check-in") == "2 check-ins"
    assert counted(2.5, "check-in") == plural(2.5, "check-in") == "2.5 check-ins"
    assert counted(1.0, "check-in") == plural(1.0, "check-in")


def test_remembered_scores_read_as_display() -> None:
    from rollout.metrics.rounding import display

    formats.score.cache_clear()
    values = [None, 0.0, 1.0, 0.345, 0.34499999999, 0.35, 0.6449, 0.645, 0.65, 0.95, 0.049, 1 / 3, 2 / 3]
    for _ in range(2):  # afresh, then remembered
        assert [formats.score(v) for v in values] == [display(v) for v in values]
    assert formats.score(0.345) == "0.4" and formats.score(0.3449) == "0.3"

"""fe21 #8: a slashed date with one possible reading is that day; the one date reader of every door."""

from __future__ import annotations

from datetime import date

import pytest

from rollout.tabular import NumberError, parse_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("13/02/2027", date(2027, 2, 13)),  # no month 13: day/month
        ("02/13/2027", date(2027, 2, 13)),  # no month 13: month/day
        ("31/03/2027", date(2027, 3, 31)),
        ("12-25-2027", date(2027, 12, 25)),
        ("1/31/2027", date(2027, 1, 31)),
    ],
)
def test_a_date_with_one_reading_is_read_that_way(text: str, expected: date) -> None:
    assert parse_date(text) == expected


def test_a_date_with_two_readings_still_needs_an_order() -> None:
    with pytest.raises(NumberError) as caught:
        parse_date("05/02/2027")
    assert str(caught.value) == "'05/02/2027' could be day/month or month/day"
    assert parse_date("05/02/2027", order="DMY") == date(2027, 2, 5)
    assert parse_date("05/02/2027", order="MDY") == date(2027, 5, 2)


def test_a_date_that_contradicts_the_declared_order_says_which_part_is_wrong() -> None:
    with pytest.raises(NumberError) as caught:
        parse_date("02/13/2027", order="DMY")
    assert str(caught.value) == (
        "'02/13/2027' is not a day in DD/MM/YYYY (there is no month 13); in MM/DD/YYYY it would be 2027-02-13"
    )
    assert "--date-format" in caught.value.hint
    with pytest.raises(NumberError) as caught:
        parse_date("13/02/2027", order="MDY")
    assert "is not a day in MM/DD/YYYY (there is no month 13); in DD/MM/YYYY it would be 2027-02-13" in str(
        caught.value
    )


@pytest.mark.parametrize("text", ["31/11/2026", "32/01/2027", "13/13/2027", "29/02/2027"])
def test_no_reading_is_no_day(text: str) -> None:
    with pytest.raises(NumberError) as caught:
        parse_date(text)
    assert str(caught.value) == f"{text!r} is not a day of the calendar"

"""Dates in a question as a reader types them: a year, a month, a day or a range, each read as its days."""

from __future__ import annotations

import datetime as dt

import pytest

from models.errors import InvalidDateError
from models.library.questions import date_range
from models.reader_dates import DateSpan, read_dates

D = dt.date


@pytest.mark.parametrize(
    ("written", "first", "last"),
    [
        ("2023", D(2023, 1, 1), D(2023, 12, 31)),
        ("2023-03", D(2023, 3, 1), D(2023, 3, 31)),
        ("March 2023", D(2023, 3, 1), D(2023, 3, 31)),
        ("  sept 2023 ", D(2023, 9, 1), D(2023, 9, 30)),
        ("Feb 2024", D(2024, 2, 1), D(2024, 2, 29)),
        ("2023-03-05", D(2023, 3, 5), D(2023, 3, 5)),
        ("5 March 2023", D(2023, 3, 5), D(2023, 3, 5)),
        ("March 5, 2023", D(2023, 3, 5), D(2023, 3, 5)),
    ],
)
def test_one_year_month_or_day_is_read_as_every_day_it_covers(written: str, first: dt.date, last: dt.date) -> None:
    assert read_dates(written) == DateSpan(first, last)


@pytest.mark.parametrize(
    "written",
    ["2023-01 to 2023-03", "from January 2023 until March 2023", "Jan 2023 – Mar 2023", "2023-01..2023-03"],
)
def test_a_range_runs_from_the_first_day_of_its_start_to_the_last_day_of_its_end(written: str) -> None:
    assert read_dates(written) == DateSpan(D(2023, 1, 1), D(2023, 3, 31), ranged=True)


@pytest.mark.parametrize(
    ("written", "says"),
    [
        ("December", "“December” is not a date that can be read; write a year (2023), a month (March 2023)"),
        ("13/2023", "“13/2023” is not a date"),
        ("2023-02-30", "“2023-02-30” is not a date"),
        ("soon", "“soon” is not a date"),
        ("March 2023 to later", "“later” in “March 2023 to later” is not a date"),
        ("2024 to 2023", "“2024 to 2023” starts after it ends; write the earlier date first."),
    ],
)
def test_a_date_that_cannot_be_read_says_so_with_examples(written: str, says: str) -> None:
    with pytest.raises(InvalidDateError) as caught:
        read_dates(written)
    assert caught.value.user_message.startswith(says)


def test_the_from_and_to_fields_of_a_question_take_a_range_or_one_end_each() -> None:
    assert date_range("March 2023", None) == (D(2023, 3, 1), None)  # from March on
    assert date_range(None, "March 2023") == (None, D(2023, 3, 31))  # up to the end of March
    assert date_range("2023-01 to 2023-03", None) == (D(2023, 1, 1), D(2023, 3, 31))
    assert date_range("2023-01 to 2023-03", "2023-06") == (D(2023, 1, 1), D(2023, 6, 30))
    assert date_range(" ", "") == (None, None)

"""The document date as readers and wire services give it: ISO 8601 with or without a time."""

from __future__ import annotations

import datetime as dt

import pytest

from models.cli_commands import parse_date
from models.contract import validation_errors
from models.domain import Document
from models.errors import InvalidDateError
from models.filters import normalize_document_date, parse_day, parse_moment


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1998-02-13", "1998-02-13"),
        ("1998-02-13T14:26:00", "1998-02-13T14:26"),
        ("1998-02-13 14:26", "1998-02-13T14:26"),
        ("1998-02-13T14:26:05", "1998-02-13T14:26:05"),
        ("1998-02-13T14:26:00Z", "1998-02-13T14:26Z"),
        ("1998-02-13T14:26:00+05:30", "1998-02-13T14:26+05:30"),
        ("1998-02-13T23:59-05:00", "1998-02-13T23:59-05:00"),
    ],
)
def test_iso_dates_with_or_without_a_time_are_accepted(value: str, expected: str) -> None:
    assert parse_date(value) == expected
    assert parse_day(expected) == dt.date(1998, 2, 13)  # the writer's own day: an offset is never converted


@pytest.mark.parametrize(
    "value", ["1998-02-13T25:00", "2015-13-45", "1998-02-13T", "13/02/1998", "yesterday", "9" * 60]
)
def test_bad_dates_are_one_plain_sentence(value: str) -> None:
    with pytest.raises(InvalidDateError) as err:
        parse_date(value)
    message = err.value.user_message
    assert "YYYY-MM-DD" in message and message.count(". ") == 0 and len(message) < 200


def test_the_time_is_kept_apart_from_the_day() -> None:
    assert parse_moment("1998-02-13T01:30") == (dt.date(1998, 2, 13), dt.time(1, 30))
    assert parse_moment("1998-02-13") == (dt.date(1998, 2, 13), None)
    assert normalize_document_date("not a date") is None


def _value_of(analyzer, text: str, date: str, phrase: str) -> str:
    analysis = analyzer.analyze(Document(text=text, date=date))
    assert validation_errors(analysis.to_json()) == []
    return next(t.value for t in analysis.times if t.text == phrase)


def test_tonight_written_after_midnight_is_the_night_before(analyzer) -> None:
    text = "The talks will resume tonight in Geneva, a spokesman said."
    # TIMEX3 writes a part of a day as the day and a code: NI for night.
    assert _value_of(analyzer, text, "1998-02-13T14:26", "tonight") == "1998-02-13TNI"
    assert _value_of(analyzer, text, "1998-02-13T01:30", "tonight") == "1998-02-12TNI"
    assert _value_of(analyzer, text, "1998-02-13", "tonight") == "1998-02-13TNI"


def test_this_morning_resolves_against_a_dated_and_timed_document(analyzer) -> None:
    text = "The minister resigned this morning after a long night of talks."
    assert _value_of(analyzer, text, "1998-02-13T14:26:00Z", "this morning") == "1998-02-13TMO"

"""Relative dates counted past year 1 or year 9999 stay unresolved with a reason, never an OverflowError."""

from __future__ import annotations

import datetime as dt

import pytest

from models.analysis.timex import Context, normalize_phrase

FIRST, LAST = dt.date(1, 1, 1), dt.date(9999, 12, 31)


@pytest.mark.parametrize(
    ("phrase", "doc_date", "tense"),
    [
        ("yesterday", FIRST, None),
        ("the day before yesterday", FIRST, None),
        ("two days ago", FIRST, "past"),
        ("last week", FIRST, None),
        ("last Monday", FIRST, None),
        ("Sunday", FIRST, "past"),
        ("last weekend", FIRST, None),
        ("last month", FIRST, None),
        ("last year", FIRST, None),
        ("a decade ago", FIRST, "past"),
        ("tomorrow", LAST, None),
        ("the day after tomorrow", LAST, None),
        ("three days from now", LAST, None),
        ("next week", LAST, None),
        ("next Friday", LAST, None),
        ("this weekend", LAST, "future"),
        ("next month", LAST, None),
        ("next year", LAST, None),
        ("the next day", LAST, None),
        ("two centuries from now", LAST, None),
        ("two weeks later", LAST, "past"),
    ],
)
def test_out_of_range_dates_are_unresolved_with_a_reason(phrase: str, doc_date: dt.date, tense: str | None) -> None:
    value = normalize_phrase(phrase, Context(doc_date=doc_date, tense=tense, last_year=doc_date.year))
    assert value is not None
    assert value.value == "XXXX-XX-XX", value
    assert value.anchor is not None and "outside the calendar" in value.anchor
    assert value.day is None and value.year is None


@pytest.mark.parametrize(
    ("phrase", "doc_date"),
    [
        ("Christmas", FIRST),
        ("Christmas", LAST),
        ("11 p.m. tomorrow", LAST),
        ("Easter 9999", LAST),
        ("in 5 years", LAST),
    ],
)
def test_other_phrases_at_the_ends_of_the_calendar_do_not_crash(phrase: str, doc_date: dt.date) -> None:
    for tense in (None, "past", "future"):
        value = normalize_phrase(phrase, Context(doc_date=doc_date, tense=tense, last_year=doc_date.year))
        assert value is None or value.year is None or 1 <= value.year <= 9999


def test_dates_inside_the_calendar_still_resolve() -> None:
    assert normalize_phrase("tomorrow", Context(doc_date=FIRST)).value == "0001-01-02"  # type: ignore[union-attr]
    assert normalize_phrase("yesterday", Context(doc_date=LAST)).value == "9999-12-30"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("9999-W52", None),
        ("9999-12", (dt.date(9999, 12, 1), LAST)),
        ("9999-Q4", (dt.date(9999, 10, 1), LAST)),
        ("0001-W01", (FIRST, dt.date(1, 1, 7))),
    ],
)
def test_periods_at_the_ends_of_the_calendar(value: str, expected: object) -> None:
    from models.filters import date_interval

    assert date_interval(value) == expected


def test_timeline_ticks_and_descriptions_reach_the_last_day() -> None:
    from gui.event_corrections import describe_value
    from models.views.timeline import ticks

    for px_per_day in (200.0, 20.0, 2.0, 0.1):
        marks = ticks(dt.date(9999, 11, 1), LAST, px_per_day)
        assert marks and all(m.day <= LAST for m in marks)
    assert describe_value("9999-12") == "December 9999"

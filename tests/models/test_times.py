"""Normalisation rules for time expressions: one row per rule (phrase, document date, tense, expected)."""

from __future__ import annotations

import datetime as dt

import pytest

from models.analysis.times import detect_document_date
from models.analysis.timex import FUTURE, PAST, PRESENT, Context, normalize_phrase

RULES = [
    # absolute dates at their own granularity
    ("March 9, 2014", None, None, "2014-03-09"),
    ("September 2010", None, None, "2010-09"),
    ("2008", None, None, "2008"),
    ("the 1960s", None, None, "196"),
    ("the 20th century", None, None, "19"),
    # month-day: the year from the document date and the tense
    ("Oct. 7", "2023-12-30", PAST, "2023-10-07"),
    ("Jan. 5", "2023-12-30", FUTURE, "2024-01-05"),
    ("Oct. 7", None, PAST, "XXXX-10-07"),
    ("March", "2008-08-15", PAST, "2008-03"),
    ("early January", "2023-12-30", FUTURE, "2024-01"),
    ("mid-December", "2023-12-30", PAST, "2023-12"),
    ("earlier in December", "2023-12-30", PAST, "2023-12"),
    # a date up to two months ahead (a month name: next month) is the coming one even in a past-tense clause:
    # "the council said the vote must be held by Nov. 20", "gave the firm until mid-December"
    ("Nov. 20", "2019-11-05", PAST, "2019-11-20"),
    ("Jan. 10", "2019-12-20", PAST, "2020-01-10"),
    ("mid-December", "2019-11-05", PAST, "2019-12"),
    # further ahead, a past-tense clause still means last year's
    ("Oct. 7", "2023-06-01", PAST, "2022-10-07"),
    ("March 3", "2023-12-30", PAST, "2023-03-03"),
    ("September", "2023-06-01", PAST, "2022-09"),
    ("December", "2023-10-20", PAST, "2022-12"),
    # years read out as words (broadcast transcripts), then read like digits
    ("nineteen eighty-four", None, None, "1984"),
    ("March nineteen sixty-eight", None, None, "1968-03"),
    ("the summer of nineteen sixty-nine", None, None, "1969-SU"),
    ("two thousand and four", None, None, "2004"),
    ("nineteen oh five", None, None, "1905"),
    ("fifteen minutes", None, None, "PT15M"),
    # the week that holds a named day
    ("the week of March 6", "2000-02-24", FUTURE, "2000-W10"),
    ("Easter week", "2000-04-17", None, "2000-W16"),
    # a named day or month that recurs
    ("each Thursday", "1998-02-13", None, "XXXX-WXX-4"),
    ("every July", "1998-03-22", None, "XXXX-07"),
    ("every Friday night", None, None, "XXXX-WXX-5TNI"),
    # a month or season of the year the phrase names
    ("May last year", "2010-09-01", PAST, "2009-05"),
    ("late August this year", "2010-09-01", PAST, "2010-08"),
    ("the winter of 1994", None, None, "1994-WI"),
    ("summer last year", "2010-09-01", PAST, "2009-SU"),
    # relative to the document date
    ("today", "2023-02-23", None, "2023-02-23"),
    ("yesterday afternoon", "2015-09-12", PAST, "2015-09-11"),
    ("tomorrow", "2015-09-22", FUTURE, "2015-09-23"),
    ("a week ago", "2023-12-30", PAST, "2023-12-23"),
    ("a week or so ago", "2023-12-30", PAST, "2023-12-23"),
    ("Seventeen years ago", "2017-07-21", PAST, "2000"),
    ("Friday", "2023-12-30", PAST, "2023-12-29"),
    ("Wednesday", "2015-09-22", FUTURE, "2015-09-23"),
    ("last week", "2017-07-21", PAST, "2017-W28"),
    ("this weekend", "2015-09-22", PAST, "2015-W38-WE"),
    ("last month", "2011-04-13", PAST, "2011-03"),
    ("next year", "2017-07-21", FUTURE, "2018"),
    ("last summer", "2023-02-23", PAST, "2022-SU"),
    ("in the new year", "2023-12-30", FUTURE, "2024"),
    # holidays
    ("the day after Christmas", "2023-12-30", PAST, "2023-12-26"),
    ("the day after Christmas", None, PAST, "XXXX-12-26"),
    ("the day before Christmas", None, None, "XXXX-12-24"),
    ("Thanksgiving", "2023-12-30", PAST, "2023-11-23"),
    # clock times
    ("11 p.m. on Dec. 8", "2023-12-30", PAST, "2023-12-08T23:00"),
    ("22:30", None, None, "T22:30"),
    ("midnight", None, None, "T00:00"),
    # durations, sets and vague references
    ("twelve years", None, None, "P12Y"),
    ("someday", "2001-05-01", FUTURE, "FUTURE_REF"),  # an unnamed day ahead, not a stretch of days
    ("centuries", None, None, "PXC"),
    ("two centuries", None, None, "P200Y"),
    # whole thousands of years are millennia (TIMEX3 L); an odd count stays in years
    ("more than two thousand years", None, None, "P2L"),
    ("1000 years", None, None, "P1L"),
    ("1500 years", None, None, "P1500Y"),
    ("33 years", None, None, "P33Y"),
    ("a month", None, None, "P1M"),
    ("four hours", None, None, "PT4H"),
    ("every year", None, None, "P1Y"),
    ("now", None, None, "PRESENT_REF"),
    ("the past", None, None, "PAST_REF"),
    ("the coming weeks", None, None, "PXW"),
    # TimeML: vague plural durations, vague references, recurring sets
    ("recent years", None, None, "PXY"),
    ("the weeks ahead", None, None, "PXW"),
    ("the past two months", None, None, "P2M"),
    ("the first nine months", None, None, "P9M"),
    ("five-year", None, None, "P5Y"),
    ("several quarters", None, None, "PXQ"),
    ("recently", None, None, "PAST_REF"),
    ("currently", None, None, "PRESENT_REF"),
    ("the near future", None, None, "FUTURE_REF"),
    ("future quarters", None, None, "FUTURE_REF"),
    ("in future years", None, None, "FUTURE_REF"),
    ("every quarter", None, None, "P1Q"),
    ("every week", None, None, "P1W"),
    # parts of days: alone they are a time of the document's day; with a named day, that day
    ("this morning", "2013-05-03", None, "2013-05-03TMO"),
    ("tonight", "2013-05-03", FUTURE, "2013-05-03TNI"),
    ("last night", "2013-05-03", PAST, "2013-05-02TNI"),
    ("Friday night", "2013-05-06", PAST, "2013-05-03"),
    # a bare clock time is on the document's day
    ("7:15 p.m.", "2013-05-03", PAST, "2013-05-03T19:15"),
    # quarters, halves and fiscal years
    ("the third quarter", "1989-10-26", PAST, "1989-Q3"),
    ("third-quarter", "1989-10-26", PAST, "1989-Q3"),
    ("the fourth quarter", "1990-01-15", PAST, "1989-Q4"),
    ("the fourth quarter", "1989-10-26", FUTURE, "1989-Q4"),
    ("the second quarter of 1987", "1989-10-26", PAST, "1987-Q2"),
    ("the latest quarter", "1989-10-26", PAST, "1989-Q3"),
    ("the current quarter", "1989-10-26", PRESENT, "1989-Q4"),
    ("the year-earlier quarter", "1989-10-26", PAST, "1988-Q3"),
    ("the year-earlier nine months", "1989-10-26", PAST, "P9M"),  # the comparison period, counted
    ("last quarter", "1989-10-26", PAST, "1989-Q3"),
    ("the first half of 1989", None, None, "1989-H1"),
    ("fiscal 1990", None, None, "1990"),
    ("fiscal '88", None, None, "1988"),
    ("the fiscal year", "1989-10-26", PRESENT, "1989"),
    # "next year" counts from the document date, "the next year" from the last year told
    ("next year", "1989-10-30", FUTURE, "1990"),
    # a month with a direction, the end of the year
    ("last April", "1989-10-27", PAST, "1989-04"),
    ("this September", "1998-02-05", FUTURE, "1998-09"),
    ("next March", "1989-10-27", FUTURE, "1990-03"),
    ("year-end", "1989-10-27", FUTURE, "1989-12-31"),
    # told in the past, a bare year-end is the last one behind the document date
    ("year-end", "1995-06-14", PAST, "1994-12-31"),
    ("the 1995 year-end", "1996-06-14", PAST, "1995-12-31"),
    # seasons, decades, centuries
    ("last summer", "2013-10-01", PAST, "2013-SU"),
    ("the 1990s", None, None, "199"),
]


@pytest.mark.parametrize(("phrase", "doc_date", "tense", "expected"), RULES)
def test_normalisation_rule(phrase: str, doc_date: str | None, tense: str | None, expected: str) -> None:
    ctx = Context(doc_date=dt.date.fromisoformat(doc_date) if doc_date else None, tense=tense)
    value = normalize_phrase(phrase, ctx)
    assert value is not None
    assert value.value == expected


ANAPHORA = [
    ("two days later", "2023-12-25"),
    ("the same day", "2023-12-23"),
    ("the next day", "2023-12-24"),
    ("three days earlier", "2023-12-20"),
    ("the previous Saturday", "2023-12-16"),
    ("the next Tuesday", "2023-12-26"),
]


@pytest.mark.parametrize(("phrase", "expected"), ANAPHORA)
def test_anaphoric_expressions_anchor_on_the_last_date(phrase: str, expected: str) -> None:
    ctx = Context(doc_date=dt.date(2023, 12, 30), last_day=dt.date(2023, 12, 23), last_day_text="Dec. 23")
    value = normalize_phrase(phrase, ctx)
    assert value is not None
    assert value.value == expected
    assert value.anchor is not None and "2023-12-23" in value.anchor


def test_the_quarter_refers_back_to_the_quarter_just_named() -> None:
    ctx = Context(doc_date=dt.date(1989, 10, 26), tense=PAST, last_quarter="1989-Q2")
    assert [normalize_phrase(p, ctx).value for p in ("the quarter", "a year earlier")] == ["1989-Q2", "1988-Q2"]  # type: ignore[union-attr]
    # Without a quarter in view, "a year ago" counts from the document date.
    assert normalize_phrase("a year ago", Context(doc_date=dt.date(1989, 10, 26), tense=PAST)).value == "1988"  # type: ignore[union-attr]


def test_a_period_named_by_its_year_is_the_quarter_under_report() -> None:
    """'Profit in the latest period rose; in the 1988 period it fell': both are the quarter being reported."""
    ctx = Context(doc_date=dt.date(1991, 10, 24), tense=PAST, last_quarter="1991-Q3")
    values = [normalize_phrase(p, ctx).value for p in ("the latest period", "the 1990 period", "the 1990 quarter")]  # type: ignore[union-attr]
    assert values == ["1991-Q3", "1990-Q3", "1990-Q3"]
    assert normalize_phrase("the 1990 quarter", ctx).refers_back  # type: ignore[union-attr]


def test_stage_finds_the_latest_period(analyzer) -> None:
    from models.domain import Document

    text = "The bank said net income in the latest period fell 8%, compared with a gain in the 1990 period."
    result = analyzer.analyze(Document(text=text, date="1991-10-24"))
    found = {t.text: t.value for t in result.times}
    assert found["the latest period"] == "1991-Q3"
    assert found["the 1990 period"] == "1990-Q3"


def test_later_that_year_is_the_year_just_told() -> None:
    """'She left in June 2011 and came back later that year': 2011, not the article's year."""
    ctx = Context(doc_date=dt.date(2020, 3, 1), tense=PAST, last_day=dt.date(2011, 6, 15), last_year=2011)
    assert normalize_phrase("later that year", ctx).value == "2011"  # type: ignore[union-attr]
    assert normalize_phrase("early that month", ctx).value == "2011-06"  # type: ignore[union-attr]
    # "later this year" still counts from the document date.
    assert normalize_phrase("later this year", ctx).value == "2020"  # type: ignore[union-attr]


def test_bare_first_half_is_not_a_year_half() -> None:
    """'the first half' of a match must not become 2018-H1."""
    assert normalize_phrase("the first half", Context(doc_date=dt.date(2018, 6, 19), tense=PAST)) is None


def test_modifiers_are_kept() -> None:
    ctx = Context(doc_date=dt.date(2023, 12, 30), tense=FUTURE)
    early = normalize_phrase("early January", ctx)
    assert early is not None and early.mod == "START"
    approx = normalize_phrase("almost 15 years", ctx)
    assert approx is not None and (approx.value, approx.mod, approx.timex_type) == ("P15Y", "LESS_THAN", "DURATION")


def test_ages_are_not_durations() -> None:
    assert normalize_phrase("19 year old", Context()) is None


def test_dateline_near_the_top_is_the_document_date() -> None:
    assert detect_document_date("Title\n\nFriday, July 21, 2017\n\nText.") == "2017-07-21"
    assert detect_document_date("No date here.") is None


def test_stage_resolves_relative_and_anaphoric_dates_in_reading_order(analyzer) -> None:
    from models.domain import Document

    text = "Mr. Biden got on the phone with Mr. Netanyahu on Saturday, Dec. 23. Two days later, the minister resigned."
    result = analyzer.analyze(Document(text=text, date="2023-12-30"))
    values = {t.text: t.value for t in result.times}
    assert values["Saturday, Dec. 23"] == "2023-12-23"
    assert values["Two days later"] == "2023-12-25"


def test_stage_finds_timeml_expressions_the_entity_model_misses(analyzer) -> None:
    """Durations, vague references and quarters are found, typed and valued; a comparison refers back."""
    from models.domain import Document

    text = (
        "The company said its third-quarter profit rose 12%. Profit in the year-earlier quarter was lower. "
        "Sales have grown for three years and are now expected to slow. It pays a dividend every quarter."
    )
    result = analyzer.analyze(Document(text=text, date="1989-10-26"))
    found = {t.text: (t.value, t.timex_type) for t in result.times}
    assert found["third-quarter"] == ("1989-Q3", "DATE")
    assert found["the year-earlier quarter"] == ("1988-Q3", "DATE")
    assert found["three years"] == ("P3Y", "DURATION")
    assert found["now"] == ("PRESENT_REF", "DATE")
    assert found["every quarter"] == ("P1Q", "SET")


def test_a_compound_duration_is_not_split_as_a_range(analyzer) -> None:
    from models.domain import Document

    text = "The yield on the 30-year bond rose from 1997-1998 levels."
    result = analyzer.analyze(Document(text=text, date="1999-01-05"))
    assert [(t.text, t.value, t.timex_type) for t in result.times] == [
        ("30-year", "P30Y", "DURATION"),
        ("1997", "1997", "DATE"),
        ("1998", "1998", "DATE"),
    ]


def test_the_full_year_is_the_year_under_report(analyzer) -> None:
    """'forecast higher earnings for the full year' (written in 1991) is 1991, not a year-long duration."""
    from models.domain import Document

    text = "The chairman forecast higher earnings for the full year, after a weak third quarter."
    result = analyzer.analyze(Document(text=text, date="1991-10-24"))
    found = {t.text: (t.value, t.timex_type) for t in result.times}
    assert found["the full year"] == ("1991", "DATE")
    # "how long the island can sustain a full year population": no date in it.
    assert normalize_phrase("full year", Context(doc_date=dt.date(2009, 1, 1), tense=PRESENT)) is None


def test_a_quarter_and_its_closing_date_are_two_expressions(analyzer) -> None:
    """'the third quarter ended Sept. 30' names the quarter (a date, 1991-Q3) and the day it closed on."""
    from models.domain import Document

    text = (
        "The mill lost $3 million in the third quarter ended Sept. 30. Shipments in the quarter ended "
        "Sept. 30 were flat."
    )
    result = analyzer.analyze(Document(text=text, date="1991-10-24"))
    assert [(t.text, t.value) for t in result.times] == [
        ("the third quarter", "1991-Q3"),
        ("Sept. 30", "1991-09-30"),
        ("the quarter", "1991-Q3"),
        ("Sept. 30", "1991-09-30"),
    ]


def test_an_accounting_period_and_its_closing_date_are_two_expressions(analyzer) -> None:
    """'the year ended June 30' is a year long (P1Y) and closes on June 30; 'the first nine months of the year'
    is nine months long."""
    from models.domain import Document

    text = (
        "For the year ended June 30, the retailer earned $4 million. Net income for the six months ended "
        "Sept. 30 rose, and sales for the first nine months of the year fell."
    )
    result = analyzer.analyze(Document(text=text, date="1995-11-02"))
    found = [(t.text, t.value, t.timex_type) for t in result.times]
    assert found[:5] == [
        ("the year", "P1Y", "DURATION"),
        ("June 30", "1995-06-30", "DATE"),
        ("the six months", "P6M", "DURATION"),
        ("Sept. 30", "1995-09-30", "DATE"),
        ("the first nine months", "P9M", "DURATION"),
    ]


def test_now_opening_a_sentence_with_a_comma_is_no_time(analyzer) -> None:
    """'Now, the mayor said, ...' turns the argument; 'the city is now richer' refers to the present."""
    from models.domain import Document

    text = 'Now, the mayor said, the council will act. "Now, he says, it is over." The city is now richer.'
    result = analyzer.analyze(Document(text=text, date="1995-11-02"))
    assert [(text[t.start : t.start + 3], t.start, t.value) for t in result.times] == [
        ("now", text.index("now richer"), "PRESENT_REF")
    ]


def test_unknown_document_date_keeps_the_year_open(analyzer) -> None:
    from models.domain import Document

    result = analyzer.analyze(Document(text="The attack on Oct. 7 killed hundreds of people."))
    assert [t.value for t in result.times] == ["XXXX-10-07"]


def test_a_participle_tells_when_unless_it_names_a_plan(analyzer) -> None:
    """'the record set on Aug. 6' happened; 'the vote scheduled for Jan. 14' is planned; a plan told in the past
    perfect ('had been due to expire Friday') lies before the moment of writing."""
    from models.domain import Document

    text = (
        "The index ended near its record high set on Aug. 6. The senator said the vote scheduled for Jan. 14 "
        "would go ahead. The offer was extended. It had been due to expire Friday."
    )
    result = analyzer.analyze(Document(text=text, date="1998-02-09"))  # a Monday
    found = {t.text: t.value for t in result.times}
    assert found["Aug. 6"] == "1997-08-06"
    assert found["Jan. 14"] == "1999-01-14"
    assert found["Friday"] == "1998-02-06"


def test_listed_years_and_days_are_each_an_expression(analyzer) -> None:
    """'in 1994, 1995 and 1997' names three years; 'on April 24 and 25' two days of April."""
    from models.domain import Document

    text = "The car crossed the border in 1994, 1995 and 1997. The summit will be held on April 24 and 25."
    result = analyzer.analyze(Document(text=text, date="1999-02-10"))
    assert [(t.text, t.value) for t in result.times] == [
        ("1994", "1994"),
        ("1995", "1995"),
        ("1997", "1997"),
        ("April 24", "1999-04-24"),
        ("25", "1999-04-25"),
    ]
    dated = analyzer.analyze(Document(text="It was shut on March 3 and 4, 1999.", date="2001-05-01"))
    assert [(t.text, t.value) for t in dated.times] == [("March 3", "1999-03-03"), ("4, 1999", "1999-03-04")]


def test_a_holiday_is_a_date_even_when_the_recogniser_calls_it_an_event(analyzer) -> None:
    """'found Thanksgiving Day' is 1999-11-25 when written in January 2000; Election Day is the Tuesday after the
    first Monday of November."""
    from models.domain import Document

    text = "The boy was found Thanksgiving Day clinging to a tube. The race runs until Election Day."
    result = analyzer.analyze(Document(text=text, date="2000-01-07"))
    found = {t.text: t.value for t in result.times}
    assert found["Thanksgiving Day"] == "1999-11-25"
    assert normalize_phrase("Election Day", Context(doc_date=dt.date(1998, 10, 26))).value == "1998-11-03"  # type: ignore[union-attr]


def test_a_term_set_for_later_lies_ahead_even_in_a_past_clause(analyzer) -> None:
    """'effective Feb. 1', 'extended the loans through January', 'postponed until Tuesday' name a date after the
    decision, so after the document date; 'sales rose through August' looks back."""
    from models.domain import Document

    text = (
        "The bank named a new chairman, effective Feb. 1. The lenders extended the loans through January. "
        "The judge postponed until Tuesday any ruling. Sales rose through August."
    )
    result = analyzer.analyze(Document(text=text, date="1989-10-30"))  # a Monday
    found = {t.text: t.value for t in result.times}
    assert found["Feb. 1"] == "1990-02-01"
    assert found["January"] == "1990-01"
    assert found["Tuesday"] == "1989-10-31"
    assert found["August"] == "1989-08"


def test_the_future_of_something_is_its_fate_not_a_time(analyzer) -> None:
    """'the future of ozone pollution' and 'the future looks bleak' name prospects; 'in the future' is a time."""
    from models.domain import Document

    text = (
        "The future of ozone pollution is unclear. The quarter was weak, and the future looks bleak. "
        "The firm will hire more staff in the future."
    )
    result = analyzer.analyze(Document(text=text, date="1989-10-30"))
    futures = [(t.start, t.value) for t in result.times if t.text.lower() == "the future"]
    assert futures == [(text.index("the future."), "FUTURE_REF")]


def test_a_recurring_day_is_a_set_not_the_nearest_date(analyzer) -> None:
    """'departing each Thursday' recurs: it is no single Thursday on the timeline."""
    from models.domain import Document

    text = "The third flight departs each Thursday from August 6. Orangemen march every July from their church."
    result = analyzer.analyze(Document(text=text, date="1998-02-13"))
    found = {t.text: (t.value, t.timex_type) for t in result.times}
    assert found["each Thursday"] == ("XXXX-WXX-4", "SET")
    assert found["every July"] == ("XXXX-07", "SET")


def test_a_named_days_evening_is_that_days_evening(analyzer) -> None:
    """'Thursday evening' is one expression, the evening of that Thursday (TEV), as TimeML marks it;
    'Friday night' keeps the bare day the reader anchors on."""
    from models.domain import Document

    text = "The council met on Thursday evening to approve the budget. The band played on Friday night."
    result = analyzer.analyze(Document(text=text, date="1998-02-14"))
    found = {t.text: t.value for t in result.times}
    assert found["Thursday evening"] == "1998-02-12TEV"
    assert [v for k, v in found.items() if k.startswith("Friday")] == ["1998-02-13"]


@pytest.mark.parametrize(
    ("phrase", "doc_date", "tense", "expected"),
    [
        ("the summer", "1989-10-26", PAST, "1989-SU"),
        ("summer", "1989-04-10", PAST, "1988-SU"),
        ("the early summer", "1989-10-26", PAST, "1989-SU"),
        ("the summer", "1998-02-13", FUTURE, "1998-SU"),
        ("the spring", "1998-07-20", FUTURE, "1999-SP"),
        ("the winter", "1998-02-13", PAST, "1997-WI"),  # the winter that began in December, as "last winter"
    ],
)
def test_a_bare_season_told_in_the_past_or_future_is_the_nearest_one(
    phrase: str, doc_date: str, tense: str, expected: str
) -> None:
    """'Over the summer, prices fell' is the last summer before the document; 'will leave over the summer' the next."""
    value = normalize_phrase(phrase, Context(doc_date=dt.date.fromisoformat(doc_date), tense=tense))
    assert value is not None
    assert value.value == expected


def test_a_season_in_a_general_statement_is_no_date() -> None:
    """'In the summer it is hot here' holds every year: no one summer is placed on the timeline."""
    assert normalize_phrase("the summer", Context(doc_date=dt.date(2003, 11, 7), tense=PRESENT)) is None


def test_a_season_naming_a_kind_of_thing_is_no_time(analyzer) -> None:
    """'sunny winter weather' is weather of a kind; 'Over the summer, shops cut prices' is a summer."""
    from models.domain import Document

    text = "Warm and sunny winter weather brought tourists back. Over the summer, rival shops cut their prices."
    result = analyzer.analyze(Document(text=text, date="1989-10-26"))
    assert [(t.text, t.value) for t in result.times] == [("the summer", "1989-SU")]


def test_a_year_earlier_than_a_closing_date_is_that_date_a_year_before(analyzer) -> None:
    """'for the quarter ended Sept. 30 ... from $4 million a year earlier' compares with the period that closed
    on Sept. 30 a year before; a year earlier than a quarter is that quarter a year before."""
    from models.domain import Document

    text = (
        "For the quarter ended Sept. 30, the bakery earned $5 million, up from $4 million a year earlier. "
        "Its third-quarter sales rose to $90 million from $80 million a year earlier. "
        "A new shop opened on March 3, 1989. Rents there were lower a year earlier."
    )
    result = analyzer.analyze(Document(text=text, date="1989-10-26"))
    assert [t.value for t in result.times if t.text == "a year earlier"] == ["1988-09-30", "1988-Q3", "1988"]


def test_the_foreseeable_future_is_no_time(analyzer) -> None:
    """'will stay neutral for the foreseeable future' leaves the end open; 'in the near future' is a time."""
    from models.domain import Document

    text = "The island will stay neutral for the foreseeable future. A new bridge will open in the near future."
    result = analyzer.analyze(Document(text=text, date="1998-02-27"))
    assert [(t.text, t.value) for t in result.times] == [("the near future", "FUTURE_REF")]


def test_a_quarter_to_quarter_comparison_is_no_quarter(analyzer) -> None:
    """'The quarter-to-quarter comparison' names a kind of comparison; 'the quarter' alone is the quarter."""
    from models.domain import Document

    text = "The quarter-to-quarter comparison was flattered by a tax credit. Sales fell in the quarter."
    result = analyzer.analyze(Document(text=text, date="1989-11-01"))
    assert [(t.text, t.value) for t in result.times] == [("the quarter", "1989-Q3")]


def test_a_participle_clause_takes_the_tense_of_the_clause_it_hangs_on(analyzer) -> None:
    """'The shares have swung widely, climbing ... from $12 in February' tells of the past: February is this
    year's, not next year's, although the participle 'climbing' alone would read as present."""
    from models.domain import Document

    text = "The company's shares have swung widely this year, climbing to a peak of $30 in July from $12 in February."
    result = analyzer.analyze(Document(text=text, date="1995-10-20"))
    found = {t.text: t.value for t in result.times}
    assert found["February"] == "1995-02"


def test_what_a_span_runs_since_lies_in_the_past(analyzer) -> None:
    """'The gain shown is since year-end': a present-tense clause, but the year-end it counts from is behind."""
    from models.domain import Document

    text = "The index rose 3% on the day. The percentage gain shown is since year-end."
    result = analyzer.analyze(Document(text=text, date="1995-06-14"))
    found = {t.text: t.value for t in result.times}
    assert found["year-end"] == "1994-12-31"


def test_a_rough_count_back_is_approximate() -> None:
    """'a month or so ago' is about a month back: last month, marked APPROX."""
    found = normalize_phrase("a month or so ago", Context(doc_date=dt.date(2011, 4, 13), tense=PAST))
    assert found is not None and (found.value, found.mod) == ("2011-03", "APPROX")


def test_later_in_the_day_is_the_day_just_told(analyzer) -> None:
    """'The talks opened on March 3 ... Later in the day the delegates left': the day is March 3."""
    from models.domain import Document

    text = "The talks opened on March 3 in Geneva. Later in the day, the delegates left for the airport."
    result = analyzer.analyze(Document(text=text, date="1997-03-10"))
    found = {t.text: t.value for t in result.times}
    assert found["Later in the day"] == "1997-03-03"


def test_a_count_in_words_of_hundreds_or_thousands_is_a_count(analyzer) -> None:
    """'for more than two thousand years' lasts two millennia and 'three hundred years ago' is 300 years back:
    neither is the year 2000 nor a hundred years ago."""
    from models.domain import Document

    text = (
        "The families have kept their secrets for more than two thousand years. "
        "The wall was built three hundred years ago."
    )
    result = analyzer.analyze(Document(text=text, date="1998-01-21"))
    found = {t.text: t.value for t in result.times}
    assert found["more than two thousand years"] == "P2L"
    assert found["three hundred years ago"] == "1698"


def test_the_prior_year_is_the_year_before_the_one_in_view(analyzer) -> None:
    """'In fiscal 1987 it lost money; the prior year it earned a profit': the prior year is 1986, like 'the
    previous year', and it is found at all."""
    from models.domain import Document

    text = "In fiscal 1987 the company lost money. The prior year it had earned $5 million."
    result = analyzer.analyze(Document(text=text, date="1989-10-26"))
    found = {t.text: t.value for t in result.times}
    assert found["The prior year"] == "1986"


def test_a_scheduled_meeting_in_the_present_tense_is_on_the_coming_weekday(analyzer) -> None:
    """News tells a scheduled event in the simple present: 'the panel meets Thursday', written on a Friday, is
    next Thursday; 'the company said Tuesday' still looks back."""
    from models.domain import Document

    text = "The talks resume Monday in Cairo. The panel meets Thursday. The company said Tuesday it lost money."
    result = analyzer.analyze(Document(text=text, date="1998-05-01"))
    found = {t.text: t.value for t in result.times}
    assert found["Monday"] == "1998-05-04"
    assert found["Thursday"] == "1998-05-07"
    assert found["Tuesday"] == "1998-04-28"


def test_a_plan_told_in_the_past_is_on_the_nearest_weekday(analyzer) -> None:
    """Written on a Friday, 'protesters planned a rally on Saturday' is tomorrow, and 'a service planned for
    Thursday was canceled' yesterday; 'the rally was held Saturday' is still last Saturday."""
    from models.domain import Document

    text = (
        "Protesters planned a large demonstration in Little Havana on Saturday. "
        "A memorial service planned for Thursday was canceled. The first rally was held Sunday."
    )
    result = analyzer.analyze(Document(text=text, date="2000-01-07"))
    found = {t.text: t.value for t in result.times}
    assert found["Saturday"] == "2000-01-08"
    assert found["Thursday"] == "2000-01-06"
    assert found["Sunday"] == "2000-01-02"


def test_years_later_count_on_from_the_year_just_named(analyzer) -> None:
    """'She was born on 4 May 1901 ... she entered the conservatory in 1919 and, two years later, ...': counted from
    1919, the year told after the last day, not from 1901 or from the document's year."""
    from models.domain import Document

    text = (
        "The composer was born on 4 May 1901 in Brno. She entered the conservatory in 1919 and, two years later, "
        "left for Paris."
    )
    result = analyzer.analyze(Document(text=text, date="2012-06-30"))
    assert {t.text: t.value for t in result.times}["two years later"] == "1921"


def test_a_year_earlier_in_a_report_is_not_counted_from_a_year_named_in_passing() -> None:
    ctx = Context(doc_date=dt.date(1990, 3, 1), last_day=dt.date(1989, 12, 31), last_year=1985)
    ctx.tense = PAST
    value = normalize_phrase("a year earlier", ctx)
    assert value is not None and value.value == "1988"  # from the last day told, not 1984

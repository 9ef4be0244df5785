"""Months, seasons and clock times told of every year or day get no year or day ("--07", "--06/--09", "T20:00:00");
the same words told of one occasion keep the year the document date gives them."""

from __future__ import annotations

import pytest

from models.analysis.timex import GENERIC, Context, normalize_phrase
from models.domain import Document

RULES = [
    ("July", "--07"),
    ("late April", "--04-15/--04-30"),
    ("early October", "--10-01/--10-15"),
    ("the end of February", "--02-15/--02-29"),
    ("30 September", "--09-30"),
    ("summer", "--06/--09"),
    ("the winters", "--12/--03"),
    ("the summer months", "--06/--09"),
    ("8 pm", "T20:00:00"),
    ("08:30 am", "T08:30:00"),
    ("20:00", "T20:00:00"),
    ("around 8 pm", "T20:00:00"),
]


@pytest.mark.parametrize(("phrase", "expected"), RULES)
def test_a_phrase_told_of_every_year_has_no_year(phrase: str, expected: str) -> None:
    import datetime as dt

    value = normalize_phrase(phrase, Context(doc_date=dt.date(2009, 12, 7), tense=GENERIC))
    assert value is not None
    assert value.value == expected


def _values(analyzer, text: str, date: str = "2009-12-07") -> dict[str, str]:
    result = analyzer.analyze(Document(text=text, date=date))
    return {t.text: t.value for t in result.times}


def test_a_range_of_months_in_a_present_clause_is_of_every_year(analyzer) -> None:
    values = _values(analyzer, "The bay attracts humpback whales between June and November.")
    assert values["June"] == "--06"
    assert values["November"] == "--11"


def test_a_habit_names_its_months_without_a_year(analyzer) -> None:
    values = _values(analyzer, "Monsoon rains usually arrive in July and end in September.")
    assert values["July"] == "--07"


def test_a_month_as_the_subject_of_be_is_of_every_year(analyzer) -> None:
    assert _values(analyzer, "April is the best month to visit the islands.")["April"] == "--04"


def test_a_season_in_a_present_clause_is_of_every_year(analyzer) -> None:
    assert _values(analyzer, "In the winter, the roads over the pass are often closed.")["the winter"] == "--12/--03"


def test_opening_hours_are_clock_times_of_any_day(analyzer) -> None:
    values = _values(analyzer, "The museum is open to visitors. Opening hours: Daily 09:00 - 17:30.")
    assert values["09:00"] == "T09:00:00"
    assert values["17:30"] == "T17:30:00"


def test_one_occasion_keeps_its_year(analyzer) -> None:
    values = _values(analyzer, "The trial begins in March. He was arrested in May, and in the summer he was freed.")
    assert values["March"] == "2010-03"
    assert values["May"] == "2009-05"
    assert values["the summer"] == "2009-SU"


def test_a_season_in_a_sentence_about_the_future_is_the_coming_one(analyzer) -> None:
    values = _values(analyzer, "The factories are going to start losing orders in the spring.", date="1998-02-06")
    assert values.get("the spring") != "--03/--06"


def test_a_clock_time_on_a_named_day_keeps_its_day(analyzer) -> None:
    values = _values(analyzer, "The polls closed at 8 pm on Tuesday.", date="2009-12-10")
    assert values["8 pm on Tuesday"] == "2009-12-08T20:00"

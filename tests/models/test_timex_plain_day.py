"""Plain calendar strings ("friday, july 21, 2017") are read without dateparser, exactly as dateparser reads them.

Why it matters: building dateparser's parser is most of a fresh analysis process' set-up, so the analysis
reads the dates news texts hold itself; a reading that differed from dateparser's would change the times and
event dates an analysis finds.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import TYPE_CHECKING

import pytest

from models.analysis import timex
from models.analysis.timex import _parser, _plain_day
from models.domain import Document

if TYPE_CHECKING:
    from models.analysis.pipeline import Analyzer

WEEKDAYS = "mon monday tue tues tuesday wed wednesday thu thur thurs thursday fri friday sat saturday sun sunday"
MONTHS = (
    "jan january feb february mar march apr april may jun june jul july aug august sep sept sepember september "
    "oct october nov november dec december"
)
DAY_FORMS = ("{m} {d}", "{d} of {m}", "the {d} {m}")


def dateparser_day(text: str) -> dt.date | None:
    """What dateparser itself makes of `text`, as the analysis used to read every calendar string."""
    data = _parser().get_date_data(text)
    return None if data.date_obj is None or data.period != "day" else data.date_obj.date()


def strings() -> list[str]:
    """Every weekday and month spelling the analysis' patterns let through, days in and out of range, ordinal
    suffixes, years (leap and not, the first and last four-digit ones), in lower, title and upper case."""
    found: list[str] = []
    for weekday, dot, comma in itertools.product(WEEKDAYS.split(), ("", "."), ("", ",")):
        found += [f"{weekday}{dot}{comma} {rest}" for rest in ("july 21", "july 21, 2017", "the 3rd of may, 2015")]
    for month, dot in itertools.product(MONTHS.split(), ("", ".")):
        for day in ("0", "07", "29", "30", "31", "32", "99"):
            found += [form.format(m=month + dot, d=day) for form in DAY_FORMS]
    for suffix, day in itertools.product(("st", "nd", "rd", "th"), ("1", "2", "3", "4", "11", "13", "22", "31", "40")):
        found += [f"may {day}{suffix}", f"the {day}{suffix} of sept.", f"{day}{suffix} february"]
    years = ("0000", "0001", "1000", "1600", "1900", "2000", "2001", "2004", "9999")
    for year, sep in itertools.product(years, (" ", ", ")):
        found += [f"february 29{sep}{year}", f"the 29th of feb.{sep}{year}", f"friday, may 7{sep}{year}"]
    found += [s.title() for s in found[::7]] + [s.upper() for s in found[::11]]
    return found


def test_plain_calendar_strings_read_as_dateparser_reads_them() -> None:
    checked = 0
    for text in strings():
        plain, day = _plain_day(text)
        if plain:
            assert day == dateparser_day(text), text
            checked += 1
    assert checked > 1500  # nearly all of them: only "thur", "thurs" and "sepember" are left to dateparser


@pytest.mark.parametrize(
    "text", ["thur, may 5", "Thurs. May 5", "sepember 3", "3/4/2021", "may  5", "may 5 2015 at noon", "ſept. 3"]
)
def test_other_strings_are_left_to_dateparser(text: str) -> None:
    assert _plain_day(text) == (False, None)


def test_an_analysis_of_plain_dates_builds_no_dateparser(analyzer: Analyzer) -> None:
    """A news text's dates (a dateline, "Sept. 14", "Friday, July 21") cost no dateparser set-up."""
    text = (
        "Storm hits the coast\n\nSaturday, September 12, 2015\n\n"
        "The storm reached Miami on Sept. 14 and officials said it would leave by Friday, July 21."
    )
    _parser.cache_clear()
    timex._dateparser_day.cache_clear()
    analysis = analyzer.analyze(Document(text))
    assert analysis.document.date == "2015-09-12"
    assert {t.value for t in analysis.times} >= {"2015-09-14"}
    assert _parser.cache_info().currsize == 0

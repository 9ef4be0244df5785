"""Finding time expressions in running text: which phrases the stage marks, and with what value."""

from __future__ import annotations

import pytest

from models.domain import Document


def _times(analyzer, text: str, date: str) -> list[tuple[str, str]]:
    result = analyzer.analyze(Document(text=text, date=date))
    return [(t.text, t.value) for t in result.times]


def test_as_soon_as_possible_keeps_its_opening_as(analyzer) -> None:
    """'will sell the plant as soon as possible' is a vague future time; the leading 'as' is not a preposition
    to trim, and without it the phrase was lost."""
    text = 'The board said it would sell the bakery "as soon as possible," even if no buyer bids.'
    assert _times(analyzer, text, "1991-05-02") == [("as soon as possible", "FUTURE_REF")]


def test_the_nth_day_of_a_running_event_told_in_the_present_is_the_documents_day(analyzer) -> None:
    """'Today is the ninth day of the strike' is the article's day; in a past narrative the count alone does not
    say which day it was, so nothing is placed on the timeline."""
    text = (
        "It is the ninth day of the strike by dock workers. They met on May 2. "
        "On the third day of the talks, they signed."
    )
    found = _times(analyzer, text, "1996-05-20")
    assert ("the ninth day", "1996-05-20") in found
    assert not [t for t, _ in found if "third day" in t]


def test_later_in_the_day_is_the_day_the_text_is_at(analyzer) -> None:
    """'The mayor flew to Boston on Tuesday and spoke there later in the day': that Tuesday."""
    text = "The mayor flew to Boston on Tuesday. The governor joined her in Albany later in the day."
    found = _times(analyzer, text, "2003-06-13")
    assert found == [("Tuesday", "2003-06-10"), ("later in the day", "2003-06-10")]


def test_an_approximate_count_before_ago_is_still_a_date(analyzer) -> None:
    """'two weeks or so ago' is about two weeks before the article, a date like 'two weeks ago'."""
    text = "The council met two weeks or so ago to discuss the budget."
    assert _times(analyzer, text, "1994-06-20") == [("two weeks or so ago", "1994-06-06")]


def test_a_part_of_the_day_with_early_mid_or_late_is_that_part_of_the_day(analyzer) -> None:
    """'By late afternoon the crowd had gone home' is that afternoon (TAF) of the day the text is at, and
    'mid-afternoon yesterday' the afternoon of the day named; a generic present names no one day."""
    text = "By late afternoon the crowd had gone home. Trading was halted in mid-afternoon yesterday after the news."
    assert _times(analyzer, text, "1989-11-02") == [
        ("late afternoon", "1989-11-02TAF"),
        ("mid-afternoon yesterday", "1989-11-01TAF"),
    ]
    assert _times(analyzer, "The shops close in the late afternoon.", "1989-11-02") == []


def test_a_unit_joined_to_long_is_a_duration(analyzer) -> None:
    """'a weeklong strike', 'their third day-long meeting': a duration of one such unit (P1W, P1D)."""
    text = "A weeklong strike ended. The lawyers left their second day-long meeting with officials."
    assert _times(analyzer, text, "2000-04-03") == [("weeklong", "P1W"), ("day-long", "P1D")]


def test_that_same_year_is_the_year_just_told(analyzer) -> None:
    """'He moved to Texas in 1998. That same year, he opened a bakery': 1998, like 'that year'."""
    text = "He moved to Texas in 1998. That same year, he opened a bakery."
    assert _times(analyzer, text, "2005-07-19") == [("1998", "1998"), ("That same year", "1998")]


def test_two_digits_after_a_year_close_the_range_in_its_century(analyzer) -> None:
    """'rector of the university in 1920 – 21': two years, 1920 and 1921; the closing '21' is no number."""
    text = "He served as rector of the university in 1920 – 21. The period (1892-94) was quiet."
    assert _times(analyzer, text, "2005-07-19") == [("1920", "1920"), ("21", "1921"), ("1892", "1892"), ("94", "1894")]


def test_a_day_number_before_month_and_year_is_part_of_the_date(analyzer) -> None:
    """'Ann Vale (23 January 1928 – 31 July 2017)': the day the date names, not only its month."""
    text = "Ann Vale (French: [an val]; 23 January 1928 – 31 July 2017) was a French actress."
    assert _times(analyzer, text, "2017-08-01") == [("23 January 1928", "1928-01-23"), ("31 July 2017", "2017-07-31")]


def test_a_year_in_parentheses_after_a_title_is_a_year(analyzer) -> None:
    """'the drama Burning Man (2011)': the recogniser runs the title into the parenthesis; the year is still one."""
    text = "He starred in the comedy Leap Year (2010) and the drama Burning Man (2011), the latter earning him a prize."
    assert _times(analyzer, text, "2017-07-31") == [("2010", "2010"), ("2011", "2011")]


def test_a_year_earlier_stretch_is_one_duration_not_a_range(analyzer) -> None:
    """'Net for the year-earlier nine months': the hyphen of 'year-earlier' joins a compound; read as a range it
    left 'the year' (this year) and an unreadable rest, and the comparison period was lost."""
    text = "Net for the year-earlier nine months also included a gain of $9.7 million."
    assert _times(analyzer, text, "1989-10-26") == [("the year-earlier nine months", "P9M")]


def test_currently_before_a_title_is_no_time(analyzer) -> None:
    """'Ann Lee, currently vice president, will succeed him': the adverb tells who holds the post; with a verb
    ('the bank currently holds') it is the present of the clause."""
    text = "Ann Lee, currently vice president of finance, will succeed Mr. Ross. The bank currently holds 5% of it."
    result = analyzer.analyze(Document(text=text, date="1989-11-02"))
    assert [(t.start, t.value) for t in result.times] == [(text.rindex("currently"), "PRESENT_REF")]


def test_a_weekday_just_before_its_month_day_is_one_date(analyzer) -> None:
    """'$14 million seeped out Friday Oct. 13 alone': without the comma the weekday still names that day, not the
    Friday of the report's own week."""
    text = "About $14 million of that seeped out Friday Oct. 13 alone."
    assert _times(analyzer, text, "1989-10-27") == [("Friday Oct. 13", "1989-10-13")]


def test_a_capitalised_unit_after_a_count_is_a_title(analyzer) -> None:
    """'He said on CBS's "60 Minutes"': the programme's name, not an hour; 'for 60 minutes' is one."""
    text = "Gonzalez said on CBS's ''60 Minutes'' that he was angry. The talks lasted 60 minutes."
    assert _times(analyzer, text, "2000-04-17") == [("60 minutes", "PT60M")]


def test_the_people_of_tomorrow_is_no_day(analyzer) -> None:
    """'If I were choosing the people of tomorrow': the future at large, not the day after the report."""
    text = '"If I were choosing the people of tomorrow, I would have chosen these," he said. He leaves tomorrow.'
    result = analyzer.analyze(Document(text=text, date="1989-11-02"))
    assert [(t.start, t.value) for t in result.times] == [(text.rindex("tomorrow"), "1989-11-03")]


def test_a_march_named_for_its_cause_is_no_month(analyzer) -> None:
    """'protesters at the annual March for Life' is the march; 'resigned in March for health reasons' the month."""
    text = "Agents scanned the crowd at the annual March for Life. He resigned in March for health reasons."
    assert _times(analyzer, text, "1999-01-22") == [("March", "1998-03")]
    result = analyzer.analyze(Document(text=text, date="1999-01-22"))
    assert [t.start for t in result.times] == [text.rindex("March")]


def test_todays_youth_is_the_present_age_not_the_day(analyzer) -> None:
    """'The case is for today's youth what the blockade was for their parents': the present age; 'today's
    announcement' is the day's."""
    text = "The case is for today's youth what the blockade was for their parents. Today's announcement surprised us."
    result = analyzer.analyze(Document(text=text, date="2000-01-15"))
    assert [(t.start, t.value) for t in result.times] == [(text.index("Today"), "2000-01-15")]


def test_a_fiscal_year_as_a_way_of_counting_is_no_year(analyzer) -> None:
    """'The company changed from a fiscal year to a calendar year in December': only December is a time."""
    text = "The company changed from a fiscal year to a calendar year in December."
    assert [t for t, _ in _times(analyzer, text, "1989-10-27")] == ["December"]


def test_now_for_the_next_item_is_no_time(analyzer) -> None:
    """'Now for today's geography quiz': the broadcast moves on; 'today's quiz' is the day's."""
    text = "Now for today's geography quiz. We are off to Herat."
    assert _times(analyzer, text, "1998-01-21") == [("today", "1998-01-21")]


def test_this_year_as_last_is_last_year(analyzer) -> None:
    """'nearly twice as high a dividend this year as last': the elided 'last' is last year."""
    text = "The gain would mean nearly twice as high a dividend this year as last. He was the last to leave."
    assert _times(analyzer, text, "1989-10-27") == [("this year", "1989"), ("last", "1988")]


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("The painter left the academy in 1962. [4] That year, Moreau opened a studio in Lyon.", "That year"),
        ("She earned a diploma in Classical Greek in 1962. In that same year she became a curator.", "that same year"),
    ],
)
def test_that_year_is_found_and_is_the_year_just_told(analyzer, text: str, phrase: str) -> None:
    """'He graduated in 1962. That year he married': the year the text just named, found even when the entity
    model does not tag it."""
    result = analyzer.analyze(Document(text=text, date="2015-03-02"))
    assert {t.text: t.value for t in result.times}.get(phrase) == "1962"


def test_years_of_an_era_are_found_and_valued(analyzer) -> None:
    """'508 BC', 'AD 842', 'c. 347', 'the year 71': years the entity model leaves out, however few their digits;
    a year before the common era is negative."""
    text = (
        "The first temple on the hill was raised in 2500 BC and rebuilt (c. 1150 BC). The bishop was born "
        "around 361 AD in a small town. The mosque, started in AD 912, was restored. The legion came in the year 83."
    )
    result = analyzer.analyze(Document(text=text, date="2006-05-01"))
    values = {t.text: t.value for t in result.times}
    assert values["2500 BC"] == "-2500"
    assert values["c. 1150 BC"] == "-1150"
    assert values["361 AD"] == "0361"
    assert values["AD 912"] == "0912"
    assert values["the year 83"] == "0083"


def test_circa_before_a_count_is_no_year(analyzer) -> None:
    result = analyzer.analyze(Document(text="The corpus holds sonnets by ca. 1000 authors.", date="2006-05-01"))
    assert result.times == [] or all(t.value != "1000" for t in result.times)


def test_nine_eleven_is_the_day_of_the_attacks(analyzer) -> None:
    """'9/11' names 11 September 2001 in a text written after it; before that day it is no such name."""
    text = "Twelve years after 9/11, the memorial drew crowds. Her 9/11-related essays sold well."
    result = analyzer.analyze(Document(text=text, date="2013-09-12"))
    assert [t.value for t in result.times if t.text.startswith("9/11")] == ["2001-09-11", "2001-09-11"]
    earlier = analyzer.analyze(Document(text="The board met on 9/11 to vote.", date="1996-09-20"))
    assert all(t.value != "2001-09-11" for t in earlier.times)

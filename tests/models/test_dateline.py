"""A document's own date is the one standing as its dateline, never a date the text tells of.

Biographies open with life dates and reports mention past events near the top; taking either as the
document's date anchors "yesterday" and every actor's "first seen" centuries off.
"""

from __future__ import annotations

import pytest

from models.analysis.times import detect_document_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A date on its own line under the headline.
        ("Harbour reopens after storm\n\nWednesday, March 4, 2020\n\nThe harbour reopened yesterday.", "2020-03-04"),
        ("Opening address\n\n3 October 1962\n\nFriends, we meet today.", "1962-10-03"),
        ("Town council minutes\n\nApril 09, 1999\n\nThe council met.", "1999-04-09"),
        # A weekday dateline opening a line that runs on into the story.
        ("Ferry fares rise\n\nSunday, May 3, 2009 On Friday, the operator announced new fares.", "2009-05-03"),
        # A headline closed by its weekday dateline, as news-site interviews print it.
        ("Baker talks about her bread shop Monday, June 5, 2017\n\nThe shop opened in May.", "2017-06-05"),
        # A dateline opening a line before a dash, and bylines with a lead word.
        ("June 5, 2017 – The bridge closed for repairs on Monday.", "2017-06-05"),
        ("Bridge to close\n\nPublished 5 June 2017\n\nThe bridge closes next week.", "2017-06-05"),
        ("Garden notes\nPosted on August 14, 2011 by Ann\n\nThe roses are out.", "2011-08-14"),
        ("Updated: 2016-02-29\n\nThe schedule changed.", "2016-02-29"),
        ("OSLO, Feb. 3, 2004 — Talks resumed today.", "2004-02-03"),
        ("Mayor opens library\n\nNOVEMBER 2, 2018 PRESS RELEASE\n\nThe mayor opened the library.", "2018-11-02"),
        ("Why bees swarm\nBy Ann Lee on 14 August 2011\n\nBees swarm in May.", "2011-08-14"),
        ("Why bees swarm\nBy Ann Lee | Monday 15 August 2011 | 3 min read\n\nBees swarm in May.", "2011-08-15"),
    ],
)
def test_a_dateline_is_the_document_date(text: str, expected: str) -> None:
    assert detect_document_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # Life dates in parentheses after a name.
        "Mary Ellen Hart (March 3, 1801 – May 9, 1870) was a weaver and a writer of hymns.",
        "Tomas Berg (born 12 June 1975) is a Swedish rower.\n\nHe rowed for Uppsala.",
        # Dates governed by a verb or a preposition inside a sentence.
        "Mary Ellen Hart\n\nHart was born on March 3, 1801, in a village near Leeds.",
        "The young mathematician sent his paper to the academy in 17 January 1831 and waited.",
        "The mill closed on Tuesday, May 5, 1931, after a long strike.",
        "The company sold notes due March 1, 2011, to repay its loans.",
        "Peace at last\n\nBy the end of the war on May 8, 1945, the city lay in ruins.",
        # An infobox line that opens with its label.
        "Tomas Berg\n\nBorn: June 12, 1975 (age 48) Uppsala, Sweden\n\nTomas Berg is a rower.",
        "Ada Green\n\nBorn 23 January 1928 Paris, France\n\nDied 31 July 2017",
    ],
)
def test_a_date_the_text_tells_of_is_not_the_document_date(text: str) -> None:
    assert detect_document_date(text) is None


def test_a_dateline_after_a_life_date_is_still_found() -> None:
    """The first date of the text is a life date; the dateline below the lead still dates the document."""
    text = (
        "Obituary: Mary Ellen Hart (June 2, 1930 – March 1, 2020)\n\nTuesday, March 3, 2020\n\n"
        "Hart died on Sunday, March 1, 2020."
    )
    assert detect_document_date(text) == "2020-03-03"

"""Normalising one time expression to a TimeML TIMEX3-style value.

The parsing of calendar strings ("Oct. 7", "Saturday, Dec. 23", "22:30") is left to dateparser;
what a value means is decided here: its granularity (a bare "2008" is a year, not 2008-12-01),
the year of a month-day from the document date and the tense of the clause, relative expressions
against the document date, and anaphoric ones ("two days later") against the last date the text
established. Every value records what it was anchored to, so the window can explain it.

Over 400 lines because absolute, relative and anaphoric values are all decided against the same anchors.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

PAST = "past"
FUTURE = "future"
PRESENT = "present"
# A plan told in the past ("protesters planned a rally Saturday"): the plan may have been for the day before
# the report or the day after, so a weekday is the nearest one either way.
PLANNED = "planned"
# What happens every year or every day ("the monsoon occurs in July", "open daily 08:00 - 20:00"): the month, season
# or clock time of any year or day, written without one ("--07", "--06/--09", "T08:00:00").
GENERIC = "generic"

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2, "thursday": 3,
    "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5, "sunday": 6, "sun": 6,
}  # fmt: skip
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100,
    "half a": 0.5, "a half": 0.5, "half": 0.5, "a dozen": 12, "dozen": 12, "a couple of": 2, "a couple": 2,
    "couple of": 2,
}  # fmt: skip
VAGUE_COUNTS = ("several", "a few", "few", "many", "some", "a number of", "numerous", "multiple")
DECADE_WORDS = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7, "eighties": 8,
    "nineties": 9,
}  # fmt: skip
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "twenty-first": 21, "21st": 21, "20th": 20, "19th": 19, "18th": 18, "17th": 17, "16th": 16, "15th": 15,
}  # fmt: skip
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
# Day-level units count in days; the rest carry their own TIMEX unit letter.
UNITS = {
    "second": ("S", True), "minute": ("M", True), "hour": ("H", True), "day": ("D", False),
    "night": ("D", False), "week": ("W", False), "weekend": ("WE", False), "month": ("M", False),
    "year": ("Y", False), "decade": ("DE", False), "century": ("CE", False), "quarter": ("Q", False),
}  # fmt: skip
MODIFIERS = {
    "about": "APPROX", "around": "APPROX", "roughly": "APPROX", "some": "APPROX", "approximately": "APPROX",
    "nearly": "LESS_THAN", "almost": "LESS_THAN", "less than": "LESS_THAN", "under": "LESS_THAN",
    "more than": "MORE_THAN", "over": "MORE_THAN", "just over": "MORE_THAN", "at least": "EQUAL_OR_MORE",
    "at most": "EQUAL_OR_LESS", "up to": "EQUAL_OR_LESS",
}  # fmt: skip
PART_MODS = {
    "early": "START", "the beginning of": "START", "the start of": "START", "beginning of": "START",
    "start of": "START", "the first half of": "START", "mid": "MID", "middle of": "MID", "the middle of": "MID",
    "late": "END", "the end of": "END", "end of": "END", "the close of": "END", "the second half of": "END",
}  # fmt: skip
PRESENT_WORDS = {
    "now", "right now", "currently", "at present", "presently", "nowadays", "these days", "at the moment",
    "the present", "this time", "at this time", "the moment", "present", "current",
}  # fmt: skip
PAST_WORDS = {
    "the past", "in the past", "recently", "previously", "formerly", "once", "earlier", "before", "then",
    "last years", "years past", "the old days", "the early days", "recent", "lately", "in recent times",
    "some time ago", "a while ago", "long ago",
}  # fmt: skip
# Not "for the foreseeable future": it leaves the end open, a stance ("will stay neutral"), not a time to place.
FUTURE_WORDS = {
    "the future", "in the future", "soon", "future", "later", "in time", "the near future", "the near term",
    "the short term", "the long term", "as soon as possible", "shortly", "someday", "some day",
}  # fmt: skip
PART_OF_DAY = r"(?:morning|afternoon|evening|night|noon|midday|overnight|tonight)"

_MONTH_RE = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY_RE = (
    r"(?:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)\.?"
)
_NUM_RE = r"(?:\d+(?:\.\d+)?|" + "|".join(sorted((re.escape(k) for k in NUMBER_WORDS), key=len, reverse=True)) + ")"
_UNIT_RE = (
    r"(seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|months?|years?|decades?|quarters?|centur(?:y|ies))"
)


@dataclass(frozen=True, slots=True)
class TimexValue:
    """A normalised value with its TIMEX3 type, modifier and what it was anchored to."""

    value: str
    timex_type: str = "DATE"
    mod: str | None = None
    anchor: str | None = None
    # The day this value pins down (None for coarser values); later anaphora anchor on it.
    day: dt.date | None = None
    year: int | None = None
    # A comparison period ("a year earlier" than the quarter just named) is not itself a new reference point.
    refers_back: bool = False


@dataclass(slots=True)
class Context:
    """What a phrase is resolved against: document date, clause tense, the last established date."""

    doc_date: dt.date | None = None
    tense: str | None = None
    last_day: dt.date | None = None
    last_day_text: str | None = None
    last_year: int | None = None
    # The last quarter the text named ("1989-Q3"): "the quarter", "a year earlier" refer back to it.
    last_quarter: str | None = None
    # The clock time of the document date when it has one: "tonight" written at 01:30 is the night before.
    doc_time: dt.time | None = None
    # The last date told as the close of a reporting period ("the quarter ended Sept. 30").
    closing_day: dt.date | None = None


def _num(word: str) -> float | None:
    word = word.strip().lower()
    if word in NUMBER_WORDS:
        return NUMBER_WORDS[word]
    try:
        return float(word.replace(",", ""))
    except ValueError:
        return None


def _num_str(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else str(n)


def _day(d: dt.date) -> str:
    return d.isoformat()


def _month(year: int | None, month: int) -> str:
    return f"{year:04d}-{month:02d}" if year is not None else f"XXXX-{month:02d}"


def _week(d: dt.date) -> str:
    iso = d.isocalendar()
    return f"{iso[0]:04d}-W{iso[1]:02d}"


def _doc_anchor(ctx: Context) -> str:
    return f"document date {ctx.doc_date.isoformat()}" if ctx.doc_date else "document date (unknown)"


def _shift_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _clean(phrase: str) -> str:
    text = phrase.strip().lower().replace("’", "'").replace("–", "-").replace("—", "-")
    text = re.sub(r"[\[\]()\"“”]", "", text)
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"'s$", "", text)
    text = re.sub(r"^(?:on|in|at|during|by|from|since|until|till|of|as of|between|before|after|for) ", "", text)
    return _spelled_counts(_spelled_years(text.strip(" ,.;:")))


_TENS = {"ten": 1, "twenty": 2, "thirty": 3, "forty": 4, "fifty": 5, "sixty": 6, "seventy": 7, "eighty": 8, "ninety": 9}
_ONES = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
}  # fmt: skip
_TEENS = {
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS_RE, _ONES_RE, _TEENS_RE = ("|".join(words) for words in (_TENS, _ONES, _TEENS))
_SPELLED_CENTURY = re.compile(
    rf"\b(?P<c>{_TEENS_RE}) (?:(?P<hundred>hundred)(?: and)?(?: |$)|(?=(?:{_TENS_RE}|{_TEENS_RE}|oh)\b))"
    rf"(?:(?P<t>{_TENS_RE})(?:-(?P<o>{_ONES_RE}))?|oh[- ](?P<oh>{_ONES_RE})|(?P<teen>{_TEENS_RE}))?\b"
)
_SPELLED_2000 = re.compile(
    rf"\btwo thousand(?:(?: and)? (?P<o>{_ONES_RE}|{_TEENS_RE}|ten))?\b(?! (?:years?|days?|people|of)\b)"
)


def _spelled_years(text: str) -> str:
    """Years read out as words in broadcast transcripts: 'nineteen ninety-one' is 1991, 'the year two thousand'
    2000; the calendar rules then read them like digits ('January 1997', 'the winter of 1994')."""

    def century(m: re.Match[str]) -> str:
        tail = 0
        if m.group("t"):
            tail = _TENS[m.group("t")] * 10 + _ONES.get(m.group("o") or "", 0)
        elif m.group("oh"):
            tail = _ONES[m.group("oh")]
        elif m.group("teen"):
            tail = _TEENS[m.group("teen")]
        elif not m.group("hundred"):
            return m.group(0)
        return f"{_TEENS[m.group('c')]:02d}{tail:02d}" + (" " if m.group(0).endswith(" ") else "")

    def millennium(m: re.Match[str]) -> str:
        word = m.group("o") or ""
        return f"{2000 + _ONES.get(word, _TEENS.get(word, 10 if word == 'ten' else 0))}"

    if "nineteen" not in text and "thousand" not in text and "hundred" not in text and "teen" not in text:
        return text
    return _SPELLED_2000.sub(millennium, _SPELLED_CENTURY.sub(century, text)).strip()


_SPELLED_COUNT = re.compile(
    rf"\b(?P<n>a|{_ONES_RE}|{_TEENS_RE}|ten|{_TENS_RE}) (?P<scale>hundred|thousand)"
    rf"(?= (?:years?|days?|weeks?|months?|hours?|minutes?|seconds?)\b)"
)


def _spelled_counts(text: str) -> str:
    """'three hundred years ago', 'two thousand years': a count in words, read as its number so that the unit
    rules see 300 or 2000 years (not 'hundred years ago' or the year 2000)."""

    def count(m: re.Match[str]) -> str:
        word = m.group("n")
        n = 1 if word == "a" else _ONES.get(word) or _TEENS.get(word) or 10 * _TENS.get(word, 1)
        return str(n * (100 if m.group("scale") == "hundred" else 1000))

    if "hundred" not in text and "thousand" not in text:
        return text
    return _SPELLED_COUNT.sub(count, text)


# How far ahead of the document date a month-day (days) or month (months) without a year is still this one.
_NEAR_DAYS = 62
_NEAR_MONTHS = 1


def _choose_year(month: int, day: int | None, ctx: Context) -> tuple[int | None, str]:
    """The year of a month(-day) without one: the nearest such date in the direction of the tense."""
    if ctx.doc_date is None:
        return None, "year unknown: no document date"
    ref = ctx.doc_date
    candidates = []
    for year in (ref.year - 1, ref.year, ref.year + 1):
        try:
            when = dt.date(year, month, day or 1)
        except ValueError:
            continue
        if day is None:
            # Month granularity: compare months, the document's own month counts as both past and future.
            diff = (year * 12 + month) - (ref.year * 12 + ref.month)
        else:
            diff = (when - ref).days
        candidates.append((diff, year))
    if ctx.tense == PAST:
        # News names a date without its year only when it is close: one up to two months ahead is the
        # coming one even in a past-tense clause ("said on Monday the vote will be held by Jan. 14",
        # "gave it until mid-November"); last year's would have needed its year.
        ahead = [c for c in candidates if 0 < c[0] <= (_NEAR_MONTHS if day is None else _NEAR_DAYS)]
        if ahead:
            return min(ahead)[1], f"{_doc_anchor(ctx)}, the coming one (near)"
        past = [c for c in candidates if c[0] <= 0]
        if past:
            return max(past)[1], f"{_doc_anchor(ctx)}, past tense"
    elif ctx.tense == FUTURE:
        # A week of slack: "is to run from January 23" may have begun a few days ago.
        future = [c for c in candidates if c[0] >= (0 if day is None else -7)]
        if future:
            return min(future)[1], f"{_doc_anchor(ctx)}, future tense"
    best = min(candidates, key=lambda c: (abs(c[0]), -c[0]))
    return best[1], f"{_doc_anchor(ctx)}, nearest"


def _weekday_date(weekday: int, ctx: Context, direction: str | None) -> dt.date | None:
    if ctx.doc_date is None:
        return None
    ref = ctx.doc_date
    delta = weekday - ref.weekday()
    if direction == "last":
        back = (ref.weekday() - weekday) % 7 or 7
        return ref - dt.timedelta(days=back)
    if direction == "next":
        ahead = (weekday - ref.weekday()) % 7 or 7
        return ref + dt.timedelta(days=ahead)
    if delta == 0:
        return ref
    if ctx.tense == FUTURE:
        return ref + dt.timedelta(days=delta % 7)
    if ctx.tense == PAST:
        return ref - dt.timedelta(days=(-delta) % 7)
    if ctx.tense == PLANNED:
        back = (-delta) % 7
        return ref - dt.timedelta(days=back) if back <= 3 else ref + dt.timedelta(days=7 - back)
    # Present or unknown tense: news reports look back more often than ahead.
    back = (-delta) % 7
    return ref - dt.timedelta(days=back) if back <= 5 else ref + dt.timedelta(days=7 - back)


# --- holidays -------------------------------------------------------------------------------------

_HOLIDAY_ALIASES = {
    "christmas": "christmas day", "xmas": "christmas day", "christmas day": "christmas day",
    "christmas eve": "christmas eve", "new year's day": "new year's day", "new year's eve": "new year's eve",
"thanksgiving": "thanksgiving day", "thanksgiving day": "thanksgiving day",
    "independence day": "independence day", "the fourth of july": "independence day",
    "fourth of july": "independence day", "july 4th": "independence day", "labor day": "labor day",
    "memorial day": "memorial day", "veterans day": "veterans day", "easter": "easter sunday",
    "easter sunday": "easter sunday", "good friday": "good friday", "easter monday": "easter monday",
    "boxing day": "boxing day", "martin luther king jr. day": "martin luther king jr. day",
    "presidents' day": "washington's birthday", "presidents day": "washington's birthday",
    "halloween": "halloween", "valentine's day": "valentine's day", "st. patrick's day": "st. patrick's day",
    "juneteenth": "juneteenth national independence day", "columbus day": "columbus day",
    "canada day": "canada day", "australia day": "australia day", "anzac day": "anzac day",
    "waitangi day": "waitangi day", "bastille day": "national day", "election day": "election day",
}  # fmt: skip
_FIXED_HOLIDAYS = {
    "christmas eve": (12, 24),
    "new year's eve": (12, 31),
    "halloween": (10, 31),
    "valentine's day": (2, 14),
    "st. patrick's day": (3, 17),
}
_HOLIDAY_COUNTRIES = {"canada day": "CA", "australia day": "AU", "anzac day": "AU", "waitangi day": "NZ"}
_HOLIDAY_COUNTRIES_DEFAULT = ("US", "GB")
HOLIDAY_RE = re.compile(
    r"^(?:the )?(?:(?P<rel>day|night|week|weekend|morning|evening) (?P<dir>before|after) )?"
    r"(?P<name>" + "|".join(sorted((re.escape(k) for k in _HOLIDAY_ALIASES), key=len, reverse=True)) + r")"
    r"(?: (?P<year>\d{4}))?$"
)


@lru_cache(maxsize=256)
def holiday_date(name: str, year: int) -> dt.date | None:
    """The date of a named holiday in `year`, from the holidays package (fixed-date eves computed)."""
    key = _HOLIDAY_ALIASES.get(name, name)
    if key == "easter sunday":
        from dateutil.easter import easter

        return easter(year)
    if key in _FIXED_HOLIDAYS:
        month, day = _FIXED_HOLIDAYS[key]
        return dt.date(year, month, day)
    if key == "election day":
        # The US general election: the Tuesday after the first Monday of November.
        first = dt.date(year, 11, 1)
        monday = first + dt.timedelta(days=(0 - first.weekday()) % 7)
        return monday + dt.timedelta(days=1)
    import holidays

    countries = (_HOLIDAY_COUNTRIES[key],) if key in _HOLIDAY_COUNTRIES else _HOLIDAY_COUNTRIES_DEFAULT
    if key == "national day":
        countries = ("FR",)
    for country in countries:
        try:
            calendar: Any = holidays.country_holidays(country, years=year, language="en_US")
        except (NotImplementedError, KeyError):
            continue
        for when, label in sorted(calendar.items()):
            names = [part.strip().lower() for part in str(label).split(";")]
            if any(n == key or n.startswith(key + " (") for n in names):
                return dt.date.fromisoformat(str(when))
    return None


def _holiday(text: str, ctx: Context) -> TimexValue | None:
    match = HOLIDAY_RE.match(text)
    if not match:
        return None
    name = match.group("name")
    offset = 0
    if match.group("rel") in ("day", "night", "morning", "evening"):
        offset = 1 if match.group("dir") == "after" else -1
    elif match.group("rel"):
        return None
    if match.group("year"):
        year: int | None = int(match.group("year"))
        basis = "holiday calendar"
    elif ctx.doc_date is not None:
        probe = holiday_date(name, ctx.doc_date.year)
        if probe is None:
            return None
        year, basis = _choose_year(probe.month, probe.day, ctx)
        basis = f"holiday calendar; {basis}"
    else:
        year = None
    if year is None:
        probe = holiday_date(name, 2001)
        if probe is None:
            return None
        probe += dt.timedelta(days=offset)  # "the day after Christmas" is Dec 26 in any year
        return TimexValue(f"XXXX-{probe.month:02d}-{probe.day:02d}", anchor="holiday calendar; year unknown")
    when = holiday_date(name, year)
    if when is None:
        return None
    when += dt.timedelta(days=offset)
    return TimexValue(_day(when), anchor=basis, day=when, year=when.year)


# --- parsing absolute calendar strings ---------------------------------------------------------------

_ABSOLUTE_DAY = re.compile(
    rf"^(?:{_WEEKDAY_RE},? )?(?:(?P<m1>{_MONTH_RE}) (?P<d1>\d{{1,2}})(?:st|nd|rd|th)?|(?:the )?(?P<d2>\d{{1,2}})"
    rf"(?:st|nd|rd|th)?(?: of)? (?P<m2>{_MONTH_RE}))(?:,? (?P<y>\d{{4}}))?$"
)
_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_NUMERIC_DAY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})$")
_MONTH_YEAR = re.compile(rf"^(?P<part>early|mid|late|the end of|the beginning of|the start of|the middle of)?-? ?"
                         rf"(?P<m>{_MONTH_RE})(?:,? (?:of )?(?P<y>\d{{4}}))?$")  # fmt: skip
_MONTH_OF_YEAR = re.compile(
    rf"^(?P<part>early|mid|late)?-? ?(?:in )?(?P<m>{_MONTH_RE}),? (?:of )?(?P<rel>last|this|next) year$"
)
_SEASON_OF_YEAR = re.compile(
    r"^(?:the )?(?P<part>early|mid|late)?-? ?(?P<s>spring|summer|fall|autumn|winter),? (?:of )?"
    r"(?:(?P<y>1\d{3}|20\d{2})|(?P<rel>last|this|next) year)$"
)
_DIRECTED_MONTH = re.compile(rf"^(?P<dir>last|this|next|this past|this coming|past|coming) (?P<m>{_MONTH_RE})$")
_YEAR_END = re.compile(r"^(?:around |about |by )?(?:the )?(?P<y>\d{4} )?year[- ]end$")
_YEAR = re.compile(r"^(?:the )?(?:year )?(?P<part>early|mid|late)?-? ?(?P<y>1\d{3}|20\d{2})$")
_DECADE = re.compile(r"^(?:the )?(?P<part>early|mid|late)?-? ?(?:(?P<c>1[0-9]|20)(?P<d>\d)0|')(?P<d2>\d0)?'?s$")
_DECADE_WORD = re.compile(r"^(?:the )?(?P<part>early|mid|late)?-? ?(?P<w>" + "|".join(DECADE_WORDS) + ")$")
_CENTURY = re.compile(r"^(?:the )?(?P<part>early|mid|late)?-? ?(?P<n>\d{1,2})(?:st|nd|rd|th) century$")
_CLOCK = re.compile(
    r"^(?:at )?(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?\s?(?P<ap>a\.?m\.?|p\.?m\.?)?(?: (?P<tz>gmt|utc|[a-z]{2,4}t))?$"
)
_CLOCK_24 = re.compile(r"^(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)(?: (?P<tz>gmt|utc|[a-z]{2,4}t))?$")


# The calendar strings nearly every news text holds ("friday, july 21, 2017", "the 3rd of may"), in any case and
# with single spaces, read here exactly as dateparser reads them (tests/models/test_timex_plain_day.py compares
# the two over every weekday and month form, day, ordinal suffix and year): building dateparser's parser costs
# a fresh analysis process about 0.3 s of CPU, most of the stages' set-up. Left to dateparser: "thur" and "thurs"
# (which it does not read), "sepember", numeric dates and anything else.
_PLAIN_WEEKDAY = r"(?:mon|monday|tue|tues|tuesday|wed|wednesday|thu|thursday|fri|friday|sat|saturday|sun|sunday)\.?"
_PLAIN_MONTH = (
    r"(?:jan|january|feb|february|mar|march|apr|april|may|jun|june|jul|july|aug|august|sep|sept|september"
    r"|oct|october|nov|november|dec|december)\.?"
)
_PLAIN_DAY = re.compile(
    rf"(?:{_PLAIN_WEEKDAY},? )?(?:(?P<m1>{_PLAIN_MONTH}) (?P<d1>[0-9]{{1,2}})(?:st|nd|rd|th)?"
    rf"|(?:the )?(?P<d2>[0-9]{{1,2}})(?:st|nd|rd|th)?(?: of)? (?P<m2>{_PLAIN_MONTH}))(?:,? (?P<y>[0-9]{{4}}))?",
    re.IGNORECASE | re.ASCII,  # ASCII: no other digits, and no "ſept" matching "sept"
)
# The year dateparser gives a date without one: that of the parser's RELATIVE_BASE (see `_parser`).
_BASE_YEAR = 2000


def _plain_day(text: str) -> tuple[bool, dt.date | None]:
    """(True, the day) for a plain calendar string, None for a day no calendar has ("june 31"); (False, None) else."""
    match = _PLAIN_DAY.fullmatch(text)
    if match is None:
        return False, None
    month = MONTHS[(match.group("m1") or match.group("m2")).rstrip(".").lower()]
    year = match.group("y")
    try:
        return True, dt.date(int(year) if year else _BASE_YEAR, month, int(match.group("d1") or match.group("d2")))
    except ValueError:
        return True, None


@lru_cache(maxsize=4096)
def _dateparser_day(text: str) -> dt.date | None:
    """dateparser's reading of a calendar string; only its month and day are trusted.

    Plain strings are read without it (`_plain_day`), with the same result.
    """
    plain, found = _plain_day(text)
    if plain:
        return found
    data = _parser().get_date_data(text)
    if data.date_obj is None or data.period != "day":
        return None
    day: dt.date = data.date_obj.date()  # dateparser is untyped
    return day


@lru_cache(maxsize=1)
def _parser() -> Any:
    from dateparser.date import DateDataParser

    # A fixed base far from any real year: whatever year dateparser fills in is discarded.
    return DateDataParser(
        languages=["en"],
        settings={
            "RELATIVE_BASE": dt.datetime(_BASE_YEAR, 6, 15),
            "PREFER_DAY_OF_MONTH": "first",
            "STRICT_PARSING": False,
        },
    )


def preload(rare: bool = False) -> None:
    """With `rare`, build what only some texts need now, so an analysis does not wait for it: dateparser's parser
    (its time-zone patterns are built on its first parse), for dates `_plain_day` does not read, and the holidays
    package's calendars. Without, nothing: a text's plain dates need neither."""
    if rare:
        _parser().get_date_data("Thurs, July 21")
        holiday_date("thanksgiving", 2001)


def _absolute_day(text: str, ctx: Context) -> TimexValue | None:
    iso = _ISO_DAY.match(text)
    if iso:
        try:
            when = dt.date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        except ValueError:
            return None
        return TimexValue(_day(when), anchor="explicit", day=when, year=when.year)
    match = _ABSOLUTE_DAY.match(text)
    numeric = _NUMERIC_DAY.match(text)
    if not match and not numeric:
        return None
    parsed = _dateparser_day(text)
    if parsed is None:
        return None
    year_text = match.group("y") if match else numeric.group(3) if numeric else None
    if year_text:
        year = int(year_text) if len(year_text) == 4 else 2000 + int(year_text)
        try:
            when = parsed.replace(year=year)
        except ValueError:
            return None
        return TimexValue(_day(when), anchor="explicit", day=when, year=year)
    chosen, basis = _choose_year(parsed.month, parsed.day, ctx)
    if chosen is None:
        return TimexValue(f"XXXX-{parsed.month:02d}-{parsed.day:02d}", anchor=basis)
    try:
        when = parsed.replace(year=chosen)
    except ValueError:
        return None
    return TimexValue(_day(when), anchor=basis, day=when, year=chosen)


def _clock(text: str, ctx: Context) -> TimexValue | None:
    """Clock times; a date in the same phrase ("11 p.m. on Dec. 8") makes a full date-time."""
    words = {"noon": (12, 0), "midday": (12, 0), "midnight": (0, 0)}
    date_part: TimexValue | None = None
    head = text
    split = re.match(r"^(?P<t>.+?)(?:,| on| of)? (?P<d>(?:the )?(?:next|following|same) day|" + _WEEKDAY_RE
                     + r".*|" + _MONTH_RE + r".*|today|yesterday|tomorrow|tonight)$", text)  # fmt: skip
    if split:
        head = split.group("t")
        date_part = normalize_phrase(split.group("d"), ctx)
        if date_part is None or date_part.day is None:
            return None
    if head in words:
        hour, minute = words[head]
    else:
        m24 = _CLOCK_24.match(head)
        match = _CLOCK.match(head)
        if m24:
            hour, minute = int(m24.group("h")), int(m24.group("m"))
        elif match and (match.group("ap") or match.group("m")):
            hour, minute = int(match.group("h")), int(match.group("m") or 0)
            ap = (match.group("ap") or "").replace(".", "")
            if hour > 24 or minute > 59:
                return None
            if ap == "pm" and hour < 12:
                hour += 12
            elif ap == "am" and hour == 12:
                hour = 0
        else:
            return None
    if hour > 23:
        return None
    clock = f"T{hour:02d}:{minute:02d}"
    if date_part is not None and date_part.day is not None:
        return TimexValue(date_part.value + clock, "TIME", anchor=date_part.anchor, day=date_part.day)
    # A bare clock time is on the day the text is at: the last date it told, else the document's day.
    base = ctx.last_day or ctx.doc_date
    if base is not None:
        anchor = f"previous date {base.isoformat()}" if ctx.last_day is not None else _doc_anchor(ctx)
        return TimexValue(_day(base) + clock, "TIME", anchor=f"clock time on {anchor}", day=base, year=base.year)
    return TimexValue(clock, "TIME", anchor="clock time, no date in the phrase")


# --- business periods: quarters, halves, fiscal years ------------------------------------------------

QUARTER_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
_YEAR_REF = r"(?:(?:fiscal |calendar )?(?P<y>\d{4})|(?P<rel>this|last|next|the) year)"
_QUARTER = re.compile(
    r"^(?:the )?(?:(?P<y0>\d{4})(?:'s)? |(?P<rel0>this|last|next) year(?:'s)? )?(?:(?:fiscal|calendar) )?"
    r"(?:(?P<y1>\d{4}) )?(?P<ord>first|1st|second|2nd|third|3rd|fourth|4th)[- ](?:fiscal )?(?:-?quarters?|qtr\.?)"
    rf"(?: (?:of|in) (?:the )?{_YEAR_REF})?$"
)
_THIS_QUARTER = re.compile(
    r"^(?P<det>the|this|that|its) (?P<adj>(?:(?:latest|current|most recent|recent|just-ended|just ended|same|past"
    r"|comparable|fiscal|flat|latest fiscal) )*)quarter$"
)
# A reporting period named by its year or as the latest ("the 1988 period", "the latest period"): in an
# earnings report it is the quarter under report, in that year.
_NAMED_PERIOD = re.compile(
    r"^(?:the|its) (?:(?P<y>\d{4})(?:'s)? (?:fiscal )?(?:quarter|period)|latest (?:fiscal )?period)$"
)
_YEAR_EARLIER = re.compile(
    r"^(?:the )?(?:comparable |same )?(?:year-earlier|year-ago|year earlier|year ago|prior-year|year-before)"
    r"(?: (?:(?P<ord>first|second|third|fourth) )?(?:fiscal )?(?:quarter|period))?$"
    r"|^(?:a|one) year (?:earlier|ago|before)$"
)
# Only a half of a named year: a bare "the first half" is as often a match's as a year's.
_HALF = re.compile(r"^(?:the )?(?P<which>first|second|last|latter) half of (?:the )?" + _YEAR_REF + r"$")
_FISCAL_YEAR = re.compile(
    r"^(?:the )?(?:(?P<dir>latest|current|last|next|previous|this|past|coming|prior) )?fiscal(?: year)?"
    r"(?: (?P<y>\d{4}|'?\d{2}))?$"
)

# "Sales for the full year": the whole of the year the report is written in, not a year-long duration.
_FULL_YEAR = re.compile(r"^the full(?: fiscal| calendar)? year$")  # "a full year" is a duration


def _quarter_of(day: dt.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def _last_quarter(ctx: Context) -> tuple[int, int] | None:
    """The quarter the text last named, else the last one finished by the document date (reports look back)."""
    if ctx.last_quarter:
        return int(ctx.last_quarter[:4]), int(ctx.last_quarter[-1])
    if ctx.doc_date is None:
        return None
    year, quarter = _quarter_of(ctx.doc_date)
    return (year - 1, 4) if quarter == 1 else (year, quarter - 1)


def _year_of(match: re.Match[str], ctx: Context) -> int | None:
    """The year a 'quarter of ...' or 'half of ...' phrase names, else the document's year."""
    groups = match.groupdict()
    for key in ("y", "y0", "y1"):
        if groups.get(key):
            return int(groups[key])
    rel = groups.get("rel") or groups.get("rel0")
    if ctx.doc_date is None:
        return None
    if rel == "the" and ctx.last_year is not None:
        return ctx.last_year
    return ctx.doc_date.year + {"last": -1, "next": 1}.get(rel or "", 0)


def _business_period(text: str, ctx: Context) -> TimexValue | None:
    """Quarters ('the third quarter' 2013-Q3), halves (2013-H1) and fiscal years, as financial news uses them."""
    match = _QUARTER.match(text)
    if match:
        quarter = QUARTER_ORDINALS[match.group("ord")]
        if text.endswith("quarters"):
            return None
        year = _year_of(match, ctx)
        if year is None:
            return TimexValue(f"XXXX-Q{quarter}", anchor="quarter; year unknown")
        named = any(match.group(k) for k in ("y", "y0", "y1", "rel", "rel0"))
        # A quarter named without a year is this year's, unless it has not begun and the clause looks back.
        if ctx.doc_date is not None and not named and ctx.tense == PAST and quarter > _quarter_of(ctx.doc_date)[1]:
            year -= 1
        return TimexValue(f"{year:04d}-Q{quarter}", anchor=_doc_anchor(ctx), year=year)
    match = _THIS_QUARTER.match(text)
    if match:
        if ctx.doc_date is None:
            return TimexValue("XXXX-QX", anchor="quarter; document date unknown")
        if match.group("det") == "this" or "current" in match.group("adj"):
            year, quarter = _quarter_of(ctx.doc_date)
        else:
            found = _last_quarter(ctx)
            assert found is not None
            year, quarter = found
        return TimexValue(f"{year:04d}-Q{quarter}", anchor=_doc_anchor(ctx), year=year)
    match = _NAMED_PERIOD.match(text)
    if match:
        found = _last_quarter(ctx)
        if found is None:
            return TimexValue("XXXX-QX", anchor="quarter; document date unknown")
        year, quarter = found
        if match.group("y"):
            year = int(match.group("y"))
        # "the 1988 period" is the comparison, not the quarter the report goes on about.
        return TimexValue(
            f"{year:04d}-Q{quarter}",
            anchor=f"the quarter under report, {year:04d}",
            year=year,
            refers_back=bool(match.group("y")),
        )
    match = _YEAR_EARLIER.match(text)
    if match:
        if text[:2] in ("a ", "on") and not ctx.last_quarter:
            return None  # "a year ago" with no quarter in view: the relative rule counts from the document date
        found = _last_quarter(ctx)
        if found is None:
            return None
        year, quarter = found
        if match.group("ord"):
            quarter = QUARTER_ORDINALS[match.group("ord")]
        return TimexValue(
            f"{year - 1:04d}-Q{quarter}", anchor=f"a year before {year:04d}-Q{quarter}", year=year - 1, refers_back=True
        )
    match = _HALF.match(text)
    if match:
        year = _year_of(match, ctx)
        half = 1 if match.group("which") == "first" else 2
        if year is None:
            return TimexValue(f"XXXX-H{half}", anchor="half year; year unknown")
        return TimexValue(f"{year:04d}-H{half}", anchor=_doc_anchor(ctx), year=year)
    if _FULL_YEAR.match(text):
        if ctx.doc_date is None:
            return None
        year = ctx.doc_date.year
        return TimexValue(f"{year:04d}", anchor=f"the year under report; {_doc_anchor(ctx)}", year=year)
    match = _FISCAL_YEAR.match(text)
    if match:
        if match.group("y"):
            digits = match.group("y").lstrip("'")
            year = int(digits) if len(digits) == 4 else 1900 + int(digits) if int(digits) > 30 else 2000 + int(digits)
            return TimexValue(f"{year:04d}", anchor="fiscal year", year=year)
        if ctx.doc_date is None:
            return None
        shift = {"latest": -1, "last": -1, "previous": -1, "past": -1, "prior": -1, "next": 1, "coming": 1}
        year = ctx.doc_date.year + shift.get(match.group("dir") or "", 0)
        return TimexValue(f"{year:04d}", anchor=f"fiscal year; {_doc_anchor(ctx)}", year=year)
    return None


# --- relative and anaphoric ---------------------------------------------------------------------------

_AGO = re.compile(
    rf"^(?:(?:just|nearly|almost|about|around|some|more than|over|less than|roughly) )*"
    rf"(?P<n>{_NUM_RE})(?:[- ]|\s)?{_UNIT_RE}(?P<or_so> or so)?"
    rf" (?P<dir>ago|earlier|before|later|after|afterwards?|from now|hence)$"
)
_IN_FUTURE = re.compile(rf"^(?:in|within) (?P<n>{_NUM_RE}) {_UNIT_RE}(?: time)?$")
_RELATIVE_UNIT = re.compile(
    r"^(?:the )?(?P<dir>last|past|previous|this|this past|this coming|next|coming|current|the following|following"
    r"|the previous|the next)? ?(?P<unit>week|weekend|month|year|years|summer|winter|spring|fall|autumn|quarter)$"
)
_SAME_DAY = re.compile(
    r"^(?:that|that same|that very|the same|the very same|this same|(?:earlier|later) in the)"
    r" (?P<unit>day|night|morning|afternoon|evening|week|month|year)$"
)
# "arrived in Philadelphia late in the day": the day the text is at ("earlier/later in the day" is `_SAME_DAY`'s).
_IN_THE_DAY = re.compile(r"^(?:early|late) in the day$")
# "today is the eighth day of the blockade", "it's the second day of an offensive": the document's day, counted
# within a running event. "The first day" is as often any first day ("from the first day") and is left out,
# and "the 1st day of Feb." names a day of a month.
_EVENT_DAY = re.compile(
    r"^the (?P<ord>(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|\d+(?:nd|rd|th))) day"
    rf"(?! of {_MONTH_RE})(?: of .+)?$"
)
_NEXT_DAY = re.compile(
    rf"^(?:the )?(?P<dir>next|following|previous|preceding|prior) (?P<unit>day|night|morning|week|month|year)"
    rf"(?: {PART_OF_DAY})?$|^the (?P<unit2>day|week|month|year) (?P<dir2>before|after)$"
)
_DEICTIC = re.compile(
    rf"^(?P<word>today|tonight|yesterday|tomorrow|last night|the day before yesterday|the day after tomorrow)"
    rf"(?:'s)?(?: {PART_OF_DAY})?$|^(?:this|earlier today|later today|earlier this|later this) ?(?P<pod>{PART_OF_DAY})$"
    rf"|^(?:earlier|later) (?P<word2>today|tonight)$"
)
_WEEKDAY = re.compile(
    rf"^(?:(?P<dir>last|next|this|this past|this coming|the next|the following|the previous|the past|on) )?"
    rf"(?P<wd>{_WEEKDAY_RE})(?: {PART_OF_DAY}| night)?$"
)
_PART_OF_UNIT = re.compile(
    r"^(?P<part>the end of|the beginning of|the start of|the middle of|the close of|end of|start of|beginning of"
    r"|middle of|early|late|mid|earlier|later)(?: in)?-? ?(?:the |this |(?P<that>that ))?"
    r"(?P<dir>last |next |this |current )?(?P<unit>year|month|week|decade|century)$|^(?P<unit2>year|month|week)[- ]end$"
)
_EARLIER_IN_MONTH = re.compile(rf"^(?:earlier|later|early|late|mid)(?: in|-)? (?:this |that )?(?P<m>{_MONTH_RE})$")
_NEW_YEAR = re.compile(r"^(?:in )?the (?:new|coming|next) year$")
_DURATION = re.compile(
    rf"^(?:the )?(?:(?P<mod>just over|more than|less than|nearly|almost|about|around|roughly|some|over|under"
    rf"|at least|at most|up to|approximately) )?(?:(?P<pl>past|last|next|first|previous|coming|following|recent"
    rf"|final|initial|latest|year-earlier|year-ago) )?"
    rf"(?P<n>{_NUM_RE}|{'|'.join(VAGUE_COUNTS)})?(?: more| additional)?(?: and a half)?[- ]?"
    rf"{_UNIT_RE}(?:[- ]long| ahead| to come| past)?$"
)
_LONG_WORD = re.compile(r"^(?P<unit>hour|day|week|month|year|decade)-?long$")  # "daylong", "day-long"
_SET = re.compile(
    r"^(?:every|each|once a|once every|per) (?P<n>other |two |three |four |five |ten )?"
    r"(?P<unit>day|night|week|month|quarter|year|decade|morning|evening|summer|winter|spring|fall)$"
    r"|^(?P<adv>daily|weekly|monthly|annually|yearly|nightly|annual|hourly|biweekly|biennially|quarterly)$"
)
_NAMED_SET = re.compile(
    rf"^(?:every|each) (?:(?P<wd>{_WEEKDAY_RE})(?: (?P<pod>morning|afternoon|evening|night))?|(?P<m>{_MONTH_RE}))$"
)
_AGE = re.compile(r"(?:\bold\b|-old\b|\baged?\b|\bage of\b)")


def _unit_key(unit: str) -> str:
    unit = unit.lower()
    if unit.startswith("centur"):
        return "century"
    return unit[:-1] if unit.endswith("s") else unit


def _duration_value(n: float | None, unit: str) -> str:
    letter, timey = UNITS[_unit_key(unit)]
    if _unit_key(unit) == "weekend":
        return "P1WE" if n in (None, 1) else f"P{_num_str(n)}WE"
    count = "X" if n is None else _num_str(n)
    if _unit_key(unit) == "decade":
        return f"P{count}DE" if n is None else f"P{_num_str(n * 10)}Y"
    if _unit_key(unit) == "century":
        # TimeBank writes an uncounted stretch of centuries with its own letter C ("for centuries": PXC).
        return f"P{count}C" if n is None else f"P{_num_str(n * 100)}Y"
    if _unit_key(unit) == "year" and n is not None and n >= 1000 and n % 1000 == 0:
        # "two thousand years" is counted in millennia, TIMEX3's letter L (P2L), as decades and centuries have theirs.
        return f"P{_num_str(n // 1000)}L"
    if n is not None and not float(n).is_integer():
        # TIMEX3 wants whole numbers: half a year is six months, half an hour thirty minutes.
        smaller = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24), "H": ("M", 60)}
        if letter in smaller:
            small, factor = smaller[letter]
            timey = timey or letter == "D"
            return f"P{'T' if timey else ''}{_num_str(round(n * factor))}{small}"
    return f"P{'T' if timey else ''}{count}{letter}"


def _shift(base: dt.date, n: float, unit: str, sign: int) -> tuple[str, dt.date | None, int]:
    """A date `n` units before/after `base`, at the granularity the unit implies."""
    key = _unit_key(unit)
    whole = int(n)
    if key in ("day", "night"):
        when = base + dt.timedelta(days=sign * whole)
        return _day(when), when, when.year
    if key == "week":
        when = base + dt.timedelta(days=sign * 7 * whole)
        return _day(when), when, when.year
    if key == "month":
        year, month = _shift_months(base.year, base.month, sign * whole)
        return _month(year, month), None, year
    if key == "quarter":
        year, month = _shift_months(base.year, base.month, sign * 3 * whole)
        return f"{year:04d}-Q{(month - 1) // 3 + 1}", None, year
    if key == "decade":
        year = base.year + sign * 10 * whole
        return f"{year:04d}", None, year
    if key == "century":
        year = base.year + sign * 100 * whole
        return f"{year:04d}", None, year
    year = base.year + sign * whole
    return f"{year:04d}", None, year


def _years_from_last_year(n: float, unit: str, sign: int, base: dt.date, ctx: Context) -> int | None:
    """'It was published in 1724. Two years later ...': years counted on from the year the text named after its last
    day (1726), not from that day's year or the document's. Counted back ('a year earlier') a report compares with
    the period it just gave, which the other rules read."""
    if _unit_key(unit) not in ("year", "decade", "century") or ctx.last_year is None or ctx.last_year == base.year:
        return None
    if sign < 0:
        return None
    return ctx.last_year + sign * int(n) * {"year": 1, "decade": 10, "century": 100}[_unit_key(unit)]


def _relative(text: str, ctx: Context) -> TimexValue | None:
    match = _AGO.match(text)
    if match:
        n = _num(match.group("n"))
        unit = match.group(2)
        if n is None or UNITS[_unit_key(unit)][1]:
            return None
        direction = match.group("dir")
        approx = match.group("or_so") or re.match(r"^(?:about|around|some|roughly|nearly|almost)", text)
        mod = "APPROX" if approx else None
        if direction in ("ago", "from now", "hence"):
            if ctx.doc_date is None:
                return None
            sign = -1 if direction == "ago" else 1
            value, when, year = _shift(ctx.doc_date, n, unit, sign)
            return TimexValue(value, mod=mod, anchor=_doc_anchor(ctx), day=when, year=year)
        base = ctx.last_day or ctx.doc_date
        if base is None:
            return None
        sign = -1 if direction in ("earlier", "before") else 1
        value, when, year = _shift(base, n, unit, sign)
        anchor = f"previous date {base.isoformat()}" + (f" ({ctx.last_day_text})" if ctx.last_day_text else "")
        if ctx.last_day is None:
            anchor = _doc_anchor(ctx)
        elif (
            n == 1 and _unit_key(unit) == "year" and sign < 0 and base == ctx.closing_day
            and not (base.month == 2 and base.day == 29)
        ):  # fmt: skip
            # "up from $4 million a year earlier" after "the quarter ended Sept. 30": the comparison is with the
            # period that closed on that day a year before, not with the whole year; it is no new reference point.
            when = base.replace(year=base.year - 1)
            return TimexValue(_day(when), mod=mod, anchor=anchor, day=when, year=when.year, refers_back=True)
        counted = _years_from_last_year(n, unit, sign, base, ctx)
        if counted is not None:
            return TimexValue(f"{counted:04d}", mod=mod, anchor=f"previous year {ctx.last_year}", year=counted)
        return TimexValue(value, mod=mod, anchor=anchor, day=when, year=year)
    match = _IN_FUTURE.match(text)
    if match and ctx.doc_date is not None and ctx.tense == FUTURE:
        n = _num(match.group("n"))
        if n is not None and not UNITS[_unit_key(match.group(2))][1]:
            value, when, year = _shift(ctx.doc_date, n, match.group(2), 1)
            return TimexValue(value, anchor=_doc_anchor(ctx), day=when, year=year)
    return None


def _relative_unit(text: str, ctx: Context) -> TimexValue | None:
    match = _RELATIVE_UNIT.match(text)
    if not match or ctx.doc_date is None:
        return None
    direction = (match.group("dir") or "").replace("the ", "")
    unit = match.group("unit")
    ref = ctx.doc_date
    anchor = _doc_anchor(ctx)
    if unit == "years" and direction == "this":
        return TimexValue(f"{ref.year:04d}", anchor=anchor, year=ref.year)
    if unit == "years":
        return TimexValue("PAST_REF", anchor=anchor) if direction in ("last", "past", "previous") else None
    if not direction:
        if unit == "year" and text == "the year" and ctx.last_year is not None:
            return TimexValue(f"{ctx.last_year:04d}", anchor=f"previous year {ctx.last_year}", year=ctx.last_year)
        if unit == "weekend" and text.startswith("the "):
            direction = "this"
        else:
            return None
    back = direction in ("last", "past", "previous", "this past")
    ahead = direction in ("next", "coming", "this coming", "following")
    if unit == "week":
        when = ref + dt.timedelta(days=-7 if back else 7 if ahead else 0)
        return TimexValue(_week(when), anchor=anchor, year=when.isocalendar()[0])
    if unit == "weekend":
        saturday_offset = 5 - ref.weekday()
        if back or (not ahead and ctx.tense == PAST):
            saturday = ref - dt.timedelta(days=(ref.weekday() - 5) % 7 or (7 if back else 0))
            if direction == "last" and saturday >= ref - dt.timedelta(days=1):
                saturday -= dt.timedelta(days=7)
        elif ahead:
            saturday = ref + dt.timedelta(days=saturday_offset % 7 or 7)
        else:
            saturday = ref + dt.timedelta(days=saturday_offset % 7) if saturday_offset >= -1 else ref
            if ref.weekday() == 6:
                saturday = ref - dt.timedelta(days=1)
        return TimexValue(_week(saturday) + "-WE", anchor=anchor, year=saturday.year)
    if unit == "month":
        year, month = _shift_months(ref.year, ref.month, -1 if back else 1 if ahead else 0)
        return TimexValue(_month(year, month), anchor=anchor, year=year)
    if unit == "year":
        year = ref.year + (-1 if back else 1 if ahead else 0)
        return TimexValue(f"{year:04d}", anchor=anchor, year=year)
    if unit == "quarter":
        quarter = (ref.month - 1) // 3 + 1 + (-1 if back else 1 if ahead else 0)
        year = ref.year + (quarter - 1) // 4
        quarter = (quarter - 1) % 4 + 1
        return TimexValue(f"{year:04d}-Q{quarter}", anchor=anchor, year=year)
    season = SEASONS[unit]
    # The season this year, or the one before/after if the direction says so.
    season_start = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[season]
    year = ref.year
    if back and season_start >= ref.month:
        year -= 1
    elif ahead and season_start <= ref.month:
        year += 1
    return TimexValue(f"{year:04d}-{season}", anchor=anchor, year=year)


_BARE_SEASON = re.compile(r"^(?:the )?(?:(?P<part>early|mid|late)[- ]?)?(?P<s>spring|summer|fall|autumn|winter)$")


def _bare_season(text: str, ctx: Context) -> TimexValue | None:
    """'Over the summer, prices fell': a season without a year in a past clause is the last one begun by the
    document date, in a future clause the one under way or next. In the present tense a season is general
    ('in the summer it is hot') and names no one season."""
    match = _BARE_SEASON.match(text)
    if not match or ctx.doc_date is None or ctx.tense not in (PAST, FUTURE):
        return None
    season = SEASONS[match.group("s")]
    start = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[season]
    ref = ctx.doc_date
    months_in = (ref.month - start) % 12
    if months_in < 3:  # under way: the season that began most recently
        year = ref.year if ref.month >= start else ref.year - 1
    elif ctx.tense == PAST:
        year = ref.year if start < ref.month else ref.year - 1
    else:
        year = ref.year if start > ref.month else ref.year + 1
    mod = PART_MODS.get(match.group("part") or "")
    return TimexValue(f"{year:04d}-{season}", mod=mod, anchor=f"{_doc_anchor(ctx)}, {ctx.tense} tense", year=year)


# The months of each season, as the northern year has them, and where a part of a month begins and ends.
_SEASON_MONTHS = {"SP": "--03/--06", "SU": "--06/--09", "FA": "--09/--12", "WI": "--12/--03"}
_GENERIC_SEASON = re.compile(r"^(?:the )?(?P<s>spring|summer|fall|autumn|winter)s?(?: months)?$")
_GENERIC_MONTH = re.compile(
    rf"^(?:(?P<part>early|mid|late|the end of|the beginning of|the start of|the middle of)-? ?)?(?P<m>{_MONTH_RE})"
    rf"(?: (?P<d1>\d{{1,2}})(?:st|nd|rd|th)?)?$"
    rf"|^(?:the )?(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?: of)? (?P<m2>{_MONTH_RE})$"
)
_GENERIC_CLOCK = re.compile(r"^(?:(?:at )?around |about )?(?P<clock>.+)$")


def _any_year(text: str, ctx: Context) -> TimexValue | None:
    """A month, day, season or clock time in a clause told of every year or day: no year or day is named, so none
    is chosen ('--07' for July, '--06/--09' for summer, 'T20:00:00' for 8 pm), as GUM writes them."""
    if ctx.tense != GENERIC:
        return None
    anchor = "any year: told of what happens every year"
    season = _GENERIC_SEASON.match(text)
    if season:
        return TimexValue(_SEASON_MONTHS[SEASONS[season.group("s")]], anchor=anchor)
    month = _GENERIC_MONTH.match(text)
    if month:
        number = MONTHS[(month.group("m") or month.group("m2")).rstrip(".")]
        day = month.group("d1") or month.group("d2")
        if day:
            return TimexValue(f"--{number:02d}-{int(day):02d}", anchor=anchor) if 1 <= int(day) <= 31 else None
        part = PART_MODS.get(month.group("part") or "")
        last = 29 if number == 2 else 30 if number in (4, 6, 9, 11) else 31
        span = {"START": ("01", "15"), "MID": ("10", "20"), "END": ("15", f"{last}")}.get(part or "")
        if span:
            return TimexValue(f"--{number:02d}-{span[0]}/--{number:02d}-{span[1]}", anchor=anchor)
        return TimexValue(f"--{number:02d}", anchor=anchor)
    clock = _GENERIC_CLOCK.match(text)
    found = _clock(clock.group("clock"), Context()) if clock else None
    if found is not None and re.fullmatch(r"T\d\d:\d\d", found.value):
        return TimexValue(f"{found.value}:00", "TIME", anchor="any day: told of what happens every day")
    return None


_ERA_YEAR = re.compile(
    r"^(?:c\.|ca\.|circa|about|around)? ?(?:(?:ad|a\.d\.) ?(?P<ad1>\d{1,4})|(?P<ad2>\d{1,4}) ?(?:ad|a\.d\.|ce)"
    r"|(?P<bc>\d{1,4}) ?(?:bc|b\.c\.|bce))$|^(?:c\.|ca\.|circa) (?P<c>\d{3,4})$|^(?:the )?year (?P<y>\d{1,4})$"
)


# Days known by their date alone, as a name: "Ten years after 9/11".
_NAMED_DAYS = {"9/11": dt.date(2001, 9, 11)}


def _named_day(text: str, ctx: Context) -> TimexValue | None:
    """'9/11' is the day of the 2001 attacks once that day has come; before it, a plain date."""
    when = _NAMED_DAYS.get(re.sub(r"-(?:related|era|style)$", "", text))
    if when is None or (ctx.doc_date is not None and ctx.doc_date < when):
        return None
    return TimexValue(_day(when), anchor="a day known by its date", day=when, year=when.year, refers_back=True)


def _era_year(text: str, ctx: Context) -> TimexValue | None:
    """'508 BC' (-0508), 'AD 842' (0842), 'c. 347' (0347), 'the year 71' (0071): a year of the era named, or one
    told as approximate or as a year outright, however few its digits."""
    match = _ERA_YEAR.match(text)
    if not match:
        return None
    if match.group("bc"):
        return TimexValue(f"-{int(match.group('bc')):04d}", anchor="explicit, before the common era")
    year = int(match.group("ad1") or match.group("ad2") or match.group("c") or match.group("y"))
    if year == 0:
        return None
    return TimexValue(f"{year:04d}", anchor="explicit", year=year)


def _anaphoric(text: str, ctx: Context) -> TimexValue | None:
    base = ctx.last_day or ctx.doc_date
    if base is None:
        return None
    anchor = (
        f"previous date {base.isoformat()}" + (f" ({ctx.last_day_text})" if ctx.last_day_text else "")
        if ctx.last_day is not None
        else _doc_anchor(ctx)
    )
    match = _SAME_DAY.match(text)
    if match:
        unit = match.group("unit")
        if unit == "week":
            return TimexValue(_week(base), anchor=anchor, year=base.year)
        if unit == "month":
            return TimexValue(_month(base.year, base.month), anchor=anchor, year=base.year)
        if unit == "year":
            year = ctx.last_year or base.year
            return TimexValue(f"{year:04d}", anchor=anchor, year=year)
        return TimexValue(_day(base), anchor=anchor, day=base, year=base.year)
    if _IN_THE_DAY.match(text):
        return TimexValue(_day(base), anchor=anchor, day=base, year=base.year)
    if _EVENT_DAY.match(text):
        # Told in the present it is the document's day; in a narrative its day is not known from the count alone.
        if ctx.tense not in (PRESENT, None) or ctx.doc_date is None:
            return None
        return TimexValue(_day(ctx.doc_date), anchor=_doc_anchor(ctx), day=ctx.doc_date, year=ctx.doc_date.year)
    match = _NEXT_DAY.match(text)
    if match and not (match.group("dir") == "next" and not text.startswith("the ")):
        # "next year" counts from the document date; "the next year" from the last date told.
        unit = match.group("unit") or match.group("unit2")
        direction = match.group("dir") or match.group("dir2")
        sign = 1 if direction in ("next", "following", "after") else -1
        if unit == "year" and ctx.last_year is not None:
            year = ctx.last_year + sign
            return TimexValue(f"{year:04d}", anchor=f"previous year {ctx.last_year}", year=year)
        value, when, year = _shift(base, 1, "day" if unit in ("night", "morning") else unit, sign)
        if unit == "week" and when is not None:
            value = _week(when)
            when = None
        return TimexValue(value, anchor=anchor, day=when, year=year)
    return None


_SMALL_HOURS_END = 5


def _deictic(text: str, ctx: Context) -> TimexValue | None:
    match = _DEICTIC.match(text)
    if not match:
        return None
    if ctx.doc_date is None:
        return None
    word = match.group("word") or match.group("word2") or "today"
    shift = {
        "yesterday": -1,
        "last night": -1,
        "tomorrow": 1,
        "the day before yesterday": -2,
        "the day after tomorrow": 2,
    }.get(word, 0)
    anchor = _doc_anchor(ctx)
    evening = word == "tonight" or match.group("pod") in ("evening", "night", "tonight", "overnight")
    if shift == 0 and evening and ctx.doc_time is not None and ctx.doc_time.hour < _SMALL_HOURS_END:
        shift = -1  # written in the small hours: the night that began the day before
        anchor += f", written at {ctx.doc_time.strftime('%H:%M')}"
    when = ctx.doc_date + dt.timedelta(days=shift)
    return TimexValue(_day(when), anchor=anchor, day=when, year=when.year)


_PART_OF_DAY_ALONE = re.compile(
    rf"^(?P<part>early|mid|late)[- ]?(?P<pod>morning|afternoon|evening)"
    rf"(?: (?P<day>yesterday|today|tomorrow|{_WEEKDAY_RE}))?$"
)


def _part_of_day_alone(text: str, ctx: Context) -> TimexValue | None:
    """'By mid-afternoon the rebels had fled': that part of the day the text is at, or of the day it names
    ('mid-afternoon yesterday'). Told in a generic present ('shops close in the late afternoon') it is any day's,
    and no time."""
    match = _PART_OF_DAY_ALONE.match(text)
    if not match:
        return None
    if match.group("day"):
        named = normalize_phrase(match.group("day"), ctx)
        base, anchor = (named.day, named.anchor) if named is not None else (None, None)
    elif ctx.tense in (PAST, FUTURE):
        base = ctx.last_day or ctx.doc_date
        anchor = f"previous date {base.isoformat()}" if ctx.last_day is not None and base else _doc_anchor(ctx)
    else:
        return None
    if base is None:
        return None
    return TimexValue(
        f"{_day(base)}T{PART_OF_DAY_CODES[match.group('pod')]}",
        "TIME",
        mod=PART_MODS[match.group("part")],
        anchor=anchor,
        day=base,
        year=base.year,
    )


_WEEK_OF = re.compile(r"^(?:the )?week of (?P<day>.+)$|^(?P<holiday>.+) week$")


def _week_of(text: str, ctx: Context) -> TimexValue | None:
    """'the week of March 6', 'Easter week': the ISO week that holds the day named."""
    match = _WEEK_OF.match(text)
    if not match:
        return None
    inner = match.group("day") or match.group("holiday")
    if match.group("holiday") and not HOLIDAY_RE.match(inner):
        return None
    day = normalize_phrase(inner, ctx)
    if day is None or day.day is None:
        return None
    return TimexValue(_week(day.day), anchor=f"the week of {day.value}; {day.anchor}", year=day.day.isocalendar()[0])


def _weekday(text: str, ctx: Context) -> TimexValue | None:
    match = _WEEKDAY.match(text)
    if not match:
        return None
    weekday = WEEKDAYS[match.group("wd").rstrip(".")]
    direction = (match.group("dir") or "").replace("the ", "")
    if direction in ("next", "following", "this coming"):
        mode: str | None = "next"
        if direction == "next" and text.startswith("the ") and ctx.last_day is not None:
            # "the next Tuesday" in a narrative: after the last date told, not after the article's date.
            ahead = (weekday - ctx.last_day.weekday()) % 7 or 7
            when = ctx.last_day + dt.timedelta(days=ahead)
            return TimexValue(_day(when), anchor=f"previous date {ctx.last_day.isoformat()}", day=when, year=when.year)
    elif direction in ("last", "previous", "past", "this past"):
        mode = "last"
        if match.group("dir") == "the previous" and ctx.last_day is not None:
            # "down from the previous Friday" in a narrative: before the last date told.
            back = (ctx.last_day.weekday() - weekday) % 7 or 7
            when = ctx.last_day - dt.timedelta(days=back)
            return TimexValue(_day(when), anchor=f"previous date {ctx.last_day.isoformat()}", day=when, year=when.year)
    else:
        mode = None
    if ctx.doc_date is None:
        return TimexValue(f"XXXX-WXX-{weekday + 1}", anchor="weekday; document date unknown")
    found = _weekday_date(weekday, ctx, mode)
    if found is None:
        return None
    when = found
    tense = f", {ctx.tense} tense" if ctx.tense and mode is None else ""
    return TimexValue(_day(when), anchor=_doc_anchor(ctx) + tense, day=when, year=when.year)


def _calendar_units(text: str, ctx: Context) -> TimexValue | None:
    """Months, years, decades and centuries, with START/MID/END parts."""
    match = _MONTH_YEAR.match(text)
    if match:
        month = MONTHS[match.group("m").rstrip(".")]
        mod = PART_MODS.get(match.group("part") or "")
        if match.group("y"):
            year = int(match.group("y"))
            return TimexValue(_month(year, month), mod=mod, anchor="explicit", year=year)
        chosen, basis = _choose_year(month, None, ctx)
        return TimexValue(_month(chosen, month), mod=mod, anchor=basis, year=chosen)
    match = _MONTH_OF_YEAR.match(text)
    if match and ctx.doc_date is not None:
        # "June last year", "early October this year": the month of the year the phrase names.
        month = MONTHS[match.group("m").rstrip(".")]
        year = ctx.doc_date.year + {"last": -1, "this": 0, "next": 1}[match.group("rel")]
        mod = PART_MODS.get(match.group("part") or "")
        return TimexValue(_month(year, month), mod=mod, anchor=_doc_anchor(ctx), year=year)
    match = _SEASON_OF_YEAR.match(text)
    if match and (match.group("y") or ctx.doc_date is not None):
        # "the winter of 1994", "summer last year"
        if match.group("y"):
            year, anchor = int(match.group("y")), "explicit"
        else:
            year = ctx.doc_date.year + {"last": -1, "this": 0, "next": 1}[match.group("rel")]  # type: ignore[union-attr]
            anchor = _doc_anchor(ctx)
        mod = PART_MODS.get(match.group("part") or "")
        return TimexValue(f"{year:04d}-{SEASONS[match.group('s')]}", mod=mod, anchor=anchor, year=year)
    match = _DIRECTED_MONTH.match(text)
    if match and ctx.doc_date is not None:
        # "last April" is the latest April before this month, "next April" the first after it, "this April" this year's.
        month = MONTHS[match.group("m").rstrip(".")]
        ref = ctx.doc_date
        direction = match.group("dir").split()[-1]
        year = ref.year
        if direction in ("last", "past") and month >= ref.month:
            year -= 1
        elif direction in ("next", "coming") and month <= ref.month:
            year += 1
        return TimexValue(_month(year, month), anchor=_doc_anchor(ctx), year=year)
    match = _YEAR_END.match(text)
    if match and (match.group("y") or ctx.doc_date is not None):
        year = int(match.group("y")) if match.group("y") else ctx.doc_date.year  # type: ignore[union-attr]
        if not match.group("y") and ctx.tense == PAST:
            year -= 1  # "results at year-end" told in the past: the last year-end behind the document date
        when = dt.date(year, 12, 31)
        return TimexValue(_day(when), anchor=_doc_anchor(ctx), day=when, year=year)
    match = _EARLIER_IN_MONTH.match(text)
    if match:
        month = MONTHS[match.group("m").rstrip(".")]
        chosen, basis = _choose_year(month, None, ctx)
        mod = {"early": "START", "mid": "MID", "late": "END"}.get(
            text.split(" ", maxsplit=1)[0].split("-", maxsplit=1)[0]
        )
        return TimexValue(_month(chosen, month), mod=mod, anchor=basis, year=chosen)
    match = _YEAR.match(text)
    if match:
        year = int(match.group("y"))
        return TimexValue(f"{year:04d}", mod=PART_MODS.get(match.group("part") or ""), anchor="explicit", year=year)
    match = _DECADE.match(text)
    if match:
        if match.group("c"):
            value = match.group("c") + match.group("d")
        else:
            value = "19" + (match.group("d2") or "0")[0]
        return TimexValue(value, mod=PART_MODS.get(match.group("part") or ""), anchor="explicit")
    match = _DECADE_WORD.match(text)
    if match:
        value = f"19{DECADE_WORDS[match.group('w')]}"
        return TimexValue(value, mod=PART_MODS.get(match.group("part") or ""), anchor="explicit; century assumed 19xx")
    match = _CENTURY.match(text)
    if match:
        value = f"{int(match.group('n')) - 1:02d}"
        return TimexValue(value, mod=PART_MODS.get(match.group("part") or ""), anchor="explicit")
    match = _PART_OF_UNIT.match(text)
    if match and ctx.doc_date is not None:
        part = match.group("part") or "the end of"
        unit = match.group("unit") or match.group("unit2")
        direction = (match.group("dir") or "").strip()
        mod = PART_MODS.get(part)
        if part in ("earlier", "later"):
            mod = None
            if unit not in ("year", "month", "week", "day"):
                return None
        ref = ctx.doc_date
        sign = -1 if direction == "last" else 1 if direction == "next" else 0
        anchor = _doc_anchor(ctx)
        if match.group("that") and not direction:
            # "later that year", "early that month": the year or month of the date the text just told.
            if unit == "year" and ctx.last_year is not None:
                year = ctx.last_year
                return TimexValue(f"{year:04d}", mod=mod, anchor=f"previous year {year}", year=year)
            if ctx.last_day is not None:
                ref = ctx.last_day
                anchor = f"previous date {ref.isoformat()}"
        if unit == "year":
            year = ref.year + sign
            return TimexValue(f"{year:04d}", mod=mod, anchor=anchor, year=year)
        if unit == "month":
            year, month = _shift_months(ref.year, ref.month, sign)
            return TimexValue(_month(year, month), mod=mod, anchor=anchor, year=year)
        if unit == "week":
            return TimexValue(_week(ref + dt.timedelta(days=7 * sign)), mod=mod, anchor=anchor, year=ref.year)
        if unit == "day":
            base = ctx.last_day or ref
            return TimexValue(_day(base), mod=mod, anchor=anchor, day=base, year=base.year)
        return None
    if _NEW_YEAR.match(text) and ctx.doc_date is not None:
        year = ctx.doc_date.year + (1 if ctx.doc_date.month >= 9 or "new" not in text else 0)
        return TimexValue(f"{year:04d}", anchor=_doc_anchor(ctx), year=year)
    return None


def _duration(text: str) -> TimexValue | None:
    if _AGE.search(text):
        return None
    match = _LONG_WORD.match(text)
    if match:
        return TimexValue(_duration_value(1, match.group("unit")), "DURATION", anchor="duration")
    match = _DURATION.match(text)
    if not match:
        return None
    count = match.group("n")
    n: float | None
    if count is None:
        bare = re.match(r"^(?:the )?[a-z]+s$", text)  # "years", "the weeks ahead": an unknown number of units
        if match.group("pl") is None and not bare and not re.search(r" (?:ahead|to come|past)$", text):
            return None
        n = 1
    elif count in VAGUE_COUNTS:
        n = None
    else:
        n = _num(count)
        if n is None:
            return None
    if "and a half" in text and n is not None:
        n += 0.5
    unit = match.group(_DURATION.groupindex["n"] + 1)
    unit = re.search(_UNIT_RE, text).group(1) if unit is None else unit  # type: ignore[union-attr]
    if count is None and unit.endswith("s") and _unit_key(unit) != unit:
        n = None
    if _unit_key(unit) == "quarter" and n == 1:
        return None  # "a quarter" is mostly a fraction ("a quarter of the shares"), not three months
    mod = MODIFIERS.get(match.group("mod") or "")
    return TimexValue(_duration_value(n, unit), "DURATION", mod=mod, anchor="duration")


def _set(text: str) -> TimexValue | None:
    named = _NAMED_SET.match(text)
    if named:
        # "each Thursday" recurs on that weekday (XXXX-WXX-4), "every July" in that month (XXXX-07).
        if named.group("wd"):
            value = f"XXXX-WXX-{WEEKDAYS[named.group('wd').rstrip('.')] + 1}"
            if named.group("pod"):
                value += "T" + PART_OF_DAY_CODES[named.group("pod")]
            return TimexValue(value, "SET", anchor="recurring")
        return TimexValue(f"XXXX-{MONTHS[named.group('m').rstrip('.')]:02d}", "SET", anchor="recurring")
    match = _SET.match(text)
    if not match:
        return None
    if match.group("adv"):
        unit = {
            "daily": "D", "nightly": "D", "weekly": "W", "monthly": "M", "annually": "Y", "yearly": "Y",
            "annual": "Y", "hourly": "TH", "biweekly": "W", "biennially": "Y", "quarterly": "Q",
        }[match.group("adv")]  # fmt: skip
        count = {"biweekly": "2", "biennially": "2", "quarterly": "3"}.get(match.group("adv"), "1")
        if unit == "Q":
            unit, count = "M", "3"
        if unit == "TH":
            return TimexValue(f"PT{count}H", "SET", anchor="recurring")
        return TimexValue(f"P{count}{unit}", "SET", anchor="recurring")
    unit = match.group("unit")
    every = {"other ": 2, "two ": 2, "three ": 3, "four ": 4, "five ": 5, "ten ": 10}.get(match.group("n") or "", 1)
    if unit in SEASONS:
        return TimexValue(f"XXXX-{SEASONS[unit]}", "SET", anchor="recurring")
    if unit in ("morning", "evening"):
        return TimexValue(f"TM{'O' if unit == 'morning' else 'EV'}", "SET", anchor="recurring")
    return TimexValue(_duration_value(every, unit), "SET", anchor="recurring")


# "future quarters", "in future years": the future in units, no count of them (TimeML FUTURE_REF).
_FUTURE_UNITS = re.compile(r"^(?:the )?future (?:days|weeks|months|quarters|years|decades|generations)$")


def _refs(text: str, ctx: Context) -> TimexValue | None:
    if _FUTURE_UNITS.match(text):
        return TimexValue("FUTURE_REF", anchor="vague reference to the future")
    if text in PRESENT_WORDS:
        return TimexValue("PRESENT_REF", anchor="vague reference to the present")
    if text in PAST_WORDS:
        return TimexValue("PAST_REF", anchor="vague reference to the past")
    if text in FUTURE_WORDS:
        return TimexValue("FUTURE_REF", anchor="vague reference to the future")
    return None


def _strip_part_of_day(text: str) -> str:
    return re.sub(rf"(?:,? (?:in the |at )?{PART_OF_DAY}| night)$", "", text)


_RULES = (
    _any_year,
    _refs,
    _business_period,
    _deictic,
    _part_of_day_alone,
    _anaphoric,
    _holiday,
    _named_day,
    _era_year,
    _week_of,
    _weekday,
    _absolute_day,
    _relative,
    _relative_unit,
    _bare_season,
    _calendar_units,
    _clock,
)


PART_OF_DAY_CODES = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI",
                     "overnight": "NI"}  # fmt: skip
_NAMED_DAY = re.compile(r"\b(?:yesterday|tomorrow|" + _WEEKDAY_RE[3:-4] + r")\b|\d")
_PART_OF_DAY_WORD = re.compile(r"\b(morning|afternoon|evening|night|tonight|overnight)$")


def _with_part_of_day(text: str, result: TimexValue) -> TimexValue:
    """'Friday morning' is the Friday's morning (TIMEX3 2013-05-03TMO), a time of that day."""
    match = _PART_OF_DAY_WORD.search(text)
    if match is None or result.timex_type != "DATE" or not _ISO_DAY.match(result.value):
        return result
    if _NAMED_DAY.search(text) and match.group(1) != "evening":
        # "Friday night", "yesterday afternoon": the named day is the value readers anchor on; an evening is
        # only ever that day's evening, so "Thursday evening" keeps it (TEV) as TimeML marks it.
        return result
    code = PART_OF_DAY_CODES[match.group(1)]
    return TimexValue(f"{result.value}T{code}", "TIME", anchor=result.anchor, day=result.day, year=result.year)


def normalize_phrase(phrase: str, ctx: Context) -> TimexValue | None:
    """The TIMEX3 value of `phrase` in `ctx`, or None when the phrase is not a usable time expression.

    The one guard for all date arithmetic: a value counted past year 1 or year 9999 ("yesterday" on
    0001-01-01) stays unresolved and says why, instead of raising OverflowError deep in a rule.
    """
    try:
        result = _normalize_phrase(phrase, ctx)
    except OverflowError:
        return _outside_calendar(ctx)
    except ValueError as exc:
        if "out of range" not in str(exc):  # only a date built past the calendar's ends; a bug stays loud
            raise
        return _outside_calendar(ctx)
    if result is not None and result.year is not None and not dt.MINYEAR <= result.year <= dt.MAXYEAR:
        return _outside_calendar(ctx)
    return result


def _outside_calendar(ctx: Context) -> TimexValue:
    base = ctx.last_day or ctx.doc_date
    counted = f" counted from {base.isoformat()}" if base is not None else ""
    return TimexValue(
        "XXXX-XX-XX", anchor=f"unresolved: the date falls outside the calendar (years 1 to 9999){counted}"
    )


def _normalize_phrase(phrase: str, ctx: Context) -> TimexValue | None:
    text = _clean(phrase)
    if not text:
        return None
    for candidate in dict.fromkeys((text, _strip_part_of_day(text), re.sub(r"^the ", "", text))):
        if not candidate:
            continue
        for rule in _RULES:
            result = rule(candidate, ctx)
            if result is not None:
                return _with_part_of_day(text, result)
    return _set(text) or _duration(text)

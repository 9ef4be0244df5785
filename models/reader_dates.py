"""Dates as a reader types them in a question: a year, a month, a day, or a range of them.

"2023", "March 2023", "5 March 2023", "2023-03-05" and "2023-01 to 2023-03" are each read as the calendar
days they cover, so "from March 2023" starts on 1 March and "to March 2023" ends on 31 March. ISO dates
are read directly; anything else goes to dateparser (English), which must find a year in it: "December"
alone could be any December. A date that cannot be read raises `InvalidDateError` with examples.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from models.errors import InvalidDateError
from models.filters import date_interval

_ISO = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
# "2023-01 to 2023-03", "from Jan 2023 until March 2023", "between 2022 and 2023", "2022–2023", "2023-01..2023-03".
_RANGE = re.compile(
    r"^\s*(?:from|between)?\s*(?P<first>.+?)\s*(?:\s(?:to|until|till|through|thru|and)\s|\s-\s|[–—]|\.\.)\s*"
    r"(?P<last>.+?)\s*$",
    re.IGNORECASE,
)
EXAMPLES = "a year (2023), a month (March 2023), a day (5 March 2023 or 2023-03-05) or a range (2023-01 to 2023-03)"


@dataclass(frozen=True, slots=True)
class DateSpan:
    """The calendar days a reader's date covers, both ends included; `ranged` when the reader wrote a range."""

    first: dt.date
    last: dt.date
    ranged: bool = False


def read_dates(text: str) -> DateSpan:
    """The days `text` names: one period ("March 2023") or a range of two ("2023-01 to 2023-03")."""
    value = text.strip()
    if not value:
        raise InvalidDateError(f"No date was given; write {EXAMPLES}.")
    single = _period(value)
    if single is not None:
        return DateSpan(*single)
    match = _RANGE.match(value)
    if match is None:
        raise InvalidDateError(f"“{value}” is not a date that can be read; write {EXAMPLES}.")
    first, last = _period(match["first"]), _period(match["last"])
    for part, read in ((match["first"], first), (match["last"], last)):
        if read is None:
            raise InvalidDateError(f"“{part}” in “{value}” is not a date that can be read; write {EXAMPLES}.")
    assert first is not None and last is not None
    if first[0] > last[1]:
        raise InvalidDateError(f"“{value}” starts after it ends; write the earlier date first.")
    return DateSpan(first[0], last[1], ranged=True)


def _period(text: str) -> tuple[dt.date, dt.date] | None:
    """The first and last day of one year, month, week or day, or None when `text` names none."""
    text = text.strip()
    if _ISO.fullmatch(text):
        return date_interval(text)
    return _dateparser_period(text)


def _dateparser_period(text: str) -> tuple[dt.date, dt.date] | None:
    """dateparser's reading, trusted only as far as the text goes: "13/2023" has no month, so no day either."""
    found = _parser(("year",)).get_date_data(text)
    if found.date_obj is None:
        return None
    period = str(found.period)
    needed = {"day": ("day", "month", "year"), "week": ("year",), "month": ("month", "year"), "year": ("year",)}
    if period not in needed or _parser(needed[period]).get_date_data(text).date_obj is None:
        return None
    day: dt.date = found.date_obj.date()  # dateparser is untyped
    if period == "year":
        return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
    if period == "month":
        return day.replace(day=1), day.replace(day=calendar.monthrange(day.year, day.month)[1])
    if period == "week":
        return day, day + dt.timedelta(days=6)
    return day, day


_PARSERS: dict[tuple[str, ...], object] = {}


def _parser(parts: tuple[str, ...]) -> Any:
    """One English DateDataParser that insists on `parts` of a date (made once: each takes a while to build)."""
    from dateparser.date import DateDataParser  # imported when first needed: it takes a second to load

    if parts not in _PARSERS:
        _PARSERS[parts] = DateDataParser(
            languages=["en"], settings={"REQUIRE_PARTS": list(parts), "PREFER_DAY_OF_MONTH": "first"}
        )
    return _PARSERS[parts]

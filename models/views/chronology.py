"""The order a reader expects events in when some (or all) dates lack a year.

Why not month order: a story written in December about October to January, with no date of its
own, has every date without a year; sorting by month puts "Jan" before "Oct 7". Dated events come
first, by date; those with a month but no year follow in month order starting from the month the
text mentions first (so Oct, Nov, Dec, Jan), then the undated ones in text order.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence

from models.domain import Event
from models.filters import date_interval

_NO_YEAR = re.compile(r"^XXXX-(\d{2})(?:-(\d{2}))?")

OrderKey = tuple[int, dt.date, dt.date, int]


def _month_day(event: Event) -> tuple[int, int] | None:
    m = _NO_YEAR.match(event.date or "")
    if m and 1 <= int(m[1]) <= 12:
        return int(m[1]), int(m[2] or 0)
    return None


def reading_order(events: Sequence[Event]) -> Callable[[Event], OrderKey]:
    """A sort key for these events: dated, then year unknown (months from the first one read), then undated."""
    first_read = min(((e.start, md[0]) for e in events if (md := _month_day(e)) is not None), default=(0, 1))[1]

    def key(event: Event) -> OrderKey:
        interval = date_interval(event.date)
        if interval is not None:
            return (0, interval[0], interval[1], event.start)
        md = _month_day(event)
        if md is not None:
            month = (md[0] - first_read) % 12 + 1  # the first month read counts as the first of the year
            day = max(1, min(md[1], 28))
            when = dt.date(1, month, day)
            return (1, when, when, event.start)
        return (2, dt.date.max, dt.date.max, event.start)

    return key

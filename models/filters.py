"""The one filter state shared by the panels, the article view and the reports.

Facets combine the way readers of Zotero and Hypothesis expect: AND across facets, OR within a
facet. An empty facet means "no constraint". Visibility switches (the check boxes of the actors
panel) are kept apart from facets because they hide highlights without narrowing the lists.

The state is an immutable value: every change makes a new one, so a panel can compare the old
and new state and the GUI can keep an undo-free history of it cheaply.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from models.domain import Actor, Analysis, Event, TimeExpression

# Layer keys for the kinds of highlight that are not actor types.
EVENT_LAYER = "EVENT"
TIME_LAYER = "TIME"
READER_LAYER = "READER"
PRONOUN_LAYER = "PRONOUN"  # pronoun mentions of actors ("he", "her"), which a reader may prefer unmarked

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")


def parse_day(value: str | None) -> dt.date | None:
    """The calendar day of a YYYY-MM-DD value (a longer TIMEX3 value is cut to its day), else None."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def parse_moment(value: str | None) -> tuple[dt.date, dt.time | None] | None:
    """The day and, when given, the local time of an ISO 8601 document date, else None.

    Why: a document's creation time often carries a time ("1998-02-13T14:26:00", "1998-02-13 14:26Z");
    the day stays the writer's own calendar day (an offset is kept, never converted), and the time lets
    "tonight" written after midnight mean the night that began the day before.
    """
    if not value or len(value) > 40:
        return None
    text = value.strip()
    try:
        if len(text) <= 10:
            return dt.date.fromisoformat(text), None
        moment = dt.datetime.fromisoformat(text[:-1] + "+00:00" if text[-1:] in "zZ" else text)
    except ValueError:
        return None
    return moment.date(), moment.timetz()


def normalize_document_date(value: str) -> str | None:
    """`value` as the canonical document date ("1998-02-13" or "1998-02-13T14:26[:SS][offset]"), else None."""
    parsed = parse_moment(value)
    if parsed is None:
        return None
    day, clock = parsed
    if clock is None:
        return day.isoformat()
    spec = "seconds" if clock.second or clock.microsecond else "minutes"
    text = f"{day.isoformat()}T{clock.replace(microsecond=0).isoformat(timespec=spec)}"
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def date_interval(value: str | None) -> tuple[dt.date, dt.date] | None:
    """The calendar days a TIMEX3 value covers (inclusive), or None when it names no dated period.

    Why: a date-range filter must keep "2015-08" when the range is 2015-08-20..2015-08-25, so
    values are compared as intervals, not as strings.
    """
    if not value:
        return None
    try:
        if m := _DAY.match(value):
            day = dt.date(int(m[1]), int(m[2]), int(m[3]))
            return day, day
        if m := _MONTH.match(value):
            first = dt.date(int(m[1]), int(m[2]), 1)
            return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])
        if m := _YEAR.match(value):
            year = int(m[1])
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        if m := _WEEK.match(value):
            monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return monday, monday + dt.timedelta(days=6)
        if m := _QUARTER.match(value):
            year, q = int(m[1]), int(m[2])
            first = dt.date(year, 3 * q - 2, 1)
            return first, dt.date(year, 3 * q, calendar.monthrange(year, 3 * q)[1])
    except (ValueError, OverflowError):  # past year 1 or 9999: names no period the calendar can hold
        return None
    return None


_NO_YEAR = re.compile(r"^XXXX-(\d{2})(?:-(\d{2}))?")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def chronological_key(event: Event) -> tuple[int, dt.date, dt.date, int]:
    """Sort key: dated events by date (shorter periods first on ties), then those with a month but no
    year (by month and day), then undated ones; ties by position in the text."""
    interval = date_interval(event.date)
    if interval is not None:
        return (0, interval[0], interval[1], event.start)
    m = _NO_YEAR.match(event.date or "")
    if m and 1 <= int(m[1]) <= 12:
        day = min(int(m[2] or 1), 28)
        when = dt.date(1, int(m[1]), day)
        return (1, when, when, event.start)
    return (2, dt.date.max, dt.date.max, event.start)


def display_date(value: str | None) -> str:
    """A TIMEX3 value as a reader would write it ("Oct 7, year unknown" for XXXX-10-07)."""
    if not value:
        return "undated"
    m = _NO_YEAR.match(value)
    if m and 1 <= int(m[1]) <= 12:
        month = _MONTHS[int(m[1]) - 1]
        return f"{month} {int(m[2])}, year unknown" if m[2] else f"{month}, year unknown"
    return value


class ReaderItem(Protocol):
    """What the filter needs from a reader highlight or note (kept structural to avoid coupling)."""

    @property
    def category(self) -> str | None: ...

    @property
    def tags(self) -> Sequence[str]: ...


@dataclass(frozen=True, slots=True)
class FilterState:
    """What the reader chose to see.

    Attributes:
        hidden_layers: actor types (PERSON, ORG, PLACE, GROUP) and layers (EVENT, TIME, READER)
            whose highlights are switched off.
        hidden_actors: actor ids whose highlights are switched off.
        event_types: facet; events of any of these types (empty: all).
        actors: facet; events involving any of these actors (empty: all).
        date_from, date_to: facet; events whose date overlaps [date_from, date_to]. Undated
            events fail an active date facet.
        categories: facet; reader highlights of any of these colour categories (empty: all).
        tags: facet; reader items carrying any of these tags (empty: all).
        text: free-text search (case-insensitive substring) used by the lists.
    """

    hidden_layers: frozenset[str] = frozenset()
    hidden_actors: frozenset[str] = frozenset()
    event_types: frozenset[str] = frozenset()
    actors: frozenset[str] = frozenset()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    categories: frozenset[str] = frozenset()
    tags: frozenset[str] = frozenset()
    text: str = ""

    # ----- building new states --------------------------------------------------------------

    def with_layer(self, layer: str, visible: bool) -> FilterState:
        return replace(self, hidden_layers=_toggle(self.hidden_layers, layer, not visible))

    def with_actor(self, actor_id: str, visible: bool) -> FilterState:
        return replace(self, hidden_actors=_toggle(self.hidden_actors, actor_id, not visible))

    def with_actors_visible(self, actor_ids: Iterable[str], visible: bool) -> FilterState:
        ids = frozenset(actor_ids)
        hidden = self.hidden_actors - ids if visible else self.hidden_actors | ids
        return replace(self, hidden_actors=hidden)

    def with_facets(self, **changes: object) -> FilterState:
        """A copy with facet fields replaced (sets are frozen for you)."""
        fixed = {k: frozenset(v) if isinstance(v, set | list | tuple) else v for k, v in changes.items()}
        return replace(self, **fixed)  # type: ignore[arg-type]

    @property
    def has_event_facets(self) -> bool:
        return bool(self.event_types or self.actors or self.date_from or self.date_to)

    # ----- questions ----------------------------------------------------------------------------

    def layer_visible(self, layer: str) -> bool:
        return layer not in self.hidden_layers

    def actor_visible(self, actor: Actor) -> bool:
        """Whether an actor's mentions are highlighted (its type and itself are switched on)."""
        return str(actor.type) not in self.hidden_layers and actor.id not in self.hidden_actors

    def event_matches(self, event: Event, *, use_text: bool = True) -> bool:
        """Whether an event passes every event facet (AND), each satisfied by any value (OR)."""
        if self.event_types and str(event.type) not in self.event_types:
            return False
        if self.actors and not self.actors.intersection(_event_actor_ids(event)):
            return False
        if self.date_from is not None or self.date_to is not None:
            interval = date_interval(event.date)
            if interval is None:
                return False
            if self.date_from is not None and interval[1] < self.date_from:
                return False
            if self.date_to is not None and interval[0] > self.date_to:
                return False
        return not (use_text and self.text and self.text.casefold() not in event.text.casefold())

    def event_visible(self, event: Event) -> bool:
        """Whether an event's trigger is highlighted in the article (the list's text search does not apply)."""
        return EVENT_LAYER not in self.hidden_layers and self.event_matches(event, use_text=False)

    def time_visible(self, _time: TimeExpression) -> bool:
        return TIME_LAYER not in self.hidden_layers

    def reader_item_matches(self, item: ReaderItem, searchable: str = "") -> bool:
        """Whether a reader highlight or note passes the category, tag and text facets."""
        if self.categories and (item.category or "") not in self.categories:
            return False
        if self.tags and not self.tags.intersection(item.tags):
            return False
        return not (self.text and self.text.casefold() not in searchable.casefold())

    # ----- whole-analysis views ---------------------------------------------------------------

    def visible_actors(self, analysis: Analysis) -> list[Actor]:
        return [a for a in analysis.actors if self.actor_visible(a)]

    def visible_events(self, analysis: Analysis) -> list[Event]:
        """Events passing the facets, in chronological order (undated last)."""
        return sorted((e for e in analysis.events if self.event_matches(e)), key=chronological_key)

    def visible_times(self, analysis: Analysis) -> list[TimeExpression]:
        return [t for t in analysis.times if self.time_visible(t)]

    def hidden_item_ids(self, analysis: Analysis) -> set[str]:
        """Ids of actors and events whose highlights the article must not paint.

        Why: the article view filters painted spans by id; computing this set once per change
        keeps each paint a set lookup, whatever the size of the document.
        """
        hidden = set(self.hidden_actors)
        if EVENT_LAYER not in self.hidden_layers and self.has_event_facets:
            hidden.update(e.id for e in analysis.events if not self.event_visible(e))
        return hidden


def _toggle(values: frozenset[str], value: str, present: bool) -> frozenset[str]:
    return values | {value} if present else values - {value}


def _event_actor_ids(event: Event) -> set[str]:
    ids = set(event.participants)
    for extra in (event.source, event.target, event.place):
        if extra:
            ids.add(extra)
    return ids

"""Timeline data: dated events in lanes (one per actor or per event type), undated ones apart."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from models.domain import EventType
from models.filters import FilterState, display_date
from models.views.index import ViewIndex

LaneMode = Literal["actor", "type"]
NO_ACTOR_LANE = "~none"
_TYPE_ORDER = {str(t): i for i, t in enumerate(EventType)}


@dataclass(frozen=True, slots=True)
class Mark:
    """One event on the time axis: a point (a day) or a span (a week, a month, "early January")."""

    event_id: str
    type: str
    first: dt.date
    last: dt.date
    label: str
    start: int
    end: int
    trigger: str

    @property
    def is_span(self) -> bool:
        return self.last > self.first


@dataclass(frozen=True, slots=True)
class Lane:
    key: str  # actor id, event type, or NO_ACTOR_LANE
    label: str
    kind: str  # actor type (PERSON, ...) for actor lanes, "EVENT" for type lanes, "" for the rest
    marks: tuple[Mark, ...]


@dataclass(frozen=True, slots=True)
class UndatedItem:
    event_id: str
    type: str
    label: str
    trigger: str
    start: int
    end: int
    actors: tuple[str, ...]  # names


@dataclass(frozen=True, slots=True)
class Timeline:
    lanes: tuple[Lane, ...]
    undated: tuple[UndatedItem, ...]
    first: dt.date | None
    last: dt.date | None
    mode: LaneMode
    dated_events: int

    @property
    def empty(self) -> bool:
        return not self.lanes and not self.undated


def _prepared(index: ViewIndex) -> tuple[list[int], list[Mark | UndatedItem]]:
    """Every event as a mark or an undated item, and the event numbers in time order (once per index)."""
    cached = index.cache.get("timeline")
    if cached is None:
        items: list[Mark | UndatedItem] = []
        for i, event in enumerate(index.events):
            span = index.spans[i]
            if span is None or not event.factual or event.dated_by_document_only:
                # Undated, told as hypothetical, planned or negated, or dated only by the document's own date:
                # kept off the axis of what happened, which holds only dates the text gives.
                names = tuple(index.actors[a].name for a in index.event_actors[i])
                label = display_date(event.date)
                if not event.factual:
                    label = f"{event.telling}, {label}"
                elif event.dated_by_document_only:
                    label = f"by {label}, the document's date"
                items.append(UndatedItem(event.id, str(event.type), label, event.text, event.start, event.end, names))
            else:
                items.append(
                    Mark(
                        event.id, str(event.type), span.first, span.last, span.label, event.start, event.end, event.text
                    )
                )

        def key(i: int) -> tuple[int, dt.date, dt.date, int]:
            item = items[i]
            if isinstance(item, Mark):
                return (0, item.first, item.last, item.start)
            return (1, dt.date.min, dt.date.min, item.start)

        cached = (sorted(range(len(items)), key=key), items)
        index.cache["timeline"] = cached
    return cached


def build_timeline(index: ViewIndex, state: FilterState | None = None, mode: LaneMode = "actor") -> Timeline:
    """Lanes for the events the filters show; in actor mode an event sits in the lane of each of its
    shown actors, and events with none of them in a last lane.

    Events are walked in time order, so every lane comes out sorted without sorting it.
    """
    order, items = _prepared(index)
    shown = index.shown_event_indices(state)
    if len(shown) != len(index.events):
        keep = set(shown)
        order = [i for i in order if i in keep]
    marks: dict[str, list[Mark]] = {}
    undated: list[UndatedItem] = []
    first: dt.date | None = None
    last: dt.date | None = None
    hidden_actors = state.hidden_actors if state else frozenset()
    hidden_types = state.hidden_layers if state else frozenset()
    type_of = index.cache.get("actor_types")
    if type_of is None:
        type_of = index.cache["actor_types"] = {a.id: str(a.type) for a in index.analysis.actors}
    for i in order:
        item = items[i]
        if isinstance(item, UndatedItem):
            undated.append(item)
            continue
        if first is None:
            first = item.first
        last = item.last if last is None or item.last > last else last
        if mode == "type":
            marks.setdefault(item.type, []).append(item)
            continue
        keys = [a for a in index.event_actors[i] if a not in hidden_actors and type_of[a] not in hidden_types]
        for key in keys or [NO_ACTOR_LANE]:
            marks.setdefault(key, []).append(item)
    lanes = [_lane(key, group, index, mode) for key, group in marks.items()]
    if mode == "type":
        lanes.sort(key=lambda lane: _TYPE_ORDER.get(lane.key, 99))
    else:
        rank = index.mention_rank
        lanes.sort(key=lambda lane: (lane.key == NO_ACTOR_LANE, -len(lane.marks), rank.get(lane.key, 0), lane.label))
    undated.sort(key=lambda u: u.start)
    return Timeline(tuple(lanes), tuple(undated), first, last, mode, len(order) - len(undated))


def _lane(key: str, marks: list[Mark], index: ViewIndex, mode: LaneMode) -> Lane:
    if mode == "type":
        return Lane(key, key.title(), "EVENT", tuple(marks))
    if key == NO_ACTOR_LANE:
        return Lane(key, "No actor shown", "", tuple(marks))
    actor = index.actors[key]
    return Lane(key, actor.name, str(actor.type), tuple(marks))


# ----- the time axis ---------------------------------------------------------------------------------

_MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# (unit, step, approximate days): the first whose labels are at least `min_gap` pixels apart wins.
_STEPS: tuple[tuple[str, int, float], ...] = (
    ("day", 1, 1),
    ("day", 2, 2),
    ("week", 1, 7),
    ("month", 1, 30.4),
    ("month", 3, 91.3),
    ("year", 1, 365.25),
    ("year", 2, 730.5),
    ("year", 5, 1826),
    ("year", 10, 3652),
    ("year", 50, 18262),
    ("year", 100, 36525),
)


@dataclass(frozen=True, slots=True)
class Tick:
    day: dt.date
    label: str
    major: bool


def ticks(first: dt.date, last: dt.date, px_per_day: float, min_gap: float = 72.0) -> list[Tick]:
    """Axis ticks between two days (inclusive) for a zoom level; majors start a month or a year."""
    unit, step, _days = next(
        ((u, s, d) for u, s, d in _STEPS if d * px_per_day >= min_gap),
        _STEPS[-1],
    )
    out: list[Tick] = []
    if unit in ("day", "week"):
        day = first if unit == "day" else first - dt.timedelta(days=first.weekday())
        stride = dt.timedelta(days=step * (7 if unit == "week" else 1))
        while day <= last and len(out) < 5000:
            major = day.day == 1 or (unit == "week" and day.day <= 7)
            label = f"{day.day} {_MONTH_NAMES[day.month - 1]}"
            if not out or (day.month == 1 and day.day <= (7 if unit == "week" else 1)):
                label += f" {day.year}"
            out.append(Tick(day, label, major))
            if day > dt.date.max - stride:  # the last day the calendar holds
                break
            day += stride
        return out
    if unit == "month":
        year, month = first.year, ((first.month - 1) // step) * step + 1
        while len(out) < 5000 and year <= dt.MAXYEAR:
            day = dt.date(year, month, 1)
            if day > last:
                break
            label = _MONTH_NAMES[month - 1] + (f" {year}" if month == 1 or not out else "")
            out.append(Tick(day, label, month == 1))
            month += step
            if month > 12:
                year, month = year + 1, month - 12
        return out
    year = max(1, first.year - first.year % step)
    while year <= last.year and len(out) < 5000:
        out.append(Tick(dt.date(year, 1, 1), str(year), year % (step * 5) == 0))
        year += step
    return out

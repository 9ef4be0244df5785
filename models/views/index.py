"""Per-analysis facts the overview views recompute from on every filter change.

Why an index: a filter change must redraw the views within 100 ms on an article and 500 ms on a
1-million-word book, so everything that does not depend on the filters (each event's time span,
which actors an event links, who shares a sentence with whom) is worked out once per analysis.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from models.domain import Actor, Analysis, Event
from models.filters import EVENT_LAYER, FilterState, date_interval

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MOD_PARTS = {"START": ("early", 0), "MID": ("mid", 1), "END": ("late", 2)}
_MOD_REACH = 400  # characters around a trigger in which a time expression can lend its modifier
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])|\n\s*")
# Titles and month abbreviations end no sentence: "Mr. Biden", "on Oct. 7".
_ABBREVIATION = re.compile(
    r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|St|Gen|Col|Lt|Sgt|Rep|Sen|Gov|Prof|No|vs|etc|Jr|Sr"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec))\.$"
)

Pair = tuple[str, str, int]  # (a, b, direction) with a < b; direction +1 a->b, -1 b->a, 0 none


@dataclass(frozen=True, slots=True)
class TimeSpan:
    """The days an event's date covers (inclusive) and how a reader would say it."""

    first: dt.date
    last: dt.date
    label: str

    @property
    def is_point(self) -> bool:
        return self.first == self.last


def span_label(value: str, first: dt.date, last: dt.date, part: str | None = None) -> str:
    """ "3 May 2015", "May 2015", "early Jan 2015", "2015", "week 11, 2013", "Q2 2015"."""
    if first == last:
        return f"{first.day} {_MONTHS[first.month - 1]} {first.year}"
    prefix = f"{part} " if part else ""
    if re.match(r"^\d{4}-W\d{2}", value):
        return f"{prefix}week {int(value[6:8])}, {value[:4]}"
    if re.match(r"^\d{4}-Q[1-4]$", value):
        return f"{prefix}{value[5:]} {value[:4]}"
    if re.match(r"^\d{4}-\d{2}$", value):
        return f"{prefix}{_MONTHS[int(value[5:7]) - 1]} {value[:4]}"
    return f"{prefix}{value[:4]}"


def event_span(value: str | None, mod: str | None = None) -> TimeSpan | None:
    """The time span of a TIMEX3 value; START/MID/END keep the first, middle or last third ("early January")."""
    interval = date_interval(value)
    if interval is None or value is None:
        return None
    first, last = interval
    part = None
    if mod in _MOD_PARTS and last > first:
        part, third = _MOD_PARTS[mod]
        days = (last - first).days + 1
        lo = first + dt.timedelta(days=days * third // 3)
        hi = first + dt.timedelta(days=days * (third + 1) // 3 - 1)
        first, last = lo, max(lo, hi)
    return TimeSpan(first, last, span_label(value, interval[0], interval[1], part))


def sentence_starts(text: str) -> list[int]:
    """Start offsets of the sentences of a whole text (paragraph breaks end sentences too)."""
    starts = [0]
    last = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
        if match.group().startswith((".", "!", "?", "…")) and _ABBREVIATION.search(
            text[max(last, match.start() - 6) : match.start() + 1]
        ):
            continue
        if end < len(text) and end > last:
            starts.append(end)
            last = end
    return starts


def event_actor_ids(event: Event) -> tuple[str, ...]:
    """Every actor an event refers to, source and target first, without repeats."""
    seen: dict[str, None] = {}
    for actor_id in (event.source, event.target, *event.participants, event.place):
        if actor_id:
            seen.setdefault(actor_id, None)
    return tuple(seen)


class ViewIndex:
    """What the views need from one analysis, computed once (co-occurrence on first use)."""

    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self.text = analysis.document.text
        self.actors: dict[str, Actor] = analysis.actor_by_id()
        self.events: list[Event] = list(analysis.events)
        self.events_by_id: dict[str, Event] = {e.id: e for e in self.events}
        self.event_actors: list[tuple[str, ...]] = [
            tuple(a for a in event_actor_ids(e) if a in self.actors) for e in self.events
        ]
        mods = self._mods()
        self.spans: list[TimeSpan | None] = [
            event_span(e.date, self._mod_near(mods, e)) if e.date else None for e in self.events
        ]
        self.actor_events: dict[str, list[int]] = {}
        for i, ids in enumerate(self.event_actors):
            for actor_id in ids:
                self.actor_events.setdefault(actor_id, []).append(i)
        self.mention_rank: dict[str, int] = {
            a.id: r for r, a in enumerate(sorted(analysis.actors, key=lambda a: (-len(a.mentions), a.name, a.id)))
        }
        self._pairs: list[list[Pair]] | None = None
        # Other modules' per-analysis results (the timeline's sorted marks, ...).
        self.cache: dict[str, Any] = {}
        self._cooccurrence: Counter[tuple[str, str]] | None = None
        self._cooccurrence_key: tuple[str, ...] = ()
        self._actor_sentences: dict[str, list[int]] = {}
        self._sentences: list[int] | None = None
        self._edge_cache: dict[tuple[object, ...], tuple[Counter[tuple[str, str]], Counter[tuple[str, str]]]] = {}

    # ----- dates ---------------------------------------------------------------------------------

    def _mods(self) -> dict[str, tuple[list[int], list[str]]]:
        """Time expressions carrying START/MID/END, by value (positions sorted)."""
        found: dict[str, list[tuple[int, str]]] = {}
        for t in self.analysis.times:
            if t.mod in _MOD_PARTS:
                found.setdefault(t.value, []).append((t.start, t.mod))
        return {v: ([s for s, _ in sorted(x)], [m for _, m in sorted(x)]) for v, x in found.items()}

    @staticmethod
    def _mod_near(mods: dict[str, tuple[list[int], list[str]]], event: Event) -> str | None:
        entry = mods.get(event.date or "")
        if entry is None:
            return None
        starts, values = entry
        i = bisect_left(starts, event.start)
        best = min((j for j in (i - 1, i) if 0 <= j < len(starts)), key=lambda j: abs(starts[j] - event.start))
        return values[best] if abs(starts[best] - event.start) <= _MOD_REACH else None

    # ----- filters -------------------------------------------------------------------------------

    def shown_event_indices(self, state: FilterState | None) -> list[int]:
        """Events the views draw: those passing the event facets, none when the event layer is off.

        The list's text search is left out, as for the article's highlights and the reports.
        """
        if state is None:
            return list(range(len(self.events)))
        if not state.layer_visible(EVENT_LAYER):
            return []
        if not state.has_event_facets:
            return list(range(len(self.events)))
        return [i for i, e in enumerate(self.events) if state.event_matches(e, use_text=False)]

    # ----- links between actors -----------------------------------------------------------------

    def pairs(self) -> list[list[Pair]]:
        """For every event, the actor pairs it links; source->target pairs carry their direction."""
        if self._pairs is None:
            result: list[list[Pair]] = []
            for event, ids in zip(self.events, self.event_actors, strict=True):
                pairs: list[Pair] = []
                for i, a in enumerate(ids):
                    for b in ids[i + 1 :]:
                        lo, hi = (a, b) if a < b else (b, a)
                        direction = 0
                        if {a, b} == {event.source, event.target}:
                            direction = 1 if event.source == lo else -1
                        pairs.append((lo, hi, direction))
                result.append(pairs)
            self._pairs = result
        return self._pairs

    def event_links(self, state: FilterState | None) -> tuple[Counter[tuple[str, str]], Counter[tuple[str, str]]]:
        """Shared-event counts per actor pair, and source->target counts per ordered pair.

        Cached per event-facet combination: hiding an actor changes the nodes, not the counts.
        """
        key: tuple[object, ...] = (
            () if state is None else (state.layer_visible(EVENT_LAYER), state.event_types, state.actors),
            () if state is None else (state.date_from, state.date_to),
        )
        cached = self._edge_cache.get(key)
        if cached is not None:
            return cached
        weights: Counter[tuple[str, str]] = Counter()
        directed: Counter[tuple[str, str]] = Counter()
        pairs = self.pairs()
        for i in self.shown_event_indices(state):
            for a, b, direction in pairs[i]:
                weights[(a, b)] += 1
                if direction > 0:
                    directed[(a, b)] += 1
                elif direction < 0:
                    directed[(b, a)] += 1
        if len(self._edge_cache) > 16:
            self._edge_cache.clear()
        self._edge_cache[key] = (weights, directed)
        return weights, directed

    def sentences(self) -> list[int]:
        if self._sentences is None:
            self._sentences = sentence_starts(self.text)
        return self._sentences

    def actor_sentences(self, actor_id: str) -> list[int]:
        """Numbers of the sentences mentioning an actor (sorted, no repeats; computed on first use)."""
        cached = self._actor_sentences.get(actor_id)
        if cached is None:
            starts = self.sentences()
            actor = self.actors[actor_id]
            cached = sorted({bisect_right(starts, m.start) - 1 for m in actor.mentions})
            self._actor_sentences[actor_id] = cached
        return cached

    def cooccurrence(self, actor_ids: Iterable[str]) -> Counter[tuple[str, str]]:
        """How many sentences each pair of these actors shares.

        Why per set of actors: counting every pair of a book's thousands of actors takes seconds,
        while the network only ever draws a few dozen of them.
        """
        ids = tuple(sorted(set(actor_ids)))
        if ids == self._cooccurrence_key and self._cooccurrence is not None:
            return self._cooccurrence
        by_sentence: dict[int, list[str]] = {}
        for actor_id in ids:
            for sentence in self.actor_sentences(actor_id):
                by_sentence.setdefault(sentence, []).append(actor_id)
        counts: Counter[tuple[str, str]] = Counter()
        for members in by_sentence.values():
            if len(members) > 1:
                for i, a in enumerate(members):
                    for b in members[i + 1 :]:
                        counts[(a, b)] += 1
        self._cooccurrence_key, self._cooccurrence = ids, counts
        return counts

    def actors_in(self, event_indices: Iterable[int]) -> set[str]:
        ids: set[str] = set()
        for i in event_indices:
            ids.update(self.event_actors[i])
        return ids

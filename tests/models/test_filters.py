"""The shared filter state: AND across facets, OR within one, dates compared as intervals."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pytest

from models.domain import Actor, ActorType, Analysis, Document, Event, EventType, Mention
from models.filters import EVENT_LAYER, FilterState, chronological_key, date_interval


def _analysis() -> Analysis:
    text = "Kim met Park in Seoul. Kim attacked. Park called."
    actors = [
        Actor("a1", "Kim", ActorType.PERSON, mentions=[Mention(0, 3, "Kim"), Mention(23, 26, "Kim")]),
        Actor("a2", "Park", ActorType.PERSON, mentions=[Mention(8, 12, "Park"), Mention(37, 41, "Park")]),
        Actor("a3", "Seoul", ActorType.PLACE, mentions=[Mention(16, 21, "Seoul")]),
    ]
    events = [
        Event("e1", EventType.MEETING, 4, 7, "met", date="2015-08-20", participants=["a1", "a2"], place="a3"),
        Event("e2", EventType.ATTACK, 27, 35, "attacked", date="2015-08", participants=["a1"], source="a1"),
        Event("e3", EventType.CALL, 42, 48, "called", date=None, participants=["a2"], source="a2"),
    ]
    return Analysis(Document(text), "1", "test", actors=actors, events=events)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2015-08-21", (dt.date(2015, 8, 21), dt.date(2015, 8, 21))),
        ("2015-08-21T14:30", (dt.date(2015, 8, 21), dt.date(2015, 8, 21))),
        ("2015-02", (dt.date(2015, 2, 1), dt.date(2015, 2, 28))),
        ("2015-12", (dt.date(2015, 12, 1), dt.date(2015, 12, 31))),
        ("2016", (dt.date(2016, 1, 1), dt.date(2016, 12, 31))),
        ("2013-W11", (dt.date(2013, 3, 11), dt.date(2013, 3, 17))),
        ("2015-Q4", (dt.date(2015, 10, 1), dt.date(2015, 12, 31))),
        ("XXXX-10-07", None),
        ("PAST_REF", None),
        ("P1M", None),
        (None, None),
        ("2015-02-30", None),
    ],
)
def test_date_interval(value: str | None, expected: object) -> None:
    assert date_interval(value) == expected


def test_no_facets_keeps_everything_and_orders_undated_last() -> None:
    analysis = _analysis()
    state = FilterState()
    assert [e.id for e in state.visible_events(analysis)] == ["e2", "e1", "e3"]
    assert state.hidden_item_ids(analysis) == set()


def test_or_within_a_facet_and_across_facets() -> None:
    analysis = _analysis()
    both_types = FilterState().with_facets(event_types={"MEETING", "CALL"})
    assert [e.id for e in both_types.visible_events(analysis)] == ["e1", "e3"]
    with_actor = both_types.with_facets(actors={"a1"})
    assert [e.id for e in with_actor.visible_events(analysis)] == ["e1"]
    place_counts = FilterState().with_facets(actors={"a3"})
    assert [e.id for e in place_counts.visible_events(analysis)] == ["e1"]


def test_date_range_overlaps_and_drops_undated() -> None:
    analysis = _analysis()
    state = FilterState(date_from=dt.date(2015, 8, 21), date_to=dt.date(2015, 8, 25))
    assert [e.id for e in state.visible_events(analysis)] == ["e2"]  # the month overlaps; the 20th does not
    assert state.hidden_item_ids(analysis) == {"e1", "e3"}


def test_layers_and_actor_switches() -> None:
    analysis = _analysis()
    state = FilterState().with_layer("PERSON", False)
    assert [a.id for a in state.visible_actors(analysis)] == ["a3"]
    state = state.with_layer("PERSON", True).with_actor("a2", False)
    assert [a.id for a in state.visible_actors(analysis)] == ["a1", "a3"]
    assert state.hidden_item_ids(analysis) == {"a2"}
    state = state.with_actors_visible(["a1", "a2"], False).with_actors_visible(["a2"], True)
    assert state.hidden_actors == frozenset({"a1"})
    off = FilterState().with_layer(EVENT_LAYER, False)
    assert not any(off.event_visible(e) for e in analysis.events)
    assert off.visible_events(analysis)  # the list still shows them


def test_text_search_narrows_lists_not_the_article() -> None:
    analysis = _analysis()
    state = FilterState(text="ATTACK")
    assert [e.id for e in state.visible_events(analysis)] == ["e2"]
    assert all(state.event_visible(e) for e in analysis.events)


@dataclass
class _Item:
    category: str | None
    tags: list[str] = field(default_factory=list)


def test_reader_items_by_category_and_tag() -> None:
    state = FilterState(categories=frozenset({"important", "question"}), tags=frozenset({"x", "y"}))
    assert state.reader_item_matches(_Item("important", ["y"]))
    assert not state.reader_item_matches(_Item("evidence", ["y"]))
    assert not state.reader_item_matches(_Item("question", ["z"]))
    assert FilterState(text="kim").reader_item_matches(_Item(None), "Note about KIM")
    assert not FilterState(text="kim").reader_item_matches(_Item(None), "nothing")


def test_chronological_key_places_shorter_periods_first_on_the_same_start() -> None:
    month = Event("m", EventType.OTHER, 10, 11, "x", date="2015-08")
    day = Event("d", EventType.OTHER, 20, 21, "x", date="2015-08-01")
    assert sorted([month, day], key=chronological_key) == [day, month]


def test_year_unknown_dates_sort_between_dated_and_undated_and_read_well() -> None:
    from models.filters import display_date

    dated = Event("d", EventType.OTHER, 50, 51, "x", date="2015-08-01")
    oct7 = Event("o", EventType.OTHER, 5, 6, "x", date="XXXX-10-07")
    nov = Event("n", EventType.OTHER, 1, 2, "x", date="XXXX-11")
    undated = Event("u", EventType.OTHER, 0, 1, "x")
    assert sorted([undated, nov, oct7, dated], key=chronological_key) == [dated, oct7, nov, undated]
    assert display_date("XXXX-10-07") == "Oct 7, year unknown"
    assert display_date("XXXX-11") == "Nov, year unknown"
    assert display_date("2015-08-01") == "2015-08-01"
    assert display_date(None) == "undated"

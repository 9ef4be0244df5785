"""Overview view data: timeline lanes and spans, network links and layout stability, X-Ray, SVG."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from models.domain import Actor, ActorType, Analysis, Document, Event, EventType, Mention, TimeExpression
from models.filters import EVENT_LAYER, FilterState
from models.reader import ReaderNote as Note
from models.text import sentence_starts
from models.views import ViewIndex, build_network, build_timeline, build_xray, report_figures
from models.views.index import event_span
from models.views.network import StableLayout
from models.views.svg import network_svg, timeline_svg
from models.views.timeline import NO_ACTOR_LANE, ticks

TEXT = (
    "Ana Silva met Boris Kohl in Lisbon in early January 2020. "
    "Kohl called Silva <the boss> & left. "
    "Later Silva attacked the plan. "
    "Nobody else spoke."
)


def _m(needle: str, n: int = 0) -> Mention:
    pos = -1
    for _ in range(n + 1):
        pos = TEXT.index(needle, pos + 1)
    return Mention(pos, pos + len(needle), needle)


def analysis() -> Analysis:
    actors = [
        Actor(
            "a1",
            "Ana Silva",
            ActorType.PERSON,
            roles=["mayor"],
            mentions=[_m("Ana Silva"), _m("Silva", 1), _m("Silva", 2)],
        ),
        Actor("a2", "Boris <Kohl>", ActorType.PERSON, mentions=[_m("Boris Kohl"), _m("Kohl", 1)]),
        Actor("a3", "Lisbon", ActorType.PLACE, mentions=[_m("Lisbon")]),
    ]
    met, called, attacked = _m("met"), _m("called"), _m("attacked")
    early = _m("early January 2020")
    events = [
        Event("e1", EventType.MEETING, met.start, met.end, "met", "2020-01", None, ["a1", "a2"], "a1", "a2", "a3"),
        Event("e2", EventType.CALL, called.start, called.end, "called", None, None, ["a1", "a2"], "a2", "a1"),
        Event("e3", EventType.ATTACK, attacked.start, attacked.end, "attacked", "2020-02-03", None, ["a1"], "a1"),
    ]
    times = [TimeExpression("t1", early.start, early.end, early.text, "2020-01", "DATE", "START")]
    return Analysis(Document(TEXT, title="Views"), "test", "fixed", actors, events, times)


def test_month_with_a_modifier_is_a_span_of_its_first_third() -> None:
    span = event_span("2020-01", "START")
    assert span is not None
    assert (span.first, span.last) == (dt.date(2020, 1, 1), dt.date(2020, 1, 10))
    assert span.label == "early Jan 2020"
    assert event_span("2020-01-05").is_point  # type: ignore[union-attr]
    assert event_span("PAST_REF") is None


def test_timeline_lanes_per_actor_and_per_type() -> None:
    index = ViewIndex(analysis())
    timeline = build_timeline(index)
    assert [lane.key for lane in timeline.lanes] == ["a1", "a2", "a3"]
    assert [m.event_id for m in timeline.lanes[0].marks] == ["e1", "e3"]
    meeting = timeline.lanes[0].marks[0]
    assert meeting.is_span and meeting.label == "early Jan 2020"
    assert [u.event_id for u in timeline.undated] == ["e2"]
    assert (timeline.first, timeline.last) == (dt.date(2020, 1, 1), dt.date(2020, 2, 3))
    by_type = build_timeline(index, mode="type")
    assert [lane.key for lane in by_type.lanes] == ["ATTACK", "MEETING"]


def test_filters_change_the_timeline() -> None:
    index = ViewIndex(analysis())
    only_attacks = build_timeline(index, FilterState(event_types=frozenset({"ATTACK"})))
    assert [m.event_id for lane in only_attacks.lanes for m in lane.marks] == ["e3"]
    hidden_people = build_timeline(index, FilterState(hidden_layers=frozenset({"PERSON"})))
    assert [lane.key for lane in hidden_people.lanes] == ["a3", NO_ACTOR_LANE]
    assert build_timeline(index, FilterState(hidden_layers=frozenset({EVENT_LAYER}))).empty


def test_network_links_shared_events_with_direction() -> None:
    index = ViewIndex(analysis())
    network = build_network(index)
    assert [n.id for n in network.nodes] == ["a1", "a2", "a3"]
    links = {(link.a, link.b): link for link in network.links}
    assert links[("a1", "a2")].weight == 2
    assert (links[("a1", "a2")].forward, links[("a1", "a2")].backward) == (1, 1)
    assert links[("a1", "a3")].weight == 1 and links[("a1", "a3")].forward == 0
    sentences = build_network(index, mode="sentences")
    weights = {(link.a, link.b): link.weight for link in sentences.links}
    assert weights == {("a1", "a2"): 2, ("a1", "a3"): 1, ("a2", "a3"): 1}


def test_network_follows_filters() -> None:
    index = ViewIndex(analysis())
    no_places = build_network(index, FilterState(hidden_layers=frozenset({"PLACE"})))
    assert [n.id for n in no_places.nodes] == ["a1", "a2"]
    attacks = build_network(index, FilterState(event_types=frozenset({"ATTACK"})))
    assert [n.id for n in attacks.nodes] == ["a1"] and not attacks.links
    assert build_network(index, max_nodes=2).omitted == 1


def test_layout_is_stable_when_filters_change() -> None:
    index = ViewIndex(analysis())
    layout = StableLayout()
    full = layout.place(build_network(index))
    again = StableLayout().place(build_network(index))
    assert full == again  # fixed seed
    fewer = layout.place(build_network(index, FilterState(hidden_actors=frozenset({"a3"}))))
    assert fewer == {k: v for k, v in full.items() if k != "a3"}
    assert layout.place(build_network(index)) == full  # the hidden node kept its place


def test_new_nodes_do_not_move_known_ones() -> None:
    index = ViewIndex(analysis())
    layout = StableLayout()
    first = layout.place(build_network(index, FilterState(hidden_actors=frozenset({"a3"}))))
    later = layout.place(build_network(index))
    assert {k: later[k] for k in first} == first
    assert "a3" in later


def test_xray_lists_mentions_roles_events_and_notes() -> None:
    index = ViewIndex(analysis())
    notes = [Note("n1", "actor:a1", "Watch her"), Note("n2", "event:e3", "Why?"), Note("n3", "actor:a2", "no")]
    xray = build_xray(index, "a1", notes)
    assert xray is not None
    assert [m.start for m in xray.mentions] == sorted(m.start for m in xray.mentions)
    assert len(xray.mentions) == 3 and xray.roles == ("mayor",)
    assert [(e.id, e.role) for e in xray.events] == [("e1", "source"), ("e2", "target"), ("e3", "source")]
    assert [(n.id, n.about) for n in xray.notes] == [("n1", "this actor"), ("n2", "Attack “attacked”")]
    only_calls = build_xray(index, "a1", (), FilterState(event_types=frozenset({"CALL"})))
    assert only_calls is not None and [e.id for e in only_calls.events] == ["e2"]
    assert build_xray(index, "nobody") is None


def test_sentences_split_on_stops_and_paragraphs() -> None:
    text = "Mr. Smith came. He left!\n\nThen rain."
    starts = sentence_starts(text)
    assert [text[s : s + 4] for s in starts] == ["Mr. ", "He l", "Then"]


def test_ticks_choose_a_readable_unit() -> None:
    days = ticks(dt.date(2020, 1, 1), dt.date(2020, 1, 10), px_per_day=100)
    assert [t.day.day for t in days][:3] == [1, 2, 3]
    years = ticks(dt.date(1990, 1, 1), dt.date(2020, 1, 1), px_per_day=0.1)
    assert all(t.day.month == 1 and t.day.day == 1 for t in years) and len(years) < 20


def test_svg_pictures_parse_and_escape_text() -> None:
    index = ViewIndex(analysis())
    timeline_doc = ET.fromstring(timeline_svg(build_timeline(index)))
    assert timeline_doc.tag.endswith("svg")
    network = build_network(index)
    text = network_svg(network, StableLayout().place(network))
    root = ET.fromstring(text)
    assert root.tag.endswith("svg")
    assert "Boris &lt;Kohl&gt;" in text and "<Kohl>" not in text
    labels = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "Ana Silva" in labels


def test_report_figures_for_an_analysis() -> None:
    figures = report_figures(analysis())
    assert [f.title for f in figures] == ["Timeline", "Actor network"]
    empty = Analysis(Document("Nothing here."), "test", "fixed")
    assert report_figures(empty) == ()


def test_reports_can_include_the_pictures() -> None:
    from models.export import HtmlOptions, build_report, render_html

    plain = build_report(analysis())
    assert plain.figures == () and "<svg" not in render_html(plain)
    report = build_report(analysis(), figures=report_figures)
    assert [title for title, _svg in report.figures] == ["Timeline", "Actor network"]
    page = render_html(report)
    assert page.count("<svg ") == 2 and "Boris &lt;Kohl&gt;" in page
    qt_page = render_html(report, HtmlOptions(flavor="qt"))
    assert qt_page.count('<img src="data:image/svg+xml;base64,') == 2
    filtered = build_report(
        analysis(), filters=FilterState(hidden_layers=frozenset({EVENT_LAYER})), figures=report_figures
    )
    assert [title for title, _svg in filtered.figures] == ["Actor network"]

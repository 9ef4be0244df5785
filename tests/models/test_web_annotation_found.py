"""W3C Web Annotation export of what the analysis found (actors' mentions, events) next to the reader's own
items: both kinds load back through the importer, in place, with their type, names and date."""

from __future__ import annotations

import json
from dataclasses import replace

from models.domain import MentionKind
from models.export import ExportFormat, read_annotations, render_text
from models.filters import FilterState
from tests.gui.reader_fixtures import TEXT, build_analysis
from tests.models.test_export_report import full_report, reader_items


def _export(report) -> dict:
    return json.loads(render_text(report, ExportFormat.JSONLD))


def test_found_actors_and_events_round_trip_with_the_readers_items() -> None:
    analysis = build_analysis()
    data = _export(full_report())
    items = data["first"]["items"]
    found = [i for i in items if i.get("creator", {}).get("type") == "Software"]
    mentions = sum(len(a.mentions) for a in analysis.actors)
    assert len(found) == mentions + len(analysis.events) and data["total"] == len(items) == len(found) + 4 + 3
    for item in found:
        assert {s["type"] for s in item["target"]["selector"]} == {"TextQuoteSelector", "TextPositionSelector"}
        assert item["motivation"] in ("identifying", "classifying")

    layer = read_annotations(data, TEXT)
    assert layer.skipped == []
    placed = {(h.start, h.end, h.category): h for h in layer.highlights}
    for actor in analysis.actors:
        for m in actor.mentions:
            h = placed[(m.start, m.end, str(actor.type).title())]
            assert h.note == actor.name and TEXT[h.start : h.end] == m.text
    meeting = placed[(analysis.events[0].start, analysis.events[0].end, "Meeting")]
    assert "2015-05-03" in meeting.note and "Zoë Müller → François Hollande in Paris" in meeting.note
    call = next(h for h in layer.highlights if h.category == "Call")
    assert TEXT[call.start : call.end] == "called" and "undated" in call.note
    # The reader's own items come back as they were, beside what was found.
    highlights, notes = reader_items()
    by_id = {h.id: h for h in layer.highlights}
    for mine in highlights:
        back = by_id[mine.id]
        assert (back.start, back.end, back.category, back.note) == (mine.start, mine.end, mine.category, mine.note)
        assert back.tags == mine.tags
    assert sorted(n.id for n in layer.notes) == sorted(n.id for n in notes)


def test_found_items_follow_the_layers_shown() -> None:
    state = FilterState(hidden_layers=frozenset({"EVENT", "PLACE"}))
    items = _export(full_report(filters=state))["first"]["items"]
    found = [i for i in items if i.get("creator", {}).get("type") == "Software"]
    names = {b["value"] for i in found for b in i["body"] if b["purpose"] == "identifying"}
    assert names == {"Zoë Müller", "François Hollande"}  # no places
    assert all(i["motivation"] == "identifying" for i in found)  # no events

    analysis = build_analysis()
    a1 = analysis.actors[0]
    third = replace(a1.mentions[2], kind=MentionKind.PRONOUN)
    with_pronoun = replace(analysis, actors=[replace(a1, mentions=[*a1.mentions[:2], third]), *analysis.actors[1:]])
    shown = _export(full_report(with_pronoun))["first"]["items"]
    tagged = [i for i in shown if {"type": "TextualBody", "value": "pronoun", "purpose": "tagging"} in i["body"]]
    assert len(tagged) == 1 and tagged[0]["target"]["selector"][1]["start"] == third.start
    hidden = _export(full_report(with_pronoun, FilterState(hidden_layers=frozenset({"PRONOUN"}))))["first"]["items"]
    starts = {i["target"]["selector"][1]["start"] for i in hidden if isinstance(i["target"], dict)}
    assert third.start not in starts and a1.mentions[0].start in starts

"""The report model every export format renders: order, filters, quotes, progress and cancelling.

Also holds the reader items the other export tests share (built directly, no spaCy).
"""

from __future__ import annotations

import pytest

from models.domain import Analysis
from models.export.report import ExportCancelled, Progress, Report, build_report
from models.filters import EVENT_LAYER, READER_LAYER, FilterState
from models.reader import ReaderHighlight as Highlight
from models.reader import ReaderNote as Note
from models.text import sentence_quote
from tests.gui.reader_fixtures import TEXT, build_analysis, nth

HOSTILE_NOTE = (
    "Check <script>alert('x')</script> and [this](javascript:alert(1)) *now* #urgent\n"
    '=HYPERLINK("http://evil.example")\n\n1. first\n- second | pipe ==mark== %%hidden%% $x$'
)
CATEGORIES = {"Important": "#F0E442", "Question": "#56B4E9", "Evidence": "#009E73", "Unused": "#CC79A7"}


def span(needle: str, n: int = 0) -> tuple[int, int]:
    start = nth(TEXT, needle, n)
    return start, start + len(needle)


def reader_items() -> tuple[list[Highlight], list[Note]]:
    highlights = [
        Highlight("h1", *span("Later Müller called Hollande"), "Important", HOSTILE_NOTE, ("urgent", "-lead")),
        Highlight("h2", *span("Zoë Müller"), "Question", "Who is she?"),
        Highlight("h3", *span("The weather was mild."), "Evidence", "", ("weather",)),
        Highlight("h4", *span("Nobody else spoke."), "Important", "+1 quiet"),
    ]
    notes = [
        Note("n1", "document", "@channel overall a calm piece"),
        Note("n2", "event:e1", "The meeting in Paris", ("meeting",)),
        Note("n3", "actor:a2", "French president, _then_", ("people",)),
    ]
    return highlights, notes


def full_report(
    analysis: Analysis | None = None, filters: FilterState | None = None, progress: Progress | None = None
) -> Report:
    highlights, notes = reader_items()
    return build_report(
        analysis or build_analysis(),
        highlights,
        notes,
        CATEGORIES,
        filters,
        source="/tmp/article.txt",
        progress=progress,
    )


def test_sections_are_ordered_for_reading() -> None:
    report = full_report()
    assert [a.name for a in report.actors][:2] == ["François Hollande", "Zoë Müller"]  # most mentioned first
    assert [e.id for e in report.events] == ["e1", "e3", "e2"]  # dated chronologically, undated last
    assert [g.name for g in report.groups] == ["Important", "Question", "Evidence"]  # the reader's order
    important = report.groups[0].highlights
    assert [h.id for h in important] == ["h1", "h4"] and important[0].quote == "Later Müller called Hollande"
    assert [n.id for n in report.notes] == ["n1", "n2", "n3"]  # document first, then by place in the text
    assert report.notes[2].target_label == "François Hollande"


def test_event_quote_is_its_sentence() -> None:
    report = full_report()
    by_id = {e.id: e for e in report.events}
    assert by_id["e2"].quote == "Later Müller called Hollande 🇫🇷 from Berlin."
    assert by_id["e1"].participants == ("Zoë Müller", "François Hollande") and by_id["e1"].place == "Paris"
    long = "word " * 400 + "trigger " + "word " * 400
    quote = sentence_quote(long, 2000, 2007)
    assert "trigger" in quote and len(quote) < 700 and quote.startswith("…") and quote.endswith("…")


def test_filters_export_what_is_shown() -> None:
    state = FilterState(hidden_layers=frozenset({"PLACE"}), event_types=frozenset({"MEETING"}))
    state = state.with_facets(categories={"Important"})
    report = full_report(filters=state)
    assert report.filtered
    assert {a.type for a in report.actors} == {"PERSON"}
    assert [e.id for e in report.events] == ["e1"]
    assert [g.name for g in report.groups] == ["Important"]
    assert report.notes == ()  # notes have no colour category, so a category facet hides them
    assert {a.id for a in report.analysis.actors} >= {"a3"}  # kept: the meeting's place, so references resolve
    assert [e.id for e in report.analysis.events] == ["e1"]


def test_layers_switched_off_drop_their_items() -> None:
    report = full_report(filters=FilterState(hidden_layers=frozenset({EVENT_LAYER, READER_LAYER})))
    assert report.events == () and report.groups == () and report.notes == ()
    assert len(report.actors) == 4


def test_text_and_tag_facets_reach_reader_items() -> None:
    report = full_report(filters=FilterState(tags=frozenset({"meeting", "weather"})))
    assert [h.id for h in report.highlights()] == ["h3"] and [n.id for n in report.notes] == ["n2"]
    report = full_report(filters=FilterState(text="president"))
    assert report.groups == () and [n.id for n in report.notes] == ["n3"]


def test_progress_is_reported_and_cancel_stops() -> None:
    seen: list[tuple[int, int]] = []
    full_report(progress=lambda done, total: seen.append((done, total)))
    assert seen and seen[-1][0] == seen[-1][1]
    with pytest.raises(ExportCancelled):
        build_report(build_analysis(), cancelled=lambda: True)


def test_filters_that_hide_nothing_export_everything() -> None:
    """A report of "what is shown" with the default view (or a switch for an empty layer) is not "(filtered)"."""
    from models.export import ExportFormat, render_text

    for state in (FilterState(), FilterState(hidden_layers=frozenset({"GROUP"}))):  # the text has no groups
        report = full_report(filters=state)
        assert not report.filtered
        assert report.analysis == build_analysis() and report.highlight_count == 4 and len(report.notes) == 3
        assert "Contents: everything" in render_text(report, ExportFormat.MARKDOWN)
    hidden = full_report(filters=FilterState(hidden_layers=frozenset({"PLACE"})))
    assert hidden.filtered and "Contents: what was shown (filtered)" in render_text(hidden, ExportFormat.MARKDOWN)


def test_an_event_not_told_as_a_fact_says_so_beside_its_date() -> None:
    """'agreed to send shells on Friday': the report's chronology must not read the sending as done that day."""
    from dataclasses import replace

    analysis = build_analysis()
    events = [replace(e, modality="planned") if e.id == "e1" else e for e in analysis.events]
    report = full_report(replace(analysis, events=events))
    by_id = {e.id: e for e in report.events}
    assert by_id["e1"].date_label.startswith("planned, ")
    assert not by_id["e3"].date_label.startswith(("planned", "not"))

"""Reports lead with what the reader made: headline title, a one-line summary, the reader's highlights and
notes, then the chronology, then the actors (most mentioned first, the full table after) and last the undated
events, in Markdown and HTML
alike (the PDF, laid out from the same HTML, is checked in tests/gui/test_export_pdf.py)."""

from __future__ import annotations

from dataclasses import replace

from models.domain import Actor, ActorType, Analysis, Document, Mention, TextBlock
from models.export import ExportFormat, render_text
from models.export.report import Report, build_report, report_title
from models.loaders.text import load_text
from tests.gui.reader_fixtures import TEXT, build_analysis
from tests.models.test_export_report import CATEGORIES, full_report, reader_items

HEADLINE = (
    "President Tester was getting ready to leave for an audacious flight to demonstrate solidarity after the "
    "attack when suddenly the trip seemed to be falling apart before it even began, as advisers argued late."
)


def crowded_report() -> Report:
    """The shared report with ten more actors (one mention each), so there are more than a top ten."""
    analysis = build_analysis()
    extra = [
        Actor(f"x{i}", f"Extra Person {i:02d}", ActorType.PERSON, mentions=[Mention(i, i + 1, TEXT[i])])
        for i in range(10)
    ]
    highlights, notes = reader_items()
    crowded = replace(analysis, actors=[*analysis.actors, *extra])
    return build_report(crowded, highlights, notes, CATEGORIES, source="/tmp/article.txt")


def test_title_is_the_headline_not_the_file_name() -> None:
    text = HEADLINE + "\n\nThe body of the article follows here.\n"
    document = load_text(text.encode(), "000_3e3fdf390eb820a1.txt")
    assert document.title == "000_3e3fdf390eb820a1.txt"  # the loader's fallback for a long first line
    title = build_report(Analysis(document, "test", "none"), source="/tmp/000_3e3fdf390eb820a1.txt").title
    assert title.startswith("President Tester was getting ready") and title.endswith("…")
    assert len(title) <= 90 and "000_" not in title
    # A real title is kept; a first heading beats the first line.
    assert report_title(Document(text, title="Solidarity flight")) == "Solidarity flight"
    start = len(HEADLINE) + 2
    headed = Document(text, title="notes.md", blocks=[TextBlock(start, start + 8, "heading", 1)])
    assert report_title(headed, "/home/r/notes.md") == "The body"


def test_summary_names_the_readers_items_actors_events_and_their_period() -> None:
    assert full_report().summary == (
        "Your 4 highlights and 3 notes; 4 actors and 3 events (2 dated, from 2015-05-03 to 2015-05-04)."
    )
    analysis = build_analysis()
    bare = build_report(replace(analysis, events=[e for e in analysis.events if e.date]))
    assert bare.summary == "4 actors and 2 events, from 2015-05-03 to 2015-05-04."
    undated = build_report(replace(analysis, events=[e for e in analysis.events if not e.date]))
    assert undated.summary == "4 actors and 1 event, none of them dated."


def _in_order(text: str, *parts: str) -> None:
    positions = [text.index(p) for p in parts]
    assert positions == sorted(positions), list(zip(parts, positions, strict=True))


def test_markdown_and_html_lead_with_the_readers_work() -> None:
    report = crowded_report()
    top = [a.name for a in report.top_actors]
    assert len(top) == 10 and top[:2] == ["François Hollande", "Zoë Müller"]  # most mentioned first
    sections = (
        "Your 4 highlights and 3 notes",  # the summary line
        "Your highlights and notes",
        "Important (2)",
        "Later Müller called Hollande",
        "Notes (3)",
        "Chronology (2)",
        "Actors most mentioned (top 10 of 14)",
        "All actors (14)",
        "Undated events (1)",
    )
    markdown = render_text(report, ExportFormat.MARKDOWN)
    assert markdown.startswith("# Test article\n\nYour 4 highlights")
    _in_order(markdown, *sections)
    _in_order(markdown, "1. **François Hollande** (Person), 3 mentions", "2. **Zoë Müller**", "## All actors")
    html = render_text(report, ExportFormat.HTML)
    _in_order(html, "<h1>Test article</h1>", *sections)
    _in_order(html, "<strong>François Hollande</strong>", "All actors (14)", "<td>Extra Person 09</td>")
    # The chronology runs in time order.
    _in_order(markdown, "**2015-05-03** · Meeting", "**2015-05-04** · Attack", "**undated** · Call")

"""Every quote in a Markdown or HTML report (and Copy as Markdown) links back to its passage with dramatis://."""

from __future__ import annotations

import re
from html import unescape

from models.deep_link import DeepLink, parse_link
from models.export import ExportFormat, render_text, selection_markdown
from tests.gui.reader_fixtures import build_analysis
from tests.models.test_export_report import full_report, reader_items


def expected_links() -> set[DeepLink]:
    report = full_report()
    doc = report.sha256
    links = {DeepLink(doc, e.start, e.end) for e in report.events}
    links |= {DeepLink(doc, h.start, h.end, highlight=h.id) for h in report.highlights()}
    links |= {
        DeepLink(doc, n.start, n.end, note=n.id) for n in report.notes if n.start is not None and n.end is not None
    }
    return links


def links_in(text: str, html: bool = False) -> set[DeepLink]:
    urls = re.findall(r"dramatis://open\?[^)\"\s]+", text)
    return {parse_link(unescape(url) if html else url) for url in urls}


def test_markdown_report_links_every_quote() -> None:
    found = links_in(render_text(full_report(), ExportFormat.MARKDOWN))
    assert found == expected_links()
    assert {link.highlight for link in found if link.highlight} == {"h1", "h2", "h3", "h4"}
    assert {link.note for link in found if link.note} == {"n2", "n3"}  # the document note has no passage


def test_html_report_links_every_quote_with_or_without_the_article() -> None:
    for article in (False, True):
        html = render_text(full_report(), ExportFormat.HTML, include_article=article)
        assert links_in(html, html=True) == expected_links()
        assert 'class="place open" href="dramatis://open?doc=' in html


def test_copy_as_markdown_links_highlights_notes_and_events() -> None:
    analysis = build_analysis()
    highlights, notes = reader_items()
    markdown = selection_markdown(analysis, [analysis.events[1], highlights[1], notes[2]])
    doc = analysis.document.sha256
    event = analysis.events[1]
    actor = next(a for a in analysis.actors if a.id == "a2")
    first = min(actor.mentions, key=lambda m: m.start)
    assert links_in(markdown) == {
        DeepLink(doc, event.start, event.end),
        DeepLink(doc, highlights[1].start, highlights[1].end, highlight="h2"),
        DeepLink(doc, first.start, first.end, note="n3"),
    }

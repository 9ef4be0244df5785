"""Markdown reports, read back with a CommonMark parser: escaped reader text, stable bytes, links back."""

from __future__ import annotations

from html.parser import HTMLParser

from markdown_it import MarkdownIt

from models.export import ExportFormat, render_text, selection_markdown
from models.export.markdown import escape, escape_block
from tests.gui.reader_fixtures import build_analysis
from tests.models.test_export_report import HOSTILE_NOTE, full_report, reader_items


class _Collect(HTMLParser):
    """Tags and text of CommonMark's HTML rendering."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.links: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.links += [v or "" for k, v in attrs if k == "href"]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def rendered(markdown: str) -> _Collect:
    parser = _Collect()
    md = MarkdownIt("commonmark").enable("table")
    md.validateLink = lambda _url: True  # type: ignore[method-assign,assignment]  # our escaping must stop javascript:
    parser.feed(md.render(markdown))
    return parser


def test_reader_text_renders_as_written() -> None:
    for text in [HOSTILE_NOTE, "# not a heading", "1. not a list", "- nor this", "a|b <b>x</b> &amp; `c`"]:
        html = rendered(escape_block(text))
        assert set(html.tags) <= {"p", "br"}, html.tags  # paragraphs and line breaks only
        shown = "".join(html.text)
        for line in text.splitlines():
            assert line.strip() in shown
        assert not html.links


def test_inline_escape_keeps_obsidian_syntax_inert() -> None:
    escaped = escape("#tag ==mark== %%comment%% $x$ [[page]]")
    assert escaped == r"\#tag \=\=mark\=\= \%%comment\%% \$x\$ \[\[page\]\]"


def test_report_sections_and_links_back() -> None:
    markdown = render_text(full_report(), ExportFormat.MARKDOWN)
    html = rendered(markdown)
    text = "".join(html.text)
    assert markdown.startswith("# Test article\n")
    assert "script" not in html.tags and "<script>" in text  # the note's tag is text
    assert "javascript:alert(1)" in text and not any(link.startswith("javascript") for link in html.links)
    headings = ("Actors (4)", "Chronology (2)", "Undated events (1)", "Important (2)", "Question (1)", "Notes (3)")
    for heading in headings:
        assert heading in text
    assert html.tags.count("table") == 1 and "François Hollande" in text
    start = markdown.index("Later Müller called Hollande")
    assert "file:///tmp/article.txt#char=60,88" in html.links and start > 0
    assert "Tags: urgent, " in text and "Who is she?" in text


def test_export_twice_gives_the_same_bytes() -> None:
    first = render_text(full_report(), ExportFormat.MARKDOWN)
    assert render_text(full_report(), ExportFormat.MARKDOWN) == first


def test_copy_as_markdown_of_selected_items() -> None:
    analysis = build_analysis()
    highlights, notes = reader_items()
    actor, event = analysis.actors[1], analysis.events[1]
    markdown = selection_markdown(analysis, [actor, event, highlights[1], notes[2]])
    text = "".join(rendered(markdown).text)
    assert "François Hollande" in text and "Person" in text
    assert "Call" in text and "Later Müller called Hollande 🇫🇷 from Berlin." in text
    assert "“Zoë Müller”" in text and "Who is she?" in text and "[Question]" in text
    assert "French president, _then_" in text
    assert selection_markdown(analysis, []) == ""

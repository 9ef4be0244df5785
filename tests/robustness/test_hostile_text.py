"""Hostile text end to end: offsets stay right through loading, analysis, the Qt view and every export.

The document mixes what breaks offset arithmetic: CRLF line ends, control characters, right-to-left
text with directional marks and overrides, combining accents, emoji made of several code points
(ZWJ families, flags), astral letters, zero-width spaces and joiners, a byte-order mark in the
middle and Unicode line separators. Python counts code points, Qt counts UTF-16 units, Markdown
and CSV escape and quote: each stage must still point at exactly the same characters.
"""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from models.domain import Analysis
from models.export import ExportFormat, build_report, read_annotations, render_text
from models.export.html_report import HtmlOptions, render_html
from models.export.markdown import one_line
from models.loaders.text import load_text
from models.reader import ReaderHighlight as Highlight

HOSTILE = (
    "Barack Obama met Angela Merkel in Berlin on Monday, March 3, 2014.\r\n"
    "\r\n"
    "😀👩‍👩‍👧 Obama\u200b said Merkel 🇩🇪 would visit Washington on Friday.\r\n"
    "\r\n"
    "Cafe\u0301 owners in Pa\u0301ris e\u0301\u0300 told Reuters that Angela Merkel\u200d called Obama.\r\n"
    "\u200fשלום\u200e Vladimir Putin\u202e arrived in Moscow\u202c on Tuesday.\x07\x1b[0m\t\x7f\r\n"
    "\ufeffThe Kremlin said 𠜎𝔘𝔫𝔦 Putin met Xi Jinping in Beijing last week.\x0b\x0c\u2028 Merkel left.\r\n"
    "\r\n"
    "<script>alert('x')</script> [link](javascript:alert(1)) <img src=\"http://127.0.0.1:9/t.png\"> "
    '=HYPERLINK("http://example.invalid") Obama spoke to Putin by telephone on Wednesday.\r\n'
)
TEXT = HOSTILE.replace("\r\n", "\n")


def around(needle: str, before: int = 0, after: int = 0) -> tuple[int, int]:
    start = TEXT.index(needle)
    return start - before, start + len(needle) + after


HIGHLIGHTS = [
    Highlight("h1", *around("😀👩‍👩‍👧 Obama\u200b"), "Important", "family emoji <b>bold</b>", ("emoji",)),
    Highlight("h2", *around("e\u0301\u0300 told"), "Question", "=1+1 combining marks"),
    Highlight("h3", *around("\u200fשלום\u200e Vladimir Putin\u202e"), "Evidence", "rtl [x](javascript:alert(1))"),
    Highlight("h4", *around("𠜎𝔘𝔫𝔦 Putin"), "Important"),
    Highlight("h5", *around("2014.\n\n😀"), "Question", "across a paragraph break"),
    Highlight("h6", *around("\x07\x1b[0m\t\x7f"), "Evidence", "control characters"),
    Highlight("h7", *around("<script>alert('x')</script>"), "Important", "<script>alert(2)</script>"),
]
CATEGORIES = {"Important": "#F0E442", "Question": "#56B4E9", "Evidence": "#009E73"}


@pytest.fixture(scope="module")
def analysis(analyzer) -> Analysis:
    document = load_text(HOSTILE.encode("utf-8"), "hostile.txt")
    assert document.text == TEXT
    return analyzer.analyze(document)


def all_spans(analysis: Analysis) -> list[tuple[int, int, str]]:
    spans = [(m.start, m.end, m.text) for a in analysis.actors for m in a.mentions]
    spans += [(e.start, e.end, e.text) for e in analysis.events]
    spans += [(t.start, t.end, t.text) for t in analysis.times]
    return spans


def test_analysis_spans_slice_to_their_text(analysis: Analysis) -> None:
    spans = all_spans(analysis)
    for start, end, text in spans:
        assert TEXT[start:end] == text
    # Not vacuous: names after the astral characters, the RTL run and the mid-text BOM were found.
    late = [text for start, _end, text in spans if start > TEXT.index("𠜎")]
    assert any("Putin" in t for t in late)
    assert len([s for s in spans if s[0] > TEXT.index("🇩🇪")]) >= 8


def test_article_view_highlights_and_selection_cover_exactly_the_mention(qtbot, tmp_path: Path, analysis) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QTextCursor

    from tests.gui.conftest import make_window

    path = tmp_path / "hostile.txt"
    path.write_bytes(HOSTILE.encode("utf-8"))
    win = make_window(qtbot, tmp_path / "data")
    win.controller.analyze_fn = lambda _document: analysis
    with qtbot.waitSignal(win.analysis_shown, timeout=10_000):
        win.open_path(path)

    def qt_text(start: int, end: int) -> str:
        cursor = QTextCursor(win.view.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        return cursor.selectedText()

    expected = {a.id: sorted((m.start, m.end, m.text) for m in a.mentions) for a in analysis.actors}
    shown: dict[str, list[tuple[int, int]]] = {}
    for span in win.view.spans:
        shown.setdefault(span.item_id, []).append((span.start, span.end))
    for actor_id, mentions in expected.items():
        assert sorted(shown[actor_id]) == [(win.offsets.to_qt(s), win.offsets.to_qt(e)) for s, e, _t in mentions]
        for start, end, text in mentions:
            assert qt_text(win.offsets.to_qt(start), win.offsets.to_qt(end)) == text
    assert win.offsets.to_qt(len(TEXT)) == len(TEXT.encode("utf-16-le")) // 2

    # Walking an actor's mentions with `n` selects each one, exactly.
    busiest = max(analysis.actors, key=lambda a: len(a.mentions))
    win.actors_panel.select_actor(busiest.id)
    win.reading.on_actor_activated(busiest.id)
    win.view.setFocus()
    cursor = win.view.textCursor()
    cursor.setPosition(0)
    win.view.setTextCursor(cursor)
    selected = []
    for _ in expected[busiest.id]:
        qtbot.keyClick(win.view, Qt.Key.Key_N)
        selected.append(win.view.textCursor().selectedText())
    assert selected == [text for _s, _e, text in expected[busiest.id]]
    win.close()


def test_exports_quote_the_right_text(analysis: Analysis) -> None:
    report = build_report(analysis, HIGHLIGHTS, [], CATEGORIES, source="/tmp/hostile.txt")

    # W3C Web Annotations: both selectors point at the passage, and the import puts it back in place.
    data = json.loads(render_text(report, ExportFormat.JSONLD))
    items = data["first"]["items"] if "first" in data else data["items"]
    placed = {}
    for item in items:
        selectors = {s["type"]: s for s in item["target"].get("selector", [])}
        if "TextPositionSelector" not in selectors:
            continue
        position, quote = selectors["TextPositionSelector"], selectors["TextQuoteSelector"]
        start, end = position["start"], position["end"]
        assert quote["exact"] == TEXT[start:end]
        assert TEXT[:start].endswith(quote.get("prefix", ""))
        assert TEXT[end:].startswith(quote.get("suffix", ""))
        placed[(start, end)] = quote["exact"]
    assert {(h.start, h.end) for h in HIGHLIGHTS} <= set(placed)
    layer = read_annotations(data, TEXT)
    mine = {(h.start, h.end) for h in layer.highlights if h.category in CATEGORIES}  # the rest: what was found
    assert mine == {(h.start, h.end) for h in HIGHLIGHTS}

    # CSV: the quote cell holds the passage; start and end slice it out of the text.
    rows = list(csv.DictReader(io.StringIO(render_text(report, ExportFormat.CSV), newline="")))
    quoted = {(int(r["start"]), int(r["end"])): r["quote"] for r in rows if r["kind"] == "highlight"}
    for h in HIGHLIGHTS:
        assert quoted[(h.start, h.end)] == TEXT[h.start : h.end]

    # Markdown: each highlight's quote, unescaped, is the passage on one line, linked to its place.
    markdown = render_text(report, ExportFormat.MARKDOWN)
    unescaped = re.sub(r"\\(.)", r"\1", markdown)
    for h in HIGHLIGHTS:
        assert f"“{one_line(TEXT[h.start : h.end])}”" in unescaped
        assert f"#char={h.start},{h.end}" in markdown
    assert "<script>" not in markdown.replace("\\<script\\>", "")


class _Scan(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.urls: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.urls += [v or "" for k, v in attrs if k in {"href", "src", "srcset", "action", "style", "data"}]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_report_of_a_hostile_document_runs_nothing_and_fetches_nothing(analysis: Analysis) -> None:
    report = build_report(analysis, HIGHLIGHTS, [], CATEGORIES, source="/tmp/hostile.txt")
    scan = _Scan()
    scan.feed(render_html(report, HtmlOptions(include_article=True)))
    assert not {"script", "img", "iframe", "object", "embed", "link"} & set(scan.tags)
    assert not [u for u in scan.urls if re.match(r"\s*(javascript|https?|data|//)", u, re.IGNORECASE)]
    text = "".join(scan.text)
    assert "<script>alert('x')</script>" in text  # shown as text, from the article
    assert "<script>alert(2)</script>" in text  # and from the note

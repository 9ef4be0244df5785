"""The open document as the reader sees it, without Qt: its text, offsets, analysis and painted spans.

One object owns them, so the window, the reader's controller and the reading controller ask it instead
of each keeping a copy (or reading the spans back out of the view). The view is told what to paint.
"""

from __future__ import annotations

from collections.abc import Iterable

from models.analysis.actor_facts import ProvisionalSpan
from models.domain import Analysis, Document
from models.offsets import Utf16Map
from models.reader import ReaderHighlight
from models.reading.items import ReaderItems
from models.reading.spans import analysis_spans, provisional_spans, reader_span
from models.spans import Span, SpanIndex


class ReadingSession:
    """The open document, its analysis (None until it arrives), the reader's items on it, and the spans
    over it in two layers: what the analysis found (or, while it runs, the names found so far) and the
    reader's highlights."""

    def __init__(self, items: ReaderItems | None = None) -> None:
        self.items = items if items is not None else ReaderItems()
        self.document: Document | None = None
        self.analysis: Analysis | None = None
        self.offsets = Utf16Map("")
        self._found: list[Span] = []
        self._reader: list[Span] = []
        self.spans = SpanIndex()

    @property
    def text(self) -> str:
        return self.document.text if self.document is not None else ""

    def open(self, document: Document) -> None:
        """A new text: no analysis and no spans yet."""
        self.document = document
        self.analysis = None
        self.offsets = Utf16Map(document.text)
        self._found, self._reader = [], []
        self.spans = SpanIndex()

    def set_analysis(self, analysis: Analysis) -> SpanIndex:
        """The (possibly corrected) analysis replaces what was found so far; the reader's highlights stay."""
        self.analysis = analysis
        self._found = analysis_spans(analysis, self.offsets)
        return self._index()

    def add_provisional(self, found: Iterable[ProvisionalSpan]) -> list[Span]:
        """Names a running analysis found so far, added to the spans; returns the new ones."""
        spans = provisional_spans(found, self.offsets)
        self._found.extend(spans)
        self.spans.extend(spans)
        return spans

    def set_reader_highlights(self, highlights: Iterable[ReaderHighlight]) -> SpanIndex:
        """The reader's highlights replace their layer; what the analysis found stays."""
        self._reader = [reader_span(h.start, h.end, h.category, h.id, self.offsets) for h in highlights]
        return self._index()

    def _index(self) -> SpanIndex:
        self.spans = SpanIndex(self._found + self._reader)
        return self.spans

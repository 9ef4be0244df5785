"""Assembling reading text paragraph by paragraph, with headings, emphasis and chapters kept aside.

Every structured loader (Markdown, HTML, EPUB, DOCX) feeds runs of inline text into a `TextBuilder`;
the builder collapses whitespace, separates paragraphs with a blank line and records where headings,
emphasis and chapters fall in the final text, so the offsets are right by construction.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from contextvars import ContextVar
from dataclasses import dataclass, field

from models.domain import Chapter, Document, TextBlock
from models.errors import DocumentError

EMPHASIS = "emphasis"
STRONG = "strong"
HEADING = "heading"
PARAGRAPH_BREAK = "\n\n"

_SPACE = re.compile(r"\s+")

# The most characters a loader may assemble, set by the caller for one load (None: no limit). A book of a
# few kilobytes can unpack to hundreds of megabytes of text; the limit stops it as soon as it is passed.
TEXT_LIMIT: ContextVar[int | None] = ContextVar("dramatis_text_limit", default=None)


class TextTooLongError(DocumentError):
    """The text being assembled passed `TEXT_LIMIT`; `length` is how far it had got."""

    def __init__(self, length: int) -> None:
        super().__init__(f"The document unpacks to more than {length / 1024 / 1024:,.0f} MB of text.")
        self.length = length


_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")


@dataclass(slots=True)
class Run:
    """A piece of inline text and the styles it carries."""

    text: str
    styles: frozenset[str] = frozenset()


@dataclass(slots=True)
class TextBuilder:
    """Collects paragraphs into one text; `document()` returns the finished `Document`."""

    parts: list[str] = field(default_factory=list)
    length: int = 0
    blocks: list[TextBlock] = field(default_factory=list)
    chapters: list[tuple[str, int]] = field(default_factory=list)
    _pending_chapter: str | None = None
    _runs: list[Run] = field(default_factory=list)
    _level: int = 0

    # ----- inline API: runs accumulate until the paragraph is flushed ---------------------------

    def add(self, text: str | None, styles: Iterable[str] = ()) -> None:
        if text:
            self._runs.append(Run(text, frozenset(styles)))

    @property
    def pending(self) -> bool:
        """Whether the current paragraph has collected any text yet."""
        return bool(self._runs)

    def set_heading(self, level: int) -> None:
        """The paragraph being collected is a heading of `level` (1-6)."""
        self._level = max(1, min(6, level))

    def flush(self, *, preformatted: bool = False) -> None:
        """End the current paragraph (nothing happens when it holds no visible text)."""
        runs, level = self._runs, self._level
        self._runs, self._level = [], 0
        self.paragraph(runs, level=level, preformatted=preformatted)

    def chapter(self, title: str) -> None:
        """The next paragraph starts a chapter called `title`."""
        self.flush()
        self._pending_chapter = _SPACE.sub(" ", title).strip() or None

    # ----- paragraph API ---------------------------------------------------------------------

    def paragraph(self, runs: Iterable[Run | str], *, level: int = 0, preformatted: bool = False) -> None:
        """Append one paragraph made of `runs`; whitespace is collapsed unless `preformatted`."""
        text, styled = _join_runs(runs, preformatted)
        if not text:
            return
        if self.parts:
            self.parts.append(PARAGRAPH_BREAK)
            self.length += len(PARAGRAPH_BREAK)
        start = self.length
        if self._pending_chapter is not None:
            self.chapters.append((self._pending_chapter, start))
            self._pending_chapter = None
        self.parts.append(text)
        self.length += len(text)
        limit = TEXT_LIMIT.get()
        if limit is not None and self.length > limit:
            raise TextTooLongError(self.length)
        if level:
            self.blocks.append(TextBlock(start, self.length, HEADING, max(1, min(6, level))))
        for s, e, style in styled:
            if level and style == STRONG:
                continue  # headings are bold already
            self.blocks.append(TextBlock(start + s, start + e, style))

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def first_heading(self) -> str | None:
        text = self.text
        heading = next((b for b in self.blocks if b.kind == HEADING), None)
        return text[heading.start : heading.end] if heading else None

    def document(self, *, title: str | None, fmt: str, author: str | None = None, date: str | None = None) -> Document:
        """The finished document."""
        self.flush()
        text = self.text
        ends = [start - len(PARAGRAPH_BREAK) for _, start in self.chapters[1:]] + [len(text)] * bool(self.chapters)
        chapters = [Chapter(title, start, end) for (title, start), end in zip(self.chapters, ends, strict=True)]
        blocks = sorted(self.blocks, key=lambda b: (b.start, -b.end))
        return Document(text=text, title=title, date=date, format=fmt, author=author, blocks=blocks, chapters=chapters)


def _join_runs(runs: Iterable[Run | str], preformatted: bool) -> tuple[str, list[tuple[int, int, str]]]:
    """The paragraph's text and (start, end, style) ranges within it, whitespace trimmed."""
    out: list[str] = []
    size = 0
    ranges: list[tuple[int, int, str]] = []
    for run in runs:
        if isinstance(run, str):
            run = Run(run)
        piece = run.text.replace("\r\n", "\n").replace("\r", "\n") if preformatted else _SPACE.sub(" ", run.text)
        piece = piece.replace("\x00", "")
        if not preformatted and piece.startswith(" ") and (not out or out[-1].endswith(" ")):
            piece = piece[1:]
        if not piece:
            continue
        for style in run.styles:
            ranges.append((size, size + len(piece), style))
        out.append(piece)
        size += len(piece)
    text = "".join(out)
    lead = len(text) - len(text.lstrip())
    text = text.strip()
    merged: list[tuple[int, int, str]] = []
    for style in sorted({r[2] for r in ranges}):
        spans = sorted((s - lead, e - lead) for s, e, st in ranges if st == style)
        for s, e in spans:
            s, e = max(0, s), min(len(text), e)
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if s >= e:
                continue
            if merged and merged[-1][2] == style and merged[-1][1] >= s - 1 and text[merged[-1][1] : s].strip() == "":
                merged[-1] = (merged[-1][0], max(e, merged[-1][1]), style)
            else:
                merged.append((s, e, style))
    return text, merged


def iso_date(value: object) -> str | None:
    """A metadata date as YYYY-MM-DD, or None when it is missing, partial or implausible."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat() if 1800 <= value.year <= 2200 else None
    text = str(value).strip()
    if not text:
        return None
    match = _ISO_DATE.match(text)
    if match:
        try:
            return iso_date(dt.date(int(match[1]), int(match[2]), int(match[3])))
        except ValueError:
            return None
    if len(text) > 60 or not re.search(r"\d{4}", text):
        return None
    try:
        import dateparser

        parsed = dateparser.parse(text, languages=["en"], settings={"REQUIRE_PARTS": ["day", "month", "year"]})
    except Exception:  # dateparser raises assorted errors on odd strings; a missing date is fine
        return None
    return iso_date(parsed) if parsed else None


def clean_meta(value: object, limit: int = 300) -> str | None:
    """A one-line metadata string (title, author), or None when empty."""
    if value is None:
        return None
    text = _SPACE.sub(" ", str(value)).strip()
    return text[:limit] if text else None

"""PDF: the text layer as paragraphs, without running headers, footers, page numbers or hyphenation debris.

pypdf (BSD licence, pure Python) extracts the lines of each page and, through its text visitor,
where each line starts. From the positions we find paragraph breaks (a wider gap than the usual
line spacing, an indented first line, or a short line ending a sentence), lines that repeat at the
top or foot of most pages (running headers and footers, page numbers), and words split across lines
by a hyphen. pdfminer.six lays out text better but is several times slower on long reports; PyMuPDF
is AGPL.
"""

from __future__ import annotations

import io
import itertools
import logging
import math
import re
import statistics
from collections import Counter
from dataclasses import dataclass
from typing import Any

from models.domain import Document
from models.errors import DocumentError
from models.loaders.builder import TextBuilder, clean_meta, iso_date

log = logging.getLogger(__name__)

_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"})
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_PAGE_NUMBER = re.compile(
    r"^[-–—\s]*(?:page\s+)?(?:\d{1,5}|[ivxlcdm]{1,7})(?:\s*(?:of|/)\s*\d{1,5})?[-–—\s]*$", re.IGNORECASE
)
_SENTENCE_END = re.compile(r"[.!?:;…][\"'”’)\]]*$")
_HYPHENS = ("-", "\u2010", "\u00ad", "¬")
_WORD = re.compile(r"[^\W\d_]+")
_COMPOUND = re.compile(r"\b([^\W\d_]+)-([^\W\d_]+)\b")
# Words that usually keep their hyphen when a compound is broken after them ("self-", "well-").
_KEEP_HYPHEN_AFTER = frozenset({"self", "ex", "well", "half", "all", "cross", "long", "short", "low", "high"})
_EDGE_LINES = 2  # lines at each end of a page that may be a running header or footer


@dataclass(slots=True)
class PdfLine:
    """One line of a page: its text and where it starts (None when pypdf gave no position)."""

    text: str
    x: float | None
    y: float | None
    page: int
    size: float = 0.0  # rendered font size, 0 when unknown


def load_pdf(data: bytes, name: str = "This PDF") -> Document:
    """The text of a PDF as one document; DocumentError with a plain sentence when it cannot be read."""
    from pypdf import PasswordType, PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError

    if b"%%EOF" not in data[-4096:]:
        raise DocumentError(f"{name} is incomplete (it may have been cut off while downloading or copying).")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except (DependencyError, NotImplementedError) as exc:
                raise DocumentError(
                    f"{name} is encrypted with a method Dramatis cannot read; save an unprotected copy."
                ) from exc
            if opened == PasswordType.NOT_DECRYPTED:
                raise DocumentError(f"{name} is protected by a password; save an unprotected copy to read it here.")
        pages = list(reader.pages)
    except DocumentError:
        raise
    except FileNotDecryptedError as exc:
        raise DocumentError(f"{name} is protected by a password; save an unprotected copy to read it here.") from exc
    except Exception as exc:  # pypdf raises many error types on damaged files
        log.info("PDF %s not readable: %r", name, exc)
        raise DocumentError(f"{name} is damaged, so it cannot be read.") from exc
    if not pages:
        raise DocumentError(f"{name} has no pages.")
    lines: list[PdfLine] = []
    for number, page in enumerate(pages):
        try:
            lines.extend(_page_lines(page, number))
        except Exception as exc:  # one damaged page should not hide the others
            log.info("PDF %s: page %d not readable: %r", name, number + 1, exc)
    if not any(line.text.strip() for line in lines):
        raise DocumentError(
            f"{name} has no text layer (its pages are probably scanned images); "
            "Dramatis needs a PDF with selectable text."
        )
    body = drop_running_lines(lines, len(pages))
    builder = TextBuilder()
    for paragraph in join_paragraphs(body):
        builder.paragraph([paragraph])
    title, author, date = _metadata(reader)
    document = builder.document(title=title, fmt="pdf", author=author, date=date)
    if not document.text.strip():
        raise DocumentError(f"{name} has no readable text.")
    if document.title is None:
        first = document.text.split("\n", 1)[0].strip()
        document.title = first if len(first) <= 200 else None
    return document


def _page_lines(page: Any, number: int) -> list[PdfLine]:
    """The page's lines in content order, each with the position of its first visible piece."""
    pieces: list[tuple[str, float, float, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], _font: Any, size: float) -> None:
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = math.hypot(tm[2], tm[3]) * math.hypot(cm[2], cm[3])
        pieces.append((text, x, y, abs(float(size or 0.0)) * scale))

    full = page.extract_text(visitor_text=visit)
    lines: list[PdfLine] = []
    if "".join(p[0] for p in pieces) != full:
        # The visitor and the text disagree (rare producers): keep the text, without positions.
        return [PdfLine(_clean(t), None, None, number) for t in full.split("\n") if _clean(t)]
    buffer: list[str] = []
    position: tuple[float, float, float] | None = None
    for text, x, y, size in pieces:
        segments = text.split("\n")
        for index, segment in enumerate(segments):
            if index:
                _emit(buffer, position, number, lines)
                buffer, position = [], None
            if segment:
                buffer.append(segment)
                if position is None and segment.strip():
                    position = (x, y, size)
    _emit(buffer, position, number, lines)
    return _on_page(lines, page)


def _emit(buffer: list[str], position: tuple[float, float, float] | None, page: int, out: list[PdfLine]) -> None:
    text = _clean("".join(buffer))
    if text:
        x, y, size = position if position else (None, None, 0.0)
        out.append(PdfLine(text, x, y, page, size))


def _on_page(lines: list[PdfLine], page: Any) -> list[PdfLine]:
    """Lines drawn outside the visible page (clipped overflow some producers repeat) are not text."""
    try:
        box = page.cropbox
        left, bottom, right, top = float(box.left), float(box.bottom), float(box.right), float(box.top)
    except Exception:  # no usable box: keep everything
        return lines
    if right - left < 1 or top - bottom < 1:
        return lines
    return [
        line
        for line in lines
        if line.x is None or line.y is None or (left - 2 <= line.x <= right + 2 and bottom - 2 <= line.y <= top + 2)
    ]


def _clean(text: str) -> str:
    return _SPACES.sub(" ", text.translate(_LIGATURES)).strip()


def _edge_key(line: PdfLine) -> str:
    """Same text (numbers aside) at about the same height: the same running header or footer."""
    height = "" if line.y is None else f"@{round(line.y / 6)}"
    return re.sub(r"\d+", "#", line.text.casefold()) + height


def drop_running_lines(lines: list[PdfLine], page_count: int) -> list[PdfLine]:
    """Lines without page numbers and without headers and footers repeated across pages."""
    by_page: dict[int, list[PdfLine]] = {}
    for line in lines:
        by_page.setdefault(line.page, []).append(line)
    edges: dict[int, set[int]] = {}
    for page, page_lines in by_page.items():
        candidates = set(range(min(_EDGE_LINES, len(page_lines)))) | set(
            range(max(0, len(page_lines) - _EDGE_LINES), len(page_lines))
        )
        placed = [i for i, line in enumerate(page_lines) if line.y is not None]
        placed.sort(key=lambda i: page_lines[i].y or 0.0)
        candidates |= set(placed[:_EDGE_LINES]) | set(placed[-_EDGE_LINES:])
        edges[page] = candidates
    counts: Counter[str] = Counter()
    for page, candidates in edges.items():
        counts.update({_edge_key(by_page[page][i]) for i in candidates})
    threshold = max(2, int(page_count * 0.4 + 0.999))
    repeated = {key for key, count in counts.items() if count >= threshold} if page_count >= 2 else set()
    kept: list[PdfLine] = []
    for page in sorted(by_page):
        for index, line in enumerate(by_page[page]):
            if index in edges[page] and (_PAGE_NUMBER.match(line.text) or _edge_key(line) in repeated):
                continue
            kept.append(line)
    return kept


def join_paragraphs(lines: list[PdfLine]) -> list[str]:
    """Rejoin lines into paragraphs, undoing hyphenation where the joined word is plausible."""
    if not lines:
        return []
    gaps = [
        a.y - b.y
        for a, b in itertools.pairwise(lines)
        if a.page == b.page and a.y is not None and b.y is not None and 0 < a.y - b.y < 100
    ]
    leading = statistics.median(gaps) if gaps else 0.0
    sizes = [line.size for line in lines if line.size > 0]
    body_size = statistics.median(sizes) if sizes else 0.0
    lengths = sorted(len(line.text) for line in lines)
    typical = lengths[int(len(lengths) * 0.75)] if lengths else 0
    margins: dict[int, float] = {}
    for line in lines:
        if line.x is not None:
            margins[line.page] = min(margins.get(line.page, line.x), line.x)
    vocabulary = _vocabulary(lines)
    layout = _Layout(leading, typical, margins, body_size)
    paragraphs: list[str] = []
    current = lines[0].text
    for previous, line in itertools.pairwise(lines):
        if _breaks(previous, line, layout):
            paragraphs.append(current)
            current = line.text
        else:
            current = _join(current, line.text, vocabulary)
    paragraphs.append(current)
    return paragraphs


@dataclass(slots=True)
class _Layout:
    """What is usual in this document: line spacing, line length, left margins, body font size."""

    leading: float
    typical: int
    margins: dict[int, float]
    body_size: float


def _breaks(previous: PdfLine, line: PdfLine, layout: _Layout) -> bool:
    leading, typical, margins, body_size = layout.leading, layout.typical, layout.margins, layout.body_size
    if body_size and previous.size and line.size and abs(previous.size - line.size) > 0.15 * body_size:
        return True  # a heading and the text after it, or a caption
    # A line in larger type (a wrapped heading) has a wider line spacing of its own.
    scale = max(1.0, line.size / body_size) if body_size and line.size else 1.0
    ends_sentence = bool(_SENTENCE_END.search(previous.text))
    short = len(previous.text) < 0.7 * typical
    margin = margins.get(line.page)
    indented = (
        line.x is not None
        and margin is not None
        and leading > 0
        and 0.4 * leading < line.x - margin < 6 * leading
        and (previous.x is None or line.x - previous.x > 0.4 * leading)
    )
    if indented:
        return True
    if line.page == previous.page and leading and line.y is not None and previous.y is not None:
        gap = previous.y - line.y
        if gap > 1.4 * leading * scale:
            return True
    return ends_sentence and short


def _vocabulary(lines: list[PdfLine]) -> tuple[set[str], set[str]]:
    """Words, and hyphenated compounds, written whole somewhere in the document (inside lines)."""
    words: set[str] = set()
    compounds: set[str] = set()
    for line in lines:
        text = line.text
        inner = text[:-1] if text.endswith(_HYPHENS) else text
        words.update(w.casefold() for w in _WORD.findall(inner))
        compounds.update(f"{a}-{b}".casefold() for a, b in _COMPOUND.findall(inner))
    return words, compounds


def _join(current: str, following: str, vocabulary: tuple[set[str], set[str]]) -> str:
    if not current.endswith(_HYPHENS):
        return f"{current} {following}"
    if current.endswith(("\u00ad", "¬")):
        return current[:-1] + following  # soft hyphens only ever mark a break
    left_match = re.search(r"([^\W\d_]+)$", current[:-1])
    right_match = re.match(r"[^\W\d_]+", following)
    if not left_match or not right_match or not right_match.group(0)[0].islower():
        return current + following  # "1990-" / "Franco-German": keep the hyphen, no space
    left, right = left_match.group(1), right_match.group(0)
    words, compounds = vocabulary
    joined = (left + right).casefold()
    if f"{left}-{right}".casefold() in compounds and joined not in words:
        return current + following
    if joined in words or (left.casefold() not in _KEEP_HYPHEN_AFTER and len(joined) <= 30):
        return current[:-1] + following
    return current + following


def _metadata(reader: Any) -> tuple[str | None, str | None, str | None]:
    try:
        meta = reader.metadata
    except Exception:  # a damaged information dictionary only costs the metadata
        return None, None, None
    if meta is None:
        return None, None, None
    title = author = date = None
    try:
        title = clean_meta(meta.title)
        author = clean_meta(meta.author)
    except Exception:
        pass
    try:
        date = iso_date(meta.creation_date)
    except Exception:
        date = None
    if title and (title.lower() in {"untitled", "title", "document"} or title.lower().endswith((".doc", ".docx"))):
        title = None
    if title and title.startswith("Microsoft Word - "):
        title = title.removeprefix("Microsoft Word - ")
    return title, author, date

"""EPUB e-books: chapters in spine (reading) order, titled from the book's table of contents.

ebooklib reads the container, package and navigation files; each chapter's XHTML is then walked
like pasted HTML (all of it is content), so headings and emphasis survive. Nothing referenced by the
book (fonts, images, remote resources) is loaded or fetched.
"""

from __future__ import annotations

import io
import logging
import posixpath
from typing import Any
from urllib.parse import unquote

from models.domain import Document
from models.errors import DocumentError
from models.loaders.builder import TextBuilder, clean_meta, iso_date
from models.loaders.markup import HtmlWalker, element_text, parse_html
from models.loaders.zipcheck import open_zip

log = logging.getLogger(__name__)


def load_epub(data: bytes, name: str = "This e-book") -> Document:
    """An EPUB's chapters in reading order as one document; DocumentError with a plain sentence otherwise."""
    import ebooklib
    from ebooklib import epub

    open_zip(data, name, "EPUB").close()
    try:
        book = epub.read_epub(io.BytesIO(data), options={"ignore_ncx": False})
    except DocumentError:
        raise
    except Exception as exc:  # ebooklib raises KeyError, EpubException, lxml errors... on damaged books
        log.info("EPUB %s not readable: %r", name, exc)
        raise DocumentError(f"{name} is damaged or is not an EPUB e-book, so it cannot be read.") from exc
    titles = _toc_titles(book.toc)
    builder = TextBuilder()
    seen: set[str] = set()
    for entry in book.spine:
        idref = entry[0] if isinstance(entry, tuple | list) else entry
        item = book.get_item_with_id(idref)
        if item is None or item.get_type() != ebooklib.ITEM_DOCUMENT or isinstance(item, epub.EpubNav):
            continue
        if item.file_name in seen:
            continue
        seen.add(item.file_name)
        content = item.get_content()
        if not content or not content.strip():
            continue
        try:
            tree = parse_html(content)
        except Exception:  # an unparseable chapter is skipped, the rest of the book still reads
            log.info("EPUB %s: chapter %s could not be parsed", name, item.file_name)
            continue
        title = titles.get(_normal(item.file_name)) or _first_heading(tree)
        before = len(builder.chapters)
        builder.chapter(title or f"Section {before + 1}")
        HtmlWalker(builder).walk(tree)
        builder.flush()
    document = builder.document(
        title=_meta(book, "title"),
        fmt="epub",
        author=_meta(book, "creator"),
        date=iso_date(_meta(book, "date")),
    )
    if not document.text.strip():
        raise DocumentError(f"{name} has no readable text (its chapters are empty or only images).")
    return document


def _meta(book: Any, field: str) -> str | None:
    try:
        values = book.get_metadata("DC", field)
    except Exception:  # metadata is optional; a broken entry just goes unused
        return None
    for value in values or []:
        text = clean_meta(value[0] if isinstance(value, tuple | list) and value else value)
        if text:
            return text
    return None


def _normal(href: str) -> str:
    return posixpath.normpath(unquote(href.split("#", 1)[0])).lstrip("./")


def _toc_titles(toc: Any) -> dict[str, str]:
    """Href (without fragment) -> the first title the table of contents gives it."""
    titles: dict[str, str] = {}
    stack = list(toc or [])[::-1]
    while stack:
        node = stack.pop()
        if isinstance(node, tuple | list):
            for child in reversed(list(node)):
                stack.append(child)
            continue
        href = getattr(node, "href", None)
        title = clean_meta(getattr(node, "title", None))
        if href and title:
            titles.setdefault(_normal(href), title)
    # The hrefs are relative to the package file; chapters are named relative to it too.
    return {**{posixpath.basename(k): v for k, v in titles.items()}, **titles}


def _first_heading(tree: Any) -> str | None:
    for level in range(1, 7):
        for element in tree.iter(f"h{level}"):
            text = element_text(element)
            if text:
                return text[:200]
    return None

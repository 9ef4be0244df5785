"""Saved web pages: the article's main text, title, byline and date, nothing else.

Why trafilatura: it is maintained, scores at or near the top of the public main-text extraction
benchmarks, keeps paragraph and heading structure (and emphasis) in its output tree, and reads the
title, author and publication date from the page's metadata (through htmldate). It works on the
bytes it is given: Dramatis never hands it a URL, so nothing is fetched, and no script runs (lxml
only parses). readability-lxml was the alternative; it returns HTML that still needs cleaning and
has no metadata or date extraction.

Pasted HTML is different: the reader chose that content, so `load_html_fragment` keeps all of it.
"""

from __future__ import annotations

import logging
from typing import Any

from models.domain import Document
from models.errors import DocumentError
from models.loaders.builder import EMPHASIS, STRONG, TextBuilder, clean_meta, iso_date
from models.loaders.markup import HtmlWalker, html_title, parse_html

log = logging.getLogger(__name__)

# Trafilatura's output tree: <head rend="h2">, <p>, <hi rend="#i">, <list>/<item>, <quote>, <lb/>,
# <table>/<row>/<cell>; anything else is walked for its text.
_T_BLOCKS = frozenset({"p", "head", "item", "quote", "row", "list", "table", "code", "div", "lb"})


def load_html(data: bytes | str, name: str = "") -> Document:
    """A web page's main text; DocumentError when the page has no readable article text."""
    import trafilatura

    try:
        tree = parse_html(data)
    except Exception as exc:
        # lxml refuses some inputs outright (e.g. only a comment); say so plainly.
        raise DocumentError(f"{name or 'This page'} has no readable text.") from exc
    extracted = trafilatura.bare_extraction(
        tree,
        with_metadata=True,
        include_formatting=True,
        include_links=False,
        include_images=False,
        include_comments=False,
        include_tables=True,
        deduplicate=False,
    )
    body = getattr(extracted, "body", None)
    title = clean_meta(getattr(extracted, "title", None)) or html_title(tree)

    probe = TextBuilder()
    if body is not None:
        _walk_extracted(body, probe, frozenset())
    # Very short pages fall under trafilatura's minimum size: keep whatever visible text there is.
    whole_page = not probe.text.strip()

    def fill(builder: TextBuilder) -> TextBuilder:
        if whole_page:
            HtmlWalker(builder).walk(tree)
        elif body is not None:
            _walk_extracted(body, builder, frozenset())
        return builder

    builder = probe if not whole_page else fill(TextBuilder())
    if not builder.text.strip():
        raise DocumentError(f"{name or 'This page'} has no readable text (it may be only a layout or a script).")
    if title and builder.first_heading() != title and not builder.text.startswith(title):
        # Pages often keep their headline outside the article element: put it back on top.
        headed = TextBuilder()
        headed.paragraph([title], level=1)
        builder = fill(headed)
    return builder.document(
        title=title or name or None,
        fmt="html",
        author=clean_meta(getattr(extracted, "author", None)),
        date=iso_date(getattr(extracted, "date", None)),
    )


def load_html_fragment(markup: str, title: str) -> Document:
    """Pasted HTML: everything that was copied, structured, scripts and styles dropped."""
    tree = parse_html(markup)
    builder = TextBuilder()
    HtmlWalker(builder).walk(tree)
    if not builder.text.strip():
        raise DocumentError("The clipboard holds no text to read.")
    return builder.document(title=title, fmt="html")


def _walk_extracted(element: Any, builder: TextBuilder, styles: frozenset[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in ("graphic", "ref") and not (element.text or len(element)):
        return
    rend = (element.get("rend") or "").lower()
    if tag == "hi":
        if "#i" in rend:
            styles = styles | {EMPHASIS}
        if "#b" in rend:
            styles = styles | {STRONG}
    block = tag in _T_BLOCKS
    if block:
        builder.flush()
    if tag == "head":
        level = int(rend[1]) if len(rend) == 2 and rend[0] == "h" and rend[1].isdigit() else 2
        builder.set_heading(level)
    elif tag == "item":
        builder.add("• ")
    elif tag == "cell" and element.getprevious() is not None:
        builder.add(" | ")
    builder.add(element.text, styles)
    for child in element:
        _walk_extracted(child, builder, styles)
        builder.add(child.tail, styles)
    if block:
        builder.flush(preformatted=False)

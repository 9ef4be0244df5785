"""Markdown: the reading text without markup, with headings and emphasis kept as `TextBlock`s.

markdown-it-py parses CommonMark exactly (the edge cases of emphasis and lists are many), and is
already installed with the language tools. A YAML-style front matter block gives title, author and
date when present.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from markdown_it import MarkdownIt

from models.domain import Document
from models.errors import DocumentError
from models.loaders.builder import EMPHASIS, STRONG, TextBuilder, clean_meta, iso_date

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_META_LINE = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$")
_TAG = re.compile(r"<[^>]*>")
# markdown-it drops whatever lies deeper than this many nested blocks (quotes, lists, items); 100 keeps
# every real document whole and stays far from Python's recursion limit.
MAX_NESTING = 100
_LINE_MARKERS = re.compile(r"^(?:\s*(?:>|[-*+](?=\s)|\d{1,9}[.)](?=\s)))+\s*")

log = logging.getLogger(__name__)


def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": True, "maxNesting": MAX_NESTING}).enable("table").enable("strikethrough")


def front_matter(text: str) -> tuple[dict[str, str], str]:
    """Simple `key: value` front matter (quotes removed) and the text after it."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    meta: dict[str, str] = {}
    for line in match.group(1).split("\n"):
        found = _META_LINE.match(line)
        if found:
            meta[found.group(1).lower()] = found.group(2).strip("\"'")
    return meta, text[match.end() :]


def load_markdown(text: str, name: str = "") -> Document:
    """A Markdown document from decoded text."""
    meta, body = front_matter(text)
    builder = TextBuilder()
    tokens = _parser().parse(body)
    if any(token.level >= MAX_NESTING - 1 for token in tokens):
        # Nested past the parser's limit: its deepest lines would vanish without a word, so the text is
        # read line by line instead, quote and list markers removed, and nothing is lost.
        log.warning("%s: Markdown nested deeper than %d levels is read as plain text", name or "text", MAX_NESTING)
        _render_lines(body, builder)
    else:
        _render(tokens, builder)
    document_title = clean_meta(meta.get("title")) or builder.first_heading()
    document = builder.document(
        title=document_title,
        fmt="markdown",
        author=clean_meta(meta.get("author")),
        date=iso_date(meta.get("date")),
    )
    if not document.text.strip():
        raise DocumentError(f"{name or 'This file'} is empty: there is no text to read.")
    if document.title is None:
        first = document.text.split("\n", 1)[0].strip()
        document.title = first if 0 < len(first) <= 200 else (name or None)
    return document


def _render(tokens: list[Any], builder: TextBuilder) -> None:
    lists: list[int] = []  # -1 for a bullet list, else the last number used
    for token in tokens:
        kind = token.type
        if kind == "heading_open":
            builder.flush()
            builder.set_heading(int(token.tag[1:]) if token.tag[1:].isdigit() else 1)
        elif kind in ("heading_close", "paragraph_close", "tr_close", "blockquote_close", "hr"):
            builder.flush()
        elif kind == "paragraph_open":
            if not token.hidden:
                builder.flush()
        elif kind == "bullet_list_open":
            builder.flush()
            lists.append(-1)
        elif kind == "ordered_list_open":
            builder.flush()
            start = token.attrGet("start")
            lists.append((int(start) if isinstance(start, int | str) and str(start).isdigit() else 1) - 1)
        elif kind in ("bullet_list_close", "ordered_list_close"):
            builder.flush()
            if lists:
                lists.pop()
        elif kind == "list_item_open":
            builder.flush()
            if lists and lists[-1] >= 0:
                lists[-1] += 1
                builder.add(f"{lists[-1]}. ")
            else:
                builder.add("• ")
        elif kind in ("th_open", "td_open"):
            if builder.pending:
                builder.add(" | ")
        elif kind in ("fence", "code_block"):
            builder.flush()
            builder.add(token.content.rstrip("\n"))
            builder.flush(preformatted=True)
        elif kind == "html_block":
            builder.flush()
            builder.add(_TAG.sub(" ", token.content))
            builder.flush()
        elif kind == "inline":
            _render_inline(token.children or [], builder, strong=False)


def _render_lines(body: str, builder: TextBuilder) -> None:
    """Every line of `body` as its own paragraph, without its leading quote and list markers."""
    for line in body.split("\n"):
        builder.add(_LINE_MARKERS.sub("", line))
        builder.flush()


def _render_inline(children: list[Any], builder: TextBuilder, *, strong: bool) -> None:
    styles: list[str] = [STRONG] if strong else []
    for child in children:
        kind = child.type
        if kind in ("text", "code_inline"):
            builder.add(child.content, styles)
        elif kind == "softbreak":
            builder.add(" ", styles)
        elif kind == "hardbreak":
            builder.flush()
        elif kind == "em_open":
            styles.append(EMPHASIS)
        elif kind == "strong_open":
            styles.append(STRONG)
        elif kind in ("em_close", "strong_close"):
            wanted = EMPHASIS if kind == "em_close" else STRONG
            for i in range(len(styles) - 1, -1, -1):
                if styles[i] == wanted:
                    del styles[i]
                    break
        # links keep their text (the children above); images, raw inline HTML tags are not shown

"""Word documents (.docx): paragraphs, headings, lists, tables and emphasis, with python-docx.

Only the document body is read (no headers, footers or comments); embedded images and linked
resources are never loaded.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import re
from typing import Any

from models.domain import Document
from models.errors import DocumentError
from models.loaders.builder import EMPHASIS, STRONG, Run, TextBuilder, clean_meta, iso_date
from models.loaders.zipcheck import open_zip

log = logging.getLogger(__name__)

_HEADING_STYLE = re.compile(r"^heading\s*(\d)$", re.IGNORECASE)
# python-docx's blank template stamps this creation date and author on every new file: not real metadata.
_TEMPLATE_CREATED = dt.datetime(2013, 12, 23, 23, 15, tzinfo=dt.UTC)
_TEMPLATE_AUTHOR = "python-docx"


def load_docx(data: bytes, name: str = "This document") -> Document:
    """A Word document's paragraphs, headings and emphasis as one document; DocumentError otherwise."""
    import docx

    open_zip(data, name, "Word").close()
    try:
        document = docx.Document(io.BytesIO(data))
        builder = TextBuilder()
        for block in document.iter_inner_content():
            if hasattr(block, "rows"):
                _add_table(block, builder)
            else:
                _add_paragraph(block, builder)
        props = document.core_properties
        title, author, created = props.title, props.author, props.created
    except DocumentError:
        raise
    except Exception as exc:  # python-docx raises KeyError, ValueError, lxml errors... on damaged files
        log.info("DOCX %s not readable: %r", name, exc)
        raise DocumentError(f"{name} is damaged or is not a Word document, so it cannot be read.") from exc
    if author == _TEMPLATE_AUTHOR:
        author = None
    if created is not None and created.replace(tzinfo=dt.UTC) == _TEMPLATE_CREATED:
        created = None
    result = builder.document(
        title=clean_meta(title) or builder.first_heading(),
        fmt="docx",
        author=clean_meta(author),
        date=iso_date(created),
    )
    if not result.text.strip():
        raise DocumentError(f"{name} has no text to read.")
    if result.title is None:
        first = result.text.split("\n", 1)[0].strip()
        result.title = first if len(first) <= 200 else None
    return result


def _heading_level(paragraph: Any) -> int:
    try:
        style = paragraph.style.name or ""
    except Exception:  # a paragraph pointing at a missing style is read as plain text
        return 0
    if style.lower() == "title":
        return 1
    match = _HEADING_STYLE.match(style)
    return min(6, int(match.group(1))) if match else 0


def _is_list(paragraph: Any) -> bool:
    try:
        style = (paragraph.style.name or "").lower()
    except Exception:
        style = ""
    ppr = paragraph._p.pPr
    return style.startswith("list") or (ppr is not None and ppr.numPr is not None)


def _add_paragraph(paragraph: Any, builder: TextBuilder) -> None:
    level = _heading_level(paragraph)
    runs: list[Run | str] = ["• "] if not level and _is_list(paragraph) else []
    for item in paragraph.iter_inner_content():
        for run in getattr(item, "runs", [item]):
            styles = set()
            if run.italic:
                styles.add(EMPHASIS)
            if run.bold:
                styles.add(STRONG)
            runs.append(Run(run.text, frozenset(styles)))
    builder.paragraph(runs, level=level)


def _add_table(table: Any, builder: TextBuilder) -> None:
    for row in table.rows:
        cells: list[str] = []
        previous = None
        for cell in row.cells:
            if cell._tc is previous:
                continue  # a merged cell appears once per grid column it spans
            previous = cell._tc
            cells.append(" ".join(cell.text.split()))
        builder.paragraph([" | ".join(c for c in cells if c)])

"""W3C Web Annotation (JSON-LD) export and import of the reader's highlights and notes.

Export writes one `AnnotationCollection`. A highlight targets its passage with both a
`TextQuoteSelector` (exact, prefix, suffix) and a `TextPositionSelector` (code points, as the W3C
model counts them and as Dramatis does); its note is a `commenting` body in Markdown, each tag a
`tagging` body and its colour category a `classifying` body, with the colour in a CSS stylesheet.
A note on an actor or event carries an `identifying` body naming it; a note on the document
targets the whole source.

Import (reading that back, and annotations from other tools) lives in `web_annotation_import`;
its names are still reachable from here.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from models.export.report import DOCUMENT_TARGET, ProgressSink, Report

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
URN = "urn:dramatis:"


def _style_class(category: str) -> str:
    return "dramatis-" + hashlib.sha1(category.encode("utf-8")).hexdigest()[:10]


def _source(report: Report) -> str:
    return report.source_uri or f"urn:sha256:{report.sha256}"


def _bodies(note: str, tags: tuple[str, ...], category: str | None) -> list[dict[str, Any]]:
    bodies: list[dict[str, Any]] = []
    if note.strip():
        bodies.append({"type": "TextualBody", "value": note, "format": "text/markdown", "purpose": "commenting"})
    bodies.extend({"type": "TextualBody", "value": tag, "purpose": "tagging"} for tag in tags)
    if category is not None:
        bodies.append({"type": "TextualBody", "value": category, "purpose": "classifying"})
    return bodies


def _selectors(exact: str, prefix: str, suffix: str, start: int, end: int) -> list[dict[str, Any]]:
    return [
        {"type": "TextQuoteSelector", "exact": exact, "prefix": prefix, "suffix": suffix},
        {"type": "TextPositionSelector", "start": start, "end": end},
    ]


def _motivation(note: str, tags: tuple[str, ...], fallback: str) -> str:
    if note.strip():
        return "commenting"
    return "tagging" if tags else fallback


def annotation_collection(report: Report) -> dict[str, Any]:
    """The reader's layer of `report` as a W3C `AnnotationCollection` (a JSON-LD document)."""
    source = _source(report)
    text = report.text
    items: list[dict[str, Any]] = []
    colors = {g.name: g.color for g in report.groups}
    for h in report.highlights():
        style = _style_class(h.category)
        items.append(
            {
                "id": f"{URN}highlight:{h.id}",
                "type": "Annotation",
                "motivation": _motivation(h.note, h.tags, "highlighting"),
                "body": _bodies(h.note, h.tags, h.category),
                "target": {
                    "source": source,
                    "styleClass": style,
                    "selector": _selectors(h.quote, h.prefix, h.suffix, h.start, h.end),
                },
                "stylesheet": {
                    "type": "CssStylesheet",
                    "value": f".{style} {{ background-color: {colors[h.category]}; }}",
                },
            }
        )
    for n in report.notes:
        bodies = _bodies(n.text, n.tags, None)
        target: str | dict[str, Any] = source
        if n.target != DOCUMENT_TARGET:
            bodies.append({"type": "SpecificResource", "source": URN + n.target, "purpose": "identifying"})
            if n.start is not None and n.end is not None:
                exact = text[n.start : n.end]
                prefix, suffix = text[max(0, n.start - 32) : n.start], text[n.end : n.end + 32]
                target = {"source": source, "selector": _selectors(exact, prefix, suffix, n.start, n.end)}
        items.append(
            {
                "id": f"{URN}note:{n.id}",
                "type": "Annotation",
                "motivation": _motivation(n.text, n.tags, "commenting"),
                "body": bodies,
                "target": target,
            }
        )
    return {
        "@context": ANNO_CONTEXT,
        "id": f"{URN}annotations:{report.sha256}",
        "type": "AnnotationCollection",
        "label": report.title,
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }


def render_jsonld(report: Report, sink: ProgressSink | None = None) -> str:
    text = json.dumps(annotation_collection(report), ensure_ascii=False, indent=1) + "\n"
    if sink is not None:
        sink.finish()
    return text


def __getattr__(name: str) -> Any:
    """The importer moved to `web_annotation_import`; its names still resolve here."""
    from models.export import web_annotation_import

    if name in web_annotation_import.__all__:
        return getattr(web_annotation_import, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

"""W3C Web Annotation (JSON-LD) export and import of the reader's highlights and notes.

Export writes one `AnnotationCollection`. A highlight targets its passage with both a
`TextQuoteSelector` (exact, prefix, suffix) and a `TextPositionSelector` (code points, as the W3C
model counts them and as Dramatis does); its note is a `commenting` body in Markdown, each tag a
`tagging` body and its colour category a `classifying` body, with the colour in a CSS stylesheet.
A note on an actor or event carries an `identifying` body naming it; a note on the document
targets the whole source.

What the analysis found follows the reader's items, for the actors and events the report shows:
each mention of an actor is an `identifying` annotation (the actor's name as an `identifying` body,
its type as a `classifying` one), each event a `classifying` annotation on its trigger word (the type
`classifying`, each actor involved `identifying`, and a `describing` line with type, date and who).
Their `creator` is the analysis (a `Software` agent), so other tools can tell them from the reader's.

Import (reading that back, and annotations from other tools) lives in `web_annotation_import`;
its names are still reachable from here.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from models.domain import Actor, MentionKind
from models.export.report import CONTEXT_CHARS, EventRow, ProgressSink, Report
from models.export.web_annotation_import import ANALYSIS_CREATOR, URN
from models.reader import DOCUMENT_TARGET

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"


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
    items += found_annotations(report)
    return {
        "@context": ANNO_CONTEXT,
        "id": f"{URN}annotations:{report.sha256}",
        "type": "AnnotationCollection",
        "label": report.title,
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }


def _text_target(report: Report, start: int, end: int) -> dict[str, Any]:
    text = report.text
    prefix, suffix = text[max(0, start - CONTEXT_CHARS) : start], text[end : end + CONTEXT_CHARS]
    return {"source": _source(report), "selector": _selectors(text[start:end], prefix, suffix, start, end)}


def _text_body(value: str, purpose: str) -> dict[str, Any]:
    return {"type": "TextualBody", "value": value, "purpose": purpose}


def found_annotations(report: Report) -> list[dict[str, Any]]:
    """The actors' mentions and the events the report shows, as annotations made by the analysis.

    Why: a reader loading the export into an annotation tool expects to see what Dramatis found, not
    only their own marks; the `creator` tells the two apart.
    """
    analysis = report.analysis
    creator = {
        "id": f"{ANALYSIS_CREATOR}{analysis.analyzer_version}",
        "type": "Software",
        "name": f"Dramatis analysis {analysis.analyzer_version} ({analysis.model})",
    }
    actors = analysis.actor_by_id()
    items: list[dict[str, Any]] = []
    for row in report.actors:
        actor = actors.get(row.id)
        if actor is not None:
            items += _mention_annotations(report, actor, creator)
    for event in report.events:
        items.append(
            {
                "id": f"{URN}found-event:{event.id}",
                "type": "Annotation",
                "motivation": "classifying",
                "creator": creator,
                "body": _event_bodies(event),
                "target": _text_target(report, event.start, event.end),
            }
        )
    return items


def _mention_annotations(report: Report, actor: Actor, creator: dict[str, Any]) -> list[dict[str, Any]]:
    items = []
    kind = str(actor.type).title()
    for index, mention in enumerate(sorted(actor.mentions, key=lambda m: (m.start, m.end))):
        if mention.kind is MentionKind.PRONOUN and not report.pronouns:
            continue
        if not 0 <= mention.start < mention.end <= len(report.text):
            continue
        bodies = [_text_body(actor.name, "identifying"), _text_body(kind, "classifying")]
        if mention.kind is not MentionKind.NAME:
            bodies.append(_text_body(str(mention.kind), "tagging"))  # "pronoun" or "nominal": not the name itself
        items.append(
            {
                "id": f"{URN}found-mention:{actor.id}:{index}",
                "type": "Annotation",
                "motivation": "identifying",
                "creator": creator,
                "body": bodies,
                "target": _text_target(report, mention.start, mention.end),
            }
        )
    return items


def _event_bodies(event: EventRow) -> list[dict[str, Any]]:
    """The type (classifying), each actor in the event (identifying), and one line naming all with the date."""
    kind = event.type.title()
    names = [n for n in (event.source, event.target, *event.participants, event.place) if n]
    bodies = [_text_body(kind, "classifying")]
    bodies += [_text_body(name, "identifying") for name in dict.fromkeys(names)]
    who = " → ".join(n for n in (event.source, event.target) if n) or ", ".join(event.participants)
    line = f"{kind}, {event.date_label}" + (f": {who}" if who else "") + (f" in {event.place}" if event.place else "")
    bodies.append(_text_body(line, "describing"))
    return bodies


def render_jsonld(report: Report, sink: ProgressSink | None = None) -> str:
    """The report's W3C annotation collection as indented JSON-LD text."""
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

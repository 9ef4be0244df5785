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

Import reads that back, and annotations from other tools, by anchoring each target in the text:
the position when the quote still matches there, otherwise the occurrence of the quote whose
surroundings best match the prefix and suffix.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from models.domain import Actor, MentionKind
from models.export.report import CONTEXT_CHARS, DOCUMENT_TARGET, EventRow, ProgressSink, Report, valid_color

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
URN = "urn:dramatis:"
MAX_OCCURRENCES = 20_000
_STYLE_RULE = re.compile(r"\.([A-Za-z0-9_-]+)\s*\{[^}]*?background(?:-color)?\s*:\s*(#[0-9A-Fa-f]{6})")


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
        "id": f"{URN}analysis:{analysis.analyzer_version}",
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
    text = json.dumps(annotation_collection(report), ensure_ascii=False, indent=1) + "\n"
    if sink is not None:
        sink.finish()
    return text


# ----- import ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ImportedHighlight:
    id: str
    start: int
    end: int
    category: str
    note: str = ""
    tags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ImportedNote:
    id: str
    target: str
    text: str
    tags: tuple[str, ...] = ()


@dataclass
class ImportedLayer:
    """What an annotation file holds for one text, plus the annotations that could not be placed."""

    highlights: list[ImportedHighlight] = field(default_factory=list)
    notes: list[ImportedNote] = field(default_factory=list)
    categories: dict[str, str] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)


def _items(data: Any) -> list[dict[str, Any]]:
    """Annotations in any of the shapes the model allows: one, a list, a page, a collection."""
    if isinstance(data, list):
        return [a for item in data for a in _items(item)]
    if not isinstance(data, dict):
        return []
    kind = data.get("type")
    kinds = set(kind) if isinstance(kind, list) else {kind}
    if "Annotation" in kinds:
        return [data]
    if "AnnotationPage" in kinds:
        page = _items(data.get("items", []))
        nxt = data.get("next")
        return page + (_items(nxt) if isinstance(nxt, dict) else [])
    if "AnnotationCollection" in kinds:
        first = data.get("first")
        return _items(first) if isinstance(first, dict | list) else []
    if "@graph" in data:
        return _items(data["@graph"])
    return []


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _body_purposes(body: Any) -> list[str]:
    return [str(p) for p in _as_list(body.get("purpose"))] if isinstance(body, dict) else []


def _quote_score(text: str, start: int, end: int, prefix: str, suffix: str) -> int:
    before = text[max(0, start - len(prefix)) : start]
    after = text[end : end + len(suffix)]
    score = 0
    for a, b in zip(reversed(before), reversed(prefix), strict=False):
        if a != b:
            break
        score += 1
    for a, b in zip(after, suffix, strict=False):
        if a != b:
            break
        score += 1
    return score


def anchor(text: str, selectors: list[Any]) -> tuple[int, int] | None:
    """Where a target's selectors point in `text` (Python offsets), or None when the passage is gone."""
    quote = next((s for s in selectors if isinstance(s, dict) and s.get("type") == "TextQuoteSelector"), None)
    position = next((s for s in selectors if isinstance(s, dict) and s.get("type") == "TextPositionSelector"), None)
    hint: int | None = None
    if position is not None:
        start, end = position.get("start"), position.get("end")
        if isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(text):
            hint = start
            if quote is None or text[start:end] == quote.get("exact"):
                return start, end
    if quote is None or not isinstance(quote.get("exact"), str) or not quote["exact"]:
        return None
    exact: str = quote["exact"]
    prefix, suffix = str(quote.get("prefix") or ""), str(quote.get("suffix") or "")
    best: tuple[int, int] | None = None
    best_key: tuple[int, int] | None = None
    pos = text.find(exact)
    seen = 0
    while pos >= 0 and seen < MAX_OCCURRENCES:
        key = (-_quote_score(text, pos, pos + len(exact), prefix, suffix), abs(pos - hint) if hint is not None else 0)
        if best_key is None or key < best_key:
            best, best_key = (pos, pos + len(exact)), key
        pos = text.find(exact, pos + 1)
        seen += 1
    return best


def _local_id(annotation_id: Any, kind: str, index: int, taken: set[str]) -> str:
    """Keep a Dramatis id when the annotation came from Dramatis, otherwise derive a stable one."""
    raw = str(annotation_id or "")
    prefix = f"{URN}{kind}:"
    if raw.startswith(prefix) and raw[len(prefix) :] and raw[len(prefix) :] not in taken:
        return raw[len(prefix) :]
    digest = hashlib.sha1(f"{raw}#{index}".encode()).hexdigest()[:12]
    return f"{kind[0]}{digest}"


def read_annotations(
    data: Any,
    text: str,
    *,
    default_category: str = "Imported",
    categories: Mapping[str, str] | None = None,
    progress: ProgressSink | None = None,
) -> ImportedLayer:
    """The highlights and notes a W3C Web Annotation document holds for `text`.

    Targets are anchored with `anchor`; annotations whose passage cannot be found are listed in
    `skipped` with the reason instead of being placed somewhere wrong.
    """
    layer = ImportedLayer(categories=dict(categories or {}))
    taken: set[str] = set()
    for index, item in enumerate(_items(data)):
        if progress is not None:
            progress.step()
        bodies = _as_list(item.get("body"))
        if isinstance(item.get("bodyValue"), str):
            bodies.append({"type": "TextualBody", "value": item["bodyValue"], "purpose": "commenting"})
        note_parts, tags, classes, about = [], [], [], None
        for body in bodies:
            if not isinstance(body, dict):
                continue  # a link to a resource elsewhere (or junk): nothing to show in the text
            purposes = _body_purposes(body)
            value = body.get("value")
            if "identifying" in purposes and str(body.get("source", "")).startswith(URN):
                about = str(body["source"])[len(URN) :]
            elif isinstance(value, str) and "tagging" in purposes:
                tags.append(value)
            elif isinstance(value, str) and "classifying" in purposes:
                classes.append(value)
            elif isinstance(value, str):
                note_parts.append(value)
        note = "\n\n".join(note_parts)
        target = next(iter(_as_list(item.get("target"))), None)
        selectors = _as_list(target.get("selector")) if isinstance(target, dict) else []
        if about is not None and re.match(r"^(actor|event):.+", about):
            nid = _local_id(item.get("id"), "note", index, taken)
            taken.add(nid)
            layer.notes.append(ImportedNote(nid, about, note, tuple(tags)))
            continue
        if not selectors:
            nid = _local_id(item.get("id"), "note", index, taken)
            taken.add(nid)
            layer.notes.append(ImportedNote(nid, DOCUMENT_TARGET, note, tuple(tags)))
            continue
        span = anchor(text, selectors)
        if span is None:
            quote = next((s.get("exact") for s in selectors if isinstance(s, dict) and s.get("exact")), "")
            layer.skipped.append(f"the passage “{str(quote)[:60]}” is not in this text")
            continue
        category = classes[0] if classes else default_category
        if category not in layer.categories:
            layer.categories[category] = _stylesheet_color(item, target) or valid_color(None)
        hid = _local_id(item.get("id"), "highlight", index, taken)
        taken.add(hid)
        layer.highlights.append(ImportedHighlight(hid, span[0], span[1], category, note, tuple(tags)))
    return layer


def _stylesheet_color(item: dict[str, Any], target: Any) -> str | None:
    sheet = item.get("stylesheet")
    css = sheet.get("value") if isinstance(sheet, dict) else None
    style_class = target.get("styleClass") if isinstance(target, dict) else None
    if not isinstance(css, str) or not isinstance(style_class, str):
        return None
    for name, color in _STYLE_RULE.findall(css):
        if name == style_class:
            return str(color)
    return None

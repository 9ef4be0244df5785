"""W3C Web Annotation (JSON-LD) import: highlights and notes from Dramatis, Hypothesis, Recogito...

Each target is anchored in the text: the position when the quote still matches there, otherwise
the occurrence of the quote whose surroundings best match the prefix and suffix.

The file comes from elsewhere, so every cost is bounded by its size: nesting is walked with an
explicit stack to a fixed depth, a stylesheet is searched with `str.find` (no backtracking regular
expression), and the text is indexed once per import, each annotation scoring at most
`MAX_SCORED` of its quote's occurrences with slice comparisons. Malformed selectors (empty,
negative, reversed or non-integer positions) are refused with a reason, never guessed at.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from models.export.report import ProgressSink, valid_color
from models.reader import DOCUMENT_TARGET, ReaderHighlight, ReaderNote

URN = "urn:dramatis:"
ANALYSIS_CREATOR = URN + "analysis:"  # + analyser version: the `Software` agent Dramatis' analysis exports as
MAX_OCCURRENCES = 20_000  # positions of one quote kept in the index
MAX_SCORED = 256  # occurrences compared with an annotation's prefix and suffix
MAX_CONTEXT = 64  # characters of prefix and suffix that count
MAX_DEPTH = 32  # nesting of lists, pages and collections walked to find annotations
MAX_PAGES = 10_000  # AnnotationPage `next` links followed
_HEX_COLOR = re.compile(r"#[0-9A-Fa-f]{6}")
_NAME_CHAR = re.compile(r"[A-Za-z0-9_-]")

__all__ = [
    "ANALYSIS_CREATOR",
    "MAX_OCCURRENCES",
    "ImportedLayer",
    "TextIndex",
    "anchor",
    "iter_annotations",
    "made_by_analysis",
    "read_annotations",
]


@dataclass
class ImportedLayer:
    """What an annotation file holds for one text, plus the annotations that could not be placed."""

    highlights: list[ReaderHighlight] = field(default_factory=list)
    notes: list[ReaderNote] = field(default_factory=list)
    categories: dict[str, str] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)


def _kinds(data: dict[str, Any]) -> set[str]:
    kind = data.get("type")
    return {str(k) for k in kind} if isinstance(kind, list) else {str(kind)}


def iter_annotations(data: Any, problems: list[str] | None = None) -> list[dict[str, Any]]:
    """Annotations in any of the shapes the model allows: one, a list, a page, a collection, a graph.

    Walked with an explicit stack, so a list nested 500 (or 100,000) deep costs its size and is
    reported in `problems` past `MAX_DEPTH`, never a RecursionError.
    """
    found: list[dict[str, Any]] = []
    stack: list[tuple[Any, int]] = [(data, 0)]
    pages = 0
    too_deep = False
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            too_deep = True
            continue
        if isinstance(node, list):
            stack.extend((child, depth + 1) for child in reversed(node))
            continue
        if not isinstance(node, dict):
            continue
        kinds = _kinds(node)
        if "Annotation" in kinds:
            found.append(node)
        elif "AnnotationPage" in kinds:
            pages += 1
            nxt = node.get("next")
            if isinstance(nxt, dict) and pages < MAX_PAGES:
                stack.append((nxt, depth + 1))
            stack.append((node.get("items", []), depth + 1))
        elif "AnnotationCollection" in kinds:
            first = node.get("first")
            if isinstance(first, dict | list):
                stack.append((first, depth + 1))
        elif "@graph" in node:
            stack.append((node["@graph"], depth + 1))
    if too_deep and problems is not None:
        problems.append(f"parts nested more than {MAX_DEPTH} levels deep were left out")
    return found


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def made_by_analysis(annotation: dict[str, Any]) -> bool:
    """Whether Dramatis' own analysis made `annotation`: a `Software` creator with the analysis' id.

    Why: importing those into the library would turn what Dramatis finds again anyway into reader
    highlights. Other software (an NER tool, say) is not the analysis, so its findings still count.
    """
    for creator in _as_list(annotation.get("creator")):
        if not isinstance(creator, dict) or "Software" not in _kinds(creator):
            continue
        agent = creator.get("id") or creator.get("@id")
        if isinstance(agent, str) and agent.startswith(ANALYSIS_CREATOR):
            return True
    return False


def _body_purposes(body: Any) -> list[str]:
    return [str(p) for p in _as_list(body.get("purpose"))] if isinstance(body, dict) else []


class TextIndex:
    """The text, with the positions of each quoted passage found once and kept for the whole import."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._positions: dict[str, list[int]] = {}

    def positions(self, exact: str) -> list[int]:
        """Start offsets of `exact` (at most `MAX_OCCURRENCES`), sorted; found on first use only."""
        known = self._positions.get(exact)
        if known is None:
            known = []
            pos = self.text.find(exact)
            while pos >= 0 and len(known) < MAX_OCCURRENCES:
                known.append(pos)
                pos = self.text.find(exact, pos + 1)
            self._positions[exact] = known
        return known


class BadSelector(ValueError):
    """A selector that cannot point at a passage (empty, reversed, negative or not whole numbers)."""


def _offset(value: Any, what: str) -> int:
    if type(value) is not int:  # bool is an int subclass: true/false are refused too
        raise BadSelector(f"its {what} position is not a whole number")
    if value < 0:
        raise BadSelector(f"its {what} position is negative")
    return value


def _position(selector: dict[str, Any]) -> tuple[int, int]:
    start, end = _offset(selector.get("start"), "start"), _offset(selector.get("end"), "end")
    if start >= end:
        raise BadSelector("its position selector is empty or reversed")
    return start, end


def _matches(text: str, before: int, prefix: str, after: int, suffix: str) -> int:
    """How many of prefix and suffix sit exactly around the passage (0, 1 or 2), compared in C."""
    hits = 0
    if prefix and before >= len(prefix) and text.startswith(prefix, before - len(prefix)):
        hits += 1
    if suffix and text.startswith(suffix, after):
        hits += 1
    return hits


def _partial(text: str, start: int, end: int, prefix: str, suffix: str) -> int:
    """Characters of prefix (from its end) and suffix (from its start) that match: a tie-breaker."""
    score = 0
    for a, b in zip(reversed(text[max(0, start - len(prefix)) : start]), reversed(prefix), strict=False):
        if a != b:
            break
        score += 1
    for a, b in zip(text[end : end + len(suffix)], suffix, strict=False):
        if a != b:
            break
        score += 1
    return score


def anchor(text: str | TextIndex, selectors: list[Any]) -> tuple[int, int] | None:
    """Where a target's selectors point in the text (Python offsets), or None when the passage is gone.

    Raises BadSelector for a position selector that cannot be a passage. Pass a `TextIndex` when
    anchoring many annotations in one text, so the quote's occurrences are found only once.
    """
    index = text if isinstance(text, TextIndex) else TextIndex(text)
    body = index.text
    quote = next((s for s in selectors if isinstance(s, dict) and s.get("type") == "TextQuoteSelector"), None)
    position = next((s for s in selectors if isinstance(s, dict) and s.get("type") == "TextPositionSelector"), None)
    hint: int | None = None
    if position is not None:
        start, end = _position(position)
        if end <= len(body):
            hint = start
            if quote is None or body[start:end] == quote.get("exact"):
                return start, end
    if quote is None or not isinstance(quote.get("exact"), str) or not quote["exact"]:
        return None
    exact: str = quote["exact"]
    prefix = str(quote.get("prefix") or "")[-MAX_CONTEXT:]
    suffix = str(quote.get("suffix") or "")[:MAX_CONTEXT]
    found = index.positions(exact)
    if not found:
        return None
    size = len(exact)
    wanted = bool(prefix) + bool(suffix)
    best, best_hits = -1, -1
    scored: list[int] = []
    for pos in _nearest(found, hint):  # nearest the stated position first: the first full match wins
        hits = _matches(body, pos, prefix, pos + size, suffix)
        scored.append(pos)
        if hits > best_hits:
            best, best_hits = pos, hits
            if hits == wanted:
                break
    if best_hits < wanted:
        # No occurrence has its whole context: the longest partial match among the nearest few decides.
        best = max(scored[:32], key=lambda pos: _partial(body, pos, pos + size, prefix, suffix))
    return best, best + size


def _nearest(found: list[int], hint: int | None) -> list[int]:
    """At most `MAX_SCORED` positions, by distance from `hint` (in text order without one)."""
    if hint is None:
        return found[:MAX_SCORED]
    right = bisect.bisect_left(found, hint)
    left = right - 1
    order: list[int] = []
    while len(order) < MAX_SCORED and (left >= 0 or right < len(found)):
        if right >= len(found) or (left >= 0 and hint - found[left] <= found[right] - hint):
            order.append(found[left])
            left -= 1
        else:
            order.append(found[right])
            right += 1
    return order


def _local_id(annotation_id: Any, kind: str, index: int, taken: set[str]) -> str:
    """Keep a Dramatis id when the annotation came from Dramatis, otherwise derive a stable one."""
    raw = str(annotation_id or "")[:500]
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

    Targets are anchored with `anchor`; annotations whose passage cannot be found, or whose
    selectors are malformed, are listed in `skipped` with the reason instead of being placed
    somewhere wrong.
    """
    layer = ImportedLayer(categories=dict(categories or {}))
    taken: set[str] = set()
    index_of_text = TextIndex(text)
    for index, item in enumerate(iter_annotations(data, layer.skipped)):
        if progress is not None:
            progress.step()
        bodies = list(_as_list(item.get("body")))
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
            layer.notes.append(ReaderNote(nid, about, note, tuple(tags)))
            continue
        if not selectors:
            nid = _local_id(item.get("id"), "note", index, taken)
            taken.add(nid)
            layer.notes.append(ReaderNote(nid, DOCUMENT_TARGET, note, tuple(tags)))
            continue
        label = str(item.get("id") or f"number {index + 1}")[:80]
        try:
            span = anchor(index_of_text, selectors)
        except BadSelector as exc:
            layer.skipped.append(f"annotation {label} refused: {exc}")
            continue
        if span is None:
            quote = next((s.get("exact") for s in selectors if isinstance(s, dict) and s.get("exact")), "")
            layer.skipped.append(f"annotation {label}: the passage “{str(quote)[:60]}” is not in this text")
            continue
        category = classes[0] if classes else default_category
        if category not in layer.categories:
            layer.categories[category] = _stylesheet_color(item, target) or valid_color(None)
        hid = _local_id(item.get("id"), "highlight", index, taken)
        taken.add(hid)
        layer.highlights.append(ReaderHighlight(hid, span[0], span[1], category, note, tuple(tags)))
    return layer


def _stylesheet_color(item: dict[str, Any], target: Any) -> str | None:
    """The background colour the stylesheet gives the target's class, found in time linear in the CSS."""
    sheet = item.get("stylesheet")
    css = sheet.get("value") if isinstance(sheet, dict) else None
    style_class = target.get("styleClass") if isinstance(target, dict) else None
    if not isinstance(css, str) or not isinstance(style_class, str) or not style_class:
        return None
    needle = "." + style_class
    pos = css.find(needle)
    while pos >= 0:
        after = pos + len(needle)
        if after < len(css) and _NAME_CHAR.match(css, after):  # `.dramatis-ab` inside `.dramatis-abc`
            pos = css.find(needle, after)
            continue
        opening = css.find("{", after)
        if opening < 0:
            return None
        closing = css.find("}", opening)
        block = css[opening + 1 : closing if closing >= 0 else len(css)]
        color = _background(block)
        if color is not None:
            return color
        if closing < 0:
            return None
        pos = css.find(needle, closing)
    return None


def _background(block: str) -> str | None:
    """`#rrggbb` of a `background` or `background-color` declaration in one CSS block."""
    for declaration in block.split(";"):
        name, colon, value = declaration.partition(":")
        if colon and name.strip().lower() in ("background", "background-color"):
            match = _HEX_COLOR.search(value)
            if match:
                return match.group(0)
    return None

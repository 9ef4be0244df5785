"""Turning an analysis into highlight spans and tooltips for the article view."""

from __future__ import annotations

import html
from collections.abc import Iterable

from models.analysis.pipeline import ProvisionalSpan
from models.domain import Analysis
from models.offsets import Utf16Map
from models.spans import Span

EVENT = "EVENT"
TIME = "TIME"


def analysis_spans(analysis: Analysis, offsets: Utf16Map) -> list[Span]:
    """Every actor mention, event trigger and time expression as a span in Qt positions."""
    spans = [
        Span(offsets.to_qt(m.start), offsets.to_qt(m.end), str(actor.type), actor.id)
        for actor in analysis.actors
        for m in actor.mentions
    ]
    spans.extend(Span(offsets.to_qt(e.start), offsets.to_qt(e.end), EVENT, e.id) for e in analysis.events)
    spans.extend(Span(offsets.to_qt(t.start), offsets.to_qt(t.end), TIME, t.id) for t in analysis.times)
    return spans


def provisional_spans(spans: Iterable[ProvisionalSpan], offsets: Utf16Map) -> list[Span]:
    return [Span(offsets.to_qt(s.start), offsets.to_qt(s.end), str(s.type), "") for s in spans]


def category_counts(analysis: Analysis) -> dict[str, int]:
    """Number of actors per type, events and time expressions, for the legend."""
    counts: dict[str, int] = {}
    for actor in analysis.actors:
        counts[str(actor.type)] = counts.get(str(actor.type), 0) + 1
    counts[EVENT] = len(analysis.events)
    counts[TIME] = len(analysis.times)
    return counts


class TooltipText:
    """Rich-text tooltips describing the items under the mouse."""

    def __init__(self, analysis: Analysis | None) -> None:
        self._analysis = analysis
        self._actors = analysis.actor_by_id() if analysis else {}
        self._events = {e.id: e for e in analysis.events} if analysis else {}
        self._times = {t.id: t for t in analysis.times} if analysis else {}

    def __call__(self, spans: list[Span]) -> str:
        parts = [p for p in (self._describe(s) for s in spans) if p]
        return "<hr>".join(parts)

    def _describe(self, span: Span) -> str:
        esc = html.escape
        if span.item_id in self._actors:
            actor = self._actors[span.item_id]
            lines = [f"<b>{esc(actor.name)}</b> · {esc(actor.type.title())}"]
            if actor.roles:
                lines.append(esc(", ".join(actor.roles)))
            n = len(actor.mentions)
            lines.append(f"{n} mention{'s' if n != 1 else ''}")
            return "<br>".join(lines)
        if span.item_id in self._events:
            event = self._events[span.item_id]
            lines = [f"<b>{esc(event.type.title())}</b>: “{esc(event.text)}”"]
            when = event.date or "undated"
            if event.date_basis:
                when += f" ({esc(event.date_basis)})"
            lines.append(f"Date: {when}")
            names = [self._actors[p].name for p in event.participants if p in self._actors]
            if names:
                lines.append("Participants: " + esc(", ".join(names)))
            return "<br>".join(lines)
        if span.item_id in self._times:
            t = self._times[span.item_id]
            extra = f"<br>{esc(t.anchor)}" if t.anchor else ""
            return f"<b>{esc(t.text)}</b> → {esc(t.value)}{extra}"
        return ""

"""Turning an analysis (and the reader's own highlights) into spans, styles and tooltips."""

from __future__ import annotations

import html
from collections.abc import Iterable

from gui.theme import ACTOR_CUES, ACTOR_STYLES, CATEGORY_STYLES, EVENT_STYLES, CategoryStyle, Style, event_category
from models.domain import Analysis, MentionKind
from models.filters import EVENT_LAYER, PRONOUN_LAYER, READER_LAYER, TIME_LAYER, FilterState
from models.reading.spans import PRONOUN_PREFIX, READER_PREFIX, analysis_spans, provisional_spans, reader_span
from models.spans import Span
from models.views.style import ACTOR_COLORS, READER_PALETTE

EVENT = EVENT_LAYER
TIME = TIME_LAYER


def mentions_key(actor_type: str) -> str:
    """The `category_counts` key of the number of mentions of one actor type."""
    return f"{actor_type}:mentions"


def category_counts(analysis: Analysis) -> dict[str, int]:
    """Number of actors per type (and their mentions, under `TYPE:mentions`), events and times, for the legend."""
    counts: dict[str, int] = {}
    for actor in analysis.actors:
        counts[str(actor.type)] = counts.get(str(actor.type), 0) + 1
        key = mentions_key(str(actor.type))
        counts[key] = counts.get(key, 0) + len(actor.mentions)
    counts[PRONOUN_LAYER] = sum(m.kind is MentionKind.PRONOUN for a in analysis.actors for m in a.mentions)
    counts[EVENT] = len(analysis.events)
    for event in analysis.events:
        key = event_category(str(event.type))
        counts[key] = counts.get(key, 0) + 1
    counts[TIME] = len(analysis.times)
    return counts


def hidden_categories(state: FilterState, reader_categories: Iterable[str] = ()) -> set[str]:
    """Span categories the article must not paint for a filter state.

    Reader highlights follow the READER layer switch and the colour-category facet.
    """
    hidden = {layer for layer in state.hidden_layers if layer in ACTOR_STYLES or layer == TIME}
    hidden.update(
        PRONOUN_PREFIX + kind for kind in ACTOR_STYLES if kind in hidden or PRONOUN_LAYER in state.hidden_layers
    )
    if EVENT in state.hidden_layers:
        hidden.update(EVENT_STYLES)
    for category in reader_categories:
        if READER_LAYER in state.hidden_layers or (state.categories and category not in state.categories):
            hidden.add(READER_PREFIX + category)
    return hidden


class StyleBook:
    """Decides how each span is drawn: by category, or one colour per actor on request.

    Why a class: the per-actor palette and the reader's categories change at run time, and the
    article view asks for a style on every paint, so the lookup must be a cheap dict access.
    """

    def __init__(self) -> None:
        self.per_actor = False
        self._actor_colors: dict[str, str] = {}
        self._actor_cues: dict[str, int] = {}
        self._reader_colors: dict[str, str] = {}
        self._reader_cache: dict[str, CategoryStyle] = {}
        self._actor_cache: dict[str, CategoryStyle] = {}

    def set_analysis(self, analysis: Analysis | None) -> None:
        """Give the most-mentioned actors the most distinct colours."""
        actors = sorted(analysis.actors, key=lambda a: -len(a.mentions)) if analysis else []
        n = len(ACTOR_COLORS)
        self._actor_colors = {a.id: ACTOR_COLORS[i % n] for i, a in enumerate(actors)}
        # A colour comes back only with a second cue (drawn lines), so no two actors look the same.
        self._actor_cues = {a.id: (i // n) % ACTOR_CUES for i, a in enumerate(actors)}
        self._actor_cache.clear()

    def set_reader_colors(self, colors: dict[str, str]) -> None:
        """Reader category name (or id) -> colour."""
        self._reader_colors = dict(colors)
        self._reader_cache.clear()

    def actor_color(self, actor_id: str) -> str | None:
        return self._actor_colors.get(actor_id)

    def actor_cue(self, actor_id: str) -> int:
        return self._actor_cues.get(actor_id, 0)

    def __call__(self, span: Span) -> CategoryStyle | None:
        category = span.category
        if category.startswith(READER_PREFIX):
            key = category[len(READER_PREFIX) :]
            cached = self._reader_cache.get(key)
            if cached is not None:
                return cached
            reader_style = CategoryStyle(key, self._reader_colors.get(key, READER_PALETTE[0]), Style.MARKER)
            self._reader_cache[key] = reader_style
            return reader_style
        if category.startswith(PRONOUN_PREFIX):
            category = category[len(PRONOUN_PREFIX) :]
        base = CATEGORY_STYLES.get(category)
        if base is None or not self.per_actor or category not in ACTOR_STYLES:
            return base
        color = self._actor_colors.get(span.item_id)
        if color is None:
            return base
        actor_style = self._actor_cache.get(span.item_id)
        if actor_style is None:
            cue = self._actor_cues.get(span.item_id, 0)
            actor_style = CategoryStyle(base.label, color, base.style, base.edge, cue)
            self._actor_cache[span.item_id] = actor_style
        return actor_style


class TooltipText:
    """Rich-text tooltips describing the items under the mouse."""

    def __init__(self, analysis: Analysis | None, reader_labels: dict[str, str] | None = None) -> None:
        self._analysis = analysis
        self._actors = analysis.actor_by_id() if analysis else {}
        self._events = {e.id: e for e in analysis.events} if analysis else {}
        self._times = {t.id: t for t in analysis.times} if analysis else {}
        self._reader = reader_labels or {}

    def __call__(self, spans: list[Span]) -> str:
        parts = [p for p in (self._describe(s) for s in spans) if p]
        return "<hr>".join(parts)

    def _describe(self, span: Span) -> str:
        esc = html.escape
        if span.item_id in self._actors:
            actor = self._actors[span.item_id]
            lines = [f"<b>{esc(actor.name)}</b> · {esc(ACTOR_STYLES[str(actor.type)].label)}"]
            if actor.roles:
                lines.append(esc(", ".join(actor.roles)))
            n = len(actor.mentions)
            lines.append(f"{n} mention{'s' if n != 1 else ''}")
            return "<br>".join(lines)
        if span.item_id in self._events:
            event = self._events[span.item_id]
            lines = [f"<b>{esc(event.type.title())}</b>: “{esc(event.text)}”"]
            when = event.date or "undated"
            if event.time:
                when += f" {esc(event.time)}"
            if event.date_basis:
                when += f" ({esc(event.date_basis)})"
            lines.append(f"Date: {when}")
            source = self._actors.get(event.source or "")
            target = self._actors.get(event.target or "")
            if source or target:
                lines.append(f"{esc(source.name if source else '?')} → {esc(target.name if target else '?')}")
            names = [self._actors[p].name for p in event.participants if p in self._actors]
            if names:
                lines.append("Participants: " + esc(", ".join(names)))
            place = self._actors.get(event.place or "")
            if place:
                lines.append("Place: " + esc(place.name))
            return "<br>".join(lines)
        if span.item_id in self._times:
            t = self._times[span.item_id]
            extra = f"<br>relative to {esc(t.anchor)}" if t.anchor else ""
            return f"<b>{esc(t.text)}</b> → {esc(t.value)}{extra}"
        if span.item_id in self._reader:
            return self._reader[span.item_id]
        return ""


__all__ = [
    "EVENT",
    "PRONOUN_PREFIX",
    "READER_LAYER",
    "READER_PREFIX",
    "TIME",
    "StyleBook",
    "TooltipText",
    "analysis_spans",
    "category_counts",
    "hidden_categories",
    "mentions_key",
    "provisional_spans",
    "reader_span",
]

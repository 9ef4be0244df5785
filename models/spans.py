"""A sorted index of highlight spans, for painting only what is on screen.

Highlights never become Qt objects: they live here as tuples, are queried by range for the
visible blocks, and are hidden or shown by flipping a category flag.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Span:
    """One highlight: a range, its category (style) and the item it belongs to."""

    start: int
    end: int
    category: str
    item_id: str


class SpanIndex:
    """Spans sorted by start; range queries cost O(log n + k)."""

    def __init__(self, spans: list[Span] | None = None) -> None:
        self._spans: list[Span] = []
        self._starts: list[int] = []
        self._max_len = 0
        if spans:
            self.extend(spans)

    def __len__(self) -> int:
        return len(self._spans)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._spans)

    def extend(self, spans: list[Span]) -> None:
        self._spans.extend(spans)
        self._spans.sort(key=lambda s: (s.start, s.end, s.category, s.item_id))
        self._starts = [s.start for s in self._spans]
        self._max_len = max((s.end - s.start for s in self._spans), default=0)

    def overlapping(self, start: int, end: int) -> list[Span]:
        """Spans that share at least one character with [start, end)."""
        lo = bisect_left(self._starts, start - self._max_len)
        hi = bisect_left(self._starts, end)
        return [s for s in self._spans[lo:hi] if s.end > start]

    def at(self, position: int) -> list[Span]:
        """Spans covering `position`, innermost (shortest) first."""
        found = self.overlapping(position, position + 1)
        return sorted(found, key=lambda s: s.end - s.start)

    def next_start(self, position: int, item_id: str | None = None) -> Span | None:
        """The first span starting after `position`, optionally of one item only."""
        for span in self._spans[bisect_right(self._starts, position) :]:
            if item_id is None or span.item_id == item_id:
                return span
        return None

    def previous_start(self, position: int, item_id: str | None = None) -> Span | None:
        """The last span starting before `position`, optionally of one item only."""
        for span in reversed(self._spans[: bisect_left(self._starts, position)]):
            if item_id is None or span.item_id == item_id:
                return span
        return None

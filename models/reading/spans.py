"""The analysis and the reader's highlights as spans in Qt positions: what the reading view paints.

Spans are computed here, without Qt, from Python offsets through the document's `Utf16Map`; the
category of a span names its layer (actor type, event family, time, `READER:` + the reader's category).
"""

from __future__ import annotations

from collections.abc import Iterable

from models.analysis.actor_facts import ProvisionalSpan
from models.domain import Analysis, MentionKind
from models.filters import TIME_LAYER
from models.offsets import Utf16Map
from models.spans import Span
from models.views.style import family_of

READER_PREFIX = "READER:"
PRONOUN_PREFIX = "PRONOUN:"  # + actor type: pronoun mentions, painted like names but switched apart


def analysis_spans(analysis: Analysis, offsets: Utf16Map) -> list[Span]:
    """Every actor mention, event trigger and time expression as a span in Qt positions."""
    spans = [
        Span(
            offsets.to_qt(m.start),
            offsets.to_qt(m.end),
            PRONOUN_PREFIX + str(actor.type) if m.kind is MentionKind.PRONOUN else str(actor.type),
            actor.id,
        )
        for actor in analysis.actors
        for m in actor.mentions
    ]
    spans.extend(
        Span(offsets.to_qt(e.start), offsets.to_qt(e.end), family_of(str(e.type)).key, e.id) for e in analysis.events
    )
    spans.extend(Span(offsets.to_qt(t.start), offsets.to_qt(t.end), TIME_LAYER, t.id) for t in analysis.times)
    return spans


def reader_span(start: int, end: int, category: str, item_id: str, offsets: Utf16Map) -> Span:
    """A reader highlight as a span (Python offsets in, Qt positions out)."""
    return Span(offsets.to_qt(start), offsets.to_qt(end), READER_PREFIX + category, item_id)


def provisional_spans(spans: Iterable[ProvisionalSpan], offsets: Utf16Map) -> list[Span]:
    """Names found so far by a running analysis (no item yet), painted until the analysis arrives."""
    return [Span(offsets.to_qt(s.start), offsets.to_qt(s.end), str(s.type), "") for s in spans]

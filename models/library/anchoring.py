"""Finding a reader's highlight again after the document's text changed.

Each highlight keeps a W3C Web Annotation style TextQuoteSelector (the exact text with about 32
characters before and after it) and a TextPositionSelector (its offsets). To place it on a new
text we try, in order: the old position if the quote is still there, an exact search for the quote
(several hits are told apart by their context and distance), then a fuzzy search scored on the
quote, its context and its position. A highlight that cannot be placed is reported as such and the
caller keeps it as "unanchored"; nothing here ever drops one.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

CONTEXT = 32
# A fuzzy match must resemble the old quote at least this much (difflib ratio).
FUZZY_THRESHOLD = 0.75
_SEED = 12  # length of the quote pieces used to find fuzzy candidates
_MAX_CANDIDATES = 40
_MAX_HITS_PER_SEED = 25


@dataclass(frozen=True, slots=True)
class Anchor:
    """TextQuoteSelector (exact, prefix, suffix) plus TextPositionSelector (start, end)."""

    exact: str
    prefix: str
    suffix: str
    start: int
    end: int

    def to_web_annotation(self) -> list[dict[str, object]]:
        return [
            {"type": "TextQuoteSelector", "exact": self.exact, "prefix": self.prefix, "suffix": self.suffix},
            {"type": "TextPositionSelector", "start": self.start, "end": self.end},
        ]


@dataclass(frozen=True, slots=True)
class Placement:
    """Where an anchor lands in a text, how it was found, and how sure we are (0-1)."""

    start: int
    end: int
    method: str  # "position", "exact" or "fuzzy"
    score: float


def make_anchor(text: str, start: int, end: int) -> Anchor:
    """The anchor of text[start:end]: the passage with some context on each side and its offsets."""
    return Anchor(text[start:end], text[max(0, start - CONTEXT) : start], text[end : end + CONTEXT], start, end)


def reanchor(text: str, anchor: Anchor, threshold: float = FUZZY_THRESHOLD) -> Placement | None:
    """Place `anchor` on `text`, or None when no place is good enough (the caller keeps it unanchored)."""
    exact = anchor.exact
    if not exact:
        return None
    if text[anchor.start : anchor.end] == exact:
        return Placement(anchor.start, anchor.end, "position", 1.0)
    hits = _all_occurrences(text, exact)
    if hits:
        best = max(hits, key=lambda i: _context_score(text, anchor, i, i + len(exact)))
        return Placement(best, best + len(exact), "exact", 1.0)
    if len(exact.strip()) < 4:  # too short to recognise once changed
        return None
    return _fuzzy(text, anchor, threshold)


def _all_occurrences(text: str, needle: str, limit: int = 10_000) -> list[int]:
    found: list[int] = []
    i = text.find(needle)
    while i >= 0 and len(found) < limit:
        found.append(i)
        i = text.find(needle, i + 1)
    return found


def _tail_similarity(expected: str, actual: str) -> float:
    """How much of `expected` (text just before the quote) matches `actual`, read backwards."""
    if not expected:
        return 1.0
    same = 0
    for a, b in zip(reversed(expected), reversed(actual), strict=False):
        if a != b:
            break
        same += 1
    return same / len(expected)


def _head_similarity(expected: str, actual: str) -> float:
    if not expected:
        return 1.0
    same = 0
    for a, b in zip(expected, actual, strict=False):
        if a != b:
            break
        same += 1
    return same / len(expected)


def _context_score(text: str, anchor: Anchor, start: int, end: int) -> float:
    prefix = _tail_similarity(anchor.prefix, text[max(0, start - len(anchor.prefix)) : start])
    suffix = _head_similarity(anchor.suffix, text[end : end + len(anchor.suffix)])
    distance = abs(start - anchor.start) / max(1, len(text))
    return prefix + suffix + (1.0 - distance) * 0.5


def _candidates(text: str, anchor: Anchor) -> list[int]:
    """Likely start offsets of the changed quote: where its pieces or its context still occur."""
    exact = anchor.exact
    votes: dict[int, int] = {}

    def vote(start: int, weight: int = 1) -> None:
        bucket = max(0, start)
        votes[bucket] = votes.get(bucket, 0) + weight

    seed = min(_SEED, len(exact))
    pieces = max(1, min(8, len(exact) // seed))
    step = (len(exact) - seed) / max(1, pieces - 1) if pieces > 1 else 0
    for k in range(pieces):
        offset = round(k * step)
        piece = exact[offset : offset + seed]
        if piece.strip():
            for hit in _all_occurrences(text, piece, _MAX_HITS_PER_SEED):
                vote(hit - offset)
    if len(anchor.prefix) >= 8:
        tail = anchor.prefix[-16:]
        for hit in _all_occurrences(text, tail, _MAX_HITS_PER_SEED):
            vote(hit + len(tail), 2)
    if len(anchor.suffix) >= 8:
        head = anchor.suffix[:16]
        for hit in _all_occurrences(text, head, _MAX_HITS_PER_SEED):
            vote(hit - len(exact), 2)
    vote(anchor.start)
    ranked = sorted(votes, key=lambda s: (-votes[s], abs(s - anchor.start)))
    chosen: list[int] = []
    for start in ranked:
        if all(abs(start - c) > 3 for c in chosen):
            chosen.append(start)
        if len(chosen) >= _MAX_CANDIDATES:
            break
    return chosen


def _fuzzy(text: str, anchor: Anchor, threshold: float) -> Placement | None:
    exact = anchor.exact
    slack = max(8, len(exact) // 3)
    best: Placement | None = None
    best_total = -1.0
    for candidate in _candidates(text, anchor):
        lo = max(0, candidate - slack)
        region = text[lo : min(len(text), candidate + len(exact) + slack)]
        blocks = [b for b in SequenceMatcher(None, exact, region, autojunk=False).get_matching_blocks() if b.size]
        if not blocks:
            continue
        start, end = lo + blocks[0].b, lo + blocks[-1].b + blocks[-1].size
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start >= end:
            continue
        quote = SequenceMatcher(None, exact, text[start:end], autojunk=False).ratio()
        if quote < threshold:
            continue
        total = quote * 3 + _context_score(text, anchor, start, end)
        if total > best_total:
            best_total, best = total, Placement(start, end, "fuzzy", quote)
    return best

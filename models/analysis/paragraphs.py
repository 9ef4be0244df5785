"""Cutting a document into paragraph-sized pieces for streaming through spaCy.

Parsing a whole book in one `nlp(text)` call costs gigabytes; paragraphs through `nlp.pipe`
cost a fraction at the same speed, and let results reach the window as they come.
"""

from __future__ import annotations

import re

MAX_PIECE_CHARS = 20_000
_PARAGRAPH_BREAK = re.compile(r"\n")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+")


def split_paragraphs(text: str, max_chars: int = MAX_PIECE_CHARS) -> list[tuple[int, int]]:
    """Spans (start, end) of the non-blank paragraphs of `text`, each at most `max_chars` long.

    Leading and trailing whitespace is left out of each span; over-long paragraphs are cut at
    sentence ends, or at whitespace, or hard as a last resort.
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    for match in _PARAGRAPH_BREAK.finditer(text + "\n"):
        _add_trimmed(text, pos, match.start(), spans, max_chars)
        pos = match.end()
    return spans


def _add_trimmed(text: str, start: int, end: int, out: list[tuple[int, int]], max_chars: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return
    while end - start > max_chars:
        cut = _cut_point(text, start, start + max_chars)
        _add_trimmed(text, start, cut, out, max_chars)
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        out.append((start, end))


def _cut_point(text: str, start: int, limit: int) -> int:
    window = text[start:limit]
    ends = [m.end() for m in _SENTENCE_END.finditer(window)]
    if ends and ends[-1] > len(window) // 2:
        return start + ends[-1]
    space = window.rfind(" ")
    if space > len(window) // 2:
        return start + space + 1
    return limit

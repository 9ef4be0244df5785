"""Cutting a document into paragraph-sized pieces for streaming through spaCy.

Parsing a whole book in one `nlp(text)` call costs gigabytes; paragraphs through `nlp.pipe`
cost a fraction at the same speed, and let results reach the window as they come. What spaCy
holds at once is bounded by characters, not by pieces: a piece is at most `MAX_PIECE_CHARS` long
and a batch at most `BATCH_CHARS`, so a 5 MB text on one line costs what it costs in paragraphs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from models.text import last_sentence_start

if TYPE_CHECKING:
    from spacy.tokens import Doc

# Longer than nearly every real paragraph (news paragraphs are a few hundred characters), short
# enough that per-piece work in spaCy and the stages stays small whatever the text's shape.
MAX_PIECE_CHARS = 5_000
# Characters handed to spaCy in one batch: about 64 ordinary paragraphs.
BATCH_CHARS = 50_000
BATCH_PIECES = 64
# spaCy's working memory follows tokens (about 15 KB each while a batch is parsed), and one-letter words
# ("A A A ...") make three times as many tokens per character as prose: words are bounded as well.
BATCH_WORDS = 10_000
_PARAGRAPH_BREAK = re.compile(r"\n")
# doc.user_data key of a parsed paragraph's text (see `doc_text`).
TEXT_KEY = "dramatis.text"
_CLAUSE_END = re.compile(r"[;:,—–][\"'”’)\]]*\s+")


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


def char_batches(
    text: str,
    pieces: Iterable[tuple[int, int]],
    max_chars: int = BATCH_CHARS,
    max_pieces: int = BATCH_PIECES,
    max_words: int = BATCH_WORDS,
) -> Iterator[list[tuple[int, int]]]:
    """Consecutive runs of `pieces` of `text` within `max_chars` characters, `max_words` words and `max_pieces`.

    A piece larger than a budget on its own still goes, alone; words are counted as spaces plus one.
    """
    batch: list[tuple[int, int]] = []
    chars = words = 0
    for start, end in pieces:
        size, count = end - start, text.count(" ", start, end) + 1
        if batch and (chars + size > max_chars or words + count > max_words or len(batch) >= max_pieces):
            yield batch
            batch, chars, words = [], 0, 0
        batch.append((start, end))
        chars += size
        words += count
    if batch:
        yield batch


def _cut_point(text: str, start: int, limit: int) -> int:
    """Where to cut text[start:limit]: the last sentence end, else clause mark, else space in its second half.

    Sentence ends follow models/text.py, the rules the views and reports quote with.
    """
    window = text[start:limit]
    sentence = last_sentence_start(text, start + len(window) // 2, limit)
    if sentence is not None and sentence > start:
        return sentence
    ends = [m.end() for m in _CLAUSE_END.finditer(window, len(window) // 2)]
    if ends:
        return start + ends[-1]
    space = window.rfind(" ")
    if space > len(window) // 2:
        return start + space + 1
    return limit


def doc_text(doc: Doc) -> str:
    """A parsed paragraph's text, joined once and kept with it.

    Why: `Doc.text` joins every token's text anew on each call, and the stages read a paragraph's text
    several times (their cheap checks on it skip walks over the tokens).
    """
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return str(text)

"""Where sentences begin and end: the one set of rules the views, the panels, the reading view and the exports share.

Why one module: a quote in the events panel, a sentence dimmed in focus mode, a co-occurrence in the network
and a quote in a report must cut the same sentence, so "Mr. Biden", "Oct. 7" and "J. Smith" never end one
anywhere. A light rule, not a parser: the analysis has spaCy's sentences; these are for reading and quoting.

The rules:
- a sentence ends at ".", "!", "?" or "…" (with closing quotes or brackets) followed by white space;
- never before a lowercase word ("Stop!" he said);
- a line break always ends a sentence (paragraphs are never joined);
- titles and single initials never end one ("Mr. Biden", "Dr. Ruth", "J. Smith", "e.g. Paris", "vs. Spain"),
  nor "No." before a number;
- months ("Oct. 7"), dotted initialisms ("U.S.", "D.C.", "p.m.") and words that close names or lists ("Inc.",
  "Corp.", "Co.", "Ltd.", "Jr.", "etc.") end a sentence only when the next word is one that opens sentences:
  "in the U.S. The next day" is two sentences, "the U.S. Army" and "Apple Inc. Chief Executive" are one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

QUOTE_LIMIT = 280  # characters kept each side of a span in a one-line quote
MAX_SENTENCE = 600  # characters kept each side of a trigger (a run-on "sentence" of a whole page is cut)

_END = re.compile(r"[.!?…\n][.!?…]*[\"'”’)\]]*")  # a line break, or stops and closing marks
_SPACE = re.compile(r"\s*")
_NEXT_WORD = re.compile(r"[^\w\n]{0,8}?(\w+)")  # the next word, past quotes, dashes and a spaced ". . ."
_TOKEN = re.compile(r"[\w.]*$")
_INITIALS = re.compile(r"[A-Za-z](?:\.[A-Za-z])+")
# Words that stand before a name or a list, so a full stop after them is never the end of a sentence.
_NEVER_END = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "lt",
        "col",
        "sgt",
        "capt",
        "sen",
        "rep",
        "gov",
        "pres",
        "st",
        "mt",
        "ft",
        "vs",
        "e.g",
        "i.e",
    }
)
# Words after which a full stop ends a sentence only before a word that opens sentences.
_MAY_END = frozenset(
    {
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "inc",
        "corp",
        "co",
        "ltd",
        "jr",
        "sr",
        "etc",
    }
)
_OPENERS = frozenset(
    {
        "The",
        "A",
        "An",
        "It",
        "Its",
        "He",
        "She",
        "They",
        "We",
        "I",
        "His",
        "Her",
        "Their",
        "Our",
        "This",
        "That",
        "These",
        "Those",
        "There",
        "Then",
        "But",
        "And",
        "In",
        "On",
        "At",
        "After",
        "When",
        "While",
    }
)


def _is_end(text: str, stop: str, after: int, following: int) -> bool:
    """Whether `stop` (stops and closing marks ending at `after`, then white space up to `following`) ends one."""
    word_match = _NEXT_WORD.match(text, following)
    next_word = word_match.group(1) if word_match else ""
    if next_word[:1].islower():
        return False
    if stop.rstrip("\"'”’)]") != ".":
        return True
    dot = after - len(stop)
    token_match = _TOKEN.search(text, max(0, dot - 12), dot)
    token = token_match.group() if token_match else ""
    folded = token.casefold()
    if folded in _NEVER_END or (len(token) == 1 and token.isupper()):
        return False
    if folded == "no" and next_word[:1].isdigit():
        return False
    if folded in _MAY_END or _INITIALS.fullmatch(token):
        return next_word in _OPENERS
    return True


def _boundaries(text: str, lo: int, hi: int) -> Iterator[int]:
    """Offsets where a sentence begins after an end found in text[lo:hi] (the white space after it read in full)."""
    for match in _END.finditer(text, lo, hi):
        stop = match.group()
        after = match.end()
        if stop[0] == "\n":
            space = _SPACE.match(text, match.start())
            yield space.end() if space else after
            continue
        if after >= len(text) or not text[after].isspace():
            continue
        space = _SPACE.match(text, after)
        begin = space.end() if space else after
        if "\n" in text[after:begin] or _is_end(text, stop, after, begin):
            yield begin


def sentence_starts(text: str) -> list[int]:
    """Start offsets of the sentences of a whole text, the first always 0."""
    starts = [0]
    for start in _boundaries(text, 0, len(text)):
        if start < len(text) and start > starts[-1]:
            starts.append(start)
    return starts


def last_sentence_start(text: str, lo: int, hi: int) -> int | None:
    """Where the last sentence begins after an end found in text[lo:hi] (never past `hi`), or None.

    Why: a paragraph too long for one piece of analysis is cut there, by the same rules as everywhere,
    so "Mr. Biden" is never cut in two.
    """
    last = None
    for start in _boundaries(text, lo, hi):
        last = min(start, hi)
    return last


def sentence_ranges(text: str) -> list[tuple[int, int]]:
    """The sentences of a text as (start, end) ranges that cover it, each with its trailing white space."""
    if not text:
        return []
    starts = sentence_starts(text)
    return list(zip(starts, [*starts[1:], len(text)], strict=True))


def _window(text: str, start: int, end: int, reach: int) -> tuple[int, int, bool, bool]:
    """The sentence around [start, end) within `reach` characters, and whether it was cut on the left, right."""
    lo, hi = max(0, start - reach), min(len(text), end + reach)
    begin, finish = lo, hi
    cut_left, cut_right = lo > 0, hi < len(text)
    for boundary in _boundaries(text, lo, hi):
        if boundary <= start:
            begin, cut_left = boundary, False
        elif boundary >= end:
            finish, cut_right = boundary, False
            break
    while begin < start and text[begin].isspace():
        begin += 1
    while finish > end and text[finish - 1].isspace():
        finish -= 1
    return begin, finish, cut_left, cut_right


def sentence_bounds(text: str, start: int, end: int, reach: int = MAX_SENTENCE) -> tuple[int, int]:
    """The sentence holding text[start:end], without white space at either edge, cut `reach` characters out.

    Only the window around the span is scanned, so quoting every event of a book stays linear.
    """
    begin, finish, _, _ = _window(text, start, end, reach)
    return begin, finish


def sentence_parts(text: str, start: int, end: int, reach: int = MAX_SENTENCE) -> tuple[str, str, str]:
    """The sentence holding a trigger, split as (before, trigger, after), each on one line."""
    begin, finish = sentence_bounds(text, start, end, reach)
    return _one_line(text[begin:start]), _one_line(text[start:end]), _one_line(text[end:finish])


def sentence_quote(text: str, start: int, end: int, limit: int = QUOTE_LIMIT) -> str:
    """The sentence holding [start, end) on one line, with "…" where it was cut at `limit` characters.

    Why: an event trigger alone ("met") says little; the sentence is what a reader quotes.
    """
    begin, finish, cut_left, cut_right = _window(text, start, end, limit)
    quote = " ".join(text[begin:finish].split())
    return ("…" if cut_left else "") + quote + ("…" if cut_right else "")


def _one_line(part: str) -> str:
    return re.sub(r"\s+", " ", part)

"""The reader's own items: highlights and notes, as plain values the window and the library share."""

from __future__ import annotations

from dataclasses import dataclass

DOCUMENT_TARGET = "document"


@dataclass(frozen=True, slots=True)
class ReaderHighlight:
    """A passage the reader marked (Python offsets), with its category, note and tags.

    `anchored` is False when the document's text changed and the passage could not be found again:
    the highlight is kept with its `quote` (the text it was made on) until the reader re-attaches it,
    and `start`/`end` then only say where it used to be.
    """

    id: str
    start: int
    end: int
    category: str
    note: str = ""
    tags: tuple[str, ...] = ()
    quote: str = ""
    anchored: bool = True


@dataclass(frozen=True, slots=True)
class ReaderNote:
    """A note on the document, an actor ("actor:<id>") or an event ("event:<id>")."""

    id: str
    target: str
    text: str
    tags: tuple[str, ...] = ()


Item = ReaderHighlight | ReaderNote

"""How a document comes into the reading session, without Qt: read it, then take the library's stored
analysis of it or analyse it afresh with the reader's corrections replayed.

One set of steps for every caller: the window's analysis controller runs `read`, `stored` and `fresh`
on its worker threads (a stored analysis is looked up before the model is asked), and `main.py report`
runs `read` and `analysed` in one go.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

from models.domain import Analysis, Document
from models.library.corrections import CorrectionOp
from models.library.stored_analysis import replayed
from models.loaders import load_document


class AnalysisSource(Protocol):
    """What the library adds to an analysis: the stored, corrected one of a text it knows, and the
    reader's corrections replayed on (and, where the library is writable, the keeping of) a fresh one."""

    def cached(self, document: Document) -> Analysis | None:
        """The stored analysis of `document` with the corrections replayed, or None."""
        ...

    def remember(self, analysis: Analysis) -> Analysis:
        """A fresh automatic analysis as the reader sees it (the corrections replayed)."""
        ...


class Replayed:
    """A source from what was read out of the library beforehand (`main.py report` reads it and lets go)."""

    def __init__(self, stored: Analysis | None, corrections: Sequence[CorrectionOp]) -> None:
        self.stored = stored
        self.corrections = corrections

    def cached(self, document: Document) -> Analysis | None:
        """The stored, corrected analysis read beforehand (for this same text)."""
        return self.stored

    def remember(self, analysis: Analysis) -> Analysis:
        """The fresh analysis with the reader's corrections replayed; nothing is written."""
        return replayed(analysis, self.corrections)


def read(path: str | Path, date: str | None = None, allow_large: bool = False) -> Document:
    """The document at `path`, its date set when one is given (it is read against that date)."""
    document = load_document(path, allow_large=allow_large)
    if date:
        document.date = date
    return document


def stored(document: Document, source: AnalysisSource | None) -> Analysis | None:
    """The library's corrected analysis of `document`, when it holds one for this analyzer and date."""
    return source.cached(document) if source is not None else None


def fresh(analysis: Analysis, source: AnalysisSource | None) -> Analysis:
    """A fresh automatic analysis as the reader sees it: the corrections replayed (and kept, if writable)."""
    return source.remember(analysis) if source is not None else analysis


def analysed(document: Document, analyse: Callable[[Document], Analysis], source: AnalysisSource | None) -> Analysis:
    """What the session holds for `document`: the stored analysis, or a fresh one with the corrections replayed."""
    found = stored(document, source)
    return found if found is not None else fresh(analyse(document), source)

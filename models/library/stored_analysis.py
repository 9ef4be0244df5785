"""The analysis a reader sees: the library's stored automatic analysis with their corrections replayed.

One set of steps for every caller: the window's analysis worker (`LibraryCache`, which opens its
own short-lived connection per call, since SQLite connections stay in their thread) and
`main.py report` (`stored_corrected` on a read-only look at the library).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from models.domain import Analysis, Document
from models.errors import StorageError
from models.library.corrections import CorrectionOp, follow_notes, replay, target_mapping
from models.library.store import Library
from models.version import ANALYZER_VERSION

log = logging.getLogger(__name__)


def replayed(analysis: Analysis, ops: Sequence[CorrectionOp]) -> Analysis:
    """`analysis` with the corrections `ops` replayed in order (those that no longer match are skipped)."""
    if not ops:
        return analysis
    result, skipped = replay(analysis, list(ops))
    if skipped:
        log.info("%d corrections no longer match an actor and were not applied", len(skipped))
    return result


def corrected(lib: Library, analysis: Analysis) -> Analysis:
    """`analysis` with the reader's corrections of its document replayed."""
    return replayed(analysis, lib.corrections(analysis.document.sha256))


def stored_corrected(lib: Library, document: Document, analyzer_version: str) -> Analysis | None:
    """The stored analysis of this text (same analyzer, same document date), corrected; None otherwise.

    A document opened without a date (a plain-text file) takes the stored one: the date its dateline
    gave, or the one the reader set.
    """
    analysis = lib.cached_analysis(document.sha256, analyzer_version)
    if analysis is None or (document.date is not None and analysis.document.date != document.date):
        return None
    analysis.document = replace(document, date=analysis.document.date)
    return corrected(lib, analysis)


def place_notes(lib: Library, analysis: Analysis) -> None:
    """Point notes on actors and events at them in the analysis about to be shown, by their stable keys."""
    if lib.read_only:
        return
    try:
        changes = follow_notes(analysis, lib.note_targets(analysis.document.sha256))
        lib.set_note_targets(changes)
    except StorageError as exc:  # the notes keep their targets; shown as before
        log.warning("notes not placed on the new analysis: %s", exc)
        return
    if changes:
        log.info("%d notes placed or keyed by the actors and events they are on", len(changes))


def keep_fresh(lib: Library, analysis: Analysis, *, index: bool = True) -> Analysis:
    """Store a fresh automatic analysis and return it with the reader's corrections applied.

    Notes on actors and events made on an earlier analyzer version's result are moved to the same
    actors and events in this one, whose ids may differ: by the key kept with each note, or, for
    notes written before keys were kept, by matching the earlier analysis against this one.
    With `index` False the library's actor index is left for `LibraryCache.index` (see `Analyses.store`).
    """
    doc_hash = analysis.document.sha256
    if lib.read_only:  # shown, corrected and with the reader's notes, but nothing is written
        return corrected(lib, analysis)
    previous = lib.previous_analysis(doc_hash, analysis.analyzer_version)
    try:
        lib.store_analysis(analysis, index=index)
    except StorageError as exc:  # the analysis is still shown, only not kept
        log.warning("analysis not stored: %s", exc)
    result = corrected(lib, analysis)
    if previous is not None:
        try:
            moved = lib.retarget_notes(doc_hash, target_mapping(corrected(lib, previous), result))
            log.info("%d notes moved to the new analysis' actors and events", moved)
        except StorageError as exc:
            log.warning("notes not moved to the new analysis: %s", exc)
    place_notes(lib, result)
    return result


class LibraryCache:
    """Stored analyses and the reader's corrections, for the analysis worker thread."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path

    def _open(self) -> Library:
        return Library(self.db_path, recover=False, check=False)

    def cached(self, document: Document) -> Analysis | None:
        """The stored, corrected analysis of `document` (see `stored_corrected`), its notes placed on it."""
        with self._open() as lib:
            analysis = stored_corrected(lib, document, ANALYZER_VERSION)
            if analysis is not None:
                place_notes(lib, analysis)
            return analysis

    def remember(self, analysis: Analysis, *, index: bool = True) -> Analysis:
        """Store a fresh automatic analysis (see `keep_fresh`); without a usable library it is shown as it is.

        With `index` False its actors go into the library's actor index later, by `index`: the window
        shows the analysis first (the index took a quarter of a second of a 4,000-word article's opening).
        """
        try:
            opened = self._open()
        except StorageError as exc:  # the analysis is still shown, only not stored or corrected
            log.warning("library not used for this analysis: %s", exc.user_message)
            return analysis
        with opened as lib:
            return keep_fresh(lib, analysis, index=index)

    def index(self, analysis: Analysis) -> None:
        """Put a stored automatic analysis' actors into the library's actor index (after `remember(index=False)`).

        Left undone (the window closed first, the disk was full), `index_pending` does it when the library's
        actors or stories are next looked at: the analysis is stored already.
        """
        from models.library.actor_index import index_analysis

        try:
            with self._open() as lib:
                stored = lib.conn.execute(
                    "SELECT 1 FROM analyses WHERE doc_hash = ? AND analyzer_version = ?",
                    (analysis.document.sha256, analysis.analyzer_version),
                ).fetchone()
                if lib.read_only or stored is None:  # not kept (see keep_fresh): nothing to index
                    return
                with lib.write() as conn:
                    index_analysis(conn, analysis)
        except StorageError as exc:
            log.warning("actor index not updated for this document: %s", exc.user_message)

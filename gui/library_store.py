"""The window's link to the library: the reader's items, corrections and the analysis cache.

`LibraryStore` implements the reader controller's `ReaderStore` on the window's own connection
(GUI thread, one small transaction per edit). `LibraryCache` is used by the analysis worker and
opens its own short-lived connection per call, since SQLite connections stay in their thread.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import sqlite3
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from models.domain import Analysis, Document
from models.errors import StorageError
from models.library import Library
from models.library.corrections import CorrectionOp, follow_notes, replay, target_key, target_mapping
from models.reader import Item, ReaderNote
from models.version import ANALYZER_VERSION

log = logging.getLogger(__name__)


class LibraryStore:
    """The reader's work for the open window, written at once to the library."""

    def __init__(self, library: Library, default_colors: dict[str, str]) -> None:
        self.library = library
        self._defaults = dict(default_colors)
        self.current: str | None = None  # hash of the open document
        self.on_error: Callable[[str], None] = lambda message: log.error("%s", message)
        # The analysis on screen: a note on one of its actors or events is saved with what identifies it.
        self.analysis: Callable[[], Analysis | None] = lambda: None

    def set_document_date(self, doc_hash: str, date: str | None) -> None:
        """Keep the date the reader set, so the document reopens with it."""
        self._guard(lambda: self.library.set_date(doc_hash, date))

    def remember(self, document: Document) -> str | None:
        """Record the opened document; a sentence for the status bar when earlier work had to be moved."""
        self.current = document.sha256
        if self.library.read_only:  # shown as read-only; its known documents still show their work
            return None
        try:
            opened = self.library.add_document(document)
        except StorageError as exc:
            self.on_error(exc.user_message)
            return None
        if opened.previous is None:
            return None
        moved = opened.placed + opened.unanchored
        if opened.unanchored:
            return (
                f"The text changed since your last visit: {opened.unanchored} of {moved} highlights could not be "
                "placed and are listed under Unanchored in the notes panel."
            )
        return f"The text changed since your last visit; all {moved} highlights were placed again." if moved else None

    def load_items(self, doc_key: str) -> list[Item]:
        try:
            return self.library.load_items(doc_key)
        except StorageError as exc:
            self.on_error(exc.user_message)
            return []

    def load_notes(self, doc_key: str) -> list[ReaderNote]:
        try:
            return self.library.load_notes(doc_key)
        except StorageError as exc:
            self.on_error(exc.user_message)
            return []

    def save_item(self, doc_key: str, item: Item) -> None:
        """Write at once; a refused write raises `StorageError` so the edit is not shown or kept on the undo stack."""
        analysis = self.analysis() if isinstance(item, ReaderNote) else None
        key = target_key(analysis, item.target) if analysis and isinstance(item, ReaderNote) else None
        self.library.save_item(doc_key, item, key)

    def delete_item(self, doc_key: str, item: Item) -> None:
        self.library.delete_item(doc_key, item)

    def categories(self) -> dict[str, str]:
        try:
            return self.library.categories() or dict(self._defaults)
        except StorageError as exc:
            log.warning("categories not read: %s", exc.user_message)
            return dict(self._defaults)

    def set_categories(self, colors: dict[str, str]) -> None:
        self.library.set_categories(colors)

    def keep_unsaved(self, text: str) -> Path | None:
        """Put the text of a note the library refused into a file beside it; None when that fails too."""
        folder = self.library.path.parent / "unsaved-notes"
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        target = folder / f"note-{stamp}.md"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with target.open("x", encoding="utf-8") as handle:
                handle.write(text if text.endswith("\n") else text + "\n")
                handle.flush()
                os.fsync(handle.fileno())
        except OSError as exc:
            log.error("unsaved note could not be kept in %s: %s", target, exc)
            with contextlib.suppress(OSError):  # a half-written copy is no use; the editor shows the text again
                target.unlink(missing_ok=True)
            return None
        log.warning("unsaved note kept in %s", target)
        return target

    def record_correction(self, op: CorrectionOp, added: bool) -> None:
        """A correction is being made (added) or undone (not added) on the open document; raises if not kept."""
        doc_key = self.current
        if doc_key is None:
            return
        try:
            if added:
                self.library.add_correction(doc_key, op)
            else:
                self.library.remove_correction(op.id)
        except StorageError as exc:  # raised on, so the correction is not made and leaves no undo step
            self.on_error(f"Your correction was not saved, so it was not made: {exc.user_message}")
            raise

    def _guard(self, write: Callable[[], None]) -> None:
        try:
            write()
        except StorageError as exc:
            self.on_error(f"Your last change could not be saved: {exc.user_message}")

    def close(self) -> None:
        self.library.close()


class LibraryCache:
    """Stored analyses and the reader's corrections, for the analysis worker thread."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path

    def _open(self) -> Library:
        return Library(self.db_path, recover=False, check=False)

    def _try_open(self) -> Library | None:
        try:
            return self._open()
        except StorageError as exc:  # the analysis is still shown, only not stored or corrected
            log.warning("library not used for this analysis: %s", exc.user_message)
            return None

    def cached(self, document: Document) -> Analysis | None:
        """The stored analysis of this text (same analyzer, same document date), corrected; None otherwise.

        A document opened without a date (a plain-text file) takes the stored one: the date its dateline
        gave, or the one the reader set.
        """
        with self._open() as lib:
            analysis = lib.cached_analysis(document.sha256, ANALYZER_VERSION)
            if analysis is None or (document.date is not None and analysis.document.date != document.date):
                return None
            analysis.document = replace(document, date=analysis.document.date)
            corrected = self._corrected(lib, analysis)
            self._follow_notes(lib, corrected)
            return corrected

    def remember(self, analysis: Analysis) -> Analysis:
        """Store a fresh automatic analysis and return it with the reader's corrections applied.

        Notes on actors and events made on an earlier analyzer version's result are moved to the same
        actors and events in this one, whose ids may differ: by the key kept with each note, or, for
        notes written before keys were kept, by matching the earlier analysis against this one.
        """
        opened = self._try_open()
        if opened is None:
            return analysis
        with opened as lib:
            doc_hash = analysis.document.sha256
            if lib.read_only:  # shown, corrected and with the reader's notes, but nothing is written
                return self._corrected(lib, analysis)
            previous = lib.previous_analysis(doc_hash, analysis.analyzer_version)
            try:
                lib.store_analysis(analysis)
            except (StorageError, sqlite3.Error) as exc:  # the analysis is still shown, only not kept
                log.warning("analysis not stored: %s", exc)
            corrected = self._corrected(lib, analysis)
            if previous is not None:
                try:
                    moved = lib.retarget_notes(doc_hash, target_mapping(self._corrected(lib, previous), corrected))
                    log.info("%d notes moved to the new analysis' actors and events", moved)
                except (StorageError, sqlite3.Error) as exc:
                    log.warning("notes not moved to the new analysis: %s", exc)
            self._follow_notes(lib, corrected)
            return corrected

    @staticmethod
    def _follow_notes(lib: Library, analysis: Analysis) -> None:
        """Point notes on actors and events at them in the analysis about to be shown, by their stable keys."""
        if lib.read_only:
            return
        try:
            changes = follow_notes(analysis, lib.note_targets(analysis.document.sha256))
            lib.set_note_targets(changes)
        except (StorageError, sqlite3.Error) as exc:  # the notes keep their targets; shown as before
            log.warning("notes not placed on the new analysis: %s", exc)
            return
        if changes:
            log.info("%d notes placed or keyed by the actors and events they are on", len(changes))

    @staticmethod
    def _corrected(lib: Library, analysis: Analysis) -> Analysis:
        ops = lib.corrections(analysis.document.sha256)
        if not ops:
            return analysis
        corrected, skipped = replay(analysis, ops)
        if skipped:
            log.info("%d corrections no longer match an actor and were not applied", len(skipped))
        return corrected

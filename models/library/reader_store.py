"""The open window's link to the library: the reader's items and corrections, written at once.

`LibraryStore` implements the reader controller's `ReaderStore` on the window's own connection
(GUI thread, one small transaction per edit). A write the library refuses raises `StorageError`
so the edit is not shown; a read that fails is reported through `on_error` and shows nothing.
The stored, corrected analysis is `models.library.stored_analysis`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
from collections.abc import Callable
from pathlib import Path

from models.domain import Analysis, Document
from models.errors import StorageError
from models.library.corrections import CorrectionOp, target_key
from models.library.store import Library
from models.reader import Item, ReaderNote

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
        """Keep the date the reader set, so the document reopens with it (its actors' dates are left to the
        window's library worker: `Library.refresh_actor_dates`)."""
        self._guard(lambda: self.library.set_date(doc_hash, date, actors=False))

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

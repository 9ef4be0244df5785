"""The Library, Library Actors and Library Stories windows of one main window: made on first use, brought forward,
closed with it, and read again when the reader's changes in the main window touch what they show."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from gui.library_actors import LibraryActorsWindow
from gui.library_jobs import LibraryJobs, LibraryJobWindow
from gui.library_stories import LibraryStoriesWindow
from gui.library_window import LibraryWindow
from models.library import Library

_Window = TypeVar("_Window", bound=LibraryJobWindow)


class LibraryWindows(QObject):
    """Opens the library's windows over the library at `db_path()` (None: no library, they say so).

    Signals:
        document_chosen(object): a `Document` picked in the library or actor window, to be shown in the reader.
        passage_chosen(str, int, int): a mention, event, story source or answer, to be opened at [start, end) of its
            document.
        actor_dates_refreshed(str): the actors of this document (text hash) have their first and last dates again.
    """

    document_chosen = Signal(object)
    passage_chosen = Signal(str, int, int)
    actor_dates_refreshed = Signal(str)

    def __init__(self, db_path: Callable[[], Path | None], parent: QWidget) -> None:
        super().__init__(parent)
        self._parent = parent
        self._db_path = db_path
        self.library_window: LibraryWindow | None = None
        self.actors_window: LibraryActorsWindow | None = None
        self.stories_window: LibraryStoriesWindow | None = None
        self._jobs = LibraryJobs(parent)  # the main window's own library work, off the GUI thread

    def refresh_actor_dates(self, doc_hash: str) -> None:
        """A document's date changed: its actors' first and last dates are worked out again on the library
        worker, then the open windows read the library again."""
        db_path = self._db_path()
        if db_path is None:
            return

        def job(lib: Library) -> str:
            if not lib.read_only:
                lib.refresh_actor_dates(doc_hash)
            return doc_hash

        def done(_result: object) -> None:
            self.refresh_visible()
            self.actor_dates_refreshed.emit(doc_hash)

        self._jobs.run(db_path, job, done, "The actors' dates could not be updated.")

    def show_library(self) -> LibraryWindow:
        """Library › Documents and Notes…: every document with its notes, search, trash and backup."""
        if self.library_window is None:
            self.library_window = self._make(LibraryWindow)
            self.library_window.document_chosen.connect(self.document_chosen)
        return self._bring(self.library_window)

    def show_actors(self) -> LibraryActorsWindow:
        """Library › Actors…: the library's actor index in its own window."""
        if self.actors_window is None:
            self.actors_window = self._make(LibraryActorsWindow)
            self.actors_window.document_chosen.connect(self.document_chosen)
            # a mention or event on an actor's page opens its document at that place
            self.actors_window.passage_chosen.connect(self.passage_chosen)
        return self._bring(self.actors_window)

    def show_stories(self) -> LibraryStoriesWindow:
        """Library › Stories and Questions…: stories, their merged timelines and questions across documents."""
        if self.stories_window is None:
            self.stories_window = self._make(LibraryStoriesWindow)
            self.stories_window.passage_chosen.connect(self.passage_chosen)
        return self._bring(self.stories_window)

    def refresh_visible(self) -> None:
        """After the library changed underneath (a folder added): the open windows read it again."""
        for window in self._windows():
            if window.isVisible():
                window.refresh()

    def close(self) -> None:
        """On closing the main window: finish the windows' jobs before the library's connection closes."""
        self._jobs.wait()
        for window in self._windows():
            window.close()
            window.wait()

    def _windows(self) -> list[LibraryJobWindow]:
        return [w for w in (self.actors_window, self.stories_window, self.library_window) if w is not None]

    def _make(self, make: Callable[[Path | None, QWidget], _Window]) -> _Window:
        return make(self._db_path(), self._parent)

    def _bring(self, window: _Window) -> _Window:
        window.show()
        window.raise_()
        window.activateWindow()
        window.refresh()
        return window

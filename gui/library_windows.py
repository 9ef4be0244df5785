"""The Library, Library Actors and Library Stories windows of one main window: made on first use, brought forward,
closed with it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from gui.library_actors import LibraryActorsWindow
from gui.library_jobs import LibraryJobWindow
from gui.library_stories import LibraryStoriesWindow
from gui.library_window import LibraryWindow

_Window = TypeVar("_Window", bound=LibraryJobWindow)


class LibraryWindows(QObject):
    """Opens the library's windows over the library at `db_path()` (None: no library, they say so).

    Signals:
        document_chosen(object): a `Document` picked in the library or actor window, to be shown in the reader.
        passage_chosen(str, int, int): a mention, event, story source or answer, to be opened at [start, end) of its
            document.
    """

    document_chosen = Signal(object)
    passage_chosen = Signal(str, int, int)

    def __init__(self, db_path: Callable[[], Path | None], parent: QWidget) -> None:
        super().__init__(parent)
        self._parent = parent
        self._db_path = db_path
        self.library_window: LibraryWindow | None = None
        self.actors_window: LibraryActorsWindow | None = None
        self.stories_window: LibraryStoriesWindow | None = None

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

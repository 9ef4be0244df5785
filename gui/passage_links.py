"""Following `dramatis://` links and launcher arguments in a running window.

A link names a document by its text hash: when the window shows another document, the document is
read from the library on a worker thread (never the GUI thread) and shown, then the passage is
selected, scrolled to and flashed, and the named highlight or note is chosen in the Notes panel.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Protocol
from urllib.parse import unquote, urlsplit

from PySide6.QtCore import QObject, QThreadPool, Signal
from PySide6.QtWidgets import QWidget

from gui.dialogs import show_error
from gui.workers import Task
from models.deep_link import DeepLink, DeepLinkError, is_deep_link, parse_link
from models.domain import Document
from models.errors import AppError
from models.library import Library

log = logging.getLogger(__name__)


def argument_path(argument: str) -> str:
    """A launcher argument as a file name: desktops hand over `file://` URIs for %U."""
    if argument.lower().startswith("file://"):
        parts = urlsplit(argument)
        return unquote(parts.path)
    return argument


class LinkTarget(Protocol):
    """What following a link needs of the reader: the open document, opening, and showing a passage."""

    @property
    def document(self) -> Document | None: ...

    def library_path(self) -> Path | None: ...

    def open_path(self, path: str | Path, date: str | None = None, allow_large: bool = False) -> None: ...

    def show_document(self, document: Document) -> None: ...

    def show_passage(self, start: int, end: int, item_ids: tuple[str | None, ...]) -> None: ...


class PassageLinks(QObject):
    """Opens links and files handed to the window (by the command line or a second launch).

    Signals:
        passage_shown(int, int): the passage [start, end) (document characters) is selected and flashed.
        link_failed(str): a link could not be followed; the message is the sentence shown to the reader.
    """

    passage_shown = Signal(int, int)
    link_failed = Signal(str)

    def __init__(self, reader: LinkTarget, parent: QWidget) -> None:
        super().__init__(parent)
        self._reader = reader
        self._parent = parent
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._live: set[object] = set()
        self._pending: DeepLink | None = None

    def open_argument(self, argument: str, date: str | None = None) -> None:
        """A file name, a `file://` URI or a `dramatis://` link, as a launcher passes it."""
        if is_deep_link(argument):
            self.open_link(argument)
        else:
            self._reader.open_path(Path(argument_path(argument)), date)

    def open_link(self, url: str) -> None:
        try:
            link = parse_link(url)
        except DeepLinkError as exc:
            self._fail("The link could not be followed.", str(exc))
            return
        document = self._reader.document
        if document is not None and document.sha256 == link.doc:
            self.show_passage(link)
            return
        db_path = self._reader.library_path()
        if db_path is None:
            self._fail(
                "The link could not be followed.", "Your library is not available, so its documents cannot be opened."
            )
            return
        self._pending = link

        def work(_ctx: object) -> Document | None:
            with Library(db_path, recover=False, check=False) as lib:
                return lib.load_document(link.doc)

        task = Task(work)
        signals = task.signals
        self._live.add(signals)  # keep the signals alive until their result is delivered

        def finished(result: object) -> None:
            self._live.discard(signals)
            self._loaded(link, result)

        def went_wrong(exc: object) -> None:
            self._live.discard(signals)
            detail = exc.user_message if isinstance(exc, AppError) else str(exc)
            self._fail("The linked document could not be read from your library.", detail)

        signals.finished.connect(finished)
        signals.failed.connect(went_wrong)
        self._pool.start(task)

    def _loaded(self, link: DeepLink, document: object) -> None:
        if self._pending != link:
            return  # a later link (or file) took over meanwhile
        self._pending = None
        if not isinstance(document, Document):
            self._fail(
                "The linked document is not in your library.",
                "Open the document once in Dramatis (File › Open), then follow the link again. "
                "The link may come from another computer's library.",
            )
            return
        self._reader.show_document(document)
        self.show_passage(link)

    def show_passage(self, link: DeepLink) -> None:
        """Select, scroll to and flash the passage; choose the link's highlight or note in the Notes panel."""
        document = self._reader.document
        text_length = len(document.text) if document is not None else 0
        start, end = min(link.start, text_length), min(link.end, text_length)
        self._reader.show_passage(start, end, (link.highlight, link.note))
        self.passage_shown.emit(start, end)

    def wait(self, timeout_ms: int = 10_000) -> bool:
        return self._pool.waitForDone(timeout_ms)

    def _fail(self, summary: str, detail: str) -> None:
        self.link_failed.emit(f"{summary} {detail}")
        show_error(self._parent, summary, detail)

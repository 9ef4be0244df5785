"""Following `dramatis://` links and launcher arguments in a running window.

A link names a document by its text hash: when the window shows another document, the document is
read from the library on a worker thread (never the GUI thread) and shown, then the passage is
selected, scrolled to and flashed, and the named highlight or note is chosen in the Notes panel.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urlsplit

from PySide6.QtCore import QObject, QThreadPool, Signal
from PySide6.QtWidgets import QWidget

from gui.dialogs import show_error
from gui.workers import Task
from models.deep_link import DeepLink, DeepLinkError, is_deep_link, parse_link
from models.domain import Document
from models.errors import AppError
from models.library import Library
from models.reading.session import ReadingSession

log = logging.getLogger(__name__)


def argument_path(argument: str) -> str:
    """A launcher argument as a file name: desktops hand over `file://` URIs for %U."""
    if argument.lower().startswith("file://"):
        parts = urlsplit(argument)
        return unquote(parts.path)
    return argument


class PassageLinks(QObject):
    """Opens links and files handed to the window (by the command line or a second launch).

    It asks the window by signals (gui/app.py connects them) and reads the open document from the
    reading session.

    Signals:
        open_requested(str, object): open the file at this path (with the date, or None) as File › Open does.
        document_ready(object): a `Document` the link names, read from the library, to be shown.
        passage_requested(int, int, object): select, scroll to and flash [start, end) (document
            characters) and choose the items (a tuple of ids, None where absent) in the Notes panel.
        passage_shown(int, int): the passage [start, end) was shown (after passage_requested).
        link_failed(str): a link could not be followed; the message is the sentence shown to the reader.
    """

    open_requested = Signal(str, object)
    document_ready = Signal(object)
    passage_requested = Signal(int, int, object)
    passage_shown = Signal(int, int)
    link_failed = Signal(str)

    def __init__(self, session: ReadingSession, library_path: Callable[[], Path | None], parent: QWidget) -> None:
        super().__init__(parent)
        self._session = session
        self._library_path = library_path
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
            self.open_requested.emit(str(Path(argument_path(argument))), date)

    def open_link(self, url: str) -> None:
        try:
            link = parse_link(url)
        except DeepLinkError as exc:
            self._fail("The link could not be followed.", str(exc))
            return
        document = self._session.document
        if document is not None and document.sha256 == link.doc:
            self.show_passage(link)
            return
        db_path = self._library_path()
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
        self.document_ready.emit(document)
        self.show_passage(link)

    def show_passage(self, link: DeepLink) -> None:
        """Select, scroll to and flash the passage; choose the link's highlight or note in the Notes panel."""
        text_length = len(self._session.text)
        start, end = min(link.start, text_length), min(link.end, text_length)
        self.passage_requested.emit(start, end, (link.highlight, link.note))
        self.passage_shown.emit(start, end)

    def wait(self, timeout_ms: int = 10_000) -> bool:
        return self._pool.waitForDone(timeout_ms)

    def _fail(self, summary: str, detail: str) -> None:
        self.link_failed.emit(f"{summary} {detail}")
        show_error(self._parent, summary, detail)

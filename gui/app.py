"""Application start-up, the composition root: settings, the library, the main window, and screenshot mode."""

from __future__ import annotations

import getpass
import hashlib
import json
import logging
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSettings, QSize, QTimer
from PySide6.QtGui import QFileOpenEvent, QGuiApplication, QPixmap
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QApplication, QWidget

from gui.qt_app import create_app
from models.paths import AppPaths
from resources import SAMPLE_ARTICLE

if TYPE_CHECKING:  # the window and its services are imported when first built: a second launch hands over fast
    from gui.main_window import MainWindow
    from gui.passage_links import PassageLinks
    from models.library.reader_store import LibraryStore

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class LaunchOptions:
    """What the command line asked the window to do."""

    file: str | None = None
    date: str | None = None
    data_dir: str | None = None
    screenshot: str | None = None
    size: str = "1400x900"
    theme: str | None = None


def open_settings(paths: AppPaths) -> QSettings:
    """UI state (geometry, theme, zoom) in an INI file beside the library."""
    return QSettings(str(paths.settings_path), QSettings.Format.IniFormat)


def open_library(paths: AppPaths) -> tuple[LibraryStore | None, str | None]:
    """The library in the data directory, and why it could not be opened (None when it could)."""
    from models.errors import StorageError
    from models.library import Library
    from models.library.reader_store import LibraryStore
    from models.views.style import DEFAULT_READER_COLORS

    try:
        library = Library(paths.db_path)
    except StorageError as exc:
        return None, exc.user_message
    return LibraryStore(library, DEFAULT_READER_COLORS), None


def build_window(paths: AppPaths) -> MainWindow:
    """The composition root: settings, the library and the analysis are made here and handed to the window.

    What went wrong opening the library is said once the window shows (the reader still reads without it).
    """
    from gui.analysis_controller import AnalysisController
    from gui.dialogs import show_error
    from gui.main_window import MainWindow
    from gui.services import Services
    from models.library.stored_analysis import LibraryCache

    settings = open_settings(paths)
    store, failure = open_library(paths)
    controller = AnalysisController()
    controller.cache = LibraryCache(paths.db_path) if store is not None else None
    window = MainWindow(Services(settings, controller, store))
    if failure is not None:
        QTimer.singleShot(0, lambda: show_error(window, "Your library could not be opened.", failure))
    if store is not None:
        library = store.library
        if library.notice:
            notice = library.notice
            QTimer.singleShot(0, lambda: show_error(window, "Your library file was damaged.", notice))
        if library.read_only:
            QTimer.singleShot(0, lambda: window.show_read_only(library.read_only_message))
    window.libraries.passage_chosen.connect(lambda doc, start, end: open_passage(window, doc, start, end))
    return window


def open_passage(window: MainWindow, doc_hash: str, start: int, end: int) -> None:
    """A story's source or a question's answer: its document in the reader, the passage selected."""
    from models.deep_link import passage_link

    link = passage_link(doc_hash, start, end)
    if link is not None:
        passage_links(window).open_link(link)


def parse_size(text: str) -> QSize:
    try:
        width, height = (int(part) for part in text.lower().split("x", 1))
    except ValueError:
        from models.errors import AppError

        raise AppError(f"The size {text!r} is not valid; write it as WIDTHxHEIGHT, for example 1400x900.") from None
    return QSize(max(320, width), max(240, height))


# ----- one window per user and data directory --------------------------------------------------------

Handler = Callable[[list[str], str | None], None]


def instance_name(paths: AppPaths) -> str:
    """The local socket a running window listens on: one per user and data directory."""
    try:
        user = getpass.getuser()
    except (OSError, KeyError):
        user = str(os.getuid()) if hasattr(os, "getuid") else ""
    digest = hashlib.sha256(f"{user}\0{paths.data_dir}".encode()).hexdigest()[:20]
    return f"dramatis-{digest}"


def hand_over(name: str, arguments: list[str], date: str | None = None, timeout_ms: int = 2000) -> bool:
    """Give files or links to the window already running under `name`; False when none answers."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(timeout_ms):
        return False
    socket.write((json.dumps({"open": arguments, "date": date}) + "\n").encode("utf-8"))
    answered = socket.waitForBytesWritten(timeout_ms) and socket.waitForReadyRead(timeout_ms)
    reply = bytes(socket.readAll().data()) if answered else b""
    socket.disconnectFromServer()
    return reply.startswith(b"ok")


class InstanceServer(QObject):
    """Listens for later launches and hands what they were asked to open to `handler` (on the GUI thread)."""

    def __init__(self, name: str, handler: Handler, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._handler = handler
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)

    def listen(self) -> bool:
        """Start listening; a socket left behind by a window that crashed is removed first."""
        if self._server.listen(self.name):
            return True
        QLocalServer.removeServer(self.name)  # nobody answered hand_over, so the socket is stale
        if self._server.listen(self.name):
            return True
        log.warning("a second launch cannot reach this window: %s", self._server.errorString())
        return False

    def full_name(self) -> str:
        """Where the server listens: the socket file's path on Unix, the pipe's name on Windows."""
        return self._server.fullServerName()

    def close(self) -> None:
        self._server.close()

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            buffer = bytearray()

            def read(socket: QLocalSocket = socket, buffer: bytearray = buffer) -> None:
                buffer.extend(bytes(socket.readAll().data()))
                if b"\n" not in buffer:
                    return
                line = bytes(buffer).split(b"\n", 1)[0]
                try:
                    request = json.loads(line.decode("utf-8"))
                    arguments = [str(a) for a in request.get("open", [])]
                    date = request.get("date")
                except (ValueError, AttributeError, TypeError):
                    log.warning("ignored a malformed request from a second launch")
                    socket.write(b"error\n")
                    socket.disconnectFromServer()
                    return
                socket.write(b"ok\n")
                socket.flush()
                socket.disconnectFromServer()
                self._handler(arguments, date if isinstance(date, str) else None)

            socket.readyRead.connect(read)
            socket.disconnected.connect(socket.deleteLater)


def launch_argument(file: str | None) -> str | None:
    """The command line's FILE as the running window should get it: an absolute path, or a link as is."""
    from gui.passage_links import argument_path
    from models.deep_link import is_deep_link

    if not file or is_deep_link(file):
        return file
    path = Path(argument_path(file))
    if not path.exists():
        from models.errors import DocumentError

        raise DocumentError(f"The file {path} does not exist.")
    return str(path.resolve())


def passage_links(window: MainWindow) -> PassageLinks:
    """The window's follower of files and `dramatis://` links (made and connected once)."""
    from gui.passage_links import PassageLinks

    links = window.findChild(PassageLinks)
    if links is None:
        links = PassageLinks(window.session, window.library_path, window)
        links.open_requested.connect(window.open_path)
        links.document_ready.connect(window.show_document)
        links.passage_requested.connect(window.show_passage)
    return links


def attach_instance(window: MainWindow, paths: AppPaths) -> InstanceServer:
    """Let later launches give this window their files and links (raising it)."""
    links = passage_links(window)

    def received(arguments: list[str], date: str | None) -> None:
        if window.isMinimized():
            window.showNormal()
        window.raise_()
        window.activateWindow()
        for argument in arguments[:1]:  # one document at a time: the window shows one
            links.open_argument(argument, date)

    server = InstanceServer(instance_name(paths), received, window)
    server.listen()
    events = _LaunchEvents(window, lambda url: received([url], None), server.close, server)
    window.installEventFilter(events)  # a closed window stops listening (and its socket file goes)
    app = QApplication.instance()
    if app is not None:
        # macOS hands files and dramatis:// links opened from Finder or a browser to the app as FileOpen events.
        app.installEventFilter(events)
    return server


class _LaunchEvents(QObject):
    """FileOpen events (macOS) are followed like a second launch; closing the window stops the server."""

    def __init__(
        self, window: QObject, handle: Callable[[str], None], closed: Callable[[], None], parent: QObject
    ) -> None:
        super().__init__(parent)
        self._window = window
        self._handle = handle
        self._closed = closed

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
            url = event.url()
            self._handle(url.toLocalFile() if url.isLocalFile() else url.toString())
            return True
        if event.type() == QEvent.Type.Close and watched is self._window:
            self._closed()
        return super().eventFilter(watched, event)


def run(options: LaunchOptions) -> int:
    """Open the window (and, in screenshot mode, save a picture once analysed and exit).

    When a window already runs for this user and data directory, FILE (a file or a `dramatis://`
    link) is handed to it and this launch ends.
    """
    paths = AppPaths.resolve(options.data_dir).ensure()
    size = parse_size(options.size) if options.screenshot else None
    argument = launch_argument(options.file)
    app = create_app(sys.argv[:1])
    if not options.screenshot and hand_over(instance_name(paths), [argument] if argument else [], options.date):
        log.info("handed %s to the running window", argument or "the launch")
        return 0
    window = build_window(paths)
    if options.theme:
        window.apply_theme(options.theme)
    if size is not None:
        window.resize(size)
    window.controller.preload_model()
    links = passage_links(window)
    if not options.screenshot:
        attach_instance(window, paths)
    window.show()
    if argument:
        links.open_argument(argument, options.date)
    else:
        window.open_path(SAMPLE_ARTICLE, options.date)
    if options.screenshot:
        _arrange_screenshot(app, window, Path(options.screenshot))

        def link_failed(message: str) -> None:
            log.error("%s", message)
            app.exit(1)

        links.link_failed.connect(link_failed)
    return app.exec()


def _shown_pixels(window: QWidget) -> QPixmap:
    """On a real display, what the screen shows where the window is (so a start-up check sees what a user
    would); offscreen there is no screen to read, so the window renders itself."""
    screen = window.screen()
    if QGuiApplication.platformName() == "offscreen" or screen is None:
        return window.grab()
    QApplication.sync()
    frame = window.frameGeometry().translated(-screen.geometry().topLeft())
    log.info("screenshot read from the %s screen at %s", QGuiApplication.platformName(), frame.getRect())
    return screen.grabWindow(0, frame.x(), frame.y(), frame.width(), frame.height())


def _arrange_screenshot(app: QApplication, window: MainWindow, out: Path) -> None:
    def save() -> None:
        window.repaint()
        out.parent.mkdir(parents=True, exist_ok=True)
        ok = _shown_pixels(window).save(str(out))
        if not ok:
            log.error("could not save the screenshot to %s", out)
        window.close()
        app.exit(0 if ok else 1)

    def analysed() -> None:
        QTimer.singleShot(300, save)

    def failed(message: str) -> None:
        log.error("analysis failed: %s", message)
        QTimer.singleShot(300, save)

    window.analysis_shown.connect(analysed)
    window.controller.analysis_failed.connect(failed)

    def load_failed(message: str) -> None:
        log.error("%s", message)
        # Closing the window waits for its pools (the model may still be loading): a task that outlived
        # the window would emit through signals already deleted at exit.
        window.close()
        app.exit(1)

    window.controller.load_failed.connect(load_failed)

"""The QApplication with Dramatis' identity, icon and bundled fonts.

Low in gui/ so that anything needing a Qt application (the window, PDF export from the command line)
can make one without importing the composition root.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable

from PySide6.QtCore import QSize, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from models.version import APP_NAME, APP_VERSION, ORG_NAME
from resources import APP_ICON_NAME, APP_ICON_SIZES, APP_ICON_SVG, FONTS_DIR, app_icon_png

log = logging.getLogger(__name__)
qt_log = logging.getLogger("qt")


def _qt_message(mode: QtMsgType, _context: object, message: str) -> None:
    level = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
    }.get(mode, logging.ERROR)
    qt_log.log(level, "%s", message)
    for earlier in _earlier_handlers:  # a handler installed before ours (pytest-qt's, in the tests) still hears Qt
        earlier(mode, _context, message)


_earlier_handlers: list[Callable[..., object]] = []


def create_app(argv: list[str] | None = None) -> QApplication:
    """The QApplication with its identity set before anything reads settings or paths."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv or [sys.argv[0]])
    app.setOrganizationName(ORG_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(APP_VERSION)
    # Ties the running window to the launcher's dramatis.desktop (task bars on Wayland pick the icon by it).
    app.setDesktopFileName(APP_ICON_NAME)
    app.setWindowIcon(app_icon())
    earlier = qInstallMessageHandler(_qt_message)
    if earlier is not None and earlier is not _qt_message:
        _earlier_handlers[:] = [earlier]
    register_fonts()
    return app


def app_icon() -> QIcon:
    """The application icon (every window inherits it): the rendered PNG sizes, the SVG for anything larger."""
    icon = QIcon()
    for size in APP_ICON_SIZES:
        png = app_icon_png(size)
        if png.exists():
            icon.addFile(str(png), QSize(size, size))
    if APP_ICON_SVG.exists():
        icon.addFile(str(APP_ICON_SVG))
    if icon.isNull():
        log.warning("the application icon is missing from %s", APP_ICON_SVG.parent)
    return icon


def register_fonts() -> None:
    for font in sorted(FONTS_DIR.glob("*.[ot]tf")):
        if QFontDatabase.addApplicationFont(str(font)) < 0:
            log.warning("could not load bundled font %s", font.name)

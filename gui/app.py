"""Application start-up: Qt identity, settings, the main window, and screenshot mode."""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings, QSize, QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication

from models.paths import AppPaths
from models.version import APP_NAME, APP_VERSION, ORG_NAME
from resources import FONTS_DIR, SAMPLE_ARTICLE

log = logging.getLogger(__name__)
qt_log = logging.getLogger("qt")


@dataclass(frozen=True, slots=True)
class LaunchOptions:
    """What the command line asked the window to do."""

    file: str | None = None
    date: str | None = None
    data_dir: str | None = None
    screenshot: str | None = None
    size: str = "1400x900"
    theme: str | None = None


def _qt_message(mode: QtMsgType, _context: object, message: str) -> None:
    level = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
    }.get(mode, logging.ERROR)
    qt_log.log(level, "%s", message)


def create_app(argv: list[str] | None = None) -> QApplication:
    """The QApplication with its identity set before anything reads settings or paths."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv or [sys.argv[0]])
    app.setOrganizationName(ORG_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(APP_VERSION)
    qInstallMessageHandler(_qt_message)
    register_fonts()
    return app


def register_fonts() -> None:
    for font in sorted(FONTS_DIR.glob("*.[ot]tf")):
        if QFontDatabase.addApplicationFont(str(font)) < 0:
            log.warning("could not load bundled font %s", font.name)


def open_settings(paths: AppPaths) -> QSettings:
    """UI state (geometry, theme, zoom) in an INI file beside the library."""
    return QSettings(str(paths.settings_path), QSettings.Format.IniFormat)


def parse_size(text: str) -> QSize:
    try:
        width, height = (int(part) for part in text.lower().split("x", 1))
    except ValueError:
        from models.errors import AppError

        raise AppError(f"The size {text!r} is not valid; write it as WIDTHxHEIGHT, for example 1400x900.") from None
    return QSize(max(320, width), max(240, height))


def run(options: LaunchOptions) -> int:
    """Open the window (and, in screenshot mode, save a picture once analysed and exit)."""
    from gui.main_window import MainWindow

    paths = AppPaths.resolve(options.data_dir).ensure()
    size = parse_size(options.size) if options.screenshot else None
    path = Path(options.file) if options.file else SAMPLE_ARTICLE
    if options.file and not path.exists():
        from models.errors import DocumentError

        raise DocumentError(f"The file {path} does not exist.")
    app = create_app(sys.argv[:1])
    window = MainWindow(open_settings(paths))
    if options.theme:
        window.apply_theme(options.theme)
    if size is not None:
        window.resize(size)
    window.controller.preload_model()
    window.show()
    window.open_path(path, options.date)
    if options.screenshot:
        _arrange_screenshot(app, window, Path(options.screenshot))
    return app.exec()


def _arrange_screenshot(app: QApplication, window: object, out: Path) -> None:
    from gui.main_window import MainWindow

    assert isinstance(window, MainWindow)

    def save() -> None:
        window.repaint()
        out.parent.mkdir(parents=True, exist_ok=True)
        ok = window.grab().save(str(out))
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

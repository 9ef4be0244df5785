"""The window's status bar: a standing line (what is open, what the analysis found), the analysis'
progress and its Stop button.

A temporary message is drawn over the bar, so the standing line hides meanwhile and they never overlap.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QMainWindow, QProgressBar, QStatusBar, QToolButton

NOTHING_OPEN = "Nothing open: File › Open (Ctrl+O) or drop a file on the window."
READ_ONLY_SUFFIX = " (read-only library)"
PROGRESS_DELAY_MS = 500  # a quick analysis never flashes a progress bar


class StatusLine(QObject):
    """Says what the window is doing; `busy()` tells whether the analysis still runs.

    Signals:
        stop_requested(): the reader pressed Stop.
    """

    stop_requested = Signal()

    def __init__(self, bar: QStatusBar, busy: Callable[[], bool]) -> None:
        super().__init__(bar)
        self._busy = busy
        self.label = QLabel()
        self._before_open = ""
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(180)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.stop_button = QToolButton()
        self.stop_button.setText("Stop")
        self.stop_button.setToolTip("Stop the analysis (the text stays readable)")
        self.stop_button.clicked.connect(self.stop_requested)
        self.stop_button.hide()
        bar.addWidget(self.label, 1)
        bar.messageChanged.connect(lambda message: self.label.setVisible(not message))
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.stop_button)

    def opening(self, what: str) -> None:
        """A document is being read; the standing line before it comes back if that fails."""
        if not self.label.text().startswith("Opening "):
            self._before_open = self.label.text()
        self.label.setText(f"Opening {what}…")

    def open_failed(self) -> None:
        """The document on screen is still the one before: so is its status line (never a blank bar)."""
        self.label.setText(self._before_open or NOTHING_OPEN)

    def say(self, message: str) -> None:
        self.label.setText(message)

    def analysis_started(self) -> None:
        self.label.setText("Analysing…")
        self.progress.setRange(0, 0)
        QTimer.singleShot(PROGRESS_DELAY_MS, self._show_progress_if_busy)

    def analysis_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)

    def analysis_stopped(self, message: str) -> None:
        """The analysis ended (finished, stopped or failed): `message` says how."""
        self.progress.hide()
        self.stop_button.hide()
        self.label.setText(message)

    def _show_progress_if_busy(self) -> None:
        if self._busy():
            self.progress.show()
            self.stop_button.show()


def show_read_only(window: QMainWindow, edits: Iterable[QAction], message: str) -> None:
    """Say, for as long as `window` is open, that nothing is saved: status bar, title, and `edits` disabled."""
    if window.findChild(QLabel, "read-only-library") is not None:
        return
    label = QLabel("Read-only library")
    label.setObjectName("read-only-library")
    label.setToolTip(message)
    window.statusBar().addPermanentWidget(label)
    window.statusBar().showMessage(message, 10_000)
    for action in edits:
        action.setEnabled(False)
        action.setToolTip(f"{action.text().replace('&', '')}: the library is read-only")

    def keep_suffix(title: str) -> None:
        if not title.endswith(READ_ONLY_SUFFIX):
            window.setWindowTitle(title + READ_ONLY_SUFFIX)

    window.windowTitleChanged.connect(keep_suffix)
    keep_suffix(window.windowTitle())

"""Library reads and writes off the GUI thread, one at a time, each on a connection of its own.

The library windows and the correction offer queue jobs here: a job gets a `Library`, its result comes
back to `done` on the GUI thread, and a failure becomes a dialog with a plain sentence. `LibraryJobWindow`
is the base of the library windows, so each of them states only what it runs.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QThreadPool
from PySide6.QtWidgets import QLabel, QWidget

from gui.dialogs import show_error
from gui.workers import Task
from models.errors import AppError
from models.library import Library
from models.version import APP_NAME


class LibraryJobs(QObject):
    """A one-thread queue of library jobs owned by a window (`parent` shows the error dialogs)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._window = parent
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # one library job at a time, in order
        self._live: set[QObject] = set()  # the signals must outlive their task until the result is delivered

    def run(self, db_path: Path, job: Callable[[Library], object], done: Callable[[object], None], failed: str) -> None:
        """Run `job` with its own connection to `db_path`; `done` gets its result, `failed` heads the error."""

        def work(_ctx: object) -> object:
            with Library(db_path, recover=False, check=False) as lib:
                return job(lib)

        task = Task(work)
        signals = task.signals
        self._live.add(signals)

        def finished(result: object) -> None:
            self._live.discard(signals)
            done(result)

        def went_wrong(exc: object) -> None:
            self._live.discard(signals)
            show_error(self._window, failed, exc.user_message if isinstance(exc, AppError) else str(exc))

        signals.finished.connect(finished)
        signals.failed.connect(went_wrong)
        self._pool.start(task)

    def wait(self, timeout_ms: int = 30_000) -> bool:
        return self._pool.waitForDone(timeout_ms)


class LibraryJobWindow(QWidget):
    """A window of its own over the library at `db_path`, whose reads and writes queue on its `LibraryJobs`.

    Subclasses lay out their widgets (the `status` line included) and call `_run` with what to run; this base
    says when there is no library, and finishes the queued jobs before the window closes.
    """

    def __init__(
        self, db_path: Path | None, parent: QWidget | None, *, name: str, title: str, size: tuple[int, int]
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName(name)
        self.setWindowTitle(f"{title} — {APP_NAME}")
        self.resize(*size)
        self.db_path = db_path
        self._jobs = LibraryJobs(self)
        self.status = QLabel()

    def refresh(self) -> None:
        """Read again what the window shows (each window says what that is)."""
        raise NotImplementedError

    def _run(self, job: Callable[[Library], object], done: Callable[[object], None], failed: str) -> None:
        """Run `job` with its own library connection on this window's worker; `done` gets its result."""
        if self.db_path is None:
            self.status.setText("The library is not available.")
            return
        self._jobs.run(self.db_path, job, done, failed)

    def wait(self, timeout_ms: int = 30_000) -> bool:
        """Block until the queued jobs are done (closing, tests); False when `timeout_ms` ran out first."""
        return self._jobs.wait(timeout_ms)

    def closeEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        self._jobs.wait()
        super().closeEvent(event)

"""Library › Add Folder…: every document of a folder into the library, analysed in the background.

The work is `models.batch.add.add_files` (the same as `main.py add`), run from a pool thread that hands
the files to supervised analysis workers, forked from the window's own analysis process; the window shows
a progress bar with a Cancel button in its status bar and stays usable. Each document is stored as soon as
it is analysed, and texts the library knows are skipped by their hash, so the folder is remembered
(QSettings) until it is done: if the window is closed or the program killed half-way, the next start picks
the folder up again and adds only what is left.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import cast

from PySide6.QtCore import QObject, QSettings, QThreadPool, Signal
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QMainWindow, QProgressBar, QToolButton, QWidget

from gui.dialogs import show_error
from gui.workers import Task as Job
from gui.workers import TaskContext
from models.batch.add import AddProgress, Task, add_files, collect_files
from models.batch.task import FAILED, analyse_path
from models.errors import AppError
from models.library import Library

log = logging.getLogger(__name__)
PENDING_KEY = "library/adding_folder"


class FolderAdder(QObject):
    """Adds one folder at a time for a main window; its progress lives in the window's status bar.

    Signals:
        progressed(int, int): documents done, documents in the folder.
        finished(object): the final `AddProgress` (also when cancelled: `stopped` is then set).
    """

    progressed = Signal(int, int)
    finished = Signal(object)

    def __init__(
        self, window: QMainWindow, db_path: Path, settings: QSettings, refresh_views: Callable[[], None]
    ) -> None:
        super().__init__(window)
        self.window = window
        self._refresh_views = refresh_views  # the library's open windows show what was added
        self.db_path = db_path
        self.settings = settings
        self.jobs: int | None = None  # analysis processes; None: one per core
        self.task: Task = analyse_path  # what each process runs on a file (a top-level function)
        self.folder: Path | None = None
        self.last: AddProgress | None = None
        self._stop = threading.Event()
        self._keep_pending = False
        self._idle = threading.Event()
        self._idle.set()
        self._signals: QObject | None = None

        self.bar = QWidget()
        self.bar.setObjectName("add-folder-progress")
        self.label = QLabel()
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(True)
        self.cancel_button = QToolButton()
        self.cancel_button.setObjectName("add-folder-cancel")
        self.cancel_button.setText("Cancel")
        self.cancel_button.setToolTip("Stop adding: the documents finished so far stay in the library")
        self.cancel_button.clicked.connect(self.cancel)
        layout = QHBoxLayout(self.bar)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.progress)
        layout.addWidget(self.cancel_button)
        self.bar.hide()
        window.statusBar().addPermanentWidget(self.bar)

    @property
    def busy(self) -> bool:
        return not self._idle.is_set()

    def choose(self) -> None:
        """Ask for a folder, then add it."""
        ask = getattr(self.window, "ask_folder_path", None)
        if callable(ask):
            folder = ask()
        else:
            folder = QFileDialog.getExistingDirectory(self.window, "Add a folder to the library")
        if folder:
            self.start(Path(folder))

    def start(self, folder: Path) -> bool:
        """Add every document under `folder` (unless a folder is being added already)."""
        if self.busy:
            show_error(self.window, "A folder is being added already.", "Wait for it to finish, or cancel it first.")
            return False
        self.folder = folder
        self.settings.setValue(PENDING_KEY, str(folder))
        self.settings.sync()
        self._stop.clear()
        self._keep_pending = False
        self._idle.clear()
        self.label.setText(f"Adding {folder.name}…")
        self.progress.setRange(0, 0)
        self.cancel_button.setEnabled(True)
        self.bar.show()
        db_path, stop, jobs, analyse = self.db_path, self._stop, self.jobs, self.task

        def work(ctx: TaskContext) -> AddProgress:
            try:
                files = collect_files([folder])
                ctx.progress(0, len(files))
                with Library(db_path, recover=False, check=False) as lib:
                    return add_files(
                        lib,
                        files,
                        jobs=jobs,
                        on_progress=lambda p: ctx.progress(p.done, p.total),
                        should_stop=stop.is_set,
                        task=analyse,
                    )
            finally:
                self._idle.set()

        job = Job(work)
        signals = job.signals
        self._signals = signals  # kept until the result is delivered
        signals.progress.connect(self._show_progress)
        signals.finished.connect(self._done)
        signals.failed.connect(self._failed)
        QThreadPool.globalInstance().start(job)
        return True

    def resume_pending(self) -> bool:
        """Pick up a folder whose adding was interrupted (the window closed, the program killed)."""
        pending = cast(str | None, self.settings.value(PENDING_KEY))
        if not pending or self.busy:
            return False
        if not Path(pending).is_dir():
            self.settings.remove(PENDING_KEY)
            return False
        log.info("resuming the adding of %s", pending)
        self.window.statusBar().showMessage(f"Resuming adding {Path(pending).name} to the library…", 5000)
        return self.start(Path(pending))

    def cancel(self) -> None:
        """Stop at once: the documents finished stay, those in progress are dropped; the folder is not resumed."""
        if self.busy:
            self._stop.set()
            self.cancel_button.setEnabled(False)
            self.label.setText("Stopping…")

    def stop_for_close(self, timeout_s: float = 60.0) -> None:
        """On closing the window: stop (the files in progress are dropped) and remember the folder for next time."""
        if self.busy:
            self._keep_pending = True
            self._stop.set()
            self._idle.wait(timeout_s)

    def wait(self, timeout_s: float = 120.0) -> bool:
        return self._idle.wait(timeout_s)

    def _show_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat(f"{done} / {total}")
        self.progressed.emit(done, total)

    def _done(self, result: object) -> None:
        progress = cast(AddProgress, result)
        self.last = progress
        self._signals = None
        self.bar.hide()
        if not (progress.stopped and self._keep_pending):
            self.settings.remove(PENDING_KEY)
        name = self.folder.name if self.folder else "the folder"
        said = f"{progress.added} added, {progress.known} already in the library"
        if progress.failed:
            said += f", {progress.failed} could not be read"
        verb = "Stopped adding" if progress.stopped else "Added"
        self.window.statusBar().showMessage(f"{verb} {name}: {said}.", 15_000)
        self._refresh_views()
        if progress.failed and progress.last is not None and progress.last.status == FAILED and not progress.added:
            show_error(self.window, f"No document of {name} could be added.", progress.last.message)
        self.finished.emit(progress)

    def _failed(self, exc: object) -> None:
        self._signals = None
        self.bar.hide()
        self.settings.remove(PENDING_KEY)
        detail = exc.user_message if isinstance(exc, AppError) else str(exc)
        show_error(self.window, "The folder could not be added.", detail)
        self.finished.emit(None)

"""Background work on a QThreadPool, reported back through signals.

A `Task` runs a plain function in a pool thread. Its signals object is created in the GUI
thread, so results are delivered there as queued signal emissions; the function itself must
never touch a widget.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Signal

from models.errors import AppError

log = logging.getLogger(__name__)


class TaskSignals(QObject):
    """Signals of one task.

    Signals:
        progress(int, int): done, total (units chosen by the task).
        partial(object): an intermediate result.
        finished(object): the result.
        failed(object): the exception that ended the task.
        cancelled(): the task stopped because it was cancelled.
    """

    progress = Signal(int, int)
    partial = Signal(object)
    finished = Signal(object)
    failed = Signal(object)
    cancelled = Signal()


class TaskContext:
    """What a running task may use to talk back: progress, partial results, cancellation."""

    def __init__(self, signals: TaskSignals, cancel_event: threading.Event) -> None:
        self._signals = signals
        self._cancel_event = cancel_event

    def progress(self, done: int, total: int) -> None:
        self._signals.progress.emit(done, total)

    def partial(self, value: object) -> None:
        self._signals.partial.emit(value)

    def cancelled(self) -> bool:
        return self._cancel_event.is_set()


class TaskCancelled(Exception):
    """Raised inside a task function to stop early after a cancel request."""


class Task(QRunnable):
    """Runs `fn(context)` in a pool thread and emits its outcome."""

    def __init__(self, fn: Callable[[TaskContext], Any]) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self.signals = TaskSignals()
        self._fn = fn
        self._cancel_event = threading.Event()

    def cancel(self) -> None:
        self._cancel_event.set()

    def run(self) -> None:
        context = TaskContext(self.signals, self._cancel_event)
        try:
            result = self._fn(context)
        except TaskCancelled:
            self.signals.cancelled.emit()
        except Exception as exc:
            if self._cancel_event.is_set():
                self.signals.cancelled.emit()
            else:
                if isinstance(exc, AppError):  # expected (an unreadable file): the reader is told, no traceback
                    log.info("background task failed: %s", exc.user_message)
                else:
                    log.exception("background task failed")
                self.signals.failed.emit(exc)
        else:
            if self._cancel_event.is_set():
                self.signals.cancelled.emit()
            else:
                self.signals.finished.emit(result)

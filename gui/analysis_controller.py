"""Runs document loading and analysis off the GUI thread and reports back with signals.

The analysis itself runs in a supervised worker process (models/analysis/supervisor.py); a pool
thread of one sends it the document and relays progress, the first paragraphs' entities and the
result as signals. A worker that dies or outgrows its memory ceiling is replaced and the window
told in one sentence; cancelling kills it at once. File loading has its own pool so a long
analysis never blocks opening the next file.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import cast

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal

from gui.workers import Task, TaskCancelled, TaskContext
from models.analysis.pipeline import AnalysisCancelled
from models.analysis.supervisor import AnalysisSupervisor, WorkerLost, shared_supervisor
from models.domain import Analysis, Document
from models.library.stored_analysis import LibraryCache
from models.loaders import FileTooLargeError, load_pasted
from models.reading.opening import fresh, read, stored

log = logging.getLogger(__name__)


class AnalysisController(QObject):
    """Loads documents and analyses them, one request at a time; stale results are dropped.

    Signals:
        document_loaded(object): a `Document` was read and can be shown.
        load_failed(str): a file could not be opened (plain sentence).
        large_file(object): (path, size in bytes, date) of a file over the size limit; open it again
            with `allow_large=True` if the reader agrees.
        analysis_started(): analysis of the current document began.
        progress(int, int): characters analysed, total characters.
        partial(object): a list of provisional entity spans (Python offsets).
        analysis_finished(object): the `Analysis` of the current document.
        analysis_failed(str): analysis failed (plain sentence).
        analysis_interrupted(str): the analysis process died or ran out of memory and was restarted
            (plain sentence); the text and the reader's work are untouched.
    """

    document_loaded = Signal(object)
    load_failed = Signal(str)
    large_file = Signal(object)
    analysis_started = Signal()
    progress = Signal(int, int)
    partial = Signal(object)
    analysis_finished = Signal(object)
    analysis_failed = Signal(str)
    analysis_interrupted = Signal(str)

    def __init__(self, parent: QObject | None = None, supervisor: AnalysisSupervisor | None = None) -> None:
        super().__init__(parent)
        # The worker process (shared by the windows of this process unless one is given).
        self.supervisor = supervisor if supervisor is not None else shared_supervisor()
        self._analysis_pool = QThreadPool(self)
        self._analysis_pool.setMaxThreadCount(1)
        self._io_pool = QThreadPool(self)
        self._io_pool.setMaxThreadCount(2)
        self._request = 0
        self._analysis_task: Task | None = None
        self._busy = False
        self._dates: dict[str, str | None] = {}  # the date asked for each path, for a confirmed retry
        # Replaces the spaCy analysis (tests, or an analysis already stored); runs in the worker.
        self.analyze_fn: Callable[[Document], Analysis] | None = None
        # The library's stored analyses and the reader's corrections (models.library.stored_analysis.LibraryCache).
        self.cache: LibraryCache | None = None
        self._probing: tuple[int, Document, QObject] | None = None

    @property
    def busy(self) -> bool:
        """True while an analysis is running."""
        return self._busy

    def preload_model(self) -> None:
        """Start the analysis process now (if `main.py` has not already), so the model loads meanwhile."""
        self.supervisor.start()

    def open_file(self, path: str | Path, date: str | None = None, allow_large: bool = False) -> None:
        """Read `path` in the background; emits `document_loaded`, `load_failed` or `large_file`."""
        self._request += 1
        request = self._request
        self._dates[str(Path(path))] = date

        def load(_ctx: TaskContext) -> tuple[int, Document]:
            return request, read(path, date, allow_large)

        task = Task(load)
        task.signals.finished.connect(self._on_loaded)
        task.signals.failed.connect(self._on_load_failed)
        self._io_pool.start(task)

    def open_pasted(self, text: str | None, html: str | None, title: str) -> None:
        """Read clipboard contents (HTML preferred, else plain text) in the background, like a file."""
        self._request += 1
        request = self._request
        task = Task(lambda _ctx: (request, load_pasted(text, html, title)))
        task.signals.finished.connect(self._on_loaded)
        task.signals.failed.connect(self._on_load_failed)
        self._io_pool.start(task)

    def analyze(self, document: Document) -> None:
        """Analyse `document`, cancelling any analysis still running (a stored analysis is shown instead)."""
        self.cancel()
        self._request += 1
        request = self._request
        if self.cache is not None:
            self._probe_cache(document, request, self.cache)
            return
        self._run_analysis(document, request)

    def _probe_cache(self, document: Document, request: int, cache: LibraryCache) -> None:
        """Look for a stored analysis on the file pool (the analysis pool may be loading the model)."""
        task = Task(lambda _ctx: (request, stored(document, cache)))
        self._probing = (request, document, task.signals)  # kept alive until its result is delivered
        task.signals.finished.connect(self._on_probed)
        task.signals.failed.connect(self._on_probe_failed)
        self._busy = True
        self.analysis_started.emit()
        self._io_pool.start(task)

    def _on_probe_failed(self, exc: object) -> None:
        log.warning("stored analysis not read: %s", exc)
        if self._probing is not None:
            self._on_probed((self._probing[0], None))

    def _on_probed(self, result: object) -> None:
        request, analysis = cast(tuple[int, Analysis | None], result)
        if self._probing is None or request != self._probing[0]:
            return
        document = self._probing[1]
        self._probing = None
        if request != self._request or not self._busy:  # a newer request, or stopped meanwhile
            return
        if analysis is not None:
            self._busy = False
            self.analysis_finished.emit(analysis)
        else:
            self._run_analysis(document, request, started=True)

    def _run_analysis(self, document: Document, request: int, started: bool = False) -> None:
        analyze_fn = self.analyze_fn
        cache = self.cache
        supervisor = self.supervisor

        def run(ctx: TaskContext) -> tuple[int, Analysis, Analysis | None]:
            if analyze_fn is not None:
                fixed = analyze_fn(document)
                return request, fresh(fixed, cache), None
            if ctx.cancelled():
                raise TaskCancelled
            try:
                result = supervisor.analyze(
                    document,
                    progress=ctx.progress,
                    partial=lambda spans: ctx.partial((request, spans)),
                    owner=self,
                )
            except AnalysisCancelled:
                raise TaskCancelled from None
            log.info("analysis took %.2f s in the worker, %.3f s to send", *_costs(supervisor))
            if cache is None:
                return request, result, None
            # Shown first, put into the library's actor index right after (see _on_analysed).
            return request, cache.remember(result, index=False), result

        task = Task(run)
        task.signals.progress.connect(self._on_progress)
        task.signals.partial.connect(self._on_partial)
        task.signals.finished.connect(self._on_analysed)
        # The failure names its request: a replaced analysis that fails late must not stop the current one.
        task.signals.failed.connect(partial(self._on_analysis_failed, request))
        task.signals.cancelled.connect(self._on_cancelled)
        self._analysis_task = task
        self._busy = True
        if not started:
            self.analysis_started.emit()
        self._analysis_pool.start(task)

    def cancel(self) -> None:
        """Ask the running analysis to stop; its results will be ignored."""
        if self._analysis_task is not None:
            self._analysis_task.cancel()
            self._analysis_task = None
            self.supervisor.cancel(owner=self)  # the worker is killed now, not after its current batch
        self._busy = False

    def shutdown(self, timeout_ms: int = 30_000) -> None:
        """Cancel work and wait for the pools, so no thread outlives the window."""
        self.cancel()
        self._analysis_pool.waitForDone(timeout_ms)
        self._io_pool.waitForDone(timeout_ms)

    # ----- slots (GUI thread) ------------------------------------------------------------------

    def _on_loaded(self, result: object) -> None:
        request, document = cast(tuple[int, Document], result)
        if request == self._request:
            self.document_loaded.emit(document)

    def _on_load_failed(self, exc: object) -> None:
        if isinstance(exc, FileTooLargeError):
            self.large_file.emit((str(exc.path), exc.size, self._dates.get(str(exc.path))))
            return
        self.load_failed.emit(_user_message(exc))

    def _on_progress(self, done: int, total: int) -> None:
        if self._analysis_task is not None:
            self.progress.emit(done, total)

    def _on_partial(self, value: object) -> None:
        request, spans = cast(tuple[int, object], value)
        if request == self._request:
            self.partial.emit(spans)

    def _on_analysed(self, result: object) -> None:
        request, analysis, to_index = cast(tuple[int, Analysis, Analysis | None], result)
        if request == self._request:
            self._analysis_task = None
            self._busy = False
            self.analysis_finished.emit(analysis)
        if to_index is not None:
            # After the window has painted the analysis (the event loop first), on the analysis thread, so
            # the next analysis starts once it is indexed and the window's shutdown waits for it.
            QTimer.singleShot(0, self, lambda: self._index(to_index))

    def _index(self, analysis: Analysis) -> None:
        cache = self.cache
        if cache is not None:
            self._analysis_pool.start(Task(lambda _ctx: cache.index(analysis)))

    def _on_analysis_failed(self, request: int, exc: object) -> None:
        if request != self._request:
            log.info("a replaced analysis failed afterwards: %s", exc)
            return
        self._analysis_task = None
        self._busy = False
        if isinstance(exc, WorkerLost):
            self.analysis_interrupted.emit(exc.user_message)
            return
        self.analysis_failed.emit(_user_message(exc))

    def _on_cancelled(self) -> None:
        log.info("analysis cancelled")


def _costs(supervisor: AnalysisSupervisor) -> tuple[float, float]:
    timings = supervisor.timings
    return timings.analysis_s, timings.ipc_s


def _user_message(exc: object) -> str:
    from models.errors import AppError

    if isinstance(exc, AppError):
        return exc.user_message
    return f"Something went wrong: {exc}"

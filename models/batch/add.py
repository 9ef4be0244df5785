"""Add files and folders to the library, analysing them on every core.

Each analysed document is committed on its own as soon as its result arrives, so a run that is
cancelled or killed keeps what it finished, and running it again skips those texts (known by the
hash of their text) and does the rest.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Executor, Future, wait
from dataclasses import dataclass
from pathlib import Path

from models.analysis.pool import TaskStopped, WorkerPool
from models.analysis.supervisor import shared_supervisor
from models.batch.task import ANALYSED, FAILED, KNOWN, TaskResult, analyse_path
from models.errors import AppError, DocumentError
from models.library import Library
from models.loaders.sniff import HTML_EXTENSIONS, MARKDOWN_EXTENSIONS, TEXT_EXTENSIONS
from models.version import ANALYZER_VERSION

log = logging.getLogger(__name__)

# What a folder contributes; a file named on its own is always tried (its content decides the format).
DOCUMENT_SUFFIXES = frozenset(HTML_EXTENSIONS | MARKDOWN_EXTENSIONS | TEXT_EXTENSIONS | {".pdf", ".epub", ".docx"})

Task = Callable[[str, str | None], TaskResult]
STOP_POLL_S = 0.2


@dataclass
class AddProgress:
    """Where a run stands, passed to the progress callback after every file."""

    total: int
    added: int = 0
    known: int = 0
    failed: int = 0
    words: int = 0
    started: float = 0.0
    last: TaskResult | None = None
    stopped: bool = False

    @property
    def done(self) -> int:
        return self.added + self.known + self.failed

    @property
    def words_per_second(self) -> float:
        elapsed = time.monotonic() - self.started
        return self.words / elapsed if elapsed > 0 else 0.0


def collect_files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The documents named, and those in the folders named (recursively, hidden ones left out), each once."""
    found: dict[Path, None] = {}
    for each in paths:
        path = Path(each).expanduser()
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                relative = child.relative_to(path).parts
                if (
                    child.is_file()
                    and child.suffix.lower() in DOCUMENT_SUFFIXES
                    and not any(p.startswith(".") for p in relative)
                ):
                    found.setdefault(child.resolve(), None)
        elif path.is_file():
            found.setdefault(path.resolve(), None)
        else:
            raise DocumentError(f"{path} does not exist; check the name and try again.")
    return list(found)


def store_result(library: Library, result: TaskResult) -> bool:
    """Keep one analysis in the library as the window does (document, then analysis); False if already known."""
    analysis = result.analysis
    if analysis is None:
        return False
    with library.write():
        if library.cached_analysis(analysis.document.sha256, ANALYZER_VERSION) is not None:
            return False
        library.add_document(analysis.document)
        library.store_analysis(analysis)
    return True


def add_files(
    library: Library,
    files: list[Path],
    *,
    jobs: int | None = None,
    on_progress: Callable[[AddProgress], None] | None = None,
    task: Task = analyse_path,
    should_stop: Callable[[], bool] | None = None,
    executor: Executor | None = None,
) -> AddProgress:
    """Analyse `files` in `jobs` analysis workers (default: one per core) and store each result at once.

    The workers are the supervised ones the window and `analyze` use (models/analysis/pool.py), forked from
    the process-wide analysis process: a worker that crashes or outgrows its memory ceiling fails its file
    with a plain sentence and is replaced, and the other files go on. With `executor` (a `WorkerPool` of
    the caller's, or a Dask cluster's, see models/batch/cluster.py) the same `task` runs there instead,
    with `jobs` files in flight per slot; results are stored here either way, so the library is written
    by this process alone. `should_stop` (the window's Cancel) is asked every moment, and Ctrl+C
    (KeyboardInterrupt) is caught: files not started yet are dropped, and on a local pool the files in
    progress are stopped at once (on a cluster they finish and are kept); everything stored stays, the
    progress returned has `stopped` set, and KeyboardInterrupt is raised again.
    """
    jobs = max(1, jobs or os.cpu_count() or 1)
    progress = AddProgress(total=len(files), started=time.monotonic())
    db_path = str(library.path)
    queue: Iterator[Path] = iter(files)
    with contextlib.ExitStack() as stack:
        if executor is None:
            workers = max(1, min(jobs, len(files)))
            if task is analyse_path and workers < jobs:
                # Fewer files than processes (one book added alone): each file's text is cut among the spare
                # processes instead of leaving them idle (see `analyse_path`).
                task = functools.partial(analyse_path, parts=jobs // workers)
            executor = stack.enter_context(WorkerPool(shared_supervisor(), workers))
        pool = executor
        pending: set[Future[TaskResult]] = set()
        paths: dict[Future[TaskResult], str] = {}

        def fill() -> None:
            # A few files per worker in flight: memory stays bounded however many files there are.
            while len(pending) < jobs * 2:
                path = next(queue, None)
                if path is None:
                    return
                future = pool.submit(task, str(path), db_path)
                paths[future] = str(path)
                pending.add(future)

        def stop() -> None:
            for future in pending:
                future.cancel()  # those not started yet
            if isinstance(pool, WorkerPool):
                pool.stop_running()  # those in progress, at once

        try:
            fill()
            while pending:
                # Not longer than a moment: Cancel must not wait for a long document to finish.
                finished, pending = wait(pending, timeout=STOP_POLL_S, return_when=FIRST_COMPLETED)
                for future in finished:
                    if future.cancelled():
                        continue
                    _record(library, future, paths.pop(future), progress)
                    if on_progress is not None:
                        on_progress(progress)
                if should_stop is not None and should_stop() and not progress.stopped:
                    progress.stopped = True
                    queue = iter(())
                    stop()
                fill()
        except KeyboardInterrupt:
            progress.stopped = True
            stop()
            raise
    return progress


def _record(library: Library, future: Future[TaskResult], path: str, progress: AddProgress) -> None:
    try:
        result = future.result()
    except TaskStopped:
        return  # stopped on purpose: neither added nor failed, a later run adds it
    except AppError as exc:  # its worker crashed or outgrew its memory: the others go on
        log.warning("analysis of %s failed: %s", path, exc.user_message)
        result = TaskResult(path, FAILED, message=exc.user_message)
    except Exception as exc:  # a bug on one file (or a cluster worker lost on it) must not stop the others
        log.exception("analysis of %s failed", path)
        result = TaskResult(path, FAILED, message=f"the analysis failed ({type(exc).__name__})")
    if result.status == ANALYSED:
        if store_result(library, result):
            progress.added += 1
            progress.words += result.words
        else:
            result = TaskResult(result.path, KNOWN)
            progress.known += 1
    elif result.status == KNOWN:
        progress.known += 1
    else:
        progress.failed += 1
    progress.last = result

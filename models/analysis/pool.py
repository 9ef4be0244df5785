"""Several supervised analysis workers at once, for the library's batch work (`main.py add`, Add Folder).

`WorkerPool` is a `concurrent.futures.Executor` whose processes are the analysis workers of
models/analysis/worker.py, forked from the same loaded model as the window's own worker (one
`AnalysisSupervisor`): a task is a picklable top-level function (models.batch.task.analyse_path) run in
a worker, its result sent back as plain data. Each worker is watched as the window's is: one that dies
or outgrows the memory ceiling is killed and replaced at once, and only its task fails, with a plain
sentence (`WorkerLost`, `WorkerOutOfMemory`); the others go on. `stop_running` kills the tasks in
flight (Cancel, Ctrl+C) instead of waiting for spaCy.
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import queue
import signal
import threading
import time
from collections.abc import Callable
from concurrent.futures import Executor, Future
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any, TypeVar

from models.analysis.supervisor import (
    POLL_S,
    READY_TIMEOUT_S,
    WorkerLost,
    WorkerOutOfMemory,
    remember_process,
    tree_pids,
    tree_rss_bytes,
)
from models.errors import AppError, ModelMissingError

if TYPE_CHECKING:
    from typing import ParamSpec

    from models.analysis.supervisor import AnalysisSupervisor

    P = ParamSpec("P")

T = TypeVar("T")
log = logging.getLogger(__name__)


class TaskStopped(AppError):
    """The task was stopped on purpose (`stop_running`: Cancel, Ctrl+C), not by a failure."""

    def __init__(self) -> None:
        super().__init__("The analysis was stopped; adding the document again analyses it.")


@dataclass
class PoolStats:
    """What the process boundary cost, summed over the tasks done (for the log and the benchmark)."""

    tasks: int = 0
    ipc_s: float = 0.0  # sending each task, and its pickled result back (pickling and unpickling included)
    work_s: float = 0.0  # inside the workers

    @property
    def ipc_per_task_s(self) -> float:
        return self.ipc_s / self.tasks if self.tasks else 0.0


@dataclass
class _Slot:
    """One worker process and the thread that feeds it."""

    conn: Connection | None = None
    pid: int | None = None
    busy: bool = False
    stopped: bool = False  # its task was stopped on purpose (stop_running): not a crash
    lock: threading.Lock = field(default_factory=threading.Lock)


@dataclass
class _Item:
    future: Future[Any]
    function: Callable[..., Any]
    args: tuple[Any, ...]


class WorkerPool(Executor):
    """`workers` supervised analysis workers forked from `supervisor`'s loaded model, each running one task at a time.

    The pool is an executor, so `models.batch.add.add_files` hands it files exactly as it hands them to a
    Dask cluster's executor. `memory_limit_mb` is the supervisor's (each worker and its helpers).
    """

    def __init__(self, supervisor: AnalysisSupervisor, workers: int) -> None:
        self.supervisor = supervisor
        self.stats = PoolStats()
        self._queue: queue.SimpleQueue[_Item | None] = queue.SimpleQueue()
        self._slots = [_Slot() for _ in range(max(1, workers))]
        self._lock = threading.Lock()
        self._shutdown = False
        self._request = 0
        self._threads = [
            threading.Thread(target=self._serve, args=(slot,), name=f"analysis-pool-{n}", daemon=True)
            for n, slot in enumerate(self._slots)
        ]
        for thread in self._threads:
            thread.start()

    # -- Executor --------------------------------------------------------------------------------

    def submit(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> Future[T]:
        """Run `fn(*args)` in a worker (`fn` a top-level function, its arguments and result picklable)."""
        if kwargs:
            raise TypeError("WorkerPool tasks take positional arguments only")
        with self._lock:
            if self._shutdown:
                raise RuntimeError("cannot submit to a pool that has been shut down")
            future: Future[T] = Future()
            self._queue.put(_Item(future, fn, tuple(args)))
        return future

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """No more tasks; with `wait`, the tasks in flight finish first. The workers are stopped either way."""
        with self._lock:
            if not self._shutdown:
                self._shutdown = True
                for _ in self._threads:
                    self._queue.put(None)
        if cancel_futures:
            self._drain()
        if wait:
            for thread in self._threads:
                thread.join()
        else:
            self.stop_running()

    def __exit__(self, exc_type: object, exc: object, tb: object) -> bool | None:
        if exc_type is not None:  # the caller failed or was interrupted: nothing in flight is wanted any more
            self.stop_running()
        return super().__exit__(exc_type, exc, tb)  # type: ignore[arg-type]

    def stop_running(self) -> None:
        """Kill the tasks in flight at once (their futures fail with `TaskStopped`).

        Their workers are replaced when more tasks come; the tasks not started yet are left to the caller
        (cancel their futures).
        """
        for slot in self._slots:
            with slot.lock:
                if slot.busy:
                    slot.stopped = True
                    self._kill(slot)

    @property
    def worker_pids(self) -> list[int]:
        """The workers' process ids, as far as they have said they are ready."""
        return [slot.pid for slot in self._slots if slot.pid is not None]

    # -- one thread per worker -------------------------------------------------------------------

    def _drain(self) -> None:
        while True:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                return
            if item is None:
                self._queue.put(None)  # the end marker stays for the threads
                return
            item.future.cancel()

    def _serve(self, slot: _Slot) -> None:
        try:
            while True:
                item = self._queue.get()
                if item is None:
                    return
                if not item.future.set_running_or_notify_cancel():
                    continue
                try:
                    item.future.set_result(self._run(slot, item))
                except Exception as exc:  # every failure belongs to the task's future
                    item.future.set_exception(exc)
        finally:
            with slot.lock:
                self._kill(slot)

    def _run(self, slot: _Slot, item: _Item) -> Any:
        conn = self._ready(slot)
        with self._lock:
            self._request += 1
            request = self._request
        payload = pickle.dumps((item.function, item.args), protocol=pickle.HIGHEST_PROTOCOL)
        sent = time.perf_counter()
        with slot.lock:
            slot.busy, slot.stopped = True, False
        try:
            with contextlib.suppress(OSError):  # a worker gone already is noticed below
                conn.send(("call", request, payload))
            ipc = time.perf_counter() - sent
            return self._receive(slot, conn, request, ipc)
        finally:
            with slot.lock:
                slot.busy = False

    def _ready(self, slot: _Slot) -> Connection:
        """The slot's worker once it has said it is ready, forked from the supervisor's model if needed."""
        deadline = time.monotonic() + READY_TIMEOUT_S
        deaths = 0
        while True:
            with slot.lock:
                if slot.conn is None:
                    slot.conn, slot.pid = self.supervisor.fork_worker(), None
                conn = slot.conn
                if slot.pid is not None:
                    return conn
            try:
                message = conn.recv() if conn.poll(POLL_S) else None
            except (EOFError, OSError, ValueError, TypeError):
                with slot.lock:
                    self._kill(slot)
                deaths += 1
                if deaths >= 3 or time.monotonic() > deadline:
                    raise WorkerLost("The analysis process could not start; run the command again.") from None
                continue
            if message is None:
                if time.monotonic() > deadline:
                    raise WorkerLost("The analysis process did not start; run the command again.")
                continue
            if message[0] == "failed":
                with slot.lock:
                    self._kill(slot)
                raise ModelMissingError(str(message[1]))
            if message[0] == "ready":
                with slot.lock:
                    slot.pid = int(message[1])
                remember_process(slot.pid)

    def _receive(self, slot: _Slot, conn: Connection, request: int, ipc: float) -> Any:
        limit_mb = self.supervisor.memory_limit_mb
        checked = time.monotonic()
        while True:
            try:
                message = conn.recv() if conn.poll(POLL_S) else None
            except (EOFError, OSError, ValueError, TypeError):  # closed under us by stop_running counts as gone
                message = ("lost",)
            if limit_mb and slot.pid is not None and time.monotonic() - checked >= POLL_S:
                checked = time.monotonic()
                if tree_rss_bytes(slot.pid) > limit_mb * 1024 * 1024:
                    log.warning("analysis worker over %d MB: stopped", limit_mb)
                    message = ("memory", request)
            if message is None:
                continue
            kind = message[0]
            if kind in ("lost", "memory"):
                with slot.lock:
                    stopped = slot.stopped
                    self._kill(slot)  # the next task forks a fresh worker
                if stopped:
                    raise TaskStopped
                if kind == "memory":
                    raise WorkerOutOfMemory(limit_mb or 0)
                log.warning("analysis worker %s died", slot.pid)
                raise WorkerLost(
                    "The analysis process stopped unexpectedly on this document; the others go on, "
                    "and adding it again retries it."
                )
            if message[1] != request:
                continue
            if kind == "error":
                raise AppError(str(message[2]))
            if kind == "result":
                received = time.perf_counter()
                result = pickle.loads(message[2])
                info = message[3]
                ipc += max(0.0, time.time() - float(info["sent_at"])) + time.perf_counter() - received
                with self._lock:
                    self.stats.tasks += 1
                    self.stats.ipc_s += ipc
                    self.stats.work_s += float(info["analysis_s"])
                return result

    def _kill(self, slot: _Slot) -> None:
        """Kill the slot's worker and its helpers (the caller holds `slot.lock`)."""
        if slot.pid is not None:
            for pid in reversed(tree_pids(slot.pid)):
                with contextlib.suppress(OSError):
                    os.kill(pid, signal.SIGKILL)
        if slot.conn is not None:
            with contextlib.suppress(OSError):
                slot.conn.close()
        slot.conn, slot.pid = None, None


__all__ = ["PoolStats", "TaskStopped", "WorkerPool"]

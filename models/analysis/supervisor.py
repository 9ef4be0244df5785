"""The window's side of the analysis process: start it early, send documents, watch it, replace it.

`AnalysisSupervisor.analyze` sends a document to a worker process (models/analysis/worker.py) and
blocks its calling thread, passing progress and the first paragraphs' entities to callbacks as they
arrive, until the `Analysis` comes back as plain data. The worker is watched while it runs: if it dies
(a crash, `kill -9`) the call raises `WorkerLost`; if it and its helpers grow past the memory ceiling
it is killed and the call raises `WorkerOutOfMemory`; `cancel()` kills it at once from any thread and
the call raises `AnalysisCancelled`. In every case a fresh worker is forked from the loaded model
straight away, so the next analysis does not wait for spaCy again.

Qt-free: the window adapts it with signals (gui/analysis_controller.py); the command line uses
`analyze_document`.

Over 400 lines because starting, watching, limiting and replacing the worker share one process's state.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import os
import pickle
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any

from models.errors import AppError, ModelMissingError

if TYPE_CHECKING:  # kept out of the import: main.py starts the process before anything heavy is loaded
    from models.analysis.pipeline import PartialCallback, ProgressCallback
    from models.domain import Analysis, Document

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent.parent
# The worker and its helpers together; with the window (~0.3 GB) all processes stay within 1.5 GB.
DEFAULT_MEMORY_MB = 1200
MEMORY_ENV = "DRAMATIS_ANALYSIS_MEMORY_MB"
POLL_S = 0.2
READY_TIMEOUT_S = 300.0
# Documents up to this size are analysed in the command's own process (no second process to start).
IN_PROCESS_MAX_CHARS = 18_000

LOST_MESSAGE = (
    "The analysis process stopped unexpectedly and has been restarted; your text and notes are kept, "
    "and opening the document again retries the analysis."
)


class WorkerLost(AppError):
    """The analysis process died during an analysis (it has been replaced)."""

    def __init__(self, user_message: str = LOST_MESSAGE) -> None:
        super().__init__(user_message)


class WorkerOutOfMemory(WorkerLost):
    """The analysis went past the memory ceiling and was stopped (the process has been replaced)."""

    def __init__(self, limit_mb: int) -> None:
        super().__init__(
            f"The analysis needed more than {limit_mb:,} MB of memory and was stopped; your text and notes are "
            "kept, and a shorter document (or one split into parts) can be analysed."
        )


def default_memory_mb() -> int | None:
    """The memory ceiling of a worker in MB: DRAMATIS_ANALYSIS_MEMORY_MB when set (0: none), else 1,200."""
    value = os.environ.get(MEMORY_ENV, "").strip()
    if not value:
        return DEFAULT_MEMORY_MB
    try:
        return int(value) or None
    except ValueError:
        log.warning("%s=%r is not a number of MB; using %d", MEMORY_ENV, value, DEFAULT_MEMORY_MB)
        return DEFAULT_MEMORY_MB


# ----- memory of a process tree (Linux /proc; elsewhere the ceiling is not watched) ----------------


def _rss_bytes(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as f:
                found.extend(int(x) for x in f.read().split())
        except (OSError, ValueError):
            continue
    return found


def tree_pids(pid: int) -> list[int]:
    """`pid` and all its descendants."""
    pids, todo = [], [pid]
    while todo:
        current = todo.pop()
        pids.append(current)
        todo.extend(_children(current))
    return pids


def tree_rss_bytes(pid: int) -> int:
    """Resident memory of `pid` and its descendants (shared pages counted in each, so an upper bound)."""
    return sum(_rss_bytes(p) for p in tree_pids(pid))


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            return f.read().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except OSError:
        try:
            os.kill(pid, 0)
        except OSError:
            return False
        return True


_spawned: set[int] = set()  # every analysis process and worker ever started here, for leak checks


def remember_process(pid: int) -> None:
    """Count `pid` among the analysis processes started here (a batch pool's workers)."""
    _spawned.add(pid)


def leftover_processes() -> list[int]:
    """Analysis processes started by this process that are still running (tests check none are left)."""
    return sorted(pid for pid in _spawned if _alive(pid))


# ----- the supervisor ------------------------------------------------------------------------------


@dataclass
class Timings:
    """What the last analysis cost, for the log and the benchmark."""

    analysis_s: float = 0.0  # inside the worker
    ipc_s: float = 0.0  # sending the document, and the result back (pickling included)
    wait_s: float = 0.0  # waiting for a ready worker (the model still loading)
    parts: int = 1  # parts the text was cut into for parallel parsing
    # CPU seconds of the worker (cpu_s) and of its parsing helpers (helpers_cpu_s), and of the worker turning
    # the helpers' parses back into docs (transfer_s), for the benchmark.
    cpu: dict[str, float] = field(default_factory=dict)
    # Wall-clock seconds of the analysis' steps in the worker (`Analyzer.stage_s`), and when the result arrived.
    stages: dict[str, float] = field(default_factory=dict)


@dataclass(eq=False)  # equal only to itself
class _Worker:
    conn: Connection
    pid: int | None = None
    label: str = ""
    busy: bool = False
    killed: bool = False


@dataclass
class _Call:
    owner: object = None
    cancelled: bool = False
    options: dict[str, Any] = field(default_factory=dict)
    progress: ProgressCallback | None = None
    partial: PartialCallback | None = None


class AnalysisSupervisor:
    """Runs analyses in a supervised worker process; one analysis at a time, from any thread.

    `options` go with every request: `max_parts` (parallel parts, None: one per core), `min_chars` (the
    size from which a text is parsed in parts), `first_batch` (paragraphs before the first partial result).
    """

    def __init__(
        self, memory_limit_mb: int | None = DEFAULT_MEMORY_MB, *, options: dict[str, Any] | None = None
    ) -> None:
        self.memory_limit_mb = memory_limit_mb
        self.options = dict(options or {})
        self.timings = Timings()
        self._lock = threading.RLock()  # guards the processes and the current call
        self._one_at_a_time = threading.Lock()
        self._zygote: subprocess.Popen[bytes] | None = None
        self._control: socket.socket | None = None
        self._worker: _Worker | None = None
        self._call: _Call | None = None
        self._request = 0
        self._closed = False

    # -- processes -------------------------------------------------------------------------------

    def start(self) -> None:
        """Start the analysis process (it loads the model) and ask it for a worker; returns at once."""
        with self._lock:
            self._closed = False
            if self._worker is None:
                self._worker = self._new_worker()

    def is_ready(self) -> bool:
        """True when a worker has said it is ready (False while the model is still loading)."""
        with self._lock:
            return self._worker is not None and self._worker.pid is not None

    @property
    def worker_pid(self) -> int | None:
        """The current worker's process id once it is ready."""
        with self._lock:
            return self._worker.pid if self._worker is not None else None

    def process_ids(self) -> list[int]:
        """The analysis process and the current worker (with its helpers), as far as they are known."""
        with self._lock:
            pids = [self._zygote.pid] if self._zygote is not None else []
            if self._worker is not None and self._worker.pid is not None:
                pids += tree_pids(self._worker.pid)
            return pids

    def _spawn_zygote(self) -> None:
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
        env.pop("QT_QPA_PLATFORM", None)
        level = logging.getLevelName(logging.getLogger().getEffectiveLevel())
        command = [sys.executable, "-m", "models.analysis.worker", "--control-fd", str(theirs.fileno())]
        command += ["--memory-mb", str(self.memory_limit_mb or 0), "--log-level", str(level)]
        # A session of its own: where Linux shares CPU time out per session (autogroups, the desktop default), a busy
        # machine gives the model's load a share of its own instead of half of the window's while it is built.
        # The process still ends with the window: its control socket closes.
        with theirs:
            self._zygote = subprocess.Popen(
                command,
                pass_fds=(theirs.fileno(),),
                stdin=subprocess.DEVNULL,
                cwd=str(ROOT),
                env=env,
                start_new_session=True,
            )
        _spawned.add(self._zygote.pid)
        self._control = ours
        log.info("analysis process %d started", self._zygote.pid)

    def _new_worker(self) -> _Worker:
        """Ask the analysis process to fork a worker (starting that process first if needed)."""
        for attempt in range(2):
            if self._zygote is None or self._zygote.poll() is not None or self._control is None:
                self._stop_zygote()
                self._spawn_zygote()
            ours, theirs = socket.socketpair()
            try:
                assert self._control is not None
                socket.send_fds(self._control, [b"F"], [theirs.fileno()])
            except OSError:
                ours.close()
                if attempt:
                    raise
                self._stop_zygote()  # it died: start another one
                continue
            finally:
                theirs.close()
            return _Worker(Connection(ours.detach()))
        raise AssertionError("unreachable")

    def fork_worker(self) -> Connection:
        """A further worker forked from the loaded model, for a caller that watches it itself (the batch pool).

        Its first message is ("ready", pid, label) or ("failed", sentence), as for the supervisor's own.
        """
        with self._lock:
            self._closed = False
            return self._new_worker().conn

    def _kill_worker(self, worker: _Worker) -> None:
        worker.killed = True
        if worker.pid is not None:
            for pid in reversed(tree_pids(worker.pid)):
                with contextlib.suppress(OSError):
                    os.kill(pid, signal.SIGKILL)
        with contextlib.suppress(OSError):
            worker.conn.close()

    def _replace_worker(self, worker: _Worker) -> None:
        """Kill `worker` if it is still there and fork its replacement at once."""
        with self._lock:
            self._kill_worker(worker)
            if self._worker == worker and not self._closed:
                self._worker = self._new_worker()

    def _stop_zygote(self) -> None:
        if self._control is not None:
            with contextlib.suppress(OSError):
                self._control.close()
            self._control = None
        if self._zygote is not None:
            with contextlib.suppress(OSError):
                self._zygote.kill()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self._zygote.wait(timeout=10)
            self._zygote = None

    def shutdown(self) -> None:
        """Stop the worker and the analysis process; a running analysis ends with `AnalysisCancelled`."""
        with self._lock:
            self._closed = True
            if self._call is not None:
                self._call.cancelled = True
            if self._worker is not None:
                self._kill_worker(self._worker)
                self._worker = None
            self._stop_zygote()

    # -- analysis --------------------------------------------------------------------------------

    def cancel(self, owner: object = None) -> None:
        """Stop the running analysis now: its worker is killed and replaced; the call raises AnalysisCancelled.

        With `owner`, only an analysis started with that owner is stopped (windows share one supervisor).
        """
        with self._lock:
            call, worker = self._call, self._worker
            if call is None or (owner is not None and call.owner != owner):
                return
            call.cancelled = True
            if worker is not None and worker.busy:
                self._replace_worker(worker)

    def analyze(
        self,
        document: Document,
        *,
        progress: ProgressCallback | None = None,
        partial: PartialCallback | None = None,
        options: dict[str, Any] | None = None,
        owner: object = None,
    ) -> Analysis:
        """Analyse `document` in the worker; blocks the calling thread (never call it on the GUI thread).

        `owner` marks the call for `cancel(owner)`; `options` add to the supervisor's own for this call.

        Raises:
            AnalysisCancelled: `cancel()` or `shutdown()` was called meanwhile.
            WorkerLost / WorkerOutOfMemory: the worker died or outgrew the ceiling (it has been replaced).
            AppError: the model is missing, or the analysis failed (a plain sentence).
        """
        with self._one_at_a_time:
            call = _Call(owner, options={**self.options, **(options or {})}, progress=progress, partial=partial)
            with self._lock:
                self._call = call
            try:
                return self._run(call, document)
            finally:
                with self._lock:
                    self._call = None

    def _run(self, call: _Call, document: Document) -> Analysis:
        from models.analysis.pipeline import AnalysisCancelled

        timings = Timings()
        started = time.perf_counter()
        worker = self._ready_worker(call)
        timings.wait_s = time.perf_counter() - started
        with self._lock:
            if call.cancelled:
                raise AnalysisCancelled
            self._request += 1
            request = self._request
            worker.busy = True
            sent = time.perf_counter()
            with contextlib.suppress(OSError):  # a worker gone already is noticed below
                worker.conn.send(("analyze", request, document, call.options))
            timings.ipc_s = time.perf_counter() - sent
        try:
            analysis = self._receive(call, worker, request, timings)
        finally:
            worker.busy = False
        self.timings = timings
        return analysis

    def _ready_worker(self, call: _Call) -> _Worker:
        """The current worker once it has said it is ready (the model may still be loading)."""
        from models.analysis.pipeline import AnalysisCancelled

        deadline = time.monotonic() + READY_TIMEOUT_S
        deaths = 0
        while True:
            with self._lock:
                if call.cancelled or self._closed:
                    raise AnalysisCancelled
                if self._worker is None:
                    self._worker = self._new_worker()
                worker = self._worker
            if worker.pid is not None:
                return worker
            try:
                ready = worker.conn.poll(POLL_S)
                message = worker.conn.recv() if ready else None
            except (EOFError, OSError, ValueError, TypeError):  # closed under us by cancel() counts as gone
                self._replace_worker(worker)  # it died before it was ready: try a fresh one
                deaths += 1
                if deaths >= 3 or time.monotonic() > deadline:
                    raise WorkerLost("The analysis process could not start; restart Dramatis to try again.") from None
                time.sleep(POLL_S)
                continue
            if message is None:
                if time.monotonic() > deadline:
                    raise WorkerLost("The analysis process did not start; restart Dramatis to try again.")
                continue
            if message[0] == "failed":
                with self._lock:
                    self._kill_worker(worker)
                    if self._worker == worker:
                        self._worker = None
                    self._stop_zygote()  # loading failed: the next analysis starts a new process
                raise ModelMissingError(str(message[1]))
            if message[0] == "ready":
                worker.pid, worker.label = int(message[1]), str(message[2])
                _spawned.add(worker.pid)
                return worker

    def _receive(self, call: _Call, worker: _Worker, request: int, timings: Timings) -> Analysis:
        from models.analysis.pipeline import AnalysisCancelled
        from models.domain import Analysis

        limit = self.memory_limit_mb * 1024 * 1024 if self.memory_limit_mb else None
        checked = time.monotonic()
        while True:
            try:
                message = worker.conn.recv() if worker.conn.poll(POLL_S) else None
            except (EOFError, OSError, ValueError, TypeError):  # closed under us by cancel() counts as gone
                message = ("lost",)
            if limit is not None and worker.pid is not None and time.monotonic() - checked >= POLL_S:
                checked = time.monotonic()
                if tree_rss_bytes(worker.pid) > limit:
                    log.warning("analysis worker over %d MB: stopped", self.memory_limit_mb)
                    message = ("memory", request)
            if message is None:
                continue
            kind = message[0]
            if kind in ("lost", "memory"):
                cancelled = call.cancelled
                self._replace_worker(worker)
                if cancelled:
                    raise AnalysisCancelled
                if kind == "memory":
                    raise WorkerOutOfMemory(self.memory_limit_mb or 0)
                log.warning("analysis worker %s died", worker.pid)
                raise WorkerLost
            if message[1] != request:
                continue
            if kind == "progress" and call.progress is not None:
                call.progress(int(message[2]), int(message[3]))
            elif kind == "partial" and call.partial is not None:
                call.partial(message[2])
            elif kind == "error":
                raise AppError(str(message[2]))
            elif kind == "result":
                analysis = pickle.loads(message[2])
                info = message[3]
                timings.ipc_s += max(0.0, time.time() - float(info["sent_at"]))
                timings.analysis_s = float(info["analysis_s"])
                timings.parts = int(info["parts"])
                timings.cpu = {k: float(info[k]) for k in ("cpu_s", "helpers_cpu_s", "transfer_s") if k in info}
                timings.stages = {str(k): float(v) for k, v in info.get("stages", {}).items()}
                if not isinstance(analysis, Analysis):
                    raise AppError("The analysis process sent something that is not an analysis.")
                return analysis


# ----- the process-wide supervisor -----------------------------------------------------------------

_shared: dict[str, AnalysisSupervisor] = {}
_shared_lock = threading.Lock()


def shared_supervisor() -> AnalysisSupervisor:
    """The supervisor every window of this process uses (created, not started, on first use)."""
    with _shared_lock:
        if "main" not in _shared:
            _shared["main"] = AnalysisSupervisor(default_memory_mb())
            atexit.register(_shared["main"].shutdown)
        return _shared["main"]


def start_shared() -> AnalysisSupervisor:
    """Start the shared analysis process now, so the model loads while the caller does other work."""
    supervisor = shared_supervisor()
    supervisor.start()
    return supervisor


def analyze_document(document: Document, *, in_process_max_chars: int = IN_PROCESS_MAX_CHARS) -> Analysis:
    """The command line's way to analyse: in this process when the text is short, in the worker otherwise."""
    if len(document.text) <= in_process_max_chars:
        from models.analysis.pipeline import Analyzer
        from models.nlp import load_pipeline

        nlp, info = load_pipeline()
        return Analyzer(nlp, info.label).analyze(document)
    return shared_supervisor().analyze(document)


__all__ = [
    "AnalysisSupervisor",
    "Timings",
    "WorkerLost",
    "WorkerOutOfMemory",
    "analyze_document",
    "leftover_processes",
    "shared_supervisor",
    "start_shared",
    "tree_rss_bytes",
]

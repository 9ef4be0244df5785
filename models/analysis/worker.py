"""The analysis process: spaCy loaded once, a fresh analysis worker forked from it on request.

Started by `models.analysis.supervisor` as `python -m models.analysis.worker --control-fd N`, with
nothing of Qt or the window in it. It imports spaCy and loads the model at once (while the window is
being built), then waits on its control socket: each request carries one end of a socket pair, and a
worker is forked onto it. Forking from a loaded model makes a worker ready in milliseconds, so a
worker killed on cancel, on a crash or over its memory ceiling is replaced at once.

A worker answers on its own socket (pickled tuples through `multiprocessing.connection.Connection`):

    -> ("ready", pid, model label)            or ("failed", plain sentence) when no model could be loaded
    <- ("analyze", request id, Document, options)
    -> ("progress", id, done chars, total chars) ... ("partial", id, [ProvisionalSpan, ...]) ...
    -> ("result", id, pickled Analysis, timings)  or ("error", id, plain sentence) or ("memory", id)
    <- ("call", request id, pickled (function, args))  a batch pool's task (models/analysis/pool.py)
    -> ("result", id, pickled return value, timings)  or ("error", ...) or ("memory", id), as above
    <- ("stop",)

The process, and every worker, ends when the window's side of its socket closes.
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import pickle
import resource
import select
import signal
import socket
import sys
import time
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any

from models.errors import AppError

if TYPE_CHECKING:
    from spacy.language import Language

    from models.analysis.actor_facts import ProvisionalSpan
    from models.domain import Document

log = logging.getLogger(__name__)

# A dateline and relative dates too, so the date parser is loaded here and not in the first analysis.
WARM_UP_TEXT = (
    "Monday, March 3, 2021\n\nAngela Merkel met officials of the United Nations in Paris on Monday; "
    "she said she would visit Berlin next week."
)
PROGRESS_EVERY_S = 0.1
WARM_UP_AFTER_S = 5.0
# Workers that used less CPU than this over WARM_UP_AFTER_S are idle: the warm-up no longer takes their core.
IDLE_CPU_S = 0.5


def _load() -> tuple[Language | None, str]:
    """The loaded pipeline (one sentence parsed) and its label, or None and a plain sentence saying why not."""
    from models.nlp import load_pipeline

    try:
        nlp, info = load_pipeline()
    except AppError as exc:
        return None, exc.user_message
    nlp(WARM_UP_TEXT)
    log.info("model loaded")
    return nlp, info.label


def _warm_up(nlp: Language | None, label: str) -> None:
    """Lazy initialisation (the stages' lexicons and matchers, the date parser) once, for every later worker."""
    if nlp is None:
        return
    from models.analysis.pipeline import Analyzer, prepare_stages
    from models.domain import Document

    prepare_stages(rare=True)
    Analyzer(nlp, label).analyze(Document(WARM_UP_TEXT))
    log.info("analysis warmed up")


def _workers_cpu_s() -> float:
    """CPU seconds used so far by this process' workers and their parsing helpers (0 where /proc is missing)."""
    from models.analysis.supervisor import tree_pids

    ticks = 0
    for pid in tree_pids(os.getpid())[1:]:
        try:
            with open(f"/proc/{pid}/stat", encoding="ascii") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])  # utime, stime
        except (OSError, ValueError, IndexError):
            continue
    return ticks / os.sysconf("SC_CLK_TCK")


def _limit_address_space(memory_mb: int | None) -> None:
    """A hard backstop under the supervisor's memory polling: allocations fail well past the ceiling."""
    if not memory_mb:
        return
    try:
        with open("/proc/self/statm", encoding="ascii") as f:
            size = int(f.read().split()[0]) * resource.getpagesize()
        limit = size + 2 * memory_mb * 1024 * 1024
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard == resource.RLIM_INFINITY or limit < hard:
            resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (OSError, ValueError):
        log.debug("address-space limit not set")


def serve(conn: Connection, nlp: Language | None, label: str, memory_mb: int | None) -> int:
    """Answer analysis requests on `conn` until it closes; the exit code of the worker."""
    if nlp is None:
        conn.send(("failed", label))
        return 1
    _limit_address_space(memory_mb)
    conn.send(("ready", os.getpid(), label))
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return 0
        if request[0] not in ("analyze", "call"):
            return 0
        try:
            if request[0] == "call":
                _call(conn, request)
            else:
                _analyze(conn, nlp, label, request)
        except MemoryError:
            conn.send(("memory", request[1]))
            return 3
        except (BrokenPipeError, EOFError):
            return 0


def _guarded(conn: Connection, request_id: int, what: str, work: Callable[[], object]) -> tuple[bool, object]:
    """Run one request's work; (False, None) when it failed and the window was sent a plain sentence saying so.

    A bug in a stage or on one document fails that request only: the window, or the rest of a batch, goes on.
    A lost pipe or memory error is raised, so the supervisor replaces the whole process.
    """
    try:
        return True, work()
    except (MemoryError, BrokenPipeError, EOFError):
        raise
    except AppError as exc:
        conn.send(("error", request_id, exc.user_message))
    except Exception as exc:
        log.exception("%s failed", what)
        conn.send(("error", request_id, f"Something went wrong in the analysis: {exc}"))
    return False, None


def _analyze(conn: Connection, nlp: Language, label: str, request: tuple[str, int, Document, dict[str, Any]]) -> None:
    from models.analysis.worker_pool import ParallelAnalyzer

    _, request_id, document, options = request
    analyzer = ParallelAnalyzer(nlp, label, max_parts=options.get("max_parts"), min_chars=options.get("min_chars"))
    analyzer.private_fds = (conn.fileno(),)  # helpers close the window's socket, so only this process holds it
    last = 0.0

    def progress(done: int, total: int) -> None:
        nonlocal last
        now = time.monotonic()
        if now - last >= PROGRESS_EVERY_S or done == total:
            last = now
            conn.send(("progress", request_id, done, total))

    def partial(spans: list[ProvisionalSpan]) -> None:
        conn.send(("partial", request_id, spans))

    started = time.perf_counter()
    cpu, helpers = time.process_time(), _children_cpu()
    first_batch = int(options.get("first_batch", 8))
    done, analysis = _guarded(
        conn,
        request_id,
        "analysis",
        lambda: analyzer.analyze(document, progress=progress, partial=partial, first_batch=first_batch),
    )
    if not done:
        return
    seconds = time.perf_counter() - started
    sent_at = time.time()
    payload = pickle.dumps(analysis, protocol=pickle.HIGHEST_PROTOCOL)
    timings: dict[str, Any] = {"analysis_s": seconds, "parts": analyzer.last_parts, "sent_at": sent_at}
    timings |= {"cpu_s": time.process_time() - cpu, "helpers_cpu_s": _children_cpu() - helpers}
    timings["transfer_s"] = analyzer.transfer_s
    timings["stages"] = dict(analyzer.stage_s)
    conn.send(("result", request_id, payload, timings))


def _children_cpu() -> float:
    """CPU seconds of this process' finished children (the parsing helpers, once joined)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _call(conn: Connection, request: tuple[str, int, bytes]) -> None:
    """Run a batch pool's task (a pickled top-level function and its arguments, see pool.py) and send its result."""
    _, request_id, payload = request
    started = time.perf_counter()

    def work() -> object:
        from models.analysis import worker_pool

        worker_pool.SERVED_FDS = (conn.fileno(),)  # a task's parsing helpers must not hold the pool's socket
        function, args = pickle.loads(payload)
        return function(*args)

    done, result = _guarded(conn, request_id, "batch task", work)
    if not done:
        return
    seconds = time.perf_counter() - started
    sent_at = time.time()
    data = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
    conn.send(("result", request_id, data, {"analysis_s": seconds, "parts": 1, "sent_at": sent_at}))


def run_forker(control: socket.socket, memory_mb: int | None) -> int:
    """Load the model, then fork one worker per socket received on `control`, until it closes."""
    nlp, label = _load()
    # What is loaded now lives as long as the process: kept out of the garbage collector's passes, a worker's
    # collections (and its helpers') no longer walk the model's objects, which also spared copying their pages
    # on write: a fresh worker's analysis of a 4,000-word article skipped a 0.07-0.17 s full collection and
    # a quarter of its page faults.
    gc.freeze()
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # finished workers are reaped by the system
    warm = False
    while True:
        # A worker asked for at start-up is forked at once, cold. The warm-up, for the workers forked later
        # (after a cancel or a crash), waits until no worker was asked for a while and the workers are idle:
        # run at once, it took the first analysis' core from it (two cores: the worker's and its helper's),
        # and on a busy machine that analysis may still be running seconds later.
        if not warm:
            used = _workers_cpu_s()
            if not select.select([control], [], [], WARM_UP_AFTER_S)[0]:
                if _workers_cpu_s() - used < IDLE_CPU_S:
                    _warm_up(nlp, label)
                    gc.collect()  # the warm-up's garbage, while idle
                    gc.freeze()
                    warm = True
                continue
        try:
            message, fds, _flags, _addr = socket.recv_fds(control, 16, 1)
        except OSError:
            return 0
        if not message:  # the window's process is gone
            return 0
        for fd in fds:
            pid = os.fork()
            if pid == 0:
                control.close()
                signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                code = 1
                try:
                    code = serve(Connection(fd), nlp, label, memory_mb)
                except BaseException:
                    log.exception("analysis worker failed")
                finally:
                    os._exit(code)
            os.close(fd)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the analysis worker process: its sockets come over the control descriptor; returns the exit code."""
    parser = argparse.ArgumentParser(prog="python -m models.analysis.worker", description=__doc__)
    parser.add_argument("--control-fd", type=int, required=True, help="socket to receive worker sockets on")
    parser.add_argument("--memory-mb", type=int, default=0, help="memory ceiling of a worker (0: none)")
    parser.add_argument("--log-level", default="WARNING")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is for the window; this process ends with it
    logging.basicConfig(level=args.log_level, format="%(levelname)s analysis[%(process)d] %(name)s: %(message)s")
    control = socket.socket(fileno=args.control_fd)
    return run_forker(control, args.memory_mb or None)


if __name__ == "__main__":
    sys.exit(main())

"""Parsing a long document on every core: chunks of paragraphs taken in turn by helper processes.

spaCy's parse is nearly all of an analysis' time, and it is independent per paragraph; the stages'
collection and the document-level join (grouping, pronouns, event dates) are a fifth of it. So the
analysis process parses the text's lead alone (its names are the first highlights), then forks helpers
and parses the rest of the top of the text itself. The text after the top is cut into chunks
(`growing_batches`: 8 paragraphs, doubling to about 64, small again at the end) that the helpers take
in turn, parse and send back as arrays (`parse_transfer`); the small first chunks come back while the analysis
process sets up its stages.
It runs every stage over all paragraphs in document order, exactly as a single process would: the
result is the same by construction, and the stages need no merging. It parses too, when not setting up
or collecting: the chunk it needs next when no helper has taken it, or a later one while a helper is
busy with the next. No share is fixed in advance, so on a shared machine, where one process gets less
of a core than another, none waits for a slow part: the busy ones (the analysis process setting up its
stages too) just take fewer chunks.

Helpers are forked from the analysis process, which already holds the loaded model, so they start
in milliseconds and share the model's memory; they die with it (Linux parent-death signal), and the
chunks of a helper that dies are parsed here.

A thread of the analysis process reads each helper's pipe as its chunks come (the read waits outside the
interpreter's lock), so a helper never waits for the analysis process to finish collecting or parsing a
chunk before it sends the one it parsed and takes the next: sending on a pipe nobody read, a helper once
spent an eighth of a book's time blocked. The helpers stay at most `HELPER_AHEAD` chunks ahead of the
chunk the analysis process needs, so what waits to be read stays a few megabytes on a machine that
starves the analysis process.

Over 400 lines because the helpers' side and the analysis process' side of one hand-over (who takes which
chunk, what a lost helper leaves) must change together.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import pickle
import queue
import signal
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from models.analysis.paragraphs import BATCH_PIECES, char_batches
from models.analysis.pipeline import Analyzer, batch_bounds, parse_pieces

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.context import BaseContext
    from multiprocessing.process import BaseProcess

    from spacy.language import Language
    from spacy.tokens import Doc

    from models.analysis.parse_transfer import Packed

log = logging.getLogger(__name__)

# Below this many characters (~3,000 words) the text is parsed in one process: a helper's start and the
# transfer of its parse would cost more than they save.
POOL_MIN_CHARS = 18_000
POOL_MIN_PIECES = 16
# What a helper needs beyond the memory it shares with the analysis process (measured: ~150-250 MB).
HELPER_MEMORY_BYTES = 400 * 1024 * 1024
# Chunks the analysis process may parse ahead of their turn while a helper parses the one it needs next.
MAX_AHEAD = 2
# Chunks a helper may have parsed beyond the one the analysis process needs (a 64-paragraph chunk's arrays are
# about 0.75 MB): it waits before taking another, for memory, when the analysis process is that far behind.
HELPER_AHEAD = 12
_HELPER_WAIT_S = 0.02
_HELPER_POLL_S = 0.5
# A pipe this large holds a whole chunk's arrays (the kernel's ceiling for an unprivileged process), so its
# reading thread takes a chunk in one or two reads, not one per 64 KB, each waiting for the interpreter's lock.
PIPE_BYTES = 1 << 20
# The first chunk after the top of the text is this many paragraphs and each next one twice the last, up to
# BATCH_PIECES: the first parses come back (and are collected) while the helpers parse on, instead of the
# analysis process waiting for a whole 64-paragraph chunk right after setting up its stages.
FIRST_CHUNK_PIECES = 8
# The socket a pool worker answers on (set by models/analysis/worker.py): a helper closes it, so that only the
# worker holds it and its death is seen at once.
SERVED_FDS: tuple[int, ...] = ()


def available_cores() -> int:
    """Cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def available_memory() -> int | None:
    """Bytes the system can still give without swapping (MemAvailable), or None when unknown."""
    try:
        with open("/proc/meminfo", encoding="ascii") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


def part_count(pieces: int, max_parts: int | None = None) -> int:
    """How many parts to parse in parallel: one per core, fewer when memory is short or paragraphs few."""
    if pieces < POOL_MIN_PIECES:
        return 1
    parts = available_cores() if max_parts is None else max_parts
    memory = available_memory()
    if memory is not None:
        parts = min(parts, 1 + memory // HELPER_MEMORY_BYTES)
    return max(1, min(parts, pieces // (POOL_MIN_PIECES // 2)))


def growing_batches(
    text: str,
    pieces: list[tuple[int, int]],
    processes: int | None = None,
    first: int = FIRST_CHUNK_PIECES,
    largest: int = BATCH_PIECES,
) -> list[list[tuple[int, int]]]:
    """Consecutive chunks of `pieces`, `first` paragraphs long and doubling up to `largest`, each also within
    `char_batches`' budgets of characters and words.

    With `processes` (those taking the chunks), no chunk after the first is more than a share of what is left
    (half of it divided among them): the last chunks are small too, so no process parses a big one alone
    while the others have nothing left to take.
    """
    chunks: list[list[tuple[int, int]]] = []
    start, size = 0, max(1, first)
    while start < len(pieces):
        chunk = next(char_batches(text, pieces[start : start + size], max_pieces=size))
        chunks.append(chunk)
        start += len(chunk)
        size = min(size * 2, largest)
        if processes is not None:
            size = min(size, max(first, -(-(len(pieces) - start) // (2 * processes))))
    return chunks


def _fork_context() -> BaseContext | None:
    """Fork where it is safe (Linux); elsewhere the text is parsed in one process."""
    if sys.platform != "linux" or "fork" not in multiprocessing.get_all_start_methods():
        return None
    return multiprocessing.get_context("fork")


def die_with_parent() -> None:
    """Ask Linux to kill this process when its parent dies, so a killed analysis leaves no helper behind."""
    if sys.platform != "linux":
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # not fatal: the helper also stops when its pipe's reader is gone
        log.debug("parent-death signal not set")


@dataclass(frozen=True, slots=True)
class _Work:
    """What the helpers share: the text cut into chunks, and the number of the next chunk nobody has taken."""

    text: str
    chunks: list[list[tuple[int, int]]]
    claimed: Any  # multiprocessing Value("i"): chunks below it are taken (by a helper or the analysis process)
    needed: Any  # multiprocessing Value("i"): the chunk the analysis process needs now
    parent: int  # the analysis process
    private_fds: tuple[int, ...]  # its descriptors a helper must not keep open


def claim(claimed: Any, end: int, want: int | None = None) -> int | None:
    """Take the next chunk nobody has taken (or `want`, if it is that one); None when none is left."""
    with claimed.get_lock():
        index = int(claimed.value)
        if index >= end or (want is not None and index != want):
            return None
        claimed.value = index + 1
        return index


def _take(work: _Work) -> int | None:
    """The next chunk for a helper, once the analysis process is fewer than `HELPER_AHEAD` chunks behind it."""
    while True:
        index = claim(work.claimed, min(len(work.chunks), int(work.needed.value) + HELPER_AHEAD))
        if index is not None or work.claimed.value >= len(work.chunks):
            return index
        time.sleep(_HELPER_WAIT_S)


def _helper_main(nlp: Language, work: _Work, number: int, out: Connection) -> None:
    """Take chunks in turn and send them on `out` as (helper, chunk, `parse_transfer.pack` of its docs), each
    announced first by (helper, chunk, None) so the analysis process knows whose it is; (helper, -1, None) when
    none is left."""
    from models.analysis.parse_transfer import pack

    die_with_parent()
    if os.getppid() != work.parent:  # the parent died before the signal was armed
        os._exit(1)
    for fd in work.private_fds:
        with contextlib.suppress(OSError):
            os.close(fd)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    while (index := _take(work)) is not None:
        out.send((number, index, None))
        out.send((number, index, pack(list(parse_pieces(nlp, work.text, work.chunks[index])))))
    out.send((number, -1, None))
    out.close()


class _Helper:
    """One forked process parsing the chunks it takes, sending them on a pipe of its own.

    Only the helper holds its pipe's writing end, so its death is an end of file to the analysis process even
    in the middle of a message (a chunk's arrays are larger than a pipe holds): a shared queue, whose writing
    end every process keeps open, would leave the reader waiting for the rest of that message forever.
    """

    def __init__(self, ctx: BaseContext, nlp: Language, work: _Work, number: int) -> None:
        import fcntl  # Linux only, as forking helpers is

        self.reader, writer = ctx.Pipe(duplex=False)
        if hasattr(fcntl, "F_SETPIPE_SZ"):
            with contextlib.suppress(OSError):  # refused over the user's pipe quota: 64 KB reads then
                fcntl.fcntl(writer.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES)
        self.process: BaseProcess = ctx.Process(  # type: ignore[attr-defined]
            target=_helper_main, args=(nlp, work, number, writer), daemon=True
        )
        self.process.start()
        writer.close()

    def stop(self) -> None:
        """Kill the process (its pipe's reading thread then sees the end of the pipe and ends)."""
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)


class _Chunks:
    """The analysis process' side: chunks in document order, parsed here or received from the helpers.

    Whatever the helpers have not taken, the analysis process parses itself, so the processes finish
    together however the machine shares its cores among them (a fixed cut waits for the slowest part).
    A thread per helper reads its pipe whole messages at a time into `inbox` (the bytes only: they are
    unpickled here, between chunks), so the helper's sends never wait for this process; `close` ends the
    threads, once the helpers are stopped.
    """

    def __init__(self, nlp: Language, work: _Work, helpers: list[_Helper]) -> None:
        self.nlp, self.work, self.helpers = nlp, work, len(helpers)
        self.pipes = [helper.reader for helper in helpers]
        self.open = set(range(len(helpers)))  # helpers whose pipe has not ended
        self.inbox: queue.SimpleQueue[tuple[int, bytes | None]] = queue.SimpleQueue()
        self.readers = [
            threading.Thread(target=self._read, args=(number, conn), name=f"parse-helper-{number}", daemon=True)
            for number, conn in enumerate(self.pipes)
        ]
        for thread in self.readers:
            thread.start()
        self.received: dict[int, Packed] = {}
        self.mine: dict[int, list[Doc]] = {}  # parsed here ahead of their turn
        self.owner: dict[int, int] = {}  # chunk -> helper that announced it
        self.finished: set[int] = set()  # helpers that said they are done
        self.lost: set[int] = set()  # helpers that died
        self.transfer_s = 0.0  # turning the helpers' arrays back into docs
        self.idle_s = 0.0  # waiting, with nothing to parse, for a helper's chunk

    def _read(self, number: int, conn: Connection) -> None:
        """The reading thread of helper `number`: its messages in order, then None at the end of its pipe.

        Only the helper holds the pipe's writing end, so its end (done, or killed even in the middle of a
        message) is an end of file here, and the thread ends.
        """
        try:
            while True:
                self.inbox.put((number, conn.recv_bytes()))
        except (EOFError, OSError):
            self.inbox.put((number, None))

    def close(self, timeout: float = 5.0) -> None:
        """Wait for the reading threads (their helpers stopped, so their pipes end), then close the pipes."""
        deadline = time.monotonic() + timeout
        for thread, conn in zip(self.readers, self.pipes, strict=True):
            thread.join(max(0.0, deadline - time.monotonic()))
            if thread.is_alive():  # the pipe is still open elsewhere: the (daemon) thread is left reading it
                log.warning("a parsing helper's pipe stayed open")
            else:
                conn.close()

    def docs(self, helpers: list[_Helper]) -> Iterator[Doc]:
        for index in range(len(self.work.chunks)):
            yield from self._chunk(index, helpers)

    def _chunk(self, index: int, helpers: list[_Helper]) -> list[Doc]:
        from models.analysis.parse_transfer import unpack

        self.work.needed.value = index
        while True:
            self._drain(block=False)
            if index in self.mine:
                return self.mine.pop(index)
            if index in self.received:
                started = time.process_time()
                docs = unpack(self.nlp.vocab, self.received.pop(index))
                self.transfer_s += time.process_time() - started
                return docs
            if claim(self.work.claimed, len(self.work.chunks), want=index) is not None or self._orphan(index):
                return list(parse_pieces(self.nlp, self.work.text, self.work.chunks[index]))
            # A helper is parsing it: parse a later chunk meanwhile (a few at most, for memory), else wait.
            ahead = claim(self.work.claimed, len(self.work.chunks)) if len(self.mine) < MAX_AHEAD else None
            if ahead is not None:
                self.mine[ahead] = list(parse_pieces(self.nlp, self.work.text, self.work.chunks[ahead]))
            else:
                started = time.perf_counter()
                got = self._drain(block=True)
                self.idle_s += time.perf_counter() - started
                if not got:
                    self._check(helpers)

    def _drain(self, block: bool) -> bool:
        """Take what the helpers sent; with `block`, wait a moment for something. False when nothing came."""
        got = False
        while self.open:
            try:
                number, data = self.inbox.get(timeout=_HELPER_POLL_S) if block else self.inbox.get_nowait()
            except queue.Empty:
                return got
            got, block = True, False
            if data is None:  # the helper is gone, perhaps in the middle of a message
                self.open.discard(number)
                self._lose(number)
                continue
            message: tuple[int, int, Packed | None] = pickle.loads(data)
            _, index, packed = message
            if index < 0:
                self.finished.add(number)
            elif packed is None:
                self.owner[index] = number
            else:
                self.received[index] = packed
        return got

    def _check(self, helpers: list[_Helper]) -> None:
        for number, helper in enumerate(helpers):
            if not helper.process.is_alive():
                self._lose(number)

    def _lose(self, number: int) -> None:
        """A helper that stopped before saying it was done: its chunks are parsed here."""
        if number not in self.finished and number not in self.lost:
            log.warning("a parsing helper stopped; its paragraphs are parsed here")
            self.lost.add(number)

    def _orphan(self, index: int) -> bool:
        """Taken by a helper that died before sending it (or before saying it took it): parsed here."""
        if not self.lost:
            return False
        owner = self.owner.get(index)
        return owner in self.lost if owner is not None else len(self.lost | self.finished) == self.helpers


class ParallelAnalyzer(Analyzer):
    """An `Analyzer` that parses a long text's later parts in forked helper processes.

    `max_parts` caps the parts (None: one per core); `min_chars` lowers the size from which the pool is
    used (tests use it to run the pool on a short text).
    """

    def __init__(
        self, nlp: Language, model_label: str, max_parts: int | None = None, min_chars: int | None = None
    ) -> None:
        super().__init__(nlp, model_label)
        self.max_parts = max_parts
        self.min_chars = POOL_MIN_CHARS if min_chars is None else min_chars
        self.last_parts = 1  # parts the last analysis was cut into, for the log and the benchmark
        self.private_fds: tuple[int, ...] = SERVED_FDS  # descriptors a helper must not keep open
        self.transfer_s = 0.0  # CPU seconds the last analysis spent turning the helpers' parses back into docs

    def parse(self, text: str, pieces: list[tuple[int, int]], cuts: Sequence[int]) -> Iterator[Doc]:
        ctx = _fork_context()
        parts = 1
        if ctx is not None and len(text) >= self.min_chars:
            parts = part_count(len(pieces), self.max_parts)
        self.last_parts = parts
        self.transfer_s = 0.0
        if parts <= 1 or ctx is None:
            return super().parse(text, pieces, cuts)
        return self._parse_shared(ctx, text, pieces, cuts, parts - 1)

    def _parse_shared(
        self, ctx: BaseContext, text: str, pieces: list[tuple[int, int]], cuts: Sequence[int], helpers: int
    ) -> Iterator[Doc]:
        log.info("parsing %d paragraphs here and in %d helpers", len(pieces), helpers)
        # The top of the text (up to the last of `cuts`) is parsed here, its lead first and alone: its highlights
        # are what the reader waits for. The helpers are forked right after the lead, so they take the first
        # chunks while this process parses the rest of the top and sets up its stages.
        top = max((c for c in cuts if 0 < c < len(pieces)), default=0)
        lead, *rest_of_top = batch_bounds(cuts, top) if top else [(0, 0)]
        yield from parse_pieces(self.nlp, text, pieces[slice(*lead)])
        chunks = growing_batches(text, pieces[top:], helpers + 1)
        work = _Work(text, chunks, ctx.Value("i", 0), ctx.Value("i", 0), os.getpid(), self.private_fds)
        running = [_Helper(ctx, self.nlp, work, number) for number in range(helpers)]
        taken = _Chunks(self.nlp, work, running)
        try:
            for start, end in rest_of_top:
                yield from parse_pieces(self.nlp, text, pieces[start:end])
            yield from taken.docs(running)
        finally:
            self.transfer_s = taken.transfer_s
            # The wait for the parse of the rest (see `Analyzer.analyze`) is mostly this process' own parsing:
            # the time it had nothing to parse while a helper parsed the chunk it needed is recorded apart.
            self.stage_s["helper_idle"] = taken.idle_s
            for helper in running:
                with contextlib.suppress(OSError, ValueError):
                    helper.stop()
            taken.close()

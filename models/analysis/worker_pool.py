"""Parsing a long document on every core: parts cut at paragraph boundaries, parsed by helper processes.

spaCy's parse is nearly all of an analysis' time, and it is independent per paragraph; the stages'
collection and the document-level join (grouping, pronouns, event dates) are a tenth of it. So the
analysis process parses the first part itself, forks helpers that parse the other parts and send
them back as `DocBin` bytes, and runs every stage over all paragraphs in document order, exactly as
a single process would: the result is the same by construction, and the stages need no merging.
The helpers are forked once the lead of the text is parsed (its names are the first highlights), so
they parse while this process parses the rest of the first screen and sets up its stages; they send
small batches first, which are collected while they parse on.

Helpers are forked from the analysis process, which already holds the loaded model, so they start
in milliseconds and share the model's memory; they die with it (Linux parent-death signal) and a
helper that dies is replaced by parsing its remaining paragraphs here.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import queue
import signal
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from models.analysis.paragraphs import BATCH_PIECES
from models.analysis.pipeline import Analyzer, batch_bounds, parse_pieces, stages_prepared

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext
    from multiprocessing.process import BaseProcess

    from spacy.language import Language
    from spacy.tokens import Doc

log = logging.getLogger(__name__)

# Below this many characters (~3,000 words) the text is parsed in one process: a helper's start and the
# transfer of its parse would cost more than they save.
POOL_MIN_CHARS = 18_000
POOL_MIN_PIECES = 16
# What a helper needs beyond the memory it shares with the analysis process (measured: ~150-250 MB).
HELPER_MEMORY_BYTES = 400 * 1024 * 1024
# The stages' collection (~15% of the parse), the transfer of the helpers' parses (~2%) and the join (~6%),
# measured on 50,000 words: the analysis process runs them for every part,
# so its own part is made that much smaller.
COLLECT_SHARE = 0.2
# A fresh analysis process also sets up its stages (`prepare_stages`: imports, pycountry, dateparser) while
# its helpers parse: measured at about the time spaCy takes for this many characters, so its part is smaller.
STAGE_SETUP_CHARS = 6_000
_HELPER_POLL_S = 0.5
# A helper's first batches are small and grow to BATCH_PIECES: the analysis process collects them while the
# helper parses on, instead of collecting a whole part after it is parsed (an article's part is one batch).
HELPER_FIRST_BATCH = 8


def growing_chunks(count: int, first: int = HELPER_FIRST_BATCH, largest: int = BATCH_PIECES) -> list[tuple[int, int]]:
    """(start, end) index ranges over `count` pieces, `first` long and doubling up to `largest`."""
    chunks: list[tuple[int, int]] = []
    start, size = 0, max(1, first)
    while start < count:
        chunks.append((start, min(count, start + size)))
        start += size
        size = min(size * 2, largest)
    return chunks


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


def split_parts(pieces: list[tuple[int, int]], parts: int, setup_chars: int = 0) -> list[int]:
    """Indexes into `pieces` where each part starts (the first is 0), balanced by characters.

    The first part, parsed by the analysis process while it also collects every paragraph (and, when
    `setup_chars` is given, sets up its stages, worth that many characters of parsing), is smaller.
    """
    if parts <= 1 or not pieces:
        return [0]
    total = sum(e - s for s, e in pieces)
    extra = COLLECT_SHARE + setup_chars / max(1, total)
    own = max(0.05, (1 - (parts - 1) * extra) / parts)
    shares = [own] + [(1 - own) / (parts - 1)] * (parts - 1)
    starts = [0]
    done = 0
    goal = shares[0] * total
    for index, (s, e) in enumerate(pieces):
        if len(starts) == parts:
            break
        if done >= goal and index > starts[-1]:
            starts.append(index)
            goal += shares[len(starts) - 1] * total
        done += e - s
    return starts


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
    except (OSError, AttributeError):  # not fatal: the helper also stops when its queue's reader is gone
        log.debug("parent-death signal not set")


@dataclass(frozen=True, slots=True)
class _Part:
    """What a helper parses, and what it must let go of."""

    text: str
    pieces: list[tuple[int, int]]
    parent: int  # the analysis process
    private_fds: tuple[int, ...]  # its descriptors a helper must not keep open


def _helper_main(nlp: Language, part: _Part, out: Any) -> None:
    """Parse the part's pieces and put them on `out` as DocBin bytes, a batch at a time (see `growing_chunks`);
    None when done."""
    from spacy.tokens import DocBin

    die_with_parent()
    if os.getppid() != part.parent:  # the parent died before the signal was armed
        os._exit(1)
    text, pieces = part.text, part.pieces
    for fd in part.private_fds:
        with contextlib.suppress(OSError):
            os.close(fd)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for start, end in growing_chunks(len(pieces)):
        batch = DocBin(store_user_data=False)
        for doc in parse_pieces(nlp, text, pieces[start:end]):
            batch.add(doc)
        out.put(batch.to_bytes())
    out.put(None)


class _Helper:
    """One forked process parsing one part."""

    def __init__(
        self, ctx: BaseContext, nlp: Language, text: str, pieces: list[tuple[int, int]], private_fds: tuple[int, ...]
    ) -> None:
        self.pieces = pieces
        self.queue: Any = ctx.Queue()
        self.process: BaseProcess = ctx.Process(  # type: ignore[attr-defined]
            target=_helper_main, args=(nlp, _Part(text, pieces, os.getpid(), private_fds), self.queue), daemon=True
        )
        self.process.start()

    def docs(self, nlp: Language, text: str) -> Iterator[Doc]:
        """The part's parsed paragraphs in order; what a dead helper did not send is parsed here."""
        from spacy.tokens import DocBin

        received = 0
        while True:
            try:
                data = self.queue.get(timeout=_HELPER_POLL_S)
            except queue.Empty:
                if self.process.is_alive():
                    continue
                log.warning("a parsing helper stopped; its paragraphs are parsed here")
                break
            if data is None:
                return
            for doc in DocBin().from_bytes(data).get_docs(nlp.vocab):
                received += 1
                yield doc
        rest = self.pieces[received:]
        yield from parse_pieces(nlp, text, rest)

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)
        self.queue.cancel_join_thread()
        self.queue.close()


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
        self.private_fds: tuple[int, ...] = ()  # descriptors a helper must not keep open

    def parse(self, text: str, pieces: list[tuple[int, int]], cuts: Sequence[int]) -> Iterator[Doc]:
        ctx = _fork_context()
        parts = 1
        if ctx is not None and len(text) >= self.min_chars:
            parts = part_count(len(pieces), self.max_parts)
        self.last_parts = parts
        if parts <= 1 or ctx is None:
            return super().parse(text, pieces, cuts)
        setup = 0 if stages_prepared() else STAGE_SETUP_CHARS
        return self._parse_parts(ctx, text, pieces, cuts, split_parts(pieces, parts, setup))

    def _parse_parts(
        self, ctx: BaseContext, text: str, pieces: list[tuple[int, int]], cuts: Sequence[int], starts: list[int]
    ) -> Iterator[Doc]:
        ends = [*starts[1:], len(pieces)]
        log.info("parsing %d paragraphs in %d parts", len(pieces), len(starts))
        batches = batch_bounds(cuts, ends[0])
        # The lead first, on this core alone: its highlights are what the reader waits for. The helpers start
        # right after it, so they parse while this process parses the rest of the top and sets up its stages.
        yield from parse_pieces(self.nlp, text, pieces[slice(*batches[0])])
        fds = self.private_fds
        helpers = [_Helper(ctx, self.nlp, text, pieces[s:e], fds) for s, e in zip(starts[1:], ends[1:], strict=True)]
        try:
            for start, end in batches[1:]:
                yield from parse_pieces(self.nlp, text, pieces[start:end])
            for helper in helpers:
                yield from helper.docs(self.nlp, text)
        finally:
            for helper in helpers:
                with contextlib.suppress(OSError, ValueError):
                    helper.stop()

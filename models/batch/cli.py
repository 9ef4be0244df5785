"""`main.py add` and `main.py actors`: filling the library from files, and reading its actor index."""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import Executor
from typing import TextIO

from models.batch.add import AddProgress, add_files, collect_files
from models.batch.task import ANALYSED, FAILED
from models.library import Library
from models.library.actor_index import index_pending
from models.library.actor_listing import actor_details, details_json
from models.paths import AppPaths
from models.version import ANALYZER_VERSION


def _open_library(data_dir: str | None) -> Library:
    return Library(AppPaths.resolve(data_dir).ensure().db_path)


@contextlib.contextmanager
def _executor(
    scheduler: str | None, jobs: int | None, err: TextIO, count: int
) -> Iterator[tuple[Executor | None, int]]:
    """The cluster's executor and its slots with --scheduler; otherwise None (a local pool) and the jobs."""
    if scheduler is None:
        jobs = max(1, jobs or os.cpu_count() or 1)
        err.write(f"Adding {count} files with {jobs} analysis processes (Ctrl+C stops; what is done is kept)…\n")
        yield None, jobs
        return
    from models.batch.cluster import connect  # dask is imported only here

    with connect(scheduler) as cluster:
        err.write(
            f"Adding {count} files on the cluster at {scheduler} (analysis slots: {cluster.slots}; "
            "Ctrl+C stops; what is done is kept)…\n"
        )
        yield cluster.executor, jobs or cluster.slots


def add_command(
    paths: Sequence[str], jobs: int | None, data_dir: str | None, err: TextIO, scheduler: str | None = None
) -> int:
    """Add and analyse files and folders, one progress line per file on `err`; 130 when cancelled.

    With `scheduler` (a Dask scheduler's address) the files are analysed on that cluster, stored here.
    """
    files = collect_files(paths)
    if not files:
        err.write("No documents found there (text, Markdown, HTML, PDF, EPUB or Word files).\n")
        return 1

    def show(progress: AddProgress) -> None:
        last = progress.last
        if last is None:
            return
        status = {ANALYSED: "added", FAILED: "failed"}.get(last.status, "known")
        extra = f": {last.message}" if last.message else ""
        err.write(f"[{progress.done}/{progress.total}] {status} {last.path}{extra}\n")
        err.flush()

    progress = AddProgress(len(files))
    with _open_library(data_dir) as library, _executor(scheduler, jobs, err, len(files)) as (executor, slots):
        try:
            progress = add_files(library, files, jobs=slots, on_progress=show, executor=executor)
        except KeyboardInterrupt:
            err.write("Stopped. The documents finished so far are kept; run the same command again to add the rest.\n")
            return 130
    err.write(
        f"Added {progress.added}, already in the library {progress.known}, failed {progress.failed} "
        f"({progress.words} words, {progress.words_per_second:,.0f} words/s).\n"
    )
    return 1 if progress.failed and not progress.added and not progress.known else 0


def actors_command(data_dir: str | None, as_json: bool, out: TextIO) -> int:
    """Print the library's actor index: each actor with its type, names and mentions per document."""
    with _open_library(data_dir) as library:
        index_pending(library, ANALYZER_VERSION)
        details = actor_details(library.conn)
    if as_json:
        json.dump({"schema": "dramatis.actors/1", "actors": details_json(details)}, out, ensure_ascii=False, indent=1)
        out.write("\n")
        return 0
    if not details:
        out.write("The library has no actors yet: add documents with `main.py add PATH`.\n")
        return 0
    for detail in details:
        actor = detail.actor
        seen = f", seen {actor.first_date} to {actor.last_date}" if actor.first_date else ""
        out.write(f"{actor.name} [{actor.type}]: {len(detail.documents)} documents, {actor.mentions} mentions{seen}\n")
        out.write(f"  names: {'; '.join(detail.names)}\n")
        for place in detail.documents:
            spans = ", ".join(f"{m.start}-{m.end}" for m in place.mentions)
            out.write(f"  {place.title} ({place.path or 'no file'}): {spans}\n")
    return 0

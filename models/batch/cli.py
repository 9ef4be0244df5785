"""`main.py add` and `main.py actors`: filling the library from files, and reading its actor index."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from typing import TextIO

from models.batch.add import AddProgress, add_files, collect_files
from models.batch.task import ANALYSED, FAILED
from models.library import Library
from models.library.actor_index import actor_details, details_json, index_pending
from models.paths import AppPaths
from models.version import ANALYZER_VERSION


def _open_library(data_dir: str | None) -> Library:
    return Library(AppPaths.resolve(data_dir).ensure().db_path)


def add_command(paths: Sequence[str], jobs: int | None, data_dir: str | None, err: TextIO) -> int:
    """Add and analyse files and folders, one progress line per file on `err`; 130 when cancelled."""
    files = collect_files(paths)
    if not files:
        err.write("No documents found there (text, Markdown, HTML, PDF, EPUB or Word files).\n")
        return 1
    jobs = max(1, jobs or os.cpu_count() or 1)
    err.write(f"Adding {len(files)} files with {jobs} analysis processes (Ctrl+C stops; what is done is kept)…\n")

    def show(progress: AddProgress) -> None:
        last = progress.last
        if last is None:
            return
        status = {ANALYSED: "added", FAILED: "failed"}.get(last.status, "known")
        extra = f": {last.message}" if last.message else ""
        err.write(f"[{progress.done}/{progress.total}] {status} {last.path}{extra}\n")
        err.flush()

    progress = AddProgress(len(files))
    with _open_library(data_dir) as library:
        try:
            progress = add_files(library, files, jobs=jobs, on_progress=show)
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
        out.write(f"{actor.name} [{actor.type}]: {len(detail.documents)} documents, {actor.mentions} mentions\n")
        out.write(f"  names: {'; '.join(detail.names)}\n")
        for place in detail.documents:
            spans = ", ".join(f"{m.start}-{m.end}" for m in place.mentions)
            out.write(f"  {place.title} ({place.path or 'no file'}): {spans}\n")
    return 0

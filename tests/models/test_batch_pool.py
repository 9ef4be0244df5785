"""Adding files to the library through the supervised analysis workers: crashes, runaway memory and Cancel.

The pool's workers are forked from one loaded model (as the window's are); each test adds a few short
news stories written at test time.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from models.analysis.pipeline import Analyzer
from models.analysis.pool import WorkerPool
from models.analysis.supervisor import AnalysisSupervisor, leftover_processes
from models.batch.add import AddProgress, add_files, collect_files
from models.batch.task import FAILED, TaskResult
from models.library import Library
from models.loaders import load_document
from models.version import ANALYZER_VERSION
from tests.batch_tasks import crash_on_crash, hang_on_hang, hog_on_hog

STORIES = {
    "a-merkel.txt": "Angela Merkel met Emmanuel Macron in Paris on Monday. Merkel said the talks went well.\n",
    "b-macron.txt": "Emmanuel Macron flew to Berlin on Tuesday. He spoke to reporters at the airport.\n",
    "c-scholz.txt": "Olaf Scholz visited Warsaw on Friday, where he met Polish farmers.\n",
}
CEILING_MB = 900  # above a worker with the model loaded, far below what the runaway file takes


@pytest.fixture(scope="module")
def supervisor() -> Iterator[AnalysisSupervisor]:
    sup = AnalysisSupervisor(CEILING_MB)
    sup.start()
    yield sup
    sup.shutdown()


def write(folder: Path, names: dict[str, str]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in names.items():
        (folder / name).write_text(text, encoding="utf-8")
    return collect_files([folder])


def test_pooled_adding_stores_what_one_process_analyses(
    supervisor: AnalysisSupervisor, analyzer: Analyzer, tmp_path: Path
) -> None:
    files = write(tmp_path / "news", STORIES)
    with Library(tmp_path / "library.sqlite3") as lib, WorkerPool(supervisor, 2) as pool:
        progress = add_files(lib, files, jobs=2, executor=pool)
        assert (progress.added, progress.failed) == (3, 0)
        assert pool.stats.tasks == 3 and pool.stats.ipc_s > 0
        for path in files:
            document = load_document(str(path))
            stored = lib.cached_analysis(document.sha256, ANALYZER_VERSION)
            assert stored is not None
            assert stored.to_json() == analyzer.analyze(document).to_json()


def test_a_workers_garbage_collections_leave_the_loaded_model_alone(supervisor: AnalysisSupervisor) -> None:
    """The model's objects, loaded before the fork, are frozen: a collection in a fresh worker (or its parsing
    helpers) neither walks them nor copies their memory pages, time a first analysis would wait for."""
    with WorkerPool(supervisor, 1) as pool:
        assert pool.submit(gc.get_freeze_count).result() > 10_000


def test_a_book_added_alone_is_parsed_on_every_core_and_stored_as_one_process_analyses_it(
    analyzer: Analyzer, tmp_path: Path
) -> None:
    paragraphs = [f"Chapter {n}: " + " ".join(STORIES.values()).replace("\n", " ") * 2 for n in range(40)]
    files = write(tmp_path / "book", {"book.txt": "\n\n".join(paragraphs)})
    results: list[TaskResult] = []

    def note(progress: AddProgress) -> None:
        if progress.last is not None:
            results.append(progress.last)

    with Library(tmp_path / "library.sqlite3") as lib:
        progress = add_files(lib, files, jobs=2, on_progress=note)
        assert (progress.added, progress.failed) == (1, 0)
        assert [r.parts for r in results] == [2]  # the spare process parsed part of the book instead of idling
        document = load_document(str(files[0]))
        stored = lib.cached_analysis(document.sha256, ANALYZER_VERSION)
        assert stored is not None
        assert stored.to_json() == analyzer.analyze(document).to_json()


def test_a_crashed_or_runaway_worker_fails_its_file_only_and_is_replaced(
    supervisor: AnalysisSupervisor, tmp_path: Path
) -> None:
    files = write(tmp_path / "news", {**STORIES, "crash.txt": "Joe Biden spoke in Ohio.\n"})
    files += write(tmp_path / "more", {"hog.txt": "Joe Biden spoke in Iowa.\n"})
    failures: dict[str, str] = {}

    def note(progress: AddProgress) -> None:
        if progress.last is not None and progress.last.status == FAILED:
            failures[Path(progress.last.path).name] = progress.last.message

    with Library(tmp_path / "library.sqlite3") as lib, WorkerPool(supervisor, 2) as pool:
        crashed = add_files(lib, files[:4], jobs=2, executor=pool, task=crash_on_crash, on_progress=note)
        hogged = add_files(lib, files[4:], jobs=2, executor=pool, task=hog_on_hog, on_progress=note)
        assert (crashed.added, crashed.failed, hogged.failed) == (3, 1, 1)
        assert set(failures) == {"crash.txt", "hog.txt"}
        assert "stopped unexpectedly" in failures["crash.txt"]
        assert f"more than {CEILING_MB:,} MB" in failures["hog.txt"]
        # The replaced workers analyse the next file.
        again = add_files(lib, write(tmp_path / "last", {"d.txt": "Joe Biden spoke in Ohio.\n"}), executor=pool)
        assert again.added == 1
        pids = pool.worker_pids
    assert _gone_soon(pids), "the pool's workers end with it"


def _gone_soon(pids: list[int]) -> bool:
    for _ in range(100):
        if not set(pids) & set(leftover_processes()):
            return True
        time.sleep(0.05)
    return False


@pytest.mark.timeout(120)  # without the stop, the hanging file would hold the run for an hour
def test_cancel_stops_the_file_in_progress_at_once_and_keeps_what_is_done(
    supervisor: AnalysisSupervisor, tmp_path: Path
) -> None:
    first = write(tmp_path / "first", {"a-merkel.txt": STORIES["a-merkel.txt"]})
    files = write(tmp_path / "news", {"hang.txt": "Joe Biden.\n", "z.txt": STORIES["c-scholz.txt"]})
    hanging = Path(str(files[0]) + ".started")
    # One worker: z waits behind the hanging file, and Cancel comes while no file can finish.
    with Library(tmp_path / "library.sqlite3") as lib, WorkerPool(supervisor, 1) as pool:
        assert add_files(lib, first, executor=pool, task=hang_on_hang).added == 1
        progress = add_files(lib, files, jobs=1, executor=pool, task=hang_on_hang, should_stop=hanging.exists)
        busy = pool.worker_pids
        stored = lib.conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    assert progress.stopped
    assert (progress.added, progress.failed, progress.done) == (0, 0, 0)  # stopped: neither added nor failed
    assert stored == 1
    assert _gone_soon(busy)

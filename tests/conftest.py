"""Shared test set-up: offscreen Qt, temporary data directories, the loaded pipeline, thread and timer guards."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from models.analysis.pipeline import Analyzer

ROOT = Path(__file__).resolve().parent.parent
EVAL_DIR = ROOT.parent / "shared" / "eval" / "gum_news"
# HOME for command-line runs without --data-dir: their logs and settings go here, never into the checkout.
SCRATCH_HOME = Path(tempfile.mkdtemp(prefix="dramatis-test-home-"))
atexit.register(shutil.rmtree, SCRATCH_HOME, ignore_errors=True)  # a run leaves nothing behind in /tmp


@pytest.fixture(scope="session")
def analyzer() -> Analyzer:
    """The real pipeline, loaded once for the whole run."""
    from models.analysis.pipeline import Analyzer
    from models.nlp import load_pipeline

    nlp, info = load_pipeline()
    return Analyzer(nlp, info.label)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    path = tmp_path / "data"
    path.mkdir()
    return path


def running_pools(timeout_ms: int) -> list[str]:
    """Thread pools still busy after `timeout_ms`: the global one and those owned by any live window."""
    try:
        from PySide6.QtCore import QThreadPool
        from PySide6.QtWidgets import QApplication
    except ImportError:
        return []
    pools = [("the global thread pool", QThreadPool.globalInstance())]
    if QApplication.instance() is not None:
        for widget in QApplication.topLevelWidgets():
            pools += [(f"a thread pool of {type(widget).__name__}", p) for p in widget.findChildren(QThreadPool)]
    return [name for name, pool in pools if not pool.waitForDone(timeout_ms)]


def active_timers() -> list[str]:
    """Timers still running after a test, owned by the application or by any widget still alive.

    Widgets the test closed are deleted first (their timers go with them), so what is left is a timer
    that would fire inside a later test.
    """
    try:
        from PySide6.QtCore import QCoreApplication, QEvent, QTimer
        from PySide6.QtWidgets import QApplication
    except ImportError:
        return []
    app = QApplication.instance()
    if app is None:
        return []
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    found = []
    for owner in (app, *QApplication.topLevelWidgets()):
        for timer in owner.findChildren(QTimer):
            if timer.isActive():
                timer.stop()  # one failure, not one in every later test
                parent = timer.parent()
                where = type(parent).__name__ if parent is not None else "nothing"
                found.append(f"{timer.objectName() or 'a timer'} of {where} every {timer.interval()} ms")
    return found


@pytest.fixture(autouse=True)
def _no_dangling_threads() -> Iterator[None]:
    """Fail a test that leaves a Qt worker thread or an active timer running: either crashes later tests."""
    yield
    stuck = running_pools(int(os.environ.get("DRAMATIS_THREAD_GUARD_MS", "5000")))
    if stuck:
        pytest.fail(f"a task on {', '.join(stuck)} was still running after the test")
    timers = active_timers()
    if timers:
        pytest.fail(f"timers still active after the test: {'; '.join(timers)}")


@pytest.fixture(scope="session", autouse=True)
def _no_analysis_process_left() -> Iterator[None]:
    """Stop the shared analysis process after the run and fail if any analysis process outlives it."""
    yield
    import time

    from models.analysis import supervisor

    supervisor.shared_supervisor().shutdown()
    deadline = time.monotonic() + 10
    while supervisor.leftover_processes() and time.monotonic() < deadline:
        time.sleep(0.05)
    left = supervisor.leftover_processes()
    if left:
        pytest.fail(f"analysis processes still running after the tests: {left}")

"""The suite's thread guard (tests/conftest.py) catches a worker left running, and the window leaves none.

A worker still running when its window is gone touches freed objects and crashes some later test
far from the cause; the guard turns that into a failure of the test that leaked it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from tests.conftest import ROOT, running_pools

LEAKY_TESTS = """
import threading
from PySide6.QtCore import QThreadPool
from gui.workers import Task


def test_clean():
    task = Task(lambda _ctx: 1)
    QThreadPool.globalInstance().start(task)
    QThreadPool.globalInstance().waitForDone()


def test_leaky():
    # Still running when the test ends; finishes on its own a moment later so the process can exit.
    QThreadPool.globalInstance().start(Task(lambda _ctx: threading.Event().wait(2.0)))
"""


def test_guard_sees_a_task_left_on_a_windows_own_pool(qtbot) -> None:
    from PySide6.QtCore import QThreadPool
    from PySide6.QtWidgets import QWidget

    from gui.workers import Task

    owner = QWidget()
    qtbot.addWidget(owner)
    pool = QThreadPool(owner)
    release = threading.Event()
    started = threading.Event()

    def work(_ctx: object) -> None:
        started.set()
        release.wait(10)

    pool.start(Task(work))
    assert started.wait(5)
    try:
        assert running_pools(50) == ["a thread pool of QWidget"]
    finally:
        release.set()
    assert running_pools(5000) == []


def test_guard_fails_the_test_that_leaks_a_worker(tmp_path: Path) -> None:
    (tmp_path / "test_leak.py").write_text(LEAKY_TESTS, encoding="utf-8")
    (tmp_path / "pytest.ini").write_text("[pytest]\nqt_api = pyside6\n", encoding="utf-8")
    env = dict(
        os.environ,
        PYTHONPATH=str(ROOT),
        QT_QPA_PLATFORM="offscreen",
        DRAMATIS_THREAD_GUARD_MS="200",
    )
    start = time.monotonic()
    out = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "tests.conftest", "-p", "no:cacheprovider", "test_leak.py"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    report = out.stdout + out.stderr
    assert "2 passed, 1 error" in report, report[-2000:]
    assert "ERROR at teardown of test_leaky" in report
    assert "a task on the global thread pool was still running after the test" in report
    assert time.monotonic() - start < 60


def test_closing_a_window_mid_analysis_leaves_no_worker(qtbot, tmp_path: Path) -> None:
    from tests.gui.conftest import make_window
    from tests.gui.reader_fixtures import build_analysis, write_article

    release = threading.Event()
    win = make_window(qtbot, tmp_path / "data")

    def slow(document):
        release.wait(2.0)
        return build_analysis(document)

    win.controller.analyze_fn = slow
    with qtbot.waitSignal(win.controller.analysis_started, timeout=10_000):
        win.open_path(write_article(tmp_path))
    assert win.controller.busy
    threading.Timer(0.2, release.set).start()
    win.close()
    assert running_pools(0) == []

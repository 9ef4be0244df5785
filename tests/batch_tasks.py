"""Batch tasks for tests: the real analysis of a file, made slow, fatal or greedy on chosen files.

Top-level functions in a Qt-free module, so the analysis workers can import them by name.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from models.batch.task import TaskResult, analyse_path


def slow_analyse(path: str, db_path: str | None = None) -> TaskResult:
    """The real analysis, a second slower: the window is closed while files are still being analysed."""
    time.sleep(1.0)
    return analyse_path(path, db_path)


def crash_on_crash(path: str, db_path: str | None = None) -> TaskResult:
    """The real analysis, except that the worker dies (as on a segfault) on a file named crash*."""
    if Path(path).name.startswith("crash"):
        os.kill(os.getpid(), signal.SIGKILL)
    return analyse_path(path, db_path)


def hog_on_hog(path: str, db_path: str | None = None) -> TaskResult:
    """The real analysis, except that a file named hog* makes the worker grow without bound (a runaway allocation)."""
    if Path(path).name.startswith("hog"):
        held = []
        for _ in range(64):  # 4 GB at most, should the ceiling not be watched
            held.append(b"x" * (64 * 1024 * 1024))
            time.sleep(0.05)
        time.sleep(3600)
    return analyse_path(path, db_path)


def hang_on_hang(path: str, db_path: str | None = None) -> TaskResult:
    """The real analysis, except that a file named hang* takes longer than any test may wait (PATH.started
    is written when it starts)."""
    if Path(path).name.startswith("hang"):
        Path(path + ".started").touch()
        time.sleep(3600)
    return analyse_path(path, db_path)

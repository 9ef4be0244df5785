"""Shared test set-up: offscreen Qt, temporary data directories, the loaded pipeline, thread guard."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from models.analysis.pipeline import Analyzer

ROOT = Path(__file__).resolve().parent.parent
EVAL_DIR = ROOT.parent / "shared" / "eval" / "gum_news"


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


@pytest.fixture(autouse=True)
def _no_dangling_threads() -> Iterator[None]:
    """Fail a test that leaves a Qt worker thread running: such threads crash later tests."""
    yield
    try:
        from PySide6.QtCore import QThreadPool
    except ImportError:
        return
    pool = QThreadPool.globalInstance()
    if not pool.waitForDone(5000):
        pytest.fail("a task on the global thread pool was still running after the test")

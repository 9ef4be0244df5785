"""Window fixtures for GUI tests: a real MainWindow fed a fixed analysis (no spaCy)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.gui.reader_fixtures import build_analysis, write_article


def make_window(qtbot, data_dir: Path, *, fixed: bool = True):
    from gui.app import build_window, create_app
    from models.paths import AppPaths

    create_app()
    paths = AppPaths(data_dir).ensure()
    win = build_window(paths)
    if fixed:
        win.controller.analyze_fn = build_analysis
    qtbot.addWidget(win)
    win.resize(1300, 850)
    win.show()
    return win


@pytest.fixture
def fixed_window(qtbot, tmp_path: Path) -> Iterator[object]:
    """A window with the fixed article open and analysed."""
    win = make_window(qtbot, tmp_path / "data")
    with qtbot.waitSignal(win.analysis_shown, timeout=10_000):
        win.open_path(write_article(tmp_path))
    yield win
    win.close()

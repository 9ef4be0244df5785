"""The first window a reader sees: sized to the screen, docks in proportion, saved arrangement wins."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import QApplication

from gui.app import build_window, create_app
from gui.main_window import MainWindow
from gui.window_layout import first_window_rect
from models.paths import AppPaths


def new_window(qtbot, data_dir: Path, size: QSize | None = None) -> MainWindow:
    create_app()
    win = build_window(AppPaths(data_dir).ensure())
    qtbot.addWidget(win)
    if size is not None:
        win.resize(size)
    win.show()
    qtbot.wait(50)  # the docks are fitted once the window has its size
    return win


def test_first_rect_is_85_percent_of_the_screen_centred() -> None:
    rect = first_window_rect(QRect(0, 30, 1600, 1000), QSize(600, 400))
    assert (rect.width(), rect.height()) == (1360, 850)
    assert rect.center() == QRect(0, 30, 1600, 1000).center()
    small = first_window_rect(QRect(0, 0, 1024, 600), QSize(900, 560))
    assert small.width() == 900 and small.height() == 560  # the minimum, never below; never above the screen


def test_first_window_uses_the_screen_and_gives_side_panels_their_share(qtbot, tmp_path: Path) -> None:
    win = new_window(qtbot, tmp_path / "data")
    screen = QApplication.primaryScreen().availableGeometry()
    expected = first_window_rect(screen, win.minimumSizeHint())
    assert win.size() == expected.size()
    assert abs(win.frameGeometry().center().x() - screen.center().x()) <= 2
    win.close()


def test_docks_follow_the_window_width(qtbot, tmp_path: Path) -> None:
    win = new_window(qtbot, tmp_path / "wide", QSize(1920, 1080))
    qtbot.waitUntil(lambda: win.actors_dock.width() > 0.18 * win.width(), timeout=2000)
    assert win.events_dock.width() > 0.24 * win.width()
    assert win.actors_dock.height() > win.legend_dock.height() * 1.2  # the actors list keeps most of the column
    assert win.actors_panel.tree.textElideMode() == Qt.TextElideMode.ElideMiddle
    win.close()


def test_saved_geometry_still_wins(qtbot, tmp_path: Path) -> None:
    data = tmp_path / "data"
    win = new_window(qtbot, data)
    win.resize(760, 700)
    win.resizeDocks([win.actors_dock], [150], Qt.Orientation.Horizontal)
    qtbot.wait(20)
    saved_dock = win.actors_dock.width()
    win.close()
    again = new_window(qtbot, data)
    assert again.size() == QSize(760, 700)
    assert abs(again.actors_dock.width() - saved_dock) <= 2
    again.close()

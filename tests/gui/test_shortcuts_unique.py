"""Every key of the window does one thing: two actions on one shortcut make Qt ignore the key."""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication

from tests.gui.conftest import make_window


def test_no_two_actions_share_a_shortcut(qtbot, tmp_path) -> None:
    win = make_window(qtbot, tmp_path / "data")
    owners: dict[str, list[str]] = defaultdict(list)
    for action in win.findChildren(QAction):
        for key in action.shortcuts():
            if not key.isEmpty():
                owners[key.toString(QKeySequence.SequenceFormat.PortableText)].append(action.text())
    shared = {key: names for key, names in owners.items() if len(names) > 1}
    assert not shared, f"shortcuts bound twice: {shared}"
    win.close()


def test_contents_and_mention_map_have_their_own_keys(qtbot, tmp_path) -> None:
    win = make_window(qtbot, tmp_path / "data")
    win.menu_actions.map_action.setChecked(True)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    win.view.setFocus()
    qtbot.keyClick(win.view, Qt.Key.Key_8, Qt.KeyboardModifier.ControlModifier)
    assert (
        not win.menu_actions.map_action.isChecked()
    )  # Ctrl+8 reached the mention map (an ambiguous key reaches nothing)
    assert win.toc_dock.isHidden()
    qtbot.keyClick(win.view, Qt.Key.Key_9, Qt.KeyboardModifier.ControlModifier)
    assert not win.toc_dock.isHidden()
    toc_key = win.toc_dock.toggleViewAction().shortcut().toString(QKeySequence.SequenceFormat.PortableText)
    assert toc_key and toc_key != "Ctrl+8"
    win.close()

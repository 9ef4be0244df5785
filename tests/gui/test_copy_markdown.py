"""Edit › Copy as Markdown puts the selected actors and events, or the chosen note, on the clipboard."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from gui.copy_markdown import copy_as_markdown


def test_selected_actor_and_event_are_copied_as_markdown(qtbot, fixed_window) -> None:
    win = fixed_window
    win.hub.select(frozenset({"a2", "e3"}))
    markdown = copy_as_markdown(win)
    clipboard = QGuiApplication.clipboard().mimeData()
    assert clipboard.text() == markdown
    assert bytes(clipboard.data("text/markdown").data()).decode("utf-8") == markdown
    lines = markdown.splitlines()
    assert lines[0].startswith("| Name | Type |")  # actors as a table, then events as a timeline
    assert [line for line in lines if line.startswith("| François")] == ["| François Hollande | Person |   | 3 |"]
    assert "Zoë Müller |" not in markdown  # only what was selected
    assert "- **2015-05-04** · Attack · François Hollande: “Hollande attacked the plan on 4 May 2015.”" in lines


def test_nothing_selected_says_what_to_do(qtbot, fixed_window) -> None:
    win = fixed_window
    win.hub.select(frozenset())
    QGuiApplication.clipboard().setText("unchanged")
    assert copy_as_markdown(win) == ""
    assert QGuiApplication.clipboard().text() == "unchanged"
    assert "Select actors, events or notes" in win.statusBar().currentMessage()


def test_the_shortcut_copies_the_selection(qtbot, fixed_window) -> None:
    win = fixed_window
    win.hub.select(frozenset({"a4"}))
    win.view.setFocus()
    qtbot.keyClick(win.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    assert "Berlin" in QGuiApplication.clipboard().text()

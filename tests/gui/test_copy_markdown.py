"""Edit › Copy as Markdown puts the selected actors and events, or the chosen note, on the clipboard."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from models.deep_link import parse_link


def test_selected_actor_and_event_are_copied_as_markdown(qtbot, fixed_window) -> None:
    win = fixed_window
    win.hub.select(frozenset({"a2", "e3"}))
    markdown = win.copy_markdown()
    clipboard = QGuiApplication.clipboard().mimeData()
    assert clipboard.text() == markdown
    assert bytes(clipboard.data("text/markdown").data()).decode("utf-8") == markdown
    lines = markdown.splitlines()
    assert lines[0].startswith("| Name | Type |")  # actors as a table, then events as a timeline
    assert [line for line in lines if line.startswith("| François")] == ["| François Hollande | Person |   | 3 |"]
    assert "Zoë Müller |" not in markdown  # only what was selected
    (event,) = [line for line in lines if line.startswith("- **2015-05-04**")]
    expected = "- **2015-05-04** · Attack · François Hollande: “Hollande attacked the plan on 4 May 2015.”"
    assert event.startswith(expected)
    # The quote carries a link back to its passage in the library.
    e3 = next(e for e in win.analysis.events if e.id == "e3")
    found = re.search(r"\((dramatis://[^)]+)\)", event)
    assert found is not None
    link = parse_link(found[1])
    assert (link.doc, link.start, link.end) == (win.document.sha256, e3.start, e3.end)


def test_nothing_selected_says_what_to_do(qtbot, fixed_window) -> None:
    win = fixed_window
    win.hub.select(frozenset())
    QGuiApplication.clipboard().setText("unchanged")
    assert win.copy_markdown() == ""
    assert QGuiApplication.clipboard().text() == "unchanged"
    assert "Select actors, events or notes" in win.statusBar().currentMessage()


def test_the_shortcut_copies_the_selection(qtbot, fixed_window) -> None:
    win = fixed_window
    win.hub.select(frozenset({"a4"}))
    win.view.setFocus()
    qtbot.keyClick(win.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    assert "Berlin" in QGuiApplication.clipboard().text()

"""Edit › Copy as Markdown: the items selected in the panels, ready to paste into a note app.

What counts as selected: the row chosen in the Notes and Highlights panel when that list has the focus,
else the actors and events selected in the article and the Actors and Events panels (the window's shared
selection). Actors come in the Actors panel's order, events chronologically.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication

from models.domain import Actor, Event
from models.export import selection_markdown
from models.filters import chronological_key

if TYPE_CHECKING:
    from gui.main_window import MainWindow
    from models.reader import Item

_NOTHING = "Select actors, events or notes in the panels (or click a highlight) to copy them as Markdown."


def selected_items(window: MainWindow) -> list[Actor | Event | Item]:
    """The panel items the reader has chosen, in reading order."""
    analysis = window.analysis
    panel = window.notes_panel
    if panel.list.hasFocus() and panel.list.currentIndex().isValid():
        row = panel.model.row_at(panel.proxy.mapToSource(panel.list.currentIndex()).row())
        item = next((i for i in window.reader.items if i.id == row.id), None)
        return [item] if item is not None else []
    if analysis is None:
        return []
    chosen = window.hub.selection
    actors: list[Actor | Event | Item] = [a for a in analysis.actors if a.id in chosen]
    events = sorted((e for e in analysis.events if e.id in chosen), key=chronological_key)
    return [*actors, *events]


def copy_as_markdown(window: MainWindow) -> str:
    """Put the selection on the clipboard as Markdown (also as text/markdown); the Markdown, or "" if none."""
    items = selected_items(window)
    if not items or window.analysis is None:
        window.statusBar().showMessage(_NOTHING, 5000)
        return ""
    markdown = selection_markdown(window.analysis, items)
    data = QMimeData()
    data.setText(markdown)
    data.setData("text/markdown", markdown.encode("utf-8"))
    QGuiApplication.clipboard().setMimeData(data)
    count = len(items)
    window.statusBar().showMessage(f"Copied {count} item{'s' if count != 1 else ''} as Markdown.", 4000)
    return markdown

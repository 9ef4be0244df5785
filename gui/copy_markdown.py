"""Edit › Copy as Markdown: the items selected in the panels, ready to paste into a note app.

What counts as selected: the row chosen in the Notes and Highlights panel when that list has the focus,
else the actors and events selected in the article and the Actors and Events panels (the window's shared
selection). Actors come in the Actors panel's order, events chronologically.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication

from gui.panels.notes_panel import NotesPanel
from models.domain import Actor, Analysis, Event
from models.export import selection_markdown
from models.filters import chronological_key
from models.reader import Item

_NOTHING = "Select actors, events or notes in the panels (or click a highlight) to copy them as Markdown."


def selected_items(
    analysis: Analysis | None, notes_panel: NotesPanel, reader_items: Sequence[Item], chosen: frozenset[str]
) -> list[Actor | Event | Item]:
    """The panel items the reader has chosen, in reading order (`chosen`: the window's shared selection)."""
    panel = notes_panel
    if panel.list.hasFocus() and panel.list.currentIndex().isValid():
        row = panel.model.row_at(panel.proxy.mapToSource(panel.list.currentIndex()).row())
        item = next((i for i in reader_items if i.id == row.id), None)
        return [item] if item is not None else []
    if analysis is None:
        return []
    actors: list[Actor | Event | Item] = [a for a in analysis.actors if a.id in chosen]
    events = sorted((e for e in analysis.events if e.id in chosen), key=chronological_key)
    return [*actors, *events]


def copy_as_markdown(
    analysis: Analysis | None, items: list[Actor | Event | Item], say: Callable[[str, int], None]
) -> str:
    """Put `items` on the clipboard as Markdown (also as text/markdown); the Markdown, or "" if none.

    `say` shows a status message for some milliseconds.
    """
    if not items or analysis is None:
        say(_NOTHING, 5000)
        return ""
    markdown = selection_markdown(analysis, items)
    data = QMimeData()
    data.setText(markdown)
    data.setData("text/markdown", markdown.encode("utf-8"))
    QGuiApplication.clipboard().setMimeData(data)
    count = len(items)
    say(f"Copied {count} item{'s' if count != 1 else ''} as Markdown.", 4000)
    return markdown

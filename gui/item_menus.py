"""The context menus of actors, events and the article: a note on the item, and its corrections.

The window hands each menu to the panel or view that shows it; what goes in it is decided here, from
the reading session (what is under the mouse, which analysis), the reader's notes and the corrections.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMenu

from gui.actor_corrections import ActorCorrections
from gui.article_view import ArticleView
from gui.reader_controller import ReaderController
from models.domain import Actor, Event
from models.reading.session import ReadingSession
from models.reading.spans import READER_PREFIX


class ItemMenus(QObject):
    """Fills the context menus of the Actors and Events panels and of the article."""

    def __init__(
        self,
        session: ReadingSession,
        view: ArticleView,
        reader: ReaderController,
        corrections: ActorCorrections,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._session, self._view, self._reader, self._corrections = session, view, reader, corrections

    def event_menu(self, menu: QMenu, event: Event) -> None:
        """An event in the Events panel: a note on it, then its corrections."""
        menu.addAction("Note on Event…", self._note_slot(f"event:{event.id}"))
        menu.addSeparator()
        self._corrections.add_event_actions(menu, event)

    def actor_menu(self, menu: QMenu, actor: Actor) -> None:
        """An actor in the Actors panel: its corrections, then a note on it."""
        self._corrections.add_actor_actions(menu, actor)
        menu.addSeparator()
        menu.addAction("Note on Actor…", self._note_slot(f"actor:{actor.id}"))

    def article_menu(self, menu: QMenu, position: int) -> None:
        """The article at a Qt position: notes on the items there, their corrections, the selection's."""
        analysis = self._session.analysis
        if analysis is None:
            return
        menu.addSeparator()
        events = {e.id: e for e in analysis.events}
        for span in self._view.visible_spans_at(position):
            kind = "event" if span.item_id in events else "actor"
            if span.item_id and not span.category.startswith(READER_PREFIX):
                target = f"{kind}:{span.item_id}"
                label = f"Note on {self._reader.describe_target(target)}…"
                menu.addAction(label, self._note_slot(target))
            if span.item_id in events:
                self._corrections.add_event_actions(menu, events[span.item_id])
        self._corrections.add_mention_actions(menu, self._session.offsets.to_py(position))
        selected = self._view.textCursor().selectedText()
        if selected:
            self._corrections.add_selection_actions(menu, selected)

    def _note_slot(self, target: str) -> Callable[[], None]:
        return lambda: self._reader.note_on_target(target)

"""Connects the article, the panels and the filter hub: selection, jumps, flashes and filtering."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMenu

from gui.article_view import ArticleView
from gui.filter_hub import FilterHub
from gui.highlight_layers import hidden_categories
from gui.legend import Legend
from gui.panels.actors_panel import ActorsPanel
from gui.panels.events_panel import EventsPanel
from models.domain import Analysis
from models.filters import FilterState
from models.reading.session import ReadingSession
from models.spans import Span


class ReadingController(QObject):
    """Keeps what is selected and what is visible consistent everywhere.

    A click on a mention selects its actor in the panel; a click in a panel scrolls the article;
    `n`/`p` walk through the selected actor's mentions.
    """

    def __init__(  # noqa: PLR0917 - the session and the five parts it connects
        self,
        session: ReadingSession,
        view: ArticleView,
        hub: FilterHub,
        legend: Legend,
        actors: ActorsPanel,
        events: EventsPanel,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session  # the open document: its offsets, analysis and spans
        self.view, self.hub, self.legend, self.actors, self.events = view, hub, legend, actors, events
        self.reader_categories: set[str] = set()
        view.span_clicked.connect(self.on_span_clicked)
        view.context_menu_requested.connect(self.add_context_actions)
        actors.actor_activated.connect(self.on_actor_activated)
        actors.visibility_toggled.connect(self.on_visibility_toggled)
        events.event_activated.connect(self.on_event_activated)
        events.facets_changed.connect(self.on_facets_changed)
        legend.category_toggled.connect(hub.set_layer_visible)
        hub.changed.connect(self.apply_filter)
        hub.selection_changed.connect(self.view.set_selected_items)

    def set_analysis(self, analysis: Analysis | None) -> None:
        """The session's analysis changed: keep only the selected items it still has, then filter again."""
        known = {a.id for a in analysis.actors} | {e.id for e in analysis.events} if analysis else set()
        self.hub.select(frozenset(i for i in self.hub.selection if i in known))
        self.apply_filter(self.hub.state)

    def apply_filter(self, state: FilterState) -> None:
        """Push the shared state to every view of it (one repaint of the article)."""
        items = state.hidden_item_ids(self.session.analysis) if self.session.analysis else set(state.hidden_actors)
        self.view.set_hidden(hidden_categories(state, self.reader_categories), items)
        # Focus mode also keeps sentences with events of the chosen types.
        chosen = state.event_types
        events = self.session.analysis.events if self.session.analysis and chosen else []
        self.view.set_focus_extra(e.id for e in events if str(e.type) in chosen and e.id not in items)
        self.legend.set_state(state)
        self.actors.set_filter(state)
        self.events.set_filter(state)

    # ----- from the article ----------------------------------------------------------------------

    def on_span_clicked(self, span: Span) -> None:
        if not span.item_id:
            return
        self.hub.select(frozenset({span.item_id}))
        if not self.actors.select_actor(span.item_id):
            self.events.select_event(span.item_id)

    def add_context_actions(self, menu: QMenu, position: int) -> None:
        """Actions on the actor or event under the mouse, at the top of the article's menu."""
        if self.session.analysis is None:
            return
        actors = self.session.analysis.actor_by_id()
        spans = [s for s in self.view.visible_spans_at(position) if s.item_id in actors]
        if not spans:
            return
        actor = actors[spans[0].item_id]
        first = menu.actions()[0] if menu.actions() else None
        select = menu.addAction(f"Select “{actor.name}”")
        select.triggered.connect(lambda: self.on_span_clicked(spans[0]))
        hide = menu.addAction(f"Hide Highlights of “{actor.name}”")
        hide.triggered.connect(lambda: self.hub.set_actor_visible(actor.id, False))
        if first is not None:
            menu.insertAction(first, select)
            menu.insertAction(first, hide)
            menu.insertSeparator(first)

    # ----- from the panels -----------------------------------------------------------------------

    def on_actor_activated(self, actor_id: str) -> None:
        self.hub.select(frozenset({actor_id}))
        start, end = self.view.visible_range()
        if not any(s.item_id == actor_id for s in self.session.spans.overlapping(start, end)):
            self.jump(forward=True)

    def on_visibility_toggled(self, kind: str, key: str, visible: bool) -> None:
        state = self.hub.state
        if kind == "type":
            state = state.with_layer(key, visible)
            if visible and self.session.analysis is not None:
                state = state.with_actors_visible(
                    (a.id for a in self.session.analysis.actors if str(a.type) == key), True
                )
        else:
            state = state.with_actor(key, visible)
        self.hub.set_state(state)

    def on_event_activated(self, event_id: str, start: int, end: int) -> None:
        self.hub.select(frozenset({event_id}))
        qt_start, qt_end = self.session.offsets.to_qt(start), self.session.offsets.to_qt(end)
        sentence = self.view.sentence_range_at(qt_start)
        self.view.scroll_to_position(qt_start, select_to=qt_end)
        self.view.flash(*sentence)

    def on_facets_changed(self, changes: dict[str, object]) -> None:
        self.hub.set_state(self.hub.state.with_facets(**changes))

    # ----- keyboard --------------------------------------------------------------------------------

    def jump(self, forward: bool) -> bool:
        """Go to the next (previous) mention of the selection; False when nothing is selected."""
        span = self.view.next_span_of(self.hub.selection, forward)
        if span is None:
            return False
        self.view.scroll_to_position(span.start, select_to=span.end)
        self.view.flash(span.start, span.end)
        return True

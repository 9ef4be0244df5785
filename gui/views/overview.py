"""Installs the overview docks (timeline, network, X-Ray) and the mention map in the main window.

The window calls `set_document`, `set_analysis` and `set_theme`; everything else follows the filter
hub and the reader's notes through signals. Docks that are hidden are not redrawn: they catch up
when shown, so the views cost nothing to readers who do not use them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget

from gui.article_view import ArticleView
from gui.filter_hub import FilterHub
from gui.highlight_layers import StyleBook
from gui.theme import ACTOR_STYLES, Theme
from gui.ui_state import UiState
from gui.views.mention_map import MentionMapBar, line_fractions
from gui.views.network_view import NetworkView
from gui.views.timeline_view import TimelineView
from gui.views.xray_panel import XRayPanel
from gui.window_layout import add_dock
from models.domain import Analysis, Document
from models.filters import FilterState
from models.offsets import Utf16Map
from models.reader import ReaderNote
from models.views.index import ViewIndex
from models.views.network import StableLayout, bounds_of, build_network
from models.views.style import EVENT_COLOR
from models.views.timeline import build_timeline
from models.views.xray import build_xray

LANES_KEY = "views/timeline_lanes"
LINKS_KEY = "views/network_links"
MAP_KEY = "views/mention_map"


class OverviewViews(QObject):
    """The timeline, network and X-Ray docks plus the scroll-bar mention map of one window.

    Signals (the window answers them, as a click in its panels would):
        actor_chosen(str): an actor was activated in the timeline or the network.
        event_chosen(str, int, int): an event (id, start, end) was activated in the timeline or the X-Ray.
        note_requested(str): the X-Ray asks for a note on a target ("actor:a1").
    """

    actor_chosen = Signal(str)
    event_chosen = Signal(str, int, int)
    note_requested = Signal(str)

    def __init__(
        self,
        host: QMainWindow,
        *,
        ui: UiState,
        view: ArticleView,
        hub: FilterHub,
        styles: StyleBook,
        offsets: Callable[[], Utf16Map],
        notes: Callable[[], list[ReaderNote]],
    ) -> None:
        super().__init__(host)
        self._host = host
        self._ui = ui
        self._view = view
        self._hub = hub
        self._styles = styles
        self._offsets = offsets
        self._notes = notes
        self.index: ViewIndex | None = None
        self.layout = StableLayout()
        self._document_key: str | None = None
        self._dirty: set[str] = set()

        def start_dir() -> str:
            return ui.get_str("export/last_dir", ui.get_str("last_dir", str(Path.home())))

        self.timeline = TimelineView(start_dir)
        self.network = NetworkView(start_dir)
        self.xray = XRayPanel()
        self.timeline.set_lane_mode(ui.get_str(LANES_KEY, "actor"))
        self.network.set_link_mode(ui.get_str(LINKS_KEY, "events"))
        bottom = Qt.DockWidgetArea.BottomDockWidgetArea
        right = Qt.DockWidgetArea.RightDockWidgetArea
        self.timeline_dock = self._dock("Timeline", "timeline-dock", self.timeline, bottom)
        # The network needs height more than width: it shares the tall right column, the timeline the wide bottom.
        self.network_dock = self._dock("Actor Network", "network-dock", self.network, right)
        self.xray_dock = self._dock("X-Ray", "xray-dock", self.xray, right)
        host.resizeDocks([self.timeline_dock], [190], Qt.Orientation.Vertical)

        self.map_bar = MentionMapBar()
        view.setVerticalScrollBar(self.map_bar)
        self._map_timer = QTimer(self)
        self._map_timer.setSingleShot(True)
        self._map_timer.setInterval(150)
        self._map_timer.timeout.connect(self.update_map)
        self.map_bar.rangeChanged.connect(lambda _lo, _hi: self._map_timer.start())
        self.map_bar.enabled_map = self.map_enabled_setting()

        hub.changed.connect(self.on_filter)
        hub.selection_changed.connect(self.on_selection)
        self.timeline.lane_mode_changed.connect(self._on_lane_mode)
        self.network.link_mode_changed.connect(self._on_link_mode)
        self.network.options_changed.connect(lambda: self._refresh("network"))
        self.timeline.event_activated.connect(self.event_chosen)
        self.timeline.actor_activated.connect(self.select_actor)
        self.network.actor_activated.connect(self.select_actor)
        self.xray.mention_activated.connect(self.go_to_mention)
        self.xray.event_activated.connect(self.event_chosen)
        self.xray.note_requested.connect(self.note_requested)

    def _dock(self, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = add_dock(self._host, title, name, widget, area)
        key = name.removesuffix("-dock")
        dock.visibilityChanged.connect(lambda visible, k=key: self._catch_up(k) if visible else None)
        return dock

    def map_enabled_setting(self) -> bool:
        """Whether the reader last left the mention map on (it is on at first)."""
        return self._ui.get_bool(MAP_KEY, True)

    def on_reader_items_changed(self) -> None:
        """The reader's notes changed: the X-Ray lists them."""
        self._refresh("xray")

    def docks(self) -> list[QDockWidget]:
        return [self.timeline_dock, self.network_dock, self.xray_dock]

    # ----- feeding -------------------------------------------------------------------------------

    def set_document(self, document: Document) -> None:
        """A new text: the views empty until its analysis arrives."""
        self.index = None
        if document.sha256 != self._document_key:
            self.layout.clear()
            self._document_key = document.sha256
        self.timeline.clear()
        self.network.clear()
        self.xray.set_xray(None, "")
        self.map_bar.set_marks([])

    def set_analysis(self, analysis: Analysis) -> None:
        """A (possibly corrected) analysis: rebuild; node positions survive corrections (ids stay)."""
        self.index = ViewIndex(analysis)
        self._refresh("timeline", "network", "xray", "map", refit=True)

    def set_theme(self, theme: Theme) -> None:
        for view in (self.timeline, self.network):
            view.set_theme(theme)
        self.update_map()

    def on_filter(self, _state: FilterState) -> None:
        self._refresh("timeline", "network", "xray")

    def on_selection(self, ids: frozenset[str]) -> None:
        self.timeline.set_selected(ids)
        self.network.set_selected(ids)
        self._refresh("xray", "map")

    def flush(self) -> None:
        """Bring every visible view up to date and paint it now (benchmarks and tests)."""
        self._map_timer.stop()
        self.update_map()
        for key in sorted(self._dirty):
            if self._visible(key):
                self._refresh(key, refit=True)
        for view in (self.timeline.canvas, self.network.canvas, self.xray):
            if view.isVisible():
                view.repaint()

    # ----- updating --------------------------------------------------------------------------------

    def _visible(self, key: str) -> bool:
        dock = {"timeline": self.timeline_dock, "network": self.network_dock, "xray": self.xray_dock}.get(key)
        return dock is None or (not dock.isHidden() and not dock.visibleRegion().isEmpty())

    def _refresh(self, *keys: str, refit: bool = False) -> None:
        for key in keys:
            if key != "map" and not self._visible(key):
                self._dirty.add(key)
                continue
            self._dirty.discard(key)
            if key == "timeline":
                self.update_timeline(refit)
            elif key == "network":
                self.update_network()
            elif key == "xray":
                self.update_xray()
            elif key == "map":
                self.update_map()

    def _catch_up(self, key: str) -> None:
        if key in self._dirty:
            QTimer.singleShot(0, lambda: self._refresh(key, refit=True))

    def update_timeline(self, refit: bool = False) -> None:
        if self.index is None:
            return
        timeline = build_timeline(self.index, self._hub.state, self.timeline.lane_mode)
        self.timeline.set_timeline(timeline, self.index, refit)

    def update_network(self) -> None:
        index = self.index
        if index is None:
            return
        view = self.network
        network = build_network(
            index,
            self._hub.state,
            view.link_mode,
            min_weight=view.min_weight,
            linked_only=not view.show_unlinked,
        )
        missing = [n.id for n in network.nodes if n.id not in self.layout.positions]
        if missing and not self.layout.positions:
            # First picture of this document: lay out the unfiltered top actors, so that later
            # filter changes find their positions ready.
            full = build_network(index, None, view.link_mode, linked_only=not view.show_unlinked)
            self.layout.place(full, index.cooccurrence(n.id for n in full.nodes))
        affinity = index.cooccurrence(n.id for n in network.nodes) if missing else None
        positions = self.layout.place(network, affinity)
        # Fitted to the actors shown, so a few linked actors fill the dock instead of a corner of it.
        self.network.set_network(network, positions, bounds_of(positions))

    def update_xray(self) -> None:
        index = self.index
        if index is None:
            return
        actor_id = next((i for i in sorted(self._hub.selection) if i in index.actors), None)
        if actor_id is None:
            actor_id = self.xray.actor_id if self.xray.actor_id in index.actors else None
        xray = build_xray(index, actor_id, self._notes(), self._hub.state) if actor_id else None
        self.xray.set_xray(xray, index.text)

    def update_map(self) -> None:
        index = self.index
        if index is None or not self.map_bar.enabled_map:
            self.map_bar.set_marks([])
            return
        offsets = self._offsets()
        positions: list[int] = []
        colors: list[str] = []
        for item_id in sorted(self._hub.selection):
            actor = index.actors.get(item_id)
            if actor is not None:
                color = self._styles.actor_color(actor.id) if self._styles.per_actor else None
                color = color or ACTOR_STYLES[str(actor.type)].color
                positions.extend(offsets.to_qt(m.start) for m in actor.mentions)
                colors.extend([color] * len(actor.mentions))
                continue
            event = index.events_by_id.get(item_id)
            if event is not None:
                positions.append(offsets.to_qt(event.start))
                colors.append(EVENT_COLOR)
        fractions = line_fractions(self._view, positions)
        self.map_bar.set_marks(list(zip(fractions, colors, strict=False)))

    # ----- actions ----------------------------------------------------------------------------------

    def _on_lane_mode(self, mode: str) -> None:
        self._ui.set(LANES_KEY, mode)
        self._refresh("timeline", refit=True)

    def _on_link_mode(self, mode: str) -> None:
        self._ui.set(LINKS_KEY, mode)
        self._refresh("network")

    def set_map_enabled(self, on: bool) -> None:
        """View › Mention Map on Scroll Bar (remembered)."""
        self._ui.set(MAP_KEY, on)
        self.map_bar.enabled_map = on
        self.update_map()

    def select_actor(self, actor_id: str) -> None:
        """Select an actor everywhere, exactly as a click in the Actors panel does."""
        self.actor_chosen.emit(actor_id)

    def go_to_mention(self, start: int, end: int) -> None:
        offsets = self._offsets()
        qt_start, qt_end = offsets.to_qt(start), offsets.to_qt(end)
        self._view.scroll_to_position(qt_start, select_to=qt_end)
        self._view.flash(qt_start, qt_end)

"""Installs the overview docks (timeline, network, X-Ray) and the mention map in the main window.

The window calls `set_document`, `set_analysis` and `set_theme`; everything else follows the filter
hub and the reader's notes through signals. Docks that are hidden are not redrawn: they catch up
when shown, so the views cost nothing to readers who do not use them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget

from gui.theme import ACTOR_STYLES, Theme
from gui.views.mention_map import MentionMapBar, line_fractions
from gui.views.network_view import NetworkView
from gui.views.timeline_view import TimelineView
from gui.views.xray_panel import XRayPanel
from models.domain import Analysis, Document
from models.filters import FilterState
from models.views.index import ViewIndex
from models.views.network import StableLayout, bounds_of, build_network
from models.views.style import EVENT_COLOR
from models.views.timeline import build_timeline
from models.views.xray import build_xray

if TYPE_CHECKING:
    from gui.main_window import MainWindow

LANES_KEY = "views/timeline_lanes"
LINKS_KEY = "views/network_links"
MAP_KEY = "views/mention_map"


class OverviewViews(QObject):
    """The timeline, network and X-Ray docks plus the scroll-bar mention map of one window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.w = window
        self.index: ViewIndex | None = None
        self.layout = StableLayout()
        self._document_key: str | None = None
        self._dirty: set[str] = set()

        def start_dir() -> str:
            return window.ui.get_str("export/last_dir", window.ui.get_str("last_dir", str(Path.home())))

        self.timeline = TimelineView(start_dir)
        self.network = NetworkView(start_dir)
        self.xray = XRayPanel()
        self.timeline.set_lane_mode(window.ui.get_str(LANES_KEY, "actor"))
        self.network.set_link_mode(window.ui.get_str(LINKS_KEY, "events"))
        bottom = Qt.DockWidgetArea.BottomDockWidgetArea
        right = Qt.DockWidgetArea.RightDockWidgetArea
        self.timeline_dock = self._dock("Timeline", "timeline-dock", self.timeline, bottom)
        # The network needs height more than width: it shares the tall right column, the timeline the wide bottom.
        self.network_dock = self._dock("Actor Network", "network-dock", self.network, right)
        self.xray_dock = self._dock("X-Ray", "xray-dock", self.xray, right)
        window.tabifyDockWidget(window.notes_dock, self.xray_dock)
        window.tabifyDockWidget(window.notes_dock, self.network_dock)
        window.notes_dock.raise_()
        window.resizeDocks([self.timeline_dock], [190], Qt.Orientation.Vertical)

        self.map_bar = MentionMapBar()
        window.view.setVerticalScrollBar(self.map_bar)
        self._map_timer = QTimer(self)
        self._map_timer.setSingleShot(True)
        self._map_timer.setInterval(150)
        self._map_timer.timeout.connect(self.update_map)
        self.map_bar.rangeChanged.connect(lambda _lo, _hi: self._map_timer.start())
        self.map_action = QAction("&Mention Map on Scroll Bar", window)
        self.map_action.setCheckable(True)
        self.map_action.setShortcut(QKeySequence("Ctrl+8"))
        self.map_action.setChecked(window.ui.get_bool(MAP_KEY, True))
        self.map_action.toggled.connect(self._set_map_enabled)
        self.map_bar.enabled_map = self.map_action.isChecked()
        window.addAction(self.map_action)
        self._add_menu_entries()

        window.hub.changed.connect(self.on_filter)
        window.hub.selection_changed.connect(self.on_selection)
        window.reader.items_changed.connect(lambda: self._refresh("xray"))
        self.timeline.lane_mode_changed.connect(self._on_lane_mode)
        self.network.link_mode_changed.connect(self._on_link_mode)
        self.network.options_changed.connect(lambda: self._refresh("network"))
        self.timeline.event_activated.connect(self.go_to_event)
        self.timeline.actor_activated.connect(self.select_actor)
        self.network.actor_activated.connect(self.select_actor)
        self.xray.mention_activated.connect(self.go_to_mention)
        self.xray.event_activated.connect(self.go_to_event)
        self.xray.note_requested.connect(self.w.reader.note_on_target)

    def _dock(self, title: str, name: str, widget: object, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self.w)
        dock.setObjectName(name)
        dock.setWidget(widget)  # type: ignore[arg-type]
        self.w.addDockWidget(area, dock)
        key = name.removesuffix("-dock")
        dock.visibilityChanged.connect(lambda visible, k=key: self._catch_up(k) if visible else None)
        return dock

    def _add_menu_entries(self) -> None:
        """View menu: the three docks and the mention map, before the toolbar switch."""
        menu = self.w.view_menu
        anchor = self.w.toolbar.toggleViewAction()
        for dock, keys in ((self.timeline_dock, "Ctrl+5"), (self.network_dock, "Ctrl+6"), (self.xray_dock, "Ctrl+7")):
            toggle = dock.toggleViewAction()
            toggle.setShortcut(QKeySequence(keys))
            menu.insertAction(anchor, toggle)
        menu.insertAction(anchor, self.map_action)

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
        timeline = build_timeline(self.index, self.w.hub.state, self.timeline.lane_mode)
        self.timeline.set_timeline(timeline, self.index, refit)

    def update_network(self) -> None:
        index = self.index
        if index is None:
            return
        view = self.network
        network = build_network(
            index,
            self.w.hub.state,
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
        actor_id = next((i for i in sorted(self.w.hub.selection) if i in index.actors), None)
        if actor_id is None:
            actor_id = self.xray.actor_id if self.xray.actor_id in index.actors else None
        xray = build_xray(index, actor_id, self.w.reader.notes(), self.w.hub.state) if actor_id else None
        self.xray.set_xray(xray, index.text)

    def update_map(self) -> None:
        index = self.index
        if index is None or not self.map_action.isChecked():
            self.map_bar.set_marks([])
            return
        offsets = self.w.offsets
        positions: list[int] = []
        colors: list[str] = []
        for item_id in sorted(self.w.hub.selection):
            actor = index.actors.get(item_id)
            if actor is not None:
                color = self.w.styles.actor_color(actor.id) if self.w.styles.per_actor else None
                color = color or ACTOR_STYLES[str(actor.type)].color
                positions.extend(offsets.to_qt(m.start) for m in actor.mentions)
                colors.extend([color] * len(actor.mentions))
                continue
            event = index.events_by_id.get(item_id)
            if event is not None:
                positions.append(offsets.to_qt(event.start))
                colors.append(EVENT_COLOR)
        fractions = line_fractions(self.w.view, positions)
        self.map_bar.set_marks(list(zip(fractions, colors, strict=False)))

    # ----- actions ----------------------------------------------------------------------------------

    def _on_lane_mode(self, mode: str) -> None:
        self.w.ui.set(LANES_KEY, mode)
        self._refresh("timeline", refit=True)

    def _on_link_mode(self, mode: str) -> None:
        self.w.ui.set(LINKS_KEY, mode)
        self._refresh("network")

    def _set_map_enabled(self, on: bool) -> None:
        self.w.ui.set(MAP_KEY, on)
        self.map_bar.enabled_map = on
        self.update_map()

    def select_actor(self, actor_id: str) -> None:
        """Select an actor everywhere, exactly as a click in the Actors panel does."""
        self.w.actors_panel.select_actor(actor_id)
        self.w.actors_panel.actor_activated.emit(actor_id)

    def go_to_event(self, event_id: str, start: int, end: int) -> None:
        self.w.events_panel.select_event(event_id)
        self.w.reading.on_event_activated(event_id, start, end)

    def go_to_mention(self, start: int, end: int) -> None:
        offsets = self.w.offsets
        qt_start, qt_end = offsets.to_qt(start), offsets.to_qt(end)
        self.w.view.scroll_to_position(qt_start, select_to=qt_end)
        self.w.view.flash(qt_start, qt_end)

"""The Events panel: a chronological list with type, actor and date-range filters."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from gui.panels.event_delegate import EventRowDelegate
from gui.qt_models import END_ROLE, ID_ROLE, START_ROLE, EventFilterProxy, EventTableModel
from models.domain import Analysis, Event, EventType
from models.filters import FilterState, date_interval


class EventsPanel(QWidget):
    """Lists events; its filters are facets of the shared filter state.

    Signals:
        event_activated(str, int, int): event id, start, end (Python offsets) of the trigger.
        facets_changed(dict): facet fields to replace in the filter state.
    """

    event_activated = Signal(str, int, int)
    facets_changed = Signal(dict)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = EventTableModel(self)
        self.proxy = EventFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self._state = FilterState()
        self._syncing = False

        self.search = QLineEdit()
        self.search.setObjectName("events-search")
        self.search.setPlaceholderText("Search events")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.set_search)

        self.types_button = QToolButton()
        self.types_button.setObjectName("events-types")
        self.types_button.setText("Types")
        self.types_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.types_menu = QMenu(self)
        self.type_actions: dict[str, QAction] = {}
        for event_type in EventType:
            action = self.types_menu.addAction(event_type.title())
            action.setCheckable(True)
            action.toggled.connect(self._on_types_changed)
            self.type_actions[str(event_type)] = action
        self.types_button.setMenu(self.types_menu)

        self.actor_combo = QComboBox()
        self.actor_combo.setObjectName("events-actor")
        self.actor_combo.setMinimumContentsLength(10)
        self.actor_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.actor_combo.addItem("Any actor", None)
        self.actor_combo.currentIndexChanged.connect(self._on_actor_changed)

        self.from_check = QCheckBox("From")
        self.from_date = QDateEdit()
        self.to_check = QCheckBox("to")
        self.to_date = QDateEdit()
        for check, edit in ((self.from_check, self.from_date), (self.to_check, self.to_date)):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
            check.toggled.connect(edit.setEnabled)
            check.toggled.connect(self._on_dates_changed)
            edit.dateChanged.connect(self._on_dates_changed)
        # Shown instead of the date range when no event has a calendar date (an undated document).
        self.no_dates = QLabel("No event has a calendar date: set the document's date (Edit › Document Date…).")
        self.no_dates.setObjectName("events-no-dates")
        self.no_dates.setWordWrap(True)
        self.no_dates.setEnabled(False)
        self.no_dates.hide()
        self.clear_button = QToolButton()
        self.clear_button.setText("Clear")
        self.clear_button.setToolTip("Show all events")
        self.clear_button.clicked.connect(self.clear_filters)

        self.table = QTreeView()
        self.table.setObjectName("events-table")
        self.table.setModel(self.proxy)
        self.table.setRootIsDecorated(False)
        self.table.setUniformRowHeights(True)
        self.table.setAlternatingRowColors(True)
        # One readable row per event (date, type, who → whom; then the quote around the trigger),
        # painted by a delegate over column 0; the other columns stay in the model for search and copy.
        self.table.setItemDelegateForColumn(0, EventRowDelegate(self.table))
        self.table.setHeaderHidden(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for column in range(1, self.model.columnCount()):
            self.table.setColumnHidden(column, True)
        self.table.header().setStretchLastSection(True)
        self.table.clicked.connect(self._on_clicked)
        self.table.activated.connect(self._on_clicked)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._on_context_menu)
        self._menu_provider: Callable[[QMenu, Event], object] | None = None

        row1 = QHBoxLayout()
        row1.addWidget(self.search, 1)
        row1.addWidget(self.types_button)
        row1.addWidget(self.actor_combo)
        row2 = QHBoxLayout()
        row2.addWidget(self.from_check)
        row2.addWidget(self.from_date)
        row2.addWidget(self.to_check)
        row2.addWidget(self.to_date)
        row2.addWidget(self.no_dates, 1)
        row2.addStretch(1)
        row2.addWidget(self.clear_button)
        for row in (row1, row2):
            row.setContentsMargins(0, 0, 0, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(row1)
        layout.addLayout(row2)
        layout.addWidget(self.table, 1)

    # ----- feeding ------------------------------------------------------------------------------

    def set_analysis(self, analysis: Analysis | None) -> None:
        self.model.set_analysis(analysis)
        self._syncing = True
        current = self.actor_combo.currentData()
        self.actor_combo.clear()
        self.actor_combo.addItem("Any actor", None)
        for actor in sorted(analysis.actors if analysis else [], key=lambda a: a.name.casefold()):
            self.actor_combo.addItem(actor.name, actor.id)
        index = self.actor_combo.findData(current)
        self.actor_combo.setCurrentIndex(max(0, index))
        present = {str(e.type) for e in analysis.events} if analysis else set()
        for key, action in self.type_actions.items():
            action.setVisible(key in present or action.isChecked())
        self._set_date_bounds(analysis)
        self._syncing = False

    def set_filter(self, state: FilterState) -> None:
        """Mirror the shared state in the controls and the list."""
        self._state = state
        self.proxy.set_filter(state)
        self._syncing = True
        for key, action in self.type_actions.items():
            action.setChecked(key in state.event_types)
        n = len(state.event_types)
        self.types_button.setText("Types" if n == 0 else f"Types ({n})")
        if len(state.actors) == 1:
            index = self.actor_combo.findData(next(iter(state.actors)))
            self.actor_combo.setCurrentIndex(max(0, index))
        elif not state.actors:
            self.actor_combo.setCurrentIndex(0)
        self.from_check.setChecked(state.date_from is not None)
        if state.date_from is not None:
            self.from_date.setDate(_qdate(state.date_from))
        self.to_check.setChecked(state.date_to is not None)
        if state.date_to is not None:
            self.to_date.setDate(_qdate(state.date_to))
        self._syncing = False

    def select_event(self, event_id: str) -> bool:
        row = self.model.row_of(event_id)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        return True

    def visible_event_ids(self) -> list[str]:
        return [str(self.proxy.index(r, 0).data(ID_ROLE)) for r in range(self.proxy.rowCount())]

    def clear_filters(self) -> None:
        self.search.clear()
        self.facets_changed.emit(
            {"event_types": frozenset(), "actors": frozenset(), "date_from": None, "date_to": None}
        )

    # ----- control changes -> facets ----------------------------------------------------------

    def _on_types_changed(self, _checked: bool) -> None:
        if self._syncing:
            return
        chosen = frozenset(k for k, a in self.type_actions.items() if a.isChecked())
        self.facets_changed.emit({"event_types": chosen})

    def _on_actor_changed(self, _index: int) -> None:
        if self._syncing:
            return
        actor_id = self.actor_combo.currentData()
        self.facets_changed.emit({"actors": frozenset({actor_id}) if actor_id else frozenset()})

    def _on_dates_changed(self, *_args: object) -> None:
        if self._syncing:
            return
        date_from = self.from_date.date().toPython() if self.from_check.isChecked() else None
        date_to = self.to_date.date().toPython() if self.to_check.isChecked() else None
        self.facets_changed.emit({"date_from": date_from, "date_to": date_to})

    def _on_clicked(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        self.event_activated.emit(str(index.data(ID_ROLE)), int(index.data(START_ROLE)), int(index.data(END_ROLE)))

    def set_menu_provider(self, provider: Callable[[QMenu, Event], object] | None) -> None:
        self._menu_provider = provider

    def _on_context_menu(self, point: QPoint) -> None:
        index = self.table.indexAt(point)
        if not index.isValid() or self._menu_provider is None:
            return
        event = self.model.event_at(self.proxy.mapToSource(index).row())
        menu = QMenu(self)
        self._menu_provider(menu, event)
        if not menu.isEmpty():
            menu.exec(self.table.viewport().mapToGlobal(point))
        menu.deleteLater()

    def _set_date_bounds(self, analysis: Analysis | None) -> None:
        intervals = [i for e in (analysis.events if analysis else []) if (i := date_interval(e.date))]
        has_dates = bool(intervals) or self.from_check.isChecked() or self.to_check.isChecked()
        # No calendar date in the text: no range to offer (never a made-up "2000-01-01 to 2000-01-01").
        for widget in (self.from_check, self.from_date, self.to_check, self.to_date):
            widget.setVisible(has_dates)
        self.no_dates.setVisible(analysis is not None and not has_dates)
        if not intervals:
            return
        low = min(i[0] for i in intervals)
        high = max(i[1] for i in intervals)
        if not self.from_check.isChecked():
            self.from_date.setDate(_qdate(low))
        if not self.to_check.isChecked():
            self.to_date.setDate(_qdate(high))


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)

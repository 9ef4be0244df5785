"""The Actors panel: grouped by type, with counts, check boxes, search, sort and corrections."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMenu,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from gui.qt_models import ID_ROLE, KIND_ROLE, ActorFilterProxy, ActorTreeModel
from models.domain import Actor, Analysis
from models.filters import FilterState

# Called with the menu and the actor under the mouse; adds the correction actions.
MenuProvider = Callable[[QMenu, Actor], None]


class ActorsPanel(QWidget):
    """Lists the document's actors.

    Signals:
        actor_activated(str): the reader picked an actor (click or keyboard).
        visibility_toggled(str, str, bool): ("type" | "actor", key, visible) from a check box.
    """

    actor_activated = Signal(str)
    visibility_toggled = Signal(str, str, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ActorTreeModel(self)
        self.model.on_check = self.visibility_toggled.emit
        self.proxy = ActorFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self._menu_provider: MenuProvider | None = None

        self.search = QLineEdit()
        self.search.setObjectName("actors-search")
        self.search.setPlaceholderText("Search actors, aliases, roles")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_search)
        self.sort = QComboBox()
        self.sort.setObjectName("actors-sort")
        for label, key in (("By mentions", "mentions"), ("By name", "name"), ("By first appearance", "first")):
            self.sort.addItem(label, key)
        self.sort.currentIndexChanged.connect(lambda _i: self.set_sort(str(self.sort.currentData())))

        self.tree = QTreeView()
        self.tree.setObjectName("actors-tree")
        self.tree.setModel(self.proxy)
        self.tree.setUniformRowHeights(True)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # "Mohammed … Rahman": both ends tell names apart
        self.tree.setAlternatingRowColors(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        # The count column is sized by the rows on screen, not by every actor's row each time the tree is laid
        # out (five passes over all rows when an analysis arrives): its header is wider than any count anyway.
        self.tree.header().setResizeContentsPrecision(0)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._on_context_menu)
        self.tree.clicked.connect(self._on_clicked)
        self.tree.activated.connect(self._on_clicked)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.search, 1)
        top.addWidget(self.sort)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)

    def set_menu_provider(self, provider: MenuProvider | None) -> None:
        self._menu_provider = provider

    def set_analysis(self, analysis: Analysis | None) -> None:
        selected = self.current_actor_id()
        self.model.set_analysis(analysis)
        self.proxy.resort()
        self.tree.expandAll()
        if selected:
            self.select_actor(selected)

    def set_filter(self, state: FilterState) -> None:
        self.model.set_filter(state)

    def set_sort(self, key: str) -> None:
        self.proxy.set_sort(key)
        index = self.sort.findData(key)
        if index >= 0 and index != self.sort.currentIndex():
            self.sort.setCurrentIndex(index)

    def current_actor_id(self) -> str | None:
        index = self.tree.currentIndex()
        if index.isValid() and index.data(KIND_ROLE) == "actor":
            return str(index.data(ID_ROLE))
        return None

    def select_actor(self, actor_id: str) -> bool:
        """Select and reveal an actor's row (e.g. after a click on a mention); False if filtered out."""
        source = self.model.actor_index(actor_id)
        index = self.proxy.mapFromSource(source)
        if not index.isValid():
            return False
        self.tree.setCurrentIndex(index)
        self.tree.scrollTo(index)
        return True

    def _on_search(self, text: str) -> None:
        self.proxy.set_search(text)
        self.tree.expandAll()

    def _on_clicked(self, index: QModelIndex) -> None:
        if index.data(KIND_ROLE) == "actor":
            self.actor_activated.emit(str(index.data(ID_ROLE)))

    def _on_context_menu(self, point: QPoint) -> None:
        index = self.tree.indexAt(point)
        actor = self.model.actor_at(self.proxy.mapToSource(index)) if index.isValid() else None
        if actor is None or self._menu_provider is None:
            return
        menu = QMenu(self)
        self._menu_provider(menu, actor)
        if not menu.isEmpty():
            menu.exec(self.tree.viewport().mapToGlobal(point))
        menu.deleteLater()

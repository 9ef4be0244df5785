"""The Notes & highlights panel: everything the reader added, searchable, filtered by colour and tag."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from models.filters import FilterState

ModelIndex = QModelIndex | QPersistentModelIndex
ROW_ID_ROLE = Qt.ItemDataRole.UserRole + 20


@dataclass(frozen=True, slots=True)
class NoteRow:
    """One line of the panel: a highlight (with or without a note) or a note on an actor, event or the document.

    The panel shows rows, not store records, so it does not depend on how the library keeps them.
    """

    id: str
    kind: str  # "highlight" or "note"
    where: str  # the quoted text, or what the note is about ("Actor: …", "Document")
    note: str = ""
    category: str | None = None
    color: str | None = None
    tags: tuple[str, ...] = field(default_factory=tuple)
    start: int | None = None  # Python offsets of the place to jump to
    end: int | None = None

    @property
    def searchable(self) -> str:
        return " ".join((self.where, self.note, self.category or "", *self.tags))


class NotesModel(QAbstractTableModel):
    """Rows in reading order (document notes first)."""

    COLUMNS = ("Where", "Note", "Tags")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[NoteRow] = []
        self._icons: dict[str, QIcon] = {}

    def set_rows(self, rows: list[NoteRow]) -> None:
        self.beginResetModel()
        self._rows = sorted(rows, key=lambda r: (r.start is not None, r.start or 0, r.id))
        self.endResetModel()

    def rows(self) -> list[NoteRow]:
        return list(self._rows)

    def row_at(self, row: int) -> NoteRow:
        return self._rows[row]

    def row_of(self, row_id: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == row_id), -1)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section]
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return f"“{_one_line(row.where, 80)}”" if row.kind == "highlight" else row.where
            if column == 1:
                return _one_line(row.note, 120)
            return ", ".join(row.tags)
        if role == Qt.ItemDataRole.ToolTipRole:
            parts = [row.where]
            if row.category:
                parts.insert(0, f"[{row.category}]")
            if row.note:
                parts.append("\n" + row.note)
            return "\n".join(parts)
        if role == Qt.ItemDataRole.DecorationRole and column == 0 and row.color:
            return self._icon(row.color)
        if role == ROW_ID_ROLE:
            return row.id
        return None

    def _icon(self, color: str) -> QIcon:
        icon = self._icons.get(color)
        if icon is None:
            pixmap = QPixmap(12, 12)
            pixmap.fill(QColor(color))
            icon = self._icons[color] = QIcon(pixmap)
        return icon


class NotesFilterProxy(QSortFilterProxyModel):
    """Category, tag and text facets of the shared filter state."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._state = FilterState()

    def set_filter(self, state: FilterState) -> None:
        old, self._state = self._state, state
        if (old.categories, old.tags, old.text) != (state.categories, state.tags, state.text):
            self.beginFilterChange()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: ModelIndex) -> bool:  # noqa: N802
        model = self.sourceModel()
        if not isinstance(model, NotesModel) or source_parent.isValid():
            return True
        row = model.row_at(source_row)
        return self._state.reader_item_matches(row, row.searchable)


class NotesPanel(QWidget):
    """Lists the reader's highlights and notes.

    Signals:
        row_activated(object): a `NoteRow` was clicked (jump to it).
        edit_requested(object): a `NoteRow` should be edited (double-click or menu).
        delete_requested(object): a `NoteRow` should be deleted.
        reattach_requested(object): an unanchored `NoteRow` should be placed on the article's selection.
        facets_changed(dict): category / tag / text facet changes for the filter state.
    """

    row_activated = Signal(object)
    edit_requested = Signal(object)
    delete_requested = Signal(object)
    reattach_requested = Signal(object)
    facets_changed = Signal(dict)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = NotesModel(self)
        self.proxy = NotesFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self._syncing = False

        self.search = QLineEdit()
        self.search.setObjectName("notes-search")
        self.search.setPlaceholderText("Search notes and highlights")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda text: self._emit({"text": text.strip()}))
        self.category = QComboBox()
        self.category.setObjectName("notes-category")
        self.category.currentIndexChanged.connect(self._on_category)
        self.tag = QComboBox()
        self.tag.setObjectName("notes-tag")
        self.tag.currentIndexChanged.connect(self._on_tag)

        self.list = QTreeView()
        self.list.setObjectName("notes-list")
        self.list.setModel(self.proxy)
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setAlternatingRowColors(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.list.header().resizeSection(0, 200)
        self.list.header().setStretchLastSection(True)
        self.list.clicked.connect(lambda index: self._emit_row(self.row_activated, index))
        self.list.activated.connect(lambda index: self._emit_row(self.row_activated, index))
        self.list.doubleClicked.connect(lambda index: self._emit_row(self.edit_requested, index))
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._on_context_menu)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.search, 1)
        top.addWidget(self.category)
        top.addWidget(self.tag)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        self.hint = QLabel(
            "Nothing here yet. Select text and press H to highlight it with a colour, "
            "or Ctrl+M to add a note (to the selection, the selected actor or the document)."
        )
        self.hint.setObjectName("notes-hint")
        self.hint.setWordWrap(True)
        self.hint.setEnabled(False)
        layout.addLayout(top)
        layout.addWidget(self.hint)
        layout.addWidget(self.list, 1)
        layout.addWidget(self._build_unanchored())
        self.set_choices([], [])

    def _build_unanchored(self) -> QFrame:
        """Highlights the changed text no longer holds: shown with their quote and note until re-attached."""
        box = QFrame()
        box.setObjectName("unanchored-box")
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 6, 0, 0)
        self.unanchored_title = QLabel()
        self.unanchored_title.setObjectName("unanchored-title")
        font = self.unanchored_title.font()
        font.setBold(True)
        self.unanchored_title.setFont(font)
        explain = QLabel(
            "The text changed and these passages were not found. Select the right words in the article, "
            "then re-attach the highlight to them."
        )
        explain.setWordWrap(True)
        explain.setEnabled(False)
        self.unanchored_list = QListWidget()
        self.unanchored_list.setObjectName("unanchored-list")
        self.unanchored_list.setWordWrap(True)
        self.unanchored_list.setAlternatingRowColors(True)
        self.unanchored_list.setMaximumHeight(160)
        self.unanchored_list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.unanchored_list.customContextMenuRequested.connect(self._on_unanchored_menu)
        self.unanchored_list.itemDoubleClicked.connect(
            lambda item: self.edit_requested.emit(self._unanchored_row(item))
        )
        self.reattach_button = QPushButton("Re-attach to Selection")
        self.reattach_button.setObjectName("reattach-button")
        self.reattach_button.setToolTip("Place the chosen highlight on the text selected in the article")
        self.reattach_button.clicked.connect(self._reattach_current)
        self.unanchored_list.currentRowChanged.connect(lambda row: self.reattach_button.setEnabled(row >= 0))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.reattach_button)
        column.addWidget(self.unanchored_title)
        column.addWidget(explain)
        column.addWidget(self.unanchored_list)
        column.addLayout(buttons)
        self._unanchored_rows: list[NoteRow] = []
        box.hide()
        self.unanchored_box = box
        return box

    def set_unanchored(self, rows: list[NoteRow]) -> None:
        current = self.unanchored_list.currentItem()
        keep = current.data(ROW_ID_ROLE) if current is not None else None
        self._unanchored_rows = list(rows)
        self.unanchored_list.clear()
        for row in rows:
            label = f"“{_one_line(row.where, 90)}”" + (f"\n{_one_line(row.note, 120)}" if row.note else "")
            item = QListWidgetItem(label)
            item.setData(ROW_ID_ROLE, row.id)
            item.setToolTip(f"[{row.category}] {row.where}" + (f"\n\n{row.note}" if row.note else ""))
            if row.color:
                item.setIcon(self.model._icon(row.color))
            self.unanchored_list.addItem(item)
            if row.id == keep or (keep is None and self.unanchored_list.count() == 1):
                self.unanchored_list.setCurrentItem(item)
        self.unanchored_title.setText(f"Unanchored ({len(rows)})")
        self.reattach_button.setEnabled(self.unanchored_list.currentRow() >= 0)
        self.unanchored_box.setVisible(bool(rows))

    def unanchored_rows(self) -> list[NoteRow]:
        return list(self._unanchored_rows)

    def _unanchored_row(self, item: QListWidgetItem) -> NoteRow:
        return self._unanchored_rows[self.unanchored_list.row(item)]

    def _reattach_current(self) -> None:
        item = self.unanchored_list.currentItem()
        if item is not None:
            self.reattach_requested.emit(self._unanchored_row(item))

    def _on_unanchored_menu(self, point: QPoint) -> None:
        item = self.unanchored_list.itemAt(point)
        if item is None:
            return
        row = self._unanchored_row(item)
        menu = QMenu(self)
        menu.addAction("Re-attach to Selection", lambda: self.reattach_requested.emit(row))
        menu.addAction("Edit note…", lambda: self.edit_requested.emit(row))
        menu.addSeparator()
        menu.addAction("Delete", lambda: self.delete_requested.emit(row))
        menu.exec(self.unanchored_list.viewport().mapToGlobal(point))
        menu.deleteLater()

    def set_rows(self, rows: list[NoteRow]) -> None:
        self.model.set_rows(rows)
        self.hint.setVisible(not rows)
        tags = sorted({t for r in rows for t in r.tags}, key=str.casefold)
        self.set_choices(self._categories, tags)

    def set_choices(self, categories: list[str], tags: list[str]) -> None:
        """Fill the category and tag pickers, keeping the current choice when it still exists."""
        self._categories = list(categories)
        self._syncing = True
        for combo, everything, values in ((self.category, "All colours", categories), (self.tag, "All tags", tags)):
            current = combo.currentData()
            combo.clear()
            combo.addItem(everything, None)
            for value in values:
                combo.addItem(value, value)
            combo.setCurrentIndex(max(0, combo.findData(current)))
        self._syncing = False

    def set_filter(self, state: FilterState) -> None:
        self.proxy.set_filter(state)
        self._syncing = True
        if len(state.categories) <= 1:
            value = next(iter(state.categories), None)
            self.category.setCurrentIndex(max(0, self.category.findData(value)))
        if len(state.tags) <= 1:
            value = next(iter(state.tags), None)
            self.tag.setCurrentIndex(max(0, self.tag.findData(value)))
        self._syncing = False

    def visible_rows(self) -> list[NoteRow]:
        return [
            self.model.row_at(self.proxy.mapToSource(self.proxy.index(r, 0)).row())
            for r in range(self.proxy.rowCount())
        ]

    def select_row(self, row_id: str) -> bool:
        row = self.model.row_of(row_id)
        index = self.proxy.mapFromSource(self.model.index(row, 0)) if row >= 0 else QModelIndex()
        if not index.isValid():
            return False
        self.list.setCurrentIndex(index)
        self.list.scrollTo(index)
        return True

    def _emit(self, changes: dict[str, object]) -> None:
        if not self._syncing:
            self.facets_changed.emit(changes)

    def _on_category(self, _index: int) -> None:
        value = self.category.currentData()
        self._emit({"categories": frozenset({value}) if value else frozenset()})

    def _on_tag(self, _index: int) -> None:
        value = self.tag.currentData()
        self._emit({"tags": frozenset({value}) if value else frozenset()})

    def _emit_row(self, signal: Any, index: QModelIndex) -> None:
        if index.isValid():
            signal.emit(self.model.row_at(self.proxy.mapToSource(index).row()))

    def _on_context_menu(self, point: QPoint) -> None:
        index = self.list.indexAt(point)
        if not index.isValid():
            return
        row = self.model.row_at(self.proxy.mapToSource(index).row())
        menu = QMenu(self)
        menu.addAction("Go to", lambda: self.row_activated.emit(row))
        menu.addAction("Edit note…", lambda: self.edit_requested.emit(row))
        menu.addSeparator()
        menu.addAction("Delete", lambda: self.delete_requested.emit(row))
        menu.exec(self.list.viewport().mapToGlobal(point))
        menu.deleteLater()


def _one_line(text: str, limit: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"

"""Library › Actors: every actor of the library with how many documents and mentions it has.

The index is read on a worker thread with its own connection (a library of 10,000 documents must
not stall the window); the search box and the type filter ask again, and a late answer to an older
question is dropped. Choosing an actor lists the documents it appears in; opening one shows it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gui.library_jobs import LibraryJobs
from models.library import Library
from models.library.actor_index import (
    ActorDocumentRow,
    LibraryActorRow,
    actor_documents,
    actor_names_of,
    index_pending,
    list_actors,
)
from models.version import ANALYZER_VERSION, APP_NAME

log = logging.getLogger(__name__)
ModelIndex = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 40
TYPES = (("All types", ""), ("People", "PERSON"), ("Organizations", "ORG"), ("Places", "PLACE"), ("Groups", "GROUP"))
TYPE_LABELS = {"PERSON": "Person", "ORG": "Organization", "PLACE": "Place", "GROUP": "Group"}


class ActorIndexModel(QAbstractTableModel):
    """Library actors: name, type, documents, mentions."""

    COLUMNS = ("Actor", "Type", "Documents", "Mentions")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[LibraryActorRow] = []

    def set_rows(self, rows: list[LibraryActorRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section]
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.DisplayRole:
            return (row.name, TYPE_LABELS.get(row.type, row.type), row.documents, row.mentions)[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class LibraryActorsWindow(QWidget):
    """The library's actor index, searchable and filterable by type, with the chosen actor's documents.

    Signals:
        document_chosen(object): a `Document` from the library should be shown in the reader.
        refreshed(): the actor list was filled again.
        details_shown(): the chosen actor's documents were listed.
    """

    document_chosen = Signal(object)
    refreshed = Signal()
    details_shown = Signal()

    def __init__(self, db_path: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("library-actors-window")
        self.setWindowTitle(f"Actors in the Library — {APP_NAME}")
        self.resize(900, 600)
        self.db_path = db_path
        self._jobs = LibraryJobs(self)
        self._generation = 0
        self._detail_generation = 0
        self._indexed = False
        # A list of every actor of a big library would take longer to fill than to search.
        self.max_rows = 5000

        self.search = QLineEdit()
        self.search.setObjectName("actors-search")
        self.search.setPlaceholderText("Search actors by any of their names")
        self.search.setClearButtonEnabled(True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.type_filter = QComboBox()
        self.type_filter.setObjectName("actors-type")
        for label, value in TYPES:
            self.type_filter.addItem(label, value)
        self.type_filter.currentIndexChanged.connect(lambda _i: self.refresh())

        self.model = ActorIndexModel(self)
        self.table = QTableView()
        self.table.setObjectName("actors-table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 110), (2, 90), (3, 90)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        self.table.selectionModel().currentRowChanged.connect(lambda _c, _p: self.show_details())
        self.model.modelReset.connect(self._after_reset)

        self.documents = QListWidget()
        self.documents.setObjectName("actors-documents")
        self.documents.itemActivated.connect(self._open_document)
        self.documents.itemDoubleClicked.connect(self._open_document)
        self.names = QLabel()
        self.names.setObjectName("actors-names")
        self.names.setWordWrap(True)
        self.status = QLabel()
        self.status.setObjectName("actors-status")

        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.names)
        side_layout.addWidget(self.documents, 1)
        split = QSplitter()
        split.addWidget(self.table)
        split.addWidget(side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.type_filter)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addWidget(self.status)

    # ----- background reads -------------------------------------------------------------------------

    def _run(self, job: Callable[[Library], object], done: Callable[[object], None], failed: str) -> None:
        """Run `job` with its own library connection on this window's worker; `done` gets its result."""
        if self.db_path is None:
            self.status.setText("The library is not available.")
            return
        self._jobs.run(self.db_path, job, done, failed)

    def wait(self, timeout_ms: int = 30_000) -> bool:
        return self._jobs.wait(timeout_ms)

    def refresh(self) -> None:
        """Read the index again for the current search and type (stored analyses not yet indexed first)."""
        self._generation += 1
        generation = self._generation
        search = self.search.text()
        kind = cast(str, self.type_filter.currentData()) or None
        first = not self._indexed
        self._indexed = True

        def job(lib: Library) -> tuple[int, list[LibraryActorRow]]:
            if first:
                index_pending(lib, ANALYZER_VERSION)
            # One more than shown tells whether the list was cut.
            return generation, list_actors(lib.conn, search=search, kind=kind, limit=self.max_rows + 1)

        self._run(job, self._show_rows, "The actors could not be listed.")

    def _show_rows(self, result: object) -> None:
        generation, rows = cast(tuple[int, list[LibraryActorRow]], result)
        if generation != self._generation:
            return
        more = len(rows) > self.max_rows
        self.model.set_rows(rows[: self.max_rows])
        if more:
            self.status.setText(f"The {self.max_rows:,} most mentioned actors; search to find the others.")
        elif rows:
            self.status.setText(f"{len(rows):,} actor{'s' if len(rows) != 1 else ''}")
        elif self.search.text().strip() or self.type_filter.currentIndex():
            self.status.setText("No actor matches the search.")
        else:
            self.status.setText("No actors yet: documents you open or add with `main.py add` are indexed here.")
        self.refreshed.emit()

    def _after_reset(self) -> None:
        if self.model.rowCount():
            self.table.selectRow(0)
        else:
            self.documents.clear()
            self.names.clear()

    def selected_actor(self) -> int | None:
        index = self.table.currentIndex()
        return cast(int, self.model.data(index, ID_ROLE)) if index.isValid() else None

    def show_details(self) -> None:
        actor_id = self.selected_actor()
        if actor_id is None:
            return
        self._detail_generation += 1
        generation = self._detail_generation
        self._run(
            lambda lib: (generation, actor_names_of(lib.conn, actor_id), actor_documents(lib.conn, actor_id)),
            self._show_details,
            "The actor's documents could not be listed.",
        )

    def _show_details(self, result: object) -> None:
        generation, names, places = cast(tuple[int, list[str], list[ActorDocumentRow]], result)
        if generation != self._detail_generation:
            return
        self.documents.clear()
        self.names.setText("Also called: " + "; ".join(names) if len(names) > 1 else "")
        for place in places:
            item = QListWidgetItem(f"{place.title} — {place.mentions} mention{'s' if place.mentions != 1 else ''}")
            item.setData(ID_ROLE, place.doc_hash)
            item.setToolTip(place.path or "pasted text")
            self.documents.addItem(item)
        self.details_shown.emit()

    def _open_document(self, item: QListWidgetItem) -> None:
        doc_hash = cast(str, item.data(ID_ROLE))
        self._run(lambda lib: lib.load_document(doc_hash), self._opened, "The document could not be opened.")

    def _opened(self, document: object) -> None:
        if document is not None:
            self.document_chosen.emit(document)

    def closeEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        self._jobs.wait()
        super().closeEvent(event)

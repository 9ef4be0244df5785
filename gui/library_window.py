"""The Library window: every document with its notes, search across all of them, trash, backup.

The list, searches, trash and backup run on this window's own worker thread with their own
connection, so a library of thousands of documents never stalls the reader.

Over 400 lines because the table model serves the window's commands (search, trash, rename, backup).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar, cast

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QTabBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gui.dialogs import show_error
from gui.library_jobs import LibraryJobWindow
from models.library import DocumentRow, ImportSummary, SearchHit
from models.library.store import LIBRARY_SUFFIX
from models.version import APP_NAME

log = logging.getLogger(__name__)
ModelIndex = QModelIndex | QPersistentModelIndex
HASH_ROLE = Qt.ItemDataRole.UserRole + 30
FILE_FILTER = f"Dramatis library (*{LIBRARY_SUFFIX});;All files (*)"


# ----- the table ------------------------------------------------------------------------------------


class LibraryModel(QAbstractTableModel):
    """Documents (title, date, source, note count) or search hits (title, where found, excerpt)."""

    DOCUMENT_COLUMNS = ("Title", "Date", "Source", "Notes")
    HIT_COLUMNS = ("Title", "Found in", "Excerpt")
    KINDS: ClassVar[dict[str, str]] = {"document": "Text", "highlight": "Highlight", "note": "Note"}

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.documents: list[DocumentRow] = []
        self.hits: list[SearchHit] = []
        self.searching = False

    def set_documents(self, rows: list[DocumentRow]) -> None:
        self.beginResetModel()
        self.documents, self.hits, self.searching = rows, [], False
        self.endResetModel()

    def set_hits(self, hits: list[SearchHit]) -> None:
        self.beginResetModel()
        self.hits, self.searching = hits, True
        self.endResetModel()

    @property
    def columns(self) -> tuple[str, ...]:
        return self.HIT_COLUMNS if self.searching else self.DOCUMENT_COLUMNS

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        if parent.isValid():
            return 0
        return len(self.hits) if self.searching else len(self.documents)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section]
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        column = index.column()
        if self.searching:
            hit = self.hits[index.row()]
            if role == HASH_ROLE:
                return hit.doc_hash
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                return (hit.title, self.KINDS.get(hit.kind, hit.kind), hit.excerpt)[column]
            return None
        row = self.documents[index.row()]
        if role == HASH_ROLE:
            return row.hash
        if role == Qt.ItemDataRole.DisplayRole:
            source = Path(row.source).name if row.source else "—"
            return (row.title, row.date or "—", source, row.note_count)[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return (
                row.title,
                row.date or "no date",
                row.source or "pasted text",
                f"{row.note_count} highlights and notes",
            )[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


# ----- the window ------------------------------------------------------------------------------------


class LibraryWindow(LibraryJobWindow):
    """Lists the library's documents; open, rename, trash, restore, search, export and import.

    Signals:
        document_chosen(object): a `Document` from the library should be shown in the reader.
        refreshed(): the list or the search results were filled again.
    """

    document_chosen = Signal(object)
    refreshed = Signal()

    def __init__(self, db_path: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(db_path, parent, name="library-window", title="Library", size=(860, 560))
        self._generation = 0
        self._pending: str | None = None
        # Replaceable in tests: dialogs that would block.
        self.ask_text: Callable[[str, str, str], str | None] = self._ask_text
        self.confirm: Callable[[str], bool] = self._confirm
        self.ask_save_path: Callable[[str], str | None] = self._ask_save_path
        self.ask_open_path: Callable[[], str | None] = self._ask_open_path

        self.search = QLineEdit()
        self.search.setObjectName("library-search")
        self.search.setPlaceholderText("Search titles, texts, highlights and notes")
        self.search.setClearButtonEnabled(True)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(150)
        self._search_timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.tabs = QTabBar()
        self.tabs.setObjectName("library-tabs")
        self.tabs.addTab("Documents")
        self.tabs.addTab("Trash")
        self.tabs.currentChanged.connect(lambda _i: self.refresh())

        self.model = LibraryModel(self)
        self.table = QTableView()
        self.table.setObjectName("library-table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setHighlightSections(False)
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.table.activated.connect(lambda _i: self.open_selected())
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.model.modelReset.connect(self._after_reset)

        self.open_button = self._button("Open", "library-open", self.open_selected)
        self.rename_button = self._button("Rename…", "library-rename", self.rename_selected)
        self.remove_button = self._button("Move to Trash", "library-remove", self.trash_selected)
        self.restore_button = self._button("Restore", "library-restore", self.restore_selected)
        self.empty_button = self._button("Empty Trash…", "library-empty", self.empty_trash)
        self.export_button = self._button("Export Library…", "library-export", self.export_library)
        self.import_button = self._button("Import Library…", "library-import", self.import_library)
        QShortcut(QKeySequence.StandardKey.Delete, self.table, self.trash_selected)
        QShortcut(QKeySequence("F2"), self.table, self.rename_selected)
        QShortcut(QKeySequence.StandardKey.Find, self, self.search.setFocus)

        self.status.setObjectName("library-status")

        top = QHBoxLayout()
        top.addWidget(self.tabs)
        top.addWidget(self.search, 1)
        buttons = QHBoxLayout()
        for button in (
            self.open_button,
            self.rename_button,
            self.remove_button,
            self.restore_button,
            self.empty_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self._update_buttons()

    def _button(self, text: str, name: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    @property
    def in_trash(self) -> bool:
        return self.tabs.currentIndex() == 1

    # ----- list and search ----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Fill the table again: search results when there is a query, else the documents or the trash."""
        self._generation += 1
        generation = self._generation
        query = self.search.text().strip()
        trash = self.in_trash
        if query and not trash:
            self._run(lambda lib: (generation, lib.search(query)), self._show_hits, "The search failed.")
        else:
            self._run(lambda lib: (generation, lib.documents(trashed=trash)), self._show_documents, "The list failed.")

    def _show_documents(self, result: object) -> None:
        generation, rows = cast(tuple[int, list[DocumentRow]], result)
        if generation != self._generation:
            return
        self.model.set_documents(rows)
        notes = sum(r.note_count for r in rows)
        if self.in_trash:
            self.status.setText(f"{_count(len(rows), 'document')} in the trash" if rows else "The trash is empty.")
        elif rows:
            self.status.setText(
                f"{_count(len(rows), 'document')} · {_count(notes, 'highlight or note', 'highlights and notes')}"
            )
        else:
            self.status.setText("No documents yet: everything you open is kept here with your notes.")
        self._say_pending()
        self.refreshed.emit()

    def _say_pending(self) -> None:
        if self._pending:
            self.status.setText(self._pending)
            self._pending = None

    def _show_hits(self, result: object) -> None:
        generation, hits = cast(tuple[int, list[SearchHit]], result)
        if generation != self._generation:
            return
        self.model.set_hits(hits)
        self.status.setText(_count(len(hits), "match", "matches") if hits else "Nothing matches the search.")
        self._say_pending()
        self.refreshed.emit()

    def _after_reset(self) -> None:
        # Fixed widths: sizing columns to their contents reads every row, too slow for thousands.
        header = self.table.horizontalHeader()
        widths = (220, 90, 0) if self.model.searching else (0, 100, 220, 60)
        stretch = 2 if self.model.searching else 0
        for column, width in enumerate(widths):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            if width:
                header.resizeSection(column, width)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        if self.model.rowCount():
            self.table.selectRow(0)
        self._update_buttons()

    def _update_buttons(self) -> None:
        has_rows = self.model.rowCount() > 0
        trash, searching = self.in_trash, self.model.searching
        self.open_button.setVisible(not trash)
        self.rename_button.setVisible(not trash and not searching)
        self.remove_button.setVisible(not trash and not searching)
        self.restore_button.setVisible(trash)
        self.empty_button.setVisible(trash)
        for button in (self.open_button, self.rename_button, self.remove_button, self.restore_button):
            button.setEnabled(has_rows)
        self.empty_button.setEnabled(has_rows)
        self.search.setEnabled(not trash)

    def selected_hash(self) -> str | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return cast(str | None, self.model.data(index, HASH_ROLE))

    def select_title(self, title: str) -> bool:
        for row in range(self.model.rowCount()):
            if self.model.data(self.model.index(row, 0)) == title:
                self.table.selectRow(row)
                return True
        return False

    # ----- actions ------------------------------------------------------------------------------------

    def open_selected(self) -> None:
        doc_hash = self.selected_hash()
        if doc_hash is None or self.in_trash:
            return
        self._run(lambda lib: lib.load_document(doc_hash), self._open_loaded, "The document could not be opened.")

    def _open_loaded(self, document: object) -> None:
        if document is not None:
            self.document_chosen.emit(document)

    def rename_selected(self) -> None:
        doc_hash = self.selected_hash()
        index = self.table.currentIndex()
        if doc_hash is None or self.model.searching:
            return
        current = str(self.model.data(self.model.index(index.row(), 0)))
        title = self.ask_text("Rename document", "Title:", current)
        if title and title.strip() and title != current:
            self._run(lambda lib: lib.rename(doc_hash, title), lambda _r: self.refresh(), "The title was not changed.")

    def trash_selected(self) -> None:
        doc_hash = self.selected_hash()
        if doc_hash is None or self.in_trash or self.model.searching:
            return
        self._run(lambda lib: lib.trash(doc_hash), lambda _r: self._done("Moved to the trash."), "Not moved.")

    def restore_selected(self) -> None:
        doc_hash = self.selected_hash()
        if doc_hash is None or not self.in_trash:
            return
        self._run(lambda lib: lib.restore(doc_hash), lambda _r: self._done("Restored."), "Not restored.")

    def empty_trash(self) -> None:
        if not self.confirm("Delete every document in the trash, with its highlights and notes, for good?"):
            return
        self._run(
            lambda lib: lib.empty_trash(),
            lambda n: self._done(f"Deleted {_count(cast(int, n), 'document')}."),
            "Not emptied.",
        )

    def _done(self, message: str) -> None:
        """Refresh the list, then say what happened (instead of the usual count)."""
        self._pending = message
        self.refresh()

    def export_library(self) -> None:
        name = f"Dramatis library {dt.date.today():%Y-%m-%d}{LIBRARY_SUFFIX}"
        path = self.ask_save_path(str(Path.home() / name))
        if not path:
            return
        if not path.endswith(LIBRARY_SUFFIX):
            path += LIBRARY_SUFFIX
        self.status.setText("Exporting the library…")
        self._run(
            lambda lib: lib.export_to(path),
            lambda target: self.status.setText(f"Library saved to {target}"),
            "The library could not be exported.",
        )

    def import_library(self) -> None:
        path = self.ask_open_path()
        if not path:
            return
        self.status.setText("Importing…")
        self._run(lambda lib: lib.import_from(path), self._imported, "The library could not be imported.")

    def _imported(self, result: object) -> None:
        summary = cast(ImportSummary, result)
        documents = _count(summary.documents, "document")
        message = f"Imported {documents} and {_count(summary.items, 'highlight or note', 'highlights and notes')}"
        if summary.skipped:
            message += f"; {_count(len(summary.skipped), 'damaged entry was', 'damaged entries were')} skipped"
            show_error(self, f"{message}.", "\n".join(summary.skipped[:20]))
        self._done(f"{message}.")

    def _context_menu(self, point: Any) -> None:
        if not self.table.indexAt(point).isValid():
            return
        menu = QMenu(self)
        if self.in_trash:
            menu.addAction("Restore", self.restore_selected)
        else:
            menu.addAction("Open", self.open_selected)
            if not self.model.searching:
                menu.addAction("Rename…", self.rename_selected)
                menu.addAction("Move to Trash", self.trash_selected)
        menu.exec(self.table.viewport().mapToGlobal(point))
        menu.deleteLater()

    # ----- dialogs -------------------------------------------------------------------------------------

    def _ask_text(self, title: str, label: str, default: str) -> str | None:
        text, ok = QInputDialog.getText(self, title, label, text=default)
        return text if ok else None

    def _confirm(self, question: str) -> bool:
        answer = QMessageBox.question(self, APP_NAME, question)
        return answer == QMessageBox.StandardButton.Yes

    def _ask_save_path(self, start: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(self, "Export library", start, FILE_FILTER)
        return path or None

    def _ask_open_path(self) -> str | None:
        path, _ = QFileDialog.getOpenFileName(self, "Import library", str(Path.home()), FILE_FILTER)
        return path or None


def _count(number: int, one: str, many: str | None = None) -> str:
    return f"{number:,} {one if number == 1 else (many or one + 's')}"

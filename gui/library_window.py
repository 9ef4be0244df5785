"""The Library window: every document with its notes, search across all of them, trash, backup.

The list, searches, trash and backup run on this window's own worker thread with their own
connection, so a library of thousands of documents never stalls the reader.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QThreadPool,
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
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QTabBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gui.add_folder import add_folder, resume_adding, stop_adding
from gui.correction_offer import CorrectionOffer
from gui.dialogs import show_error
from gui.library_jobs import LibraryJobs
from gui.library_store import LibraryCache, LibraryStore
from gui.theme import DEFAULT_READER_COLORS
from gui.workers import Task
from models.errors import AppError, LibraryWriteError, StorageError
from models.library import DocumentRow, ImportSummary, Library, SearchHit
from models.library.annotation_import import AnnotationImport, read_annotation_file
from models.library.annotation_import import import_annotations as import_annotations_into
from models.library.corrections import CorrectionOp
from models.library.store import LIBRARY_SUFFIX
from models.paths import AppPaths
from models.version import APP_NAME

if TYPE_CHECKING:
    from gui.library_actors import LibraryActorsWindow
    from gui.main_window import MainWindow

_View = TypeVar("_View", "LibraryWindow", "LibraryActorsWindow")

log = logging.getLogger(__name__)
ModelIndex = QModelIndex | QPersistentModelIndex
HASH_ROLE = Qt.ItemDataRole.UserRole + 30
FILE_FILTER = f"Dramatis library (*{LIBRARY_SUFFIX});;All files (*)"


# ----- wiring into the main window ------------------------------------------------------------------


def attach_library(window: MainWindow) -> LibraryStore | None:
    """Open the library in the window's data directory and let the reader, corrections and analysis use it."""
    paths = AppPaths(Path(window.ui.settings.fileName()).parent)  # the settings file lives in the data dir
    try:
        library = Library(paths.db_path)
    except StorageError as exc:
        message = exc.user_message
        QTimer.singleShot(0, lambda: show_error(window, "Your library could not be opened.", message))
        return None
    store = LibraryStore(library, DEFAULT_READER_COLORS)
    store.on_error = lambda message: show_error(window, "The library could not be updated.", message)

    def write_failed(message: str, exc: StorageError) -> None:
        show_error(window, message)
        if isinstance(exc, LibraryWriteError) and exc.reason == "read-only":
            show_read_only(window, library.read_only_message)

    window.reader.on_write_error = write_failed
    window.reader.set_store(store)
    window.controller.cache = LibraryCache(paths.db_path)

    def persist(op: CorrectionOp, added: bool) -> None:
        store.record_correction(op, added)
        if added and store.current is not None:  # offered for the other documents of the same actor
            offer = getattr(window, "correction_offer", None)
            if offer is None:  # made on first use: its bar joins the status bar after the window's own
                offer = window.correction_offer = CorrectionOffer(window, paths.db_path)  # type: ignore[attr-defined]
            offer.consider(store.current, op)

    window.corrections.persist = persist
    if library.notice:
        notice = library.notice
        QTimer.singleShot(0, lambda: show_error(window, "Your library file was damaged.", notice))
    if library.read_only:
        QTimer.singleShot(0, lambda: show_read_only(window, library.read_only_message))
    QTimer.singleShot(0, lambda: resume_adding(window))  # a folder left half added when the window last closed
    return store


READ_ONLY_SUFFIX = " (read-only library)"


def show_read_only(window: MainWindow, message: str) -> None:
    """Say, for as long as the window is open, that nothing is saved: status bar, title and disabled edits."""
    if window.findChild(QLabel, "read-only-library") is not None:
        return
    label = QLabel("Read-only library")
    label.setObjectName("read-only-library")
    label.setToolTip(message)
    window.statusBar().addPermanentWidget(label)
    window.statusBar().showMessage(message, 10_000)
    for action in (window.highlight_action, window.note_action):
        action.setEnabled(False)
        action.setToolTip(f"{action.text().replace('&', '')}: the library is read-only")

    def keep_suffix(title: str) -> None:
        if not title.endswith(READ_ONLY_SUFFIX):
            window.setWindowTitle(title + READ_ONLY_SUFFIX)

    window.windowTitleChanged.connect(keep_suffix)
    keep_suffix(window.windowTitle())


def detach_library(window: MainWindow) -> None:
    """On closing the window: finish the library windows' jobs and close the connection."""
    from gui.library_actors import LibraryActorsWindow

    stop_adding(window)
    actors_window = getattr(window, "library_actors_window", None)
    if isinstance(actors_window, LibraryActorsWindow):
        actors_window.close()
        actors_window.wait()
    library_window = getattr(window, "library_window", None)
    if isinstance(library_window, LibraryWindow):
        library_window.close()
        library_window.wait()
    if window.library is not None:
        window.library.close()
        window.library = None


def add_library_actions(w: MainWindow, menu: QMenu) -> None:
    """File › Library…, Export Library…, Import Library…"""
    from gui.window_menus import make_action

    menu.addAction(make_action(w, "&Library…", QKeySequence("Ctrl+L"), lambda: show_library(w)))
    menu.addAction(make_action(w, "Add &Folder…", None, lambda: add_folder(w)))
    menu.addAction(make_action(w, "Library &Actors…", None, lambda: show_library_actors(w)))
    menu.addAction(make_action(w, "E&xport Library…", None, lambda: show_library(w).export_library()))
    menu.addAction(make_action(w, "&Import Library…", None, lambda: show_library(w).import_library()))


ANNOTATION_FILTER = "W3C Web Annotations (*.jsonld *.json);;All files (*)"


def import_annotations(w: MainWindow) -> None:
    """File › Import Annotations…: W3C Web Annotations onto the open document (or the ones they name).

    Reading, anchoring and writing run on a worker with its own connection; the window then re-reads
    the open document's highlights and notes and says what was added and what was skipped.
    """
    store = w.library
    if store is None:
        show_error(w, "The library is not available, so annotations cannot be imported.")
        return
    if store.library.read_only:
        show_error(w, "Annotations cannot be imported into a read-only library.", store.library.read_only_message)
        return
    ask = getattr(w, "ask_annotation_path", None)
    path = ask() if callable(ask) else QFileDialog.getOpenFileName(w, "Import annotations", "", ANNOTATION_FILTER)[0]
    if not path:
        return
    db_path, into = store.library.path, store.current

    def work(_ctx: object) -> AnnotationImport:
        data = read_annotation_file(path)
        with Library(db_path, recover=False, check=False) as lib:
            return import_annotations_into(lib, data, into)

    task = Task(work)
    signals = task.signals
    w.statusBar().showMessage(f"Importing annotations from {Path(path).name}…")

    def finished(result: object) -> None:
        imported = cast(AnnotationImport, result)
        w.reader.reload_items()
        said = [*imported.lines(), imported.analysis_line() or ""]
        summary = " ".join(filter(None, said)) or f"No annotation in {Path(path).name} could be placed."
        w.statusBar().showMessage(summary, 10_000)
        if imported.skipped:
            skipped = _count(len(imported.skipped), "annotation was", "annotations were")
            show_error(w, f"{summary} {skipped} skipped.", "\n".join(imported.skipped[:20]))
        w.annotations_imported = imported  # type: ignore[attr-defined]  # what the last import did

    def went_wrong(exc: object) -> None:
        w.statusBar().clearMessage()
        detail = exc.user_message if isinstance(exc, AppError) else str(exc)
        show_error(w, "The annotations could not be imported.", detail)

    signals.finished.connect(finished)
    signals.failed.connect(went_wrong)
    w.annotation_task = signals  # type: ignore[attr-defined]  # kept alive until its result is delivered
    QThreadPool.globalInstance().start(task)


def _library_view(w: MainWindow, attribute: str, make: Callable[[Path | None, QWidget], _View]) -> _View:
    """The main window's one `attribute` window over its library, made on first use, brought forward."""
    window = cast("_View | None", getattr(w, attribute, None))
    if window is None:
        store = getattr(w, "library", None)
        db_path = store.library.path if isinstance(store, LibraryStore) else None
        window = make(db_path, w)
        window.document_chosen.connect(w.show_document)
        setattr(w, attribute, window)
    window.show()
    window.raise_()
    window.activateWindow()
    window.refresh()
    return window


def show_library(w: MainWindow) -> LibraryWindow:
    return _library_view(w, "library_window", LibraryWindow)


def show_library_actors(w: MainWindow) -> LibraryActorsWindow:
    """Library › Actors: the library's actor index in its own window (one per main window)."""
    from gui.library_actors import LibraryActorsWindow
    from gui.passage_links import PassageLinks
    from models.deep_link import build_link

    made = getattr(w, "library_actors_window", None) is None
    window = _library_view(w, "library_actors_window", LibraryActorsWindow)
    if made:  # a mention or event on an actor's page opens its document at that place

        def open_passage(doc_hash: str, start: int, end: int) -> None:
            links = w.findChild(PassageLinks) or PassageLinks(w)
            links.open_link(build_link(doc_hash, start, end))

        window.passage_chosen.connect(open_passage)
    return window


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


class LibraryWindow(QWidget):
    """Lists the library's documents; open, rename, trash, restore, search, export and import.

    Signals:
        document_chosen(object): a `Document` from the library should be shown in the reader.
        refreshed(): the list or the search results were filled again.
    """

    document_chosen = Signal(object)
    refreshed = Signal()

    def __init__(self, db_path: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("library-window")
        self.setWindowTitle(f"Library — {APP_NAME}")
        self.resize(860, 560)
        self.db_path = db_path
        self._jobs = LibraryJobs(self)
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

        self.status = QLabel()
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

    # ----- background jobs --------------------------------------------------------------------------

    def _run(self, job: Callable[[Library], object], done: Callable[[object], None], failed: str) -> None:
        """Run `job` with its own library connection on this window's worker; `done` gets its result."""
        if self.db_path is None:
            self.status.setText("The library is not available.")
            return
        self._jobs.run(self.db_path, job, done, failed)

    def wait(self, timeout_ms: int = 30_000) -> bool:
        return self._jobs.wait(timeout_ms)

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

    def closeEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        self._jobs.wait()
        super().closeEvent(event)


def _count(number: int, one: str, many: str | None = None) -> str:
    return f"{number:,} {one if number == 1 else (many or one + 's')}"

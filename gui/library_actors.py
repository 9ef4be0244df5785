"""Library › Actors: every actor of the library, and an actor's page across documents.

The index is read a page at a time on a worker thread with its own connection (a library of 10,000
documents must not stall the window): the table model asks for the next page as the reader scrolls
(Qt's canFetchMore/fetchMore), the search box and the type filter ask again, and a late answer to an
older question is dropped. Choosing an actor shows its page: every document with its mentions (read
when the document is unfolded; activating one opens the document at that place), the actors seen with
it most, and its events on one timeline. Linking actors and unlinking an actor from one document are
undoable (the window's own QUndoStack).

Over 400 lines because the index table, its paging model and the actor page share one worker and one selection.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeySequence, QUndoCommand, QUndoStack
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
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTabWidget,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.library_jobs import LibraryJobWindow
from models.library import Library
from models.library.actor_index import index_pending
from models.library.actor_links import LinkChange, link_actors, undo_link, unlink_actor
from models.library.actor_listing import LibraryActorRow, index_page
from models.library.actor_page import (
    PAGE_DOCUMENTS,
    ActorPage,
    MentionLine,
    PageDocument,
    actor_page,
    document_mentions,
    page_documents,
)
from models.version import ANALYZER_VERSION

log = logging.getLogger(__name__)
ModelIndex = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 40
PLACE_ROLE = Qt.ItemDataRole.UserRole + 41
TYPES = (("All types", ""), ("People", "PERSON"), ("Organizations", "ORG"), ("Places", "PLACE"), ("Groups", "GROUP"))
TYPE_LABELS = {"PERSON": "Person", "ORG": "Organization", "PLACE": "Place", "GROUP": "Group"}
ROLE_LABELS = {"source": "acts", "target": "is acted on", "place": "is the place", "participant": "takes part"}
PAGE_ROWS = 200


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def _span(first: str | None, last: str | None) -> str:
    if not first:
        return ""
    return first if first == last else f"{first} – {last}"


class ActorIndexModel(QAbstractTableModel):
    """Library actors: name, type, documents, mentions, first and last seen; filled a page at a time.

    Signals:
        fetch_requested(int): the view scrolled to the end; read the page that starts at this row.
    """

    COLUMNS = ("Actor", "Type", "Documents", "Mentions", "First seen", "Last seen")
    fetch_requested = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[LibraryActorRow] = []
        self.total = 0
        self.loading = False

    def set_rows(self, rows: list[LibraryActorRow], total: int) -> None:
        self.beginResetModel()
        self.rows = rows
        self.total = max(total, len(rows))
        self.loading = False
        self.endResetModel()

    def append_rows(self, offset: int, rows: list[LibraryActorRow]) -> None:
        self.loading = False
        if offset != len(self.rows) or not rows:
            return
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(rows) - 1)
        self.rows.extend(rows)
        self.endInsertRows()

    def canFetchMore(self, parent: ModelIndex = QModelIndex()) -> bool:  # noqa: N802, B008
        return not parent.isValid() and not self.loading and len(self.rows) < self.total

    def fetchMore(self, parent: ModelIndex = QModelIndex()) -> None:  # noqa: N802, B008
        if self.canFetchMore(parent):
            self.loading = True
            self.fetch_requested.emit(len(self.rows))

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
            return (
                row.name,
                TYPE_LABELS.get(row.type, row.type),
                row.documents,
                row.mentions,
                row.first_date or "",
                row.last_date or "",
            )[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (2, 3):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


@dataclass
class _Link:
    """What a link or unlink command needs across redo and undo (filled in by the worker as it runs)."""

    source: int
    target: int = 0
    doc_hash: str = ""
    change: LinkChange | None = None
    shown: list[int] = field(default_factory=list)


class _LinkCommand(QUndoCommand):
    """Link two library actors, or unlink one from a document, on the window's worker; undo puts it back."""

    def __init__(self, window: LibraryActorsWindow, text: str, state: _Link) -> None:
        super().__init__(text)
        self.window = window
        self.state = state

    def redo(self) -> None:
        state = self.state

        def job(lib: Library) -> int:
            with lib.write() as conn:
                if state.doc_hash:
                    state.change = unlink_actor(conn, state.source, state.doc_hash)
                    return state.source
                state.change = link_actors(conn, state.source, state.target)
                return state.target

        self.window.run_edit(job)

    def undo(self) -> None:
        state = self.state

        def job(lib: Library) -> int:
            if state.change is None:
                return state.source
            with lib.write() as conn:
                back = undo_link(conn, state.change)
            if not state.doc_hash:
                state.source = back  # the actor linked away has a new number once it is back
            return back if not state.doc_hash else state.source

        self.window.run_edit(job)


class WrappedColumnDelegate(QStyledItemDelegate):
    """Wraps one column's text, and asks for the height it needs at the column's width (a tree view asks without
    one); the view's other columns stay on one line, cut short with "…" (their tooltips give them whole)."""

    def __init__(self, view: QTreeWidget) -> None:
        super().__init__(view)
        self.view = view

    def initStyleOption(self, option: QStyleOptionViewItem, index: ModelIndex) -> None:  # noqa: N802 - Qt override
        super().initStyleOption(option, index)
        option.features |= QStyleOptionViewItem.ViewItemFeature.WrapText

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:  # noqa: N802 - Qt override
        size = super().sizeHint(option, index)
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        style = self.view.style()
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self.view) + 1
        width = max(1, self.view.columnWidth(index.column()) - 2 * margin)
        flags = int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft)
        text = item.fontMetrics.boundingRect(QRect(0, 0, width, 1_000_000), flags, item.text)
        return QSize(size.width(), max(size.height(), text.height() + 2 * margin))


class ActorPageView(QWidget):
    """One library actor across the library: facts, its documents and mentions, co-actors, timeline.

    Signals:
        passage_chosen(str, int, int): open document `doc_hash` at [start, end).
        actor_chosen(int): show another actor's page (a co-actor was activated).
        mentions_wanted(str): a document was unfolded; its mention lines are wanted.
        more_documents_wanted(int): the list of documents reached its end; the next page from this row.
        unlink_wanted(str): the reader says the actor in this document is someone else.
    """

    passage_chosen = Signal(str, int, int)
    actor_chosen = Signal(int)
    mentions_wanted = Signal(str)
    more_documents_wanted = Signal(int)
    unlink_wanted = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("actor-page")
        self.page: ActorPage | None = None
        self.heading = QLabel()
        self.heading.setObjectName("actor-page-name")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self.facts = QLabel()
        self.facts.setObjectName("actor-page-facts")
        self.facts.setWordWrap(True)
        self.names = QLabel()
        self.names.setObjectName("actors-names")
        self.names.setWordWrap(True)

        self.mentions = QTreeWidget()
        self.mentions.setObjectName("actor-page-mentions")
        self.mentions.setHeaderLabels(["Document / mention", "Date"])
        self.mentions.setUniformRowHeights(True)
        self.mentions.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.mentions.header().setStretchLastSection(False)
        self.mentions.itemExpanded.connect(self._expanded)
        self.mentions.itemActivated.connect(self._activated)
        self.mentions.itemDoubleClicked.connect(self._activated)
        self.mentions.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.mentions.currentItemChanged.connect(lambda _c, _p: self._update_buttons())
        self.unlink_button = QToolButton()
        self.unlink_button.setObjectName("actor-page-unlink")
        self.unlink_button.setText("Not This Actor Here")
        self.unlink_button.setToolTip(
            "The actor in the chosen document is someone else: take it out of this actor (undoable)"
        )
        self.unlink_button.clicked.connect(self._unlink)
        mentions_tab = QWidget()
        mentions_layout = QVBoxLayout(mentions_tab)
        mentions_layout.setContentsMargins(0, 0, 0, 0)
        mentions_layout.addWidget(self.mentions, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.unlink_button)
        mentions_layout.addLayout(row)

        self.co_actors = QListWidget()
        self.co_actors.setObjectName("actor-page-co-actors")
        self.co_actors.itemActivated.connect(lambda item: self.actor_chosen.emit(int(item.data(ID_ROLE))))
        self.co_actors.itemDoubleClicked.connect(lambda item: self.actor_chosen.emit(int(item.data(ID_ROLE))))

        # "What happened" is the words around the event: wrapped onto as many lines as they need, never cut.
        self.timeline = QTreeWidget()
        self.timeline.setObjectName("actor-page-timeline")
        self.timeline.setRootIsDecorated(False)
        self.timeline.setAlternatingRowColors(True)
        self.timeline.setUniformRowHeights(False)
        self.timeline.setHeaderLabels(["Date", "Event", "Role", "What happened", "Document"])
        self.timeline.setItemDelegateForColumn(3, WrappedColumnDelegate(self.timeline))
        self.timeline.header().setStretchLastSection(False)
        self.timeline.header().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self._relayout = QTimer(self)  # the wrapped rows take their new heights once a column's width settles
        self._relayout.setSingleShot(True)
        self._relayout.setInterval(0)
        self._relayout.timeout.connect(self.timeline.doItemsLayout)
        self.timeline.header().sectionResized.connect(lambda _i, _old, _new: self._relayout.start())
        self.timeline.itemActivated.connect(self._activated)
        self.timeline.itemDoubleClicked.connect(self._activated)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("actor-page-tabs")
        self.tabs.addTab(mentions_tab, "Documents and Mentions")
        self.tabs.addTab(self.co_actors, "Seen With")
        self.tabs.addTab(self.timeline, "Timeline")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.facts)
        layout.addWidget(self.names)
        layout.addWidget(self.tabs, 1)
        self.show_page(None)

    # ----- filling ------------------------------------------------------------------------------------

    def show_page(self, page: ActorPage | None) -> None:
        self.page = page
        self.mentions.clear()
        self.co_actors.clear()
        self.timeline.clear()
        if page is None:
            self.heading.setText("")
            self.facts.setText("Choose an actor to see every document and mention of it.")
            self.names.clear()
            self._update_buttons()
            return
        actor = page.actor
        self.heading.setText(actor.name)
        facts = [TYPE_LABELS.get(actor.type, actor.type), _plural(actor.documents, "document")]
        facts.append(_plural(actor.mentions, "mention"))
        if actor.first_date:
            facts.append(f"seen {_span(actor.first_date, actor.last_date)}")
        self.facts.setText(" · ".join(facts))
        others = [n for n in page.names if n != actor.name]
        self.names.setText("Also called: " + "; ".join(others) if others else "")
        self.add_documents(0, page.documents)
        for other in page.co_actors:
            line = QListWidgetItem(
                f"{other.name} ({TYPE_LABELS.get(other.type, other.type)}) — "
                f"{_plural(other.shared, 'document')} together"
            )
            line.setData(ID_ROLE, other.id)
            self.co_actors.addItem(line)
        for event in page.events:
            item = QTreeWidgetItem(
                [
                    event.date or "undated",
                    event.type.title(),
                    ROLE_LABELS.get(event.role, event.role),
                    event.context or event.text,
                    event.title,
                ]
            )
            item.setData(0, PLACE_ROLE, (event.doc_hash, event.start, event.end))
            item.setToolTip(3, f"{event.context or event.text} — {event.title}")
            item.setToolTip(4, event.title)
            for column in (0, 1, 2, 4):
                item.setTextAlignment(column, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            self.timeline.addTopLevelItem(item)
        if page.more_events:
            more = QTreeWidgetItem(["", "", "", f"Only the first {len(page.events):,} events are listed.", ""])
            more.setFlags(Qt.ItemFlag.NoItemFlags)
            self.timeline.addTopLevelItem(more)
        for column in (0, 1, 2, 4):
            self.timeline.resizeColumnToContents(column)
        # A long document title gets no more than a fifth of the page; its tooltip gives it whole.
        self.timeline.setColumnWidth(4, min(self.timeline.columnWidth(4), max(120, self.timeline.width() // 5)))
        self.mentions.resizeColumnToContents(1)
        self.tabs.setTabText(1, f"Seen With ({len(page.co_actors)})")
        self.tabs.setTabText(2, f"Timeline ({len(page.events)}{'+' if page.more_events else ''})")
        self._update_buttons()

    def add_documents(self, offset: int, documents: list[PageDocument]) -> None:
        if self.page is None or offset != self.mentions.topLevelItemCount():
            return
        for place in documents:
            item = QTreeWidgetItem(
                [f"{place.title or 'Untitled'} — {_plural(place.mentions, 'mention')}", place.date or ""]
            )
            item.setData(0, ID_ROLE, place.doc_hash)
            item.setToolTip(0, place.path or "pasted text")
            item.setChildIndicatorPolicy(QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator)
            self.mentions.addTopLevelItem(item)

    def document_item(self, doc_hash: str) -> QTreeWidgetItem | None:
        for row in range(self.mentions.topLevelItemCount()):
            item = self.mentions.topLevelItem(row)
            if item is not None and item.data(0, ID_ROLE) == doc_hash:
                return item
        return None

    def add_mentions(self, doc_hash: str, lines: list[MentionLine]) -> None:
        item = self.document_item(doc_hash)
        if item is None:
            return
        item.takeChildren()
        for line in lines:
            kind = "" if line.kind == "name" else f" ({line.kind})"
            child = QTreeWidgetItem([f"…{line.before} [{line.text}]{kind} {line.after}…", ""])
            child.setData(0, PLACE_ROLE, (doc_hash, line.start, line.end))
            child.setToolTip(0, f"{line.before} {line.text} {line.after}")
            item.addChild(child)
        item.setChildIndicatorPolicy(QTreeWidgetItem.ChildIndicatorPolicy.DontShowIndicatorWhenChildless)

    # ----- reader's actions ---------------------------------------------------------------------------

    def _expanded(self, item: QTreeWidgetItem) -> None:
        doc_hash = item.data(0, ID_ROLE)
        if doc_hash and item.childCount() == 0:
            self.mentions_wanted.emit(str(doc_hash))

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        place = item.data(0, PLACE_ROLE)
        if place:
            doc_hash, start, end = place
            self.passage_chosen.emit(str(doc_hash), int(start), int(end))
        elif item.data(0, ID_ROLE):
            item.setExpanded(not item.isExpanded())

    def _scrolled(self, value: int) -> None:
        bar = self.mentions.verticalScrollBar()
        if value >= bar.maximum() - 2:
            self.load_more()

    def load_more(self) -> None:
        """Ask for the next page of documents when there are more than listed."""
        shown = self.mentions.topLevelItemCount()
        if self.page is not None and shown < self.page.actor.documents and shown % PAGE_DOCUMENTS == 0:
            self.more_documents_wanted.emit(shown)

    def chosen_document(self) -> str | None:
        item = self.mentions.currentItem()
        while item is not None and item.parent() is not None:
            item = item.parent()
        return str(item.data(0, ID_ROLE)) if item is not None else None

    def _update_buttons(self) -> None:
        several = self.page is not None and self.page.actor.documents > 1
        self.unlink_button.setEnabled(bool(several and self.chosen_document()))

    def _unlink(self) -> None:
        doc_hash = self.chosen_document()
        if doc_hash:
            self.unlink_wanted.emit(doc_hash)


class LibraryActorsWindow(LibraryJobWindow):
    """The library's actor index, searchable and filterable by type, with the chosen actor's page.

    Signals:
        document_chosen(object): a `Document` from the library should be shown in the reader.
        passage_chosen(str, int, int): show document `doc_hash` in the reader at [start, end).
        refreshed(): the actor list was filled again.
        details_shown(): the chosen actor's page was filled.
        mentions_shown(str): a document's mention lines were listed on the page.
        edited(): a link or unlink (or its undo) was written and the index read again.
    """

    document_chosen = Signal(object)
    passage_chosen = Signal(str, int, int)
    refreshed = Signal()
    details_shown = Signal()
    mentions_shown = Signal(str)
    edited = Signal()

    def __init__(self, db_path: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(db_path, parent, name="library-actors-window", title="Actors in the Library", size=(1200, 720))
        self._generation = 0
        self._detail_generation = 0
        self._indexed = False
        self._wanted_actor: int | None = None
        self._keep_page = False
        self.page_rows = PAGE_ROWS
        self.undo_stack = QUndoStack(self)

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
        self.link_button = QToolButton()
        self.link_button.setObjectName("actors-link")
        self.link_button.setText("Link as One Actor")
        self.link_button.setToolTip("The selected actors are one and the same (select two or more; undoable)")
        self.link_button.clicked.connect(self.link_selected)
        self.link_button.setEnabled(False)
        undo = self.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo_stack.createRedoAction(self, "&Redo")
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        self.addActions([undo, redo])
        self.undo_button = QToolButton()
        self.undo_button.setObjectName("actors-undo")
        self.undo_button.setDefaultAction(undo)
        self.undo_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)

        self.model = ActorIndexModel(self)
        self.model.fetch_requested.connect(self._fetch_page)
        self.table = QTableView()
        self.table.setObjectName("actors-table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 100), (2, 80), (3, 80), (4, 90), (5, 90)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        self.table.selectionModel().currentRowChanged.connect(lambda _c, _p: self.show_details())
        self.table.selectionModel().selectionChanged.connect(lambda _s, _d: self._update_link_button())
        self.model.modelReset.connect(self._after_reset)

        self.page = ActorPageView()
        self.page.passage_chosen.connect(self.passage_chosen)
        self.page.actor_chosen.connect(self.show_actor)
        self.page.mentions_wanted.connect(self._load_mentions)
        self.page.more_documents_wanted.connect(self._load_documents)
        self.page.unlink_wanted.connect(self.unlink_document)
        self.names = self.page.names
        self.status.setObjectName("actors-status")

        split = QSplitter()
        split.addWidget(self.table)
        split.addWidget(self.page)
        split.setStretchFactor(0, 5)
        split.setStretchFactor(1, 6)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.type_filter)
        top.addWidget(self.link_button)
        top.addWidget(self.undo_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addWidget(self.status)

    # ----- background reads -------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the first page of the index for the current search and type (unindexed analyses first)."""
        self._generation += 1
        generation = self._generation
        search = self.search.text()
        kind = cast(str, self.type_filter.currentData()) or None
        first = not self._indexed
        self._indexed = True
        limit = self.page_rows

        def job(lib: Library) -> tuple[int, int, list[LibraryActorRow]]:
            if first:
                index_pending(lib, ANALYZER_VERSION)
            total, rows = index_page(lib.conn, search=search, kind=kind, limit=limit)
            return generation, total, rows

        self._run(job, self._show_rows, "The actors could not be listed.")

    def _show_rows(self, result: object) -> None:
        generation, total, rows = cast(tuple[int, int, list[LibraryActorRow]], result)
        if generation != self._generation:
            return
        self._keep_page = self._wanted_actor is not None  # after a link: its actor's page, wherever it is listed
        if self._wanted_actor is None:
            self._wanted_actor = self.selected_actor()
        self.model.set_rows(rows, total)
        if total:
            self.status.setText(_plural(total, "actor"))
        elif self.search.text().strip() or self.type_filter.currentIndex():
            self.status.setText("No actor matches the search.")
        else:
            self.status.setText("No actors yet: add documents with Library › Add Folder… and they are indexed here.")
        self.refreshed.emit()

    def _fetch_page(self, offset: int) -> None:
        generation = self._generation
        search = self.search.text()
        kind = cast(str, self.type_filter.currentData()) or None
        limit = self.page_rows

        def job(lib: Library) -> tuple[int, int, list[LibraryActorRow]]:
            return generation, offset, index_page(lib.conn, search=search, kind=kind, limit=limit, offset=offset)[1]

        def done(result: object) -> None:
            got_generation, got_offset, rows = cast(tuple[int, int, list[LibraryActorRow]], result)
            if got_generation == self._generation:
                self.model.append_rows(got_offset, rows)

        self._run(job, done, "More actors could not be listed.")

    def _after_reset(self) -> None:
        wanted = self._wanted_actor
        self._wanted_actor = None
        row = next((i for i, r in enumerate(self.model.rows) if r.id == wanted), None)
        if row is not None:
            self.table.selectRow(row)
            self.show_details()
        elif wanted is not None and self._keep_page:
            self.show_actor(wanted)  # beyond the first page, or just made by a link: its page stays in view
        elif self.model.rowCount():
            self.table.selectRow(0)
        else:
            self.page.show_page(None)

    def selected_actor(self) -> int | None:
        index = self.table.currentIndex()
        return cast(int, self.model.data(index, ID_ROLE)) if index.isValid() else None

    def selected_actors(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.rows[r].id for r in rows if r < len(self.model.rows)]

    def _update_link_button(self) -> None:
        self.link_button.setEnabled(len(self.selected_actors()) >= 2)

    def show_details(self) -> None:
        actor_id = self.selected_actor()
        if actor_id is not None:
            self.show_actor(actor_id)

    def show_actor(self, actor_id: int) -> None:
        """Show one actor's page (from the index, or a co-actor's from another page)."""
        self._detail_generation += 1
        generation = self._detail_generation
        self._run(
            lambda lib: (generation, actor_page(lib.conn, actor_id)),
            self._show_details,
            "The actor's page could not be read.",
        )

    def _show_details(self, result: object) -> None:
        generation, page = cast(tuple[int, ActorPage | None], result)
        if generation != self._detail_generation:
            return
        self.page.show_page(page)
        self.details_shown.emit()

    def _load_mentions(self, doc_hash: str) -> None:
        page = self.page.page
        if page is None:
            return
        actor_id = page.actor.id
        self._run(
            lambda lib: (actor_id, doc_hash, document_mentions(lib.conn, actor_id, doc_hash)),
            self._show_mentions,
            "The mentions could not be read.",
        )

    def _show_mentions(self, result: object) -> None:
        actor_id, doc_hash, lines = cast(tuple[int, str, list[MentionLine]], result)
        if self.page.page is not None and self.page.page.actor.id == actor_id:
            self.page.add_mentions(doc_hash, lines)
            self.mentions_shown.emit(doc_hash)

    def _load_documents(self, offset: int) -> None:
        page = self.page.page
        if page is None:
            return
        actor_id = page.actor.id

        def done(result: object) -> None:
            got_actor, got_offset, documents = cast(tuple[int, int, list[PageDocument]], result)
            if self.page.page is not None and self.page.page.actor.id == got_actor:
                self.page.add_documents(got_offset, documents)

        self._run(
            lambda lib: (actor_id, offset, page_documents(lib.conn, actor_id, offset)),
            done,
            "More documents could not be listed.",
        )

    # ----- linking ------------------------------------------------------------------------------------

    def run_edit(self, job: Callable[[Library], int]) -> None:
        """Write a link change, then read the index and the page of the actor it leaves in view."""

        def done(result: object) -> None:
            self._wanted_actor = cast(int, result)
            self.refresh()
            self.refreshed.connect(self._edited_once)

        self._run(job, done, "The actors could not be linked.")

    def _edited_once(self) -> None:
        self.refreshed.disconnect(self._edited_once)
        self.edited.emit()

    def link_selected(self) -> None:
        """Link the selected actors into the most mentioned of them (undoable)."""
        chosen = self.selected_actors()
        if len(chosen) < 2:
            return
        rows = {r.id: r for r in self.model.rows}
        target = max(chosen, key=lambda i: (rows[i].mentions, -i))
        self.undo_stack.beginMacro(f"Link {len(chosen)} actors as {rows[target].name}")
        for source in chosen:
            if source != target:
                self.undo_stack.push(_LinkCommand(self, f"Link {rows[source].name}", _Link(source, target)))
        self.undo_stack.endMacro()

    def unlink_document(self, doc_hash: str) -> None:
        page = self.page.page
        if page is None:
            return
        self.undo_stack.push(
            _LinkCommand(self, f"Unlink {page.actor.name} in one document", _Link(page.actor.id, doc_hash=doc_hash))
        )

"""The X-Ray dock: everything about the selected actor, each line a way back into the article."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.panels.event_delegate import QuoteLineDelegate
from gui.qt_models import sentence_around
from gui.theme import ACTOR_STYLES
from models.views.xray import XRay, mention_sentence

_DATA_ROLE = Qt.ItemDataRole.UserRole + 1
QUOTE_ROLE = Qt.ItemDataRole.UserRole + 2  # (before, mention, after) within the sentence
_KIND_LABELS = {"name": "by name", "nominal": "by description", "pronoun": "by pronoun"}
_ROLE_LABELS = {"source": "acts", "target": "acted on", "place": "where", "participant": "takes part"}


class MentionListModel(QAbstractListModel):
    """Mentions of one actor, each shown in its sentence; sentences are cut only for rows on screen.

    Why a model: an actor of a long book has thousands of mentions, and quoting them all up front
    would cost the 500 ms a filter change may take.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._xray: XRay | None = None
        self._text = ""
        self._cache: dict[int, str] = {}
        self._quotes: dict[int, tuple[str, str, str]] = {}

    def set_xray(self, xray: XRay | None, text: str) -> None:
        self.beginResetModel()
        self._xray, self._text, self._cache, self._quotes = xray, text, {}, {}
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() or self._xray is None else len(self._xray.mentions)

    def _quote(self, row: int) -> tuple[str, str, str]:
        """The mention's sentence split around it (computed for rows on screen only, then kept)."""
        cached = self._quotes.get(row)
        if cached is None:
            assert self._xray is not None
            mention = self._xray.mentions[row]
            cached = sentence_around(self._text, mention.start, mention.end)
            self._quotes[row] = cached
        return cached

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self._xray is None or not index.isValid():
            return None
        mention = self._xray.mentions[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            cached = self._cache.get(index.row())
            if cached is None:
                sentence = mention_sentence(self._text, mention.start, mention.end)
                cached = sentence.replace(mention.text, f"[{mention.text}]", 1)
                self._cache[index.row()] = cached
            return cached
        if role == QUOTE_ROLE:
            return self._quote(index.row())
        if role == Qt.ItemDataRole.ToolTipRole:
            how = _KIND_LABELS.get(mention.kind, mention.kind)
            before, word, after = self._quote(index.row())
            sentence = f"{html.escape(before)}<b>{html.escape(word)}</b>{html.escape(after)}"
            return f"<p>{sentence}<br><span style='color:gray'>“{html.escape(mention.text)}”, {how}</span></p>"
        if role == _DATA_ROLE:
            return (mention.start, mention.end)
        return None


class XRayPanel(QWidget):
    """Mentions, events and notes of the selected actor.

    Signals:
        mention_activated(int, int): Python offsets of a mention to show in the article.
        event_activated(str, int, int): an event (id and trigger offsets).
        note_requested(str): add or edit the note on this target ("actor:<id>" or "event:<id>").
    """

    mention_activated = Signal(int, int)
    event_activated = Signal(str, int, int)
    note_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("xray-panel")
        self.xray: XRay | None = None
        self.title = QLabel()
        self.title.setObjectName("xray-title")
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.details = QLabel()
        self.details.setObjectName("xray-details")
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.note_button = QPushButton("Add Note on This Actor…")
        self.note_button.setObjectName("xray-note")
        self.note_button.clicked.connect(self._on_note)
        self.mention_model = MentionListModel(self)
        self.mentions = QListView()
        self.mentions.setObjectName("xray-mentions")
        self.mentions.setModel(self.mention_model)
        # One line per mention, the mention in bold and in view, the whole sentence on hover.
        self.mentions.setItemDelegate(QuoteLineDelegate(QUOTE_ROLE, self.mentions))
        self.mentions.setUniformItemSizes(True)
        self.mentions.setAlternatingRowColors(True)
        self.mentions.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.mentions.clicked.connect(self._on_mention)
        self.mentions.activated.connect(self._on_mention)
        self.events = QTreeWidget()
        self.events.setObjectName("xray-events")
        self.events.setHeaderLabels(["Date", "Event", "Role", "With"])
        self.events.setRootIsDecorated(False)
        self.events.setAlternatingRowColors(True)
        self.events.itemClicked.connect(self._on_event)
        self.events.itemActivated.connect(self._on_event)
        self.notes = QTreeWidget()
        self.notes.setObjectName("xray-notes")
        self.notes.setHeaderLabels(["On", "Note"])
        self.notes.setRootIsDecorated(False)
        self.notes.setWordWrap(True)
        self.notes.itemActivated.connect(self._on_note_item)
        self.notes.itemDoubleClicked.connect(self._on_note_item)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("xray-tabs")
        self.tabs.addTab(self.mentions, "Mentions")
        self.tabs.addTab(self.events, "Events")
        self.tabs.addTab(self.notes, "Notes")
        self.empty = QLabel("Select an actor (in the article, the Actors list or the network) to see it here.")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setObjectName("xray-empty")
        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 0)
        head.addWidget(self.title, 1)
        head.addWidget(self.note_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.empty)
        layout.addLayout(head)
        layout.addWidget(self.details)
        layout.addWidget(self.tabs, 1)
        self.set_xray(None, "")

    @property
    def actor_id(self) -> str | None:
        return self.xray.id if self.xray else None

    def set_xray(self, xray: XRay | None, text: str) -> None:
        self.xray = xray
        shown = xray is not None
        self.empty.setVisible(not shown)
        for widget in (self.title, self.details, self.tabs, self.note_button):
            widget.setVisible(shown)
        self.mention_model.set_xray(xray, text)
        self.events.clear()
        self.notes.clear()
        if xray is None:
            return
        esc = html.escape
        kind = ACTOR_STYLES[xray.type].label if xray.type in ACTOR_STYLES else xray.type.title()
        self.title.setText(f"<b style='font-size:13pt'>{esc(xray.name)}</b> · {esc(kind)}")
        lines = []
        if xray.roles:
            lines.append("Roles: " + esc(", ".join(xray.roles)))
        aliases = [a for a in xray.aliases if a != xray.name]
        if aliases:
            lines.append("Also: " + esc(", ".join(aliases[:8])) + (" …" if len(aliases) > 8 else ""))
        n = len(xray.mentions)
        counts = ", ".join(
            f"{v} {_KIND_LABELS.get(k, k)}" for k, v in sorted(xray.kinds.items(), key=lambda kv: -kv[1])
        )
        lines.append(f"{n} mention{'s' if n != 1 else ''}" + (f" ({counts})" if counts else ""))
        self.details.setText("<br>".join(lines))
        self.tabs.setTabText(0, f"Mentions ({n})")
        self.tabs.setTabText(1, f"Events ({len(xray.events)})")
        self.tabs.setTabText(2, f"Notes ({len(xray.notes)})")
        for event in xray.events[:5000]:
            item = QTreeWidgetItem(
                [
                    event.date_label,
                    f"{event.type.title()} “{event.trigger}”",
                    _ROLE_LABELS[event.role],
                    ", ".join(event.others),
                ]
            )
            item.setData(0, _DATA_ROLE, (event.id, event.start, event.end))
            self.events.addTopLevelItem(item)
        for column in range(3):
            self.events.resizeColumnToContents(column)
        own = any(note.target == xray.target for note in xray.notes)
        self.note_button.setText("Edit Note on This Actor…" if own else "Add Note on This Actor…")
        for note in xray.notes:
            text = note.text + (f"  [{', '.join(note.tags)}]" if note.tags else "")
            item = QTreeWidgetItem([note.about, text])
            item.setData(0, _DATA_ROLE, note.target)
            item.setToolTip(1, note.text)
            self.notes.addTopLevelItem(item)
        self.notes.resizeColumnToContents(0)

    def mention_row_rect(self, row: int) -> Any:
        return self.mentions.visualRect(self.mention_model.index(row, 0))

    def _on_mention(self, index: QModelIndex) -> None:
        place = index.data(_DATA_ROLE)
        if place:
            self.mention_activated.emit(int(place[0]), int(place[1]))

    def _on_event(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        event_id, start, end = item.data(0, _DATA_ROLE)
        self.event_activated.emit(str(event_id), int(start), int(end))

    def _on_note(self) -> None:
        if self.xray is not None:
            self.note_requested.emit(self.xray.target)

    def _on_note_item(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        self.note_requested.emit(str(item.data(0, _DATA_ROLE)))

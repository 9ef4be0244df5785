"""Qt item models over the domain dataclasses, for the side panels.

Models adapt `Analysis`/`FilterState` values and never own domain logic: what is visible comes
from `FilterState`, so the panels, the article and the reports agree.

Over 400 lines because the actor and event panels' models and filter proxies are kept side by side.
"""

from __future__ import annotations

import html
from typing import Any, ClassVar

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from gui.theme import ACTOR_STYLES
from models.domain import Actor, Analysis, Event
from models.filters import FilterState, date_interval, display_date
from models.text import sentence_parts
from models.views.chronology import reading_order

ModelIndex = QModelIndex | QPersistentModelIndex

ID_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2  # "type" for group rows, "actor"/"event" for items
MENTIONS_ROLE = Qt.ItemDataRole.UserRole + 3
FIRST_ROLE = Qt.ItemDataRole.UserRole + 4
NAME_ROLE = Qt.ItemDataRole.UserRole + 5
START_ROLE = Qt.ItemDataRole.UserRole + 6
END_ROLE = Qt.ItemDataRole.UserRole + 7
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 8
HEADLINE_ROLE = Qt.ItemDataRole.UserRole + 9  # events: (date as read, type, who → whom)
CONTEXT_ROLE = Qt.ItemDataRole.UserRole + 10  # events: (sentence before the trigger, trigger, after it)
UNDATED_ROLE = Qt.ItemDataRole.UserRole + 11  # events: True when the date names no calendar period

TYPE_ORDER = tuple(ACTOR_STYLES)
_NO_PARENT = 0  # internal id of type rows; actor rows carry their type row + 1


class ActorTreeModel(QAbstractItemModel):
    """Actors grouped by type: two columns (name, mentions), check boxes per type and per actor.

    Checking a box does not change the model's data directly: it calls `on_check(kind, key,
    visible)` so the window's filter hub stays the one source of truth; the hub's change comes
    back through `set_filter`.
    """

    COLUMNS = ("Actor", "Mentions")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._types: list[str] = []
        self._actors: dict[str, list[Actor]] = {}
        self._state = FilterState()
        self.on_check: Any = None

    # ----- feeding ------------------------------------------------------------------------------

    def set_analysis(self, analysis: Analysis | None) -> None:
        self.beginResetModel()
        self._actors = {}
        for actor in analysis.actors if analysis else []:
            self._actors.setdefault(str(actor.type), []).append(actor)
        self._types = [t for t in TYPE_ORDER if t in self._actors]
        self.endResetModel()

    def set_filter(self, state: FilterState) -> None:
        """Announce only the rows whose check box or colour changed (a toggle must stay cheap)."""
        old, self._state = self._state, state
        changed_types = old.hidden_layers ^ state.hidden_layers
        changed_actors = old.hidden_actors ^ state.hidden_actors
        if not changed_types and not changed_actors:
            return
        roles = [Qt.ItemDataRole.CheckStateRole, Qt.ItemDataRole.ForegroundRole]
        for row, type_key in enumerate(self._types):
            actors = self._actors[type_key]
            touched = [i for i, a in enumerate(actors) if a.id in changed_actors]
            if type_key in changed_types or touched:
                parent = self.createIndex(row, 0, _NO_PARENT)
                self.dataChanged.emit(parent, parent, roles)
            if type_key in changed_types and actors:
                touched = [0, len(actors) - 1]
            if touched:
                first = self.createIndex(min(touched), 0, row + 1)
                last = self.createIndex(max(touched), 0, row + 1)
                self.dataChanged.emit(first, last, roles)

    def actor_index(self, actor_id: str) -> QModelIndex:
        for row, type_key in enumerate(self._types):
            for child, actor in enumerate(self._actors[type_key]):
                if actor.id == actor_id:
                    return self.index(child, 0, self.index(row, 0))
        return QModelIndex()

    def actor_at(self, index: ModelIndex) -> Actor | None:
        if not index.isValid() or index.internalId() == _NO_PARENT:
            return None
        return self._actors[self._types[index.internalId() - 1]][index.row()]

    # ----- QAbstractItemModel -------------------------------------------------------------------

    def index(self, row: int, column: int, parent: ModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if row < 0 or not 0 <= column < len(self.COLUMNS):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _NO_PARENT) if row < len(self._types) else QModelIndex()
        top_level = parent.internalId() == _NO_PARENT and parent.column() == 0
        if top_level and row < len(self._actors[self._types[parent.row()]]):
            return self.createIndex(row, column, parent.row() + 1)
        return QModelIndex()

    def parent(self, index: ModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == _NO_PARENT:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _NO_PARENT)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        if not parent.isValid():
            return len(self._types)
        if parent.column() != 0:
            return 0
        if parent.internalId() == _NO_PARENT:
            return len(self._actors[self._types[parent.row()]])
        return 0

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section]
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == 0:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == _NO_PARENT:
            return self._type_data(self._types[index.row()], index.column(), role)
        actor = self._actors[self._types[index.internalId() - 1]][index.row()]
        return self._actor_data(actor, index.column(), role)

    def setData(self, index: ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole or index.column() != 0:
            return False
        visible = _checked(value)
        if index.internalId() == _NO_PARENT:
            key = self._types[index.row()]
            if self.on_check is not None:
                self.on_check("type", key, visible)
        else:
            actor = self._actors[self._types[index.internalId() - 1]][index.row()]
            if self.on_check is not None:
                self.on_check("actor", actor.id, visible)
        return True

    def _type_data(self, key: str, column: int, role: int) -> Any:
        actors = self._actors[key]
        if role == Qt.ItemDataRole.DisplayRole:
            # The group row names its actors; the number in the Mentions column is their mentions.
            if column == 0:
                return f"{ACTOR_STYLES[key].label} · {len(actors)} actor{'' if len(actors) == 1 else 's'}"
            return sum(len(a.mentions) for a in actors)
        if role == Qt.ItemDataRole.ToolTipRole:
            n, m = len(actors), sum(len(a.mentions) for a in actors)
            return f"{ACTOR_STYLES[key].label}: {n} actor{'' if n == 1 else 's'}, {m} mention{'' if m == 1 else 's'}"
        if role == Qt.ItemDataRole.CheckStateRole and column == 0:
            if key in self._state.hidden_layers:
                return Qt.CheckState.Unchecked
            if any(a.id in self._state.hidden_actors for a in actors):
                return Qt.CheckState.PartiallyChecked
            return Qt.CheckState.Checked
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == ID_ROLE:
            return key
        if role == KIND_ROLE:
            return "type"
        if role in (MENTIONS_ROLE, FIRST_ROLE, NAME_ROLE):
            return TYPE_ORDER.index(key)
        if role == SEARCH_ROLE:
            return ""
        return None

    def _actor_data(self, actor: Actor, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return actor.name if column == 0 else len(actor.mentions)
        if role == Qt.ItemDataRole.CheckStateRole and column == 0:
            shown = actor.id not in self._state.hidden_actors
            return Qt.CheckState.Checked if shown else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ForegroundRole and str(actor.type) in self._state.hidden_layers:
            return QColor(128, 128, 128)
        if role == Qt.ItemDataRole.ToolTipRole:
            parts = [actor.name]
            if actor.roles:
                parts.append(", ".join(actor.roles))
            others = [a for a in actor.aliases if a != actor.name]
            if others:
                parts.append("Also: " + ", ".join(others[:8]))
            return "\n".join(parts)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ID_ROLE:
            return actor.id
        if role == KIND_ROLE:
            return "actor"
        if role == MENTIONS_ROLE:
            return len(actor.mentions)
        if role == FIRST_ROLE:
            return min((m.start for m in actor.mentions), default=0)
        if role == NAME_ROLE:
            return actor.name.casefold()
        if role == SEARCH_ROLE:
            return " ".join([actor.name, *actor.aliases, *actor.roles])
        return None


class ActorFilterProxy(QSortFilterProxyModel):
    """Search (name, aliases, roles) and sort (mentions, name, first appearance); groups stay in type order."""

    SORTS: ClassVar[dict[str, int]] = {"mentions": MENTIONS_ROLE, "name": NAME_ROLE, "first": FIRST_ROLE}

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(True)
        # Check-box changes must not re-sort or re-filter the list (that cost 50 ms a toggle).
        self.setDynamicSortFilter(False)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterRole(SEARCH_ROLE)
        self._sort = "mentions"
        # Each row's sort key, read from the model once per sort: comparing through the model's data cost a
        # 200-actor article a tenth of a second (four look-ups of each row per comparison).
        self._keys: dict[tuple[int, int], tuple[Any, str]] = {}
        self.setSortRole(MENTIONS_ROLE)
        self.sort(0, Qt.SortOrder.AscendingOrder)

    def setSourceModel(self, model: QAbstractItemModel) -> None:  # noqa: N802 - Qt override
        super().setSourceModel(model)
        model.modelReset.connect(self._keys.clear)
        model.layoutChanged.connect(self._keys.clear)

    def set_sort(self, key: str) -> None:
        self._sort = key
        self._keys.clear()
        self.setSortRole(self.SORTS[key])
        self.sort(0, Qt.SortOrder.AscendingOrder)

    def resort(self) -> None:
        """Sort again after the source changed (dynamic sorting is off)."""
        self._keys.clear()
        self.invalidate()
        self.sort(0, Qt.SortOrder.AscendingOrder)

    def set_search(self, text: str) -> None:
        self.setFilterFixedString(text.strip())

    def lessThan(self, left: ModelIndex, right: ModelIndex) -> bool:  # noqa: N802
        return self._key(left) < self._key(right)

    def _key(self, index: ModelIndex) -> tuple[Any, str]:
        """The sort value and then the name; actors by mentions most mentioned first (groups stay in type order)."""
        row = (index.internalId(), index.row())
        key = self._keys.get(row)
        if key is None:
            value = index.data(self.sortRole())
            if self._sort == "mentions" and index.data(KIND_ROLE) != "type":
                value = -value
            key = self._keys[row] = (value, str(index.data(NAME_ROLE)))
        return key


class EventTableModel(QAbstractTableModel):
    """Events in chronological order (undated after dated): date, type, who, quote."""

    COLUMNS = ("Date", "Type", "Who", "Quote")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._events: list[Event] = []
        self._names: dict[str, str] = {}
        self._quotes: list[str] = []
        self._contexts: list[tuple[str, str, str]] = []

    def set_analysis(self, analysis: Analysis | None) -> None:
        self.beginResetModel()
        if analysis is None:
            self._events, self._names, self._quotes, self._contexts = [], {}, [], []
        else:
            text = analysis.document.text
            self._events = sorted(analysis.events, key=reading_order(analysis.events))
            self._names = {a.id: a.name for a in analysis.actors}
            self._quotes = [short_quote(text, e.start, e.end) for e in self._events]
            self._contexts = [sentence_parts(text, e.start, e.end) for e in self._events]
        self.endResetModel()

    def event_at(self, row: int) -> Event:
        return self._events[row]

    def row_of(self, event_id: str) -> int:
        for row, event in enumerate(self._events):
            if event.id == event_id:
                return row
        return -1

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._events)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section]
        return None

    def who(self, event: Event) -> str:
        source = self._names.get(event.source or "")
        target = self._names.get(event.target or "")
        # Only what the text says: "Biden" for a call with no one named at the other end, not "Biden → ?".
        if source and target:
            return f"{source} → {target}"
        if source or target:
            return source or f"→ {target}"
        return ", ".join(self._names[p] for p in event.participants if p in self._names)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        event = self._events[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return display_date(event.date)
            if column == 1:
                return event.type.title()
            if column == 2:
                return self.who(event)
            return self._quotes[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(index.row())
        if role == Qt.ItemDataRole.ForegroundRole and column == 0 and date_interval(event.date) is None:
            return QColor(128, 128, 128)
        if role == HEADLINE_ROLE:
            return display_date(event.date), event.type.title(), self.who(event)
        if role == CONTEXT_ROLE:
            return self._contexts[index.row()]
        if role == UNDATED_ROLE:
            return date_interval(event.date) is None
        if role == ID_ROLE:
            return event.id
        if role == KIND_ROLE:
            return "event"
        if role == START_ROLE:
            return event.start
        if role == END_ROLE:
            return event.end
        return None

    def _tooltip(self, row: int) -> str:
        """Rich text, so Qt wraps it: type, date and how it was worked out, who, and the whole sentence."""
        event = self._events[row]
        left, trigger, right = self._contexts[row]
        basis = f" ({html.escape(event.date_basis)})" if event.date_basis else ""
        who = self.who(event)
        lines = [f"<b>{html.escape(event.type.title())}</b> · {html.escape(display_date(event.date))}{basis}"]
        if who:
            lines.append(html.escape(who))
        lines.append(f"{html.escape(left)}<b>{html.escape(trigger)}</b>{html.escape(right)}")
        return "<p>" + "<br>".join(lines) + "</p>"


class EventFilterProxy(QSortFilterProxyModel):
    """Rows that pass the shared filter state's event facets, plus a list-local text search."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._state = FilterState()
        self._search = ""

    def set_filter(self, state: FilterState) -> None:
        old, self._state = self._state, state
        if _event_facets(old) == _event_facets(state):
            return  # a layer or actor toggle: the list is unchanged, skip re-filtering a book's events
        self.beginFilterChange()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_search(self, text: str) -> None:
        self.beginFilterChange()
        self._search = text.strip().casefold()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: ModelIndex) -> bool:  # noqa: N802
        model = self.sourceModel()
        if not isinstance(model, EventTableModel) or source_parent.isValid():
            return True
        event = model.event_at(source_row)
        if not self._state.event_matches(event, use_text=False):
            return False
        if self._search:
            haystack = " ".join(
                (event.text, event.type, event.date or "", model.who(event), model.data(model.index(source_row, 3)))
            )
            return self._search in haystack.casefold()
        return True


def short_quote(text: str, start: int, end: int, width: int = 90) -> str:
    """The words around an event trigger, trimmed at word boundaries, on one line."""
    left = max(0, start - width // 2)
    right = min(len(text), end + width // 2)
    # Stay inside the paragraph.
    para_start = text.rfind("\n", 0, start) + 1
    para_end = text.find("\n", end)
    left = max(left, para_start)
    right = min(right, para_end if para_end != -1 else len(text))
    snippet = text[left:right]
    if left > para_start and " " in snippet:
        snippet = "…" + snippet[snippet.index(" ") + 1 :]
    if right < (para_end if para_end != -1 else len(text)) and " " in snippet:
        snippet = snippet[: snippet.rindex(" ")] + "…"
    return " ".join(snippet.split())


def _event_facets(state: FilterState) -> tuple[object, ...]:
    return (state.event_types, state.actors, state.date_from, state.date_to)


def _checked(value: Any) -> bool:
    if isinstance(value, Qt.CheckState):
        return value != Qt.CheckState.Unchecked
    return int(value) != 0

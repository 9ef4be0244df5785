"""The find bar (Ctrl+F): matches painted in the article, a count, next and previous."""

from __future__ import annotations

import re
from bisect import bisect_left

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from gui.article_view import ArticleView
from models.offsets import Utf16Map

MAX_MATCHES = 50_000


class FindBar(QWidget):
    """Finds text in the article view (case-insensitive), painting every match.

    Signals:
        closed(): the bar was hidden.
    """

    closed = Signal()

    def __init__(self, view: ArticleView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("find-bar")
        self._view = view
        self._text = ""
        self._offsets = Utf16Map("")
        self._matches: list[tuple[int, int]] = []
        self._current = -1
        self.field = QLineEdit()
        self.field.setObjectName("find-field")
        self.field.setPlaceholderText("Find in document")
        self.field.setClearButtonEnabled(True)
        self.field.installEventFilter(self)
        self.count = QLabel()
        self.count.setObjectName("find-count")
        self.count.setMinimumWidth(90)
        previous = QToolButton()
        previous.setText("↑")
        previous.setToolTip("Previous match (Shift+Enter, Shift+F3)")
        previous.clicked.connect(self.find_previous)
        following = QToolButton()
        following.setText("↓")
        following.setToolTip("Next match (Enter, F3)")
        following.clicked.connect(self.find_next)
        close = QToolButton()
        close.setText("✕")
        close.setToolTip("Close (Esc)")
        close.clicked.connect(self.close_bar)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.field, 1)
        layout.addWidget(self.count)
        layout.addWidget(previous)
        layout.addWidget(following)
        layout.addWidget(close)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(120)
        self._debounce.timeout.connect(self._search)
        self.field.textChanged.connect(lambda _t: self._debounce.start())
        self.hide()

    def set_document(self, text: str, offsets: Utf16Map) -> None:
        self._text = text
        self._offsets = offsets
        if self.isVisible() and self.field.text():
            self._search()
        else:
            self._matches, self._current = [], -1

    def open_bar(self) -> None:
        """Show the bar, seeded with the selected text when there is a short selection."""
        selected = self._view.textCursor().selectedText()
        if selected and len(selected) < 80 and "\u2029" not in selected:
            self.field.setText(selected)
        self.show()
        self.field.setFocus()
        self.field.selectAll()
        self._search()

    def close_bar(self) -> None:
        self.hide()
        self._view.clear_find_matches()
        self._view.setFocus()
        self.closed.emit()

    @property
    def matches(self) -> list[tuple[int, int]]:
        return list(self._matches)

    @property
    def current(self) -> int:
        return self._current

    def find_next(self) -> None:
        self._step(1)

    def find_previous(self) -> None:
        self._step(-1)

    def _search(self) -> None:
        self._debounce.stop()
        needle = self.field.text()
        self._matches = []
        if needle:
            pattern = re.compile(re.escape(needle), re.IGNORECASE)
            for match in pattern.finditer(self._text):
                self._matches.append((self._offsets.to_qt(match.start()), self._offsets.to_qt(match.end())))
                if len(self._matches) >= MAX_MATCHES:
                    break
        here = self._view.textCursor().selectionStart()
        starts = [s for s, _ in self._matches]
        self._current = bisect_left(starts, here) % len(starts) if starts else -1
        self._show_current()

    def _step(self, delta: int) -> None:
        if not self.isVisible():
            self.open_bar()
            return
        if not self._matches:
            return
        self._current = (self._current + delta) % len(self._matches)
        self._show_current()

    def _show_current(self) -> None:
        self._view.set_find_matches(self._matches, self._current)
        if not self.field.text():
            self.count.setText("")
        elif not self._matches:
            self.count.setText("No matches")
        else:
            more = "+" if len(self._matches) >= MAX_MATCHES else ""
            self.count.setText(f"{self._current + 1} of {len(self._matches)}{more}")
            start, end = self._matches[self._current]
            self._view.scroll_to_position(start, select_to=end)

    def eventFilter(self, watched: object, event: object) -> bool:  # noqa: N802 - Qt override
        if watched is self.field and isinstance(event, QKeyEvent) and event.type() == QKeyEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self._debounce.isActive():
                    self._search()
                    return True
                shift = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
                self._step(-1 if shift else 1)
                return True
            if key == Qt.Key.Key_Escape:
                self.close_bar()
                return True
        return super().eventFilter(watched, event)  # type: ignore[arg-type]

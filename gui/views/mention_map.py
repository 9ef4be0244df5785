"""Mention map: ticks on the article's vertical scroll bar where the selected actors and events occur."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QPlainTextEdit, QScrollBar, QStyle, QStyleOptionSlider, QWidget


class MentionMapBar(QScrollBar):
    """A vertical scroll bar that also paints marks, given as (fraction of the document, colour).

    Marks are bucketed per pixel row when set, so painting costs the same for three mentions and
    for twenty thousand.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.setObjectName("mention-map")
        self._marks: list[tuple[float, str]] = []
        self.enabled_map = True

    def set_marks(self, marks: list[tuple[float, str]]) -> None:
        self._marks = marks
        self.update()

    @property
    def marks(self) -> list[tuple[float, str]]:
        return self._marks

    def groove(self) -> QRect:
        option = QStyleOptionSlider()
        self.initStyleOption(option)
        return self.style().subControlRect(
            QStyle.ComplexControl.CC_ScrollBar, option, QStyle.SubControl.SC_ScrollBarGroove, self
        )

    def mark_y(self, fraction: float) -> int:
        groove = self.groove()
        return groove.top() + int(fraction * max(1, groove.height() - 2))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        if not self._marks or not self.enabled_map:
            return
        painter = QPainter(self)
        groove = self.groove()
        seen: set[tuple[int, str]] = set()
        width = max(4, self.width() - 4)
        for fraction, color in self._marks:
            y = groove.top() + int(fraction * max(1, groove.height() - 2))
            if (y, color) in seen:
                continue
            seen.add((y, color))
            painter.fillRect(QRect(2, y, width, 2), QColor(color))
        painter.end()


def line_fractions(view: QPlainTextEdit, positions: list[int]) -> list[float]:
    """Where Qt positions sit in the document, as a fraction of its lines (the scroll bar's unit)."""
    document = view.document()
    lines = max(1, document.lineCount())
    blocks = max(1, document.blockCount())
    out = []
    for position in positions:
        block = document.findBlock(position)
        if not block.isValid():
            continue
        first = block.firstLineNumber()
        if first < 0:  # layout not yet known: count blocks instead
            out.append(block.blockNumber() / blocks)
            continue
        layout = block.layout()
        within = 0
        if layout is not None and layout.lineCount() > 1:
            line = layout.lineForTextPosition(position - block.position())
            within = max(0, line.lineNumber()) if line.isValid() else 0
        out.append(min(1.0, (first + within) / lines))
    return out

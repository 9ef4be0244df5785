"""A mark in the article's left margin beside every passage the reader wrote a note on.

Qt's way for a gutter (as in its code-editor example): a child widget over the scroll area's
viewport margin, repainted when the text scrolls; hovering a mark shows the note itself.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QEvent, QPointF, QRectF
from PySide6.QtGui import QColor, QHelpEvent, QPainter, QPaintEvent, QPolygonF, QTextBlock
from PySide6.QtWidgets import QPlainTextEdit, QToolTip, QWidget

from gui.theme import Theme

SpanRects = Callable[[QTextBlock, int, int], list[QRectF]]

MARGIN_WIDTH = 22
MARK_SIZE = 11.0


class NoteMargin(QWidget):
    """Paints one note mark per noted passage (at its first line) and shows the note on hover."""

    def __init__(self, view: QPlainTextEdit, span_rects: SpanRects, theme: Callable[[], Theme]) -> None:
        """`span_rects(block, start, end)`: where the view draws a passage; `theme()`: its colours now."""
        super().__init__(view)
        self.setObjectName("note-margin")
        self.setMouseTracking(True)
        self._view = view
        self._span_rects = span_rects
        self._theme = theme
        self.marks: list[tuple[int, int, str, str]] = []  # Qt start, end, note text, colour

    def set_marks(self, marks: list[tuple[int, int, str, str]]) -> None:
        self.marks = sorted(marks)
        self.update()

    def mark_rects(self) -> list[tuple[QRectF, str, str]]:
        """Where each visible mark is drawn (widget coordinates), with its note and colour."""
        view = self._view
        out: list[tuple[QRectF, str, str]] = []
        document = view.document()
        for start, end, note, color in self.marks:
            block = document.findBlock(start)
            rects = self._span_rects(block, start, max(start + 1, min(end, block.position() + block.length() - 1)))
            if not rects:
                continue
            top = rects[0].top() + (rects[0].height() - MARK_SIZE) / 2
            if -MARK_SIZE < top < self.height():
                out.append((QRectF((self.width() - MARK_SIZE) / 2, top, MARK_SIZE, MARK_SIZE), note, color))
        return out

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        if not self.marks:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        theme = self._theme()
        fold = 3.5
        for rect, _note, color in self.mark_rects():
            # A note card with a folded corner, in the category's colour: reads as "note" without words.
            painter.setPen(QColor(theme.text))
            painter.setBrush(QColor(color))
            card = QPolygonF(
                [
                    rect.topLeft(),
                    QPointF(rect.right() - fold, rect.top()),
                    QPointF(rect.right(), rect.top() + fold),
                    rect.bottomRight(),
                    rect.bottomLeft(),
                ]
            )
            painter.drawPolygon(card)
            y = rect.center().y()
            painter.drawLine(QPointF(rect.left() + 2.5, y), QPointF(rect.right() - 2.5, y))
        painter.end()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            point = QPointF(event.pos())
            note = next((n for rect, n, _c in self.mark_rects() if rect.adjusted(-4, -3, 4, 3).contains(point)), None)
            if note:
                QToolTip.showText(event.globalPos(), f"<p>{html.escape(note)}</p>", self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

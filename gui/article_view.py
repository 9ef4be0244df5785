"""The reading view: a read-only QPlainTextEdit with highlights painted over unchanged text.

Highlights are never written into the document. They live in a `SpanIndex` (Qt positions) and
only the spans of the visible blocks are painted, so toggling a category or scrolling costs the
same on a short article and on a book.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QTextBlock,
    QTextCursor,
    QTextLine,
    QTextOption,
    QWheelEvent,
)
from PySide6.QtWidgets import QPlainTextEdit, QToolTip, QWidget

from gui.theme import THEMES, CategoryStyle, Style, Theme
from models.spans import Span, SpanIndex

READING_CHARS = 70
MIN_POINT_SIZE = 8
MAX_POINT_SIZE = 40
DEFAULT_POINT_SIZE = 13

StyleLookup = Callable[[str], CategoryStyle | None]
TooltipProvider = Callable[[list[Span]], str]


class ArticleView(QPlainTextEdit):
    """Shows one document and paints its highlight layers.

    Signals:
        span_clicked(Span): a highlight was clicked (innermost span under the mouse).
        zoom_changed(int): the text point size changed.
    """

    span_clicked = Signal(object)
    zoom_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setFrameShape(QPlainTextEdit.Shape.NoFrame)
        self.setMouseTracking(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self._spans = SpanIndex()
        self._hidden_categories: set[str] = set()
        self._hidden_items: set[str] = set()
        self._style_for: StyleLookup = lambda _category: None
        self._tooltip_for: TooltipProvider | None = None
        self._theme: Theme = THEMES["light"]
        self._point_size = DEFAULT_POINT_SIZE
        self._apply_font()

    # ----- content -------------------------------------------------------------------------

    def set_text(self, text: str) -> None:
        """Replace the document; highlights are cleared."""
        self._spans = SpanIndex()
        self.setPlainText(text)
        self.moveCursor(QTextCursor.MoveOperation.Start)

    def set_spans(self, spans: Iterable[Span]) -> None:
        """Replace all highlight spans (positions in UTF-16 units)."""
        self._spans = SpanIndex(list(spans))
        self.viewport().update()

    def add_spans(self, spans: list[Span]) -> None:
        self._spans.extend(spans)
        self.viewport().update()

    @property
    def spans(self) -> SpanIndex:
        return self._spans

    def set_style_lookup(self, lookup: StyleLookup) -> None:
        self._style_for = lookup
        self.viewport().update()

    def set_tooltip_provider(self, provider: TooltipProvider | None) -> None:
        self._tooltip_for = provider

    def set_category_visible(self, category: str, visible: bool) -> None:
        if visible:
            self._hidden_categories.discard(category)
        else:
            self._hidden_categories.add(category)
        self.viewport().update()

    def set_item_visible(self, item_id: str, visible: bool) -> None:
        if visible:
            self._hidden_items.discard(item_id)
        else:
            self._hidden_items.add(item_id)
        self.viewport().update()

    def is_visible_span(self, span: Span) -> bool:
        return span.category not in self._hidden_categories and span.item_id not in self._hidden_items

    def visible_spans_at(self, position: int) -> list[Span]:
        return [s for s in self._spans.at(position) if self.is_visible_span(s)]

    # ----- look ------------------------------------------------------------------------------

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self.setPalette(theme.palette(self.palette()))
        self.viewport().setPalette(theme.palette(self.viewport().palette()))
        self.setAutoFillBackground(True)
        self.viewport().update()

    @property
    def theme(self) -> Theme:
        return self._theme

    def point_size(self) -> int:
        return self._point_size

    def set_point_size(self, size: int) -> None:
        size = max(MIN_POINT_SIZE, min(MAX_POINT_SIZE, size))
        if size != self._point_size:
            self._point_size = size
            self._apply_font()
            self.zoom_changed.emit(size)

    def zoom_in(self) -> None:
        self.set_point_size(self._point_size + 1)

    def zoom_out(self) -> None:
        self.set_point_size(self._point_size - 1)

    def zoom_reset(self) -> None:
        self.set_point_size(DEFAULT_POINT_SIZE)

    def _apply_font(self) -> None:
        font = QFont()
        font.setFamilies(["Charis SIL", "Georgia", "DejaVu Serif", "serif"])
        font.setStyleHint(QFont.StyleHint.Serif)
        font.setPointSize(self._point_size)
        self.setFont(font)
        self.document().setDefaultFont(font)
        block_spacing = QFontMetricsF(font).height() * 0.6
        self.document().setDocumentMargin(block_spacing)
        self._update_margins()

    def _update_margins(self) -> None:
        metrics = QFontMetricsF(self.font())
        measure = metrics.horizontalAdvance("x" * READING_CHARS) * 1.05
        spare = max(0.0, self.width() - measure - self.verticalScrollBar().sizeHint().width())
        side = int(spare / 2)
        self.setViewportMargins(side, 0, side, 0)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._update_margins()

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt override
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            (self.zoom_in if event.angleDelta().y() > 0 else self.zoom_out)()
            event.accept()
            return
        super().wheelEvent(event)

    # ----- geometry -------------------------------------------------------------------------

    def visible_range(self) -> tuple[int, int]:
        """Document positions (UTF-16) of the first and past-the-last visible characters."""
        block = self.firstVisibleBlock()
        start = block.position()
        bottom = self.viewport().height()
        end = start
        while block.isValid():
            geometry = self.blockBoundingGeometry(block).translated(self.contentOffset())
            if geometry.top() > bottom:
                break
            end = block.position() + block.length()
            block = block.next()
        return start, end

    def span_rects(self, block: QTextBlock, start: int, end: int) -> list[QRectF]:
        """Rectangles (viewport coordinates) covering [start, end) within one block, one per line."""
        layout = block.layout()
        if layout is None:
            return []
        origin = self.blockBoundingGeometry(block).translated(self.contentOffset()).topLeft()
        origin += layout.position()
        base = block.position()
        rects: list[QRectF] = []
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            line_start = base + line.textStart()
            line_end = line_start + line.textLength()
            s, e = max(start, line_start), min(end, line_end)
            if s >= e:
                continue
            x1 = _cursor_x(line, s - base)
            x2 = _cursor_x(line, e - base)
            rects.append(QRectF(origin.x() + x1, origin.y() + line.y(), x2 - x1, line.height()))
        return rects

    def position_at(self, point: QPoint) -> int | None:
        """Document position of the character under `point`, or None off the text."""
        cursor = self.cursorForPosition(point)
        pos = cursor.position()
        for candidate in (pos, pos - 1):
            if candidate < 0:
                continue
            block = self.document().findBlock(candidate)
            for rect in self.span_rects(block, candidate, candidate + 1):
                if rect.adjusted(-1, 0, 1, 0).contains(QPointF(point)):
                    return candidate
        return None

    def scroll_to_position(self, position: int, *, select_to: int | None = None) -> None:
        """Bring `position` into view, about a third from the top."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(position)
        if select_to is not None:
            cursor.setPosition(select_to, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        block_top = self.blockBoundingGeometry(cursor.block()).translated(self.contentOffset()).top()
        bar = self.verticalScrollBar()
        # QPlainTextEdit scrolls by lines; estimate a line step from the block's geometry.
        line_height = max(1.0, QFontMetricsF(self.font()).lineSpacing())
        target = bar.value() + int((block_top - self.viewport().height() / 3) / line_height)
        bar.setValue(max(bar.minimum(), min(bar.maximum(), target)))
        self.ensureCursorVisible()

    # ----- painting ---------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        visible = self._visible_spans_by_block(event.rect().top(), event.rect().bottom())
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for block, spans in visible:
            for span in spans:
                style = self._style_for(span.category)
                if style is not None and style.style == Style.TINT:
                    for rect in self.span_rects(block, span.start, span.end):
                        painter.fillRect(rect, self._theme.tint(style.color))
        painter.end()
        super().paintEvent(event)
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for block, spans in visible:
            for span in spans:
                style = self._style_for(span.category)
                if style is None or style.style == Style.TINT:
                    continue
                for rect in self.span_rects(block, span.start, span.end):
                    self._paint_mark(painter, rect, style)
        painter.end()

    def _paint_mark(self, painter: QPainter, rect: QRectF, style: CategoryStyle) -> None:
        color: QColor = self._theme.line(style.color)
        if style.style == Style.UNDERLINE:
            pen = QPen(color, 2.0)
            painter.setPen(pen)
            y = rect.bottom() - 1.5
            painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
        elif style.style == Style.WAVY:
            pen = QPen(color, 1.6, Qt.PenStyle.DotLine)
            painter.setPen(pen)
            y = rect.bottom() - 1.0
            painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
        elif style.style == Style.BOX:
            pen = QPen(color, 1.2)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect.adjusted(-1, 1, 1, -1), 3, 3)

    def _visible_spans_by_block(self, top: int, bottom: int) -> list[tuple[QTextBlock, list[Span]]]:
        result: list[tuple[QTextBlock, list[Span]]] = []
        if not len(self._spans):
            return result
        block = self.firstVisibleBlock()
        offset = self.contentOffset()
        while block.isValid():
            geometry = self.blockBoundingGeometry(block).translated(offset)
            if geometry.top() > bottom:
                break
            if geometry.bottom() >= top:
                start = block.position()
                spans = [s for s in self._spans.overlapping(start, start + block.length()) if self.is_visible_span(s)]
                if spans:
                    result.append((block, spans))
            block = block.next()
        return result

    # ----- interaction ------------------------------------------------------------------------

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.ToolTip and self._tooltip_for is not None:
            help_event = event  # QHelpEvent
            point = help_event.pos()  # type: ignore[attr-defined]
            position = self.position_at(point)
            spans = self.visible_spans_at(position) if position is not None else []
            text = self._tooltip_for(spans) if spans else ""
            if text:
                QToolTip.showText(help_event.globalPos(), text, self.viewport())  # type: ignore[attr-defined]
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or self.textCursor().hasSelection():
            return
        position = self.position_at(event.position().toPoint())
        if position is None:
            return
        spans = self.visible_spans_at(position)
        if spans:
            self.span_clicked.emit(spans[0])


def _cursor_x(line: QTextLine, position: int) -> float:
    """x of a cursor position in a line (PySide returns the pair (x, adjusted position))."""
    result: tuple[float, int] = line.cursorToX(position)  # type: ignore[assignment]
    return result[0]

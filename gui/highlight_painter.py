"""How highlights are drawn: tints and markers under the text, lines, waves and boxes over it.

Kept apart from the reading view (gui/article_view.py), which decides what is visible and where
it lies; this module only turns (style, rectangles) into paint, with pens cached per theme because
creating pens per span per paint was the main cost of a repaint.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QTextBlock, QTextLine
from PySide6.QtWidgets import QPlainTextEdit

from gui.theme import CategoryStyle, Edge, Style, Theme
from models.spans import Span, SpanIndex

StyleLookup = Callable[[Span], CategoryStyle | None]
Mark = tuple[CategoryStyle, Span, list[QRectF]]  # a visible span, its style and its line rectangles

_EDGE_PENS = {
    Edge.SOLID: Qt.PenStyle.SolidLine,
    Edge.DASH: Qt.PenStyle.DashLine,
    Edge.DOT: Qt.PenStyle.DotLine,
    Edge.DASH_DOT: Qt.PenStyle.DashDotLine,
}
_LINE_PENS = {
    Style.UNDERLINE: Qt.PenStyle.SolidLine,
    Style.DASHED: Qt.PenStyle.DashLine,
    Style.DOTTED: Qt.PenStyle.DotLine,
}


def collect_marks(
    view: QPlainTextEdit,
    blocks: Iterable[QTextBlock],
    spans: SpanIndex,
    visible: Callable[[Span], bool],
    style_for: StyleLookup,
) -> list[Mark]:
    """Each visible span's style and rectangles in `blocks`, computed once for both paint passes."""
    marks: list[Mark] = []
    for block in blocks:
        geometry: BlockGeometry | None = None
        for span in spans.overlapping(block.position(), block.position() + block.length()):
            if not visible(span):
                continue
            style = style_for(span)
            if style is None:
                continue
            geometry = geometry or BlockGeometry(view, block)
            marks.append((style, span, geometry.rects(span.start, span.end)))
    return marks


class HighlightPainter:
    """Paints one view's highlight layers, find matches, the flash and the focus veil in its theme."""

    def __init__(self, theme: Theme) -> None:
        self._theme = theme
        self._pens: dict[tuple[str, str, str], QPen | None] = {}

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self._pens.clear()

    def paint_fills(self, painter: QPainter, marks: list[Mark]) -> None:
        """Tints and markers, drawn under the text."""
        theme = self._theme
        fills: dict[tuple[str, str], QColor] = {}
        painter.setPen(Qt.PenStyle.NoPen)
        for style, _span, rects in marks:
            if style.style == Style.TINT:
                key = ("tint", style.color)
                painter.setBrush(fills.get(key) or fills.setdefault(key, theme.tint(style.color)))
                for rect in rects:
                    painter.drawRoundedRect(text_box(rect), 2.5, 2.5)
            elif style.style == Style.MARKER:
                key = ("marker", style.color)
                painter.setBrush(fills.get(key) or fills.setdefault(key, theme.marker(style.color)))
                for rect in rects:
                    painter.drawRect(
                        QRectF(rect.left(), rect.top() + rect.height() * 0.48, rect.width(), rect.height() * 0.4)
                    )

    def paint_find(self, painter: QPainter, rects: list[QRectF], current: bool) -> None:
        """One find match (under the text); the current one stands out."""
        painter.setBrush(self._theme.find(current))
        for rect in rects:
            painter.drawRoundedRect(text_box(rect).adjusted(-1, 0, 1, 0), 2, 2)

    def paint_flash(self, painter: QPainter, rects: list[QRectF], level: float) -> None:
        """The passage just jumped to, fading with `level` (1 to 0)."""
        color = self._theme.flash()
        color.setAlphaF(0.75 * level)
        painter.setBrush(color)
        for rect in rects:
            painter.drawRoundedRect(rect.adjusted(-2, 0, 2, 0), 3, 3)

    def paint_lines(self, painter: QPainter, marks: list[Mark], selected: frozenset[str]) -> None:
        """Edges, underlines, waves and boxes over the text; an outline around the selected items' spans."""
        outline = QPen(QColor(self._theme.text), 1.4)
        for style, span, rects in marks:
            for rect in rects:
                self._paint_mark(painter, rect, style)
                if span.item_id in selected:
                    painter.setPen(outline)
                    painter.setBrush(Qt.BrushStyle.NoBrush)
                    painter.drawRoundedRect(text_box(rect).adjusted(-1.5, -1, 1.5, 1), 3, 3)

    def paint_veil(self, painter: QPainter, rects: list[QRectF]) -> None:
        """Focus mode: dim the sentences that do not mention the selection."""
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._theme.dim())
        for rect in rects:
            painter.drawRect(rect)

    def _pen(self, style: CategoryStyle) -> QPen | None:
        """The pen of a style's line (cached: creating pens per span per paint was the main cost)."""
        key = (style.color, style.style, style.edge)
        if key in self._pens:
            return self._pens[key]
        color: QColor = self._theme.line(style.color)
        pen: QPen | None = None
        if style.style == Style.TINT:
            pen_style = _EDGE_PENS.get(style.edge)
            if pen_style is not None:
                pen = QPen(color, 1.3, pen_style, Qt.PenCapStyle.FlatCap)
        elif style.style in _LINE_PENS:
            pen = QPen(color, 2.0, _LINE_PENS[style.style], Qt.PenCapStyle.FlatCap)
        elif style.style == Style.WAVY:
            pen = QPen(color, 1.5)
        elif style.style == Style.BOX:
            pen = QPen(color, 1.3)
        self._pens[key] = pen
        return pen

    def _paint_mark(self, painter: QPainter, rect: QRectF, style: CategoryStyle) -> None:
        pen = self._pen(style)
        if pen is None:
            return
        painter.setPen(pen)
        box = text_box(rect)
        kind = style.style
        if kind == Style.TINT:
            painter.drawLine(QPointF(box.left() + 1, box.bottom()), QPointF(box.right() - 1, box.bottom()))
            if style.cue >= 1:  # a reused per-actor colour: a line over the text too
                painter.drawLine(QPointF(box.left() + 1, box.top()), QPointF(box.right() - 1, box.top()))
            if style.cue >= 2:  # ...and brackets at both ends
                painter.drawLine(QPointF(box.left(), box.top()), QPointF(box.left(), box.bottom()))
                painter.drawLine(QPointF(box.right(), box.top()), QPointF(box.right(), box.bottom()))
        elif kind in _LINE_PENS:
            y = box.bottom() + 1.5
            painter.drawLine(QPointF(box.left(), y), QPointF(box.right(), y))
        elif kind == Style.WAVY:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(wave(box.left(), box.right(), box.bottom() + 2.0))
        elif kind == Style.BOX:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(box.adjusted(-1, -0.5, 1, 0.5), 3, 3)


class BlockGeometry:
    """Line positions of one laid-out block, so every span in it costs only two cursorToX calls."""

    __slots__ = ("base", "lines", "x", "y")
    x: float
    y: float

    def __init__(self, view: QPlainTextEdit, block: QTextBlock) -> None:
        layout = block.layout()
        origin = view.blockBoundingGeometry(block).translated(view.contentOffset()).topLeft()
        self.base = block.position()
        self.lines: list[tuple[int, int, QTextLine, float, float]] = []
        if layout is None:
            self.x = self.y = 0.0
            return
        origin += layout.position()
        self.x, self.y = origin.x(), origin.y()
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            start = self.base + line.textStart()
            self.lines.append((start, start + line.textLength(), line, line.y(), line.height()))

    def rects(self, start: int, end: int) -> list[QRectF]:
        rects: list[QRectF] = []
        base = self.base
        for line_start, line_end, line, y, height in self.lines:
            if line_start >= end:
                break
            s, e = max(start, line_start), min(end, line_end)
            if s >= e:
                continue
            x1 = _cursor_x(line, s - base)
            x2 = _cursor_x(line, e - base)
            rects.append(QRectF(self.x + x1, self.y + y, x2 - x1, height))
        return rects


def text_box(rect: QRectF) -> QRectF:
    """A line rectangle trimmed to the glyphs, so stacked lines of tint do not merge into blocks."""
    trim = rect.height() * 0.12
    return rect.adjusted(0, trim, 0, -trim * 0.6)


def wave(left: float, right: float, y: float, amplitude: float = 1.6, period: float = 6.0) -> QPainterPath:
    path = QPainterPath(QPointF(left, y))
    x, up = left, True
    while x < right:
        nxt = min(right, x + period / 2)
        path.quadTo(QPointF((x + nxt) / 2, y - amplitude if up else y + amplitude), QPointF(nxt, y))
        x, up = nxt, not up
    return path


def _cursor_x(line: QTextLine, position: int) -> float:
    """x of a cursor position in a line (PySide returns the pair (x, adjusted position))."""
    result: tuple[float, int] = line.cursorToX(position)  # type: ignore[assignment]
    return result[0]

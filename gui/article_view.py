"""The reading view: a read-only QPlainTextEdit with highlights painted over unchanged text.

Highlights are never written into the document. The reading session's `SpanIndex` (Qt positions)
is handed to the view, and only the spans of the visible blocks are painted (by gui/highlight_painter.py),
so toggling a category or scrolling costs the same on a short article and on a book. Find matches, the
flash after a jump and the focus veil are painted the same way.

Over 400 lines because the Qt overrides of one widget (layout, paint, mouse, tooltips, zoom) share its geometry.
"""

from __future__ import annotations

import itertools
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable

from PySide6.QtCore import QEasingCurve, QEvent, QPoint, QPointF, QRectF, Qt, QVariantAnimation, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFont,
    QFontMetricsF,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
    QSyntaxHighlighter,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextOption,
    QWheelEvent,
)
from PySide6.QtWidgets import QMenu, QPlainTextDocumentLayout, QPlainTextEdit, QToolTip, QWidget

from gui.highlight_painter import BlockGeometry, HighlightPainter, StyleLookup, collect_marks
from gui.note_margin import MARGIN_WIDTH, NoteMargin
from gui.theme import THEMES, Theme
from models.offsets import Utf16Map
from models.spans import Span, SpanIndex
from models.text import sentence_ranges

READING_CHARS = 70
MIN_POINT_SIZE = 8
MAX_POINT_SIZE = 40
DEFAULT_POINT_SIZE = 13
FLASH_MS = 1400
_HEADING_SCALE = {1: 1.5, 2: 1.3, 3: 1.15}

TooltipProvider = Callable[[list[Span]], str]


class _ParagraphLayout(QPlainTextDocumentLayout):
    """Adds space after a paragraph that is directly followed by another.

    Why: QPlainTextDocumentLayout ignores block margins, and many documents separate
    paragraphs by a single line break; texts that use blank lines keep their own spacing.
    """

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self.spacing = 0.0

    def blockBoundingRect(self, block: QTextBlock) -> QRectF:  # noqa: N802 - Qt override
        rect = super().blockBoundingRect(block)
        if self.spacing and block.length() > 1:
            following = block.next()
            if following.isValid() and following.length() > 1:
                rect.setHeight(rect.height() + self.spacing)
        return rect


class ArticleView(QPlainTextEdit):
    """Shows one document and paints its highlight layers.

    Signals:
        span_clicked(Span): a highlight was clicked (innermost span under the mouse).
        zoom_changed(int): the text point size changed.
        context_menu_requested(QMenu, int): a context menu is about to show for a Qt position;
            listeners add their actions.
    """

    span_clicked = Signal(object)
    zoom_changed = Signal(int)
    context_menu_requested = Signal(object, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = _ParagraphLayout(self.document())
        self.document().setDocumentLayout(self._layout)
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setAcceptDrops(False)  # files dropped on the text go to the window
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setFrameShape(QPlainTextEdit.Shape.NoFrame)
        self.setMouseTracking(True)
        self.setCursorWidth(0)  # a reading view, not an editor: no blinking caret
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # text always wraps
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self._spans = SpanIndex()
        self._hidden_categories: set[str] = set()
        self._hidden_items: set[str] = set()
        self._selected: frozenset[str] = frozenset()
        self._focus_extra: frozenset[str] = frozenset()
        self._focus = False
        self._sentences: dict[int, list[tuple[int, int]]] = {}
        self._find_starts: list[int] = []
        self._find_ends: list[int] = []
        self._find_current = -1
        self._flash_range: tuple[int, int] | None = None
        self._flash_level = 0.0
        self._flash = QVariantAnimation(self)
        self._flash.setStartValue(1.0)
        self._flash.setEndValue(0.0)
        self._flash.setDuration(FLASH_MS)
        self._flash.setEasingCurve(QEasingCurve.Type.InQuad)
        self._flash.valueChanged.connect(self._on_flash_step)
        self._style_for: StyleLookup = lambda _span: None
        self._tooltip_for: TooltipProvider | None = None
        self._theme: Theme = THEMES["light"]
        self._painter = HighlightPainter(self._theme)
        self._point_size = DEFAULT_POINT_SIZE
        self._structure = _StructureFormats(self.document())
        self.note_margin = NoteMargin(self, self.span_rects, lambda: self._theme)
        self.updateRequest.connect(lambda _rect, _dy: self.note_margin.update())
        self._apply_font()

    # ----- content -------------------------------------------------------------------------

    def set_text(self, text: str) -> None:
        """Replace the document; highlights, find matches and the focus are cleared."""
        self._spans = SpanIndex()
        self._sentences.clear()
        self._selected = frozenset()
        self._focus_extra = frozenset()
        self.clear_find_matches()
        self._structure.set_ranges([])
        self.setPlainText(text)
        self.moveCursor(QTextCursor.MoveOperation.Start)

    def set_structure(self, ranges: Iterable[tuple[int, int, str, int]]) -> None:
        """Show headings larger and bold, emphasis italic: (start, end, kind, level) in Qt positions.

        The formats are laid over the text like the highlights; the text and its positions do not change.
        """
        self._structure.set_ranges(list(ranges))

    def set_spans(self, spans: SpanIndex) -> None:
        """Paint these spans (positions in UTF-16 units): the reading session's index, which the view only reads."""
        self._spans = spans
        self.viewport().update()

    @property
    def spans(self) -> SpanIndex:
        return self._spans

    def set_style_lookup(self, lookup: StyleLookup) -> None:
        self._style_for = lookup
        self.viewport().update()

    def set_tooltip_provider(self, provider: TooltipProvider | None) -> None:
        self._tooltip_for = provider

    # ----- what is shown ----------------------------------------------------------------------

    def set_hidden(self, categories: Iterable[str], items: Iterable[str]) -> None:
        """Hide spans of these categories and items (one repaint, whatever the document size)."""
        self._hidden_categories = set(categories)
        self._hidden_items = set(items)
        self.viewport().update()

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

    def set_selected_items(self, item_ids: Iterable[str]) -> None:
        """Outline the mentions of these items; with focus mode on, dim sentences without them."""
        self._selected = frozenset(item_ids)
        self.viewport().update()

    @property
    def selected_items(self) -> frozenset[str]:
        return self._selected

    def set_focus_extra(self, item_ids: Iterable[str]) -> None:
        """Items that also count as "in focus" without being outlined (e.g. events of chosen types)."""
        self._focus_extra = frozenset(item_ids)
        self.viewport().update()

    def _focus_items(self) -> frozenset[str]:
        return self._selected | self._focus_extra if self._focus_extra else self._selected

    def set_focus_mode(self, on: bool) -> None:
        self._focus = on
        self.viewport().update()

    @property
    def focus_mode(self) -> bool:
        return self._focus

    def sentence_in_focus(self, position: int) -> bool:
        """Whether the sentence holding `position` involves the selection (always true when unfocused)."""
        if not self._focus or not self._focus_items():
            return True
        block = self.document().findBlock(position)
        for start, end in self._block_sentences(block):
            if start <= position < end:
                return self._involves_selection(start, end)
        return True

    def sentence_range_at(self, position: int) -> tuple[int, int]:
        """Qt range of the sentence holding `position` (its paragraph if no sentence is found)."""
        block = self.document().findBlock(position)
        for start, end in self._block_sentences(block):
            if start <= position < end:
                return start, end
        return block.position(), block.position() + max(0, block.length() - 1)

    # ----- find matches and flashing ------------------------------------------------------------

    def set_find_matches(self, matches: list[tuple[int, int]], current: int = -1) -> None:
        """Paint find matches (sorted Qt ranges); `current` is emphasised."""
        self._find_starts = [s for s, _ in matches]
        self._find_ends = [e for _, e in matches]
        self._find_current = current
        self.viewport().update()

    def clear_find_matches(self) -> None:
        self.set_find_matches([])

    def flash(self, start: int, end: int) -> None:
        """Briefly light up [start, end) so the eye finds where a jump landed."""
        self._flash_range = (start, end)
        self._flash.stop()
        self._flash.start()

    def _on_flash_step(self, value: object) -> None:
        self._flash_level = float(value)  # type: ignore[arg-type]
        if self._flash_level <= 0.0:
            self._flash_range = None
        self.viewport().update()

    # ----- look ------------------------------------------------------------------------------

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self._painter.set_theme(theme)
        palette = theme.palette(self.palette())
        # The side margins belong to the scroll area, not the viewport: give them the page colour.
        palette.setColor(QPalette.ColorRole.Window, QColor(theme.page))
        self.setPalette(palette)
        self.viewport().setPalette(palette)
        self.setAutoFillBackground(True)
        self.viewport().update()
        self.update()

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
        self._layout.spacing = block_spacing
        self._structure.set_point_size(self._point_size)
        self._update_margins()

    def _update_margins(self) -> None:
        metrics = QFontMetricsF(self.font())
        measure = metrics.horizontalAdvance("x" * READING_CHARS) * 1.05
        spare = max(0.0, self.width() - measure - self.verticalScrollBar().sizeHint().width())
        side = int(spare / 2)
        left = max(side, MARGIN_WIDTH + 2)  # room for the note marks, even in a narrow window
        self.setViewportMargins(left, 0, side, 0)
        self._place_note_margin()

    def _place_note_margin(self) -> None:
        viewport = self.viewport().geometry()
        self.note_margin.setGeometry(
            viewport.left() - MARGIN_WIDTH - 2, viewport.top(), MARGIN_WIDTH, viewport.height()
        )

    def set_note_marks(self, marks: list[tuple[int, int, str, str]]) -> None:
        """Passages with a note (Qt start, end, note text, colour): a mark in the margin, the note on hover."""
        self.note_margin.set_marks(marks)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._update_margins()
        self._place_note_margin()

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
        return BlockGeometry(self, block).rects(start, end)

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

    def point_of(self, position: int) -> QPoint:
        """Viewport point at the middle of the character at `position` (for tests and menus)."""
        block = self.document().findBlock(position)
        rects = self.span_rects(block, position, position + 1)
        if not rects:
            return QPoint(0, 0)
        return rects[0].center().toPoint()

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

    def selected_range(self) -> tuple[int, int] | None:
        """Qt positions of the reader's text selection, or None."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        return cursor.selectionStart(), cursor.selectionEnd()

    def next_span_of(self, item_ids: frozenset[str], forward: bool) -> Span | None:
        """The next (or previous) span of any of `item_ids` after (before) the cursor, wrapping."""
        if not item_ids:
            return None
        cursor = self.textCursor()
        here = cursor.selectionStart()
        spans = sorted((s for s in self._spans if s.item_id in item_ids), key=lambda s: s.start)
        if not spans:
            return None
        starts = [s.start for s in spans]
        if forward:
            # From a bare cursor a mention starting right there counts; from a selection, move on.
            i = bisect_right(starts, here) if cursor.hasSelection() else bisect_left(starts, here)
            return spans[i % len(spans)]
        i = bisect_left(starts, here) - 1
        return spans[i % len(spans)]

    # ----- painting ---------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        top, bottom = event.rect().top(), event.rect().bottom()
        blocks = self._visible_blocks(top, bottom)
        marks = collect_marks(self, blocks, self._spans, self.is_visible_span, self._style_for)
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._painter.paint_fills(painter, marks)
        self._paint_find_and_flash(painter, blocks)
        painter.end()
        super().paintEvent(event)
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._painter.paint_lines(painter, marks, self._selected)
        if self._focus and (self._selected or self._focus_extra):
            self._painter.paint_veil(painter, self._veiled_rects(blocks))
        painter.end()

    def _paint_find_and_flash(self, painter: QPainter, blocks: list[QTextBlock]) -> None:
        if not blocks:
            return
        lo = blocks[0].position()
        hi = blocks[-1].position() + blocks[-1].length()
        if self._find_starts:
            first = max(0, bisect_left(self._find_ends, lo))
            last = bisect_right(self._find_starts, hi)
            for index in range(first, last):
                s, e = self._find_starts[index], self._find_ends[index]
                rects = [rect for block in blocks for rect in self.span_rects(block, s, e)]
                self._painter.paint_find(painter, rects, index == self._find_current)
        if self._flash_range is not None and self._flash_level > 0:
            s, e = self._flash_range
            rects = [rect for block in blocks for rect in self.span_rects(block, s, e)]
            self._painter.paint_flash(painter, rects, self._flash_level)

    def _veiled_rects(self, blocks: list[QTextBlock]) -> list[QRectF]:
        """The sentences focus mode dims: every one that mentions none of the selected items."""
        return [
            rect
            for block in blocks
            for start, end in self._block_sentences(block)
            if not self._involves_selection(start, end)
            for rect in self.span_rects(block, start, end)
        ]

    def _involves_selection(self, start: int, end: int) -> bool:
        focus = self._focus_items()
        return any(s.item_id in focus for s in self._spans.overlapping(start, end))

    def _block_sentences(self, block: QTextBlock) -> list[tuple[int, int]]:
        """Sentences of a block in Qt positions, computed once per block."""
        number = block.blockNumber()
        cached = self._sentences.get(number)
        if cached is None:
            text = block.text()
            units = Utf16Map(text)
            base = block.position()
            cached = [(base + units.to_qt(s), base + units.to_qt(e)) for s, e in sentence_ranges(text)]
            self._sentences[number] = cached
        return cached

    def _visible_blocks(self, top: int, bottom: int) -> list[QTextBlock]:
        blocks: list[QTextBlock] = []
        block = self.firstVisibleBlock()
        offset = self.contentOffset()
        while block.isValid():
            geometry = self.blockBoundingGeometry(block).translated(offset)
            if geometry.top() > bottom:
                break
            if geometry.bottom() >= top:
                blocks.append(block)
            block = block.next()
        return blocks

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

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        super().mouseMoveEvent(event)
        if event.buttons() == Qt.MouseButton.NoButton:
            position = self.position_at(event.position().toPoint())
            over = position is not None and bool(self.visible_spans_at(position))
            shape = Qt.CursorShape.PointingHandCursor if over else Qt.CursorShape.IBeamCursor
            if self.viewport().cursor().shape() != shape:
                self.viewport().setCursor(shape)

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

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 - Qt override
        menu: QMenu = self.createStandardContextMenu(event.pos())
        cursor = self.cursorForPosition(event.pos())
        self.context_menu_requested.emit(menu, cursor.position())
        menu.exec(event.globalPos())
        menu.deleteLater()


class _StructureFormats(QSyntaxHighlighter):
    """Character formats for headings and emphasis, applied per block as Qt lays the text out.

    Attached to the document only while there is structure, so plain texts pay nothing.
    """

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(None)  # type: ignore[call-overload]
        self._target = document
        self._ranges: list[tuple[int, int, str, int]] = []
        self._starts: list[int] = []
        self._point_size = DEFAULT_POINT_SIZE

    def set_ranges(self, ranges: list[tuple[int, int, str, int]]) -> None:
        self._ranges = sorted(ranges)
        self._starts = [r[0] for r in self._ranges]
        if not self._ranges:
            if self.document() is not None:
                self.setDocument(None)
        elif self.document() is None:
            self.setDocument(self._target)
        else:
            self.rehighlight()

    def set_point_size(self, size: int) -> None:
        if size != self._point_size:
            self._point_size = size
            if self._ranges and self.document() is not None:
                self.rehighlight()

    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt override
        block = self.currentBlock()
        base = block.position()
        end = base + block.length() - 1  # Qt positions (UTF-16), like the ranges
        # Ranges never cross a paragraph, so those starting in this block are all that apply.
        ranges = self._ranges[bisect_left(self._starts, base) : bisect_left(self._starts, end)]
        if not ranges:
            return
        cuts = sorted({base, end, *(max(base, min(end, p)) for s, e, _k, _l in ranges for p in (s, e))})
        for left, right in itertools.pairwise(cuts):
            if left >= right:
                continue
            kinds = {(kind, level) for s, e, kind, level in ranges if s <= left and right <= e}
            if not kinds:
                continue
            fmt = QTextCharFormat()
            level = max((lvl for kind, lvl in kinds if kind == "heading"), default=0)
            if level:
                fmt.setFontWeight(QFont.Weight.Bold)
                fmt.setFontPointSize(self._point_size * _HEADING_SCALE.get(level, 1.0))
            if any(kind == "strong" for kind, _ in kinds):
                fmt.setFontWeight(QFont.Weight.Bold)
            if any(kind == "emphasis" for kind, _ in kinds):
                fmt.setFontItalic(True)
            self.setFormat(left - base, right - left, fmt)

"""The timeline dock: dated events on a zoomable time axis, one lane per actor or per event type.

Painted by hand (not a QGraphicsScene): only the lanes and marks in view are drawn, so a book with
thousands of events scrolls and zooms as smoothly as an article. Undated events are listed beside it.

Over 400 lines because painting, hit-testing and zoom share one time-to-pixel mapping.
"""

from __future__ import annotations

import datetime as dt
import html
from bisect import bisect_left, bisect_right
from collections.abc import Callable

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetricsF, QMouseEvent, QPainter, QPaintEvent, QPen, QWheelEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollBar,
    QSplitter,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from gui.theme import THEMES, Theme
from gui.views.export import export_button
from gui.views.painting import actor_color, palette_for, shape_path, ui_font
from models.text import sentence_quote
from models.views.index import ViewIndex
from models.views.style import family_of
from models.views.timeline import LaneMode, Mark, Timeline, ticks

LABEL_WIDTH = 170
AXIS_HEIGHT = 30
LANE_HEIGHT = 24  # a lane's height when there is room
MIN_LANE_HEIGHT = 17  # lanes shrink to this to fit the dock, then the canvas scrolls (with a hint)
MARK_RADIUS = 6.0
UNDATED_ROWS = 300  # the Events list has them all; this list is a reminder, and must refill fast
MIN_PX_PER_DAY = 0.005
MAX_PX_PER_DAY = 400.0
_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class _LaneMarks:
    """One lane's marks with their first days as ordinals, for bisecting by x."""

    __slots__ = ("firsts", "longest", "marks")

    def __init__(self, marks: tuple[Mark, ...]) -> None:
        self.marks = marks
        self.firsts = [m.first.toordinal() for m in marks]
        self.longest = max((m.last.toordinal() - m.first.toordinal() for m in marks), default=0)

    def between(self, lo: float, hi: float) -> tuple[Mark, ...]:
        """Marks that may touch days [lo, hi]."""
        return self.marks[bisect_left(self.firsts, lo - self.longest - 1) : bisect_right(self.firsts, hi + 1)]


class TimelineCanvas(QWidget):
    """The painted axis and lanes.

    Signals:
        mark_clicked(str, int, int): event id and its trigger's Python offsets.
        lane_clicked(str): actor id of a lane's label (actor lanes only).
    """

    mark_clicked = Signal(str, int, int)
    lane_clicked = Signal(str)
    scroll_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timeline-canvas")
        self.setMouseTracking(True)
        self.setMinimumHeight(80)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.timeline: Timeline | None = None
        self.index: ViewIndex | None = None
        self.theme: Theme = THEMES["light"]
        self.selected: frozenset[str] = frozenset()
        self._lanes: list[_LaneMarks] = []
        self.px_per_day = 1.0
        self.origin = 0.0  # ordinal day at the left edge of the plot
        self.scroll_y = 0.0
        self.lane_h = LANE_HEIGHT
        self._fitted = False
        self._press: QPointF | None = None
        self._dragged = False

    # ----- data --------------------------------------------------------------------------------

    def set_timeline(self, timeline: Timeline, index: ViewIndex, refit: bool) -> None:
        self.timeline, self.index = timeline, index
        self._lanes = [_LaneMarks(lane.marks) for lane in timeline.lanes]
        self._compact()
        if refit or not self._fitted:
            self.fit()
        self._clamp()
        self.update()

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.update()

    def set_selected(self, ids: frozenset[str]) -> None:
        self.selected = ids
        self.update()

    # ----- geometry ----------------------------------------------------------------------------

    def plot_width(self, width: float | None = None) -> float:
        return max(40.0, (self.width() if width is None else width) - LABEL_WIDTH - 12)

    def fit(self, width: float | None = None) -> None:
        """Show every dated event, with a little room on both sides."""
        timeline = self.timeline
        if timeline is None or timeline.first is None or timeline.last is None:
            return
        days = timeline.last.toordinal() + 1 - timeline.first.toordinal()
        pad = max(0.5, days * 0.04)
        self.px_per_day = max(MIN_PX_PER_DAY, min(MAX_PX_PER_DAY, self.plot_width(width) / (days + 2 * pad)))
        self.origin = timeline.first.toordinal() - pad
        self.scroll_y = 0.0
        self._fitted = True
        self.update()

    def x_of(self, ordinal: float) -> float:
        return LABEL_WIDTH + (ordinal - self.origin) * self.px_per_day

    def day_at(self, x: float) -> float:
        return self.origin + (x - LABEL_WIDTH) / self.px_per_day

    def zoom(self, factor: float, anchor_x: float | None = None) -> None:
        anchor = LABEL_WIDTH + self.plot_width() / 2 if anchor_x is None else anchor_x
        day = self.day_at(anchor)
        self.px_per_day = max(MIN_PX_PER_DAY, min(MAX_PX_PER_DAY, self.px_per_day * factor))
        self.origin = day - (anchor - LABEL_WIDTH) / self.px_per_day
        self.update()

    def content_height(self) -> int:
        return AXIS_HEIGHT + self.lane_h * len(self._lanes) + 8

    def _clamp(self) -> None:
        self.scroll_y = max(0.0, min(self.scroll_y, self.max_scroll()))
        self.scroll_changed.emit()

    def max_scroll(self) -> int:
        return max(0, self.content_height() - self.height())

    def set_scroll(self, value: float) -> None:
        self.scroll_y = float(value)
        self._clamp()
        self.update()

    def _compact(self) -> None:
        """Shrink lanes (down to MIN_LANE_HEIGHT) so that all of them fit the canvas when they can."""
        room = self.height() - AXIS_HEIGHT - 8
        n = max(1, len(self._lanes))
        self.lane_h = max(MIN_LANE_HEIGHT, min(LANE_HEIGHT, room // n))

    def lanes_below(self) -> int:
        """Lanes wholly or partly under the bottom edge (the reader must scroll to see them)."""
        visible_bottom = self.scroll_y + self.height() - AXIS_HEIGHT
        return max(0, len(self._lanes) - int(visible_bottom // self.lane_h))

    def mark_center(self, event_id: str) -> QPointF | None:
        """Where an event's first mark is drawn (for tests and keyboard users)."""
        for row, lane in enumerate(self._lanes):
            for mark in lane.marks:
                if mark.event_id == event_id:
                    return QPointF(self._mark_x(mark), self._lane_y(row))
        return None

    def _lane_y(self, row: int) -> float:
        return AXIS_HEIGHT + row * self.lane_h + self.lane_h / 2 - self.scroll_y

    def _mark_x(self, mark: Mark) -> float:
        if mark.is_span:
            return (self.x_of(mark.first.toordinal()) + self.x_of(mark.last.toordinal() + 1)) / 2
        return self.x_of(mark.first.toordinal() + 0.5)

    def mark_at(self, point: QPointF) -> Mark | None:
        if point.x() < LABEL_WIDTH or point.y() < AXIS_HEIGHT:
            return None
        row = int((point.y() + self.scroll_y - AXIS_HEIGHT) // self.lane_h)
        if not 0 <= row < len(self._lanes):
            return None
        y = self._lane_y(row)
        day = self.day_at(point.x())
        slack = (MARK_RADIUS + 2) / self.px_per_day
        best: tuple[float, Mark] | None = None
        for mark in self._lanes[row].between(day - slack, day + slack):
            if mark.is_span:
                x1, x2 = self.x_of(mark.first.toordinal()), self.x_of(mark.last.toordinal() + 1)
                inside = x1 - 2 <= point.x() <= max(x2, x1 + 4) + 2 and abs(point.y() - y) <= 7
                distance = 0.0 if inside else 1e9
            else:
                distance = abs(point.x() - self._mark_x(mark)) + abs(point.y() - y)
                if distance > MARK_RADIUS + 4:
                    distance = 1e9
            if distance < 1e9 and (best is None or distance < best[0]):
                best = (distance, mark)
        return best[1] if best else None

    # ----- painting ---------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.paint(painter, self.rect())
        painter.end()

    def paint(self, painter: QPainter, rect: QRect, scroll_y: float | None = None) -> None:
        """Draw the visible part (or, for an export, the whole timeline into `rect`)."""
        theme = self.theme
        palette = palette_for(theme)
        painter.fillRect(rect, QColor(theme.page))
        timeline = self.timeline
        painter.setFont(ui_font(9))
        if timeline is None or timeline.first is None or not self._lanes:
            painter.setPen(QColor(theme.muted))
            painter.drawText(
                rect.adjusted(16, 12, -16, -12),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
                self.empty_text(),
            )
            return
        saved_scroll = self.scroll_y
        if scroll_y is not None:
            self.scroll_y = scroll_y
        try:
            self._paint_lanes(painter, rect, palette)
            if scroll_y is None:
                self._paint_more_hint(painter, rect)
        finally:
            self.scroll_y = saved_scroll

    def _paint_more_hint(self, painter: QPainter, rect: QRect) -> None:
        """ "↓ 9 more lanes" at the bottom of the label column while lanes are below the edge."""
        below = self.lanes_below()
        if not below:
            return
        text = f"↓ {below} more lane{'s' if below != 1 else ''} (scroll)"
        font = ui_font(8.5, bold=True)
        metrics = QFontMetricsF(font)
        box = QRectF(
            4, rect.bottom() - metrics.height() - 6, metrics.horizontalAdvance(text) + 12, metrics.height() + 4
        )
        back = QColor(self.theme.text)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(back)
        painter.drawRoundedRect(box, 4, 4)
        painter.setFont(font)
        painter.setPen(QColor(self.theme.page))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)

    def empty_text(self) -> str:
        if self.timeline is None:
            return "The timeline appears when the analysis is ready."
        if self.timeline.undated:
            return "None of the events shown has a date; the undated ones are listed on the right."
        return "No events to show. Events are hidden, or the filters leave none."

    def _paint_lanes(self, painter: QPainter, rect: QRect, palette: object) -> None:
        theme = self.theme
        timeline = self.timeline
        assert timeline is not None
        width, height = rect.width(), rect.height()
        first_row = max(0, int(self.scroll_y // self.lane_h))
        last_row = min(len(self._lanes), int((self.scroll_y + height - AXIS_HEIGHT) // self.lane_h) + 1)
        lane_fill = QColor(theme.page).darker(104) if not theme.dark else QColor(theme.page).lighter(115)
        selected_fill = QColor("#ffd23f") if not theme.dark else QColor("#6b5a17")
        selected_fill.setAlpha(70 if not theme.dark else 120)
        lo_day, hi_day = self.day_at(LABEL_WIDTH), self.day_at(width)
        painter.setPen(Qt.PenStyle.NoPen)
        for row in range(first_row, last_row):
            top = AXIS_HEIGHT + row * self.lane_h - self.scroll_y
            lane = timeline.lanes[row]
            if lane.key in self.selected:
                painter.fillRect(QRectF(0, top, width, self.lane_h), selected_fill)
            elif row % 2 == 0:
                painter.fillRect(QRectF(0, top, width, self.lane_h), lane_fill)
        # Axis: ticks over the plot, labels in a band on top.
        muted = QColor(theme.muted)
        rule = QColor(theme.muted)
        rule.setAlpha(70)
        lo = dt.date.fromordinal(max(1, int(lo_day)))
        hi = dt.date.fromordinal(max(2, min(dt.date.max.toordinal() - 1, int(hi_day) + 1)))
        painter.setFont(ui_font(8.5))
        bottom = min(float(height), AXIS_HEIGHT + (last_row - first_row + 1) * self.lane_h)
        for tick in ticks(lo, hi, self.px_per_day):
            x = self.x_of(tick.day.toordinal())
            if x < LABEL_WIDTH or x > width:
                continue
            painter.setPen(QPen(muted if tick.major else rule, 1))
            painter.drawLine(QPointF(x, AXIS_HEIGHT - 6), QPointF(x, bottom))
            painter.setPen(muted)
            painter.drawText(QPointF(x + 3, AXIS_HEIGHT - 10), tick.label)
        # Marks, clipped to the plot.
        painter.save()
        painter.setClipRect(QRectF(LABEL_WIDTH - 2, AXIS_HEIGHT - 2, width - LABEL_WIDTH + 2, height))
        outline = QPen(QColor(theme.text), 2)
        for row in range(first_row, last_row):
            y = self._lane_y(row)
            seen: set[tuple[int, str]] = set()
            for mark in self._lanes[row].between(lo_day, hi_day):
                self._paint_mark(painter, mark, y, seen, outline)
        painter.restore()
        # Lane labels over a solid column, so marks scrolled left never run under them.
        painter.fillRect(QRectF(0, 0, LABEL_WIDTH - 4, height), QColor(theme.page))
        metrics = QFontMetricsF(ui_font(9))
        painter.setFont(ui_font(9))
        for row in range(first_row, last_row):
            lane = timeline.lanes[row]
            y = self._lane_y(row)
            top = y - self.lane_h / 2
            if lane.key in self.selected:
                painter.fillRect(QRectF(0, top, LABEL_WIDTH - 4, self.lane_h), selected_fill)
            elif row % 2 == 0:
                painter.fillRect(QRectF(0, top, LABEL_WIDTH - 4, self.lane_h), lane_fill)
            if lane.kind and lane.kind != "EVENT":
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(actor_color(lane.kind, theme))
                painter.drawEllipse(QPointF(11, y), 4.5, 4.5)
            elif lane.kind == "EVENT":
                family = family_of(lane.key)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QColor(family.dark_color if theme.dark else family.color))
                painter.drawPath(shape_path(family.shape, QPointF(11, y), 5))
            painter.setPen(QColor(theme.text) if lane.key != "~none" else muted)
            label = metrics.elidedText(lane.label, Qt.TextElideMode.ElideRight, LABEL_WIDTH - 30)
            painter.drawText(QRectF(21, top, LABEL_WIDTH - 24, self.lane_h), Qt.AlignmentFlag.AlignVCenter, label)
        painter.fillRect(QRectF(0, 0, width, AXIS_HEIGHT - 22), QColor(theme.page))
        painter.setPen(QPen(rule, 1))
        painter.drawLine(QPointF(LABEL_WIDTH - 4, AXIS_HEIGHT - 4), QPointF(LABEL_WIDTH - 4, bottom))

    def _paint_mark(self, painter: QPainter, mark: Mark, y: float, seen: set[tuple[int, str]], outline: QPen) -> None:
        theme = self.theme
        family = family_of(mark.type)
        color = QColor(family.dark_color if theme.dark else family.color)
        chosen = mark.event_id in self.selected
        if mark.is_span:
            x1 = self.x_of(mark.first.toordinal())
            x2 = max(x1 + 4, self.x_of(mark.last.toordinal() + 1))
            key = (round(x1), f"s{round(x2)}{family.key}")
            if key in seen and not chosen:
                return
            seen.add(key)
            fill = QColor(color)
            fill.setAlpha(80)
            painter.setPen(QPen(color, 1.2))
            painter.setBrush(fill)
            painter.drawRoundedRect(QRectF(x1, y - 5, x2 - x1, 10), 3, 3)
            center = QPointF((x1 + x2) / 2, y)
            if x2 - x1 > 16:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(color)
                painter.drawPath(shape_path(family.shape, center, 3.5))
            if chosen:
                painter.setPen(outline)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRoundedRect(QRectF(x1 - 2, y - 7, x2 - x1 + 4, 14), 4, 4)
            return
        x = self.x_of(mark.first.toordinal() + 0.5)
        key = (round(x), family.key)
        if key in seen and not chosen:
            return
        seen.add(key)
        painter.setPen(QPen(QColor(theme.page), 1))
        painter.setBrush(color)
        painter.drawPath(shape_path(family.shape, QPointF(x, y), MARK_RADIUS))
        if chosen:
            painter.setPen(outline)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(QPointF(x, y), MARK_RADIUS + 3, MARK_RADIUS + 3)

    # ----- interaction ------------------------------------------------------------------------

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt override
        delta = event.angleDelta()
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom(1.25 if delta.y() > 0 else 0.8, event.position().x())
        elif event.modifiers() & Qt.KeyboardModifier.ShiftModifier or abs(delta.x()) > abs(delta.y()):
            step = delta.x() or delta.y()
            self.origin -= step / 120 * 60 / self.px_per_day
            self.update()
        else:
            self.scroll_y -= delta.y() / 120 * self.lane_h * 2
            self._clamp()
            self.update()
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = event.position()
            self._dragged = False

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if self._press is not None and event.buttons() & Qt.MouseButton.LeftButton:
            delta = event.position() - self._press
            if self._dragged or abs(delta.x()) + abs(delta.y()) > 4:
                self._dragged = True
                self.origin -= delta.x() / self.px_per_day
                self.scroll_y -= delta.y()
                self._clamp()
                self._press = event.position()
                self.update()
            return
        over = self.mark_at(event.position()) is not None
        self.setCursor(Qt.CursorShape.PointingHandCursor if over else Qt.CursorShape.ArrowCursor)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if event.button() != Qt.MouseButton.LeftButton or self._press is None:
            return
        self._press = None
        if self._dragged:
            return
        point = event.position()
        mark = self.mark_at(point)
        if mark is not None:
            self.mark_clicked.emit(mark.event_id, mark.start, mark.end)
            return
        if point.x() < LABEL_WIDTH and self.timeline is not None:
            row = int((point.y() + self.scroll_y - AXIS_HEIGHT) // self.lane_h)
            if point.y() >= AXIS_HEIGHT and 0 <= row < len(self.timeline.lanes):
                lane = self.timeline.lanes[row]
                if lane.kind and lane.kind != "EVENT":
                    self.lane_clicked.emit(lane.key)

    def resizeEvent(self, event: object) -> None:  # noqa: N802 - Qt override
        self._compact()
        if not self._fitted:
            self.fit()
        self._clamp()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            point = QPointF(event.pos())  # type: ignore[attr-defined]
            mark = self.mark_at(point)
            if mark is not None:
                QToolTip.showText(event.globalPos(), self.tooltip(mark), self)  # type: ignore[attr-defined]
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def tooltip(self, mark: Mark) -> str:
        esc = html.escape
        lines = [f"<b>{esc(mark.type.title())}</b> · {esc(mark.label)}"]
        index = self.index
        if index is not None:
            event = index.events_by_id.get(mark.event_id)
            if event is not None:
                names = [index.actors[a].name for a in (event.source, event.target) if a and a in index.actors]
                if event.source and event.target and len(names) == 2:
                    lines.append(f"{esc(names[0])} → {esc(names[1])}")
                others = [index.actors[p].name for p in event.participants if p in index.actors]
                if others:
                    lines.append("With " + esc(", ".join(others)))
            quote = sentence_quote(index.text, mark.start, mark.end, 240)
            lines.append(f"<i>“{esc(quote)}”</i>")
        lines.append("<span style='color:gray'>Click to read it in the article</span>")
        return f"<div style='max-width:420px'>{'<br>'.join(lines)}</div>"

    # ----- exports ------------------------------------------------------------------------------

    def export_size(self) -> QSize:
        return QSize(max(self.width(), 900), self.content_height() + 4)

    def paint_all(self, painter: QPainter, rect: QRect) -> None:
        """The whole timeline (every lane) at the current zoom, refitted to the export width."""
        saved = (self.px_per_day, self.origin)
        if self.timeline is not None and self.timeline.first is not None:
            self.fit(rect.width())
        try:
            self.paint(painter, rect, scroll_y=0.0)
        finally:
            self.px_per_day, self.origin = saved


class TimelineView(QWidget):
    """The dock's content: lane mode, zoom buttons and export above the canvas, undated events beside it.

    Signals:
        event_activated(str, int, int): an event was clicked (id, Python offsets of its trigger).
        actor_activated(str): an actor lane's label was clicked.
        lane_mode_changed(str): "actor" or "type".
    """

    event_activated = Signal(str, int, int)
    actor_activated = Signal(str)
    lane_mode_changed = Signal(str)

    def __init__(self, start_dir: Callable[[], str] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timeline-view")
        self.canvas = TimelineCanvas()
        self.canvas.mark_clicked.connect(self.event_activated)
        self.canvas.lane_clicked.connect(self.actor_activated)
        self.mode = QComboBox()
        self.mode.setObjectName("timeline-lanes")
        self.mode.addItem("One lane per actor", "actor")
        self.mode.addItem("One lane per event type", "type")
        self.mode.currentIndexChanged.connect(lambda _i: self.lane_mode_changed.emit(self.lane_mode))
        buttons = []
        for text, tip, slot in (
            ("−", "Zoom out (Ctrl+wheel)", lambda: self.canvas.zoom(0.67)),
            ("+", "Zoom in (Ctrl+wheel)", lambda: self.canvas.zoom(1.5)),
            ("Fit", "Show every dated event", self.canvas.fit),
        ):
            button = QToolButton()
            button.setText(text)
            button.setToolTip(tip)
            button.clicked.connect(slot)
            buttons.append(button)
        self.summary = QLabel()
        self.summary.setObjectName("timeline-summary")
        self.export = export_button(
            self,
            "Timeline",
            self.canvas.paint_all,
            size=self.canvas.export_size,
            background=lambda: self.canvas.theme.page,
            start_dir=start_dir or (lambda: ""),
        )
        self.undated = QListWidget()
        self.undated.setObjectName("timeline-undated")
        self.undated.setWordWrap(True)
        self.undated.itemActivated.connect(self._on_undated)
        self.undated.itemClicked.connect(self._on_undated)
        self.undated_label = QLabel("Off the timeline")
        self.undated_label.setToolTip(
            "Events with no date the text gives: undated, dated only by the document's own date, "
            "or told as hypothetical, planned or negated. Hover one to see why."
        )
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.undated_label)
        side_layout.addWidget(self.undated, 1)
        # A real scroll bar beside the lanes whenever some are out of view: the canvas alone gives no hint.
        self.lane_bar = QScrollBar(Qt.Orientation.Vertical)
        self.lane_bar.setObjectName("timeline-lane-bar")
        self.lane_bar.hide()
        self.lane_bar.valueChanged.connect(self.canvas.set_scroll)
        self.canvas.scroll_changed.connect(self._sync_lane_bar)
        plot = QWidget()
        plot_layout = QHBoxLayout(plot)
        plot_layout.setContentsMargins(0, 0, 0, 0)
        plot_layout.setSpacing(0)
        plot_layout.addWidget(self.canvas, 1)
        plot_layout.addWidget(self.lane_bar)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(plot)
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([800, 220])
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.mode)
        for button in buttons:
            top.addWidget(button)
        top.addWidget(self.summary, 1)
        top.addWidget(self.export)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)

    def _sync_lane_bar(self) -> None:
        top = self.canvas.max_scroll()
        self.lane_bar.blockSignals(True)
        self.lane_bar.setRange(0, top)
        self.lane_bar.setPageStep(max(1, self.canvas.height()))
        self.lane_bar.setSingleStep(self.canvas.lane_h)
        self.lane_bar.setValue(round(self.canvas.scroll_y))
        self.lane_bar.blockSignals(False)
        self.lane_bar.setVisible(top > 0)

    @property
    def lane_mode(self) -> LaneMode:
        return "type" if self.mode.currentData() == "type" else "actor"

    def set_lane_mode(self, mode: str) -> None:
        index = self.mode.findData(mode)
        if index >= 0:
            self.mode.setCurrentIndex(index)

    def set_timeline(self, timeline: Timeline, index: ViewIndex, refit: bool = False) -> None:
        self.canvas.set_timeline(timeline, index, refit)
        self.undated.setUpdatesEnabled(False)
        self.undated.clear()
        for item in timeline.undated[:UNDATED_ROWS]:
            who = f" — {', '.join(item.actors[:3])}" if item.actors else ""
            row = QListWidgetItem(f"{item.type.title()}: “{item.trigger}”{who}")
            row.setData(_ID_ROLE, (item.event_id, item.start, item.end))
            row.setToolTip(f"{item.label}. {sentence_quote(index.text, item.start, item.end, 200)}")
            self.undated.addItem(row)
        n = len(timeline.undated)
        if n > UNDATED_ROWS:
            more = QListWidgetItem(f"… and {n - UNDATED_ROWS} more (see the Events list)")
            more.setFlags(Qt.ItemFlag.NoItemFlags)
            self.undated.addItem(more)
        self.undated.setUpdatesEnabled(True)
        self.undated_label.setText(f"Off the timeline ({n})" if n else "Off the timeline: none")
        dated = timeline.dated_events
        lanes = len(timeline.lanes)
        self.summary.setText(
            f"{dated} dated event{'s' if dated != 1 else ''} in {lanes} lane{'s' if lanes != 1 else ''}"
        )

    def clear(self) -> None:
        self.canvas.timeline = None
        self.canvas._lanes = []
        self.canvas._fitted = False
        self.canvas.update()
        self.undated.clear()
        self.summary.clear()

    def set_theme(self, theme: Theme) -> None:
        self.canvas.set_theme(theme)

    def set_selected(self, ids: frozenset[str]) -> None:
        self.canvas.set_selected(ids)

    def _on_undated(self, item: QListWidgetItem) -> None:
        data = item.data(_ID_ROLE)
        if not data:
            return
        event_id, start, end = data
        self.event_activated.emit(str(event_id), int(start), int(end))

    def mark_point(self, event_id: str) -> QPoint | None:
        center = self.canvas.mark_center(event_id)
        return center.toPoint() if center is not None else None

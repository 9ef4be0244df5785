"""The actor network dock: actors as nodes sized by mentions, links by shared events or sentences.

Positions come from `StableLayout`, kept per actor id, so filtering only hides and shows nodes;
the scale is fitted to every position known, so the picture does not jump either.

Over 400 lines because layout, painting, hit-testing and dragging share the node positions.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable

from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPolygonF,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSlider,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from gui.theme import ACTOR_STYLES, THEMES, Theme
from gui.views.export import export_button
from gui.views.painting import actor_color, ui_font
from models.views.network import LABEL_TOP, LinkMode, Network, Point
from models.views.svg import fit, link_width, node_radius, place_labels

MARGIN = 40
LEGEND_HEIGHT = 22


class NetworkCanvas(QWidget):
    """The painted graph.

    Signals:
        node_clicked(str): an actor's node was clicked.
    """

    node_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("network-canvas")
        self.setMouseTracking(True)
        self.setMinimumSize(200, 100)
        self.network: Network | None = None
        self.positions: dict[str, Point] = {}
        self.bounds: tuple[float, float, float, float] = (-1.0, -1.0, 1.0, 1.0)
        self.theme: Theme = THEMES["light"]
        self.selected: frozenset[str] = frozenset()
        self.hovered: str | None = None
        self.zoom_factor = 1.0
        self.pan = QPointF(0, 0)
        self._press: QPointF | None = None
        self._dragged = False

    def set_network(
        self, network: Network, positions: dict[str, Point], bounds: tuple[float, float, float, float]
    ) -> None:
        self.network, self.positions, self.bounds = network, positions, bounds
        if self.hovered and self.hovered not in positions:
            self.hovered = None
        self.update()

    def clear(self) -> None:
        self.network, self.positions = None, {}
        self.update()

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.update()

    def set_selected(self, ids: frozenset[str]) -> None:
        self.selected = ids
        self.update()

    def reset_view(self) -> None:
        self.zoom_factor = 1.0
        self.pan = QPointF(0, 0)
        self.update()

    # ----- geometry -----------------------------------------------------------------------------

    def _scale(self) -> float:
        """Node sizes follow the zoom and the room available (a short dock gets smaller circles)."""
        room = max(0.45, min(1.15, min(self.width(), self.height() * 1.4) / 620))
        return room * max(0.6, min(1.6, math.sqrt(self.zoom_factor)))

    def screen_positions(self, rect: QRect | None = None, interactive: bool = True) -> dict[str, Point]:
        rect = rect or self.rect()
        at = fit(self.positions, self.bounds, rect.width(), rect.height() - LEGEND_HEIGHT, MARGIN, stretch=True)
        if not interactive:
            return {k: (x + rect.left(), y + rect.top()) for k, (x, y) in at.items()}
        cx, cy = rect.width() / 2, rect.height() / 2
        z = self.zoom_factor
        return {
            k: (cx + (x - cx) * z + self.pan.x() + rect.left(), cy + (y - cy) * z + self.pan.y() + rect.top())
            for k, (x, y) in at.items()
        }

    def radii(self) -> dict[str, float]:
        network = self.network
        if network is None:
            return {}
        scale = self._scale()
        return {n.id: node_radius(n.mentions, network.max_mentions, 0.85 * scale) for n in network.nodes}

    def node_at(self, point: QPointF) -> str | None:
        radii = self.radii()
        best: tuple[float, str] | None = None
        for node_id, (x, y) in self.screen_positions().items():
            distance = math.hypot(point.x() - x, point.y() - y)
            if distance <= radii.get(node_id, 5) + 3 and (best is None or distance < best[0]):
                best = (distance, node_id)
        return best[1] if best else None

    def node_point(self, actor_id: str) -> QPointF | None:
        at = self.screen_positions().get(actor_id)
        return QPointF(*at) if at else None

    # ----- painting ----------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.paint(painter, self.rect())
        painter.end()

    def paint(self, painter: QPainter, rect: QRect, interactive: bool = True) -> None:
        theme = self.theme
        painter.fillRect(rect, QColor(theme.page))
        network = self.network
        painter.setFont(ui_font(9))
        if network is None or not network.nodes:
            painter.setPen(QColor(theme.muted))
            text = "The actor network appears when the analysis is ready."
            if network is not None and network.linked_only and network.unlinked:
                text = "No links this heavy: move the weight slider left, or show the unlinked actors."
            elif network is not None:
                text = "No actors to show: the filters hide them all."
            painter.drawText(rect.adjusted(16, 12, -16, -12), Qt.TextFlag.TextWordWrap, text)
            return
        at = self.screen_positions(rect, interactive)
        radii = self.radii()
        focus = self.selected | ({self.hovered} if self.hovered else set())
        for link in network.links:
            (x1, y1), (x2, y2) = at[link.a], at[link.b]
            lit = link.a in focus or link.b in focus
            color = QColor(theme.text if lit else theme.muted)
            color.setAlpha(200 if lit else (110 if focus else 140))
            width = link_width(link.weight, network.max_weight) * self._scale()
            painter.setPen(QPen(color, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
            dx, dy = x2 - x1, y2 - y1
            dist = math.hypot(dx, dy) or 1.0
            ux, uy = dx / dist, dy / dist
            ra, rb = radii[link.a] + 2, radii[link.b] + 2
            start = QPointF(x1 + ux * ra, y1 + uy * ra)
            end = QPointF(x2 - ux * rb, y2 - uy * rb)
            painter.drawLine(start, end)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(color)
            size = 6 + width
            if link.forward:
                painter.drawPolygon(_arrow(end, ux, uy, size))
            if link.backward:
                painter.drawPolygon(_arrow(start, -ux, -uy, size))
        outline = QPen(QColor(theme.text), 2.5)
        edge = QPen(QColor(theme.page), 1.5)
        for node in sorted(network.nodes, key=lambda n: -n.rank):
            x, y = at[node.id]
            r = radii[node.id]
            painter.setPen(outline if node.id in focus else edge)
            color = actor_color(node.type, theme)
            if (
                focus
                and node.id not in focus
                and not any(
                    (link.a == node.id and link.b in focus) or (link.b == node.id and link.a in focus)
                    for link in network.links
                )
            ):
                color.setAlpha(110)
            painter.setBrush(color)
            painter.drawEllipse(QPointF(x, y), r, r)
        font = ui_font(9)
        metrics = QFontMetricsF(font)
        obstacles = {
            n.id: (
                at[n.id][0] - radii[n.id],
                at[n.id][1] - radii[n.id],
                at[n.id][0] + radii[n.id],
                at[n.id][1] + radii[n.id],
            )
            for n in network.nodes
        }
        labels = place_labels(
            network,
            at,
            radii,
            width=rect.right() + 1,
            height=rect.bottom() + 1 - LEGEND_HEIGHT,
            label_top=LABEL_TOP,
            obstacles=obstacles,
            char_width=QFontMetricsF(ui_font(9, bold=True)).averageCharWidth() * 1.1,
            line_height=metrics.height() + 2,
            always=frozenset(focus),
        )
        back = QColor(theme.page)
        back.setAlpha(215)
        bold_metrics = QFontMetricsF(ui_font(9, bold=True))
        for node_id, (lx, ly, label) in labels.items():
            bold = node_id in focus
            advance = (bold_metrics if bold else metrics).horizontalAdvance(label)
            box = QRectF(lx, ly, advance + 6, metrics.height() + 2)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(back)
            painter.drawRoundedRect(box, 3, 3)
            painter.setFont(ui_font(9, bold=bold))
            painter.setPen(QColor(theme.text))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, label)
        painter.setFont(ui_font(8.5))
        self._paint_legend(painter, rect, network)

    def _paint_legend(self, painter: QPainter, rect: QRect, network: Network) -> None:
        theme = self.theme
        x = rect.left() + 10.0
        y = rect.bottom() - 12.0
        metrics = QFontMetricsF(ui_font(8.5))
        for key, style in ACTOR_STYLES.items():
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(actor_color(key, theme))
            painter.drawEllipse(QPointF(x + 5, y), 4.5, 4.5)
            painter.setPen(QColor(theme.text))
            painter.drawText(QPointF(x + 13, y + 4), style.label)
            x += 26 + metrics.horizontalAdvance(style.label)
        painter.setPen(QColor(theme.muted))
        what = (
            "links: shared events, arrows from source to target"
            if network.mode == "events"
            else "links: shared sentences"
        )
        if network.omitted:
            what += f" · {network.omitted} less mentioned actors left out"
        if network.unlinked and network.linked_only:
            what += f" · {network.unlinked} unlinked not shown"
        painter.drawText(QPointF(x + 6, y + 4), what)

    # ----- interaction ---------------------------------------------------------------------------

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt override
        self.zoom(1.2 if event.angleDelta().y() > 0 else 1 / 1.2, event.position())
        event.accept()

    def zoom(self, factor: float, anchor: QPointF | None = None) -> None:
        old = self.zoom_factor
        self.zoom_factor = max(0.4, min(6.0, self.zoom_factor * factor))
        if anchor is not None:
            cx, cy = self.width() / 2, self.height() / 2
            ratio = self.zoom_factor / old
            self.pan = QPointF(
                (self.pan.x() + cx - anchor.x()) * ratio + anchor.x() - cx,
                (self.pan.y() + cy - anchor.y()) * ratio + anchor.y() - cy,
            )
        self.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = event.position()
            self._dragged = False

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if self._press is not None and event.buttons() & Qt.MouseButton.LeftButton:
            delta = event.position() - self._press
            if self._dragged or abs(delta.x()) + abs(delta.y()) > 4:
                self._dragged = True
                self.pan += delta
                self._press = event.position()
                self.update()
            return
        hovered = self.node_at(event.position())
        if hovered != self.hovered:
            self.hovered = hovered
            self.setCursor(Qt.CursorShape.PointingHandCursor if hovered else Qt.CursorShape.ArrowCursor)
            self.update()

    def leaveEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if self.hovered:
            self.hovered = None
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if event.button() != Qt.MouseButton.LeftButton or self._press is None:
            return
        self._press = None
        if self._dragged:
            return
        node = self.node_at(event.position())
        if node is not None:
            self.node_clicked.emit(node)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and self.network is not None:
            node_id = self.node_at(QPointF(event.pos()))  # type: ignore[attr-defined]
            node = next((n for n in self.network.nodes if n.id == node_id), None)
            if node is None:
                QToolTip.hideText()
                return True
            links = [lk for lk in self.network.links if node.id in (lk.a, lk.b)]
            unit = "shared events" if self.network.mode == "events" else "shared sentences"
            names = {n.id: n.name for n in self.network.nodes}
            strongest = sorted(links, key=lambda lk: -lk.weight)[:5]
            kind = ACTOR_STYLES[node.type].label if node.type in ACTOR_STYLES else node.type.title()
            lines = [
                f"<b>{html.escape(node.name)}</b> · {html.escape(kind)}",
                f"{node.mentions} mention{'s' if node.mentions != 1 else ''}",
            ]
            for lk in strongest:
                other = lk.b if lk.a == node.id else lk.a
                lines.append(f"{html.escape(names.get(other, other))}: {lk.weight} {unit}")
            lines.append("<span style='color:gray'>Click to select this actor</span>")
            QToolTip.showText(event.globalPos(), "<br>".join(lines), self)  # type: ignore[attr-defined]
            return True
        return super().event(event)

    def export_size(self) -> QSize:
        return QSize(max(self.width(), 900), max(self.height(), 640))

    def paint_all(self, painter: QPainter, rect: QRect) -> None:
        self.paint(painter, rect, interactive=False)


def _arrow(tip: QPointF, ux: float, uy: float, size: float) -> QPolygonF:
    back = QPointF(tip.x() - ux * size, tip.y() - uy * size)
    side = QPointF(-uy * size * 0.5, ux * size * 0.5)
    return QPolygonF([tip, back + side, back - side])


class NetworkView(QWidget):
    """The dock's content: link mode, view buttons and export above the graph.

    Signals:
        actor_activated(str): a node was clicked.
        link_mode_changed(str): "events" or "sentences".
    """

    actor_activated = Signal(str)
    link_mode_changed = Signal(str)
    options_changed = Signal()

    def __init__(self, start_dir: Callable[[], str] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("network-view")
        self.canvas = NetworkCanvas()
        self.canvas.node_clicked.connect(self.actor_activated)
        self.mode = QComboBox()
        self.mode.setObjectName("network-links")
        self.mode.addItem("Links: shared events", "events")
        self.mode.addItem("Links: shared sentences", "sentences")
        self.mode.currentIndexChanged.connect(lambda _i: self.link_mode_changed.emit(self.link_mode))
        reset = QToolButton()
        reset.setText("Fit")
        reset.setToolTip("Show the whole network (zoom with the wheel, drag to pan)")
        reset.clicked.connect(self.canvas.reset_view)
        self.summary = QLabel()
        self.export = export_button(
            self,
            "Actor network",
            self.canvas.paint_all,
            size=self.canvas.export_size,
            background=lambda: self.canvas.theme.page,
            start_dir=start_dir or (lambda: ""),
        )
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.mode)
        top.addWidget(reset)
        top.addWidget(self.summary, 1)
        top.addWidget(self.export)
        # Unlinked actors are hidden by default (their count is on the switch); light links can be thinned.
        self.unlinked = QCheckBox("Show unlinked actors")
        self.unlinked.setObjectName("network-unlinked")
        self.unlinked.setToolTip("Actors no link reaches are left out to keep the picture readable")
        self.unlinked.toggled.connect(lambda _on: self.options_changed.emit())
        self.weight = QSlider(Qt.Orientation.Horizontal)
        self.weight.setObjectName("network-weight")
        self.weight.setRange(1, 1)
        self.weight.setPageStep(1)
        self.weight.setMaximumWidth(160)
        self.weight.setToolTip("Hide links shared fewer times than this")
        self.weight_label = QLabel("Links: all")
        self.weight.valueChanged.connect(self._on_weight)
        options = QHBoxLayout()
        options.setContentsMargins(0, 0, 0, 0)
        options.addWidget(self.unlinked)
        options.addStretch(1)
        options.addWidget(self.weight_label)
        options.addWidget(self.weight)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.addLayout(top)
        layout.addLayout(options)
        layout.addWidget(self.canvas, 1)

    @property
    def show_unlinked(self) -> bool:
        return self.unlinked.isChecked()

    @property
    def min_weight(self) -> int:
        return self.weight.value()

    def _on_weight(self, value: int) -> None:
        self.weight_label.setText("Links: all" if value <= 1 else f"Links: {value}+ times")
        self.options_changed.emit()

    @property
    def link_mode(self) -> LinkMode:
        return "sentences" if self.mode.currentData() == "sentences" else "events"

    def set_link_mode(self, mode: str) -> None:
        index = self.mode.findData(mode)
        if index >= 0:
            self.mode.setCurrentIndex(index)

    def set_network(
        self, network: Network, positions: dict[str, Point], bounds: tuple[float, float, float, float]
    ) -> None:
        self.canvas.set_network(network, positions, bounds)
        self.weight.blockSignals(True)
        self.weight.setMaximum(max(1, network.heaviest))
        self.weight.blockSignals(False)
        self.weight.setEnabled(network.heaviest > 1)
        hidden = network.unlinked
        self.unlinked.setText(
            f"Show {hidden} unlinked actor{'s' if hidden != 1 else ''}" if hidden else "Show unlinked actors"
        )
        n, k = len(network.nodes), len(network.links)
        text = f"{n} actor{'s' if n != 1 else ''}, {k} link{'s' if k != 1 else ''}"
        if network.mode == "events" and n > 3 and k < n // 4:
            text += " · few share an event: try “shared sentences”"
        self.summary.setText(text)

    def clear(self) -> None:
        self.canvas.clear()
        self.summary.clear()

    def set_theme(self, theme: Theme) -> None:
        self.canvas.set_theme(theme)

    def set_selected(self, ids: frozenset[str]) -> None:
        self.canvas.set_selected(ids)

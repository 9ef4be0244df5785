"""A legend of highlight layers, each with a check box that shows or hides it.

Each row shows how the layer is drawn (shape as well as colour), so the legend is also the key
for colour-blind readers.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from gui.highlight_layers import mentions_key
from gui.theme import ACTOR_STYLES, CATEGORY_STYLES, EVENT_STYLES, CategoryStyle, Edge, Style, Theme
from models.filters import EVENT_LAYER, PRONOUN_LAYER, READER_LAYER, TIME_LAYER, FilterState
from models.views.style import DEFAULT_READER_COLORS

_PENS = {
    Edge.SOLID: Qt.PenStyle.SolidLine,
    Edge.DASH: Qt.PenStyle.DashLine,
    Edge.DOT: Qt.PenStyle.DotLine,
    Edge.DASH_DOT: Qt.PenStyle.DashDotLine,
}
READER_STYLE = CategoryStyle("My highlights", DEFAULT_READER_COLORS["Important"], Style.MARKER)
TOGGLES: dict[str, CategoryStyle] = {
    **ACTOR_STYLES,
    PRONOUN_LAYER: CategoryStyle("Pronouns (he, she)", ACTOR_STYLES["PERSON"].color, Style.TINT),
    EVENT_LAYER: CATEGORY_STYLES[EVENT_LAYER],
    TIME_LAYER: CATEGORY_STYLES[TIME_LAYER],
    READER_LAYER: READER_STYLE,
}


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def swatch(style: CategoryStyle, theme: Theme, size: int = 16) -> QIcon:
    """A small picture of how a category is drawn."""
    pixmap = QPixmap(QSize(size * 2, size))
    pixmap.fill(QColor(theme.page))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    body = QRectF(pixmap.rect().adjusted(3, 3, -3, -4))
    line = theme.line(style.color)
    if style.style == Style.TINT:
        painter.fillRect(body, theme.tint(style.color))
        if style.edge in _PENS:
            painter.setPen(QPen(line, 1.3, _PENS[style.edge]))
            painter.drawLine(body.bottomLeft(), body.bottomRight())
    elif style.style == Style.MARKER:
        painter.fillRect(body.adjusted(0, body.height() * 0.45, 0, 0), theme.marker(style.color))
    elif style.style == Style.WAVY:
        painter.setPen(QPen(line, 1.5))
        path = QPainterPath(QPointF(body.left(), body.bottom()))
        x, up = body.left(), True
        while x < body.right():
            nxt = min(body.right(), x + 3)
            path.quadTo(QPointF((x + nxt) / 2, body.bottom() + (-1.6 if up else 1.6)), QPointF(nxt, body.bottom()))
            x, up = nxt, not up
        painter.drawPath(path)
    elif style.style in (Style.UNDERLINE, Style.DASHED, Style.DOTTED):
        pen_style = {
            Style.UNDERLINE: Qt.PenStyle.SolidLine,
            Style.DASHED: Qt.PenStyle.DashLine,
            Style.DOTTED: Qt.PenStyle.DotLine,
        }[style.style]
        painter.setPen(QPen(line, 2.0, pen_style, Qt.PenCapStyle.FlatCap))
        painter.drawLine(body.bottomLeft(), body.bottomRight())
    else:
        painter.setPen(QPen(line, 1.3))
        painter.drawRoundedRect(body, 3, 3)
    painter.end()
    return QIcon(pixmap)


class Legend(QWidget):
    """Check boxes for the highlight layers, plus the key to the event line shapes.

    Signals:
        category_toggled(str, bool): layer key, visible.
        per_actor_toggled(bool): colour by actor instead of by type.
    """

    category_toggled = Signal(str, bool)
    per_actor_toggled = Signal(bool)

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(3)
        self._boxes: dict[str, QCheckBox] = {}
        self._theme = theme
        self._reader_style: CategoryStyle | None = None
        self._reader_name: str | None = None
        self._keys: dict[str, QLabel] = {}
        self._key_texts: dict[str, QLabel] = {}
        for key, style in TOGGLES.items():
            box = QCheckBox(style.label)
            box.setChecked(True)
            box.setObjectName(f"legend-{key}")
            box.toggled.connect(lambda checked, k=key: self.category_toggled.emit(k, checked))
            layout.addWidget(box)
            self._boxes[key] = box
            if key == EVENT_LAYER:
                for family, family_style in EVENT_STYLES.items():
                    row = QHBoxLayout()
                    row.setContentsMargins(26, 0, 0, 0)
                    icon = QLabel()
                    text = QLabel(family_style.label)
                    text.setEnabled(False)
                    row.addWidget(icon)
                    row.addWidget(text, 1)
                    layout.addLayout(row)
                    self._keys[family] = icon
                    self._key_texts[family] = text
        self.per_actor = QCheckBox("One colour per actor")
        self.per_actor.setObjectName("legend-per-actor")
        self.per_actor.setToolTip("Colour each actor differently instead of by type (the edge still shows the type)")
        self.per_actor.toggled.connect(self.per_actor_toggled)
        layout.addSpacing(6)
        layout.addWidget(self.per_actor)
        layout.addStretch(1)
        self.set_theme(theme)

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        for key, box in self._boxes.items():
            style = self._reader_style if key == READER_LAYER and self._reader_style else TOGGLES[key]
            box.setIcon(swatch(style, theme))
            box.setIconSize(QSize(32, 16))
        for family, label in self._keys.items():
            label.setPixmap(swatch(EVENT_STYLES[family], theme, 12).pixmap(QSize(24, 12)))

    def set_reader_current(self, name: str, color: str) -> None:
        """The "My highlights" row names and shows the colour Ctrl+M will use (never a fixed yellow)."""
        self._reader_style = CategoryStyle(READER_STYLE.label, color, Style.MARKER)
        self._reader_name = name
        box = self._boxes[READER_LAYER]
        box.setText(f"{READER_STYLE.label} · next: {name}")
        box.setToolTip(f"Ctrl+M highlights a selection as “{name}” before the note; keys 1–9 pick a category")
        box.setIcon(swatch(self._reader_style, self._theme))

    def box(self, key: str) -> QCheckBox:
        return self._boxes[key]

    def set_state(self, state: FilterState) -> None:
        """Mirror a filter state without emitting toggles back."""
        for key, box in self._boxes.items():
            box.blockSignals(True)
            box.setChecked(key not in state.hidden_layers)
            box.blockSignals(False)

    def set_counts(self, counts: dict[str, int]) -> None:
        """Counts beside each layer: actor types say actors and mentions apart ("Person: 30 actors, 208 mentions")."""
        for key, box in self._boxes.items():
            n = counts.get(key)
            mentions = counts.get(mentions_key(key))
            name = TOGGLES[key].label
            if n is not None and mentions is not None:
                box.setText(f"{name}: {plural(n, 'actor')}, {plural(mentions, 'mention')}")
            elif key == PRONOUN_LAYER and n is not None:
                box.setText(f"{name}: {plural(n, 'mention')}")
            elif key == READER_LAYER and self._reader_name:
                box.setText(f"{name} · next: {self._reader_name}")
            else:
                box.setText(name + (f"  ({n})" if n is not None else ""))
        for family, label in self._key_texts.items():
            n = counts.get(family)
            label.setText(EVENT_STYLES[family].label + (f"  ({n})" if n is not None else ""))

"""A legend of highlight categories, each with a check box that shows or hides it."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QCheckBox, QVBoxLayout, QWidget

from gui.theme import CATEGORY_STYLES, CategoryStyle, Style, Theme


def swatch(style: CategoryStyle, theme: Theme, size: int = 16) -> QIcon:
    """A small picture of how a category is drawn, so the legend shows shape as well as colour."""
    pixmap = QPixmap(QSize(size * 2, size))
    pixmap.fill(QColor(theme.page))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    body = pixmap.rect().adjusted(2, 3, -2, -3)
    if style.style == Style.TINT:
        painter.fillRect(body, theme.tint(style.color))
    elif style.style == Style.UNDERLINE:
        painter.setPen(QPen(theme.line(style.color), 2.0))
        painter.drawLine(body.bottomLeft(), body.bottomRight())
    elif style.style == Style.WAVY:
        painter.setPen(QPen(theme.line(style.color), 1.6, Qt.PenStyle.DotLine))
        painter.drawLine(body.bottomLeft(), body.bottomRight())
    else:
        painter.setPen(QPen(theme.line(style.color), 1.2))
        painter.drawRoundedRect(body, 3, 3)
    painter.end()
    return QIcon(pixmap)


class Legend(QWidget):
    """Check boxes for the highlight categories.

    Signals:
        category_toggled(str, bool): category key, visible.
    """

    category_toggled = Signal(str, bool)

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(4)
        self._boxes: dict[str, QCheckBox] = {}
        for key, style in CATEGORY_STYLES.items():
            box = QCheckBox(style.label)
            box.setChecked(True)
            box.setObjectName(f"legend-{key}")
            box.toggled.connect(lambda checked, k=key: self.category_toggled.emit(k, checked))
            layout.addWidget(box)
            self._boxes[key] = box
        layout.addStretch(1)
        self.set_theme(theme)

    def set_theme(self, theme: Theme) -> None:
        for key, box in self._boxes.items():
            box.setIcon(swatch(CATEGORY_STYLES[key], theme))
            box.setIconSize(QSize(32, 16))

    def box(self, key: str) -> QCheckBox:
        return self._boxes[key]

    def set_counts(self, counts: dict[str, int]) -> None:
        for key, box in self._boxes.items():
            n = counts.get(key)
            box.setText(CATEGORY_STYLES[key].label + (f"  ({n})" if n is not None else ""))

"""Shared drawing helpers of the overview views: theme colours and mark shapes as Qt objects."""

from __future__ import annotations

from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QFont, QPainterPath, QPolygonF

from gui.theme import ACTOR_STYLES, Theme
from models.views.style import DARK, LIGHT, Palette, Shape


def palette_for(theme: Theme) -> Palette:
    """The views' page colours for a reading theme (sepia keeps light marks on its own page)."""
    base = DARK if theme.dark else LIGHT
    lane = QColor(theme.page).darker(104) if not theme.dark else QColor(theme.page).lighter(112)
    rule = QColor(theme.page).darker(118) if not theme.dark else QColor(theme.page).lighter(150)
    return Palette(theme.page, theme.text, theme.muted, rule.name(), lane.name(), base.dark)


def actor_color(actor_type: str, theme: Theme) -> QColor:
    color = QColor(ACTOR_STYLES[actor_type].color if actor_type in ACTOR_STYLES else theme.muted)
    return color.lighter(120) if theme.dark else color


def shape_path(shape: Shape, center: QPointF, r: float) -> QPainterPath:
    """A mark's outline centred on `center` (the same shapes as the SVG pictures)."""
    x, y = center.x(), center.y()
    path = QPainterPath()
    if shape is Shape.TRIANGLE:
        path.addPolygon(QPolygonF([QPointF(x, y - r), QPointF(x + r, y + r * 0.8), QPointF(x - r, y + r * 0.8)]))
        path.closeSubpath()
    elif shape is Shape.SQUARE:
        s = r * 0.85
        path.addRect(x - s, y - s, 2 * s, 2 * s)
    elif shape is Shape.DIAMOND:
        path.addPolygon(QPolygonF([QPointF(x, y - r), QPointF(x + r, y), QPointF(x, y + r), QPointF(x - r, y)]))
        path.closeSubpath()
    else:
        path.addEllipse(center, r, r)
    return path


def ui_font(point_size: float = 9.0, bold: bool = False) -> QFont:
    font = QFont()
    font.setFamilies(["DejaVu Sans", "Helvetica", "Arial", "sans-serif"])
    font.setPointSizeF(point_size)
    font.setBold(bold)
    return font

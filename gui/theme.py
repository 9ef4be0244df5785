"""Colour themes for the reading view and its highlights.

Colours follow the Okabe–Ito palette, which stays distinguishable with the common forms of
colour blindness; every category also has its own drawing style (tint, underline, box), so no
category is told apart by colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtGui import QColor, QPalette


class Style(StrEnum):
    """How a highlight is drawn."""

    TINT = "tint"  # filled background behind the text
    UNDERLINE = "underline"  # thick line under the text
    WAVY = "wavy"  # dotted line under the text
    BOX = "box"  # thin rounded frame around the text


@dataclass(frozen=True, slots=True)
class CategoryStyle:
    """Colour and shape of one highlight category."""

    label: str
    color: str
    style: Style


# Okabe–Ito: blue, orange, bluish green, reddish purple, vermillion, sky blue, yellow.
CATEGORY_STYLES: dict[str, CategoryStyle] = {
    "PERSON": CategoryStyle("Person", "#0072B2", Style.TINT),
    "ORG": CategoryStyle("Organization", "#E69F00", Style.TINT),
    "PLACE": CategoryStyle("Place", "#009E73", Style.TINT),
    "GROUP": CategoryStyle("Group", "#CC79A7", Style.TINT),
    "EVENT": CategoryStyle("Event", "#D55E00", Style.UNDERLINE),
    "TIME": CategoryStyle("Date or time", "#56B4E9", Style.BOX),
}


@dataclass(frozen=True, slots=True)
class Theme:
    """Page colours plus how strongly highlight tints are mixed into the page."""

    name: str
    label: str
    page: str
    text: str
    muted: str
    window: str
    tint_alpha: int
    line_alpha: int
    dark: bool

    def tint(self, color: str) -> QColor:
        c = QColor(color)
        c.setAlpha(self.tint_alpha)
        return c

    def line(self, color: str) -> QColor:
        c = QColor(color)
        if self.dark:
            c = c.lighter(130)
        c.setAlpha(self.line_alpha)
        return c

    def palette(self, base: QPalette) -> QPalette:
        """A window palette that matches the page colours."""
        pal = QPalette(base)
        pal.setColor(QPalette.ColorRole.Base, QColor(self.page))
        pal.setColor(QPalette.ColorRole.Text, QColor(self.text))
        if self.dark:
            pal.setColor(QPalette.ColorRole.Window, QColor(self.window))
            pal.setColor(QPalette.ColorRole.WindowText, QColor(self.text))
            pal.setColor(QPalette.ColorRole.Button, QColor(self.window))
            pal.setColor(QPalette.ColorRole.ButtonText, QColor(self.text))
            pal.setColor(QPalette.ColorRole.AlternateBase, QColor(self.window).lighter(115))
            pal.setColor(QPalette.ColorRole.ToolTipBase, QColor(self.window))
            pal.setColor(QPalette.ColorRole.ToolTipText, QColor(self.text))
            pal.setColor(QPalette.ColorRole.PlaceholderText, QColor(self.muted))
            pal.setColor(QPalette.ColorRole.Highlight, QColor("#3d6fa3"))
            pal.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
        else:
            pal.setColor(QPalette.ColorRole.Window, QColor(self.window))
            pal.setColor(QPalette.ColorRole.WindowText, QColor("#1d1d1f"))
        return pal


THEMES: dict[str, Theme] = {
    "light": Theme("light", "Light", "#fdfdfb", "#1f1f1f", "#6b6b6b", "#f0f0ee", 70, 230, False),
    "sepia": Theme("sepia", "Sepia", "#f6efdf", "#3b2f22", "#7a6a55", "#ebe2cf", 80, 230, False),
    "dark": Theme("dark", "Dark", "#1e1f22", "#dcdcd6", "#9a9a94", "#2a2b2e", 95, 255, True),
}
DEFAULT_THEME = "light"

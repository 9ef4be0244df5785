"""Colour themes for the reading view and its highlights.

Colours follow the Okabe–Ito palette, which stays distinguishable with the common forms of
colour blindness; every category also has its own drawing style (tint with a distinct edge,
underline of a distinct shape, box, marker band), so no category is told apart by colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtGui import QColor, QPalette

from models.views.style import (
    ACTOR_TYPE_COLORS,
    ACTOR_TYPE_LABELS,
    EVENT_COLOR,
    FAMILIES,
    PAGE_COLORS,
    TIME_COLOR,
    family_of,
)


class Style(StrEnum):
    """How a highlight is drawn."""

    TINT = "tint"  # filled background behind the text, with an edge line underneath
    UNDERLINE = "underline"  # thick line under the text
    WAVY = "wavy"  # wavy line under the text
    DASHED = "dashed"  # dashed line under the text
    DOTTED = "dotted"  # dotted line under the text
    BOX = "box"  # thin rounded frame around the text
    MARKER = "marker"  # a highlighter-pen band over the lower part of the line


class Edge(StrEnum):
    """The thin line drawn under a tint, so actor types differ in shape too."""

    SOLID = "solid"
    DASH = "dash"
    DOT = "dot"
    DASH_DOT = "dashdot"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class CategoryStyle:
    """Colour and shape of one highlight category."""

    label: str
    color: str
    style: Style
    edge: Edge = Edge.NONE
    cue: int = 0  # a second cue for a reused per-actor colour (see ACTOR_CUES)


# Colours and names come from models/views/style.py (Okabe–Ito: blue, orange, bluish green, reddish purple,
# vermillion; the per-actor and reader colours; the pages), which the Qt-free figures and reports draw with
# too; only the shapes, the tint strengths and Qt's widget palette are chosen here.
_ACTOR_EDGES = {"PERSON": Edge.SOLID, "ORG": Edge.DASH, "PLACE": Edge.DOT, "GROUP": Edge.DASH_DOT}
ACTOR_STYLES: dict[str, CategoryStyle] = {
    kind: CategoryStyle(ACTOR_TYPE_LABELS[kind], color, Style.TINT, _ACTOR_EDGES[kind])
    for kind, color in ACTOR_TYPE_COLORS.items()
}
_EVENT_LINES = {
    "EVENT_CONFLICT": Style.WAVY,
    "EVENT_CONTACT": Style.UNDERLINE,
    "EVENT_SPEECH": Style.DASHED,
    "EVENT_OTHER": Style.DOTTED,
}
EVENT_STYLES: dict[str, CategoryStyle] = {
    key: CategoryStyle(family.label, EVENT_COLOR, _EVENT_LINES[key]) for key, family in FAMILIES.items()
}
TIME_STYLE = CategoryStyle("Date or time", TIME_COLOR, Style.BOX)
# Shown in the legend as one row each; the event families share the "Events" switch.
CATEGORY_STYLES: dict[str, CategoryStyle] = {
    **ACTOR_STYLES,
    "EVENT": CategoryStyle("Event", EVENT_COLOR, Style.UNDERLINE),
    **EVENT_STYLES,
    "TIME": TIME_STYLE,
}
ACTOR_CUES = 3  # 0: edge under the text; 1: over and under; 2: brackets at the ends as well


def event_category(event_type: str) -> str:
    return family_of(event_type).key


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
        if self.dark:
            c = c.lighter(115)
        c.setAlpha(self.tint_alpha)
        return c

    def marker(self, color: str) -> QColor:
        """Reader highlights: stronger than actor tints, as a highlighter pen is."""
        c = QColor(color)
        c.setAlpha(min(255, int(self.tint_alpha * 1.9)))
        return c

    def line(self, color: str) -> QColor:
        c = QColor(color)
        if self.dark:
            c = c.lighter(135)
        c.setAlpha(self.line_alpha)
        return c

    def dim(self) -> QColor:
        """Veil laid over text outside the focus."""
        c = QColor(self.page)
        c.setAlpha(165)
        return c

    def flash(self) -> QColor:
        return QColor("#ffd23f") if not self.dark else QColor("#b08a00")

    def find(self, current: bool) -> QColor:
        c = QColor("#ffb000" if current else "#ffe066")
        c.setAlpha(200 if current else (110 if self.dark else 150))
        return c

    def palette(self, base: QPalette) -> QPalette:
        """A window palette that matches the page colours."""
        pal = QPalette(base)
        pal.setColor(QPalette.ColorRole.Base, QColor(self.page))
        pal.setColor(QPalette.ColorRole.Text, QColor(self.text))
        pal.setColor(QPalette.ColorRole.Window, QColor(self.window))
        pal.setColor(QPalette.ColorRole.PlaceholderText, QColor(self.muted))
        if self.dark:
            pal.setColor(QPalette.ColorRole.WindowText, QColor(self.text))
            pal.setColor(QPalette.ColorRole.Button, QColor(self.window))
            pal.setColor(QPalette.ColorRole.ButtonText, QColor(self.text))
            pal.setColor(QPalette.ColorRole.AlternateBase, QColor(self.window).lighter(115))
            pal.setColor(QPalette.ColorRole.ToolTipBase, QColor(self.window))
            pal.setColor(QPalette.ColorRole.ToolTipText, QColor(self.text))
            pal.setColor(QPalette.ColorRole.Highlight, QColor("#3d6fa3"))
            pal.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
            pal.setColor(QPalette.ColorRole.Light, QColor(self.window).lighter(150))
            pal.setColor(QPalette.ColorRole.Midlight, QColor(self.window).lighter(130))
            pal.setColor(QPalette.ColorRole.Mid, QColor(self.window).lighter(110))
            pal.setColor(QPalette.ColorRole.Dark, QColor(self.window).darker(130))
            pal.setColor(QPalette.ColorRole.Shadow, QColor("#000000"))
            for group in (QPalette.ColorGroup.Disabled,):
                pal.setColor(group, QPalette.ColorRole.WindowText, QColor(self.muted))
                pal.setColor(group, QPalette.ColorRole.Text, QColor(self.muted))
                pal.setColor(group, QPalette.ColorRole.ButtonText, QColor(self.muted))
        else:
            pal.setColor(QPalette.ColorRole.WindowText, QColor("#1d1d1f" if self.name == "light" else self.text))
            pal.setColor(QPalette.ColorRole.Button, QColor(self.window))
            pal.setColor(QPalette.ColorRole.AlternateBase, QColor(self.window).darker(103))
        return pal


def _theme(name: str, label: str, tint_alpha: int, line_alpha: int, dark: bool) -> Theme:
    page = PAGE_COLORS[name]
    return Theme(name, label, page.page, page.text, page.muted, page.window, tint_alpha, line_alpha, dark)


THEMES: dict[str, Theme] = {
    "light": _theme("light", "Light", 70, 230, False),
    "sepia": _theme("sepia", "Sepia", 80, 230, False),
    "dark": _theme("dark", "Dark", 90, 255, True),
}
DEFAULT_THEME = "light"

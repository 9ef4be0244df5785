"""Colour themes for the reading view and its highlights.

Colours follow the Okabe–Ito palette, which stays distinguishable with the common forms of
colour blindness; every category also has its own drawing style (tint with a distinct edge,
underline of a distinct shape, box, marker band), so no category is told apart by colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtGui import QColor, QPalette


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


# Okabe–Ito: blue, orange, bluish green, reddish purple, vermillion, sky blue, yellow.
ACTOR_STYLES: dict[str, CategoryStyle] = {
    "PERSON": CategoryStyle("Person", "#0072B2", Style.TINT, Edge.SOLID),
    "ORG": CategoryStyle("Organization", "#E69F00", Style.TINT, Edge.DASH),
    "PLACE": CategoryStyle("Place", "#009E73", Style.TINT, Edge.DOT),
    "GROUP": CategoryStyle("Group", "#CC79A7", Style.TINT, Edge.DASH_DOT),
}
EVENT_COLOR = "#D55E00"
EVENT_STYLES: dict[str, CategoryStyle] = {
    "EVENT_CONFLICT": CategoryStyle("Conflict and harm", EVENT_COLOR, Style.WAVY),
    "EVENT_CONTACT": CategoryStyle("Meetings, calls, trips, deals", EVENT_COLOR, Style.UNDERLINE),
    "EVENT_SPEECH": CategoryStyle("Statements, demands, protests", EVENT_COLOR, Style.DASHED),
    "EVENT_OTHER": CategoryStyle("Other events", EVENT_COLOR, Style.DOTTED),
}
EVENT_FAMILY: dict[str, str] = {
    **dict.fromkeys(("ATTACK", "HARM", "HOSTAGE", "DISASTER", "DEPLOYMENT"), "EVENT_CONFLICT"),
    **dict.fromkeys(("MEETING", "CALL", "TRAVEL", "NEGOTIATION", "AGREEMENT", "TRANSFER"), "EVENT_CONTACT"),
    **dict.fromkeys(("STATEMENT", "DEMAND", "PROTEST"), "EVENT_SPEECH"),
}
TIME_STYLE = CategoryStyle("Date or time", "#56B4E9", Style.BOX)
# Shown in the legend as one row each; the event families share the "Events" switch.
CATEGORY_STYLES: dict[str, CategoryStyle] = {
    **ACTOR_STYLES,
    "EVENT": CategoryStyle("Event", EVENT_COLOR, Style.UNDERLINE),
    **EVENT_STYLES,
    "TIME": TIME_STYLE,
}
# One colour per actor (on the "colour by actor" toggle), built for many categories: the four type
# colours, then each next colour the one farthest (CIEDE2000, as a tint on the light, sepia and dark
# pages) from all before it, a Glasbey-style greedy pick precomputed with models.views.colour. Every
# pair of these 16 differs by at least 9 as drawn (the previous list had pairs at 3). Actors beyond
# the 16th reuse a colour only with a second cue: a line over the text as well as under it, then
# brackets at both ends (see ACTOR_CUES).
ACTOR_COLORS: tuple[str, ...] = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#6500F2",
    "#65F200",
    "#F23D00",
    "#000759",
    "#F20079",
    "#435900",
    "#804000",
    "#590000",
    "#003DF2",
    "#8D79F2",
    "#00F265",
    "#CC0011",
)
ACTOR_CUES = 3  # 0: edge under the text; 1: over and under; 2: brackets at the ends as well

# The reader's own colours (keys 1-9 pick them in this order). Picked so that, drawn as a marker
# band, each differs from every automatic layer (actor tints, event and date lines) and from the
# others by at least 14 CIEDE2000 on the light, sepia and dark pages (the earlier set reused the
# Place and Group colours and put "Question" at 4 from the dates); tests/gui/test_reader_marks.py checks.
READER_PALETTE: tuple[str, ...] = (
    "#FFFF00",  # highlighter yellow
    "#A100E6",  # violet
    "#66FF00",  # lime
    "#FF0033",  # red
    "#FF73F1",  # pink
    "#6774E6",  # periwinkle
    "#457300",  # olive
    "#732511",  # brown
    "#0B0073",  # navy
)
# Reader's own colour categories, used until the library supplies the reader's own set.
DEFAULT_READER_COLORS: dict[str, str] = {
    "Important": READER_PALETTE[0],
    "Question": READER_PALETTE[1],
    "Evidence": READER_PALETTE[2],
    "To check": READER_PALETTE[3],
}


def event_category(event_type: str) -> str:
    return EVENT_FAMILY.get(event_type, "EVENT_OTHER")


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


THEMES: dict[str, Theme] = {
    "light": Theme("light", "Light", "#fdfdfb", "#1f1f1f", "#6b6b6b", "#f0f0ee", 70, 230, False),
    "sepia": Theme("sepia", "Sepia", "#f6efdf", "#3b2f22", "#7a6a55", "#ebe2cf", 80, 230, False),
    "dark": Theme("dark", "Dark", "#1e1f22", "#dcdcd6", "#9a9a94", "#2a2b2e", 90, 255, True),
}
DEFAULT_THEME = "light"

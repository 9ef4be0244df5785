"""Colours and mark shapes of the overview views, shared by the widgets and the SVG renderers.

Why here and not in gui/theme: the HTML report draws the same pictures without Qt, so the table
lives in models/, and gui/theme.py builds the article's highlight styles and page colours from it.
Every colour the window shows by name (layers, per-actor colours, the reader's categories, pages)
is defined here; gui/ only chooses shapes and how strongly a colour is mixed into the page.
The actor colours are Okabe–Ito; event families get a colour and a shape each, so a mark is told
apart without colour too.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

# The one home of the layer colours and names: gui/theme.py builds the article's highlight styles from these.
ACTOR_TYPE_COLORS: dict[str, str] = {
    "PERSON": "#0072B2",
    "ORG": "#E69F00",
    "PLACE": "#009E73",
    "GROUP": "#CC79A7",
}
ACTOR_TYPE_LABELS: dict[str, str] = {"PERSON": "Person", "ORG": "Organization", "PLACE": "Place", "GROUP": "Group"}
EVENT_COLOR = "#D55E00"  # Okabe–Ito vermillion: every event line in the article, conflict marks in the views
TIME_COLOR = "#56B4E9"  # Okabe–Ito sky blue: the box around dates and times in the article


class Shape(StrEnum):
    TRIANGLE = "triangle"
    CIRCLE = "circle"
    SQUARE = "square"
    DIAMOND = "diamond"


@dataclass(frozen=True, slots=True)
class Family:
    key: str
    label: str
    color: str
    dark_color: str  # a lighter tone that stays readable on a dark page
    shape: Shape


FAMILIES: dict[str, Family] = {
    "EVENT_CONFLICT": Family("EVENT_CONFLICT", "Conflict and harm", EVENT_COLOR, "#FF8A4C", Shape.TRIANGLE),
    "EVENT_CONTACT": Family("EVENT_CONTACT", "Meetings, calls, trips, deals", "#0072B2", "#56B4E9", Shape.CIRCLE),
    "EVENT_SPEECH": Family("EVENT_SPEECH", "Statements, demands, protests", "#AA4499", "#E08AD2", Shape.SQUARE),
    "EVENT_OTHER": Family("EVENT_OTHER", "Other events", "#6B6B00", "#C9C94F", Shape.DIAMOND),
}
EVENT_FAMILY: dict[str, str] = {
    **dict.fromkeys(("ATTACK", "HARM", "HOSTAGE", "DISASTER", "DEPLOYMENT"), "EVENT_CONFLICT"),
    **dict.fromkeys(("MEETING", "CALL", "TRAVEL", "NEGOTIATION", "AGREEMENT", "TRANSFER"), "EVENT_CONTACT"),
    **dict.fromkeys(("STATEMENT", "DEMAND", "PROTEST"), "EVENT_SPEECH"),
}


def family_of(event_type: str) -> Family:
    """The event family (colour and shape) an event type is drawn with; unknown types are other events."""
    return FAMILIES[EVENT_FAMILY.get(event_type, "EVENT_OTHER")]


@dataclass(frozen=True, slots=True)
class Palette:
    """Page colours for one theme (the SVG renderers take hex strings, not Qt colours)."""

    page: str = "#fdfdfb"
    text: str = "#1f1f1f"
    muted: str = "#6b6b6b"
    rule: str = "#d9d9d4"
    lane: str = "#f3f3ef"
    dark: bool = False

    def event_color(self, event_type: str) -> str:
        family = family_of(event_type)
        return family.dark_color if self.dark else family.color


LIGHT = Palette()
DARK = Palette("#1e1f22", "#dcdcd6", "#9a9a94", "#3a3b3f", "#26272a", True)


@dataclass(frozen=True, slots=True)
class PageColors:
    """The page, text, muted text and window colours of one reading theme (light and dark match the figures)."""

    page: str
    text: str
    muted: str
    window: str


PAGE_COLORS: dict[str, PageColors] = {
    "light": PageColors(LIGHT.page, LIGHT.text, LIGHT.muted, "#f0f0ee"),
    "sepia": PageColors("#f6efdf", "#3b2f22", "#7a6a55", "#ebe2cf"),
    "dark": PageColors(DARK.page, DARK.text, DARK.muted, "#2a2b2e"),
}

# One colour per actor (on the "colour by actor" toggle), built for many categories: the four type
# colours, then each next colour the one farthest (CIEDE2000, as a tint on the light, sepia and dark
# pages) from all before it, a Glasbey-style greedy pick precomputed with models.views.colour. Every
# pair of these 16 differs by at least 9 as drawn (the previous list had pairs at 3). Actors beyond
# the 16th reuse a colour only with a second cue: a line over the text as well as under it, then
# brackets at both ends (see ACTOR_CUES in gui/theme.py).
ACTOR_COLORS: tuple[str, ...] = (
    *ACTOR_TYPE_COLORS.values(),
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

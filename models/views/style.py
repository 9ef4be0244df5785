"""Colours and mark shapes of the overview views, shared by the widgets and the SVG renderers.

Why here and not in gui/theme: the HTML report draws the same pictures without Qt, so the table
lives in models/, and gui/theme.py builds the article's highlight styles and page colours from it.
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

"""The article's theme takes its layer colours from models/views/style.py, and no colour changed on the way."""

from __future__ import annotations

from gui.theme import ACTOR_STYLES, CATEGORY_STYLES, EVENT_COLOR, EVENT_STYLES, THEMES, event_category
from models.views.style import (
    ACTOR_COLORS,
    ACTOR_TYPE_COLORS,
    ACTOR_TYPE_LABELS,
    DARK,
    FAMILIES,
    LIGHT,
    PAGE_COLORS,
    family_of,
)

# The values as they stood when gui/theme.py still held its own copy.
OLD_ACTOR = {
    "PERSON": ("Person", "#0072B2"),
    "ORG": ("Organization", "#E69F00"),
    "PLACE": ("Place", "#009E73"),
    "GROUP": ("Group", "#CC79A7"),
}
OLD_EVENT_LABELS = {
    "EVENT_CONFLICT": "Conflict and harm",
    "EVENT_CONTACT": "Meetings, calls, trips, deals",
    "EVENT_SPEECH": "Statements, demands, protests",
    "EVENT_OTHER": "Other events",
}
OLD_EVENT_COLOR = "#D55E00"
OLD_PAGES = {"light": ("#fdfdfb", "#1f1f1f", "#6b6b6b"), "dark": ("#1e1f22", "#dcdcd6", "#9a9a94")}
OLD_THEMES = {  # page, text, muted, window
    "light": ("#fdfdfb", "#1f1f1f", "#6b6b6b", "#f0f0ee"),
    "sepia": ("#f6efdf", "#3b2f22", "#7a6a55", "#ebe2cf"),
    "dark": ("#1e1f22", "#dcdcd6", "#9a9a94", "#2a2b2e"),
}


def test_actor_layers_keep_their_colours_labels_and_order() -> None:
    assert {k: (s.label, s.color) for k, s in ACTOR_STYLES.items()} == OLD_ACTOR
    assert list(ACTOR_STYLES) == list(OLD_ACTOR) == list(ACTOR_TYPE_COLORS)
    assert {k: (ACTOR_TYPE_LABELS[k], ACTOR_TYPE_COLORS[k]) for k in ACTOR_TYPE_COLORS} == OLD_ACTOR
    assert ACTOR_COLORS[:4] == tuple(color for _, color in OLD_ACTOR.values())


def test_event_layers_keep_their_colour_and_labels() -> None:
    assert EVENT_COLOR == OLD_EVENT_COLOR == FAMILIES["EVENT_CONFLICT"].color
    assert {k: s.label for k, s in EVENT_STYLES.items()} == OLD_EVENT_LABELS
    assert {k: f.label for k, f in FAMILIES.items()} == OLD_EVENT_LABELS
    assert all(s.color == OLD_EVENT_COLOR for s in EVENT_STYLES.values())
    assert CATEGORY_STYLES["EVENT"].color == OLD_EVENT_COLOR
    for event_type in ("ATTACK", "CALL", "PROTEST", "ELECTION"):
        assert event_category(event_type) == family_of(event_type).key


def test_theme_pages_match_the_figures_pages() -> None:
    assert (THEMES["light"].page, THEMES["light"].text, THEMES["light"].muted) == OLD_PAGES["light"]
    assert (THEMES["dark"].page, THEMES["dark"].text, THEMES["dark"].muted) == OLD_PAGES["dark"]
    assert (LIGHT.page, LIGHT.text, LIGHT.muted) == OLD_PAGES["light"]
    assert (DARK.page, DARK.text, DARK.muted) == OLD_PAGES["dark"]


def test_every_reading_theme_takes_its_page_colours_from_the_models_table() -> None:
    assert {n: (t.page, t.text, t.muted, t.window) for n, t in THEMES.items()} == OLD_THEMES
    assert {n: (p.page, p.text, p.muted, p.window) for n, p in PAGE_COLORS.items()} == OLD_THEMES

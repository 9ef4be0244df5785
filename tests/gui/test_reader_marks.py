"""The reader's own highlights: colours apart from every automatic layer, keys 1-9, Ctrl+M says its colour,
and a noted passage carries a mark in the margin that shows the note on hover."""

from __future__ import annotations

import itertools

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from gui.theme import ACTOR_STYLES, EVENT_COLOR, THEMES, TIME_STYLE
from models.views.colour import delta_e, over, rgb_lab
from models.views.style import ACTOR_TYPE_COLORS, DEFAULT_READER_COLORS, READER_PALETTE
from tests.gui.test_reader_work import select


def drawn(color: str, theme_name: str, kind: str):
    theme = THEMES[theme_name]
    alpha = {
        "tint": theme.tint_alpha,
        "marker": min(255, int(theme.tint_alpha * 1.9)),
        "line": theme.line_alpha,
    }[kind]
    return rgb_lab(over(color, theme.page, alpha / 255))


# Every automatic layer drawn in the article (and in reports' article, which use models/views/style.py).
# The event-family colours of the timeline's marks are left out: reader highlights are never drawn there.
AUTOMATIC = [(c.color, "tint") for c in ACTOR_STYLES.values()] + [
    *((c, "tint") for c in ACTOR_TYPE_COLORS.values()),
    (EVENT_COLOR, "line"),
    (TIME_STYLE.color, "line"),
]


def test_reader_colours_stand_apart_from_automatic_layers_in_every_theme() -> None:
    for theme, reader in itertools.product(THEMES, READER_PALETTE):
        mine = drawn(reader, theme, "marker")
        for color, kind in AUTOMATIC:
            assert delta_e(mine, drawn(color, theme, kind)) >= 12, (theme, reader, color)
    for theme, (a, b) in itertools.product(THEMES, itertools.combinations(READER_PALETTE, 2)):
        assert delta_e(drawn(a, theme, "marker"), drawn(b, theme, "marker")) >= 12, (theme, a, b)
    assert set(DEFAULT_READER_COLORS.values()) <= set(READER_PALETTE)


def test_digit_keys_apply_categories(qtbot, fixed_window) -> None:
    win = fixed_window
    names = list(win.reader.categories)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    select(win, "Nobody else spoke")
    win.view.setFocus()
    qtbot.keyClick(win.view, Qt.Key.Key_2)
    (h,) = win.reader.highlights()
    assert h.category == names[1]
    select(win, "The weather was mild")
    qtbot.keyClick(win.view, Qt.Key.Key_1)
    assert sorted(x.category for x in win.reader.highlights()) == sorted([names[0], names[1]])
    win.view.moveCursor(win.view.textCursor().MoveOperation.Start)  # nothing selected
    qtbot.keyClick(win.view, Qt.Key.Key_3)
    assert len(win.reader.highlights()) == 2
    assert "Select some text first" in win.statusBar().currentMessage()


def test_ctrl_m_uses_the_colour_the_legend_shows(qtbot, fixed_window) -> None:
    win = fixed_window
    names = list(win.reader.categories)
    box = win.legend.box("READER")
    assert box.text().endswith(f"next: {names[0]}")
    select(win, "Nobody else spoke")
    win.reader.highlight_with_number(3)  # the reader's last choice becomes the next colour...
    assert box.text().endswith(f"next: {names[2]}")  # ...and the legend says so at once
    win.reader.edit_note_hook = lambda _about, _text, _tags: ("Why so quiet?", [])
    select(win, "The weather was mild")
    win.view.setFocus()
    qtbot.keyClick(win.view, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    noted = next(h for h in win.reader.highlights() if h.note)
    assert noted.category == names[2]
    assert f"“{names[2]}”" in win.statusBar().currentMessage()


def test_a_noted_passage_has_a_margin_mark_with_its_note(qtbot, fixed_window) -> None:
    win = fixed_window
    margin = win.view.note_margin
    assert margin.mark_rects() == []
    win.reader.edit_note_hook = lambda _about, _text, _tags: ("Check the weather report", [])
    start, end = select(win, "The weather was mild")
    win.reader.add_note_here()
    qtbot.waitUntil(lambda: len(margin.mark_rects()) == 1)
    rect, note, _color = margin.mark_rects()[0]
    assert note == "Check the weather report" and margin.isVisible()
    assert margin.geometry().right() < win.view.viewport().geometry().left()  # in the margin, not over the text
    line = win.view.span_rects(win.view.document().findBlock(start), start, end)[0]
    assert abs(rect.center().y() - line.center().y()) < line.height() / 2  # beside the passage's first line
    image = margin.grab().toImage()
    assert image.pixelColor(rect.center().toPoint()) != image.pixelColor(1, 1)  # the mark is painted
    pos = rect.center().toPoint()
    QApplication.sendEvent(margin, QHelpEvent(QEvent.Type.ToolTip, pos, margin.mapToGlobal(pos)))
    qtbot.waitUntil(QToolTip.isVisible, timeout=2000)
    assert "Check the weather report" in QToolTip.text()
    QToolTip.hideText()
    win.menu_actions.undo_action.trigger()  # the note goes: so does its mark
    qtbot.waitUntil(lambda: margin.mark_rects() == [])

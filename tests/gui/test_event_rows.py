"""Each event a readable row: date, type, who → whom; the quote with its trigger in view; the sentence on hover."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont, QFontMetrics, QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from gui.panels.event_delegate import elide_around
from gui.qt_models import CONTEXT_ROLE, HEADLINE_ROLE
from models.text import sentence_parts


def test_rows_show_two_lines_with_who_and_the_trigger(qtbot, fixed_window) -> None:
    panel = fixed_window.events_panel
    table = panel.table
    line = QFontMetrics(table.font()).height()
    first = panel.proxy.index(0, 0)
    assert table.visualRect(first).height() >= 2 * line  # two lines, not a 15-character column
    assert first.data(HEADLINE_ROLE) == ("2015-05-03", "Meeting", "Zoë Müller → François Hollande")
    before, trigger, after = first.data(CONTEXT_ROLE)
    assert (before, trigger, after) == ("Zoë Müller 😀 ", "met", " François Hollande in Paris on 3 May 2015.")
    assert all(table.isColumnHidden(c) for c in (1, 2, 3)) and not table.isColumnHidden(0)


def test_hovering_a_row_shows_the_whole_sentence(qtbot, fixed_window) -> None:
    table = fixed_window.events_panel.table
    rect = table.visualRect(fixed_window.events_panel.proxy.index(1, 0))  # the attack, by date
    pos = rect.center()
    QApplication.sendEvent(table.viewport(), QHelpEvent(QEvent.Type.ToolTip, pos, table.viewport().mapToGlobal(pos)))
    qtbot.waitUntil(QToolTip.isVisible, timeout=2000)
    assert "Hollande <b>attacked</b> the plan on 4 May 2015." in QToolTip.text()
    QToolTip.hideText()


def test_click_search_and_menu_still_work_on_two_line_rows(qtbot, fixed_window) -> None:
    panel = fixed_window.events_panel
    rect = panel.table.visualRect(panel.proxy.index(2, 0))
    with qtbot.waitSignal(panel.event_activated) as blocker:
        qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args[0] == "e2"  # undated, so last
    qtbot.keyClicks(panel.search, "plan")  # words of the quote still find the event
    assert panel.visible_event_ids() == ["e3"]


def test_elision_keeps_the_trigger_and_fits_the_width() -> None:
    font = QFont()
    plain = QFontMetrics(font)
    font.setBold(True)
    bold = QFontMetrics(font)
    parts = ("A very long run of words that comes before the key word and would push it out of view, ", "attacked", "")
    parts = (parts[0], parts[1], " and then more words that follow it for a good while longer than any panel.")
    left, trigger, right = elide_around(parts, 300, plain, bold)
    assert trigger == "attacked" and left.startswith("…") and left.endswith("of view, ")
    assert right.endswith("…")
    width = plain.horizontalAdvance(left) + bold.horizontalAdvance(trigger) + plain.horizontalAdvance(right)
    assert width <= 300


def test_sentence_split_keeps_abbreviations() -> None:
    text = "Earlier. After the Oct. 7 attack, Mr. Biden and J. Smith spoke. Then nothing."
    start = text.index("attack")
    assert sentence_parts(text, start, start + 6) == ("After the Oct. 7 ", "attack", ", Mr. Biden and J. Smith spoke.")


def test_an_event_with_one_side_named_shows_no_question_mark(qtbot, fixed_window) -> None:
    proxy = fixed_window.events_panel.proxy
    headlines = [proxy.index(row, 0).data(HEADLINE_ROLE) for row in range(proxy.rowCount())]
    attack = next(h for h in headlines if h[1] == "Attack")
    assert attack[2] == "François Hollande"  # the attacker; nobody is named as attacked
    assert not any("?" in who for _, _, who in headlines)

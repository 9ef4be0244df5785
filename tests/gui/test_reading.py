"""The reading window on a fixed analysis: positions, filters, selection, focus, find, shortcuts."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPoint, Qt

from gui.highlight_layers import TooltipText
from gui.qt_models import ID_ROLE
from gui.shortcuts import menu_shortcuts
from tests.gui.reader_fixtures import TEXT, nth


def qt_pos(window, py_offset: int) -> int:
    return window.offsets.to_qt(py_offset)


def qt_slice(text: str, start: int, end: int) -> str:
    return text.encode("utf-16-le")[2 * start : 2 * end].decode("utf-16-le")


def test_highlights_sit_on_their_words_after_emoji(fixed_window) -> None:
    win = fixed_window
    doc_text = win.view.document().toPlainText()
    by_item: dict[str, list[str]] = {}
    for span in win.view.spans:
        by_item.setdefault(span.item_id, []).append(qt_slice(doc_text, span.start, span.end))
    assert by_item["a2"] == ["François Hollande", "Hollande", "Hollande"]
    assert by_item["a4"] == ["Berlin"]  # after two astral characters
    assert by_item["e3"] == ["attacked"]
    assert by_item["t2"] == ["4 May 2015"]
    berlin = nth(TEXT, "Berlin")
    assert qt_pos(win, berlin) == berlin + 3  # 😀 and the two regional indicators of 🇫🇷


def test_toggling_a_type_and_an_actor_hides_their_highlights(qtbot, fixed_window) -> None:
    win = fixed_window
    pos = qt_pos(win, nth(TEXT, "Paris") + 1)
    assert [s.item_id for s in win.view.visible_spans_at(pos)] == ["a3"]
    box = win.legend.box("PLACE")
    on_indicator = QPoint(8, box.height() // 2)  # a check box only takes clicks on its box and label
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=on_indicator)
    assert win.view.visible_spans_at(pos) == []
    assert "PLACE" in win.hub.state.hidden_layers
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=on_indicator)
    assert [s.item_id for s in win.view.visible_spans_at(pos)] == ["a3"]

    # The actor's own check box in the Actors panel.
    panel = win.actors_panel
    index = panel.proxy.mapFromSource(panel.model.actor_index("a3"))
    panel.proxy.setData(index, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert win.view.visible_spans_at(pos) == []
    assert win.hub.state.hidden_actors == frozenset({"a3"})
    parent = index.parent()
    assert parent.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.PartiallyChecked
    panel.proxy.setData(parent, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert win.hub.state.hidden_actors == frozenset()
    assert win.view.visible_spans_at(pos)


def test_clicking_a_mention_selects_the_actor_in_the_panel(qtbot, fixed_window) -> None:
    win = fixed_window
    pos = qt_pos(win, nth(TEXT, "Hollande", 1) + 3)
    win.view.scroll_to_position(pos)
    point = win.view.point_of(pos)
    with qtbot.waitSignal(win.view.span_clicked, timeout=2000):
        qtbot.mouseClick(win.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert win.actors_panel.current_actor_id() == "a2"
    assert win.hub.selection == frozenset({"a2"})
    assert win.view.selected_items == frozenset({"a2"})


def test_n_and_p_walk_through_the_selected_actors_mentions(qtbot, fixed_window) -> None:
    win = fixed_window
    win.actors_panel.select_actor("a1")
    win.reading.on_actor_activated("a1")
    win.view.setFocus()
    starts = [qt_pos(win, nth(TEXT, "Müller", k)) for k in range(3)]
    cursor = win.view.textCursor()
    cursor.setPosition(0)
    win.view.setTextCursor(cursor)
    seen = []
    for _ in range(3):
        qtbot.keyClick(win.view, Qt.Key.Key_N)
        seen.append(win.view.textCursor().selectionStart())
    assert seen == [0, starts[1], starts[2]]  # the first mention is "Zoë Müller", at the cursor
    qtbot.keyClick(win.view, Qt.Key.Key_P)
    assert win.view.textCursor().selectionStart() == starts[1]


def test_focus_mode_dims_sentences_without_the_selection(fixed_window) -> None:
    win = fixed_window
    win.hub.select(frozenset({"a2"}))
    win.menu_actions.focus_action.setChecked(True)
    assert win.view.focus_mode
    assert win.view.sentence_in_focus(qt_pos(win, nth(TEXT, "Paris")))
    assert not win.view.sentence_in_focus(qt_pos(win, nth(TEXT, "Nobody")))
    assert not win.view.sentence_in_focus(qt_pos(win, nth(TEXT, "weather")))
    win.menu_actions.focus_action.setChecked(False)
    assert win.view.sentence_in_focus(qt_pos(win, nth(TEXT, "Nobody")))


def test_events_panel_is_chronological_and_filters_the_article(qtbot, fixed_window) -> None:
    win = fixed_window
    panel = win.events_panel
    assert panel.visible_event_ids() == ["e1", "e3", "e2"]  # undated last
    qtmodel = panel.proxy
    assert qtmodel.index(2, 0).data() == "undated"
    assert qtmodel.index(0, 2).data() == "Zoë Müller → François Hollande"
    panel.type_actions["ATTACK"].setChecked(True)
    panel.type_actions["CALL"].setChecked(True)
    assert panel.visible_event_ids() == ["e3", "e2"]
    met = qt_pos(win, nth(TEXT, "met"))
    assert win.view.visible_spans_at(met) == []  # the article follows the same filter
    panel.actor_combo.setCurrentIndex(panel.actor_combo.findData("a1"))
    assert panel.visible_event_ids() == ["e2"]
    panel.clear_filters()
    panel.from_check.setChecked(True)
    panel.from_date.setDate(dt.date(2015, 5, 4))
    assert panel.visible_event_ids() == ["e3"]
    assert win.hub.state.date_from == dt.date(2015, 5, 4)
    panel.clear_filters()
    assert panel.visible_event_ids() == ["e1", "e3", "e2"]


def test_clicking_an_event_scrolls_and_flashes_its_sentence(qtbot, fixed_window) -> None:
    win = fixed_window
    panel = win.events_panel
    index = panel.proxy.index(1, 0)
    rect = panel.table.visualRect(index)
    qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    attacked = qt_pos(win, nth(TEXT, "attacked"))
    assert win.view.textCursor().selectionStart() == attacked
    assert win.hub.selection == frozenset({"e3"})
    start, end = win.view.sentence_range_at(attacked)
    assert qt_slice(win.view.document().toPlainText(), start, end).startswith("Hollande attacked the plan")


def test_find_bar_counts_and_steps(qtbot, fixed_window) -> None:
    win = fixed_window
    win.view.setFocus()
    qtbot.keyClick(win.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert win.find_bar.isVisible()
    win.find_bar.field.setText("MÜLLER")  # QTest cannot type non-ASCII keys; case must not matter
    qtbot.waitUntil(lambda: win.find_bar.count.text() == "1 of 3", timeout=2000)
    qtbot.keyClick(win.find_bar.field, Qt.Key.Key_Return)
    assert win.find_bar.count.text() == "2 of 3"
    start, end = win.find_bar.matches[1]
    assert qt_slice(win.view.document().toPlainText(), start, end) == "Müller"
    qtbot.keyClick(win.find_bar.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert win.find_bar.count.text() == "1 of 3"
    qtbot.keyClick(win.find_bar.field, Qt.Key.Key_Escape)
    assert not win.find_bar.isVisible()


def test_tooltips_describe_actor_and_event(fixed_window) -> None:
    win = fixed_window
    tips = TooltipText(win.analysis)
    spans = win.view.visible_spans_at(qt_pos(win, nth(TEXT, "met")))
    text = tips(spans)
    assert "Meeting" in text and "2015-05-03" in text and "explicit date" in text and "Paris" in text
    text = tips(win.view.visible_spans_at(qt_pos(win, nth(TEXT, "Zoë"))))
    assert "Zoë Müller" in text and "minister" in text and "3 mentions" in text


def test_actor_search_and_sort(qtbot, fixed_window) -> None:
    panel = fixed_window.actors_panel
    qtbot.keyClicks(panel.search, "berl")
    assert panel.proxy.rowCount() == 1  # only the Place group remains
    group = panel.proxy.index(0, 0)
    assert panel.proxy.rowCount(group) == 1
    panel.search.clear()
    panel.set_sort("name")
    people = panel.proxy.index(0, 0)
    assert [panel.proxy.index(r, 0, people).data() for r in range(2)] == ["François Hollande", "Zoë Müller"]


def test_actor_groups_keep_their_order_for_each_sort_and_after_a_new_analysis(fixed_window) -> None:
    from dataclasses import replace

    panel = fixed_window.actors_panel

    def listed() -> dict[str, list[str]]:
        groups = {}
        for row in range(panel.proxy.rowCount()):
            group = panel.proxy.index(row, 0)
            groups[str(group.data(ID_ROLE))] = [
                str(panel.proxy.index(r, 0, group).data()) for r in range(panel.proxy.rowCount(group))
            ]
        return groups

    def expected(analysis, key) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for actor in sorted(analysis.actors, key=key):
            out.setdefault(str(actor.type), []).append(actor.name)
        return out

    def first(a):
        return (min(m.start for m in a.mentions), a.name.casefold())

    analysis = fixed_window.analysis
    by_mentions = expected(analysis, lambda a: (-len(a.mentions), a.name.casefold()))
    assert listed() == by_mentions
    panel.set_sort("name")
    assert listed() == expected(analysis, lambda a: (a.name.casefold(), a.name.casefold()))
    panel.set_sort("first")
    assert listed() == expected(analysis, first)
    panel.set_sort("mentions")
    assert listed() == by_mentions
    # A new analysis where the least mentioned person is mentioned most: the list follows it.
    people = [a for a in analysis.actors if str(a.type) == "PERSON"]
    last = max(people, key=lambda a: (-len(a.mentions), a.name.casefold()))
    more = replace(last, mentions=last.mentions * 10)
    again = replace(analysis, actors=[more if a.id == last.id else a for a in analysis.actors])
    panel.set_analysis(again)
    assert listed()["PERSON"][0] == last.name
    assert listed() == expected(again, lambda a: (-len(a.mentions), a.name.casefold()))


def test_every_menu_action_with_a_shortcut_is_listed(fixed_window) -> None:
    groups = dict(menu_shortcuts(fixed_window.menuBar()))
    flat = {text for rows in groups.values() for text, _keys in rows}
    assert {"Open", "Find", "Next Mention", "Previous Mention", "Undo", "Keyboard Shortcuts"} <= flat


def test_models_pass_qtmodeltester(qtmodeltester, fixed_window) -> None:
    qtmodeltester.check(fixed_window.actors_panel.model)
    qtmodeltester.check(fixed_window.actors_panel.proxy)
    qtmodeltester.check(fixed_window.events_panel.model)
    qtmodeltester.check(fixed_window.events_panel.proxy)


def test_focus_mode_keeps_sentences_with_events_of_chosen_types(fixed_window) -> None:
    win = fixed_window
    win.menu_actions.focus_action.setChecked(True)
    win.events_panel.type_actions["ATTACK"].setChecked(True)
    assert win.view.sentence_in_focus(qt_pos(win, nth(TEXT, "attacked")))
    assert not win.view.sentence_in_focus(qt_pos(win, nth(TEXT, "Paris")))


def test_article_context_menu_offers_actor_actions(qtbot, fixed_window) -> None:
    from PySide6.QtWidgets import QMenu

    win = fixed_window
    menu = QMenu()
    win.reading.add_context_actions(menu, qt_pos(win, nth(TEXT, "Berlin") + 2))
    texts = [a.text() for a in menu.actions()]
    assert texts == ["Select “Berlin”", "Hide Highlights of “Berlin”"]
    menu.actions()[1].trigger()
    assert win.hub.state.hidden_actors == frozenset({"a4"})
    menu.actions()[0].trigger()
    assert win.actors_panel.current_actor_id() == "a4"

"""Actor corrections: each one undoable, reflected in the article, the panels and the events."""

from __future__ import annotations

from PySide6.QtWidgets import QMenu

from gui.actor_corrections import mark_all, merge, whole_word_spans
from models.domain import ActorType
from tests.gui.reader_fixtures import TEXT, build_analysis, nth


def qt(win, needle: str, n: int = 0) -> int:
    return win.offsets.to_qt(nth(TEXT, needle, n))


def test_whole_word_matching_skips_parts_of_words() -> None:
    text = "Mark met questionMark and Marks; Mark."
    assert whole_word_spans(text, "Mark") == [(0, 4), (33, 37)]


def test_merge_moves_mentions_and_event_roles() -> None:
    analysis = build_analysis()
    actors, events = merge(analysis.actors, analysis.events, "a1", "a2")
    assert [a.id for a in actors] == ["a2", "a3", "a4"]
    hollande = actors[0]
    assert len(hollande.mentions) == 6 and "Zoë Müller" in hollande.aliases
    assert events[0].source == "a2" and events[0].participants == ["a2"]
    assert analysis.events[0].source == "a1"  # the input is left untouched


def test_mark_all_adds_only_uncovered_occurrences() -> None:
    analysis = build_analysis()
    actors, _events, count = mark_all(analysis.actors, analysis.events, TEXT, "plan", ActorType.GROUP)
    assert count == 1
    assert actors[-1].name == "plan" and actors[-1].id == "u1"
    _actors, _events, again = mark_all(actors, analysis.events, TEXT, "Hollande", ActorType.PERSON, "a2")
    assert again == 0  # every "Hollande" is already a mention


def test_rename_retype_merge_remove_each_undo(qtbot, fixed_window) -> None:
    win = fixed_window
    corr = win.corrections
    corr.ask = lambda *_args: "Berlin (city)"
    menu = QMenu()
    berlin = win.analysis.actor_by_id()["a4"]
    corr.add_actor_actions(menu, berlin)
    next(a for a in menu.actions() if a.text() == "Rename…").trigger()
    assert win.analysis.actor_by_id()["a4"].name == "Berlin (city)"
    win.actors_panel.select_actor("a4")
    assert win.actors_panel.tree.currentIndex().data() == "Berlin (city)"

    corr.retype("a4", ActorType.ORG)
    pos = qt(win, "Berlin") + 1
    assert [s.category for s in win.view.visible_spans_at(pos)] == ["ORG"]

    corr.pick = lambda _title, _label, items: next(i for i in items if i.startswith("François"))
    menu = QMenu()
    corr.add_actor_actions(menu, win.analysis.actor_by_id()["a1"])
    next(a for a in menu.actions() if a.text() == "Merge Into…").trigger()
    assert "a1" not in win.analysis.actor_by_id()
    assert [s.item_id for s in win.view.visible_spans_at(qt(win, "Zoë") + 1)] == ["a2"]
    assert win.events_panel.proxy.index(0, 2).data() == "François Hollande → François Hollande"

    corr.remove("a3")
    assert win.view.visible_spans_at(qt(win, "Paris") + 1) == []

    for _ in range(4):
        win.menu_actions.undo_action.trigger()
    restored = win.analysis.actor_by_id()
    assert restored["a4"].name == "Berlin" and restored["a4"].type == ActorType.PLACE
    assert {"a1", "a3"} <= set(restored)
    assert [s.item_id for s in win.view.visible_spans_at(qt(win, "Zoë") + 1)] == ["a1"]
    win.menu_actions.redo_action.trigger()
    assert win.analysis.actor_by_id()["a4"].name == "Berlin (city)"


def test_mark_all_from_a_selection_in_the_article(qtbot, fixed_window) -> None:
    from PySide6.QtGui import QTextCursor

    win = fixed_window
    start = win.offsets.to_qt(nth(TEXT, "weather"))
    cursor = QTextCursor(win.view.document())
    cursor.setPosition(start)
    cursor.setPosition(start + len("weather"), QTextCursor.MoveMode.KeepAnchor)
    win.view.setTextCursor(cursor)
    menu = QMenu()
    win.item_menus.article_menu(menu, start)
    sub = next(m for a in menu.actions() if isinstance(m := a.menu(), QMenu))
    next(a for a in sub.actions() if a.text() == "Group").trigger()
    assert [s.category for s in win.view.visible_spans_at(start + 1)] == ["GROUP"]
    win.menu_actions.undo_action.trigger()
    assert win.view.visible_spans_at(start + 1) == []

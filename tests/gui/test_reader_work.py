"""The reader's own work in the window: highlight with a category, notes, tags, undo and redo."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QMenu

from models.reader import ReaderHighlight, ReaderNote
from tests.gui.reader_fixtures import TEXT, nth


def select(win, needle: str, n: int = 0) -> tuple[int, int]:
    start = nth(TEXT, needle, n)
    qs, qe = win.offsets.to_qt(start), win.offsets.to_qt(start + len(needle))
    cursor = QTextCursor(win.view.document())
    cursor.setPosition(qs)
    cursor.setPosition(qe, QTextCursor.MoveMode.KeepAnchor)
    win.view.setTextCursor(cursor)
    return qs, qe


def pick_from_popup(label_part: str) -> None:
    """Choose an entry of the category menu once it pops up (it runs its own event loop)."""

    def choose() -> None:
        popup = QApplication.activePopupWidget()
        if not isinstance(popup, QMenu):
            QTimer.singleShot(20, choose)
            return
        action = next(a for a in popup.actions() if label_part in a.text())
        popup.close()
        action.trigger()

    QTimer.singleShot(20, choose)


def test_h_highlights_the_selection_with_a_category_and_undo_redo(qtbot, fixed_window) -> None:
    from PySide6.QtCore import Qt

    win = fixed_window
    qs, qe = select(win, "Nobody else spoke")
    win.view.setFocus()
    pick_from_popup("Question")
    qtbot.keyClick(win.view, Qt.Key.Key_H)
    highlights = win.reader.highlights()
    assert len(highlights) == 1
    h = highlights[0]
    assert TEXT[h.start : h.end] == "Nobody else spoke" and h.category == "Question"
    assert [s.category for s in win.view.visible_spans_at(qs + 2)] == ["READER:Question"]
    assert [r.id for r in win.notes_panel.visible_rows()] == [h.id]

    win.menu_actions.undo_action.trigger()
    assert win.reader.highlights() == []
    assert win.view.visible_spans_at(qs + 2) == []
    win.menu_actions.redo_action.trigger()
    assert [x.id for x in win.reader.highlights()] == [h.id]
    assert win.view.visible_spans_at(qe - 1)


def test_resize_recolor_and_note_with_tags(qtbot, fixed_window) -> None:
    win = fixed_window
    select(win, "else")
    h = win.reader.highlight_selection("Important")
    assert h is not None
    select(win, "Nobody else spoke")
    assert win.reader.resize_to_selection(h)
    (resized,) = win.reader.highlights()
    assert TEXT[resized.start : resized.end] == "Nobody else spoke"
    win.reader.recolor(resized, "Evidence")
    (recolored,) = win.reader.highlights()
    assert recolored.category == "Evidence"
    win.reader.edit_note_hook = lambda _about, _text, _tags: ("Who is *nobody*?", ["sources", "check"])
    win.reader.note_on_highlight(recolored)
    (noted,) = win.reader.highlights()
    assert noted.note == "Who is *nobody*?" and noted.tags == ("sources", "check")
    assert win.notes_panel.tag.findData("sources") > 0
    for _ in range(3):
        win.menu_actions.undo_action.trigger()
    (back,) = win.reader.highlights()
    assert TEXT[back.start : back.end] == "else" and back.category == "Important" and back.note == ""


def test_notes_on_actor_and_document_and_panel_filters(qtbot, fixed_window) -> None:
    win = fixed_window
    win.reader.edit_note_hook = lambda _about, _text, _tags: ("Former minister", ["bio"])
    win.reader.note_on_target("actor:a1")
    win.reader.edit_note_hook = lambda _about, _text, _tags: ("Short piece", [])
    win.reader.note_on_target("document")
    notes = {n.target: n for n in win.reader.notes()}
    assert notes["actor:a1"].text == "Former minister"
    rows = {r.id: r for r in win.notes_panel.visible_rows()}
    assert rows[notes["actor:a1"].id].where == "“Zoë Müller”"
    win.notes_panel.tag.setCurrentIndex(win.notes_panel.tag.findData("bio"))
    assert [r.id for r in win.notes_panel.visible_rows()] == [notes["actor:a1"].id]
    assert win.hub.state.tags == frozenset({"bio"})
    # Clicking the actor note jumps to the actor's first mention.
    win.reader.go_to_row(rows[notes["actor:a1"].id])
    assert win.view.textCursor().selectionStart() == 0
    # Editing to empty removes the note; undo brings it back.
    win.reader.edit_note_hook = lambda _about, _text, _tags: ("", [])
    win.reader.note_on_target("document")
    assert "document" not in {n.target for n in win.reader.notes()}
    win.menu_actions.undo_action.trigger()
    assert "document" in {n.target for n in win.reader.notes()}


def test_category_filter_hides_reader_highlights(qtbot, fixed_window) -> None:
    win = fixed_window
    qs, _ = select(win, "weather")
    win.reader.highlight_selection("Question")
    assert win.view.visible_spans_at(qs + 1)
    win.notes_panel.category.setCurrentIndex(win.notes_panel.category.findData("Important"))
    assert win.view.visible_spans_at(qs + 1) == []
    win.notes_panel.category.setCurrentIndex(0)
    assert win.view.visible_spans_at(qs + 1)
    win.legend.box("READER").setChecked(False)
    assert win.view.visible_spans_at(qs + 1) == []


def test_reader_items_are_plain_values() -> None:
    h = ReaderHighlight("h1", 1, 2, "Important")
    n = ReaderNote("n1", "document", "x")
    assert h == ReaderHighlight("h1", 1, 2, "Important") and n.tags == ()


def test_article_menu_offers_a_note_on_the_event_under_the_mouse(qtbot, fixed_window) -> None:
    win = fixed_window
    menu = QMenu()
    win.item_menus.article_menu(menu, win.offsets.to_qt(nth(TEXT, "called") + 2))
    action = next(a for a in menu.actions() if a.text().startswith("Note on"))
    assert action.text() == "Note on the call “called”…"
    win.reader.edit_note_hook = lambda _about, _text, _tags: ("When?", [])
    action.trigger()
    assert [n.target for n in win.reader.notes()] == ["event:e2"]


def test_h_without_a_selection_explains_itself(qtbot, fixed_window) -> None:
    from PySide6.QtCore import Qt

    win = fixed_window
    win.view.setFocus()
    qtbot.keyClick(win.view, Qt.Key.Key_H)
    assert "Select some text" in win.statusBar().currentMessage()


def test_categories_can_be_renamed_recoloured_added_with_undo(qtbot, fixed_window) -> None:
    from gui.categories_dialog import CategoriesDialog

    win = fixed_window
    qs, _ = select(win, "weather")
    win.reader.highlight_selection("To check")
    dialog = CategoriesDialog(win.reader.categories, win.reader.used_categories())
    qtbot.addWidget(dialog)
    dialog.list.setCurrentRow(3)  # "To check"
    dialog.ask_name = lambda _title, _current: "Verify with a second source"
    dialog.rename()
    dialog.ask_color = lambda _current: "#000000"
    dialog.recolor()
    told: list[str] = []
    dialog.inform = told.append
    dialog.remove()  # refused: a highlight uses it
    assert told and "give them another colour" in told[0]
    dialog.ask_name = lambda _title, _current: "Quote"
    dialog.add()
    win.reader.change_categories(dialog.colors(), dialog.renamed)
    assert list(win.reader.categories) == ["Important", "Question", "Evidence", "Verify with a second source", "Quote"]
    assert win.reader.categories["Verify with a second source"] == "#000000"
    assert win.reader.highlights()[0].category == "Verify with a second source"
    assert [s.category for s in win.view.visible_spans_at(qs + 1)] == ["READER:Verify with a second source"]
    assert win.notes_panel.category.findData("Quote") > 0
    win.menu_actions.undo_action.trigger()
    assert "To check" in win.reader.categories and win.reader.highlights()[0].category == "To check"

"""The notes panel on its own: rows, facets (category, tag, text), jumping, and the note editor."""

from __future__ import annotations

from PySide6.QtCore import Qt

from gui.note_editor import NoteEditor, parse_tags
from gui.panels.notes_panel import NoteRow, NotesPanel
from models.filters import FilterState

ROWS = [
    NoteRow("h2", "highlight", "Hollande attacked", "Check **this**", "Question", "#56B4E9", ("verify",), 120, 137),
    NoteRow("h1", "highlight", "met François Hollande", "", "Important", "#F0E442", (), 10, 31),
    NoteRow("n1", "note", "Document", "Overall biased", None, None, ("bias", "verify")),
]


def test_rows_in_reading_order_and_facets(qtbot, qtmodeltester) -> None:
    panel = NotesPanel()
    qtbot.addWidget(panel)
    panel.set_choices(["Important", "Question"], [])
    panel.set_rows(ROWS)
    qtmodeltester.check(panel.model)
    qtmodeltester.check(panel.proxy)
    assert [r.id for r in panel.visible_rows()] == ["n1", "h1", "h2"]
    assert panel.proxy.index(1, 0).data() == "“met François Hollande”"
    panel.set_filter(FilterState(categories=frozenset({"Question"})))
    assert [r.id for r in panel.visible_rows()] == ["h2"]
    assert panel.category.currentText() == "Question"
    panel.set_filter(FilterState(tags=frozenset({"verify"})))
    assert [r.id for r in panel.visible_rows()] == ["n1", "h2"]
    panel.set_filter(FilterState(text="biased"))
    assert [r.id for r in panel.visible_rows()] == ["n1"]


def test_pickers_and_search_emit_facets(qtbot) -> None:
    panel = NotesPanel()
    qtbot.addWidget(panel)
    panel.set_choices(["Important", "Question"], [])
    panel.set_rows(ROWS)
    with qtbot.waitSignal(panel.facets_changed) as blocker:
        panel.tag.setCurrentIndex(panel.tag.findData("bias"))
    assert blocker.args == [{"tags": frozenset({"bias"})}]
    with qtbot.waitSignal(panel.facets_changed) as blocker:
        panel.category.setCurrentIndex(panel.category.findData("Important"))
    assert blocker.args == [{"categories": frozenset({"Important"})}]
    with qtbot.waitSignal(panel.facets_changed) as blocker:
        qtbot.keyClicks(panel.search, "x")
    assert blocker.args == [{"text": "x"}]


def test_click_reports_the_row(qtbot) -> None:
    panel = NotesPanel()
    qtbot.addWidget(panel)
    panel.resize(500, 300)
    panel.show()
    panel.set_rows(ROWS)
    rect = panel.list.visualRect(panel.proxy.index(2, 0))
    with qtbot.waitSignal(panel.row_activated) as blocker:
        qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args[0].id == "h2"


def test_parse_tags() -> None:
    assert parse_tags("#a, b  c,a, B") == ["a", "b", "c"]
    assert parse_tags("") == []


def test_note_editor_returns_text_and_tags(qtbot) -> None:
    editor = NoteEditor("On “Hollande”", "old", ["x"])
    qtbot.addWidget(editor)
    editor.text.setPlainText("  **new** note ")
    editor.tags.setText("x, y")
    editor.tabs.setCurrentIndex(1)
    assert "new" in editor.preview.toPlainText()
    assert editor.note_text() == "**new** note"
    assert editor.note_tags() == ["x", "y"]

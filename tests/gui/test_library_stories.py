"""Library › Stories through the real window: suggestions, a new story, its timeline, notes, report, questions."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt, QUrl

from gui.app import passage_links
from gui.library_stories import LibraryStoriesWindow
from models.export import ExportFormat
from models.library import Library
from tests.gui.conftest import make_window
from tests.models.story_samples import JERUSALEM_TALKS, WIRE_REPORT, fill


def open_stories(qtbot, tmp_path: Path):
    win = make_window(qtbot, tmp_path / "data", fixed=True)
    with Library(win.library.library.path) as lib:
        fill(lib)
    stories = win.libraries.show_stories()
    assert isinstance(stories, LibraryStoriesWindow)
    qtbot.waitUntil(lambda: stories.suggestions.count() == 1, timeout=10_000)
    return win, stories


def tree_rows(stories: LibraryStoriesWindow) -> list[list[str]]:
    tree = stories.timeline
    items = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    return [[item.text(c) for c in range(4)] for item in items if item is not None]


def add_document(qtbot, stories: LibraryStoriesWindow, title: str) -> None:
    """Add the document whose title holds `title` through the picker, as a reader would, and wait for the timeline."""
    stories.add_documents()
    picker = stories.picker
    assert picker is not None
    qtbot.waitUntil(lambda: picker.documents.count() == 3, timeout=10_000)
    picker.check(title)
    with qtbot.waitSignal(stories.timeline_shown, timeout=10_000):
        picker.accept()


def test_accepting_a_suggestion_shows_the_merged_timeline_with_its_disagreements(qtbot, tmp_path: Path) -> None:
    win, stories = open_stories(qtbot, tmp_path)
    assert stories.stories.count() == 0
    assert stories.suggestions.item(0).text() == "Antony Blinken and Benjamin Netanyahu — 2 documents"
    with qtbot.waitSignal(stories.timeline_shown, timeout=10_000):
        qtbot.mouseClick(stories.accept_button, Qt.MouseButton.LeftButton)
    assert stories.stories.item(0).text() == "Antony Blinken and Benjamin Netanyahu — 2 documents"
    assert stories.suggestions.count() == 0  # accepted: not suggested again
    assert tree_rows(stories) == [
        ["2023-12-04", "Meeting", "Benjamin Netanyahu → Antony Blinken", "2 documents · sources disagree"],
        [
            "2023-12-05 (date of the report)",
            "Attack",
            "Israeli forces → al-Shifa hospital",
            "2 documents · sources disagree",
        ],
        ["2023-12-15", "Meeting", "Antony Blinken → Benjamin Netanyahu", "1 document"],
    ]
    attack = stories.timeline.topLevelItem(1)
    children = [[attack.child(i).text(c) for c in range(4)] for i in range(attack.childCount())]
    assert children[:2] == [
        ["", "⚠ who did what", "Israeli forces → al-Shifa hospital", "Blinken meets Netanyahu in Jerusalem"],
        ["", "⚠ who did what", "Hamas → al-Shifa hospital", "Talks in Israel as hospital is hit"],
    ]
    assert "The sources disagree on who did what" in attack.toolTip(3)
    stories.timeline.setCurrentItem(attack.child(0))  # any line of an event shows the whole event below
    detail = stories.detail.toPlainText()
    assert "⚠ The sources disagree on who did what: Israeli forces → al-Shifa hospital" in detail
    assert "“A Hamas rocket struck the al-Shifa hospital, the army said.”" in detail

    # A source sentence opens its document in the reader, the sentence selected.
    source = attack.child(3)
    assert (
        source.text(3)
        == "Talks in Israel as hospital is hit: “A Hamas rocket struck the al-Shifa hospital, the army said.”"
    )
    links = passage_links(win)
    with qtbot.waitSignal(links.passage_shown, timeout=10_000) as shown:
        stories.timeline.itemActivated.emit(source, 3)
    start, end = shown.args
    assert WIRE_REPORT.document.text[start:end] == "A Hamas rocket struck the al-Shifa hospital, the army said."
    assert win.view.toPlainText() == WIRE_REPORT.document.text
    assert win.view.textCursor().selectedText() == "A Hamas rocket struck the al-Shifa hospital, the army said."
    with qtbot.waitSignal(links.passage_shown, timeout=10_000):
        stories.detail.anchorClicked.emit(QUrl("source:0"))  # the first source's title, a link in the detail
    assert (
        win.view.textCursor().selectedText() == "Israeli forces struck the al-Shifa hospital in Gaza, officials said."
    )
    stories.close()
    win.close()


def test_a_new_story_from_chosen_documents_keeps_notes_and_exports_its_report(qtbot, tmp_path: Path) -> None:
    win, stories = open_stories(qtbot, tmp_path)
    stories.new_story()
    picker = stories.picker
    assert picker is not None
    qtbot.waitUntil(lambda: picker.documents.count() == 3, timeout=10_000)
    picker.check("Blinken meets")
    picker.name.setText("Jerusalem")
    with qtbot.waitSignal(stories.timeline_shown, timeout=10_000):
        picker.buttons.button(picker.buttons.StandardButton.Ok).click()
    assert stories.selected_story() == "Jerusalem"
    assert [r[3] for r in tree_rows(stories)] == ["1 document", "1 document"]

    # Adding the wire report merges its reports into the same rows.
    add_document(qtbot, stories, "Talks in Israel")
    assert [r[3] for r in tree_rows(stories)][:2] == ["2 documents · sources disagree"] * 2

    # Unticking a document takes it out of the story (it stays in the library).
    stories.add_documents()
    picker = stories.picker
    qtbot.waitUntil(lambda: picker.documents.count() == 3, timeout=10_000)
    assert sorted(picker.chosen()) == sorted([JERUSALEM_TALKS.document.sha256, WIRE_REPORT.document.sha256])
    talks = next(picker.documents.item(i) for i in range(3) if "Blinken meets" in picker.documents.item(i).text())
    talks.setCheckState(Qt.CheckState.Unchecked)
    with qtbot.waitSignal(stories.timeline_shown, timeout=10_000):
        picker.accept()
    assert [r[3] for r in tree_rows(stories)] == ["1 document"] * 3
    assert stories.stories.item(0).text() == "Jerusalem — 1 document"
    add_document(qtbot, stories, "Blinken meets")

    stories.notes.setPlainText("Ask the army about the rocket.")
    with qtbot.waitSignal(stories.timeline_shown, timeout=10_000):
        stories.save_notes_button.click()
    out = tmp_path / "jerusalem.json"
    stories.ask_report_path = lambda: (str(out), ExportFormat.JSON)
    with qtbot.waitSignal(stories.report_written, timeout=20_000):
        stories.report_button.click()
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["notes"] == "Ask the army about the rocket." and len(report["timeline"]) == 3
    pdf = tmp_path / "jerusalem.pdf"
    stories.ask_report_path = lambda: (str(pdf), ExportFormat.PDF)
    with qtbot.waitSignal(stories.report_written, timeout=30_000):
        stories.report_button.click()
    assert pdf.read_bytes().startswith(b"%PDF")

    # A name already taken is refused in a sentence; nothing else changes.
    stories.new_story()
    picker = stories.picker
    picker.name.setText("jerusalem")
    picker.accept()
    qtbot.waitUntil(lambda: "already a story" in stories.status.text(), timeout=10_000)
    assert stories.stories.count() == 1

    # Deleting asks first; the documents stay in the library.
    stories.delete_button.click()
    box = stories.confirm_box
    assert box is not None and "Delete the story “Jerusalem”?" in box.text()
    box.button(box.StandardButton.Cancel).click()
    stories.wait()
    assert stories.stories.count() == 1
    stories.delete_button.click()
    with qtbot.waitSignal(stories.refreshed, timeout=10_000):
        stories.confirm_box.button(box.StandardButton.Discard).click()
    assert stories.stories.count() == 0 and stories.timeline.topLevelItemCount() == 0
    assert stories.suggestions.count() == 1  # the two documents are suggested again
    stories.close()
    win.close()


def test_questions_list_sentences_across_documents_and_open_them(qtbot, tmp_path: Path) -> None:
    win, stories = open_stories(qtbot, tmp_path)
    stories.tabs.setCurrentIndex(1)
    qtbot.keyClicks(stories.ask_actor, "Blinken")
    qtbot.keyClicks(stories.ask_with, "Netanyahu")
    stories.ask_type.setCurrentIndex(stories.ask_type.findData("MEETING"))
    qtbot.keyClicks(stories.ask_from, "2023-12")
    qtbot.keyClicks(stories.ask_to, "2023-12-10")
    with qtbot.waitSignal(stories.answered, timeout=10_000):
        stories.ask_button.click()
    answers = stories.answers
    got = [[answers.topLevelItem(i).text(c) for c in range(3)] for i in range(answers.topLevelItemCount())]
    assert got == [
        ["2023-12-04", "Talks in Israel as hospital is hit", "Meeting"],
        ["2023-12-05", "Blinken meets Netanyahu in Jerusalem", "Meeting"],
    ]
    assert stories.ask_status.text() == "2 sentences in 2 documents; double-click one to read it."
    links = passage_links(win)
    with qtbot.waitSignal(links.passage_shown, timeout=10_000):
        answers.itemActivated.emit(answers.topLevelItem(1), 4)
    assert win.view.textCursor().selectedText() == "Antony Blinken met Benjamin Netanyahu in Jerusalem on Tuesday."
    assert win.view.toPlainText() == JERUSALEM_TALKS.document.text

    # Dates as a reader writes them; one that cannot be read says what to write instead.
    stories.ask_to.clear()
    stories.ask_from.setText("1 December 2023 to 4 Dec 2023")
    with qtbot.waitSignal(stories.answered, timeout=10_000):
        qtbot.keyClick(stories.ask_from, Qt.Key.Key_Return)
    assert [answers.topLevelItem(i).text(0) for i in range(answers.topLevelItemCount())] == ["2023-12-04"]
    stories.ask_from.setText("Christmas")
    with qtbot.waitSignal(stories.answered, timeout=10_000):
        stories.ask_button.click()
    assert stories.ask_status.text().startswith("“Christmas” is not a date that can be read; write a year (2023)")

    stories.ask_from.setText("2023-12")
    stories.ask_actor.setText("Nobody Known")
    with qtbot.waitSignal(stories.answered, timeout=10_000):
        stories.ask_button.click()
    assert stories.ask_status.text().startswith("No actor called “Nobody Known” is in the library")
    assert answers.topLevelItemCount() == 0
    stories.close()
    win.close()


def press(qtbot, stories: LibraryStoriesWindow, key: Qt.Key) -> None:
    """Ctrl+key in the stories list, the window active (as a reader's shortcut reaches it)."""
    stories.activateWindow()
    qtbot.waitUntil(stories.isActiveWindow, timeout=5_000)
    stories.stories.setFocus()
    qtbot.keyClick(stories.stories, key, Qt.KeyboardModifier.ControlModifier)


def test_story_changes_are_undone_and_redone_with_the_button_and_the_shortcut(qtbot, tmp_path: Path) -> None:
    """Making a story, changing its documents, its notes and deleting it can each be taken back."""
    win, stories = open_stories(qtbot, tmp_path)
    assert not stories.undo_button.isEnabled()
    stories.new_story()
    picker = stories.picker
    qtbot.waitUntil(lambda: picker.documents.count() == 3, timeout=10_000)
    picker.check("Blinken meets")
    picker.name.setText("Jerusalem")
    with qtbot.waitSignal(stories.timeline_shown, timeout=10_000):
        picker.accept()
    assert stories.undo_button.isEnabled() and "New Story Jerusalem" in stories.undo_button.toolTip()

    # Undo (the button) takes the new story away; redo (the shortcut) brings it back with its document.
    with qtbot.waitSignal(stories.refreshed, timeout=10_000):
        qtbot.mouseClick(stories.undo_button, Qt.MouseButton.LeftButton)
    stories.wait()
    assert stories.stories.count() == 0
    with qtbot.waitSignal(stories.timeline_shown, timeout=10_000):
        press(qtbot, stories, Qt.Key.Key_Y)  # Ctrl+Y: redo
    assert stories.stories.item(0).text() == "Jerusalem — 1 document"

    # Adding a document, then undoing with Ctrl+Z, leaves the story with its one document.
    add_document(qtbot, stories, "Talks in Israel")
    assert stories.stories.item(0).text() == "Jerusalem — 2 documents"
    with qtbot.waitSignal(stories.timeline_shown, timeout=10_000):
        press(qtbot, stories, Qt.Key.Key_Z)  # Ctrl+Z: undo
    assert stories.stories.item(0).text() == "Jerusalem — 1 document"

    # Notes saved twice: undo gives back the first version.
    for text in ("Check the date.", "Ask the army."):
        stories.notes.setPlainText(text)
        with qtbot.waitSignal(stories.timeline_shown, timeout=10_000):
            stories.save_notes_button.click()
    with qtbot.waitSignal(stories.timeline_shown, timeout=10_000):
        qtbot.mouseClick(stories.undo_button, Qt.MouseButton.LeftButton)
    assert stories.notes.toPlainText() == "Check the date."

    # A deleted story comes back whole: its documents and its notes.
    stories.delete_button.click()
    with qtbot.waitSignal(stories.refreshed, timeout=10_000):
        stories.confirm_box.button(stories.confirm_box.StandardButton.Discard).click()
    stories.wait()
    assert stories.stories.count() == 0
    with qtbot.waitSignal(stories.timeline_shown, timeout=10_000):
        qtbot.mouseClick(stories.undo_button, Qt.MouseButton.LeftButton)
    assert stories.stories.item(0).text() == "Jerusalem — 1 document"
    assert stories.notes.toPlainText() == "Check the date."
    assert [r[3] for r in tree_rows(stories)] == ["1 document", "1 document"]
    stories.close()
    win.close()

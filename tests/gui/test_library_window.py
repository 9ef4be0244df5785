"""The library through the real window: work survives closing, stored analyses, search, trash, backup, unanchored."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QMessageBox

from gui.library_window import LibraryWindow
from models.domain import Analysis, Document
from models.reader import ReaderHighlight
from models.version import ANALYZER_VERSION
from tests.gui.conftest import make_window
from tests.gui.reader_fixtures import TEXT, build_analysis, nth, write_article


def select(win, text: str, needle: str) -> None:
    start = nth(text, needle)
    cursor = QTextCursor(win.view.document())
    cursor.setPosition(win.offsets.to_qt(start))
    cursor.setPosition(win.offsets.to_qt(start + len(needle)), QTextCursor.MoveMode.KeepAnchor)
    win.view.setTextCursor(cursor)


def open_in(qtbot, data_dir: Path, path: Path, analyze=build_analysis):
    win = make_window(qtbot, data_dir, fixed=False)
    calls: list[str] = []

    def counted(document: Document) -> Analysis:
        calls.append(document.sha256)
        return replace(analyze(document), analyzer_version=ANALYZER_VERSION)

    win.controller.analyze_fn = counted
    with qtbot.waitSignal(win.analysis_shown, timeout=10_000):
        win.open_path(path)
    return win, calls


def wait_library(qtbot, lib: LibraryWindow, action) -> None:
    with qtbot.waitSignal(lib.refreshed, timeout=10_000):
        action()


def test_highlight_note_and_correction_survive_closing_and_the_analysis_is_stored(qtbot, tmp_path: Path) -> None:
    data, article = tmp_path / "data", write_article(tmp_path)
    win, calls = open_in(qtbot, data, article)
    select(win, TEXT, "Nobody else spoke")
    highlight = win.reader.highlight_selection("Evidence")
    assert highlight is not None
    win.reader.set_note(highlight, "Who else was *there*?", ["check"])
    win.reader.add_note("document", "Read again on Friday", [])
    win.corrections.rename("a4", "Berlin, Germany")
    assert len(calls) == 1
    win.close()

    again, calls = open_in(qtbot, data, article)
    assert calls == []  # shown from the library, not analysed again
    [kept] = again.reader.highlights()
    assert TEXT[kept.start : kept.end] == "Nobody else spoke" and kept.category == "Evidence"
    assert kept.note == "Who else was *there*?" and kept.tags == ("check",)
    assert [n.text for n in again.reader.notes()] == ["Read again on Friday"]
    assert again.analysis is not None and "Berlin, Germany" in {a.name for a in again.analysis.actors}
    assert again.view.visible_spans_at(again.offsets.to_qt(kept.start) + 1)
    # undoing the correction in this session forgets it for the next one
    again.corrections.rename("a1", "Zoe Mueller")
    again.menu_actions.undo_action.trigger()
    again.close()
    third, _calls = open_in(qtbot, data, article)
    names = {a.name for a in third.analysis.actors}
    assert "Zoë Müller" in names and "Zoe Mueller" not in names and "Berlin, Germany" in names
    third.close()


def test_a_new_analyzer_version_analyses_again(qtbot, tmp_path: Path, monkeypatch) -> None:
    data, article = tmp_path / "data", write_article(tmp_path)
    win, calls = open_in(qtbot, data, article)
    win.close()
    monkeypatch.setattr("models.library.stored_analysis.ANALYZER_VERSION", "next")
    again, calls = open_in(qtbot, data, article)
    assert len(calls) == 1
    again.close()


def test_unanchored_highlights_are_listed_and_can_be_reattached(qtbot, tmp_path: Path) -> None:
    data, article = tmp_path / "data", tmp_path / "article.txt"
    first = "The council met on Monday. Nobody answered the phone that night. The strike went on.\n"
    article.write_text(first, encoding="utf-8")
    empty = lambda document: Analysis(document, "test", "fixed")  # noqa: E731
    win, _ = open_in(qtbot, data, article, empty)
    select(win, first, "Nobody answered the phone")
    lost = win.reader.highlight_selection("Question")
    assert lost is not None
    win.reader.set_note(lost, "Which phone?", [])
    select(win, first, "The strike went on")
    win.reader.highlight_selection("Important")
    win.close()

    second = "The council met on Tuesday. The strike went on for a week.\n"
    article.write_text(second, encoding="utf-8")
    win, _ = open_in(qtbot, data, article, empty)
    panel = win.notes_panel
    assert panel.unanchored_box.isVisible() and panel.unanchored_title.text() == "Unanchored (1)"
    [row] = panel.unanchored_rows()
    assert row.where == "Nobody answered the phone" and row.note == "Which phone?"
    assert "Nobody answered" in panel.unanchored_list.item(0).text()
    [placed] = win.reader.highlights()
    assert second[placed.start : placed.end] == "The strike went on"

    select(win, second, "The council met on Tuesday")
    qtbot.mouseClick(panel.reattach_button, Qt.MouseButton.LeftButton)
    assert not panel.unanchored_box.isVisible()
    assert {second[h.start : h.end] for h in win.reader.highlights()} == {
        "The council met on Tuesday",
        "The strike went on",
    }
    win.menu_actions.undo_action.trigger()  # undo puts it back in the list
    assert panel.unanchored_title.text() == "Unanchored (1)"
    win.menu_actions.redo_action.trigger()
    win.close()
    again, _ = open_in(qtbot, data, article, empty)
    assert not again.notes_panel.unanchored_box.isVisible()
    kept = {h.note for h in again.reader.highlights() if isinstance(h, ReaderHighlight)}
    assert "Which phone?" in kept
    again.close()


def test_library_window_lists_searches_opens_trashes_and_restores(qtbot, tmp_path: Path) -> None:
    data, article = tmp_path / "data", write_article(tmp_path)
    win, _ = open_in(qtbot, data, article)
    select(win, TEXT, "The weather was mild")
    h = win.reader.highlight_selection("Important")
    assert h is not None
    win.reader.set_note(h, "Unusual for a summit in Paris", [])
    lib = win.libraries.show_library()
    qtbot.waitUntil(lambda: lib.model.rowCount() == 1, timeout=10_000)
    assert lib.model.data(lib.model.index(0, 3)) == 1 and lib.status.text() == "1 document · 1 highlight or note"

    wait_library(qtbot, lib, lambda: qtbot.keyClicks(lib.search, "summit"))
    assert lib.model.searching and lib.model.rowCount() == 1
    assert lib.model.data(lib.model.index(0, 1)) == "Highlight"
    assert "summit" in lib.model.data(lib.model.index(0, 2))
    wait_library(qtbot, lib, lib.search.clear)

    lib.ask_text = lambda _title, _label, _default: "Talks in Paris"
    wait_library(qtbot, lib, lambda: qtbot.mouseClick(lib.rename_button, Qt.MouseButton.LeftButton))
    assert lib.model.data(lib.model.index(0, 0)) == "Talks in Paris"

    wait_library(qtbot, lib, lambda: qtbot.mouseClick(lib.remove_button, Qt.MouseButton.LeftButton))
    assert lib.model.rowCount() == 0
    wait_library(qtbot, lib, lambda: lib.tabs.setCurrentIndex(1))
    assert lib.model.rowCount() == 1 and lib.restore_button.isVisible() and not lib.remove_button.isVisible()
    wait_library(qtbot, lib, lambda: qtbot.mouseClick(lib.restore_button, Qt.MouseButton.LeftButton))
    assert lib.model.rowCount() == 0
    wait_library(qtbot, lib, lambda: lib.tabs.setCurrentIndex(0))
    assert lib.model.rowCount() == 1

    win.show_document(Document("Another day, another text.", title="Other"))
    wait_library(qtbot, lib, lib.refresh)
    assert lib.select_title("Talks in Paris")
    with qtbot.waitSignal(win.analysis_shown, timeout=10_000):
        qtbot.mouseClick(lib.open_button, Qt.MouseButton.LeftButton)
    assert win.document is not None and win.document.text == TEXT
    assert [x.note for x in win.reader.highlights()] == ["Unusual for a summit in Paris"]
    lib.close()
    win.close()


def test_empty_trash_export_and_import(qtbot, tmp_path: Path) -> None:
    data, article = tmp_path / "data", write_article(tmp_path)
    win, _ = open_in(qtbot, data, article)
    win.reader.add_note("document", "Kept in the backup", [])
    lib = win.libraries.show_library()
    qtbot.waitUntil(lambda: lib.model.rowCount() == 1, timeout=10_000)
    backup = tmp_path / "backup"
    lib.ask_save_path = lambda _start: str(backup)
    qtbot.mouseClick(lib.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "saved" in lib.status.text(), timeout=10_000)
    assert (tmp_path / "backup.dramatis-library").exists()

    wait_library(qtbot, lib, lambda: qtbot.mouseClick(lib.remove_button, Qt.MouseButton.LeftButton))
    wait_library(qtbot, lib, lambda: lib.tabs.setCurrentIndex(1))
    lib.confirm = lambda _question: True
    wait_library(qtbot, lib, lambda: qtbot.mouseClick(lib.empty_button, Qt.MouseButton.LeftButton))
    assert lib.model.rowCount() == 0
    wait_library(qtbot, lib, lambda: lib.tabs.setCurrentIndex(0))
    assert lib.model.rowCount() == 0

    lib.ask_open_path = lambda: str(tmp_path / "backup.dramatis-library")
    wait_library(qtbot, lib, lambda: qtbot.mouseClick(lib.import_button, Qt.MouseButton.LeftButton))
    assert lib.model.rowCount() == 1
    qtbot.waitUntil(lambda: lib.status.text() == "Imported 1 document and 1 highlight or note.", timeout=5_000)
    wait_library(qtbot, lib, lambda: qtbot.keyClicks(lib.search, "backup"))
    assert lib.model.data(lib.model.index(0, 1)) == "Note"
    win.close()


def test_a_damaged_library_is_set_aside_with_a_plain_message(qtbot, tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "library.sqlite3").write_bytes(b"this is not a database" * 100)
    win = make_window(qtbot, data)
    box = None

    def message_shown() -> bool:
        nonlocal box
        box = next((w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()), None)
        return box is not None

    qtbot.waitUntil(message_shown, timeout=5_000)
    assert box is not None and "damaged" in box.text() and "library.corrupt-" in box.informativeText()
    box.close()
    assert list(data.glob("library.corrupt-*.sqlite3"))
    assert win.library is not None  # a fresh library is in use
    win.close()

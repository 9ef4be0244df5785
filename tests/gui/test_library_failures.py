"""The library refusing writes, for real: a full disk (SQLite's page limit) and a read-only library file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from models.library import Library
from models.loaders import load_document
from models.reader import DOCUMENT_TARGET
from tests.conftest import ROOT
from tests.gui.conftest import make_window
from tests.gui.reader_fixtures import write_article

NOTE = "Call the ministry back about the budget figures.\n" + "Evidence and sources. " * 400


def shown_box(qtbot) -> QMessageBox:
    found: list[QMessageBox] = []

    def visible() -> bool:
        found[:] = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
        return bool(found)

    qtbot.waitUntil(visible, timeout=5_000)
    return found[0]


def open_article(qtbot, data: Path, tmp_path: Path):
    win = make_window(qtbot, data)
    with qtbot.waitSignal(win.analysis_shown, timeout=10_000):
        win.open_path(write_article(tmp_path))
    return win


def test_disk_full_keeps_the_note_text_and_no_undo_step(qtbot, tmp_path: Path) -> None:
    data = tmp_path / "data"
    win = open_article(qtbot, data, tmp_path)
    conn = win.library.library.conn
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")  # SQLite answers "database or disk is full" from now on
    before = win.undo_stack.count()
    win.reader.edit_note_hook = lambda _about, _text, _tags: (NOTE, ["budget"])
    win.reader.note_on_target(DOCUMENT_TARGET)

    box = shown_box(qtbot)
    message = box.text()
    assert "not saved" in message and "full" in message and "Traceback" not in message, message
    assert win.undo_stack.count() == before and not win.undo_stack.undoText().startswith("Add note")
    assert win.reader.notes() == []
    kept = list((data / "unsaved-notes").glob("note-*.md"))
    assert len(kept) == 1 and str(kept[0]) in message
    assert kept[0].read_text(encoding="utf-8").startswith(NOTE.rstrip("\n"))
    box.close()

    conn.execute("PRAGMA max_page_count = 1073741823")  # space again: the same note saves and undoes normally
    win.reader.note_on_target(DOCUMENT_TARGET)
    assert [n.text for n in win.reader.notes()] == [NOTE] and win.undo_stack.undoText().startswith("Add note")
    win.close()
    with Library(data / "library.sqlite3") as lib:
        assert [n.text for n in lib.load_notes(load_document(write_article(tmp_path)).sha256)] == [NOTE]


def test_a_read_only_library_opens_read_only_visibly(qtbot, tmp_path: Path) -> None:
    data = tmp_path / "data"
    win = open_article(qtbot, data, tmp_path)
    win.reader.edit_note_hook = lambda _about, _text, _tags: ("Kept note", [])
    win.reader.note_on_target(DOCUMENT_TARGET)
    win.close()
    db = data / "library.sqlite3"
    db.chmod(0o444)

    win = open_article(qtbot, data, tmp_path)
    qtbot.waitUntil(lambda: win.findChild(QLabel, "read-only-library") is not None, timeout=5_000)
    assert "read-only" in win.windowTitle()
    assert not win.menu_actions.note_action.isEnabled() and not win.menu_actions.highlight_action.isEnabled()
    assert [n.text for n in win.reader.notes()] == ["Kept note"]  # the work is still shown
    win.reader.edit_note_hook = lambda _about, _text, _tags: ("Another note", [])
    win.reader.note_on_target(DOCUMENT_TARGET)  # e.g. from the notes panel: refused with a sentence
    box = shown_box(qtbot)
    assert "read-only" in box.text() and "not saved" in box.text()
    assert [n.text for n in win.reader.notes()] == ["Kept note"] and not win.undo_stack.canUndo()
    box.close()
    win.close()
    assert oct(db.stat().st_mode & 0o777) == "0o444"


def test_screenshot_with_a_read_only_library_finishes(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    with Library(data / "library.sqlite3"):
        pass
    (data / "library.sqlite3").chmod(0o444)
    before = (data / "library.sqlite3").read_bytes()
    out = tmp_path / "shot.png"
    article = write_article(tmp_path)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), str(article), "--screenshot", str(out), "--data-dir", str(data)],
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert out.stat().st_size > 1000
    assert "OperationalError" not in result.stderr and "Traceback" not in result.stderr, result.stderr
    assert (data / "library.sqlite3").read_bytes() == before  # read-only means untouched, whoever runs it


def test_file_import_annotations_places_them_on_the_open_document(qtbot, tmp_path: Path) -> None:
    import json

    from tests.gui.reader_fixtures import TEXT

    win = open_article(qtbot, tmp_path / "data", tmp_path)
    start = TEXT.index("Nobody else spoke")
    annotations = tmp_path / "hypothesis.jsonld"
    selector = {"type": "TextQuoteSelector", "exact": "Nobody else spoke", "prefix": TEXT[start - 10 : start]}
    items = [
        {"type": "Annotation", "id": "a1", "bodyValue": "Who else was there?", "target": {"selector": [selector]}},
        {
            "type": "Annotation",
            "id": "a2",
            "target": {"selector": [{"type": "TextPositionSelector", "start": False, "end": True}]},
        },
    ]
    annotations.write_text(json.dumps(items), encoding="utf-8")
    win.annotations.ask_path = lambda: str(annotations)
    action = next(a for a in win.findChildren(QAction) if a.text() == "Import &Annotations…")
    action.trigger()
    qtbot.waitUntil(lambda: win.annotations.last is not None, timeout=10_000)
    placed = [h for h in win.reader.highlights() if h.note == "Who else was there?"]
    assert len(placed) == 1 and TEXT[placed[0].start : placed[0].end] == "Nobody else spoke"
    box = shown_box(qtbot)
    assert "Imported 1 highlight" in box.text() and "1 annotation was skipped" in box.text()
    assert "refused" in box.informativeText()
    box.close()
    win.close()


def test_when_no_file_can_hold_it_the_unsaved_note_comes_back_in_the_editor(qtbot, tmp_path: Path) -> None:
    data = tmp_path / "data"
    win = open_article(qtbot, data, tmp_path)
    (data / "unsaved-notes").write_text("in the way", encoding="utf-8")  # the recovery folder cannot be made
    conn = win.library.library.conn
    conn.execute(f"PRAGMA max_page_count = {conn.execute('PRAGMA page_count').fetchone()[0]}")
    shown: list[tuple[str, str]] = []

    def editor(about: str, text: str, tags: list[str]) -> tuple[str, list[str]] | None:
        shown.append((about, text))
        return (NOTE, ["budget"]) if len(shown) == 1 else None  # write it once; then the reader copies and cancels

    win.reader.edit_note_hook = editor
    win.reader.note_on_target(DOCUMENT_TARGET)
    qtbot.waitUntil(lambda: len(shown) == 2, timeout=5_000)
    assert shown[1][0].startswith("Unsaved note") and shown[1][1] == NOTE
    box = shown_box(qtbot)
    assert "back in the note editor" in box.text() and "full" in box.text()
    assert win.reader.notes() == [] and not win.undo_stack.canUndo()
    box.close()
    win.close()


def test_a_correction_the_library_refuses_is_not_made(qtbot, tmp_path: Path) -> None:
    win = open_article(qtbot, tmp_path / "data", tmp_path)
    win.library.library.conn.execute("PRAGMA query_only = ON")  # SQLite now refuses every write
    before = win.undo_stack.count()
    win.corrections.rename("a4", "Berlin (city)")
    box = shown_box(qtbot)
    assert win.analysis.actor_by_id()["a4"].name == "Berlin"  # not renamed on screen
    assert win.undo_stack.count() == before  # and nothing to undo
    assert "correction was not saved" in box.informativeText(), box.informativeText()
    box.close()
    win.close()

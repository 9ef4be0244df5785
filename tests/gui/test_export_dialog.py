"""File › Export… in the window: format, scope, article, background export, errors in the dialog."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox

from gui.export_dialog import ExportDialog
from models.export import ExportFormat
from models.reader import ReaderHighlight, ReaderNote
from models.reading import Change
from tests.gui.reader_fixtures import TEXT, nth
from tests.models.test_export_html import assert_self_contained, parse


def add_reader_work(win) -> None:
    start = nth(TEXT, "Nobody else spoke.")
    win.reader.apply(Change(None, ReaderHighlight("h1", start, start + 18, "Question", "<script>x</script>", ("t",))))
    win.reader.apply(Change(None, ReaderNote("n1", "actor:a3", "=cmd|' /C calc'!A0")))


def open_dialog(qtbot, win) -> ExportDialog:
    win.menu_actions.export_action.trigger()
    dialog = win.findChild(ExportDialog)
    assert dialog is not None and dialog.isVisible()
    return dialog


def export(qtbot, dialog: ExportDialog, path: Path) -> None:
    dialog.path_edit.setText(str(path))
    with qtbot.waitSignal(dialog.exported, timeout=20_000) as blocker:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [str(path)]


def test_export_action_is_in_the_file_menu(fixed_window) -> None:
    menu = fixed_window.menuBar().actions()[0].menu()
    texts = [a.text() for a in menu.actions()]
    assert "&Export Report…" in texts and texts.index("&Export Report…") < texts.index("&Stop Analysis")


def test_html_export_of_everything_with_the_article(qtbot, fixed_window, tmp_path: Path) -> None:
    win = fixed_window
    add_reader_work(win)
    win.hub.set_state(win.hub.state.with_layer("PLACE", False))
    dialog = open_dialog(qtbot, win)
    dialog.set_format(ExportFormat.HTML)
    assert dialog.article_check.isEnabled()
    dialog.article_check.setChecked(True)
    dialog.all_radio.setChecked(True)
    out = tmp_path / "report.html"
    export(qtbot, dialog, out)
    page = parse(out.read_text(encoding="utf-8"))
    assert_self_contained(page)
    assert "<script>x</script>" in page.all_text
    assert "Paris" in page.all_text  # everything, although places are switched off
    assert ("k0", "Nobody else spoke.") in page.marks  # the article, with the only category's highlight inline
    assert "Report saved to" in win.statusBar().currentMessage()


def test_csv_export_of_what_is_shown(qtbot, fixed_window, tmp_path: Path) -> None:
    win = fixed_window
    add_reader_work(win)
    win.hub.set_state(win.hub.state.with_layer("PLACE", False))
    dialog = open_dialog(qtbot, win)
    dialog.set_format(ExportFormat.CSV)
    assert not dialog.article_check.isEnabled()
    assert dialog.shown_radio.isChecked() and dialog.path_edit.text().endswith(".csv")
    out = tmp_path / "report.csv"
    export(qtbot, dialog, out)
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"), newline="")))
    names = [r["actor or event"] for r in rows if r["kind"] == "actor"]
    assert names and "Paris" not in names and "Berlin" not in names  # places are switched off
    note = next(r for r in rows if r["kind"] == "note")
    assert note["note"].startswith("'=")  # the note on the hidden place is kept, neutralised


def test_missing_folder_is_said_in_the_dialog(qtbot, fixed_window, tmp_path: Path) -> None:
    dialog = open_dialog(qtbot, fixed_window)
    dialog.path_edit.setText(str(tmp_path / "nowhere" / "r.md"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert "does not exist" in dialog.status.text() and dialog.isVisible()
    dialog.reject()


def test_counts_are_in_good_english_and_the_name_keeps_its_dots(qtbot, fixed_window, tmp_path: Path) -> None:
    win = fixed_window
    win.reader.apply(Change(None, ReaderNote("n1", "actor:a3", "one note")))
    win.session.analysis = replace(win.analysis, document=replace(win.analysis.document, title="000_report.v1.txt"))
    dialog = open_dialog(qtbot, win)
    label = dialog.findChild(QLabel, "export-summary")
    assert label is not None
    summary = label.text()
    assert "1 note." in summary and "1 notes" not in summary and "3 events" in summary
    assert Path(dialog.path_edit.text()).name == "000_report.v1 - notes.md"
    dialog.set_format(ExportFormat.HTML)
    assert Path(dialog.path_edit.text()).name == "000_report.v1 - notes.html"
    dialog.reject()


def test_a_report_of_an_unfiltered_window_does_not_say_filtered(qtbot, fixed_window, tmp_path: Path) -> None:
    dialog = open_dialog(qtbot, fixed_window)
    assert dialog.shown_radio.isChecked()  # the default scope, with nothing filtered
    out = tmp_path / "r.md"
    export(qtbot, dialog, out)
    text = out.read_text(encoding="utf-8")
    assert "(filtered)" not in text and "Contents: everything" in text


def test_a_failed_open_keeps_the_status_line(qtbot, fixed_window, tmp_path: Path) -> None:
    win = fixed_window
    before = win.status_line.label.text()
    assert before
    junk = tmp_path / "junk.txt"
    junk.write_bytes(bytes(range(256)) * 4)
    with qtbot.waitSignal(win.controller.load_failed, timeout=5000):
        win.open_path(junk)
    assert win.status_line.label.text() == before
    for box in win.findChildren(QMessageBox):
        box.close()

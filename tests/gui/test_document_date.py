"""Setting the document date from the status bar re-reads relative dates, and undo takes it back."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import QApplication

from gui.document_date import DocumentDateDialog
from models.domain import Analysis, Document
from models.version import ANALYZER_VERSION
from tests.gui.conftest import make_window
from tests.gui.reader_fixtures import TEXT, build_analysis


def analyse_as_current(document: Document) -> Analysis:
    """The fixture's analysis, carrying the document's date and today's analyzer version (so the library shows
    it again instead of asking for a new one)."""
    analysis = build_analysis(Document(TEXT, title="Test article"))
    analysis.document.date = document.date
    analysis.analyzer_version = ANALYZER_VERSION
    return analysis


def test_reader_sets_the_document_date_and_can_undo_it(qtbot, tmp_path: Path) -> None:
    seen: list[str | None] = []

    def analyse(document: Document) -> Analysis:
        seen.append(document.date)
        analysis = build_analysis(Document(TEXT, title="Test article"))
        analysis.document.date = document.date
        return analysis

    win = make_window(qtbot, tmp_path / "data")
    win.controller.analyze_fn = analyse
    article = tmp_path / "article.txt"
    article.write_text(TEXT, encoding="utf-8")
    with qtbot.waitSignal(win.analysis_shown, timeout=10_000):
        win.open_path(str(article))
    button = win.date_button
    assert button.text() == "Date unknown: set…"

    def choose() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, DocumentDateDialog) and w.isVisible())
        dialog.edit.setDate(QDate(2023, 12, 30))
        dialog.accept()

    QTimer.singleShot(0, choose)
    with qtbot.waitSignal(win.analysis_shown, timeout=10_000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert seen == [None, "2023-12-30"]
    assert button.text() == "Dated 2023-12-30"
    assert win.analysis is not None and win.analysis.document.date == "2023-12-30"

    with qtbot.waitSignal(win.analysis_shown, timeout=10_000):
        win.undo_stack.undo()
    assert seen[-1] is None
    assert button.text() == "Date unknown: set…"
    win.close()


def test_the_date_set_by_the_reader_comes_back_with_the_document(qtbot, tmp_path: Path) -> None:
    seen: list[str | None] = []

    def analyse(document: Document) -> Analysis:
        seen.append(document.date)
        return analyse_as_current(document)

    article = tmp_path / "article.txt"
    article.write_text(TEXT, encoding="utf-8")
    win = make_window(qtbot, tmp_path / "data")
    win.controller.analyze_fn = analyse
    with qtbot.waitSignal(win.analysis_shown, timeout=10_000):
        win.open_path(str(article))
    with qtbot.waitSignal(win.analysis_shown, timeout=10_000):
        win.change_document_date("2015-05-01")
    win.close()

    again = make_window(qtbot, tmp_path / "data")
    again.controller.analyze_fn = analyse
    with qtbot.waitSignal(again.analysis_shown, timeout=10_000):
        again.open_path(str(article))
    assert seen == [None, "2015-05-01"]  # the stored analysis was shown, not a new one
    assert again.date_button.text() == "Dated 2015-05-01"
    again.close()


def test_a_new_document_date_reaches_the_actors_dates_on_the_library_worker(qtbot, tmp_path: Path, monkeypatch) -> None:
    """The Actors window's first and last dates follow the date the reader sets, worked out off the GUI thread."""
    from models.library.actor_membership import refresh_dates as real_refresh

    threads: list[int] = []

    def refresh_dates(conn, actor_ids) -> None:
        threads.append(threading.get_ident())
        real_refresh(conn, actor_ids)

    monkeypatch.setattr("models.library.documents.refresh_dates", refresh_dates)

    article = tmp_path / "article.txt"
    article.write_text(TEXT, encoding="utf-8")
    win = make_window(qtbot, tmp_path / "data")
    win.controller.analyze_fn = analyse_as_current
    with qtbot.waitSignal(win.analysis_shown, timeout=10_000):
        win.open_path(str(article))
    actors = win.libraries.show_actors()
    qtbot.waitUntil(lambda: bool(actors.model.rows), timeout=10_000)
    assert {row.last_date for row in actors.model.rows} == {None}

    with qtbot.waitSignals([win.libraries.actor_dates_refreshed, actors.refreshed], timeout=10_000):
        win.change_document_date("2015-05-01")
    assert threads, "the actors' dates were not worked out again"
    assert threading.main_thread().ident not in threads  # the GUI thread only queued the work
    assert {(row.first_date, row.last_date) for row in actors.model.rows} == {("2015-05-01", "2015-05-01")}
    win.close()

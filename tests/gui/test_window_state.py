"""What the window remembers between sessions, and the ways documents reach it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent

from tests.gui.conftest import make_window
from tests.gui.reader_fixtures import build_analysis, write_article


def test_theme_zoom_docks_and_recent_files_persist(qtbot, tmp_path: Path) -> None:
    data = tmp_path / "data"
    win = make_window(qtbot, data)
    article = write_article(tmp_path)
    with qtbot.waitSignal(win.analysis_shown, timeout=10_000):
        win.open_path(article)
    win.apply_theme("sepia")
    win.view.zoom_in()
    win.view.zoom_in()
    size = win.view.point_size()
    win.events_dock.hide()
    win.menu_actions.focus_action.setChecked(True)
    win.legend.box("TIME").setChecked(False)
    win.close()

    again = make_window(qtbot, data)
    assert again.menu_actions.theme_actions["sepia"].isChecked()
    assert again.view.theme.name == "sepia"
    assert again.view.point_size() == size
    assert not again.events_dock.isVisible()
    assert again.actors_dock.isVisible()
    assert again.menu_actions.focus_action.isChecked()
    assert again.ui.recent_files() == [str(article)]
    again.menu_actions.recent_menu.aboutToShow.emit()  # filled as the menu opens
    names = [a.text() for a in again.menu_actions.recent_menu.actions()]
    assert names[0].endswith("article.txt")
    with qtbot.waitSignal(again.analysis_shown, timeout=10_000):
        again.menu_actions.recent_menu.actions()[0].trigger()
    assert again.document is not None and again.document.title
    assert again.hub.state.hidden_layers == frozenset({"TIME"})  # layer switches are a preference
    assert not again.legend.box("TIME").isChecked()
    again.close()


def test_dropping_a_file_opens_it(qtbot, tmp_path: Path) -> None:
    win = make_window(qtbot, tmp_path / "data")
    article = write_article(tmp_path)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(article))])
    event = QDropEvent(
        QPointF(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier
    )
    enter = QDragEnterEvent(
        QPoint(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier
    )
    # Offscreen Qt has no drag manager to deliver these, so hand them to the handlers as it would.
    win.dragEnterEvent(enter)
    assert enter.isAccepted()
    with qtbot.waitSignal(win.analysis_shown, timeout=10_000):
        win.dropEvent(event)
    assert win.view.document().toPlainText().startswith("Zoë Müller")
    win.close()


def test_text_shows_before_analysis_and_analysis_can_be_stopped(qtbot, tmp_path: Path) -> None:
    import threading

    release = threading.Event()

    def slow(document):
        release.wait(5)
        return build_analysis(document)

    win = make_window(qtbot, tmp_path / "data")
    win.controller.analyze_fn = slow
    with qtbot.waitSignal(win.controller.analysis_started, timeout=5000):
        win.open_path(write_article(tmp_path))
    assert win.view.document().toPlainText().startswith("Zoë Müller")  # readable while analysing
    assert win.menu_actions.cancel_action.isEnabled()
    win.menu_actions.cancel_action.trigger()
    assert not win.menu_actions.cancel_action.isEnabled()
    assert "stopped" in win.statusBar().findChildren(type(win.status_line.label))[0].text()
    release.set()
    win.controller.shutdown()
    assert win.analysis is None  # the late result was dropped
    win.close()

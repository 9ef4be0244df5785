"""The real window, driven as a reader would: open, wait for analysis, look at highlights, toggle."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt

from gui.app import build_window, create_app
from gui.main_window import MainWindow
from models.paths import AppPaths


@pytest.fixture
def window(qtbot, tmp_path: Path):
    create_app()
    paths = AppPaths(tmp_path / "data").ensure()
    win = build_window(paths)
    qtbot.addWidget(win)
    win.resize(1100, 800)
    win.show()
    yield win
    win.close()


def qt_slice(text: str, start: int, end: int) -> str:
    """The text between two Qt (UTF-16) positions."""
    return text.encode("utf-16-le")[2 * start : 2 * end].decode("utf-16-le")


def open_and_wait(qtbot, window: MainWindow, path: Path) -> None:
    with qtbot.waitSignal(window.analysis_shown, timeout=60_000):
        window.open_path(path)


def test_highlights_land_on_the_right_text_with_emoji(qtbot, window, tmp_path) -> None:
    text = "😀👍🏽 Angela Merkel met Emmanuel Macron in Berlin.\n\nLater Merkel flew home 🇩🇪.\n"
    path = tmp_path / "emoji.txt"
    path.write_text(text, encoding="utf-8")
    open_and_wait(qtbot, window, path)
    doc_text = window.view.document().toPlainText()
    spans = list(window.view.spans)
    assert spans
    covered = {qt_slice(doc_text, s.start, s.end) for s in spans}
    assert {"Angela Merkel", "Emmanuel Macron", "Berlin"} <= covered


def test_toggling_a_category_hides_its_highlights(qtbot, window, tmp_path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Angela Merkel met Emmanuel Macron in Berlin.\n", encoding="utf-8")
    open_and_wait(qtbot, window, path)
    doc_text = window.view.document().toPlainText()
    pos = doc_text.index("Merkel")  # ASCII text: Python and Qt positions agree
    assert [s.category for s in window.view.visible_spans_at(pos)] == ["PERSON"]
    qtbot.mouseClick(window.legend.box("PERSON"), Qt.MouseButton.LeftButton)
    assert not window.legend.box("PERSON").isChecked()
    assert window.view.visible_spans_at(pos) == []
    qtbot.mouseClick(window.legend.box("PERSON"), Qt.MouseButton.LeftButton)
    assert window.view.visible_spans_at(pos)


def test_clicking_a_mention_reports_its_actor(qtbot, window, tmp_path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Angela Merkel met Emmanuel Macron in Berlin.\n", encoding="utf-8")
    open_and_wait(qtbot, window, path)
    doc_text = window.view.document().toPlainText()
    pos = doc_text.index("Macron") + 2
    block = window.view.document().findBlock(pos)
    rect = window.view.span_rects(block, pos, pos + 1)[0]
    with qtbot.waitSignal(window.view.span_clicked, timeout=2000) as blocker:
        center = QPoint(int(rect.center().x()), int(rect.center().y()))
        qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=center)
    span = blocker.args[0]
    assert window.analysis is not None
    actor = window.analysis.actor_by_id()[span.item_id]
    assert actor.name == "Emmanuel Macron"


def test_unreadable_file_shows_message_and_keeps_window(qtbot, window, tmp_path) -> None:
    path = tmp_path / "junk.txt"
    path.write_bytes(bytes(range(256)) * 4)
    with qtbot.waitSignal(window.controller.load_failed, timeout=5000) as blocker:
        window.open_path(path)
    assert "not a text document" in blocker.args[0]
    assert window.isVisible()

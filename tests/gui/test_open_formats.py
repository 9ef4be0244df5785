"""Opening every format through the real window: text shown, headings formatted, contents panel, paste, big files."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QFont, QPageSize, QPdfWriter, QTextCharFormat, QTextDocument
from PySide6.QtWidgets import QApplication, QMessageBox

from models.domain import Analysis, Document
from models.loaders import registry
from tests.gui.conftest import make_window
from tests.models.doc_samples import CHAPTERS, make_docx, make_epub
from tests.models.test_loaders_formats import MARKDOWN, PAGE, report_pdf


def _empty_analysis(document: Document) -> Analysis:
    return Analysis(document=document, analyzer_version="test", model="none")


@pytest.fixture
def window(qtbot, tmp_path: Path):
    win = make_window(qtbot, tmp_path / "data", fixed=False)
    win.controller.analyze_fn = _empty_analysis
    yield win
    win.close()


def open_and_wait(qtbot, window, path: Path) -> Document:
    with qtbot.waitSignal(window.analysis_shown, timeout=20_000):
        window.open_path(path)
    assert window.document is not None
    return window.document


def action(window, text: str):
    return next(a for a in window.actions() if a.text().replace("&", "") == text)


def qt_pdf(path: Path) -> None:
    """A multi-page PDF written by Qt; QTextDocument prints page numbers at the foot of each page."""
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A6))
    writer.setTitle("Harbour works")
    document = QTextDocument()
    document.setDefaultFont(QFont("DejaVu Serif", 10))
    paragraphs = "".join(
        f"<p>Report {word}: the harbour master said the new quay would open in June, after divers finished "
        f"checking the old piles and the crane rails were replaced along the whole eastern wall.</p>"
        for word in ("alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet")
    )
    document.setHtml(f"<h1>Harbour works</h1>{paragraphs}")
    document.print_(writer)


def test_each_format_opens_through_the_window(qtbot, window, tmp_path: Path) -> None:
    files = {
        "page.html": (PAGE.encode(), "Flood waters rise in Riverton", "forcing hundreds of families"),
        "notes.md": (MARKDOWN.encode(), "Budget talks", "The finance minister met union leaders on Monday"),
        "report.pdf": (report_pdf(), "Flood defences", "the emergency repairs would take six weeks"),
        "voyage.epub": (make_epub(), "The Long Voyage", "Captain Elena Ruiz sailed from Lisbon"),
        "budget.docx": (make_docx(), "Council budget", "Mayor Tom Baker called it a fair compromise"),
    }
    for name, (data, title, phrase) in files.items():
        path = tmp_path / name
        path.write_bytes(data)
        document = open_and_wait(qtbot, window, path)
        assert document.title == title
        assert window.view.document().toPlainText() == document.text
        assert phrase in document.text
        assert window.windowTitle().startswith(title)


def test_qt_written_pdf_reads_as_paragraphs_without_page_numbers(qtbot, window, tmp_path: Path) -> None:
    path = tmp_path / "harbour.pdf"
    qt_pdf(path)
    document = open_and_wait(qtbot, window, path)
    paragraphs = document.text.split("\n\n")
    assert paragraphs[0] == "Harbour works"
    assert len(paragraphs) == 11
    assert paragraphs[3].startswith("Report charlie: the harbour master said")
    assert paragraphs[3].endswith("along the whole eastern wall.")
    assert not any(p.strip().isdigit() for p in paragraphs)


def _formats_at(window, position: int):
    block = window.view.document().findBlock(position)
    offset = position - block.position()
    return [QTextCharFormat(r.format) for r in block.layout().formats() if r.start <= offset < r.start + r.length]


def test_markdown_headings_and_emphasis_are_formatted_without_changing_the_text(qtbot, window, tmp_path) -> None:
    path = tmp_path / "notes.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    document = open_and_wait(qtbot, window, path)
    assert window.view.document().toPlainText() == document.text
    heading = document.text.index("Next steps")
    qtbot.waitUntil(lambda: bool(_formats_at(window, heading)), timeout=3000)
    (fmt,) = _formats_at(window, heading)
    assert fmt.fontWeight() == QFont.Weight.Bold
    assert fmt.fontPointSize() > window.view.point_size()
    (emphasis,) = _formats_at(window, document.text.index("talks"))
    assert emphasis.fontItalic()
    assert _formats_at(window, document.text.index("finance")) == []
    # Zooming keeps headings larger than the text.
    window.view.zoom_in()
    qtbot.waitUntil(lambda: _formats_at(window, heading)[0].fontPointSize() > window.view.point_size() * 1.2)


def test_epub_contents_panel_lists_chapters_and_scrolls_there(qtbot, window, tmp_path: Path) -> None:
    window.resize(1100, 600)
    path = tmp_path / "voyage.epub"
    path.write_bytes(make_epub())
    document = open_and_wait(qtbot, window, path)
    assert window.toc_dock.isVisible()
    tree = window.toc_panel.tree
    assert [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())] == [t for t, _ in CHAPTERS]
    assert window.view.verticalScrollBar().value() == 0
    last = tree.topLevelItem(2)
    rect = tree.visualItemRect(last)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    target = window.offsets.to_qt(document.chapters[2].start)
    assert window.view.textCursor().position() == target
    assert window.view.verticalScrollBar().value() > 0
    first, end = window.view.visible_range()
    assert first <= target < end
    # Back to the first chapter.
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualItemRect(tree.topLevelItem(0)).center())
    assert window.view.textCursor().position() == 0


def test_documents_without_chapters_list_their_headings(qtbot, window, tmp_path: Path) -> None:
    path = tmp_path / "budget.docx"
    path.write_bytes(make_docx())
    open_and_wait(qtbot, window, path)
    tree = window.toc_panel.tree
    top = tree.topLevelItem(0)
    assert top.text(0) == "Council budget approved"
    assert top.child(0).text(0) == "What changes"
    assert not window.toc_panel.hint.isVisibleTo(window.toc_panel)


def test_new_from_clipboard_opens_the_pasted_html(qtbot, window) -> None:
    mime = QMimeData()
    mime.setHtml("<h2>Talks resume</h2><p>Envoys met in <b>Geneva</b> on <i>Friday</i>.</p><script>x()</script>")
    mime.setText("Talks resume\nEnvoys met in Geneva on Friday.")
    QApplication.clipboard().setMimeData(mime)
    paste = action(window, "New from Clipboard")
    assert paste.shortcut().toString() == "Ctrl+Shift+V"
    with qtbot.waitSignal(window.analysis_shown, timeout=10_000):
        paste.trigger()
    document = window.document
    assert document is not None
    assert document.text == "Talks resume\n\nEnvoys met in Geneva on Friday."
    assert document.title is not None and document.title.startswith("Pasted text 20")
    assert window.view.document().toPlainText() == document.text


def test_new_from_clipboard_with_plain_text(qtbot, window) -> None:
    QApplication.clipboard().setText("Plain words on the clipboard.")
    with qtbot.waitSignal(window.analysis_shown, timeout=10_000):
        action(window, "New from Clipboard").trigger()
    assert window.document.text == "Plain words on the clipboard."


def _prompt(window):
    box = window.findChild(QMessageBox, "large-file-prompt")
    return box if box is not None and box.isVisible() else None


def test_large_files_ask_before_loading(qtbot, window, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(registry, "MAX_FILE_BYTES", 200)
    small = tmp_path / "small.txt"
    small.write_text("A short note.", encoding="utf-8")
    open_and_wait(qtbot, window, small)
    big = tmp_path / "big.txt"
    big.write_text("Many words here. " * 40, encoding="utf-8")

    window.open_path(big)
    qtbot.waitUntil(lambda: _prompt(window) is not None, timeout=5000)
    box = _prompt(window)
    assert "big.txt" in box.text()
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _prompt(window) is None)
    assert window.document.text == "A short note."  # nothing changed

    window.open_path(big)
    qtbot.waitUntil(lambda: _prompt(window) is not None, timeout=5000)
    load = next(b for b in _prompt(window).buttons() if b.text() == "Load")
    with qtbot.waitSignal(window.analysis_shown, timeout=10_000):
        qtbot.mouseClick(load, Qt.MouseButton.LeftButton)
    assert window.document.text.startswith("Many words here.")


def test_a_failed_open_keeps_the_current_document(qtbot, window, tmp_path: Path) -> None:
    good = tmp_path / "notes.md"
    good.write_text(MARKDOWN, encoding="utf-8")
    document = open_and_wait(qtbot, window, good)
    bad = tmp_path / "locked.pdf"
    bad.write_bytes(report_pdf()[:500])
    with qtbot.waitSignal(window.controller.load_failed, timeout=5000) as blocker:
        window.open_path(bad)
    assert "incomplete" in blocker.args[0]
    assert window.document is document
    assert window.view.document().toPlainText() == document.text

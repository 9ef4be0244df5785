"""dramatis:// links and second launches reach the running window: the passage is selected and flashed."""

from __future__ import annotations

import re
import subprocess
import sys
from html import unescape
from pathlib import Path

from PySide6.QtCore import QSize, QUrl
from PySide6.QtGui import QFileOpenEvent, QTextCursor
from PySide6.QtWidgets import QApplication

from gui.app import attach_instance, instance_name, passage_links
from gui.passage_links import PassageLinks
from models.deep_link import DeepLink, build_link, parse_link
from models.domain import Analysis, Document
from models.export import ExportFormat, build_report, render_text
from models.paths import AppPaths
from resources import APP_ICON_SIZES
from tests.conftest import ROOT
from tests.gui.conftest import make_window
from tests.gui.reader_fixtures import TEXT, build_analysis, nth, write_article

OTHER = "A different page about the weather in Lisbon.\n"


def analyze(document: Document) -> Analysis:
    if document.text == TEXT:
        return build_analysis(document)
    return Analysis(document, "test", "fixed test analysis")


def open_window(qtbot, data_dir: Path, path: Path):
    win = make_window(qtbot, data_dir)
    win.controller.analyze_fn = analyze
    with qtbot.waitSignal(win.analysis_shown, timeout=10_000):
        win.open_path(path)
    return win


def highlight(win, needle: str):
    start = nth(TEXT, needle)
    cursor = QTextCursor(win.view.document())
    cursor.setPosition(win.offsets.to_qt(start))
    cursor.setPosition(win.offsets.to_qt(start + len(needle)), QTextCursor.MoveMode.KeepAnchor)
    win.view.setTextCursor(cursor)
    made = win.reader.highlight_selection("Evidence")
    assert made is not None
    return made


def second_launch(data_dir: Path, argument: str) -> subprocess.Popen[str]:
    """`dramatis --data-dir DIR ARGUMENT` as a desktop runs it when a link or file is clicked."""
    return subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "--data-dir", str(data_dir), argument],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(data_dir)},
    )


def assert_passage_selected(win, start: int, end: int) -> None:
    cursor = win.view.textCursor()
    assert (cursor.selectionStart(), cursor.selectionEnd()) == (win.offsets.to_qt(start), win.offsets.to_qt(end))
    assert win.view._flash_range == (win.offsets.to_qt(start), win.offsets.to_qt(end))  # flashed


def test_a_link_from_an_html_report_opens_the_passage_in_the_running_window(qtbot, tmp_path: Path) -> None:
    data = tmp_path / "data"
    win = open_window(qtbot, data, write_article(tmp_path))
    marked = highlight(win, "Nobody else spoke")
    report = build_report(win.analysis, win.reader.highlights(), win.reader.notes(), dict(win.reader.categories))
    html = render_text(report, ExportFormat.HTML)
    hrefs = [unescape(h) for h in re.findall(r'href="(dramatis://[^"]+)"', html)]
    (url,) = [h for h in hrefs if f"highlight={marked.id}" in h]
    assert parse_link(url) == DeepLink(win.document.sha256, marked.start, marked.end, highlight=marked.id)
    # The reader has moved on to another document; the link must bring the article back from the library.
    other = tmp_path / "other.txt"
    other.write_text(OTHER, encoding="utf-8")
    with qtbot.waitSignal(win.analysis_shown, timeout=10_000):
        win.open_path(other)
    assert win.document.text == OTHER
    attach_instance(win, AppPaths.resolve(data))
    links = win.findChild(PassageLinks)

    with qtbot.waitSignal(links.passage_shown, timeout=30_000) as shown:
        launch = second_launch(data, url)
    _out, err = launch.communicate(timeout=30)
    assert launch.returncode == 0, err  # handed over and ended, no second window
    assert shown.args == [marked.start, marked.end]
    assert win.document.text == TEXT
    # The passage stays selected once the document's analysis is painted again.
    qtbot.waitUntil(lambda: win.analysis is not None and win.analysis.document.text == TEXT, timeout=10_000)
    qtbot.wait(50)
    assert_passage_selected(win, marked.start, marked.end)
    panel = win.notes_panel
    assert panel.model.row_at(panel.proxy.mapToSource(panel.list.currentIndex()).row()).id == marked.id
    win.close()


def test_a_second_launch_with_a_file_opens_it_in_the_running_window(qtbot, tmp_path: Path) -> None:
    data = tmp_path / "data"
    win = open_window(qtbot, data, write_article(tmp_path))
    server = attach_instance(win, AppPaths.resolve(data))
    other = tmp_path / "other.txt"
    other.write_text(OTHER, encoding="utf-8")
    with qtbot.waitSignal(win.analysis_shown, timeout=30_000):
        launch = second_launch(data, other.as_uri())  # desktops pass file:// URIs for %U
    launch.communicate(timeout=30)
    assert launch.returncode == 0
    assert win.document.text == OTHER and win.document.source_path == str(other)
    socket = Path(server.full_name())
    assert socket.exists()
    win.close()
    assert not socket.exists()  # a closed window no longer takes launches (and leaves no socket behind)


def test_links_within_the_open_document_and_unknown_documents(qtbot, tmp_path: Path) -> None:
    win = open_window(qtbot, tmp_path / "data", write_article(tmp_path))
    links = passage_links(win)
    start = nth(TEXT, "Later Müller called Hollande")
    with qtbot.waitSignal(links.passage_shown, timeout=5_000):
        links.open_argument(build_link(win.document.sha256, start, start + 28))
    assert_passage_selected(win, start, start + 28)

    with qtbot.waitSignal(links.link_failed, timeout=10_000) as failed:
        links.open_link(build_link("0" * 64, 0, 5))
    assert "not in your library" in failed.args[0]
    with qtbot.waitSignal(links.link_failed, timeout=5_000) as failed:
        links.open_link("dramatis://open?doc=nothing")
    assert failed.args[0].endswith(".")
    assert win.document.text == TEXT  # the reader stays where they were
    links.wait()
    win.close()


def test_a_file_open_event_follows_the_link(qtbot, tmp_path: Path) -> None:
    """macOS delivers links clicked in a browser as a FileOpen event to the application."""
    data = tmp_path / "data"
    win = open_window(qtbot, data, write_article(tmp_path))
    attach_instance(win, AppPaths.resolve(data))
    links = win.findChild(PassageLinks)
    start = nth(TEXT, "Zoë Müller")
    app = QApplication.instance()
    assert app is not None
    with qtbot.waitSignal(links.passage_shown, timeout=5_000):
        QApplication.sendEvent(app, QFileOpenEvent(QUrl(build_link(win.document.sha256, start, start + 10))))
    assert_passage_selected(win, start, start + 10)
    win.close()


def test_instances_are_kept_apart_by_data_directory(tmp_path: Path) -> None:
    first, second = AppPaths(tmp_path / "a"), AppPaths(tmp_path / "b")
    assert instance_name(first) == instance_name(AppPaths(tmp_path / "a"))
    assert instance_name(first) != instance_name(second)


def test_every_window_carries_the_application_icon(qtbot, tmp_path: Path) -> None:
    win = make_window(qtbot, tmp_path / "data")
    app_icon = QApplication.windowIcon()
    assert not app_icon.isNull()
    for size in APP_ICON_SIZES:
        assert QSize(size, size) in app_icon.availableSizes()
    assert win.windowIcon().cacheKey() == app_icon.cacheKey()
    image = win.windowIcon().pixmap(48, 48).toImage()
    assert image.pixelColor(24, 4).blue() > image.pixelColor(24, 4).red()  # the blue tile, not a blank default
    win.close()


def test_pdf_report_quotes_carry_clickable_passage_links(qtbot, tmp_path: Path) -> None:
    import pypdf

    from gui.report_pdf import write_pdf
    from tests.models.test_export_report import full_report

    report = full_report()
    out = tmp_path / "report.pdf"
    write_pdf(report, out)
    uris = [
        str(annotation.get_object()["/A"]["/URI"])
        for page in pypdf.PdfReader(out).pages
        for annotation in page.get("/Annots") or []
        if "/A" in annotation.get_object()
    ]
    links = {parse_link(u) for u in uris if u.startswith("dramatis:")}
    assert {link.highlight for link in links if link.highlight} == {"h1", "h2", "h3", "h4"}
    assert {link.note for link in links if link.note} == {"n2", "n3"}
    assert {(link.start, link.end) for link in links if not (link.highlight or link.note)} == {
        (e.start, e.end) for e in report.events
    }

"""PDF reports: the HTML report laid out by QTextDocument and printed page by page with QPdfWriter.

Why by hand instead of `QTextDocument.print_`: printing page by page lets us draw "Page N of M"
in the footer, report progress per page and stop between pages. No widget is used, so this runs in
a worker thread and from the command line under the offscreen platform.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from models.errors import ExportError
from models.export import ExportCancelled, HtmlOptions, ProgressSink, Report, render_html, report_target, work_units
from models.export.report import Progress
from models.library.stories import StoryTimeline

RESOLUTION = 300
BODY_FONT = ("Charis SIL", "DejaVu Serif", "Georgia", "serif")
BODY_POINT_SIZE = 10.5
FOOTER_POINT_SIZE = 8.5


def ensure_gui_app() -> None:
    """Fonts need a QGuiApplication; the command line has none, so make an offscreen one."""
    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from gui.qt_app import create_app

        create_app()


def layout_document(html: str, writer: QPdfWriter, body: QSizeF) -> QTextDocument:
    document = QTextDocument()
    document.documentLayout().setPaintDevice(writer)
    font = QFont()
    font.setFamilies(list(BODY_FONT))
    font.setPointSizeF(BODY_POINT_SIZE)
    document.setDefaultFont(font)
    document.setDocumentMargin(0)
    document.setHtml(html)
    document.setPageSize(body)
    return document


def write_pdf(
    report: Report,
    path: str | os.PathLike[str],
    *,
    include_article: bool = False,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Write the report as a PDF (A4, page numbers in the footer); returns the number of pages.

    Progress runs over the HTML (items, article) and then the pages; the file appears only when
    complete, so a cancelled or failed export leaves nothing behind.
    """
    ensure_gui_app()
    units = work_units(report, include_article)
    sink = ProgressSink(units * 2, progress, cancelled)
    html = render_html(report, HtmlOptions(include_article=include_article, flavor="qt"), _Quiet(sink))
    return print_html(html, report.title, path, sink, units)


def write_story_pdf(timeline: StoryTimeline, path: str | os.PathLike[str]) -> int:
    """A story report as a PDF: the story's Qt-flavoured HTML printed like a one-document report."""
    from models.library.story_report import render_story_html

    ensure_gui_app()
    rows = max(1, len(timeline.rows))
    sink = ProgressSink(rows * 2)
    return print_html(render_story_html(timeline, qt=True), timeline.story.name, path, sink, rows)


def print_html(html: str, title: str, path: str | os.PathLike[str], sink: ProgressSink, share: int) -> int:
    """Print Qt-flavoured report HTML to `path` (A4, page numbers); the file appears only when complete."""
    target = report_target(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=".dramatis-", suffix=".pdf", dir=target.parent)
    except OSError as exc:
        raise ExportError(f"The report cannot be written to {target.parent}: {exc.strerror or exc}.") from None
    os.close(fd)
    try:
        pages = _print(title, html, tmp, sink, share)
        os.chmod(tmp, target.stat().st_mode & 0o777 if target.exists() else 0o644)
        os.replace(tmp, target)
    except ExportCancelled:
        Path(tmp).unlink(missing_ok=True)
        raise
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise ExportError(f"The report could not be written to {target}: {exc.strerror or exc}.") from None
    sink.finish()
    return pages


class _Quiet(ProgressSink):
    """Forwards steps to the outer sink but leaves `finish` to the PDF writer (the pages follow)."""

    def __init__(self, outer: ProgressSink) -> None:
        super().__init__(outer.total)
        self._outer = outer

    def step(self, n: int = 1) -> None:
        self._outer.step(n)

    def finish(self) -> None:
        self._outer.check()


def _print(title: str, html: str, path: str, sink: ProgressSink, share: int) -> int:
    writer = QPdfWriter(path)
    writer.setResolution(RESOLUTION)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(18, 16, 18, 14),
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setTitle(title)
    writer.setCreator("Dramatis")
    paint = writer.pageLayout().paintRectPixels(RESOLUTION)
    footer_font = QFont()
    footer_font.setFamilies(["DejaVu Sans", "sans-serif"])
    footer_font.setPointSizeF(FOOTER_POINT_SIZE)
    footer_height = int(RESOLUTION * 0.3)  # about 7.5 mm
    body = QSizeF(paint.width(), paint.height() - footer_height)
    document = layout_document(html, writer, body)
    pages = document.pageCount()
    sink.check()
    painter = QPainter()
    if not painter.begin(writer):
        raise ExportError(f"The PDF {path} could not be started.")
    try:
        per_page = max(1, share // max(1, pages))
        layout = document.documentLayout()
        for page in range(pages):
            if page:
                writer.newPage()
            top = page * body.height()
            painter.save()
            painter.translate(0, -top)
            clip = QRectF(0, top, body.width(), body.height())
            painter.setClipRect(clip)
            context = QAbstractTextDocumentLayout.PaintContext()
            context.clip = clip
            context.palette.setColor(context.palette.ColorRole.Text, QColor("#1f2328"))
            layout.draw(painter, context)
            painter.restore()
            painter.setFont(footer_font)
            painter.setPen(QColor("#59636e"))
            footer = QRectF(0, body.height(), body.width(), footer_height)
            painter.drawText(
                footer, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom, f"Page {page + 1} of {pages}"
            )
            painter.drawText(footer, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, _short(title))
            sink.step(per_page)
    finally:
        painter.end()
    return pages


def _short(title: str, limit: int = 70) -> str:
    return title if len(title) <= limit else title[: limit - 1] + "…"

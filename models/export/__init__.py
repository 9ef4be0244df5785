"""Reports of what the reader found: Markdown, HTML, CSV, JSON and W3C Web Annotations (PDF in gui/report_pdf).

Build a `Report` once with `build_report`, then render it with `render_text` and save it with
`write_text_report`. Renderers take an optional `ProgressSink` so the GUI can show progress and
stop a long export; none of them touches Qt.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from models.errors import ExportError
from models.export.csv_report import render_csv
from models.export.html_report import HtmlOptions, render_html
from models.export.json_report import render_json
from models.export.markdown import render_markdown, selection_markdown
from models.export.report import ExportCancelled, Progress, ProgressSink, Report, build_report
from models.export.web_annotation import render_jsonld
from models.export.web_annotation_import import read_annotations


class ExportFormat(StrEnum):
    MARKDOWN = "md"
    HTML = "html"
    PDF = "pdf"
    CSV = "csv"
    JSON = "json"
    JSONLD = "jsonld"


@dataclass(frozen=True, slots=True)
class FormatInfo:
    label: str
    suffix: str
    can_include_article: bool = False


FORMATS: dict[ExportFormat, FormatInfo] = {
    ExportFormat.MARKDOWN: FormatInfo("Markdown", ".md"),
    ExportFormat.HTML: FormatInfo("HTML page", ".html", can_include_article=True),
    ExportFormat.PDF: FormatInfo("PDF", ".pdf", can_include_article=True),
    ExportFormat.CSV: FormatInfo("CSV spreadsheet", ".csv"),
    ExportFormat.JSON: FormatInfo("JSON (analysis and notes)", ".json"),
    ExportFormat.JSONLD: FormatInfo("W3C Web Annotations (JSON-LD)", ".jsonld"),
}


def work_units(report: Report, include_article: bool) -> int:
    """How many progress steps a render takes (items, plus one per thousand characters of article)."""
    total = len(report.actors) + len(report.events) + report.highlight_count + len(report.notes)
    return total + (max(1, len(report.text) // 1000) if include_article else 0)


def render_text(
    report: Report,
    fmt: ExportFormat | str,
    *,
    include_article: bool = False,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> str:
    """The report in a text format (every format but PDF)."""
    fmt = ExportFormat(fmt)
    sink = ProgressSink(work_units(report, include_article), progress, cancelled)
    if fmt is ExportFormat.MARKDOWN:
        return render_markdown(report, sink)
    if fmt is ExportFormat.HTML:
        return render_html(report, HtmlOptions(include_article=include_article), sink)
    if fmt is ExportFormat.CSV:
        return render_csv(report, sink)
    if fmt is ExportFormat.JSON:
        return render_json(report, sink)
    if fmt is ExportFormat.JSONLD:
        return render_jsonld(report, sink)
    raise ValueError(f"{fmt} is not a text format")


def encode(fmt: ExportFormat, text: str) -> bytes:
    """Bytes to save; CSV starts with a byte-order mark so spreadsheet apps read it as UTF-8."""
    return text.encode("utf-8-sig" if fmt is ExportFormat.CSV else "utf-8")


def report_target(path: str | os.PathLike[str]) -> Path:
    """Where a report to `path` really goes: a symlink is followed (and kept), a non-regular file refused.

    A report replaces its target atomically (temporary file + rename), which would turn a FIFO or a
    device into a plain file and a symlink into a copy; so the rename goes to the symlink's target and
    anything that is not a regular file is refused with a sentence.
    """
    target = Path(path).expanduser()
    if target.is_symlink():
        target = Path(os.path.realpath(target))
    try:
        info = target.stat()
    except FileNotFoundError:
        return target
    except OSError as exc:
        raise ExportError(f"The report cannot be written to {target}: {exc.strerror or exc}.") from None
    if stat.S_ISDIR(info.st_mode):
        raise ExportError(f"{target} is a folder; give a file name for the report.")
    if not stat.S_ISREG(info.st_mode):
        raise ExportError(
            f"{target} is not a regular file (a device, pipe or socket); give a file name for the report."
        )
    return target


def write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write all or nothing: a failed export never leaves half a file where the old one was."""
    target = report_target(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=".dramatis-", dir=target.parent or Path("."))
    except OSError as exc:
        raise ExportError(f"The report cannot be written to {target.parent}: {exc.strerror or exc}.") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, target.stat().st_mode & 0o777 if target.exists() else 0o644)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise ExportError(f"The report could not be written to {target}: {exc.strerror or exc}.") from None


def write_text_report(
    report: Report,
    fmt: ExportFormat,
    path: str | os.PathLike[str],
    *,
    include_article: bool = False,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> None:
    """Render a text format of `report` and write it to `path` in that format's encoding."""
    text = render_text(report, fmt, include_article=include_article, progress=progress, cancelled=cancelled)
    write_bytes(path, encode(fmt, text))


__all__ = [
    "FORMATS",
    "ExportCancelled",
    "ExportFormat",
    "FormatInfo",
    "HtmlOptions",
    "ProgressSink",
    "Report",
    "build_report",
    "encode",
    "read_annotations",
    "render_html",
    "render_text",
    "report_target",
    "selection_markdown",
    "work_units",
    "write_bytes",
    "write_text_report",
]

"""File › Export…: choose a format and what to include, then write the report in the background.

The dialog takes a snapshot of the document, analysis, reader items and filter state when it
opens; building and writing the report run on the thread pool (a 1-million-word article takes
seconds), with progress and a way to stop. Nothing is written unless the export completes.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QThreadPool, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from gui.workers import Task, TaskContext
from models.domain import Analysis
from models.errors import AppError
from models.export import FORMATS, ExportFormat, build_report, encode, render_text, work_units, write_bytes
from models.filters import FilterState
from models.reader import ReaderHighlight, ReaderNote
from models.views import report_figures

log = logging.getLogger(__name__)

SCALE = 1000  # progress bar range: the build takes the first fifth, rendering and writing the rest
BUILD_SHARE = 200


@dataclass(frozen=True)
class ExportSource:
    """What to export, captured in the GUI thread so the worker never reads live widgets."""

    analysis: Analysis
    highlights: Sequence[ReaderHighlight]
    notes: Sequence[ReaderNote]
    categories: dict[str, str]
    filters: FilterState | None
    source: str | None


@dataclass(frozen=True)
class ExportChoice:
    fmt: ExportFormat
    path: Path
    only_shown: bool
    include_article: bool
    include_figures: bool = False


def run_export(source: ExportSource, choice: ExportChoice, context: TaskContext) -> Path:
    """Build and write one report (runs in a pool thread)."""

    def build_progress(done: int, total: int) -> None:
        context.progress(BUILD_SHARE * done // max(1, total), SCALE)

    def render_progress(done: int, total: int) -> None:
        context.progress(BUILD_SHARE + (SCALE - BUILD_SHARE) * done // max(1, total), SCALE)

    report = build_report(
        source.analysis,
        source.highlights,
        source.notes,
        source.categories,
        source.filters if choice.only_shown else None,
        source=source.source,
        progress=build_progress,
        cancelled=context.cancelled,
        figures=report_figures if choice.include_figures else None,
    )
    if choice.fmt is ExportFormat.PDF:
        from gui.report_pdf import write_pdf

        write_pdf(
            report,
            choice.path,
            include_article=choice.include_article,
            progress=render_progress,
            cancelled=context.cancelled,
        )
    else:
        text = render_text(
            report,
            choice.fmt,
            include_article=choice.include_article and FORMATS[choice.fmt].can_include_article,
            progress=render_progress,
            cancelled=context.cancelled,
        )
        context.progress(SCALE - 1, SCALE)
        write_bytes(choice.path, encode(choice.fmt, text))
    log.info("report written to %s (%d work units)", choice.path, work_units(report, choice.include_article))
    return choice.path


FILE_SUFFIX = re.compile(r"\.[A-Za-z0-9]{1,5}$")


def suggested_name(title: str | None, fmt: ExportFormat) -> str:
    """`name - notes.md`: a title that is a file name loses its extension; dots inside the name are kept."""
    name = FILE_SUFFIX.sub("", (title or "").strip())
    stem = re.sub(r"[^\w\-. ]+", "", name).strip(" .")[:60].strip(" .") or "report"
    return f"{stem} - notes{FORMATS[fmt].suffix}"


def plural(count: int, word: str) -> str:
    """`1 note`, `2 notes` (the English words this dialog counts all take -s)."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


class ExportDialog(QDialog):
    """Format, scope, article and file, then a background export with progress.

    Signals:
        exported(str): the report was written to this path.
    """

    exported = Signal(str)

    def __init__(
        self,
        source: ExportSource,
        start_dir: str,
        parent: QWidget | None = None,
        *,
        title: str | None = None,
        on_directory: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("export-dialog")
        self.setWindowTitle("Export Report")
        self._source = source
        self._title = title or source.analysis.document.title
        self._task: Task | None = None
        self._on_directory = on_directory

        self.format_combo = QComboBox()
        for fmt, info in FORMATS.items():
            self.format_combo.addItem(info.label, fmt)
        self.shown_radio = QRadioButton("Only what is shown (current filters)")
        self.all_radio = QRadioButton("Everything")
        scope = QButtonGroup(self)
        scope.addButton(self.shown_radio)
        scope.addButton(self.all_radio)
        has_filter = source.filters is not None and source.filters != FilterState()
        self._has_filter = has_filter
        self.shown_radio.setChecked(True)
        self.shown_radio.setEnabled(source.filters is not None)
        if source.filters is None:
            self.all_radio.setChecked(True)
        self.shown_radio.setToolTip(
            "Export the actors, events and notes the panels show now"
            if has_filter
            else "No filter is active: this is everything"
        )
        self.article_check = QCheckBox("Include the whole article, with my highlights")
        self.figures_check = QCheckBox("Include the timeline and actor network pictures")
        self.figures_check.setObjectName("export-figures")
        self.path_edit = QLineEdit(str(Path(start_dir) / suggested_name(self._title, ExportFormat.MARKDOWN)))
        browse = QPushButton("Choose…")
        browse.clicked.connect(self._choose_path)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)
        counts = QLabel(self._summary())
        counts.setWordWrap(True)
        counts.setObjectName("export-summary")

        form = QFormLayout()
        form.addRow("Format:", self.format_combo)
        scope_box = QVBoxLayout()
        scope_box.addWidget(self.shown_radio)
        scope_box.addWidget(self.all_radio)
        form.addRow("Include:", scope_box)
        form.addRow("", self.article_check)
        form.addRow("", self.figures_check)
        form.addRow("Save to:", path_row)

        self.progress = QProgressBar()
        self.progress.setRange(0, SCALE)
        self.progress.hide()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton("Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setDefault(True)
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(counts)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.format_combo.currentIndexChanged.connect(self._format_changed)
        self._format_changed()
        self.resize(560, self.sizeHint().height())

    # ----- choices --------------------------------------------------------------------------------

    def _summary(self) -> str:
        s = self._source
        counts = (
            plural(len(s.analysis.actors), "actor"),
            plural(len(s.analysis.events), "event"),
            plural(len(s.highlights), "highlight"),
            plural(len(s.notes), "note"),
        )
        return f"“{self._title or 'Untitled'}”: {', '.join(counts)}."

    @property
    def fmt(self) -> ExportFormat:
        return ExportFormat(self.format_combo.currentData())

    def set_format(self, fmt: ExportFormat) -> None:
        self.format_combo.setCurrentIndex(self.format_combo.findData(fmt))

    def choice(self) -> ExportChoice:
        return ExportChoice(
            fmt=self.fmt,
            path=Path(self.path_edit.text().strip()).expanduser(),
            # With no filter active "what is shown" is everything: the report must not say "(filtered)".
            only_shown=self.shown_radio.isChecked() and self._has_filter,
            include_article=self.article_check.isChecked() and FORMATS[self.fmt].can_include_article,
            include_figures=self.figures_check.isChecked() and FORMATS[self.fmt].can_include_article,
        )

    def _format_changed(self) -> None:
        info = FORMATS[self.fmt]
        self.article_check.setEnabled(info.can_include_article)
        self.figures_check.setEnabled(info.can_include_article)
        if not info.can_include_article:
            self.article_check.setToolTip("Only HTML and PDF reports can hold the whole article")
        else:
            self.article_check.setToolTip("")
        text = self.path_edit.text().strip()
        if text:
            self.path_edit.setText(str(Path(text).with_suffix(info.suffix)))

    def _choose_path(self) -> None:
        info = FORMATS[self.fmt]
        path, _ = QFileDialog.getSaveFileName(
            self, "Export report", self.path_edit.text(), f"{info.label} (*{info.suffix});;All files (*)"
        )
        if path:
            self.path_edit.setText(path)

    # ----- running ----------------------------------------------------------------------------------

    def start(self) -> None:
        """Check the choices and run the export on the thread pool."""
        if self._task is not None:
            return
        choice = self.choice()
        if not self.path_edit.text().strip():
            self._say("Choose a file to save the report to.")
            return
        if not choice.path.parent.is_dir():
            self._say(f"The folder {choice.path.parent} does not exist.")
            return
        task = Task(lambda context: run_export(self._source, choice, context))
        task.signals.progress.connect(self._on_progress)
        task.signals.finished.connect(self._on_finished)
        task.signals.failed.connect(self._on_failed)
        task.signals.cancelled.connect(self._on_cancelled)
        self._task = task
        self._set_running(True)
        self._say(f"Exporting to {choice.path.name}…")
        QThreadPool.globalInstance().start(task)

    def reject(self) -> None:
        """Cancel stops a running export first; a second Cancel closes."""
        if self._task is not None:
            self._task.cancel()
            self._say("Stopping…")
            return
        super().reject()

    def _set_running(self, running: bool) -> None:
        self.progress.setVisible(running)
        self.progress.setValue(0)
        self.export_button.setEnabled(not running)
        for widget in (
            self.format_combo,
            self.shown_radio,
            self.all_radio,
            self.article_check,
            self.figures_check,
            self.path_edit,
        ):
            widget.setEnabled(not running)
        if not running:
            self._format_changed()
            self.shown_radio.setEnabled(self._source.filters is not None)

    def _say(self, text: str) -> None:
        self.status.setText(text)

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)

    def _on_finished(self, path: object) -> None:
        self._task = None
        self._set_running(False)
        written = Path(str(path))
        if self._on_directory is not None:
            self._on_directory(str(written.parent))
        self.exported.emit(str(written))
        self.accept()

    def _on_failed(self, exc: object) -> None:
        self._task = None
        self._set_running(False)
        if isinstance(exc, AppError):
            self._say(exc.user_message)
        else:
            self._say("The report could not be written; the details are in the log.")

    def _on_cancelled(self) -> None:
        self._task = None
        self._set_running(False)
        self._say("Export stopped; nothing was written.")

"""The main window: the article in the middle, panels around it, analysis in the background."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, cast

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QProgressBar,
    QWidget,
)

from gui.analysis_controller import AnalysisController
from gui.article_view import ArticleView
from gui.dialogs import show_about, show_error
from gui.highlight_layers import TooltipText, analysis_spans, category_counts, provisional_spans
from gui.legend import Legend
from gui.theme import CATEGORY_STYLES, DEFAULT_THEME, THEMES
from models.domain import Analysis, Document
from models.offsets import Utf16Map
from models.version import APP_NAME

log = logging.getLogger(__name__)

OPEN_FILTER = "Documents (*.txt *.md *.text);;All files (*)"


class MainWindow(QMainWindow):
    """Composes the article view, the panels and the background analysis.

    Signals:
        analysis_shown(): the current document's full analysis is painted.
    """

    analysis_shown = Signal()

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self.setWindowTitle(APP_NAME)
        self._settings = settings
        self._document: Document | None = None
        self._analysis: Analysis | None = None
        self._offsets = Utf16Map("")

        self.view = ArticleView(self)
        self.view.setObjectName("article")
        self.view.set_style_lookup(CATEGORY_STYLES.get)
        self.setCentralWidget(self.view)

        theme = THEMES.get(str(settings.value("view/theme", DEFAULT_THEME)), THEMES[DEFAULT_THEME])
        self.legend = Legend(theme)
        self.legend.category_toggled.connect(self.view.set_category_visible)
        self.legend_dock = QDockWidget("Highlights", self)
        self.legend_dock.setObjectName("legend-dock")
        self.legend_dock.setWidget(self.legend)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.legend_dock)

        self.controller = AnalysisController(self)
        self.controller.document_loaded.connect(self.show_document)
        self.controller.load_failed.connect(self._on_load_failed)
        self.controller.analysis_started.connect(self._on_analysis_started)
        self.controller.progress.connect(self._on_progress)
        self.controller.partial.connect(self._on_partial)
        self.controller.analysis_finished.connect(self._on_analysis_finished)
        self.controller.analysis_failed.connect(self._on_analysis_failed)

        self._status = QLabel()
        self._progress = QProgressBar()
        self._progress.setMaximumWidth(180)
        self._progress.setTextVisible(False)
        self._progress.hide()
        self.statusBar().addWidget(self._status, 1)
        self.statusBar().addPermanentWidget(self._progress)

        self._build_menus()
        self.apply_theme(theme.name)
        self.view.set_point_size(cast(int, settings.value("view/point_size", self.view.point_size(), type=int)))
        self.view.zoom_changed.connect(lambda size: self._settings.setValue("view/point_size", size))
        self._restore_geometry()

    # ----- menus --------------------------------------------------------------------------------

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.open_action = self._action("&Open…", QKeySequence.StandardKey.Open, self.choose_file)
        file_menu.addAction(self.open_action)
        file_menu.addSeparator()
        file_menu.addAction(self._action("&Quit", QKeySequence.StandardKey.Quit, self.close))

        view_menu = self.menuBar().addMenu("&View")
        view_menu.addAction(self._action("Zoom &In", QKeySequence.StandardKey.ZoomIn, self.view.zoom_in))
        view_menu.addAction(self._action("Zoom &Out", QKeySequence.StandardKey.ZoomOut, self.view.zoom_out))
        view_menu.addAction(self._action("&Actual Size", QKeySequence("Ctrl+0"), self.view.zoom_reset))
        view_menu.addSeparator()
        theme_menu = view_menu.addMenu("&Theme")
        group = QActionGroup(self)
        self.theme_actions: dict[str, QAction] = {}
        for name, theme in THEMES.items():
            action = QAction(theme.label, self, checkable=True)
            action.triggered.connect(lambda _checked=False, n=name: self.apply_theme(n))
            group.addAction(action)
            theme_menu.addAction(action)
            self.theme_actions[name] = action
        view_menu.addSeparator()
        view_menu.addAction(self.legend_dock.toggleViewAction())

        help_menu = self.menuBar().addMenu("&Help")
        help_menu.addAction(self._action("&About Dramatis", None, lambda: show_about(self)))

    def _action(self, text: str, shortcut: Any, slot: Any) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        return action

    # ----- documents ------------------------------------------------------------------------------

    def choose_file(self) -> None:
        start = str(self._settings.value("files/last_dir", str(Path.home())))
        path, _ = QFileDialog.getOpenFileName(self, "Open document", start, OPEN_FILTER)
        if path:
            self._settings.setValue("files/last_dir", str(Path(path).parent))
            self.open_path(path)

    def open_path(self, path: str | Path, date: str | None = None) -> None:
        """Open a file: read it in the background, show it, then analyse it."""
        self._status.setText(f"Opening {Path(path).name}…")
        self.controller.open_file(path, date)

    def show_document(self, document: Document) -> None:
        """Show the text at once; highlights follow when the analysis is ready."""
        self._document = document
        self._analysis = None
        self._offsets = Utf16Map(document.text)
        self.view.set_text(document.text)
        self.view.set_tooltip_provider(TooltipText(None))
        self.setWindowTitle(f"{document.title or 'Untitled'} — {APP_NAME}")
        self.controller.analyze(document)

    @property
    def analysis(self) -> Analysis | None:
        return self._analysis

    # ----- analysis results ---------------------------------------------------------------------

    def _on_analysis_started(self) -> None:
        self._status.setText("Analysing…")
        self._progress.setRange(0, 0)
        QTimer.singleShot(500, self._show_progress_if_busy)

    def _show_progress_if_busy(self) -> None:
        if self.controller.busy:
            self._progress.show()

    def _on_progress(self, done: int, total: int) -> None:
        self._progress.setRange(0, max(1, total))
        self._progress.setValue(done)

    def _on_partial(self, spans: object) -> None:
        self.view.add_spans(provisional_spans(spans, self._offsets))  # type: ignore[arg-type]

    def _on_analysis_finished(self, analysis: Analysis) -> None:
        self._analysis = analysis
        self.view.set_spans(analysis_spans(analysis, self._offsets))
        self.view.set_tooltip_provider(TooltipText(analysis))
        self.legend.set_counts(category_counts(analysis))
        self._progress.hide()
        n_actors, n_events = len(analysis.actors), len(analysis.events)
        self._status.setText(f"{n_actors} actors, {n_events} events · model {analysis.model}")
        self.analysis_shown.emit()

    def _on_analysis_failed(self, message: str) -> None:
        self._progress.hide()
        self._status.setText("Analysis failed; the text is shown without highlights.")
        show_error(self, "The document could not be analysed.", message)

    def _on_load_failed(self, message: str) -> None:
        self._status.setText("")
        show_error(self, "The document could not be opened.", message)

    # ----- look and state ---------------------------------------------------------------------------

    def apply_theme(self, name: str) -> None:
        theme = THEMES.get(name, THEMES[DEFAULT_THEME])
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.setPalette(theme.palette(app.style().standardPalette()))
        self.view.set_theme(theme)
        self.legend.set_theme(theme)
        self.theme_actions[theme.name].setChecked(True)
        self._settings.setValue("view/theme", theme.name)

    def _restore_geometry(self) -> None:
        geometry = self._settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = self._settings.value("window/state")
        if state is not None:
            self.restoreState(state)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self._settings.setValue("window/geometry", self.saveGeometry())
        self._settings.setValue("window/state", self.saveState())
        self._settings.sync()
        self.controller.shutdown()
        super().closeEvent(event)

"""The main window: the article in the middle, panels around it, analysis in the background.

This module only composes: panels, controllers and commands live in their own modules.

Over 400 lines because it wires every panel, dock and controller of the window.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import cast

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QFrame,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QScrollArea,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gui.actor_corrections import ActorCorrections
from gui.analysis_controller import AnalysisController
from gui.article_view import ArticleView
from gui.categories_dialog import CategoriesDialog
from gui.dialogs import show_error
from gui.document_date import DocumentDateButton
from gui.filter_hub import FilterHub
from gui.find_bar import FindBar
from gui.highlight_layers import (
    READER_PREFIX,
    StyleBook,
    TooltipText,
    analysis_spans,
    category_counts,
    provisional_spans,
)
from gui.legend import Legend
from gui.library_window import attach_library, detach_library
from gui.panels.actors_panel import ActorsPanel
from gui.panels.events_panel import EventsPanel
from gui.panels.notes_panel import NotesPanel
from gui.panels.toc_panel import TocPanel
from gui.reader_controller import ReaderController
from gui.reader_keys import add_category_keys
from gui.reading_controller import ReadingController
from gui.theme import DEFAULT_THEME, THEMES
from gui.ui_state import UiState
from gui.undo import CallbackCommand
from gui.views import OverviewViews
from gui.window_menus import build_menus
from models.domain import Actor, Analysis, Document, Event
from models.offsets import Utf16Map
from models.version import APP_NAME

log = logging.getLogger(__name__)

OPEN_FILTER = (
    "Documents (*.txt *.text *.md *.markdown *.html *.htm *.xhtml *.pdf *.epub *.docx);;"
    "Web pages (*.html *.htm *.xhtml);;PDF (*.pdf);;E-books (*.epub);;Word (*.docx);;"
    "Text and Markdown (*.txt *.text *.md *.markdown);;All files (*)"
)


class MainWindow(QMainWindow):
    """Composes the article view, the panels and the background analysis.

    Signals:
        analysis_shown(): the current document's full analysis is painted.
    """

    analysis_shown = Signal()

    # Built by gui.window_menus.build_menus.
    open_action: QAction
    cancel_action: QAction
    undo_action: QAction
    redo_action: QAction
    find_action: QAction
    highlight_action: QAction
    note_action: QAction
    focus_action: QAction
    per_actor_action: QAction
    theme_actions: dict[str, QAction]
    recent_menu: QMenu
    edit_menu: QMenu
    view_menu: QMenu
    toolbar: QToolBar

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self.setWindowTitle(APP_NAME)
        self.setAcceptDrops(True)
        self._settings = settings
        self.ui = UiState(settings)
        self._document: Document | None = None
        self._analysis: Analysis | None = None
        self._offsets = Utf16Map("")
        self.undo_stack = QUndoStack(self)

        self.view = ArticleView(self)
        self.view.setObjectName("article")
        self.styles = StyleBook()
        self.view.set_style_lookup(self.styles)
        self.find_bar = FindBar(self.view)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.find_bar)
        column.addWidget(self.view, 1)
        self.setCentralWidget(central)

        theme = THEMES.get(self.ui.get_str(UiState.THEME, DEFAULT_THEME), THEMES[DEFAULT_THEME])
        self.hub = FilterHub(self)
        self.legend = Legend(theme)
        # Scrollable, so the legend never sets the window's minimum height (small laptop screens).
        legend_scroll = QScrollArea()
        legend_scroll.setWidget(self.legend)
        legend_scroll.setWidgetResizable(True)
        legend_scroll.setFrameShape(QFrame.Shape.NoFrame)
        legend_scroll.setMinimumHeight(90)
        self.legend_dock = self._dock("Highlights", "legend-dock", legend_scroll, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.actors_panel = ActorsPanel()
        self.actors_dock = self._dock("Actors", "actors-dock", self.actors_panel, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.events_panel = EventsPanel()
        self.events_dock = self._dock("Events", "events-dock", self.events_panel, Qt.DockWidgetArea.RightDockWidgetArea)
        self.notes_panel = NotesPanel()
        self.notes_dock = self._dock(
            "Notes and Highlights", "notes-dock", self.notes_panel, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.toc_panel = TocPanel()
        self.toc_dock = self._dock("Contents", "toc-dock", self.toc_panel, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.toc_dock.hide()  # shown for books, or when the reader asks (View › Contents)
        self.toc_panel.position_chosen.connect(self._on_toc_chosen)
        self.reading = ReadingController(self.view, self.hub, self.legend, self.actors_panel, self.events_panel, self)
        self.reader = ReaderController(self.view, self.notes_panel, self.styles, self.undo_stack, self)
        self.reader.on_categories = self._on_reader_categories
        self.reader.status = lambda message: self.statusBar().showMessage(message, 4000)
        self.reader.items_changed.connect(self._refresh_tooltips)
        self.notes_panel.facets_changed.connect(self.reading.on_facets_changed)
        self.hub.changed.connect(self.notes_panel.set_filter)
        self.hub.changed.connect(lambda state: self.ui.set(UiState.HIDDEN_LAYERS, sorted(state.hidden_layers)))
        self.view.context_menu_requested.connect(self.reader.add_context_actions)
        self.corrections = ActorCorrections(self.undo_stack, lambda: self._analysis, self.set_analysis, self)
        self.actors_panel.set_menu_provider(self._actor_menu)
        self.view.context_menu_requested.connect(self._add_selection_corrections)
        self.events_panel.set_menu_provider(self._event_menu)

        self.controller = AnalysisController(self)
        self.controller.document_loaded.connect(self.show_document)
        self.controller.load_failed.connect(self._on_load_failed)
        self.controller.large_file.connect(self._confirm_large_file)
        self.controller.analysis_started.connect(self._on_analysis_started)
        self.controller.progress.connect(self._on_progress)
        self.controller.partial.connect(self._on_partial)
        self.controller.analysis_finished.connect(self._on_analysis_finished)
        self.controller.analysis_failed.connect(self._on_analysis_failed)
        self.controller.analysis_interrupted.connect(self._analysis_stopped)  # one sentence; text and work kept
        self.library = attach_library(self)  # the reader's work, corrections and stored analyses (None: unavailable)
        if self.library is not None:
            self.library.analysis = lambda: self._analysis  # notes on actors and events are kept with stable keys

        self._status = QLabel()
        self._status_before_open = ""
        self._progress = QProgressBar()
        self._progress.setMaximumWidth(180)
        self._progress.setTextVisible(False)
        self._progress.hide()
        self._cancel_button = QToolButton()
        self._cancel_button.setText("Stop")
        self._cancel_button.setToolTip("Stop the analysis (the text stays readable)")
        self._cancel_button.clicked.connect(self.cancel_analysis)
        self._cancel_button.hide()
        self.statusBar().addWidget(self._status, 1)
        # A temporary message is drawn over the bar: hide the standing text meanwhile so they never overlap.
        self.statusBar().messageChanged.connect(lambda message: self._status.setVisible(not message))
        self.statusBar().addPermanentWidget(self._progress)
        self.statusBar().addPermanentWidget(self._cancel_button)
        self.date_button = DocumentDateButton()
        self.date_button.date_chosen.connect(self.change_document_date)
        self.statusBar().addPermanentWidget(self.date_button)

        build_menus(self)
        self.category_actions = add_category_keys(self)
        self.reader.current_category_changed.connect(self.legend.set_reader_current)
        self.reader.announce_current()
        self._add_export_action()
        self.views = OverviewViews(self)
        self.apply_theme(theme.name)
        self.view.set_point_size(self.ui.get_int(UiState.POINT_SIZE, self.view.point_size()))
        self.view.zoom_changed.connect(lambda size: self.ui.set(UiState.POINT_SIZE, size))
        self.actors_panel.set_sort(self.ui.get_str(UiState.ACTOR_SORT, "mentions"))
        self.actors_panel.sort.currentIndexChanged.connect(
            lambda _i: self.ui.set(UiState.ACTOR_SORT, self.actors_panel.sort.currentData())
        )
        self.focus_action.setChecked(self.ui.get_bool(UiState.FOCUS))
        self.per_actor_action.setChecked(self.ui.get_bool(UiState.PER_ACTOR))
        self._restore_geometry()

    def _dock(self, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    # ----- documents ------------------------------------------------------------------------------

    def choose_file(self) -> None:
        start = self.ui.get_str(UiState.LAST_DIR, str(Path.home()))
        path, _ = QFileDialog.getOpenFileName(self, "Open document", start, OPEN_FILTER)
        if path:
            self.ui.set(UiState.LAST_DIR, str(Path(path).parent))
            self.open_path(path)

    def open_path(self, path: str | Path, date: str | None = None, allow_large: bool = False) -> None:
        """Open a file: read it in the background, show it, then analyse it."""
        self._remember_status()
        self._status.setText(f"Opening {Path(path).name}…")
        self.controller.open_file(path, date, allow_large)

    def paste_document(self) -> None:
        """File › New from Clipboard: the clipboard's HTML (structure kept) or plain text as a new document."""
        import datetime as dt

        data = QApplication.clipboard().mimeData()
        html = data.html() if data is not None and data.hasHtml() else None
        text = data.text() if data is not None and data.hasText() else None
        if not (html or text or "").strip():
            self.statusBar().showMessage("The clipboard holds no text to open.", 4000)
            return
        title = f"Pasted text {dt.datetime.now():%Y-%m-%d %H:%M}"
        self._remember_status()
        self._status.setText("Opening the clipboard…")
        self.controller.open_pasted(text, html, title)

    def _confirm_large_file(self, request: object) -> None:
        """Ask before reading a very large file (it takes long to read and analyse)."""
        path, size, date = cast(tuple[str, int, str | None], request)
        self._status.setText("")
        box = QMessageBox(self)
        box.setObjectName("large-file-prompt")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(APP_NAME)
        box.setText(f"{Path(path).name} is {size / 1024 / 1024:,.0f} MB. Load it anyway?")
        box.setInformativeText("A file this large takes a long time to read and analyse.")
        load = box.addButton("Load", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(load)

        def answered(_result: int) -> None:
            if box.clickedButton() is load:
                self.open_path(path, date, allow_large=True)

        box.finished.connect(answered)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def _on_toc_chosen(self, offset: int) -> None:
        position = self._offsets.to_qt(offset)
        self.view.scroll_to_position(position)
        block = self.view.document().findBlock(position)
        self.view.flash(position, max(position + 1, block.position() + block.length() - 1))

    def show_document(self, document: Document) -> None:
        """Show the text at once; highlights follow when the analysis is ready."""
        self._document = document
        self._analysis = None
        self._offsets = Utf16Map(document.text)
        self.view.set_text(document.text)
        self.view.set_structure(
            (self._offsets.to_qt(b.start), self._offsets.to_qt(b.end), b.kind, b.level) for b in document.blocks
        )
        self.toc_panel.set_document(document)
        if document.chapters:
            self.toc_dock.show()
        self.view.set_tooltip_provider(TooltipText(None))
        self.find_bar.set_document(document.text, self._offsets)
        self.hub.reset(frozenset(self.ui.get_list(UiState.HIDDEN_LAYERS)))
        self.reading.set_document(self._offsets)
        self.reader.open_document(document.sha256, document.text, self._offsets, document)
        self.actors_panel.set_analysis(None)
        self.events_panel.set_analysis(None)
        if document.source_path:
            self.ui.add_recent(str(document.source_path))
        self.setWindowTitle(f"{document.title or 'Untitled'} — {APP_NAME}")
        self.views.set_document(document)
        self.date_button.set_date(document.date)
        self.controller.analyze(document)

    def change_document_date(self, date: str) -> None:
        """Set the date relative dates are read against (one undoable step; the analysis runs again)."""
        if self._document is None:
            return
        before = self._analysis.document.date if self._analysis else self._document.date
        self.undo_stack.push(
            CallbackCommand(
                f"Set Document Date to {date}",
                lambda: self._apply_document_date(date),
                lambda: self._apply_document_date(before),
            )
        )

    def _apply_document_date(self, date: str | None) -> None:
        if self._document is None:
            return
        self._document = replace(self._document, date=date)
        self.date_button.set_date(date)
        if self.library is not None:
            self.library.set_document_date(self._document.sha256, date)
        self.controller.analyze(self._document)

    @property
    def document(self) -> Document | None:
        return self._document

    @property
    def analysis(self) -> Analysis | None:
        return self._analysis

    @property
    def offsets(self) -> Utf16Map:
        return self._offsets

    def cancel_analysis(self) -> None:
        if self.controller.busy:
            self.controller.cancel()
            self._analysis_stopped("Analysis stopped; the text is shown with the highlights found so far.")

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        files = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if files:
            event.acceptProposedAction()
            self.open_path(files[0])

    # ----- analysis results ---------------------------------------------------------------------

    def _on_analysis_started(self) -> None:
        self._status.setText("Analysing…")
        self._progress.setRange(0, 0)
        self.cancel_action.setEnabled(True)
        QTimer.singleShot(500, self._show_progress_if_busy)

    def _show_progress_if_busy(self) -> None:
        if self.controller.busy:
            self._progress.show()
            self._cancel_button.show()

    def _on_progress(self, done: int, total: int) -> None:
        self._progress.setRange(0, max(1, total))
        self._progress.setValue(done)

    def _on_partial(self, spans: object) -> None:
        self.view.add_spans(provisional_spans(spans, self._offsets))  # type: ignore[arg-type]

    def _on_analysis_finished(self, analysis: Analysis) -> None:
        self.reader.reload_notes()
        self.set_analysis(analysis)
        self._analysis_stopped(f"{len(analysis.actors)} actors, {len(analysis.events)} events · model {analysis.model}")
        self.analysis_shown.emit()

    def set_analysis(self, analysis: Analysis) -> None:
        """Paint an analysis and fill the panels (also used after a correction changes it)."""
        self._analysis = analysis
        self.date_button.set_date(analysis.document.date)
        self.styles.set_analysis(analysis)
        reader = [s for s in self.view.spans if s.category.startswith(READER_PREFIX)]
        self.view.set_spans(analysis_spans(analysis, self._offsets) + reader)
        self.view.set_tooltip_provider(TooltipText(analysis, self.reader.reader_tooltips()))
        self.legend.set_counts(category_counts(analysis))
        self.actors_panel.set_analysis(analysis)
        self.events_panel.set_analysis(analysis)
        self.reading.set_analysis(analysis)
        self.reader.set_analysis(analysis)
        self.views.set_analysis(analysis)

    def _refresh_tooltips(self) -> None:
        self.view.set_tooltip_provider(TooltipText(self._analysis, self.reader.reader_tooltips()))

    def _on_reader_categories(self, names: set[str]) -> None:
        self.reading.reader_categories = names
        self.reading.apply_filter(self.hub.state)

    def _event_menu(self, menu: QMenu, event: Event) -> None:
        menu.addAction("Note on Event…", self._note_slot(f"event:{event.id}"))
        menu.addSeparator()
        self.corrections.add_event_actions(menu, event)

    def _actor_menu(self, menu: QMenu, actor: Actor) -> None:
        self.corrections.add_actor_actions(menu, actor)
        menu.addSeparator()
        menu.addAction("Note on Actor…", lambda: self.reader.note_on_target(f"actor:{actor.id}"))

    def _add_export_action(self) -> None:
        """File › Export… (placed above Stop Analysis)."""
        from PySide6.QtGui import QKeySequence

        from gui.window_menus import make_action

        self.export_action = make_action(self, "&Export Report…", QKeySequence("Ctrl+Shift+E"), self.export_report)
        file_menu = next((o for o in self.cancel_action.associatedObjects() if isinstance(o, QMenu)), None)
        if file_menu is not None:
            file_menu.insertAction(self.cancel_action, self.export_action)
            file_menu.insertSeparator(self.cancel_action)

    def export_report(self) -> None:
        """Open the export dialog on a snapshot of the document, the reader's work and the filters."""
        from gui.export_dialog import ExportDialog, ExportSource

        if self._analysis is None or self._document is None:
            self.statusBar().showMessage("Open a document and let its analysis finish before exporting.", 4000)
            return
        source = ExportSource(
            analysis=self._analysis,
            highlights=self.reader.highlights(),
            notes=self.reader.notes(),
            categories=dict(self.reader.categories),
            filters=self.hub.state,
            source=self._document.source_path,
        )
        start = self.ui.get_str("export/last_dir", self.ui.get_str(UiState.LAST_DIR, str(Path.home())))
        dialog = ExportDialog(source, start, self, on_directory=lambda d: self.ui.set("export/last_dir", d))
        dialog.exported.connect(lambda path: self.statusBar().showMessage(f"Report saved to {path}", 6000))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def edit_categories(self) -> None:
        dialog = CategoriesDialog(self.reader.categories, self.reader.used_categories(), self)
        if dialog.exec() == CategoriesDialog.DialogCode.Accepted:
            self.reader.change_categories(dialog.colors(), dialog.renamed)

    def _note_slot(self, target: str) -> Callable[[], None]:
        return lambda: self.reader.note_on_target(target)

    def _add_selection_corrections(self, menu: QMenu, position: int) -> None:
        if self._analysis is None:
            return
        menu.addSeparator()
        events = {e.id: e for e in self._analysis.events}
        for span in self.view.visible_spans_at(position):
            kind = "event" if span.item_id in events else "actor"
            if span.item_id and not span.category.startswith(READER_PREFIX):
                target = f"{kind}:{span.item_id}"
                label = f"Note on {self.reader.describe_target(target)}…"
                menu.addAction(label, self._note_slot(target))
            if span.item_id in events:
                self.corrections.add_event_actions(menu, events[span.item_id])
        self.corrections.add_mention_actions(menu, self._offsets.to_py(position))
        selected = self.view.textCursor().selectedText()
        if selected:
            self.corrections.add_selection_actions(menu, selected)

    def _analysis_stopped(self, message: str) -> None:
        self._progress.hide()
        self._cancel_button.hide()
        self.cancel_action.setEnabled(False)
        self._status.setText(message)

    def _on_analysis_failed(self, message: str) -> None:
        self._analysis_stopped("Analysis failed; the text is shown without highlights.")
        show_error(self, "The document could not be analysed.", message)

    def _remember_status(self) -> None:
        """Keep the standing status (what the open document holds) to put back if the next open fails."""
        if not self._status.text().startswith("Opening "):
            self._status_before_open = self._status.text()

    def _on_load_failed(self, message: str) -> None:
        # The document on screen is still the one before: so is its status line (never a blank bar).
        nothing_open = "Nothing open: File › Open (Ctrl+O) or drop a file on the window."
        self._status.setText(self._status_before_open or nothing_open)
        show_error(self, "The document could not be opened.", message)

    # ----- look and state ---------------------------------------------------------------------------

    def apply_theme(self, name: str) -> None:
        theme = THEMES.get(name, THEMES[DEFAULT_THEME])
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.setPalette(theme.palette(app.style().standardPalette()))
        self.view.set_theme(theme)
        self.legend.set_theme(theme)
        self.views.set_theme(theme)
        self.theme_actions[theme.name].setChecked(True)
        self.ui.set(UiState.THEME, theme.name)

    def _set_focus_mode(self, on: bool) -> None:
        self.view.set_focus_mode(on)
        self.ui.set(UiState.FOCUS, on)

    def _set_per_actor(self, on: bool) -> None:
        self.styles.per_actor = on
        self.legend.per_actor.setChecked(on)
        self.view.viewport().update()
        self.ui.set(UiState.PER_ACTOR, on)

    def _clear_selection(self) -> None:
        self.hub.select(frozenset())

    def _restore_geometry(self) -> None:
        from gui.window_layout import first_window_rect, fit_docks

        geometry = self.ui.get_bytes(UiState.GEOMETRY)
        if geometry is None or not self.restoreGeometry(geometry):
            # First run: a window that uses the screen (about 85% of it, centred), not Qt's small default.
            screen = self.screen() or QApplication.primaryScreen()
            if screen is not None:
                self.setGeometry(first_window_rect(screen.availableGeometry(), self.minimumSizeHint()))
        state = self.ui.get_bytes(UiState.STATE)
        if state is not None:
            self.restoreState(state)
        else:  # first run: docks in proportion to the window, once it has its final size
            QTimer.singleShot(0, lambda: fit_docks(self))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.ui.set(UiState.GEOMETRY, self.saveGeometry())
        self.ui.set(UiState.STATE, self.saveState())
        self.ui.sync()
        self.controller.shutdown()
        detach_library(self)
        super().closeEvent(event)


__all__ = ["MainWindow"]

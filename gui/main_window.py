"""The main window: the article in the middle, panels around it, analysis in the background.

This module composes: gui/app.py hands it its services (settings, library, analysis), the reading
session (models/reading) owns the open document, every action is made in gui/window_menus.py, and
panels, menus and dialogs live in their own modules; the window connects them and relays the analysis.

Over 400 lines because some twenty parts are wired here one line each, with the window's own commands they call.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path
from typing import cast

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QFrame,
    QMainWindow,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from gui.actor_corrections import ActorCorrections
from gui.add_folder import FolderAdder
from gui.annotation_importer import AnnotationImporter
from gui.article_view import ArticleView
from gui.categories_dialog import CategoriesDialog
from gui.copy_markdown import copy_as_markdown, selected_items
from gui.correction_offer import CorrectionOffer
from gui.dialogs import ask_load_large, show_error
from gui.document_date import DocumentDateButton
from gui.export_dialog import ExportDialog, ExportSource
from gui.filter_hub import FilterHub
from gui.find_bar import FindBar
from gui.highlight_layers import (
    StyleBook,
    TooltipText,
    category_counts,
)
from gui.item_menus import ItemMenus
from gui.legend import Legend
from gui.library_windows import LibraryWindows
from gui.panels.actors_panel import ActorsPanel
from gui.panels.events_panel import EventsPanel
from gui.panels.notes_panel import NotesPanel
from gui.panels.toc_panel import TocPanel
from gui.reader_controller import ReaderController
from gui.reading_controller import ReadingController
from gui.services import Services
from gui.status_line import StatusLine, show_read_only
from gui.theme import DEFAULT_THEME, THEMES
from gui.ui_state import UiState
from gui.undo import CallbackCommand
from gui.views import OverviewViews
from gui.window_layout import add_dock, first_window_rect, fit_docks
from gui.window_menus import Commands, Docks, WindowActions, build_menus
from models.domain import Analysis, Document
from models.errors import LibraryWriteError, StorageError
from models.library.corrections import CorrectionOp
from models.library.reader_store import LibraryStore
from models.offsets import Utf16Map
from models.reading.session import ReadingSession
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

    menu_actions: WindowActions  # every menu item, key and toolbar button (gui.window_menus)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self.setWindowTitle(APP_NAME)
        self.setAcceptDrops(True)
        self._settings = services.settings
        self.ui = UiState(services.settings)
        self.session = ReadingSession()  # the open document, its analysis and the spans painted over it
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
        left, right = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
        self.legend_dock = add_dock(self, "Highlights", "legend-dock", legend_scroll, left)
        self.actors_panel = ActorsPanel()
        self.actors_dock = add_dock(self, "Actors", "actors-dock", self.actors_panel, left)
        self.events_panel = EventsPanel()
        self.events_dock = add_dock(self, "Events", "events-dock", self.events_panel, right)
        self.notes_panel = NotesPanel()
        self.notes_dock = add_dock(self, "Notes and Highlights", "notes-dock", self.notes_panel, right)
        self.toc_panel = TocPanel()
        self.toc_dock = add_dock(self, "Contents", "toc-dock", self.toc_panel, left)
        self.toc_dock.hide()  # shown for books, or when the reader asks (View › Contents)
        self.toc_panel.position_chosen.connect(self._on_toc_chosen)
        self.reading = ReadingController(
            self.session, self.view, self.hub, self.legend, self.actors_panel, self.events_panel, self
        )
        self.reader = ReaderController(self.session, self.view, self.notes_panel, self.styles, self.undo_stack, self)
        self.reader.on_categories = self._on_reader_categories
        self.reader.status = lambda message: self.statusBar().showMessage(message, 4000)
        self.reader.items_changed.connect(self._refresh_tooltips)
        self.notes_panel.facets_changed.connect(self.reading.on_facets_changed)
        self.hub.changed.connect(self.notes_panel.set_filter)
        self.hub.changed.connect(lambda state: self.ui.set(UiState.HIDDEN_LAYERS, sorted(state.hidden_layers)))
        self.view.context_menu_requested.connect(self.reader.add_context_actions)
        self.corrections = ActorCorrections(self.undo_stack, lambda: self.session.analysis, self.set_analysis, self)
        self.item_menus = ItemMenus(self.session, self.view, self.reader, self.corrections, self)
        self.actors_panel.set_menu_provider(self.item_menus.actor_menu)
        self.view.context_menu_requested.connect(self.item_menus.article_menu)
        self.events_panel.set_menu_provider(self.item_menus.event_menu)

        self.status_line = StatusLine(self.statusBar(), lambda: self.controller.busy)
        self.status_line.stop_requested.connect(self.cancel_analysis)
        self.controller = services.controller
        self.controller.setParent(self)
        self.controller.document_loaded.connect(self.show_document)
        self.controller.load_failed.connect(self._on_load_failed)
        self.controller.large_file.connect(self._confirm_large_file)
        self.controller.analysis_started.connect(self._on_analysis_started)
        self.controller.progress.connect(self.status_line.analysis_progress)
        self.controller.partial.connect(self._on_partial)
        self.controller.analysis_finished.connect(self._on_analysis_finished)
        self.controller.analysis_failed.connect(self._on_analysis_failed)
        self.controller.analysis_interrupted.connect(self._analysis_stopped)  # one sentence; text and work kept
        self.library = services.library  # the reader's work, corrections and stored analyses (None: unavailable)
        if self.library is not None:
            self._use_library(self.library)
        self.libraries = LibraryWindows(self.library_path, self)
        self.libraries.document_chosen.connect(self.show_document)
        self.folder_adder: FolderAdder | None = None  # Library › Add Folder…, with its progress in the status bar
        self.correction_offer: CorrectionOffer | None = None  # made at the first correction worth offering
        if self.library is not None:
            self.folder_adder = FolderAdder(
                self, self.library.library.path, services.settings, self.libraries.refresh_visible
            )
            if not self.library.library.read_only:  # a folder left half added when the window last closed
                QTimer.singleShot(0, self.folder_adder.resume_pending)
        self.annotations = AnnotationImporter(self, lambda: self.library, self.reader.reload_items, self.statusBar())

        self.date_button = DocumentDateButton()
        self.date_button.date_chosen.connect(self.change_document_date)
        self.statusBar().addPermanentWidget(self.date_button)

        self.views = OverviewViews(
            self,
            ui=self.ui,
            view=self.view,
            hub=self.hub,
            styles=self.styles,
            offsets=lambda: self.session.offsets,
            notes=self.reader.notes,
        )
        self.tabifyDockWidget(self.notes_dock, self.views.xray_dock)
        self.tabifyDockWidget(self.notes_dock, self.views.network_dock)
        self.notes_dock.raise_()
        self.views.actor_chosen.connect(self._select_actor)
        self.views.event_chosen.connect(self._go_to_event)
        self.views.note_requested.connect(self.reader.note_on_target)
        self.reader.items_changed.connect(self.views.on_reader_items_changed)

        self.menu_actions = build_menus(self, self._commands(), self.undo_stack, self._docks())
        self.legend.per_actor_toggled.connect(self.menu_actions.per_actor_action.setChecked)
        self.reader.current_category_changed.connect(self.legend.set_reader_current)
        self.reader.announce_current()
        self.apply_theme(theme.name)
        self.view.set_point_size(self.ui.get_int(UiState.POINT_SIZE, self.view.point_size()))
        self.view.zoom_changed.connect(lambda size: self.ui.set(UiState.POINT_SIZE, size))
        self.actors_panel.set_sort(self.ui.get_str(UiState.ACTOR_SORT, "mentions"))
        self.actors_panel.sort.currentIndexChanged.connect(
            lambda _i: self.ui.set(UiState.ACTOR_SORT, self.actors_panel.sort.currentData())
        )
        self.menu_actions.focus_action.setChecked(self.ui.get_bool(UiState.FOCUS))
        self.menu_actions.per_actor_action.setChecked(self.ui.get_bool(UiState.PER_ACTOR))
        self._restore_geometry()

    def _commands(self) -> Commands:
        """What each menu item, key and toolbar button runs (built in gui.window_menus)."""
        reader, view, find = self.reader, self.view, self.find_bar
        return Commands(
            open_file=self.choose_file,
            paste_document=self.paste_document,
            recent_files=self.ui.recent_files,
            open_recent=self.open_path,
            clear_recent=self.ui.clear_recent,
            show_library=self.libraries.show_library,
            show_library_actors=self.libraries.show_actors,
            show_library_stories=self.libraries.show_stories,
            add_folder=self.add_folder,
            export_library=lambda: self.libraries.show_library().export_library(),
            import_library=lambda: self.libraries.show_library().import_library(),
            import_annotations=self.annotations.run,
            export_report=self.export_report,
            cancel_analysis=self.cancel_analysis,
            quit=self.close,
            copy=view.copy,
            copy_markdown=self.copy_markdown,
            find=find.open_bar,
            find_next=find.find_next,
            find_previous=find.find_previous,
            highlight=reader.choose_category_and_highlight,
            add_note=reader.add_note_here,
            note_on_document=lambda: reader.note_on_target("document"),
            edit_categories=self.edit_categories,
            category_names=lambda: list(reader.categories),
            highlight_with_number=reader.highlight_with_number,
            document_date=self.date_button.ask,
            zoom_in=view.zoom_in,
            zoom_out=view.zoom_out,
            zoom_reset=view.zoom_reset,
            apply_theme=self.apply_theme,
            set_focus_mode=self._set_focus_mode,
            set_per_actor=self._set_per_actor,
            set_mention_map=self.views.set_map_enabled,
            mention_map_on=self.views.map_enabled_setting(),
            next_mention=lambda: self.reading.jump(True),
            previous_mention=lambda: self.reading.jump(False),
            clear_selection=self._clear_selection,
        )

    def _docks(self) -> Docks:
        views = self.views
        return Docks(
            legend=self.legend_dock,
            actors=self.actors_dock,
            events=self.events_dock,
            notes=self.notes_dock,
            toc=self.toc_dock,
            timeline=views.timeline_dock,
            network=views.network_dock,
            xray=views.xray_dock,
        )

    def _use_library(self, store: LibraryStore) -> None:
        """Let the reader, corrections and analysis keep their work in the library."""
        library = store.library
        store.analysis = lambda: self.session.analysis  # notes on actors and events are kept with stable keys
        store.on_error = lambda message: show_error(self, "The library could not be updated.", message)

        def write_failed(message: str, exc: StorageError) -> None:
            show_error(self, message)
            if isinstance(exc, LibraryWriteError) and exc.reason == "read-only":
                self.show_read_only(library.read_only_message)

        self.reader.on_write_error = write_failed
        self.reader.set_store(store)
        self.corrections.persist = self._persist_correction

    def _persist_correction(self, op: CorrectionOp, added: bool) -> None:
        """Keep an actor correction, and offer it for the other documents where the same actor appears."""
        store = self.library
        if store is None:
            return
        store.record_correction(op, added)
        if added and store.current is not None:
            if self.correction_offer is None:  # its bar joins the status bar after the window's own
                self.correction_offer = CorrectionOffer(self, self.undo_stack, store.library.path)
            self.correction_offer.consider(store.current, op)

    def add_folder(self) -> None:
        """Library › Add Folder…: every document of a folder into the library, in the background."""
        if self.folder_adder is None or self.library is None:
            show_error(self, "The library is not available, so no folder can be added.")
            return
        if self.library.library.read_only:
            show_error(
                self, "Documents cannot be added to a read-only library.", self.library.library.read_only_message
            )
            return
        self.folder_adder.choose()

    def library_path(self) -> Path | None:
        """The library file in use (None: no library)."""
        return self.library.library.path if self.library is not None else None

    def show_read_only(self, message: str) -> None:
        """Say, for as long as the window is open, that nothing is saved (the highlight and note keys stop)."""
        show_read_only(self, (self.menu_actions.highlight_action, self.menu_actions.note_action), message)

    # ----- documents ------------------------------------------------------------------------------

    def choose_file(self) -> None:
        start = self.ui.get_str(UiState.LAST_DIR, str(Path.home()))
        path, _ = QFileDialog.getOpenFileName(self, "Open document", start, OPEN_FILTER)
        if path:
            self.ui.set(UiState.LAST_DIR, str(Path(path).parent))
            self.open_path(path)

    def open_path(self, path: str | Path, date: str | None = None, allow_large: bool = False) -> None:
        """Open a file: read it in the background, show it, then analyse it."""
        self.status_line.opening(Path(path).name)
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
        self.status_line.opening("the clipboard")
        self.controller.open_pasted(text, html, title)

    def _confirm_large_file(self, request: object) -> None:
        """Ask before reading a very large file (it takes long to read and analyse)."""
        path, size, date = cast(tuple[str, int, str | None], request)
        self.status_line.say("")
        ask_load_large(self, Path(path).name, size, lambda: self.open_path(path, date, allow_large=True))

    def _on_toc_chosen(self, offset: int) -> None:
        position = self.session.offsets.to_qt(offset)
        self.view.scroll_to_position(position)
        block = self.view.document().findBlock(position)
        self.view.flash(position, max(position + 1, block.position() + block.length() - 1))

    def show_document(self, document: Document) -> None:
        """Show the text at once; highlights follow when the analysis is ready."""
        self.session.open(document)
        offsets = self.session.offsets
        self.view.set_text(document.text)
        self.view.set_structure(
            (offsets.to_qt(b.start), offsets.to_qt(b.end), b.kind, b.level) for b in document.blocks
        )
        self.toc_panel.set_document(document)
        if document.chapters:
            self.toc_dock.show()
        self.view.set_tooltip_provider(TooltipText(None))
        self.find_bar.set_document(document.text, offsets)
        self.hub.reset(frozenset(self.ui.get_list(UiState.HIDDEN_LAYERS)))
        self.reader.open_document(document)
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
        if self.session.document is None:
            return
        before = self.session.analysis.document.date if self.session.analysis else self.session.document.date
        self.undo_stack.push(
            CallbackCommand(
                f"Set Document Date to {date}",
                lambda: self._apply_document_date(date),
                lambda: self._apply_document_date(before),
            )
        )

    def _apply_document_date(self, date: str | None) -> None:
        if self.session.document is None:
            return
        self.session.document = replace(self.session.document, date=date)
        self.date_button.set_date(date)
        if self.library is not None:
            self.library.set_document_date(self.session.document.sha256, date)
            self.libraries.refresh_actor_dates(self.session.document.sha256)  # on the library worker
        self.controller.analyze(self.session.document)

    @property
    def document(self) -> Document | None:
        return self.session.document

    @property
    def analysis(self) -> Analysis | None:
        return self.session.analysis

    @property
    def offsets(self) -> Utf16Map:
        return self.session.offsets

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
        self.status_line.analysis_started()
        self.menu_actions.cancel_action.setEnabled(True)

    def _on_partial(self, spans: object) -> None:
        self.session.add_provisional(spans)  # type: ignore[arg-type]
        self.view.set_spans(self.session.spans)

    def _on_analysis_finished(self, analysis: Analysis) -> None:
        self.reader.reload_notes()
        self.set_analysis(analysis)
        self._analysis_stopped(f"{len(analysis.actors)} actors, {len(analysis.events)} events · model {analysis.model}")
        self.analysis_shown.emit()

    def set_analysis(self, analysis: Analysis) -> None:
        """Paint an analysis and fill the panels (also used after a correction changes it)."""
        self.view.set_spans(self.session.set_analysis(analysis))
        self.date_button.set_date(analysis.document.date)
        self.styles.set_analysis(analysis)
        self.view.set_tooltip_provider(TooltipText(analysis, self.reader.reader_tooltips()))
        self.legend.set_counts(category_counts(analysis))
        self.actors_panel.set_analysis(analysis)
        self.events_panel.set_analysis(analysis)
        self.reading.set_analysis(analysis)
        self.reader.set_analysis(analysis)
        self.views.set_analysis(analysis)

    def _refresh_tooltips(self) -> None:
        self.view.set_tooltip_provider(TooltipText(self.session.analysis, self.reader.reader_tooltips()))

    def _on_reader_categories(self, names: set[str]) -> None:
        self.reading.reader_categories = names
        self.reading.apply_filter(self.hub.state)

    def export_report(self) -> None:
        """Open the export dialog on a snapshot of the document, the reader's work and the filters."""
        if self.session.analysis is None or self.session.document is None:
            self.statusBar().showMessage("Open a document and let its analysis finish before exporting.", 4000)
            return
        source = ExportSource(
            analysis=self.session.analysis,
            highlights=self.reader.highlights(),
            notes=self.reader.notes(),
            categories=dict(self.reader.categories),
            filters=self.hub.state,
            source=self.session.document.source_path,
        )
        start = self.ui.get_str("export/last_dir", self.ui.get_str(UiState.LAST_DIR, str(Path.home())))
        dialog = ExportDialog(source, start, self, on_directory=lambda d: self.ui.set("export/last_dir", d))
        dialog.exported.connect(lambda path: self.statusBar().showMessage(f"Report saved to {path}", 6000))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def copy_markdown(self) -> str:
        """Edit › Copy as Markdown: the chosen panel items on the clipboard; the Markdown, or "" if none."""
        items = selected_items(self.session.analysis, self.notes_panel, self.reader.items, self.hub.selection)
        return copy_as_markdown(self.session.analysis, items, self.statusBar().showMessage)

    def show_passage(self, start: int, end: int, item_ids: tuple[str | None, ...] = ()) -> None:
        """Select, scroll to and flash [start, end) (document characters); choose the items in the Notes panel."""
        qt_start, qt_end = self.session.offsets.to_qt(start), self.session.offsets.to_qt(end)
        self.view.scroll_to_position(qt_start, select_to=qt_end)
        self.view.flash(qt_start, qt_end)
        for item_id in item_ids:
            if item_id and not self.notes_panel.select_row(item_id):
                log.info("the linked item %s is no longer in the document's notes", item_id)
        self.raise_()
        self.activateWindow()

    def _select_actor(self, actor_id: str) -> None:
        """Select an actor everywhere, exactly as a click in the Actors panel does."""
        self.actors_panel.select_actor(actor_id)
        self.actors_panel.actor_activated.emit(actor_id)

    def _go_to_event(self, event_id: str, start: int, end: int) -> None:
        self.events_panel.select_event(event_id)
        self.reading.on_event_activated(event_id, start, end)

    def edit_categories(self) -> None:
        dialog = CategoriesDialog(self.reader.categories, self.reader.used_categories(), self)
        if dialog.exec() == CategoriesDialog.DialogCode.Accepted:
            self.reader.change_categories(dialog.colors(), dialog.renamed)

    def _analysis_stopped(self, message: str) -> None:
        self.status_line.analysis_stopped(message)
        self.menu_actions.cancel_action.setEnabled(False)

    def _on_analysis_failed(self, message: str) -> None:
        self._analysis_stopped("Analysis failed; the text is shown without highlights.")
        show_error(self, "The document could not be analysed.", message)

    def _on_load_failed(self, message: str) -> None:
        self.status_line.open_failed()
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
        self.menu_actions.theme_actions[theme.name].setChecked(True)
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
            QTimer.singleShot(0, self._fit_docks)

    def _fit_docks(self) -> None:
        fit_docks(
            self,
            legend=self.legend_dock,
            legend_content=self.legend,
            actors=self.actors_dock,
            events=self.events_dock,
            notes=self.notes_dock,
            timeline=self.views.timeline_dock,
        )

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.ui.set(UiState.GEOMETRY, self.saveGeometry())
        self.ui.set(UiState.STATE, self.saveState())
        self.ui.sync()
        self.controller.shutdown()
        if self.folder_adder is not None:  # the files in progress are finished; the folder resumes next time
            self.folder_adder.stop_for_close()
        self.libraries.close()  # their jobs finish before the library's connection closes
        if self.library is not None:
            self.library.close()
            self.library = None
        super().closeEvent(event)


__all__ = ["MainWindow"]

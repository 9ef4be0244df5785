"""Library › Stories: stories of documents with one merged timeline, and questions across the library.

Every read and write of the library runs on the window's one library worker (gui/library_jobs.py), each
with its own connection; a late answer to an older request is dropped. Choosing a source sentence (in a
timeline or in the answers to a question) opens its document at that sentence through a passage link.

Over 400 lines because the Stories and Questions tabs share one library worker and the chosen story's state.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection
from pathlib import Path
from typing import cast

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QPalette, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.library_jobs import LibraryJobWindow
from models.domain import EventType
from models.errors import AppError
from models.export import ExportFormat
from models.library import DocumentRow, Library
from models.library.actor_index import index_pending
from models.library.questions import Answer, Question, ask
from models.library.stories import (
    StoryError,
    StoryInfo,
    StorySnapshot,
    StoryTimeline,
    Suggestion,
    TimelineRow,
    add_to_story,
    create_story,
    list_stories,
    remove_from_story,
    restore_story,
    set_story_notes,
    story_snapshot,
    story_timeline,
    suggest_stories,
)
from models.library.stories import (
    delete_story as forget_story,
)
from models.reader_dates import EXAMPLES
from models.version import ANALYZER_VERSION, APP_NAME

log = logging.getLogger(__name__)
PLACE_ROLE = Qt.ItemDataRole.UserRole + 50  # (doc hash, start, end) of a source sentence
NAME_ROLE = Qt.ItemDataRole.UserRole + 51
ROW_ROLE = Qt.ItemDataRole.UserRole + 52  # index of a timeline row in the story
REPORT_FILTERS = {
    "Markdown (*.md)": ExportFormat.MARKDOWN,
    "HTML page (*.html)": ExportFormat.HTML,
    "PDF (*.pdf)": ExportFormat.PDF,
    "CSV spreadsheet (*.csv)": ExportFormat.CSV,
    "JSON (*.json)": ExportFormat.JSON,
}


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' if n != 1 else ''}"


def _warning_color(widget: QWidget) -> QColor:
    """A red that reads on the window's background, light or dark."""
    dark = widget.palette().color(QPalette.ColorRole.Base).lightness() < 128
    return QColor("#ff7b72" if dark else "#b42318")


class DocumentPicker(QDialog):
    """Choose library documents (and, for a new story, its name)."""

    def __init__(self, parent: QWidget, title: str, name: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("story-documents-dialog")
        self.setWindowTitle(title)
        self.resize(560, 480)
        self.name = QLineEdit(name or "")
        self.name.setObjectName("story-name")
        self.name.setPlaceholderText("For example: Gaza ceasefire talks")
        self.name.setReadOnly(name is not None)
        self.documents = QListWidget()
        self.documents.setObjectName("story-documents")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Story name:", self.name)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel("Documents in the story:"))
        layout.addWidget(self.documents, 1)
        layout.addWidget(self.buttons)

    def set_documents(self, rows: list[DocumentRow], checked: Collection[str] = ()) -> None:
        self.documents.clear()
        for row in rows:
            item = QListWidgetItem(f"{row.title} ({row.date or 'undated'})")
            item.setData(NAME_ROLE, row.hash)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if row.hash in checked else Qt.CheckState.Unchecked)
            item.setToolTip(row.source or "pasted text")
            self.documents.addItem(item)

    def check(self, title_part: str) -> None:
        """Tick every document whose title holds `title_part` (for scripts and tests)."""
        for i in range(self.documents.count()):
            item = self.documents.item(i)
            if title_part in item.text():
                item.setCheckState(Qt.CheckState.Checked)

    def chosen(self) -> list[str]:
        return [
            cast(str, self.documents.item(i).data(NAME_ROLE))
            for i in range(self.documents.count())
            if self.documents.item(i).checkState() == Qt.CheckState.Checked
        ]


class _StoryCommand(QUndoCommand):
    """A story change already written on the worker: undo puts the story back as it was, redo as it became."""

    def __init__(
        self,
        window: LibraryStoriesWindow,
        text: str,
        name: str,
        before: StorySnapshot | None,
        after: StorySnapshot | None,
    ) -> None:
        super().__init__(text)
        self.window = window
        self.name = name
        self.before = before
        self.after = after
        self._done = True  # pushed after the change was written: the first redo has nothing to do

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self.window.restore(self.name, self.after)

    def undo(self) -> None:
        self.window.restore(self.name, self.before)


class LibraryStoriesWindow(LibraryJobWindow):
    """Stories (list, suggestions, merged timeline, notes, report) and questions across the library.

    Making, deleting a story, changing its documents or saving its notes is undoable (the window's own
    QUndoStack: Undo button, Ctrl+Z outside the notes).

    Signals:
        passage_chosen(str, int, int): open document (text hash) at [start, end).
        refreshed(): the stories and suggestions were listed again.
        timeline_shown(): the chosen story's timeline was filled.
        answered(): the answers to a question were listed.
        report_written(str): a story report was saved at this path.
    """

    passage_chosen = Signal(str, int, int)
    refreshed = Signal()
    timeline_shown = Signal()
    answered = Signal()
    report_written = Signal(str)

    def __init__(self, db_path: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(
            db_path, parent, name="library-stories-window", title="Stories in the Library", size=(1200, 760)
        )
        self._indexed = False
        self._story_generation = 0
        self._question_generation = 0
        self._suggestions: list[Suggestion] = []
        self.current: StoryTimeline | None = None
        self._detail_row: TimelineRow | None = None
        self.picker: DocumentPicker | None = None
        self.confirm_box: QMessageBox | None = None
        # Tests and scripts set this to answer the save dialog: () -> (path, format) or None.
        self.ask_report_path: Callable[[], tuple[str, ExportFormat] | None] | None = None
        self.undo_stack = QUndoStack(self)
        undo = self.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo_stack.createRedoAction(self, "&Redo")
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        self.addActions([undo, redo])
        undo.setIconText("Undo")  # the button stays short; its tooltip names the change, however long
        redo.setIconText("Redo")
        self.undo_button = QToolButton()
        self.undo_button.setObjectName("stories-undo")
        self.undo_button.setDefaultAction(undo)
        self.undo_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.redo_button = QToolButton()
        self.redo_button.setObjectName("stories-redo")
        self.redo_button.setDefaultAction(redo)
        self.redo_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._stories_tab(), "Stories")
        self.tabs.addTab(self._questions_tab(), "Questions")
        self.status.setObjectName("stories-status")
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status)

    # ----- layout -------------------------------------------------------------------------------------

    def _stories_tab(self) -> QWidget:
        self.stories = QListWidget()
        self.stories.setObjectName("stories-list")
        self.stories.currentItemChanged.connect(lambda _c, _p: self.show_story())
        self.new_button = QPushButton("New Story…")
        self.new_button.setObjectName("story-new")
        self.new_button.clicked.connect(self.new_story)
        self.add_button = QPushButton("Documents…")
        self.add_button.setToolTip("Add documents to the chosen story or take some out (they stay in the library)")
        self.add_button.clicked.connect(self.add_documents)
        self.delete_button = QPushButton("Delete Story…")
        self.delete_button.setObjectName("story-delete")
        self.delete_button.clicked.connect(self.delete_story)
        self.suggestions = QListWidget()
        self.suggestions.setObjectName("story-suggestions")
        self.suggestions.itemActivated.connect(lambda _i: self.accept_suggestion())
        self.accept_button = QPushButton("Accept Suggestion")
        self.accept_button.setObjectName("story-accept")
        self.accept_button.clicked.connect(self.accept_suggestion)

        left = QWidget()
        side = QVBoxLayout(left)
        side.setContentsMargins(0, 0, 0, 0)
        heading = QHBoxLayout()
        heading.addWidget(QLabel("<b>Stories</b>"), 1)
        heading.addWidget(self.undo_button)
        heading.addWidget(self.redo_button)
        side.addLayout(heading)
        side.addWidget(self.stories, 2)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.delete_button)
        side.addLayout(buttons)
        side.addWidget(QLabel("<b>Suggested stories</b> (documents sharing actors within a week)"))
        side.addWidget(self.suggestions, 1)
        side.addWidget(self.accept_button)

        self.heading = QLabel()
        self.heading.setObjectName("story-heading")
        self.heading.setWordWrap(True)
        self.timeline = QTreeWidget()
        self.timeline.setObjectName("story-timeline")
        self.timeline.setHeaderLabels(["When", "What", "Who", "Sources"])
        self.timeline.setAlternatingRowColors(True)
        self.timeline.setWordWrap(True)
        self.timeline.setUniformRowHeights(False)
        self.timeline.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.timeline.header()
        header.setStretchLastSection(True)
        for column, width in ((0, 240), (1, 115), (2, 270)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        self.timeline.currentItemChanged.connect(lambda item, _p: self._show_row(item))
        self.timeline.itemActivated.connect(self._open_item)
        self.timeline.itemDoubleClicked.connect(self._open_item)
        self.detail = QTextBrowser()
        self.detail.setObjectName("story-detail")
        self.detail.setOpenLinks(False)
        self.detail.anchorClicked.connect(self._open_anchor)
        self.detail.setPlaceholderText("Choose an event to read every source's sentence.")
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("story-notes")
        self.notes.setPlaceholderText("Your notes on this story (they go into its report)")
        self.notes.setMaximumHeight(90)
        self.save_notes_button = QPushButton("Save Notes")
        self.save_notes_button.clicked.connect(self.save_notes)
        self.report_button = QPushButton("Export Report…")
        self.report_button.setObjectName("story-report")
        self.report_button.clicked.connect(self.export_report)
        bottom = QHBoxLayout()
        bottom.addWidget(self.notes, 1)
        actions = QVBoxLayout()
        actions.addWidget(self.save_notes_button)
        actions.addWidget(self.report_button)
        actions.addStretch(1)
        bottom.addLayout(actions)

        right = QWidget()
        main = QVBoxLayout(right)
        main.setContentsMargins(0, 0, 0, 0)
        main.addWidget(self.heading)
        rows = QSplitter(Qt.Orientation.Vertical)
        rows.addWidget(self.timeline)
        rows.addWidget(self.detail)
        rows.setStretchFactor(0, 3)
        rows.setStretchFactor(1, 2)
        main.addWidget(rows, 1)
        main.addLayout(bottom)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 3)
        split.setSizes([300, 900])
        self._set_story_enabled(False)
        return split

    def _questions_tab(self) -> QWidget:
        self.ask_actor = QLineEdit()
        self.ask_actor.setObjectName("ask-actor")
        self.ask_actor.setPlaceholderText("Blinken")
        self.ask_with = QLineEdit()
        self.ask_with.setObjectName("ask-with")
        self.ask_with.setPlaceholderText("Netanyahu (optional)")
        self.ask_type = QComboBox()
        self.ask_type.setObjectName("ask-type")
        self.ask_type.addItem("Any event", "")
        for kind in EventType:
            self.ask_type.addItem(kind.value.title(), kind.value)
        self.ask_from = QLineEdit()
        self.ask_from.setObjectName("ask-from")
        self.ask_from.setPlaceholderText("2023, March 2023, 5 March 2023 or 2023-01 to 2023-03")
        self.ask_to = QLineEdit()
        self.ask_to.setObjectName("ask-to")
        self.ask_to.setPlaceholderText("(optional) the last day, month or year")
        for field in (self.ask_from, self.ask_to):
            field.setToolTip(f"Write {EXAMPLES}.")
        self.ask_button = QPushButton("Ask")
        self.ask_button.setObjectName("ask-button")
        self.ask_button.setDefault(True)
        self.ask_button.clicked.connect(self.ask)
        for field in (self.ask_actor, self.ask_with, self.ask_from, self.ask_to):
            field.returnPressed.connect(self.ask)
        form = QFormLayout()
        form.addRow("Actor:", self.ask_actor)
        form.addRow("With:", self.ask_with)
        form.addRow("Event:", self.ask_type)
        dates = QHBoxLayout()
        dates.addWidget(self.ask_from)
        dates.addWidget(QLabel("to"))
        dates.addWidget(self.ask_to)
        form.addRow("From:", dates)
        self.answers = QTreeWidget()
        self.answers.setObjectName("ask-answers")
        self.answers.setRootIsDecorated(False)
        self.answers.setHeaderLabels(["Date", "Document", "Event", "Who", "Sentence"])
        self.answers.setAlternatingRowColors(True)
        for column, width in ((0, 100), (1, 220), (2, 100), (3, 220)):
            self.answers.header().resizeSection(column, width)
        self.answers.itemActivated.connect(self._open_item)
        self.answers.itemDoubleClicked.connect(self._open_item)
        self.ask_status = QLabel()
        self.ask_status.setObjectName("ask-status")
        self.ask_status.setWordWrap(True)
        page = QWidget()
        layout = QVBoxLayout(page)
        top = QHBoxLayout()
        top.addLayout(form, 1)
        top.addWidget(self.ask_button, 0, Qt.AlignmentFlag.AlignBottom)
        layout.addLayout(top)
        layout.addWidget(self.ask_status)
        layout.addWidget(self.answers, 1)
        return page

    # ----- background work ----------------------------------------------------------------------------

    def refresh(self, select: str | None = None) -> None:
        """List the stories and the suggestions again (indexing stored analyses the index has not seen)."""
        first = not self._indexed
        self._indexed = True
        select = select or self.selected_story()

        def job(lib: Library) -> tuple[list[StoryInfo], list[Suggestion]]:
            if first and not lib.read_only:
                index_pending(lib, ANALYZER_VERSION)
            return list_stories(lib.conn), suggest_stories(lib.conn)

        self._run(job, lambda result: self._show_lists(result, select), "The stories could not be listed.")

    def _show_lists(self, result: object, select: str | None) -> None:
        stories, suggestions = cast(tuple[list[StoryInfo], list[Suggestion]], result)
        self.stories.blockSignals(True)
        self.stories.clear()
        for story in stories:
            item = QListWidgetItem(f"{story.name} — {_plural(story.documents, 'document')}")
            item.setData(NAME_ROLE, story.name)
            self.stories.addItem(item)
        self.stories.blockSignals(False)
        self._suggestions = suggestions
        self.suggestions.clear()
        for suggestion in suggestions:
            item = QListWidgetItem(f"{suggestion.name} — {_plural(len(suggestion.doc_hashes), 'document')}")
            item.setToolTip("\n".join(suggestion.titles) + "\n\nShared: " + ", ".join(suggestion.shared))
            self.suggestions.addItem(item)
        self.accept_button.setEnabled(bool(suggestions))
        if suggestions:
            self.suggestions.setCurrentRow(0)
        names = [cast(str, self.stories.item(i).data(NAME_ROLE)) for i in range(self.stories.count())]
        if names:
            self.stories.setCurrentRow(names.index(select) if select in names else 0)
        else:
            self._clear_story()
            self.status.setText("No stories yet: choose New Story… or accept a suggestion.")
        self.refreshed.emit()

    def selected_story(self) -> str | None:
        item = self.stories.currentItem()
        return cast(str, item.data(NAME_ROLE)) if item is not None else None

    def show_story(self) -> None:
        name = self.selected_story()
        if name is None:
            return
        self._story_generation += 1
        generation = self._story_generation
        self.status.setText(f"Reading “{name}”…")
        self._run(
            lambda lib: (generation, story_timeline(lib, name, ANALYZER_VERSION)),
            self._show_timeline,
            "The story could not be read.",
        )

    def _clear_story(self) -> None:
        self.current = None
        self.timeline.clear()
        self.detail.clear()
        self.heading.clear()
        self.notes.clear()
        self._set_story_enabled(False)

    def _set_story_enabled(self, on: bool) -> None:
        for widget in (self.add_button, self.delete_button, self.notes, self.save_notes_button, self.report_button):
            widget.setEnabled(on)

    def _show_timeline(self, result: object) -> None:
        generation, timeline = cast(tuple[int, StoryTimeline], result)
        if generation != self._story_generation:
            return
        from models.library.story_report import story_summary

        self.current = timeline
        self._set_story_enabled(True)
        actors = ", ".join(a.name for a in timeline.actors[:6])
        heading = f"<b>{_escape(timeline.story.name)}</b> — {_escape(story_summary(timeline))}"
        if actors:
            heading += f"<br>Actors: {_escape(actors)}"
        if timeline.unanalysed:
            missing = ", ".join(d.title for d in timeline.unanalysed)
            heading += f"<br>Not analysed yet (open each once to add its events): {_escape(missing)}"
        self.heading.setText(heading)
        self.notes.setPlainText(timeline.story.notes)
        self.timeline.clear()
        self.detail.clear()
        expand = len(timeline.rows) <= 60
        for number, row in enumerate(timeline.rows):
            item = self._row_item(row)
            item.setData(0, ROW_ROLE, number)
            self.timeline.addTopLevelItem(item)
            item.setExpanded(expand or bool(row.disagreements))
        self.status.setText(f"{_plural(len(timeline.rows), 'event')} in “{timeline.story.name}”.")
        self.timeline_shown.emit()

    def _row_item(self, row: TimelineRow) -> QTreeWidgetItem:
        sources = len(row.documents)
        disputed = bool(row.disagreements)
        label = _plural(sources, "document") + (" · sources disagree" if disputed else "")
        item = QTreeWidgetItem([row.date_label, row.type.title(), row.who, label])
        bold = item.font(0)
        bold.setBold(True)
        for column in range(4):
            item.setFont(column, bold)
        warn = QBrush(_warning_color(self))
        if disputed:
            item.setForeground(3, warn)
            item.setToolTip(3, "\n".join(row.disagreements))
        for version in row.date_versions if len(row.date_versions) > 1 else []:
            child = QTreeWidgetItem(["⚠ " + version.label, "date given in", "", "; ".join(version.titles)])
            child.setForeground(0, warn)
            item.addChild(child)
        for version in row.role_versions if len(row.role_versions) > 1 else []:
            child = QTreeWidgetItem(["", "⚠ who did what", version.label, "; ".join(version.titles)])
            child.setForeground(1, warn)
            child.setForeground(2, warn)
            item.addChild(child)
        for report in row.reports:
            date = report.date if report.date_given else "(date of the report)"
            child = QTreeWidgetItem([date or "undated", "reported", report.who, f"{report.title}: “{report.sentence}”"])
            child.setData(0, PLACE_ROLE, (report.doc_hash, report.start, report.end))
            child.setToolTip(3, f"{report.title}\n\n{report.sentence}\n\nDouble-click to open it here.")
            item.addChild(child)
        if row.reports:
            first = row.reports[0]
            item.setData(0, PLACE_ROLE, (first.doc_hash, first.start, first.end))
        return item

    def _show_row(self, item: QTreeWidgetItem | None) -> None:
        """The chosen event in full below the timeline: what the sources disagree on, and every sentence."""
        while item is not None and item.parent() is not None:
            item = item.parent()
        if item is None or self.current is None:
            self.detail.clear()
            return
        row = self.current.rows[cast(int, item.data(0, ROW_ROLE))]
        red = _warning_color(self).name()
        dark = self.palette().color(QPalette.ColorRole.Base).lightness() < 128
        link = "#8cbcff" if dark else "#0b5cad"
        parts = [f"<p><b>{_escape(row.date_label)} · {_escape(row.type.title())} · {_escape(row.who)}</b></p>"]
        parts += [f'<p style="color:{red}"><b>⚠</b> {_escape(said)}</p>' for said in row.disagreements]
        for n, report in enumerate(row.reports):
            date = (
                (report.date or "undated")
                if report.date_given
                else f"{report.date or 'undated'}, the date of the report"
            )
            parts.append(
                f'<p><a style="color:{link}" href="source:{n}">{_escape(report.title)}</a> '
                f"({_escape(date)}; {_escape(report.who)}):<br>"
                f"“{_escape(report.sentence)}”</p>"
            )
        self.detail.setHtml("".join(parts))
        self._detail_row = row

    def _open_anchor(self, url: QUrl) -> None:
        text = url.toString()
        row = self._detail_row
        if row is not None and text.startswith("source:"):
            report = row.reports[int(text.split(":", 1)[1])]
            self.passage_chosen.emit(report.doc_hash, report.start, report.end)

    def _open_item(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        place = item.data(0, PLACE_ROLE)
        if place:
            doc_hash, start, end = cast(tuple[str, int, int], tuple(place))
            self.passage_chosen.emit(doc_hash, start, end)

    # ----- changing stories ---------------------------------------------------------------------------

    def _pick(self, title: str, name: str | None, checked: set[str], apply: Callable[[DocumentPicker], None]) -> None:
        picker = self.picker = DocumentPicker(self, title, name)
        picker.accepted.connect(lambda: apply(picker))
        self._run(
            lambda lib: lib.documents(),
            lambda rows: picker.set_documents(cast(list[DocumentRow], rows), checked),
            "The library's documents could not be listed.",
        )
        picker.open()

    def new_story(self) -> None:
        """Pick documents and a name; the story is made on the library worker."""

        def create(picker: DocumentPicker) -> None:
            name, hashes = picker.name.text(), picker.chosen()
            self._write(
                lambda lib: create_story(lib, name, hashes).name, "The story could not be made.", f"New Story {name}"
            )

        self._pick("New Story", None, set(), create)

    def add_documents(self) -> None:
        """Tick documents to add to the chosen story, untick those to take out (they stay in the library)."""
        timeline = self.current
        if timeline is None:
            return
        name = timeline.story.name
        inside = {d.doc_hash for d in timeline.documents}

        def change(picker: DocumentPicker) -> None:
            chosen = set(picker.chosen())

            def job(lib: Library) -> str:
                add_to_story(lib, name, sorted(chosen - inside))
                remove_from_story(lib, name, sorted(inside - chosen))
                return name

            self._write(job, "The story's documents could not be changed.", f"Documents of {name}", name)

        self._pick(f"Documents of {name}", name, inside, change)

    def delete_story(self) -> None:
        """Forget the chosen story after the reader confirms (its documents and their notes stay)."""
        timeline = self.current
        if timeline is None:
            return
        name = timeline.story.name
        box = self.confirm_box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(APP_NAME)
        box.setText(f"Delete the story “{name}”?")
        box.setInformativeText("Its documents, and your notes in them, stay in the library; the story's own notes go.")
        box.setStandardButtons(QMessageBox.StandardButton.Cancel | QMessageBox.StandardButton.Discard)
        box.button(QMessageBox.StandardButton.Discard).setText("Delete Story")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)

        def answered(_result: int) -> None:
            clicked = box.clickedButton()
            if clicked is None or box.standardButton(clicked) != QMessageBox.StandardButton.Discard:
                return

            def job(lib: Library) -> None:
                forget_story(lib, name)

            self._write(job, "The story could not be deleted.", f"Delete Story {name}", name)

        box.finished.connect(answered)
        box.open()

    def accept_suggestion(self) -> None:
        row = self.suggestions.currentRow()
        if not 0 <= row < len(self._suggestions):
            return
        suggestion = self._suggestions[row]

        def job(lib: Library) -> str:
            taken = {s.name.casefold() for s in list_stories(lib.conn)}
            name, n = suggestion.name, 2
            while name.casefold() in taken:
                name, n = f"{suggestion.name} ({n})", n + 1
            return create_story(lib, name, suggestion.doc_hashes).name

        self._write(job, "The suggested story could not be made.", f"Accept Suggestion {suggestion.name}")

    def save_notes(self) -> None:
        timeline = self.current
        if timeline is None:
            return
        name, text = timeline.story.name, self.notes.toPlainText()

        def job(lib: Library) -> str:
            set_story_notes(lib, name, text)
            return name

        self._write(job, "The notes could not be saved.", f"Notes of {name}", name)

    def _write(self, job: Callable[[Library], str | None], failed: str, text: str, story: str | None = None) -> None:
        """Run a change to `story` (None: a new one) and make it undoable; then read the lists again.

        `job` gives the story's name afterwards (None when it deleted it). A refused name or document is said
        in the status line and leaves nothing to undo.
        """

        def guarded(lib: Library) -> tuple[str | None, str, tuple[str, StorySnapshot | None, StorySnapshot | None]]:
            before = story_snapshot(lib.conn, story) if story else None
            try:
                name = job(lib)
            except StoryError as exc:
                return None, exc.user_message, ("", None, None)
            key = name or story or ""
            return name, "", (key, before, story_snapshot(lib.conn, key) if key else None)

        def done(result: object) -> None:
            name, problem, (key, before, after) = cast(
                tuple[str | None, str, tuple[str, StorySnapshot | None, StorySnapshot | None]], result
            )
            if problem:
                self.status.setText(problem)
                return
            if key and before != after:
                self.undo_stack.push(_StoryCommand(self, text, key, before, after))
            self.refresh(select=name)  # choosing the story again in the new list reads its timeline

        self._run(guarded, done, failed)

    def restore(self, name: str, snapshot: StorySnapshot | None) -> None:
        """Put the story called `name` back as `snapshot` has it (undo and redo), then read the lists again."""
        self.status.setText("Updating the stories…")
        self._run(
            lambda lib: restore_story(lib, name, snapshot),
            lambda result: self.refresh(select=cast(str | None, result)),
            "The story could not be put back.",
        )

    # ----- the report ---------------------------------------------------------------------------------

    def export_report(self) -> None:
        timeline = self.current
        if timeline is None:
            return
        choice = self.ask_report_path() if self.ask_report_path else self._ask_path(timeline.story.name)
        if choice is None:
            return
        path, fmt = choice
        name = timeline.story.name
        self.status.setText(f"Writing the report of “{name}”…")

        def job(lib: Library) -> str:
            story = story_timeline(lib, name, ANALYZER_VERSION)
            if fmt is ExportFormat.PDF:
                from gui.report_pdf import write_story_pdf

                write_story_pdf(story, path)
            else:
                from models.library.story_report import write_story_text

                write_story_text(story, fmt, path)
            return path

        def done(result: object) -> None:
            self.status.setText(f"Saved the report of “{name}” as {result}.")
            self.report_written.emit(str(result))

        self._run(job, done, "The story report could not be written.")

    def _ask_path(self, name: str) -> tuple[str, ExportFormat] | None:
        suggested = "".join(c if c.isalnum() or c in " -_" else "_" for c in name).strip() or "story"
        path, chosen = QFileDialog.getSaveFileName(
            self, "Export story report", f"{suggested}.md", ";;".join(REPORT_FILTERS)
        )
        if not path:
            return None
        fmt = REPORT_FILTERS.get(chosen, ExportFormat.MARKDOWN)
        suffix = Path(path).suffix.lower().lstrip(".")
        if suffix in {f.value for f in REPORT_FILTERS.values()}:
            fmt = ExportFormat(suffix)
        elif not suffix:
            path += f".{fmt.value}"
        return path, fmt

    # ----- questions ----------------------------------------------------------------------------------

    def ask(self) -> None:
        """Ask the library: actor, another actor, event type, date range (any may be left empty)."""
        actors = tuple(t.strip() for t in (self.ask_actor.text(), self.ask_with.text()) if t.strip())
        kind = cast(str, self.ask_type.currentData()) or None
        question = Question(actors, kind, self.ask_from.text().strip() or None, self.ask_to.text().strip() or None)
        if not (actors or kind or question.date_from or question.date_to):
            self.ask_status.setText("Name an actor, an event type or dates to ask about.")
            return
        self._question_generation += 1
        generation = self._question_generation
        self.ask_status.setText("Looking through the library…")

        def job(lib: Library) -> tuple[int, list[Answer] | str]:
            try:
                return generation, ask(lib, question, ANALYZER_VERSION)
            except AppError as exc:
                return generation, exc.user_message

        self._run(job, self._show_answers, "The question could not be answered.")

    def _show_answers(self, result: object) -> None:
        generation, answers = cast(tuple[int, list[Answer] | str], result)
        if generation != self._question_generation:
            return
        self.answers.clear()
        if isinstance(answers, str):
            self.ask_status.setText(answers)
            self.answered.emit()
            return
        for answer in answers:
            report = answer.report
            item = QTreeWidgetItem(
                [answer.date or "undated", report.title, report.type.title(), report.who, report.sentence]
            )
            item.setData(0, PLACE_ROLE, (report.doc_hash, report.start, report.end))
            item.setToolTip(4, report.sentence)
            self.answers.addTopLevelItem(item)
        documents = len({a.report.doc_hash for a in answers})
        if answers:
            self.ask_status.setText(
                f"{_plural(len(answers), 'sentence')} in {_plural(documents, 'document')}; double-click one to read it."
            )
        else:
            self.ask_status.setText("No sentence in the library answers that question.")
        self.answered.emit()


def _escape(text: str) -> str:
    from html import escape

    return escape(text, quote=False)

"""The reader's own work: highlights with named colour categories, notes, tags, all undoable.

Every edit is one `Change(before, after)` pushed on the window's QUndoStack: `after` is written
(or, when None, `before` is removed) and the inverse is `Change(after, before)`. The reading
session keeps the open document's items and writes every change to the store at once
(models/reading/items.py), so nothing waits for an explicit save; this controller turns menus, keys
and the note editor into those changes, paints them and fills the notes panel.

Over 400 lines because every reader's command (highlight, note, resize, re-attach, categories) comes with its menu.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QObject, QPoint, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap, QUndoStack
from PySide6.QtWidgets import QMenu, QWidget

from gui.article_view import ArticleView
from gui.highlight_layers import READER_PREFIX, StyleBook
from gui.note_editor import NoteEditor
from gui.panels.notes_panel import NoteRow, NotesPanel
from gui.undo import InverseCommand
from models.domain import Analysis, Document
from models.errors import StorageError
from models.reader import DOCUMENT_TARGET, Item, ReaderHighlight, ReaderNote
from models.reading import CategoryChange, Change, MemoryStore, ReaderStore, new_id
from models.reading.session import ReadingSession
from models.views.style import DEFAULT_READER_COLORS, READER_PALETTE

log = logging.getLogger(__name__)


class ReaderController(QObject):
    """Owns the open document's highlights and notes and every edit of them.

    Signals:
        items_changed(): highlights or notes changed (painted and listed again).
    """

    items_changed = Signal()
    current_category_changed = Signal(str, str)  # name, colour: what H's default, Ctrl+M and the legend use

    def __init__(  # noqa: PLR0917 - the session and the four parts it edits through
        self,
        session: ReadingSession,
        view: ArticleView,
        panel: NotesPanel,
        styles: StyleBook,
        undo_stack: QUndoStack,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session  # the open document: its text, offsets, analysis and spans
        self.view, self.panel, self.styles, self.undo_stack = view, panel, styles, undo_stack
        self._parent_widget = parent
        self._items = session.items  # the reader's highlights and notes of the open document
        self._items.store = MemoryStore(colors=dict(DEFAULT_READER_COLORS))  # until the library is attached
        self.last_category: str | None = None
        self.on_categories: Callable[[set[str]], None] | None = None
        self.status: Callable[[str], None] = lambda _message: None
        # A change the store refused: (one sentence, the error); the window shows it.
        self.on_write_error: Callable[[str, StorageError], None] = lambda message, _exc: log.error("%s", message)
        self.edit_note_hook: Callable[[str, str, list[str]], tuple[str, list[str]] | None] | None = None
        panel.row_activated.connect(self.go_to_row)
        panel.edit_requested.connect(self.edit_row)
        panel.delete_requested.connect(self.delete_row)
        panel.reattach_requested.connect(self.reattach_row)

    # ----- documents ------------------------------------------------------------------------------

    @property
    def store(self) -> ReaderStore:
        """Where the reader's items and categories are kept (the library, or this session only)."""
        return self._items.store

    def set_store(self, store: ReaderStore) -> None:
        self._items.store = store
        self.refresh_categories()

    def open_document(self, document: Document) -> None:
        """The session's new document: its highlights and notes are read from the store and painted."""
        message = self._items.open(document)
        if message:
            self.status(message)
        self.undo_stack.clear()
        self.refresh_categories()
        self._refresh()

    def set_analysis(self, analysis: Analysis | None) -> None:
        """The session's analysis changed: the notes panel names actors and events again."""
        del analysis  # read from the session
        self._refresh_panel()

    def reload_items(self) -> None:
        """Read the open document's highlights and notes again (annotations were imported into it)."""
        if not self._items.reload():
            return
        self.refresh_categories()
        self._refresh()

    def reload_notes(self) -> None:
        """Read the open document's notes again (a new analysis may have moved them to new actor ids)."""
        if self._items.reload_notes():
            self._refresh_panel()

    def refresh_categories(self) -> None:
        colors = self.store.categories()
        self.styles.set_reader_colors(colors)
        self.panel.set_choices(list(colors), [])
        self._refresh_panel()
        self.announce_current()
        if self.on_categories is not None:
            self.on_categories(set(colors))

    @property
    def categories(self) -> dict[str, str]:
        return self.store.categories()

    @property
    def items(self) -> list[Item]:
        return self._items.all()

    def highlights(self) -> list[ReaderHighlight]:
        """The highlights placed on the text (unanchored ones are listed apart, never painted)."""
        return self._items.highlights()

    def unanchored(self) -> list[ReaderHighlight]:
        """Highlights whose passage was not found in the changed text: kept until re-attached or deleted."""
        return self._items.unanchored()

    def notes(self) -> list[ReaderNote]:
        return self._items.notes()

    # ----- edits ------------------------------------------------------------------------------------

    def apply(self, change: Change) -> Change:
        """Write one change to the store and the screen; returns its inverse (for the undo stack)."""
        try:
            applied = self._items.apply(change)
        except StorageError as exc:  # nothing shown changes; the undo command drops itself
            self._write_failed(change, exc)
            raise
        if applied:
            self._refresh()
        return change.inverse()

    def _write_failed(self, change: Change | None, exc: StorageError) -> None:
        """Say in one sentence what was not saved, and keep the text the reader wrote."""
        after = change.after if change is not None else None
        text = after.text if isinstance(after, ReaderNote) else after.note if isinstance(after, ReaderHighlight) else ""
        before = change.before if change is not None else None
        what = "note" if text else "highlight" if isinstance(after or before, ReaderHighlight) else "change"
        if change is not None and after is None:
            what = "deletion"
        cause = getattr(exc, "cause", None) or exc.user_message.rstrip(".")
        kept = None
        if text.strip():
            kept = self.store.keep_unsaved(text)
        if kept is not None:
            message = f"Your {what} was not saved because {cause}; its text is kept in {kept}."
        elif text.strip() and after is not None:
            message = f"Your {what} was not saved because {cause}; its text is back in the note editor to copy."
            unsaved: Item = after
            QTimer.singleShot(0, lambda: self._reopen_editor(unsaved))
        else:
            message = f"Your {what} was not saved because {cause}."
        self.on_write_error(message, exc)

    def _reopen_editor(self, item: Item) -> None:
        """Show the unsaved text again, so it can be copied or saved once the library accepts writes."""
        text, tags = (item.text, list(item.tags)) if isinstance(item, ReaderNote) else (item.note, list(item.tags))
        about = (
            f"Unsaved note on {self.describe_target(item.target)}" if isinstance(item, ReaderNote) else "Unsaved note"
        )
        result = self.edit_note_dialog(about, text, tags)
        if result is None:
            return
        if isinstance(item, ReaderNote):
            after: Item = replace(item, text=result[0], tags=tuple(result[1]))
        else:
            after = replace(item, note=result[0], tags=tuple(result[1]))
        self.push("Add note", Change(self._items.get(item.id), after))

    def push(self, text: str, change: Change) -> None:
        self.undo_stack.push(InverseCommand(text, change, self.apply))

    def apply_categories(self, change: CategoryChange) -> CategoryChange:
        """Write a new category set; highlights of a renamed category take the new name."""
        try:
            self.store.set_categories(dict(change.after))
        except StorageError as exc:
            self._write_failed(None, exc)
            raise
        renamed = dict(change.renamed)
        try:
            self._items.rename_categories(renamed)
        except StorageError as exc:
            self._write_failed(None, exc)
            raise
        if renamed and self.last_category in renamed:
            self.last_category = renamed[self.last_category]
        self.refresh_categories()
        self._refresh()
        return change.inverse()

    def change_categories(self, colors: dict[str, str], renamed: dict[str, str] | None = None) -> None:
        """One undoable step: the reader's new set of named colours."""
        before = tuple(self.categories.items())
        after = tuple(colors.items())
        if before != after:
            change = CategoryChange(before, after, tuple((renamed or {}).items()))
            self.undo_stack.push(InverseCommand("Change colour categories", change, self.apply_categories))

    def used_categories(self) -> set[str]:
        return {h.category for h in self.highlights()}

    def highlight_selection(self, category: str) -> ReaderHighlight | None:
        """Highlight the selected text with a colour category (one undoable step)."""
        selected = self.view.selected_range()
        if selected is None or self._items.doc_key is None:
            return None
        start, end = self._py(selected[0]), self._py(selected[1])
        start, end = _trim(self.session.text, start, end)
        if start >= end:
            return None
        highlight = ReaderHighlight(new_id("h"), start, end, category, quote=self.session.text[start:end])
        self.last_category = category
        self.announce_current()
        self.push(f"Highlight “{_short(self.session.text[start:end])}”", Change(None, highlight))
        return highlight

    def recolor(self, highlight: ReaderHighlight, category: str) -> None:
        self.push(f"Change colour to {category}", Change(highlight, replace(highlight, category=category)))

    def resize_to_selection(self, highlight: ReaderHighlight) -> bool:
        """Give a highlight the extent of the current selection (to extend or shrink it)."""
        selected = self.view.selected_range()
        if selected is None:
            return False
        start, end = _trim(self.session.text, self._py(selected[0]), self._py(selected[1]))
        if start >= end or (start, end) == (highlight.start, highlight.end):
            return False
        resized = replace(highlight, start=start, end=end, quote=self.session.text[start:end])
        self.push("Resize highlight", Change(highlight, resized))
        return True

    def delete(self, item: Item) -> None:
        what = "highlight" if isinstance(item, ReaderHighlight) else "note"
        self.push(f"Delete {what}", Change(item, None))

    def set_note(self, item: Item, text: str, tags: list[str]) -> None:
        if isinstance(item, ReaderHighlight):
            after: Item = replace(item, note=text, tags=tuple(tags))
        else:
            after = replace(item, text=text, tags=tuple(tags))
        if after != item:
            self.push("Edit note", Change(item, after))

    def add_note(self, target: str, text: str, tags: list[str]) -> ReaderNote:
        note = ReaderNote(new_id("n"), target, text, tuple(tags))
        self.push(f"Add note on {self.describe_target(target)}", Change(None, note))
        return note

    def note_for(self, target: str) -> ReaderNote | None:
        return next((n for n in self.notes() if n.target == target), None)

    # ----- dialogs and menus ----------------------------------------------------------------------

    def edit_note_dialog(self, about: str, text: str, tags: list[str]) -> tuple[str, list[str]] | None:
        if self.edit_note_hook is not None:
            return self.edit_note_hook(about, text, tags)
        dialog = NoteEditor(about, text, tags, self._parent_widget)
        if dialog.exec() != NoteEditor.DialogCode.Accepted:
            return None
        return dialog.note_text(), dialog.note_tags()

    def note_on_target(self, target: str) -> None:
        """Add or edit the note on the document, an actor or an event."""
        existing = self.note_for(target)
        result = self.edit_note_dialog(
            f"Note on {self.describe_target(target)}",
            existing.text if existing else "",
            list(existing.tags) if existing else [],
        )
        if result is None:
            return
        text, tags = result
        if existing is None:
            if text or tags:
                self.add_note(target, text, tags)
        elif not text and not tags:
            self.delete(existing)
        else:
            self.set_note(existing, text, tags)

    def note_on_highlight(self, highlight: ReaderHighlight) -> None:
        words = self.session.text[highlight.start : highlight.end] if highlight.anchored else highlight.quote
        quote = _short(words, 120)
        result = self.edit_note_dialog(f"Note on “{quote}”", highlight.note, list(highlight.tags))
        if result is not None:
            self.set_note(highlight, *result)

    @property
    def current_category(self) -> str:
        """The category Ctrl+M highlights with: the last one used (if it still exists), else the first.

        The legend shows it by name and colour, and the status bar names it after use, so the
        colour a note's passage gets is never a surprise.
        """
        categories = self.categories
        if self.last_category in categories:
            return str(self.last_category)
        return next(iter(categories), "Important")

    def announce_current(self) -> None:
        name = self.current_category
        self.current_category_changed.emit(name, self.categories.get(name, READER_PALETTE[0]))

    def highlight_with_number(self, number: int) -> None:
        """Keys 1-9: highlight the selection with the n-th colour category."""
        names = list(self.categories)
        if not 1 <= number <= len(names):
            self.status(f"There is no colour category {number}; Edit › Colour Categories… adds one.")
            return
        if self.view.selected_range() is None:
            self.status(f"Select some text first, then press {number} to highlight it as “{names[number - 1]}”.")
            return
        if self.highlight_selection(names[number - 1]) is not None:
            self.status(f"Highlighted as “{names[number - 1]}”.")

    def add_note_here(self) -> None:
        """Ctrl+M: a note on the selection (highlighted first), else on the selected actor, else the document."""
        if self.view.selected_range() is not None:
            category = self.current_category
            highlight = self.highlight_selection(category)
            if highlight is not None:
                self.status(f"Highlighted as “{category}” (keys 1–9 choose another category).")
                self.note_on_highlight(highlight)
            return
        selected = sorted(self.view.selected_items)
        if selected and self.session.analysis is not None:
            actors = self.session.analysis.actor_by_id()
            self.note_on_target(f"actor:{selected[0]}" if selected[0] in actors else f"event:{selected[0]}")
            return
        self.note_on_target(DOCUMENT_TARGET)

    def category_menu(self, parent: QWidget, on_pick: Callable[[str], object]) -> QMenu:
        """The reader's colour categories, numbered so a digit key picks one."""
        menu = QMenu(parent)
        for number, (name, color) in enumerate(self.categories.items(), start=1):
            label = f"&{number} {name}" if number < 10 else name
            action = menu.addAction(_swatch(color), label)
            action.triggered.connect(lambda _checked=False, n=name: on_pick(n))
        return menu

    def choose_category_and_highlight(self) -> None:
        """`h`: ask for a category at the selection and highlight with it."""
        selected = self.view.selected_range()
        if selected is None:
            self.status("Select some text first, then press H to highlight it.")
            return
        menu = self.category_menu(self.view, self.highlight_selection)
        point: QPoint = self.view.viewport().mapToGlobal(self.view.cursorRect().bottomRight())
        menu.exec(point)
        menu.deleteLater()

    def add_context_actions(self, menu: QMenu, position: int) -> None:
        """Highlight actions in the article's context menu."""
        first = menu.actions()[0] if menu.actions() else None
        added = []
        if self.view.selected_range() is not None:
            sub = self.category_menu(menu, self.highlight_selection)
            sub.setTitle("Highlight Selection")
            added.append(sub.menuAction())
        here = [s for s in self.session.spans.at(position) if s.category.startswith(READER_PREFIX)]
        highlight = self._items.get(here[0].item_id) if here else None
        if isinstance(highlight, ReaderHighlight):
            target: ReaderHighlight = highlight
            recolor = self.category_menu(menu, lambda name: self.recolor(target, name))
            recolor.setTitle("Change Highlight Colour")
            added.append(recolor.menuAction())
            note = menu.addAction("Edit Note on Highlight…")
            note.triggered.connect(lambda _c=False, h=highlight: self.note_on_highlight(h))
            added.append(note)
            if self.view.selected_range() is not None:
                resize = menu.addAction("Set Highlight to Selection")
                resize.triggered.connect(lambda _c=False, h=highlight: self.resize_to_selection(h))
                added.append(resize)
            delete = menu.addAction("Delete Highlight")
            delete.triggered.connect(lambda _c=False, h=highlight: self.delete(h))
            added.append(delete)
        if added and first is not None:
            for action in added:
                menu.insertAction(first, action)
            menu.insertSeparator(first)

    # ----- the notes panel ------------------------------------------------------------------------

    def go_to_row(self, row: NoteRow) -> None:
        if row.start is None or row.end is None:
            return
        start, end = self.session.offsets.to_qt(row.start), self.session.offsets.to_qt(row.end)
        self.view.scroll_to_position(start, select_to=end)
        self.view.flash(start, end)

    def edit_row(self, row: NoteRow) -> None:
        item = self._items.get(row.id)
        if isinstance(item, ReaderHighlight):
            self.note_on_highlight(item)
        elif isinstance(item, ReaderNote):
            self.note_on_target(item.target)

    def delete_row(self, row: NoteRow) -> None:
        item = self._items.get(row.id)
        if item is not None:
            self.delete(item)

    def reattach_row(self, row: NoteRow) -> bool:
        """Place an unanchored highlight on the current selection (one undoable step)."""
        item = self._items.get(row.id)
        selected = self.view.selected_range()
        if not isinstance(item, ReaderHighlight):
            return False
        if selected is None:
            self.status("Select the passage in the article first, then choose Re-attach to Selection.")
            return False
        start, end = _trim(self.session.text, self._py(selected[0]), self._py(selected[1]))
        if start >= end:
            return False
        after = replace(item, start=start, end=end, quote=self.session.text[start:end], anchored=True)
        self.push(f"Re-attach highlight to “{_short(after.quote)}”", Change(item, after))
        return True

    def describe_target(self, target: str) -> str:
        if target == DOCUMENT_TARGET:
            return "the document"
        kind, _, item_id = target.partition(":")
        if self.session.analysis is not None:
            if kind == "actor":
                actor = self.session.analysis.actor_by_id().get(item_id)
                if actor:
                    return f"“{actor.name}”"
            for event in self.session.analysis.events:
                if event.id == item_id:
                    return f"the {event.type.title().lower()} “{event.text}”"
        return target

    def rows(self) -> list[NoteRow]:
        colors = self.categories
        rows: list[NoteRow] = []
        for item in self._items.all():
            if isinstance(item, ReaderHighlight) and not item.anchored:
                continue
            if isinstance(item, ReaderHighlight):
                quote = self.session.text[item.start : item.end]
                rows.append(
                    NoteRow(
                        item.id,
                        "highlight",
                        quote,
                        item.note,
                        item.category,
                        colors.get(item.category),
                        item.tags,
                        item.start,
                        item.end,
                    )
                )
            else:
                start, end = self._target_range(item.target)
                where = self.describe_target(item.target)
                rows.append(
                    NoteRow(item.id, "note", where[0].upper() + where[1:], item.text, None, None, item.tags, start, end)
                )
        return rows

    def _target_range(self, target: str) -> tuple[int | None, int | None]:
        kind, _, item_id = target.partition(":")
        if self.session.analysis is None or kind not in ("actor", "event"):
            return None, None
        if kind == "actor":
            actor = self.session.analysis.actor_by_id().get(item_id)
            if actor and actor.mentions:
                first = min(actor.mentions, key=lambda m: m.start)
                return first.start, first.end
            return None, None
        event = next((e for e in self.session.analysis.events if e.id == item_id), None)
        return (event.start, event.end) if event else (None, None)

    # ----- painting ----------------------------------------------------------------------------------

    def _refresh(self) -> None:
        self.view.set_spans(self.session.set_reader_highlights(self.highlights()))
        colors = self.categories
        to_qt = self.session.offsets.to_qt
        self.view.set_note_marks(
            [
                (to_qt(h.start), to_qt(h.end), h.note, colors.get(h.category, READER_PALETTE[0]))
                for h in self.highlights()
                if h.note.strip()
            ]
        )
        self._refresh_panel()
        self.items_changed.emit()

    def _refresh_panel(self) -> None:
        self.panel.set_rows(self.rows())
        colors = self.categories
        self.panel.set_unanchored(
            [
                NoteRow(h.id, "highlight", h.quote, h.note, h.category, colors.get(h.category), h.tags)
                for h in self.unanchored()
            ]
        )

    def reader_tooltips(self) -> dict[str, str]:
        return {
            h.id: f"<b>{h.category}</b>" + (f"<br>{_short(h.note, 200)}" if h.note else "") for h in self.highlights()
        }

    def _py(self, qt_position: int) -> int:
        return self.session.offsets.to_py(qt_position)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop surrounding white space from a selection so highlights start and end on text."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _short(text: str, limit: int = 40) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _swatch(color: str) -> QIcon:
    pixmap = QPixmap(14, 14)
    pixmap.fill(QColor(color))
    return QIcon(pixmap)

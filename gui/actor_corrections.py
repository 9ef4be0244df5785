"""The reader's corrections of the automatic analysis: actors (rename, change type, merge, remove, mark
all) and events (dismiss, correct the date).

Each correction is one undoable step. A step stores the actors and events before and after, so
undo is exact whatever the correction did (a merge also rewrites event participants). The edit
functions are pure: they take lists and return new lists, never touching the analysis in place.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QInputDialog, QMenu, QWidget

from gui.event_corrections import add_event_actions, ask_event_date, event_context
from gui.theme import ACTOR_STYLES
from gui.undo import InverseCommand
from models.domain import Actor, ActorType, Analysis, Event, MentionKind
from models.filters import date_interval
from models.library.corrections import (
    CorrectionOp,
    describe_op,
    dismiss_event,
    event_key,
    mark_all,
    merge,
    remove,
    rename,
    retype,
    set_event_date,
    span_key,
    split,
    split_mention,
    whole_word_spans,
)
from models.reading import Correction, Snapshot


class ActorCorrections(QObject):
    """Menus and undoable commands for actor corrections in one window."""

    def __init__(
        self,
        undo_stack: QUndoStack,
        get_analysis: Callable[[], Analysis | None],
        show_analysis: Callable[[Analysis], None],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._stack = undo_stack
        self._get = get_analysis
        self._show = show_analysis
        self._parent = parent
        # Called with each correction's op as it is made (True) or undone (False): the library keeps them.
        self.persist: Callable[[CorrectionOp, bool], None] | None = None
        # Replaceable in tests: ask(title, label, default) -> text or None; pick(title, label, items) -> item or None.
        self.ask: Callable[[str, str, str], str | None] = self._ask
        self.pick: Callable[[str, str, list[str]], str | None] = self._pick
        # choose_date(event) -> a TIMEX3 value or None (the date dialog; replaceable in tests).
        self.choose_date: Callable[[Event], str | None] = self._ask_date

    # ----- the commands ------------------------------------------------------------------------

    def apply(self, correction: Correction) -> Correction:
        # Kept first: when the library refuses it (StorageError), nothing changes on screen or on the undo stack.
        if correction.op is not None and self.persist is not None:
            self.persist(correction.op, not correction.undoing)
        analysis = self._get()
        if analysis is not None:
            correction.after.restore_into(analysis)
            self._show(analysis)
        return correction.inverse()

    def _push(self, text: str, actors: list[Actor], events: list[Event], op: CorrectionOp | None = None) -> None:
        analysis = self._get()
        if analysis is None:
            return
        before = Snapshot.of(analysis)
        after = Snapshot(tuple(actors), tuple(events))
        self._stack.push(InverseCommand(text, Correction(before, after, op), self.apply))

    def rename(self, actor_id: str, name: str) -> None:
        analysis = self._get()
        if analysis and name.strip():
            op = describe_op(analysis.actors, "rename", actor=actor_id, name=name.strip())
            self._push(f"Rename to “{name}”", *rename(analysis.actors, analysis.events, actor_id, name.strip()), op)

    def retype(self, actor_id: str, actor_type: ActorType) -> None:
        analysis = self._get()
        if analysis:
            label = ACTOR_STYLES[str(actor_type)].label
            op = describe_op(analysis.actors, "retype", actor=actor_id, type=str(actor_type))
            self._push(f"Change type to {label}", *retype(analysis.actors, analysis.events, actor_id, actor_type), op)

    def merge(self, source_id: str, target_id: str) -> None:
        analysis = self._get()
        if analysis and source_id != target_id:
            names = {a.id: a.name for a in analysis.actors}
            text = f"Merge “{names[source_id]}” into “{names[target_id]}”"
            op = describe_op(analysis.actors, "merge", source=source_id, target=target_id)
            self._push(text, *merge(analysis.actors, analysis.events, source_id, target_id), op)

    def split(self, actor_id: str, surface: str) -> None:
        analysis = self._get()
        if analysis:
            op = describe_op(analysis.actors, "split", actor=actor_id, surface=surface)
            self._push(f"Split off “{surface}”", *split(analysis.actors, analysis.events, actor_id, surface), op)

    def split_mention(self, actor_id: str, start: int, end: int) -> None:
        analysis = self._get()
        actor = analysis.actor_by_id().get(actor_id) if analysis else None
        mention = next((m for m in actor.mentions if (m.start, m.end) == (start, end)), None) if actor else None
        if analysis is None or mention is None:
            return
        key = span_key(mention, analysis.document.text)
        op = describe_op(analysis.actors, "split_mention", actor=actor_id, mention=key)
        edit = split_mention(analysis.actors, analysis.events, actor_id, start, end)
        self._push(f"Split off this “{mention.text}”", *edit, op)

    def remove(self, actor_id: str) -> None:
        analysis = self._get()
        if analysis:
            name = analysis.actor_by_id()[actor_id].name
            op = describe_op(analysis.actors, "remove", actor=actor_id)
            self._push(f"“{name}” is not an actor", *remove(analysis.actors, analysis.events, actor_id), op)

    def mark_all(self, name: str, actor_type: ActorType, actor_id: str | None = None) -> int:
        analysis = self._get()
        if analysis is None:
            return 0
        actors, events, count = mark_all(
            analysis.actors, analysis.events, analysis.document.text, name, actor_type, actor_id
        )
        if count:
            op = describe_op(analysis.actors, "mark_all", actor=actor_id, name=name, type=str(actor_type))
            self._push(f"Highlight all “{name}” ({count})", actors, events, op)
        return count

    def dismiss_event(self, event_id: str) -> None:
        analysis = self._get()
        event = next((e for e in analysis.events if e.id == event_id), None) if analysis else None
        if analysis is None or event is None:
            return
        op = CorrectionOp.new("dismiss_event", event=event_key(event, analysis.document.text))
        self._push(f"Dismiss event “{event.text}”", *dismiss_event(analysis.actors, analysis.events, event_id), op)

    def correct_event_date(self, event_id: str, date: str) -> bool:
        """Set an event's date to a TIMEX3 day, month, week, quarter or year; False if `date` is not one."""
        analysis = self._get()
        event = next((e for e in analysis.events if e.id == event_id), None) if analysis else None
        value = date.strip()
        if analysis is None or event is None or date_interval(value) is None:
            return False
        op = CorrectionOp.new("event_date", event=event_key(event, analysis.document.text), date=value)
        edit = set_event_date(analysis.actors, analysis.events, event_id, value)
        self._push(f"Date of “{event.text}” set to {value}", *edit, op)
        return True

    # ----- menus -----------------------------------------------------------------------------------

    def add_event_actions(self, menu: QMenu, event: Event) -> None:
        """The events panel's and the article's context menu on an event."""
        add_event_actions(menu, event, self)

    def _ask_date(self, event: Event) -> str | None:
        analysis = self._get()
        context = event_context(analysis.document.text, event) if analysis else event.text
        return ask_event_date(event, context, self._parent)

    def add_actor_actions(self, menu: QMenu, actor: Actor) -> None:
        """The actors panel's context menu."""
        menu.addAction("Rename…", lambda: self._rename_dialog(actor))
        types = menu.addMenu("Change Type")
        for key, style in ACTOR_STYLES.items():
            action = types.addAction(style.label, self._retype_slot(actor.id, ActorType(key)))
            action.setEnabled(key != str(actor.type))
        menu.addAction("Merge Into…", lambda: self._merge_dialog(actor))
        surfaces = sorted({m.text for m in actor.mentions if m.kind is MentionKind.NAME} - {actor.name})
        if surfaces and len({m.text for m in actor.mentions}) > 1:
            split_menu = menu.addMenu("Split Off")
            for surface in surfaces:
                split_menu.addAction(f"“{surface}” as Another Actor", self._split_slot(actor.id, surface))
        menu.addAction("Not an Actor", lambda: self.remove(actor.id))
        menu.addSeparator()
        menu.addAction(
            f"Highlight All Mentions of “{actor.name}”", lambda: self.mark_all(actor.name, actor.type, actor.id)
        )

    def add_mention_actions(self, menu: QMenu, offset: int) -> None:
        """The article's context menu on an actor's mention (`offset` in Python characters)."""
        analysis = self._get()
        found = [
            (m.end - m.start, a, m)
            for a in (analysis.actors if analysis else [])
            for m in a.mentions
            if m.start <= offset < m.end
        ]
        if not found:
            return
        _size, actor, mention = min(found, key=lambda f: f[0])
        if len(actor.mentions) < 2:
            return
        menu.addAction(
            f"Split Off This Mention from “{actor.name}”",
            lambda: self.split_mention(actor.id, mention.start, mention.end),
        )
        if mention.text != actor.name and any(m.text != mention.text for m in actor.mentions):
            menu.addAction(f"Split Off Mentions Named “{mention.text}”", self._split_slot(actor.id, mention.text))

    def add_selection_actions(self, menu: QMenu, selected_text: str) -> None:
        """The article's context menu on a selection: mark every occurrence of a missed name."""
        name = " ".join(selected_text.split())
        if not name or len(name) > 80:
            return
        sub = menu.addMenu(f"Mark All “{name}” as")
        for key, style in ACTOR_STYLES.items():
            sub.addAction(style.label, self._mark_slot(name, ActorType(key)))

    def _split_slot(self, actor_id: str, surface: str) -> Callable[[], None]:
        return lambda: self.split(actor_id, surface)

    def _retype_slot(self, actor_id: str, actor_type: ActorType) -> Callable[[], None]:
        return lambda: self.retype(actor_id, actor_type)

    def _mark_slot(self, name: str, actor_type: ActorType) -> Callable[[], object]:
        return lambda: self.mark_all(name, actor_type)

    def _rename_dialog(self, actor: Actor) -> None:
        name = self.ask("Rename actor", "Name:", actor.name)
        if name:
            self.rename(actor.id, name)

    def _merge_dialog(self, actor: Actor) -> None:
        analysis = self._get()
        if analysis is None:
            return
        others = sorted((a for a in analysis.actors if a.id != actor.id), key=lambda a: a.name.casefold())
        labels = [f"{a.name} ({ACTOR_STYLES[str(a.type)].label})" for a in others]
        choice = self.pick(f"Merge “{actor.name}” into", "Actor:", labels)
        if choice is not None and choice in labels:
            self.merge(actor.id, others[labels.index(choice)].id)

    def _ask(self, title: str, label: str, default: str) -> str | None:
        text, ok = QInputDialog.getText(self._parent, title, label, text=default)
        return text if ok else None

    def _pick(self, title: str, label: str, items: list[str]) -> str | None:
        item, ok = QInputDialog.getItem(self._parent, title, label, items, 0, False)
        return item if ok else None


__all__ = [
    "ActorCorrections",
    "mark_all",
    "merge",
    "remove",
    "rename",
    "retype",
    "whole_word_spans",
]

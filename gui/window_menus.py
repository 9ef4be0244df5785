"""Every action of the main window: its menus, toolbar, shortcuts and dock switches, in one place.

The window hands in what the actions do (`Commands`, plain callables) and the docks they switch;
this module never sees the window itself, so a menu item is added here and wired in one line.
Every action is also listed in Help › Keyboard Shortcuts, which reads the menu bar.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QUndoStack
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu, QToolBar

from gui.dialogs import show_about
from gui.shortcuts import ShortcutsDialog
from gui.theme import THEMES

Slot = Callable[[], Any]


@dataclass(frozen=True, slots=True)
class Commands:
    """What the window's actions do: each field is the slot one menu item, key or button runs."""

    # File
    open_file: Slot
    paste_document: Slot
    recent_files: Callable[[], list[str]]
    open_recent: Callable[[str], Any]
    clear_recent: Slot
    show_library: Slot
    show_library_actors: Slot
    show_library_stories: Slot
    add_folder: Slot
    export_library: Slot
    import_library: Slot
    import_annotations: Slot
    export_report: Slot
    cancel_analysis: Slot
    quit: Slot
    # Edit
    copy: Slot
    copy_markdown: Slot
    find: Slot
    find_next: Slot
    find_previous: Slot
    highlight: Slot
    add_note: Slot
    note_on_document: Slot
    edit_categories: Slot
    category_names: Callable[[], list[str]]
    highlight_with_number: Callable[[int], Any]
    document_date: Slot
    # View
    zoom_in: Slot
    zoom_out: Slot
    zoom_reset: Slot
    apply_theme: Callable[[str], Any]
    set_focus_mode: Callable[[bool], Any]
    set_per_actor: Callable[[bool], Any]
    set_mention_map: Callable[[bool], Any]
    mention_map_on: bool
    # Go
    next_mention: Slot
    previous_mention: Slot
    clear_selection: Slot


@dataclass(frozen=True, slots=True)
class Docks:
    """The panels View › … switches on and off, each with its key."""

    legend: QDockWidget
    actors: QDockWidget
    events: QDockWidget
    notes: QDockWidget
    toc: QDockWidget
    timeline: QDockWidget
    network: QDockWidget
    xray: QDockWidget


@dataclass(slots=True)
class WindowActions:
    """The actions the window (and its tests) reach again after building: enable, check, trigger."""

    open_action: QAction
    cancel_action: QAction
    export_action: QAction
    undo_action: QAction
    redo_action: QAction
    find_action: QAction
    highlight_action: QAction
    note_action: QAction
    focus_action: QAction
    per_actor_action: QAction
    map_action: QAction
    recent_menu: QMenu
    view_menu: QMenu
    toolbar: QToolBar
    theme_actions: dict[str, QAction] = field(default_factory=dict)
    category_actions: list[QAction] = field(default_factory=list)


def build_menus(
    host: QMainWindow,
    on: Commands,
    undo_stack: QUndoStack,
    docks: Docks,
) -> WindowActions:
    """Menus, toolbar and shortcuts of `host`; `docks` are the panels the View menu switches."""
    bar = host.menuBar()

    def act(text: str, shortcut: Any, slot: Slot | None) -> QAction:
        return make_action(host, text, shortcut, slot)

    file_menu = bar.addMenu("&File")
    open_action = act("&Open…", QKeySequence.StandardKey.Open, on.open_file)
    file_menu.addAction(open_action)
    file_menu.addAction(act("New from &Clipboard", QKeySequence("Ctrl+Shift+V"), on.paste_document))
    recent_menu = file_menu.addMenu("Open &Recent")
    recent_menu.aboutToShow.connect(lambda: fill_recent_menu(recent_menu, on))
    file_menu.addSeparator()
    file_menu.addAction(act("Import &Annotations…", None, on.import_annotations))
    file_menu.addSeparator()
    export_action = act("&Export Report…", QKeySequence("Ctrl+Shift+E"), on.export_report)
    file_menu.addAction(export_action)
    file_menu.addSeparator()
    cancel_action = act("&Stop Analysis", QKeySequence("Ctrl+."), on.cancel_analysis)
    cancel_action.setEnabled(False)
    file_menu.addAction(cancel_action)
    file_menu.addSeparator()
    file_menu.addAction(act("&Quit", QKeySequence("Ctrl+Q"), on.quit))

    edit_menu = bar.addMenu("&Edit")
    undo_action = undo_stack.createUndoAction(host, "&Undo")
    undo_action.setShortcut(QKeySequence.StandardKey.Undo)
    redo_action = undo_stack.createRedoAction(host, "&Redo")
    redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    edit_menu.addAction(undo_action)
    edit_menu.addAction(redo_action)
    edit_menu.addSeparator()
    edit_menu.addAction(act("&Copy", QKeySequence.StandardKey.Copy, on.copy))
    edit_menu.addAction(act("Copy as &Markdown", QKeySequence("Ctrl+Alt+C"), on.copy_markdown))
    edit_menu.addSeparator()
    find_action = act("&Find…", QKeySequence.StandardKey.Find, on.find)
    edit_menu.addAction(find_action)
    edit_menu.addAction(act("Find &Next", QKeySequence.StandardKey.FindNext, on.find_next))
    edit_menu.addAction(act("Find Pre&vious", QKeySequence.StandardKey.FindPrevious, on.find_previous))
    edit_menu.addSeparator()
    highlight_action = act("&Highlight Selection…", QKeySequence("H"), on.highlight)
    edit_menu.addAction(highlight_action)
    note_action = act("Add &Note…", QKeySequence("Ctrl+M"), on.add_note)
    edit_menu.addAction(note_action)
    edit_menu.addAction(act("Note on &Document…", QKeySequence("Ctrl+Shift+M"), on.note_on_document))
    edit_menu.addAction(act("Colour &Categories…", QKeySequence("Ctrl+Shift+K"), on.edit_categories))
    edit_menu.addAction(act("Document &Date…", QKeySequence("Ctrl+Shift+D"), on.document_date))
    category_actions = _add_category_keys(host, edit_menu, on)

    view_menu = bar.addMenu("&View")
    view_menu.addAction(act("Zoom &In", QKeySequence.StandardKey.ZoomIn, on.zoom_in))
    view_menu.addAction(act("Zoom &Out", QKeySequence.StandardKey.ZoomOut, on.zoom_out))
    view_menu.addAction(act("&Actual Size", QKeySequence("Ctrl+0"), on.zoom_reset))
    view_menu.addSeparator()
    theme_menu = view_menu.addMenu("&Theme")
    group = QActionGroup(host)
    theme_actions: dict[str, QAction] = {}
    for index, (name, theme) in enumerate(THEMES.items(), start=1):
        action = QAction(theme.label, host, checkable=True)
        action.setShortcut(QKeySequence(f"Ctrl+Shift+{index}"))
        action.triggered.connect(lambda _checked=False, n=name: on.apply_theme(n))
        group.addAction(action)
        theme_menu.addAction(action)
        theme_actions[name] = action
    focus_action = act("&Focus on Selection", QKeySequence("F"), None)
    focus_action.setCheckable(True)
    focus_action.toggled.connect(on.set_focus_mode)
    view_menu.addAction(focus_action)
    per_actor_action = act("One &Colour per Actor", QKeySequence("Ctrl+Shift+C"), None)
    per_actor_action.setCheckable(True)
    per_actor_action.toggled.connect(on.set_per_actor)
    view_menu.addAction(per_actor_action)
    view_menu.addSeparator()
    dock_keys = (
        (docks.legend, "Ctrl+1"),
        (docks.actors, "Ctrl+2"),
        (docks.events, "Ctrl+3"),
        (docks.notes, "Ctrl+4"),
        (docks.toc, "Ctrl+9"),
        (docks.timeline, "Ctrl+5"),
        (docks.network, "Ctrl+6"),
        (docks.xray, "Ctrl+7"),  # Ctrl+8: the mention map, below
    )
    for dock, keys in dock_keys:
        toggle = dock.toggleViewAction()
        toggle.setShortcut(QKeySequence(keys))
        view_menu.addAction(toggle)
    map_action = QAction("&Mention Map on Scroll Bar", host)
    map_action.setCheckable(True)
    map_action.setShortcut(QKeySequence("Ctrl+8"))
    map_action.setChecked(on.mention_map_on)
    map_action.toggled.connect(on.set_mention_map)
    host.addAction(map_action)
    view_menu.addAction(map_action)

    toolbar = host.addToolBar("Reading")
    toolbar.setObjectName("reading-toolbar")
    toolbar.setMovable(False)
    toolbar.addAction(open_action)
    toolbar.addSeparator()
    toolbar.addAction(highlight_action)
    toolbar.addAction(note_action)
    toolbar.addAction(focus_action)
    toolbar.addAction(find_action)
    toolbar_toggle = toolbar.toggleViewAction()
    toolbar_toggle.setText("&Toolbar")
    toolbar_toggle.setShortcut(QKeySequence("Ctrl+Shift+T"))
    view_menu.addAction(toolbar_toggle)

    go_menu = bar.addMenu("&Go")
    go_menu.addAction(act("&Next Mention", QKeySequence("N"), on.next_mention))
    go_menu.addAction(act("&Previous Mention", QKeySequence("P"), on.previous_mention))
    go_menu.addAction(act("&Clear Selection", QKeySequence("Ctrl+Shift+A"), on.clear_selection))

    # Everything across documents in one menu: the "Library › Actors", next to the documents it reads.
    library_menu = bar.addMenu("&Library")
    library_menu.addAction(act("&Documents and Notes…", QKeySequence("Ctrl+L"), on.show_library))
    library_menu.addAction(act("Add &Folder…", None, on.add_folder))
    library_menu.addSeparator()
    library_menu.addAction(act("&Actors…", None, on.show_library_actors))
    library_menu.addAction(act("&Stories and Questions…", None, on.show_library_stories))
    library_menu.addSeparator()
    library_menu.addAction(act("E&xport Library…", None, on.export_library))
    library_menu.addAction(act("&Import Library…", None, on.import_library))

    help_menu = bar.addMenu("&Help")
    help_menu.addAction(act("&Keyboard Shortcuts", QKeySequence("Ctrl+/"), lambda: ShortcutsDialog(bar, host).exec()))
    help_menu.addAction(act("&About Dramatis", QKeySequence("F1"), lambda: show_about(host)))

    return WindowActions(
        open_action=open_action,
        cancel_action=cancel_action,
        export_action=export_action,
        undo_action=undo_action,
        redo_action=redo_action,
        find_action=find_action,
        highlight_action=highlight_action,
        note_action=note_action,
        focus_action=focus_action,
        per_actor_action=per_actor_action,
        map_action=map_action,
        recent_menu=recent_menu,
        view_menu=view_menu,
        toolbar=toolbar,
        theme_actions=theme_actions,
        category_actions=category_actions,
    )


def _add_category_keys(host: QMainWindow, edit_menu: QMenu, on: Commands) -> list[QAction]:
    """Edit › Highlight as › 1 … 9: keys 1-9 highlight with colour category 1-9 (as in Hypothesis and Zotero).

    Plain digit keys, like H, F, N and P: a text field with focus still takes the digits typed into it.
    The items are named after the reader's categories each time the menu opens.
    """
    menu = edit_menu.addMenu("Highlight &As")
    menu.setObjectName("highlight-as-menu")
    actions: list[QAction] = []
    for number in range(1, 10):
        action = make_action(host, f"Category {number}", QKeySequence(str(number)), _with_number(on, number))
        action.setObjectName(f"highlight-as-{number}")
        menu.addAction(action)
        actions.append(action)

    def name_them() -> None:
        names = on.category_names()
        for number, action in enumerate(actions, start=1):
            action.setText(f"&{number} {names[number - 1]}" if number <= len(names) else f"{number} (no category)")
            action.setEnabled(number <= len(names))

    menu.aboutToShow.connect(name_them)
    name_them()
    return actions


def _with_number(on: Commands, number: int) -> Slot:
    return lambda: on.highlight_with_number(number)


def make_action(host: QMainWindow, text: str, shortcut: Any, slot: Slot | None) -> QAction:
    """A window-wide action (added to the window so its shortcut works with every menu hidden)."""
    action = QAction(text, host)
    if shortcut is not None:
        action.setShortcut(shortcut)
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    if slot is not None:
        action.triggered.connect(slot)
    host.addAction(action)
    return action


def fill_recent_menu(menu: QMenu, on: Commands) -> None:
    """File › Open Recent, filled as it opens (the list changes with every document opened)."""
    menu.clear()
    recent = on.recent_files()
    for index, path in enumerate(recent, start=1):
        action = menu.addAction(f"&{index % 10} {Path(path).name}")
        action.setToolTip(path)
        action.triggered.connect(lambda _checked=False, p=path: on.open_recent(p))
    if recent:
        menu.addSeparator()
        menu.addAction("Clear List", on.clear_recent)
    else:
        menu.addAction("No recent documents").setEnabled(False)

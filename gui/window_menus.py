"""The main window's menus, toolbar and shortcuts, kept apart so the window stays a composer."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence

from gui.copy_markdown import copy_as_markdown
from gui.dialogs import show_about
from gui.library_window import add_library_actions, import_annotations
from gui.shortcuts import ShortcutsDialog
from gui.theme import THEMES

if TYPE_CHECKING:
    from gui.main_window import MainWindow


def build_menus(w: MainWindow) -> None:
    """Menus, toolbar and shortcuts of the window (every action is also listed in Help › Keyboard shortcuts)."""
    file_menu = w.menuBar().addMenu("&File")
    w.open_action = make_action(w, "&Open…", QKeySequence.StandardKey.Open, w.choose_file)
    file_menu.addAction(w.open_action)
    file_menu.addAction(make_action(w, "New from &Clipboard", QKeySequence("Ctrl+Shift+V"), w.paste_document))
    w.recent_menu = file_menu.addMenu("Open &Recent")
    w.recent_menu.aboutToShow.connect(lambda: fill_recent_menu(w))
    file_menu.addSeparator()
    add_library_actions(w, file_menu)
    file_menu.addAction(make_action(w, "Import &Annotations…", None, lambda: import_annotations(w)))
    file_menu.addSeparator()
    w.cancel_action = make_action(w, "&Stop Analysis", QKeySequence("Ctrl+."), w.cancel_analysis)
    w.cancel_action.setEnabled(False)
    file_menu.addAction(w.cancel_action)
    file_menu.addSeparator()
    file_menu.addAction(make_action(w, "&Quit", QKeySequence("Ctrl+Q"), w.close))

    edit_menu = w.menuBar().addMenu("&Edit")
    w.undo_action = w.undo_stack.createUndoAction(w, "&Undo")
    w.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
    w.redo_action = w.undo_stack.createRedoAction(w, "&Redo")
    w.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    edit_menu.addAction(w.undo_action)
    edit_menu.addAction(w.redo_action)
    edit_menu.addSeparator()
    edit_menu.addAction(make_action(w, "&Copy", QKeySequence.StandardKey.Copy, w.view.copy))
    edit_menu.addAction(make_action(w, "Copy as &Markdown", QKeySequence("Ctrl+Alt+C"), lambda: copy_as_markdown(w)))
    edit_menu.addSeparator()
    w.find_action = make_action(w, "&Find…", QKeySequence.StandardKey.Find, w.find_bar.open_bar)
    edit_menu.addAction(w.find_action)
    edit_menu.addAction(make_action(w, "Find &Next", QKeySequence.StandardKey.FindNext, w.find_bar.find_next))
    edit_menu.addAction(
        make_action(w, "Find Pre&vious", QKeySequence.StandardKey.FindPrevious, w.find_bar.find_previous)
    )
    edit_menu.addSeparator()
    w.highlight_action = make_action(
        w, "&Highlight Selection…", QKeySequence("H"), w.reader.choose_category_and_highlight
    )
    edit_menu.addAction(w.highlight_action)
    w.note_action = make_action(w, "Add &Note…", QKeySequence("Ctrl+M"), w.reader.add_note_here)
    edit_menu.addAction(w.note_action)
    edit_menu.addAction(
        make_action(w, "Note on &Document…", QKeySequence("Ctrl+Shift+M"), lambda: w.reader.note_on_target("document"))
    )
    edit_menu.addAction(make_action(w, "Colour &Categories…", QKeySequence("Ctrl+Shift+K"), w.edit_categories))
    edit_menu.addAction(make_action(w, "Document &Date…", QKeySequence("Ctrl+Shift+D"), w.date_button.ask))
    w.edit_menu = edit_menu

    view_menu = w.menuBar().addMenu("&View")
    view_menu.addAction(make_action(w, "Zoom &In", QKeySequence.StandardKey.ZoomIn, w.view.zoom_in))
    view_menu.addAction(make_action(w, "Zoom &Out", QKeySequence.StandardKey.ZoomOut, w.view.zoom_out))
    view_menu.addAction(make_action(w, "&Actual Size", QKeySequence("Ctrl+0"), w.view.zoom_reset))
    view_menu.addSeparator()
    theme_menu = view_menu.addMenu("&Theme")
    group = QActionGroup(w)
    w.theme_actions = {}
    for index, (name, theme) in enumerate(THEMES.items(), start=1):
        action = QAction(theme.label, w, checkable=True)
        action.setShortcut(QKeySequence(f"Ctrl+Shift+{index}"))
        action.triggered.connect(lambda _checked=False, n=name: w.apply_theme(n))
        group.addAction(action)
        theme_menu.addAction(action)
        w.theme_actions[name] = action
    w.focus_action = make_action(w, "&Focus on Selection", QKeySequence("F"), None)
    w.focus_action.setCheckable(True)
    w.focus_action.toggled.connect(w._set_focus_mode)
    view_menu.addAction(w.focus_action)
    w.per_actor_action = make_action(w, "One &Colour per Actor", QKeySequence("Ctrl+Shift+C"), None)
    w.per_actor_action.setCheckable(True)
    w.per_actor_action.toggled.connect(w._set_per_actor)
    w.legend.per_actor_toggled.connect(w.per_actor_action.setChecked)
    view_menu.addAction(w.per_actor_action)
    view_menu.addSeparator()
    docks = (
        (w.legend_dock, "Ctrl+1"),
        (w.actors_dock, "Ctrl+2"),
        (w.events_dock, "Ctrl+3"),
        (w.notes_dock, "Ctrl+4"),
        (w.toc_dock, "Ctrl+9"),  # Ctrl+5 to Ctrl+8: the overview docks and the mention map
    )
    for dock, keys in docks:
        toggle = dock.toggleViewAction()
        toggle.setShortcut(QKeySequence(keys))
        view_menu.addAction(toggle)
    w.toolbar = w.addToolBar("Reading")
    w.toolbar.setObjectName("reading-toolbar")
    w.toolbar.setMovable(False)
    w.toolbar.addAction(w.open_action)
    w.toolbar.addSeparator()
    w.toolbar.addAction(w.highlight_action)
    w.toolbar.addAction(w.note_action)
    w.toolbar.addAction(w.focus_action)
    w.toolbar.addAction(w.find_action)
    toolbar_toggle = w.toolbar.toggleViewAction()
    toolbar_toggle.setText("&Toolbar")
    toolbar_toggle.setShortcut(QKeySequence("Ctrl+Shift+T"))
    view_menu.addAction(toolbar_toggle)
    w.view_menu = view_menu

    go_menu = w.menuBar().addMenu("&Go")
    go_menu.addAction(make_action(w, "&Next Mention", QKeySequence("N"), lambda: w.reading.jump(True)))
    go_menu.addAction(make_action(w, "&Previous Mention", QKeySequence("P"), lambda: w.reading.jump(False)))
    go_menu.addAction(make_action(w, "&Clear Selection", QKeySequence("Ctrl+Shift+A"), w._clear_selection))

    help_menu = w.menuBar().addMenu("&Help")
    help_menu.addAction(
        make_action(w, "&Keyboard Shortcuts", QKeySequence("Ctrl+/"), lambda: ShortcutsDialog(w.menuBar(), w).exec())
    )
    help_menu.addAction(make_action(w, "&About Dramatis", QKeySequence("F1"), lambda: show_about(w)))


def make_action(w: MainWindow, text: str, shortcut: Any, slot: Any) -> QAction:
    """A window-wide action (added to the window so its shortcut works with every menu hidden)."""
    action = QAction(text, w)
    if shortcut is not None:
        action.setShortcut(shortcut)
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    if slot is not None:
        action.triggered.connect(slot)
    w.addAction(action)
    return action


def fill_recent_menu(w: MainWindow) -> None:
    w.recent_menu.clear()
    recent = w.ui.recent_files()
    for index, path in enumerate(recent, start=1):
        action = w.recent_menu.addAction(f"&{index % 10} {Path(path).name}")
        action.setToolTip(path)
        action.triggered.connect(lambda _checked=False, p=path: w.open_path(p))
    if recent:
        w.recent_menu.addSeparator()
        w.recent_menu.addAction("Clear List", w.ui.clear_recent)
    else:
        w.recent_menu.addAction("No recent documents").setEnabled(False)

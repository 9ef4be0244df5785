"""Help › Keyboard shortcuts: every menu action and its keys, read from the menus themselves.

Reading the live menus (rather than a hand-kept list) means the dialog can never drift from
what the keys actually do.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMenu,
    QMenuBar,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)


def menu_shortcuts(menu_bar: QMenuBar) -> list[tuple[str, list[tuple[str, str]]]]:
    """(menu title, [(action text, shortcut text)]) for every menu, in menu order."""
    groups: list[tuple[str, list[tuple[str, str]]]] = []

    def walk(menu: QMenu, title: str) -> None:
        rows: list[tuple[str, str]] = []
        submenus: list[tuple[QMenu, str]] = []
        for action in menu.actions():
            if action.isSeparator():
                continue
            sub = action.menu()
            if isinstance(sub, QMenu):
                submenus.append((sub, f"{title} › {_clean(action.text())}"))
                continue
            keys = ", ".join(
                s.toString(QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts() if not s.isEmpty()
            )
            if keys:
                rows.append((_clean(action.text()), keys))
        if rows:
            groups.append((title, rows))
        for sub_menu, sub_title in submenus:
            walk(sub_menu, sub_title)

    for action in menu_bar.actions():
        sub = action.menu()
        if isinstance(sub, QMenu):
            walk(sub, _clean(action.text()))
    return groups


def extra_shortcuts() -> list[tuple[str, str]]:
    """Keys that live in widgets rather than in menus."""
    return [
        ("Next / previous find match (in the find bar)", "Enter / Shift+Enter"),
        ("Close the find bar", "Esc"),
        ("Zoom with the mouse wheel", "Ctrl+Wheel"),
    ]


class ShortcutsDialog(QDialog):
    """A read-only table of shortcuts, grouped by menu."""

    def __init__(self, menu_bar: QMenuBar, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.resize(520, 560)
        self.tree = QTreeWidget()
        self.tree.setObjectName("shortcuts-tree")
        self.tree.setHeaderLabels(["Action", "Keys"])
        self.tree.setRootIsDecorated(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        groups = [*menu_shortcuts(menu_bar), ("In the reading view", extra_shortcuts())]
        for title, rows in groups:
            head = QTreeWidgetItem([title, ""])
            font = head.font(0)
            font.setBold(True)
            head.setFont(0, font)
            self.tree.addTopLevelItem(head)
            head.setFirstColumnSpanned(True)
            for text, keys in rows:
                self.tree.addTopLevelItem(QTreeWidgetItem([f"    {text}", keys]))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree)
        layout.addWidget(buttons)


def _clean(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


__all__ = ["QAction", "ShortcutsDialog", "menu_shortcuts"]

"""Keys 1-9: highlight the selection with colour category 1-9, as readers know from Hypothesis and Zotero.

Plain digit keys, like H, F, N and P: a text field with focus still takes the digits typed into it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

if TYPE_CHECKING:
    from gui.main_window import MainWindow

from gui.window_menus import make_action


def add_category_keys(w: MainWindow) -> list[QAction]:
    """Edit › Highlight as › 1 … 9 (named after the reader's categories each time the menu opens)."""
    menu = w.edit_menu.addMenu("Highlight &As")
    menu.setObjectName("highlight-as-menu")
    actions: list[QAction] = []
    for number in range(1, 10):
        action = make_action(
            w,
            f"Category {number}",
            QKeySequence(str(number)),
            lambda _c=False, n=number: w.reader.highlight_with_number(n),
        )
        action.setObjectName(f"highlight-as-{number}")
        menu.addAction(action)
        actions.append(action)

    def name_them() -> None:
        names = list(w.reader.categories)
        for number, action in enumerate(actions, start=1):
            action.setText(f"&{number} {names[number - 1]}" if number <= len(names) else f"{number} (no category)")
            action.setEnabled(number <= len(names))

    menu.aboutToShow.connect(name_them)
    name_them()
    return actions

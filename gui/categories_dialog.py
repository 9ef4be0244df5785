"""Edit the reader's colour categories: names that say what each colour means."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.views.style import READER_PALETTE


class CategoriesDialog(QDialog):
    """A list of named colours with add, rename, recolour and remove; the result is applied as one edit."""

    def __init__(self, colors: dict[str, str], used: set[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Colour categories")
        self.resize(380, 320)
        self._used = used
        self.renamed: dict[str, str] = {}
        self.list = QListWidget()
        self.list.setObjectName("categories-list")
        for name, color in colors.items():
            self._add_item(name, color)
        buttons = QVBoxLayout()
        for text, slot in (
            ("Add…", self.add),
            ("Rename…", self.rename),
            ("Colour…", self.recolor),
            ("Remove", self.remove),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addLayout(buttons)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(box)
        # Replaceable in tests.
        self.ask_name: Callable[[str, str], str | None] = self._ask_name
        self.ask_color: Callable[[str], str | None] = self._ask_color
        self.inform: Callable[[str], object] = lambda text: QMessageBox.information(self, "Colour categories", text)

    def colors(self) -> dict[str, str]:
        result: dict[str, str] = {}
        for i in range(self.list.count()):
            item = self.list.item(i)
            result[item.text()] = str(item.data(Qt.ItemDataRole.UserRole))
        return result

    def add(self) -> None:
        name = self.ask_name("New category", "")
        if not name or name in self.colors():
            return
        taken = set(self.colors().values())
        color = next((c for c in READER_PALETTE if c not in taken), READER_PALETTE[0])
        self._add_item(name, color)

    def rename(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        old = item.text()
        name = self.ask_name("Rename category", old)
        if not name or name == old or name in self.colors():
            return
        item.setText(name)
        original = next((k for k, v in self.renamed.items() if v == old), old)
        self.renamed[original] = name

    def recolor(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        color = self.ask_color(str(item.data(Qt.ItemDataRole.UserRole)))
        if color:
            item.setData(Qt.ItemDataRole.UserRole, color)
            item.setIcon(_swatch(color))

    def remove(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        original = next((k for k, v in self.renamed.items() if v == item.text()), item.text())
        if original in self._used:
            self.inform(f"Some highlights use “{item.text()}”; give them another colour first.")
            return
        self.list.takeItem(self.list.row(item))

    def _add_item(self, name: str, color: str) -> None:
        item = QListWidgetItem(_swatch(color), name)
        item.setData(Qt.ItemDataRole.UserRole, color)
        self.list.addItem(item)
        self.list.setCurrentItem(item)

    def _ask_name(self, title: str, current: str) -> str | None:
        text, ok = QInputDialog.getText(self, title, "Name (what the colour means):", text=current)
        return text.strip() if ok else None

    def _ask_color(self, current: str) -> str | None:
        color = QColorDialog.getColor(QColor(current), self, "Category colour")
        return color.name() if color.isValid() else None


def _swatch(color: str) -> QIcon:
    pixmap = QPixmap(14, 14)
    pixmap.fill(QColor(color))
    return QIcon(pixmap)

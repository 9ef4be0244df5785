"""The Contents panel: a book's chapters (or a document's headings); a click jumps there in the article."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from models.domain import Document

OFFSET_ROLE = Qt.ItemDataRole.UserRole + 30
MAX_HEADING_LEVEL = 3  # deeper headings make the list longer than it is useful


class TocPanel(QWidget):
    """Lists chapters in reading order; without chapters, the headings nested by level.

    Signals:
        position_chosen(int): the reader picked an entry; Python offset into the document text.
    """

    position_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tree = QTreeWidget()
        self.tree.setObjectName("toc-tree")
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.itemClicked.connect(self._choose)
        self.tree.itemActivated.connect(self._choose)
        self.hint = QLabel("This document has no chapters or headings.")
        self.hint.setObjectName("toc-hint")
        self.hint.setWordWrap(True)
        self.hint.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.hint)
        layout.addWidget(self.tree, 1)
        self.set_document(None)

    def set_document(self, document: Document | None) -> None:
        self.tree.clear()
        if document is not None:
            if document.chapters:
                for chapter in document.chapters:
                    self._item(None, chapter.title, chapter.start)
            else:
                self._add_headings(document)
        nested = any(item.childCount() for item in self._top_items())
        self.tree.setRootIsDecorated(nested)
        self.tree.expandAll()
        self.hint.setVisible(self.tree.topLevelItemCount() == 0)

    def entry_count(self) -> int:
        count = 0
        stack = self._top_items()
        while stack:
            item = stack.pop()
            count += 1
            stack.extend(child for i in range(item.childCount()) if (child := item.child(i)) is not None)
        return count

    def _top_items(self) -> list[QTreeWidgetItem]:
        items = (self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount()))
        return [item for item in items if item is not None]

    def _add_headings(self, document: Document) -> None:
        parents: list[tuple[int, QTreeWidgetItem]] = []
        for block in document.blocks:
            if block.kind != "heading" or block.level > MAX_HEADING_LEVEL:
                continue
            while parents and parents[-1][0] >= block.level:
                parents.pop()
            title = " ".join(document.text[block.start : block.end].split())
            item = self._item(parents[-1][1] if parents else None, title, block.start)
            parents.append((block.level, item))

    def _item(self, parent: QTreeWidgetItem | None, title: str, offset: int) -> QTreeWidgetItem:
        item = QTreeWidgetItem([title])
        item.setToolTip(0, title)
        item.setData(0, OFFSET_ROLE, offset)
        if parent is None:
            self.tree.addTopLevelItem(item)
        else:
            parent.addChild(item)
        return item

    def _choose(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        offset = item.data(0, OFFSET_ROLE)
        if isinstance(offset, int):
            self.position_chosen.emit(offset)

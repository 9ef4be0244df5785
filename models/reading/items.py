"""The open document's highlights and notes, kept in step with the store that holds them.

Every change is written to the store first; only when the store took it does the open document
change, so a refused write (a `StorageError`, raised on) leaves what the reader sees as it was.
"""

from __future__ import annotations

from dataclasses import replace

from models.domain import Document
from models.reader import Item, ReaderHighlight, ReaderNote
from models.reading.store import MemoryStore, ReaderStore
from models.reading.undo import Change


class ReaderItems:
    """The reader's items of one document (by id) and the store they are written to."""

    def __init__(self, store: ReaderStore | None = None) -> None:
        self.store: ReaderStore = store if store is not None else MemoryStore()
        self.doc_key: str | None = None
        self._items: dict[str, Item] = {}

    def open(self, document: Document) -> str | None:
        """Read the document's items; the store's sentence about the document (a changed text), if any."""
        self.doc_key = document.sha256
        message = self.store.remember(document)
        self._items = {item.id: item for item in self.store.load_items(document.sha256)}
        return message

    def reload(self) -> bool:
        """Read every item again (annotations were imported); False when no document is open."""
        if self.doc_key is None:
            return False
        self._items = {item.id: item for item in self.store.load_items(self.doc_key)}
        return True

    def reload_notes(self) -> bool:
        """Read the notes again (a new analysis may have moved them to new actor ids); True if any changed."""
        if self.doc_key is None:
            return False
        fresh = {note.id: note for note in self.store.load_notes(self.doc_key)}
        if any(self._items.get(key) != item for key, item in fresh.items()):
            self._items.update(fresh)
            return True
        return False

    def get(self, item_id: str) -> Item | None:
        return self._items.get(item_id)

    def all(self) -> list[Item]:
        return list(self._items.values())

    def highlights(self) -> list[ReaderHighlight]:
        """The highlights placed on the text, in reading order (unanchored ones are listed apart, never painted)."""
        return sorted(
            (i for i in self._items.values() if isinstance(i, ReaderHighlight) and i.anchored), key=lambda h: h.start
        )

    def unanchored(self) -> list[ReaderHighlight]:
        """Highlights whose passage was not found in the changed text: kept until re-attached or deleted."""
        return [i for i in self._items.values() if isinstance(i, ReaderHighlight) and not i.anchored]

    def notes(self) -> list[ReaderNote]:
        return [i for i in self._items.values() if isinstance(i, ReaderNote)]

    def apply(self, change: Change) -> bool:
        """Write one change, then take it; False when no document is open (nothing to write to).

        Raises the store's `StorageError` with nothing changed.
        """
        if self.doc_key is None:
            return False
        removed = change.before is not None and (change.after is None or change.after.id != change.before.id)
        if removed and change.before is not None:
            self.store.delete_item(self.doc_key, change.before)
        if change.after is not None:
            self.store.save_item(self.doc_key, change.after)
        if removed and change.before is not None:
            self._items.pop(change.before.id, None)
        if change.after is not None:
            self._items[change.after.id] = change.after
        return True

    def rename_categories(self, renamed: dict[str, str]) -> None:
        """Highlights of a renamed category take the new name, each written before it is taken."""
        if not renamed or self.doc_key is None:
            return
        for item in list(self._items.values()):
            if isinstance(item, ReaderHighlight) and item.category in renamed:
                moved = replace(item, category=renamed[item.category])
                self.store.save_item(self.doc_key, moved)
                self._items[moved.id] = moved

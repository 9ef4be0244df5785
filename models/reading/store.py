"""Where the reader's items of one document are kept: the protocol the library fulfils, and a store for the
session alone (no library, or tests)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from models.domain import Document
from models.reader import Item, ReaderNote


class ReaderStore(Protocol):
    """Where the reader's items of one document are kept (the library)."""

    def remember(self, document: Document) -> str | None: ...

    def load_items(self, doc_key: str) -> list[Item]: ...

    def load_notes(self, doc_key: str) -> list[ReaderNote]: ...

    def save_item(self, doc_key: str, item: Item) -> None: ...

    def delete_item(self, doc_key: str, item: Item) -> None: ...

    def categories(self) -> dict[str, str]: ...

    def set_categories(self, colors: dict[str, str]) -> None: ...

    def keep_unsaved(self, text: str) -> Path | None: ...


@dataclass
class MemoryStore:
    """Keeps items for the session only (used when no library is attached, e.g. in tests)."""

    items: dict[str, dict[str, Item]] = field(default_factory=dict)
    colors: dict[str, str] = field(default_factory=dict)  # the reader's colour categories, name: colour

    def remember(self, document: Document) -> str | None:
        del document
        return None

    def load_items(self, doc_key: str) -> list[Item]:
        return list(self.items.get(doc_key, {}).values())

    def load_notes(self, doc_key: str) -> list[ReaderNote]:
        return [i for i in self.items.get(doc_key, {}).values() if isinstance(i, ReaderNote)]

    def save_item(self, doc_key: str, item: Item) -> None:
        self.items.setdefault(doc_key, {})[item.id] = item

    def delete_item(self, doc_key: str, item: Item) -> None:
        self.items.get(doc_key, {}).pop(item.id, None)

    def categories(self) -> dict[str, str]:
        return dict(self.colors)

    def set_categories(self, colors: dict[str, str]) -> None:
        self.colors = dict(colors)

    def keep_unsaved(self, text: str) -> None:
        """Nothing to keep aside: this store never refuses a write."""
        del text


def new_id(prefix: str) -> str:
    """A fresh id for a reader's item: `prefix` ("h" highlight, "n" note) and 12 hex digits."""
    return f"{prefix}{uuid.uuid4().hex[:12]}"

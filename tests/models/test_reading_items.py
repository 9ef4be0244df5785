"""The reader's items are written to the store before the open document takes them."""

from __future__ import annotations

import pytest

from models.domain import Document
from models.errors import StorageError
from models.reader import Item, ReaderHighlight, ReaderNote
from models.reading import Change, MemoryStore
from models.reading.items import ReaderItems


class RefusingStore(MemoryStore):
    """A store that refuses every write, as a read-only or full library does."""

    def save_item(self, doc_key: str, item: Item) -> None:
        raise StorageError("The library is read-only.")

    def delete_item(self, doc_key: str, item: Item) -> None:
        raise StorageError("The library is read-only.")


def test_a_change_is_written_then_taken_and_a_refused_one_changes_nothing() -> None:
    document = Document(text="Zoë Müller met Hollande.", title="t")
    store = MemoryStore()
    items = ReaderItems(store)
    items.open(document)
    highlight = ReaderHighlight("h1", 0, 10, "Question", "Zoë Müller")
    assert items.apply(Change(None, highlight))
    assert store.load_items(document.sha256) == [highlight] and items.highlights() == [highlight]

    note = ReaderNote("n1", "document", "Who else?")
    items.store = RefusingStore()
    with pytest.raises(StorageError):
        items.apply(Change(None, note))
    with pytest.raises(StorageError):
        items.apply(Change(highlight, None))
    assert items.all() == [highlight]  # what the reader sees stays as it was


def test_renaming_a_category_moves_its_highlights_and_nothing_applies_before_a_document() -> None:
    items = ReaderItems()
    assert not items.apply(Change(None, ReaderHighlight("h0", 0, 1, "Question", "Z")))
    document = Document(text="Zoë Müller met Hollande.", title="t")
    items.open(document)
    items.apply(Change(None, ReaderHighlight("h1", 0, 3, "Question", "Zoë")))
    items.apply(Change(None, ReaderHighlight("h2", 15, 23, "Evidence", "Hollande")))
    items.rename_categories({"Question": "Doubt"})
    assert [h.category for h in items.highlights()] == ["Doubt", "Evidence"]
    assert {h.category for h in items.store.load_items(document.sha256) if isinstance(h, ReaderHighlight)} == {
        "Doubt",
        "Evidence",
    }

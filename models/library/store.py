"""The library: one SQLite database holding documents, cached analyses and the reader's work.

`Library` is the connection (`models.library.connection`: opening, recovery, migrations, one
transaction per user action, SQLite errors turned into `LibraryError`) with its parts, each a small
module over that one connection: documents, analyses, reader_items, categories, correction_log,
search and transfer. Its methods only hand each call to the part that does the job, so callers
keep one object and one vocabulary.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from models.domain import Analysis, Document
from models.library.analyses import Analyses
from models.library.categories import Categories
from models.library.connection import LIBRARY_SUFFIX, LibraryConnection
from models.library.correction_log import CorrectionLog
from models.library.corrections import CorrectionOp
from models.library.documents import DocumentRow, Documents, OpenedDocument
from models.library.reader_items import ReaderItems
from models.library.search import Search, SearchHit, fts_query
from models.library.transfer import ImportSummary, Transfer
from models.reader import Item, ReaderNote

__all__ = [
    "LIBRARY_SUFFIX",
    "DocumentRow",
    "ImportSummary",
    "Library",
    "OpenedDocument",
    "SearchHit",
    "fts_query",
]


class Library(LibraryConnection):
    """The open library database (one connection, used from the thread that opened it) and its parts."""

    def __init__(self, path: str | os.PathLike[str], *, recover: bool = True, check: bool = True) -> None:
        """`check=False` skips the whole-file check, for extra connections once the window's own has made it."""
        super().__init__(path, recover=recover, check=check)
        self._documents = Documents(self)
        self._analyses = Analyses(self, self._documents)
        self._categories = Categories(self)
        self._items = ReaderItems(self, self._documents, self._categories)
        self._corrections = CorrectionLog(self)
        self._search = Search(self)
        self._transfer = Transfer(self, self._documents)

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # ----- documents -------------------------------------------------------------------------------

    def add_document(self, document: Document) -> OpenedDocument:
        return self._documents.add(document)

    def find_document(self, key: str) -> str | None:
        return self._documents.find(key)

    def has_document(self, doc_hash: str) -> bool:
        return self._documents.has(doc_hash)

    def load_document(self, doc_hash: str) -> Document | None:
        return self._documents.load(doc_hash)

    def documents(self, trashed: bool = False) -> list[DocumentRow]:
        return self._documents.rows(trashed)

    def rename(self, doc_hash: str, title: str) -> None:
        self._documents.rename(doc_hash, title)

    def set_date(self, doc_hash: str, date: str | None, *, actors: bool = True) -> None:
        """Set the date a document was written; `actors=False` leaves its actors' first and last dates to a
        later `refresh_actor_dates` (the window runs that on its library worker)."""
        self._documents.set_date(doc_hash, date, actors=actors)

    def refresh_actor_dates(self, doc_hash: str) -> None:
        """The first and last dates of the library actors of one document, after its date changed."""
        self._documents.refresh_actor_dates(doc_hash)

    def trash(self, doc_hash: str) -> None:
        self._documents.trash(doc_hash)

    def restore(self, doc_hash: str) -> None:
        self._documents.restore(doc_hash)

    def empty_trash(self) -> int:
        return self._documents.empty_trash()

    # ----- analyses ---------------------------------------------------------------------------------

    def cached_analysis(self, doc_hash: str, analyzer_version: str) -> Analysis | None:
        return self._analyses.cached(doc_hash, analyzer_version)

    def previous_analysis(self, doc_hash: str, analyzer_version: str) -> Analysis | None:
        return self._analyses.previous(doc_hash, analyzer_version)

    def store_analysis(self, analysis: Analysis, *, index: bool = True) -> None:
        self._analyses.store(analysis, index=index)

    # ----- the reader's items ------------------------------------------------------------------------

    def load_items(self, doc_hash: str) -> list[Item]:
        return self._items.load(doc_hash)

    def load_notes(self, doc_hash: str) -> list[ReaderNote]:
        return self._items.notes(doc_hash)

    def save_item(self, doc_hash: str, item: Item, target_key: dict[str, Any] | None = None) -> None:
        self._items.save(doc_hash, item, target_key)

    def add_items(self, doc_items: list[tuple[str, list[Item]]], categories: dict[str, str] | None = None) -> None:
        self._items.save_many(doc_items, categories)

    def delete_item(self, doc_hash: str, item: Item) -> None:
        self._items.delete(doc_hash, item)

    def retarget_notes(self, doc_hash: str, mapping: dict[str, str]) -> int:
        return self._items.retarget_notes(doc_hash, mapping)

    def note_targets(self, doc_hash: str) -> list[tuple[str, str, dict[str, Any] | None]]:
        return self._items.note_targets(doc_hash)

    def set_note_targets(self, changes: list[tuple[str, str, dict[str, Any] | None]]) -> None:
        self._items.set_note_targets(changes)

    # ----- categories and corrections ---------------------------------------------------------------

    def categories(self) -> dict[str, str]:
        return self._categories.all()

    def set_categories(self, colors: dict[str, str]) -> None:
        self._categories.replace(colors)

    def corrections(self, doc_hash: str) -> list[CorrectionOp]:
        return self._corrections.of(doc_hash)

    def add_correction(self, doc_hash: str, op: CorrectionOp) -> None:
        self._corrections.add(doc_hash, op)

    def remove_correction(self, op_id: str) -> None:
        self._corrections.remove(op_id)

    # ----- search and the whole library as one file ---------------------------------------------------

    def search(self, query: str, limit: int = 200) -> list[SearchHit]:
        return self._search.run(query, limit)

    def export_to(self, destination: str | os.PathLike[str]) -> Path:
        return self._transfer.export_to(destination)

    def import_from(self, source: str | os.PathLike[str]) -> ImportSummary:
        return self._transfer.import_from(source)

"""The reader's library: documents, cached analyses and the reader's own work in one SQLite file."""

from models.library.store import DocumentRow, ImportSummary, Library, OpenedDocument, SearchHit

__all__ = ["DocumentRow", "ImportSummary", "Library", "OpenedDocument", "SearchHit"]

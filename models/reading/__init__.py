"""The open document's reading work without Qt: undo records for the reader's items and the
analysis corrections, and where the reader's items are kept."""

from models.reading.store import MemoryStore, ReaderStore, new_id
from models.reading.undo import CategoryChange, Change, Correction, Snapshot

__all__ = ["CategoryChange", "Change", "Correction", "MemoryStore", "ReaderStore", "Snapshot", "new_id"]

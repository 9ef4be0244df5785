"""The library's documents: their records, versions (a changed file takes over its earlier work) and trash."""

from __future__ import annotations

import contextlib
import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from models.domain import Chapter, Document, TextBlock
from models.errors import StorageError
from models.library.actor_membership import document_actor_ids, refresh_dates
from models.library.anchoring import Anchor, make_anchor, reanchor
from models.library.connection import LibraryConnection, Part, now

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class DocumentRow:
    """One line of the library's document list."""

    hash: str
    title: str
    date: str | None
    source: str | None
    format: str
    opened_at: str
    note_count: int
    trashed_at: str | None = None


@dataclass(frozen=True, slots=True)
class OpenedDocument:
    """What registering a document did: a new record, carried over from an earlier version, or known."""

    hash: str
    is_new: bool
    previous: str | None = None  # hash of the earlier version whose work moved here
    placed: int = 0
    unanchored: int = 0


class Documents(Part):
    """Documents by their text's hash, with the paths they were opened from and a small cache of texts."""

    def __init__(self, connection: LibraryConnection) -> None:
        super().__init__(connection)
        self._texts: dict[str, str] = {}

    def add(self, document: Document) -> OpenedDocument:
        """Record `document` (same text, same record); a new version of a known file takes over its work."""
        doc_hash = document.sha256
        stamp = now()
        source = str(document.source_path) if document.source_path else None
        with self.c.write() as conn:
            row = conn.execute("SELECT superseded_by, trashed_at FROM documents WHERE hash = ?", (doc_hash,)).fetchone()
            is_new = row is None
            if is_new:
                self.db.table("documents").insert(
                    {
                        "hash": doc_hash,
                        "title": document.title or (Path(source).stem if source else "Untitled"),
                        "date": document.date,
                        "format": document.format,
                        "author": document.author,
                        "structure": _structure_json(document),
                        "text": document.text,
                        "added_at": stamp,
                        "opened_at": stamp,
                    }
                )
            else:
                conn.execute("UPDATE documents SET opened_at = ?, trashed_at = NULL WHERE hash = ?", (stamp, doc_hash))
            result = OpenedDocument(doc_hash, is_new)
            if source and (is_new or row[0] is not None):
                previous = conn.execute(
                    "SELECT d.hash FROM document_sources s JOIN documents d ON d.hash = s.doc_hash "
                    "WHERE s.path = ? AND d.hash != ? AND d.superseded_by IS NULL AND d.trashed_at IS NULL "
                    "ORDER BY s.seen_at DESC LIMIT 1",
                    (source, doc_hash),
                ).fetchone()
                if previous is not None:
                    placed, unanchored = self._carry_over(previous[0], doc_hash, document.text)
                    result = OpenedDocument(doc_hash, is_new, previous[0], placed, unanchored)
            if row is not None and row[0] is not None and result.previous is None:
                conn.execute("UPDATE documents SET superseded_by = NULL WHERE hash = ?", (doc_hash,))
            if source:
                self.db.table("document_sources").upsert(
                    {"path": source, "doc_hash": doc_hash, "seen_at": stamp}, pk=("path", "doc_hash")
                )
        self._texts[doc_hash] = document.text
        return result

    def _carry_over(self, old: str, new: str, text: str) -> tuple[int, int]:
        """Move the reader's work from an earlier version of a document to `new`, re-anchoring highlights."""
        conn = self.conn
        placed = unanchored = 0
        rows = conn.execute(
            'SELECT id, start, "end", exact, prefix, suffix FROM highlights WHERE doc_hash = ?', (old,)
        ).fetchall()
        stamp = now()
        for item_id, start, end, exact, prefix, suffix in rows:
            where = reanchor(text, Anchor(exact, prefix, suffix, start, end))
            if where is None:
                unanchored += 1
                conn.execute(
                    "UPDATE highlights SET doc_hash = ?, anchored = 0, updated_at = ? WHERE id = ?",
                    (new, stamp, item_id),
                )
                continue
            placed += 1
            anchor = make_anchor(text, where.start, where.end)
            conn.execute(
                'UPDATE highlights SET doc_hash = ?, start = ?, "end" = ?, exact = ?, prefix = ?, suffix = ?, '
                "anchored = 1, updated_at = ? WHERE id = ?",
                (new, anchor.start, anchor.end, anchor.exact, anchor.prefix, anchor.suffix, stamp, item_id),
            )
        conn.execute("UPDATE notes SET doc_hash = ? WHERE doc_hash = ?", (new, old))
        conn.execute("UPDATE corrections SET doc_hash = ? WHERE doc_hash = ?", (new, old))
        # Old versions stay on record (their text may matter) but leave the document list.
        conn.execute("UPDATE documents SET superseded_by = ? WHERE hash = ?", (new, old))
        conn.execute("UPDATE documents SET superseded_by = ? WHERE superseded_by = ?", (new, old))
        if placed or unanchored:
            log.info("carried %d highlights over to a new version (%d unanchored)", placed + unanchored, unanchored)
        return placed, unanchored

    def find(self, key: str) -> str | None:
        """The hash of the current version of a document named by its text hash (or a unique start of it, 8+
        characters) or by a path it was opened from; None when the library knows no such document."""
        key = key.strip()
        if re.fullmatch(r"[0-9a-fA-F]{8,64}", key):
            rows = self.conn.execute(
                "SELECT hash FROM documents WHERE hash LIKE ? || '%' LIMIT 2", (key.lower(),)
            ).fetchall()
            if len(rows) == 1:
                return self._current(str(rows[0][0]))
        candidates = [key]
        with contextlib.suppress(OSError, RuntimeError):
            candidates.append(str(Path(key).expanduser().resolve()))
        for path in candidates:
            row = self.conn.execute(
                "SELECT doc_hash FROM document_sources WHERE path = ? ORDER BY seen_at DESC LIMIT 1", (path,)
            ).fetchone()
            if row is not None:
                return self._current(str(row[0]))
        return None

    def _current(self, doc_hash: str) -> str:
        """Follow `superseded_by` to the version of a document the reader's work now lives on."""
        seen = {doc_hash}
        while True:
            row = self.conn.execute("SELECT superseded_by FROM documents WHERE hash = ?", (doc_hash,)).fetchone()
            if row is None or row[0] is None or row[0] in seen:
                return doc_hash
            doc_hash = str(row[0])
            seen.add(doc_hash)

    def has(self, doc_hash: str) -> bool:
        return self.conn.execute("SELECT 1 FROM documents WHERE hash = ?", (doc_hash,)).fetchone() is not None

    def load(self, doc_hash: str) -> Document | None:
        row = self.conn.execute(
            "SELECT text, title, date, format, author, structure, "
            "(SELECT path FROM document_sources s WHERE s.doc_hash = d.hash ORDER BY seen_at DESC LIMIT 1) "
            "FROM documents d WHERE hash = ?",
            (doc_hash,),
        ).fetchone()
        if row is None:
            return None
        text, title, date, fmt, author, structure, source = row
        extra = json.loads(structure or "{}")
        return Document(
            text=text,
            title=title,
            date=date,
            source_path=source,
            format=fmt,
            author=author,
            blocks=[TextBlock.from_json(b) for b in extra.get("blocks", [])],
            chapters=[Chapter.from_json(c) for c in extra.get("chapters", [])],
        )

    def rows(self, trashed: bool = False) -> list[DocumentRow]:
        """Every document in the list (newest opened first), or those in the trash."""
        where = "d.trashed_at IS NOT NULL" if trashed else "d.trashed_at IS NULL"
        rows = self.conn.execute(
            "SELECT d.hash, d.title, d.date, "
            "(SELECT path FROM document_sources s WHERE s.doc_hash = d.hash ORDER BY seen_at DESC LIMIT 1), "
            "d.format, d.opened_at, "
            "(SELECT count(*) FROM highlights h WHERE h.doc_hash = d.hash) "
            "+ (SELECT count(*) FROM notes n WHERE n.doc_hash = d.hash), d.trashed_at "
            f"FROM documents d WHERE d.superseded_by IS NULL AND {where} ORDER BY d.opened_at DESC"
        ).fetchall()
        return [DocumentRow(*row) for row in rows]

    def rename(self, doc_hash: str, title: str) -> None:
        with self.c.write() as conn:
            conn.execute("UPDATE documents SET title = ? WHERE hash = ?", (title.strip() or "Untitled", doc_hash))

    def set_date(self, doc_hash: str, date: str | None, *, actors: bool = True) -> None:
        with self.c.write() as conn:
            conn.execute("UPDATE documents SET date = ? WHERE hash = ?", (date, doc_hash))
            if actors:
                refresh_dates(conn, document_actor_ids(conn, doc_hash))  # the actors' first and last dates seen

    def refresh_actor_dates(self, doc_hash: str) -> None:
        with self.c.write() as conn:
            refresh_dates(conn, document_actor_ids(conn, doc_hash))

    def _versions(self, doc_hash: str) -> list[str]:
        rows = self.conn.execute(
            "WITH RECURSIVE v(h) AS (SELECT ? UNION SELECT d.hash FROM documents d JOIN v ON d.superseded_by = v.h) "
            "SELECT h FROM v",
            (doc_hash,),
        ).fetchall()
        return [r[0] for r in rows]

    def trash(self, doc_hash: str) -> None:
        """Remove a document to the trash (with its earlier versions); its notes stay until the trash is emptied."""
        with self.c.write() as conn:
            versions = self._versions(doc_hash)
            marks = ",".join("?" * len(versions))
            conn.execute(f"UPDATE documents SET trashed_at = ? WHERE hash IN ({marks})", (now(), *versions))

    def restore(self, doc_hash: str) -> None:
        with self.c.write() as conn:
            versions = self._versions(doc_hash)
            marks = ",".join("?" * len(versions))
            conn.execute(f"UPDATE documents SET trashed_at = NULL WHERE hash IN ({marks})", versions)

    def empty_trash(self) -> int:
        """Delete the documents in the trash for good, with everything attached to them."""
        with self.c.write() as conn:
            count = conn.execute(
                "SELECT count(*) FROM documents WHERE trashed_at IS NOT NULL AND superseded_by IS NULL"
            ).fetchone()[0]
            conn.execute("UPDATE documents SET superseded_by = NULL WHERE trashed_at IS NOT NULL")
            conn.execute("DELETE FROM documents WHERE trashed_at IS NOT NULL")
        self.forget_texts()
        return int(count)

    def text(self, doc_hash: str) -> str:
        """A document's text, from a cache of the last few (highlights are anchored against it)."""
        text = self._texts.get(doc_hash)
        if text is None:
            row = self.conn.execute("SELECT text FROM documents WHERE hash = ?", (doc_hash,)).fetchone()
            if row is None:
                raise StorageError("The document is not in the library any more.")
            text = self._texts[doc_hash] = row[0]
            while len(self._texts) > 4:
                self._texts.pop(next(iter(self._texts)))
        return text

    def forget_texts(self) -> None:
        """Drop the cache of texts, after documents were deleted or merged in."""
        self._texts.clear()


def _structure_json(document: Document) -> str:
    extra: dict[str, Any] = {}
    if document.blocks:
        extra["blocks"] = [b.to_json() for b in document.blocks]
    if document.chapters:
        extra["chapters"] = [c.to_json() for c in document.chapters]
    return json.dumps(extra, ensure_ascii=False)

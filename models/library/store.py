"""The library: one SQLite database holding documents, cached analyses and the reader's work.

Reliability rules: every user action is one `write()` transaction, committed before the call
returns (no "Save", nothing lost on a crash); WAL mode with synchronous=FULL; writers take the
lock up front (BEGIN IMMEDIATE) and wait for each other, so two windows or processes never see
"database is locked". A database from a newer Dramatis is refused and left untouched; an
unreadable one is moved aside (never overwritten or deleted) and a fresh one is started.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import logging
import os
import re
import shutil
import sqlite3
import stat
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import wraps
from pathlib import Path
from typing import Any, ParamSpec, TypeVar
from urllib.parse import quote

import sqlite_utils

from models.domain import Analysis, Chapter, Document, TextBlock
from models.errors import LibraryError, LibraryWriteError, StorageError
from models.library.actor_index import document_actor_ids, index_analysis, refresh_dates
from models.library.anchoring import Anchor, make_anchor, reanchor
from models.library.corrections import CorrectionOp
from models.library.import_check import drop_bad_rows
from models.library.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION
from models.reader import Item, ReaderHighlight, ReaderNote

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 5000
# How long a writer keeps retrying when another process holds the write lock.
WRITE_WAIT_S = 30.0
LIBRARY_SUFFIX = ".dramatis-library"
_SQLITE_HEADER = b"SQLite format 3\x00"
_CORRUPT_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB
_SQLITE_READONLY = 8
_SQLITE_FULL = 13
_QUICK_CHECK_MAX_BYTES = 256 * 1024 * 1024


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")


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


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A document or a reader's item matching a search, with a short excerpt."""

    kind: str  # "document", "highlight" or "note"
    doc_hash: str
    title: str
    excerpt: str
    item_id: str | None = None


@dataclass
class ImportSummary:
    documents: int = 0
    items: int = 0
    corrections: int = 0
    renamed_items: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # rows the library could not use, one line each


class Library:
    """The open library database (one connection, used from the thread that opened it)."""

    def __init__(self, path: str | os.PathLike[str], *, recover: bool = True, check: bool = True) -> None:
        """`check=False` skips the whole-file check, for extra connections once the window's own has made it."""
        self.path = Path(path)
        self._check = check
        self.notice: str | None = None  # a sentence for the user when the old file had to be moved aside
        self.moved_to: Path | None = None
        self._depth = 0
        self._texts: dict[str, str] = {}
        # A library file or folder without write permission is opened read-only, visibly, never half-writable.
        self.read_only = _write_protected(self.path)
        if not self.read_only:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StorageError(f"The folder {self.path.parent} could not be made ({exc.strerror or exc}).") from exc
        try:
            self.conn = self._open_read_only() if self.read_only else self._open()
        except sqlite3.DatabaseError as exc:
            if self.read_only or not recover or not _is_corruption(exc):
                raise StorageError(f"The library {self.path} could not be opened ({_plain(exc)}).") from exc
            self._move_aside(str(exc))
            self.conn = self._open()
        self.db = sqlite_utils.Database(self.conn)

    @property
    def read_only_cause(self) -> str:
        return f"the library {self.path} is read-only"

    @property
    def read_only_message(self) -> str:
        return (
            f"The library {self.path} is read-only, so nothing you change is saved; "
            "make the file and its folder writable, or choose another folder with --data-dir."
        )

    # ----- opening ---------------------------------------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        problem = _header_problem(self.path)
        if problem:
            raise _Corrupt(problem)
        existed = self.path.exists() and self.path.stat().st_size > 0
        conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise StorageError(
                    f"The library {self.path} was made by a newer version of Dramatis; "
                    "update Dramatis to open it (the file was left as it is)."
                )
            if existed and version == 0 and conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
                raise _Corrupt("the file is an SQLite database but not a Dramatis library")
            if existed and version > 0:
                app_id = conn.execute("PRAGMA application_id").fetchone()[0]
                if app_id != APPLICATION_ID:
                    raise _Corrupt("the file is an SQLite database but not a Dramatis library")
                if self._check and self.path.stat().st_size <= _QUICK_CHECK_MAX_BYTES:
                    rows = conn.execute("PRAGMA quick_check").fetchall()
                    if rows != [("ok",)]:
                        raise _Corrupt("; ".join(str(r[0]) for r in rows[:3]))
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            self.conn = conn
            self._migrate(version)
        except BaseException:
            conn.close()
            raise
        return conn

    def _open_read_only(self) -> sqlite3.Connection:
        """Open without ever writing: `mode=ro`, or `immutable=1` when a WAL file cannot be shared from here."""
        problem = _header_problem(self.path)
        if problem:
            raise _Corrupt(problem)
        if not self.path.exists():
            raise StorageError(f"The library {self.path} does not exist and its folder is read-only.")
        uri = "file:" + quote(str(self.path.resolve()))
        last: sqlite3.Error | None = None
        # In a folder that may not be written, not even the shared-memory file of a WAL reader is made.
        folder_locked = _write_protected(self.path.parent / ".probe")
        choices = ("?mode=ro&immutable=1",) if folder_locked else ("?mode=ro", "?mode=ro&immutable=1")
        for options in choices:
            conn = sqlite3.connect(uri + options, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
            try:
                version = conn.execute("PRAGMA user_version").fetchone()[0]
                if version != SCHEMA_VERSION:
                    conn.close()
                    raise StorageError(
                        f"The library {self.path} is read-only and from another version of Dramatis; "
                        "make it writable so it can be brought up to date."
                    )
                if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
                    conn.close()
                    raise StorageError(f"The file {self.path} is not a Dramatis library.")
                if self._check and self.path.stat().st_size <= _QUICK_CHECK_MAX_BYTES:
                    rows = conn.execute("PRAGMA quick_check").fetchall()
                    if rows != [("ok",)]:
                        conn.close()
                        raise _Corrupt("; ".join(str(r[0]) for r in rows[:3]))
                conn.execute("PRAGMA query_only = ON")
                log.warning("library %s opened read-only", self.path)
                return conn
            except sqlite3.OperationalError as exc:  # e.g. a WAL library in a folder we may not write to
                conn.close()
                last = exc
        assert last is not None
        raise last

    def integrity_problem(self) -> str | None:
        """None when SQLite's full integrity check passes; otherwise what it found (first lines)."""
        try:
            rows = self.conn.execute("PRAGMA integrity_check(20)").fetchall()
        except sqlite3.DatabaseError as exc:
            return str(exc)
        if rows == [("ok",)]:
            return None
        return "; ".join(str(r[0]) for r in rows[:3])

    def _migrate(self, version: int) -> None:
        for target in range(version, SCHEMA_VERSION):
            with self.write():
                current = self.conn.execute("PRAGMA user_version").fetchone()[0]
                if current > target:  # another process migrated meanwhile
                    continue
                MIGRATIONS[target](self.conn)
                self.conn.execute(f"PRAGMA user_version = {target + 1}")
            log.info("library %s migrated to schema %d", self.path, target + 1)

    def _move_aside(self, reason: str) -> None:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"library.corrupt-{stamp}.sqlite3")
        number = 2
        while target.exists():
            target = self.path.with_name(f"library.corrupt-{stamp}-{number}.sqlite3")
            number += 1
        os.replace(self.path, target)
        for extra in ("-wal", "-shm", "-journal"):
            side = Path(str(self.path) + extra)
            if side.exists():
                os.replace(side, Path(str(target) + extra))
        self.moved_to = target
        self.notice = (
            f"The library could not be read, so Dramatis started a new one; "
            f"the old file was kept as {target.name} in {target.parent}."
        )
        log.error("library %s unreadable (%s); moved to %s", self.path, reason, target)

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.conn.execute("PRAGMA optimize")
        self.conn.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # ----- transactions ----------------------------------------------------------------------------

    @contextlib.contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One transaction, committed on leaving (nested calls join the outer one)."""
        if self._depth:
            self._depth += 1
            try:
                yield self.conn
            finally:
                self._depth -= 1
            return
        if self.read_only:
            raise LibraryWriteError(self.read_only_message, "read-only", self.read_only_cause)
        try:
            self._retry("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise self._write_error(exc) from exc
        self._depth = 1
        try:
            yield self.conn
        except BaseException as exc:
            self._depth = 0
            with contextlib.suppress(sqlite3.Error):  # SQLite may have rolled back itself (disk full)
                self.conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise self._write_error(exc) from exc
            raise
        self._depth = 0
        try:
            self._retry("COMMIT")
        except BaseException as exc:
            with contextlib.suppress(sqlite3.Error):
                self.conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise self._write_error(exc) from exc
            raise

    def _write_error(self, exc: sqlite3.Error) -> LibraryWriteError:
        """The sentence for a failed write, and whether the window should turn read-only."""
        code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
        log.error("library write failed: %s", exc)
        if code == _SQLITE_FULL:
            cause = f"the disk holding the library ({self.path.parent}) is full"
            return LibraryWriteError(f"The change was not saved because {cause}; free some space.", "full", cause)
        if code == _SQLITE_READONLY:
            self.read_only = True
            return LibraryWriteError(self.read_only_message, "read-only", self.read_only_cause)
        cause = f"the library {self.path} could not be written ({_plain(exc)})"
        return LibraryWriteError(f"The change was not saved because {cause}.", "other", cause)

    def _retry(self, statement: str) -> None:
        deadline = time.monotonic() + WRITE_WAIT_S
        delay = 0.01
        while True:
            try:
                self.conn.execute(statement)
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) and "busy" not in str(exc):
                    raise
                if time.monotonic() > deadline:
                    raise StorageError("The library is busy in another window; try again in a moment.") from exc
                time.sleep(delay)
                delay = min(0.2, delay * 2)

    # ----- documents -------------------------------------------------------------------------------

    def add_document(self, document: Document) -> OpenedDocument:
        """Record `document` (same text, same record); a new version of a known file takes over its work."""
        doc_hash = document.sha256
        now = _now()
        source = str(document.source_path) if document.source_path else None
        with self.write() as conn:
            row = conn.execute("SELECT superseded_by, trashed_at FROM documents WHERE hash = ?", (doc_hash,)).fetchone()
            is_new = row is None
            if is_new:
                conn.execute(
                    "INSERT INTO documents (hash, title, date, format, author, structure, text, added_at, opened_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        doc_hash,
                        document.title or (Path(source).stem if source else "Untitled"),
                        document.date,
                        document.format,
                        document.author,
                        _structure_json(document),
                        document.text,
                        now,
                        now,
                    ),
                )
            else:
                conn.execute("UPDATE documents SET opened_at = ?, trashed_at = NULL WHERE hash = ?", (now, doc_hash))
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
                conn.execute(
                    "INSERT INTO document_sources (path, doc_hash, seen_at) VALUES (?, ?, ?) "
                    "ON CONFLICT (path, doc_hash) DO UPDATE SET seen_at = excluded.seen_at",
                    (source, doc_hash, now),
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
        now = _now()
        for item_id, start, end, exact, prefix, suffix in rows:
            where = reanchor(text, Anchor(exact, prefix, suffix, start, end))
            if where is None:
                unanchored += 1
                conn.execute(
                    "UPDATE highlights SET doc_hash = ?, anchored = 0, updated_at = ? WHERE id = ?", (new, now, item_id)
                )
                continue
            placed += 1
            anchor = make_anchor(text, where.start, where.end)
            conn.execute(
                'UPDATE highlights SET doc_hash = ?, start = ?, "end" = ?, exact = ?, prefix = ?, suffix = ?, '
                "anchored = 1, updated_at = ? WHERE id = ?",
                (new, anchor.start, anchor.end, anchor.exact, anchor.prefix, anchor.suffix, now, item_id),
            )
        conn.execute("UPDATE notes SET doc_hash = ? WHERE doc_hash = ?", (new, old))
        conn.execute("UPDATE corrections SET doc_hash = ? WHERE doc_hash = ?", (new, old))
        # Old versions stay on record (their text may matter) but leave the document list.
        conn.execute("UPDATE documents SET superseded_by = ? WHERE hash = ?", (new, old))
        conn.execute("UPDATE documents SET superseded_by = ? WHERE superseded_by = ?", (new, old))
        if placed or unanchored:
            log.info("carried %d highlights over to a new version (%d unanchored)", placed + unanchored, unanchored)
        return placed, unanchored

    def find_document(self, key: str) -> str | None:
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

    def add_items(self, doc_items: list[tuple[str, list[Item]]], categories: dict[str, str] | None = None) -> None:
        """Write many items (on one or more documents) and any new colour categories in one transaction."""
        with self.write():
            for doc_hash, items in doc_items:
                for item in items:
                    self.save_item(doc_hash, item)
            if categories:
                current = self.categories()
                added = {name: color for name, color in categories.items() if name not in current}
                if added:
                    self.set_categories({**current, **added})

    def has_document(self, doc_hash: str) -> bool:
        return self.conn.execute("SELECT 1 FROM documents WHERE hash = ?", (doc_hash,)).fetchone() is not None

    def load_document(self, doc_hash: str) -> Document | None:
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

    def documents(self, trashed: bool = False) -> list[DocumentRow]:
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
        with self.write() as conn:
            conn.execute("UPDATE documents SET title = ? WHERE hash = ?", (title.strip() or "Untitled", doc_hash))

    def set_date(self, doc_hash: str, date: str | None) -> None:
        with self.write() as conn:
            conn.execute("UPDATE documents SET date = ? WHERE hash = ?", (date, doc_hash))
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
        with self.write() as conn:
            versions = self._versions(doc_hash)
            marks = ",".join("?" * len(versions))
            conn.execute(f"UPDATE documents SET trashed_at = ? WHERE hash IN ({marks})", (_now(), *versions))

    def restore(self, doc_hash: str) -> None:
        with self.write() as conn:
            versions = self._versions(doc_hash)
            marks = ",".join("?" * len(versions))
            conn.execute(f"UPDATE documents SET trashed_at = NULL WHERE hash IN ({marks})", versions)

    def empty_trash(self) -> int:
        """Delete the documents in the trash for good, with everything attached to them."""
        with self.write() as conn:
            count = conn.execute(
                "SELECT count(*) FROM documents WHERE trashed_at IS NOT NULL AND superseded_by IS NULL"
            ).fetchone()[0]
            conn.execute("UPDATE documents SET superseded_by = NULL WHERE trashed_at IS NOT NULL")
            conn.execute("DELETE FROM documents WHERE trashed_at IS NOT NULL")
        self._texts.clear()
        return int(count)

    def _text(self, doc_hash: str) -> str:
        text = self._texts.get(doc_hash)
        if text is None:
            row = self.conn.execute("SELECT text FROM documents WHERE hash = ?", (doc_hash,)).fetchone()
            if row is None:
                raise StorageError("The document is not in the library any more.")
            text = self._texts[doc_hash] = row[0]
            while len(self._texts) > 4:
                self._texts.pop(next(iter(self._texts)))
        return text

    # ----- analyses ---------------------------------------------------------------------------------

    def previous_analysis(self, doc_hash: str, analyzer_version: str) -> Analysis | None:
        """The newest stored analysis of this text made by another analyzer version, if any."""
        row = self.conn.execute(
            "SELECT json FROM analyses WHERE doc_hash = ? AND analyzer_version != ? ORDER BY created_at DESC LIMIT 1",
            (doc_hash, analyzer_version),
        ).fetchone()
        return _stored_analysis(row, doc_hash)

    def retarget_notes(self, doc_hash: str, mapping: dict[str, str]) -> int:
        """Point notes without a stable key at their actors' and events' new ids after a re-analysis.

        Only for notes written before keys were kept; a keyed note is placed by its key (`set_note_targets`).
        """
        if not mapping:
            return 0
        moved = 0
        with self.write() as conn:
            rows = conn.execute(
                "SELECT id, target FROM notes WHERE doc_hash = ? AND anchor IS NULL", (doc_hash,)
            ).fetchall()
            for note_id, target in rows:
                new = mapping.get(target)
                if new is not None and new != target:
                    conn.execute("UPDATE notes SET target = ?, updated_at = ? WHERE id = ?", (new, _now(), note_id))
                    moved += 1
        return moved

    def note_targets(self, doc_hash: str) -> list[tuple[str, str, dict[str, Any] | None]]:
        """(note id, target, stable key or None) of the notes on an actor or event of this document."""
        rows = self.conn.execute(
            "SELECT id, target, anchor FROM notes WHERE doc_hash = ? AND (target LIKE 'actor:%' OR "
            "target LIKE 'event:%') ORDER BY n",
            (doc_hash,),
        ).fetchall()
        result: list[tuple[str, str, dict[str, Any] | None]] = []
        for note_id, target, anchor in rows:
            try:
                key = json.loads(anchor) if anchor else None
            except ValueError:
                key = None
            result.append((note_id, target, key if isinstance(key, dict) else None))
        return result

    def set_note_targets(self, changes: list[tuple[str, str, dict[str, Any] | None]]) -> None:
        """Give notes new targets and keys, (note id, target, key), in one transaction."""
        if not changes:
            return
        with self.write() as conn:
            for note_id, target, key in changes:
                conn.execute(
                    "UPDATE notes SET target = ?, anchor = ? WHERE id = ?",
                    (target, json.dumps(key, ensure_ascii=False) if key else None, note_id),
                )

    def cached_analysis(self, doc_hash: str, analyzer_version: str) -> Analysis | None:
        row = self.conn.execute(
            "SELECT json FROM analyses WHERE doc_hash = ? AND analyzer_version = ?", (doc_hash, analyzer_version)
        ).fetchone()
        return _stored_analysis(row, doc_hash)

    def store_analysis(self, analysis: Analysis) -> None:
        """Keep the automatic analysis (never the corrected one: corrections are stored apart)."""
        doc_hash = analysis.document.sha256
        payload = json.dumps(analysis.to_json(), ensure_ascii=False, separators=(",", ":"))
        with self.write() as conn:
            if not self.has_document(doc_hash):
                self.add_document(analysis.document)
            conn.execute(
                "INSERT INTO analyses (doc_hash, analyzer_version, json, created_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (doc_hash, analyzer_version) DO UPDATE SET json = excluded.json, "
                "created_at = excluded.created_at",
                (doc_hash, analysis.analyzer_version, payload, _now()),
            )
            if analysis.document.date:
                # The date the analysis found (a dateline) is shown in the library, never over one the reader set.
                conn.execute(
                    "UPDATE documents SET date = ? WHERE hash = ? AND date IS NULL", (analysis.document.date, doc_hash)
                )
            index_analysis(conn, analysis)

    # ----- the reader's items ------------------------------------------------------------------------

    def load_items(self, doc_hash: str) -> list[Item]:
        items: list[Item] = []
        text: str | None = None
        fixes: list[tuple[str, Anchor | None]] = []
        for row in self.conn.execute(
            'SELECT id, start, "end", category, note, tags, exact, prefix, suffix, anchored '
            "FROM highlights WHERE doc_hash = ? ORDER BY start",
            (doc_hash,),
        ):
            item_id, start, end, category, note, tags, exact, prefix, suffix, anchored = row
            if anchored:
                text = text if text is not None else self._text(doc_hash)
                if text[start:end] != exact:  # should not happen; never show a highlight on the wrong words
                    where = reanchor(text, Anchor(exact, prefix, suffix, start, end))
                    fixes.append((item_id, make_anchor(text, where.start, where.end) if where else None))
                    if where is None:
                        anchored = 0
                    else:
                        start, end = where.start, where.end
                        exact = text[start:end]
            items.append(
                ReaderHighlight(item_id, start, end, category, note, tuple(json.loads(tags)), exact, bool(anchored))
            )
        items.extend(self.load_notes(doc_hash))
        if fixes:
            self._apply_fixes(fixes)
        return items

    def load_notes(self, doc_hash: str) -> list[ReaderNote]:
        """The notes alone: cheap to read again when a new analysis has moved them to other actors."""
        return [
            ReaderNote(item_id, target, body, tuple(json.loads(tags)))
            for item_id, target, body, tags in self.conn.execute(
                "SELECT id, target, text, tags FROM notes WHERE doc_hash = ? ORDER BY n", (doc_hash,)
            )
        ]

    def _apply_fixes(self, fixes: list[tuple[str, Anchor | None]]) -> None:
        with self.write() as conn:
            for item_id, anchor in fixes:
                if anchor is None:
                    conn.execute("UPDATE highlights SET anchored = 0 WHERE id = ?", (item_id,))
                else:
                    conn.execute(
                        'UPDATE highlights SET start = ?, "end" = ?, exact = ?, prefix = ?, suffix = ? WHERE id = ?',
                        (anchor.start, anchor.end, anchor.exact, anchor.prefix, anchor.suffix, item_id),
                    )

    def save_item(self, doc_hash: str, item: Item, target_key: dict[str, Any] | None = None) -> None:
        """Write one highlight or note (insert or update) in its own transaction.

        `target_key` is what identifies a note's actor or event across analyses (see corrections.target_key);
        without one, a note whose target did not change keeps the key it had.
        """
        now = _now()
        with self.write() as conn:
            if isinstance(item, ReaderHighlight):
                if item.anchored:
                    anchor = make_anchor(self._text(doc_hash), item.start, item.end)
                else:
                    old = conn.execute("SELECT prefix, suffix FROM highlights WHERE id = ?", (item.id,)).fetchone()
                    prefix, suffix = old if old else ("", "")
                    anchor = Anchor(item.quote, prefix, suffix, item.start, item.end)
                conn.execute(
                    'INSERT INTO highlights (id, doc_hash, start, "end", category, note, tags, exact, prefix, suffix, '
                    "anchored, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                    'ON CONFLICT (id) DO UPDATE SET doc_hash = excluded.doc_hash, start = excluded.start, "end" = '
                    'excluded."end", category = excluded.category, note = excluded.note, tags = excluded.tags, '
                    "exact = excluded.exact, prefix = excluded.prefix, suffix = excluded.suffix, "
                    "anchored = excluded.anchored, updated_at = excluded.updated_at",
                    (
                        item.id,
                        doc_hash,
                        anchor.start,
                        anchor.end,
                        item.category,
                        item.note,
                        json.dumps(list(item.tags), ensure_ascii=False),
                        anchor.exact,
                        anchor.prefix,
                        anchor.suffix,
                        int(item.anchored),
                        now,
                        now,
                    ),
                )
            else:
                conn.execute(
                    "INSERT INTO notes (id, doc_hash, target, text, tags, anchor, created_at, updated_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET doc_hash = excluded.doc_hash, "
                    "target = excluded.target, text = excluded.text, tags = excluded.tags, "
                    "anchor = CASE WHEN excluded.target = notes.target THEN coalesce(excluded.anchor, notes.anchor) "
                    "ELSE excluded.anchor END, updated_at = excluded.updated_at",
                    (
                        item.id,
                        doc_hash,
                        item.target,
                        item.text,
                        json.dumps(list(item.tags), ensure_ascii=False),
                        json.dumps(target_key, ensure_ascii=False) if target_key else None,
                        now,
                        now,
                    ),
                )

    def delete_item(self, doc_hash: str, item: Item) -> None:
        table = "highlights" if isinstance(item, ReaderHighlight) else "notes"
        with self.write() as conn:
            conn.execute(f"DELETE FROM {table} WHERE id = ? AND doc_hash = ?", (item.id, doc_hash))

    def categories(self) -> dict[str, str]:
        return dict(self.conn.execute("SELECT name, color FROM categories ORDER BY position").fetchall())

    def set_categories(self, colors: dict[str, str]) -> None:
        with self.write() as conn:
            conn.execute("DELETE FROM categories")
            conn.executemany(
                "INSERT INTO categories (name, color, position) VALUES (?, ?, ?)",
                [(name, color, i) for i, (name, color) in enumerate(colors.items())],
            )

    # ----- corrections ----------------------------------------------------------------------------------

    def corrections(self, doc_hash: str) -> list[CorrectionOp]:
        rows = self.conn.execute("SELECT op FROM corrections WHERE doc_hash = ? ORDER BY seq", (doc_hash,))
        return [CorrectionOp.from_json(json.loads(r[0])) for r in rows]

    def add_correction(self, doc_hash: str, op: CorrectionOp) -> None:
        with self.write() as conn:
            seq = conn.execute("SELECT coalesce(max(seq), 0) + 1 FROM corrections").fetchone()[0]
            conn.execute(
                "INSERT INTO corrections (id, doc_hash, seq, op, created_at) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, doc_hash = excluded.doc_hash",
                (op.id, doc_hash, seq, json.dumps(op.to_json(), ensure_ascii=False), _now()),
            )

    def remove_correction(self, op_id: str) -> None:
        with self.write() as conn:
            conn.execute("DELETE FROM corrections WHERE id = ?", (op_id,))

    # ----- search -----------------------------------------------------------------------------------------

    def search(self, query: str, limit: int = 200) -> list[SearchHit]:
        """Documents (title and text) and the reader's highlights and notes matching every word of `query`."""
        match = fts_query(query)
        if not match:
            return []
        hits: list[SearchHit] = []
        for doc_hash, title, excerpt in self.conn.execute(
            "SELECT d.hash, d.title, snippet(documents_fts, 1, '', '', '…', 10) FROM documents_fts "
            "JOIN documents d ON d.id = documents_fts.rowid "
            "WHERE documents_fts MATCH ? AND d.trashed_at IS NULL AND d.superseded_by IS NULL ORDER BY rank LIMIT ?",
            (match, limit),
        ):
            hits.append(SearchHit("document", doc_hash, title, excerpt))
        rowids = [
            r[0]
            for r in self.conn.execute(
                "SELECT rowid FROM notes_fts WHERE notes_fts MATCH ? ORDER BY rank LIMIT ?", (match, limit * 2)
            )
        ]
        words = [w.casefold() for w in re.findall(r"\w+", query)]
        for rowid in rowids:
            if rowid % 2 == 0:
                row = self.conn.execute(
                    "SELECT h.id, h.doc_hash, d.title, h.note, h.exact FROM highlights h "
                    "JOIN documents d ON d.hash = h.doc_hash WHERE h.n = ? AND d.trashed_at IS NULL",
                    (rowid // 2,),
                ).fetchone()
                if row:
                    item_id, doc_hash, title, note, exact = row
                    body = f"{note} — “{exact}”" if note else f"“{exact}”"
                    hits.append(SearchHit("highlight", doc_hash, title, _excerpt(body, words), item_id))
            else:
                row = self.conn.execute(
                    "SELECT x.id, x.doc_hash, d.title, x.text FROM notes x "
                    "JOIN documents d ON d.hash = x.doc_hash WHERE x.n = ? AND d.trashed_at IS NULL",
                    ((rowid - 1) // 2,),
                ).fetchone()
                if row:
                    item_id, doc_hash, title, body = row
                    hits.append(SearchHit("note", doc_hash, title, _excerpt(body, words), item_id))
            if len(hits) >= limit * 2:
                break
        return hits

    # ----- the whole library as one file --------------------------------------------------------------

    def export_to(self, destination: str | os.PathLike[str]) -> Path:
        """Write a consistent copy of the whole library to one file (written aside, then moved in place)."""
        target = Path(destination)
        partial = target.with_name(target.name + ".part")
        partial.unlink(missing_ok=True)
        try:
            copy = sqlite3.connect(partial)
            try:
                self.conn.backup(copy)
                copy.execute("PRAGMA journal_mode = DELETE")
            finally:
                copy.close()
            os.replace(partial, target)
        except OSError as exc:
            partial.unlink(missing_ok=True)
            raise StorageError(f"The library could not be written to {target} ({exc.strerror or exc}).") from exc
        return target

    def import_from(self, source: str | os.PathLike[str]) -> ImportSummary:
        """Merge another library file into this one: documents by text hash, nothing here is lost or replaced."""
        path = Path(source)
        if not path.is_file():
            raise StorageError(f"The file {path} does not exist.")
        with path.open("rb") as handle:
            if handle.read(16) != _SQLITE_HEADER:
                raise StorageError(f"{path.name} is not a Dramatis library file.")
        with tempfile.TemporaryDirectory(prefix="dramatis-import-") as tmp:
            copy_path = Path(tmp) / "import.sqlite3"
            shutil.copyfile(path, copy_path)
            try:
                other = Library(copy_path, recover=False)
            except StorageError as exc:
                raise StorageError(f"{path.name} could not be read as a Dramatis library: {exc.user_message}") from exc
            try:
                skipped = drop_bad_rows(other.conn)
            except sqlite3.DatabaseError as exc:
                raise StorageError(f"{path.name} could not be read as a Dramatis library ({_plain(exc)}).") from exc
            finally:
                other.close()
            summary = self._merge(copy_path)
            summary.skipped = skipped
            return summary

    def _merge(self, other: Path) -> ImportSummary:
        summary = ImportSummary()
        conn = self.conn
        conn.execute("ATTACH DATABASE ? AS other", (str(other),))
        try:
            with self.write():
                summary.documents = conn.execute(
                    "SELECT count(*) FROM other.documents WHERE hash NOT IN (SELECT hash FROM main.documents)"
                ).fetchone()[0]
                columns = _columns(self.db, "documents", skip={"id"})
                conn.execute(
                    f"INSERT INTO main.documents ({columns}) SELECT {columns} FROM other.documents "
                    "WHERE hash NOT IN (SELECT hash FROM main.documents) ORDER BY superseded_by IS NOT NULL"
                )
                for table in ("document_sources", "analyses", "corrections"):
                    names = _columns(self.db, table)
                    cursor = conn.execute(
                        f"INSERT OR IGNORE INTO main.{table} ({names}) SELECT {names} FROM other.{table}"
                    )
                    if table == "corrections":
                        summary.corrections = cursor.rowcount
                conn.execute(
                    "INSERT OR IGNORE INTO main.categories (name, color, position) "
                    "SELECT name, color, position + 1000 FROM other.categories"
                )
                for table in ("highlights", "notes"):
                    names = _columns(self.db, table, skip={"n"})
                    cursor = conn.execute(
                        f"INSERT INTO main.{table} ({names}) SELECT {names} FROM other.{table} "
                        f"WHERE id NOT IN (SELECT id FROM main.{table})"
                    )
                    summary.items += cursor.rowcount
                    summary.items += self._merge_conflicts(table, summary)
        finally:
            conn.execute("DETACH DATABASE other")
        self._texts.clear()
        return summary

    def _merge_conflicts(self, table: str, summary: ImportSummary) -> int:
        """Items with the same id but different content in both libraries: keep both, the import under a new id."""
        conn = self.conn
        cols = [c.name for c in self.db[table].columns if c.name != "n"]
        names = ", ".join(f'"{c}"' for c in cols)
        select = ", ".join("?" if c == "id" else f'o."{c}"' for c in cols)
        differs = " OR ".join(
            f'o."{c}" IS NOT m."{c}"' for c in cols if c not in ("id", "created_at", "updated_at", "anchor")
        )
        content = ", ".join(f'o."{c}"' for c in cols if c not in ("id", "doc_hash", "created_at", "updated_at"))
        rows = conn.execute(
            f"SELECT o.id, {content} FROM other.{table} o JOIN main.{table} m ON m.id = o.id WHERE {differs}"
        ).fetchall()
        added = 0
        for old_id, *values in rows:
            # Named after its content, so importing the same file twice adds the copy once.
            new_id = f"{old_id}-{hashlib.sha256(repr(values).encode()).hexdigest()[:8]}"
            cursor = conn.execute(
                f"INSERT OR IGNORE INTO main.{table} ({names}) SELECT {select} FROM other.{table} o WHERE o.id = ?",
                (new_id, old_id),
            )
            if cursor.rowcount:
                added += 1
                summary.renamed_items.append(new_id)
        return added


def _write_protected(path: Path) -> bool:
    """True when the library file, or the folder it must live in, may not be written.

    Permission bits are honoured even for a user (root) the system would let write: a reader who
    made the file read-only meant it.
    """
    if path.exists():
        mode = path.stat().st_mode
        if not os.access(path, os.W_OK) or not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
            return True
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    writable = stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH
    return not os.access(folder, os.W_OK | os.X_OK) or not folder.stat().st_mode & writable


def _plain(exc: BaseException) -> str:
    return str(exc).rstrip(".") or type(exc).__name__


_P = ParamSpec("_P")
_R = TypeVar("_R")


def _guarded(method: Callable[_P, _R]) -> Callable[_P, _R]:
    """Every SQLite error leaving the library becomes a `LibraryError` with a sentence for the user."""

    @wraps(method)
    def call(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        try:
            return method(*args, **kwargs)
        except sqlite3.Error as exc:
            library = args[0]
            if isinstance(library, Library) and library._depth:  # inside a write: the transaction is undone
                raise library._write_error(exc) from exc
            where = library.path if isinstance(library, Library) else "the library"
            if _is_corruption(exc) if isinstance(exc, sqlite3.DatabaseError) else False:
                raise LibraryError(
                    f"The library {where} is damaged ({_plain(exc)}); "
                    "File › Export Library can save what is still readable."
                ) from exc
            raise LibraryError(f"The library {where} could not be read ({_plain(exc)}).") from exc

    return call


for _name, _member in list(vars(Library).items()):
    if _name.startswith("_") or _name == "write" or isinstance(_member, (staticmethod, classmethod, property, type)):
        continue
    if callable(_member):
        setattr(Library, _name, _guarded(_member))


class _Corrupt(sqlite3.DatabaseError):
    """The file is not a readable Dramatis library."""

    sqlite_errorcode = 11


def _stored_analysis(row: tuple[str] | None, doc_hash: str) -> Analysis | None:
    """The analysis in a row of the analyses table; None when there is none or it cannot be read."""
    if row is None:
        return None
    try:
        return Analysis.from_json(json.loads(row[0]))
    except (ValueError, KeyError, TypeError):
        log.warning("stored analysis of %s is unreadable; it will be made again", doc_hash[:12])
        return None


def _is_corruption(exc: sqlite3.DatabaseError) -> bool:
    if isinstance(exc, _Corrupt):
        return True
    if isinstance(exc, sqlite3.OperationalError):
        return False  # locked, busy, no space, permissions: not the file's fault
    return getattr(exc, "sqlite_errorcode", None) in _CORRUPT_CODES or "malformed" in str(exc)


def _header_problem(path: Path) -> str | None:
    """Cheap checks before SQLite sees the file: its signature, and a size that fits its page count."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return None
    if size == 0:
        return None
    with path.open("rb") as handle:
        header = handle.read(100)
    if len(header) < 100 or header[:16] != _SQLITE_HEADER:
        return "not an SQLite database"
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    valid = header[24:28] == header[92:96]
    wal = Path(str(path) + "-wal")
    wal_empty = not wal.exists() or wal.stat().st_size == 0
    if valid and pages and wal_empty and size < pages * page_size:
        return f"truncated: {size} bytes for {pages} pages of {page_size}"
    return None


def _columns(db: sqlite_utils.Database, table: str, skip: set[str] | None = None) -> str:
    return ", ".join(f'"{c.name}"' for c in db[table].columns if c.name not in (skip or set()))


def _structure_json(document: Document) -> str:
    extra: dict[str, Any] = {}
    if document.blocks:
        extra["blocks"] = [b.to_json() for b in document.blocks]
    if document.chapters:
        extra["chapters"] = [c.to_json() for c in document.chapters]
    return json.dumps(extra, ensure_ascii=False)


def fts_query(text: str) -> str:
    """An FTS5 query matching every word of `text` as a prefix (the reader's words are never FTS syntax)."""
    words = re.findall(r"\w+", text)
    return " ".join(f'"{w}"*' for w in words[:12])


def _excerpt(body: str, words: list[str], width: int = 90) -> str:
    flat = " ".join(body.split())
    low = flat.casefold()
    at = min((i for i in (low.find(w) for w in words) if i >= 0), default=0)
    start = max(0, at - width // 3)
    piece = flat[start : start + width]
    return ("…" if start else "") + piece + ("…" if start + width < len(flat) else "")

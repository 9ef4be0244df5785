"""The whole library as one file: a consistent copy out, and another library merged in without loss."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from models.errors import StorageError
from models.library.connection import SQLITE_HEADER, LibraryConnection, Part, plain
from models.library.documents import Documents
from models.library.import_check import drop_bad_rows


@dataclass
class ImportSummary:
    documents: int = 0
    items: int = 0
    corrections: int = 0
    renamed_items: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # rows the library could not use, one line each


class Transfer(Part):
    """Export by SQLite's online backup; import by attaching a checked copy and inserting what is new."""

    def __init__(self, connection: LibraryConnection, documents: Documents) -> None:
        super().__init__(connection)
        self._documents = documents

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
            if handle.read(16) != SQLITE_HEADER:
                raise StorageError(f"{path.name} is not a Dramatis library file.")
        with tempfile.TemporaryDirectory(prefix="dramatis-import-") as tmp:
            copy_path = Path(tmp) / "import.sqlite3"
            shutil.copyfile(path, copy_path)
            try:
                other = LibraryConnection(copy_path, recover=False)  # an older library is brought up to date
            except StorageError as exc:
                raise StorageError(f"{path.name} could not be read as a Dramatis library: {exc.user_message}") from exc
            try:
                skipped = drop_bad_rows(other.conn)
            except sqlite3.DatabaseError as exc:
                raise StorageError(f"{path.name} could not be read as a Dramatis library ({plain(exc)}).") from exc
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
            with self.c.write():
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
                _merge_stories(conn)
        finally:
            conn.execute("DETACH DATABASE other")
        self._documents.forget_texts()
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


def _merge_stories(conn: sqlite3.Connection) -> None:
    """The imported library's stories join those here by name (any case), their documents added to them."""
    conn.execute(
        "INSERT INTO main.stories (name, notes, created_at, updated_at) "
        "SELECT name, notes, created_at, updated_at FROM other.stories o "
        "WHERE NOT EXISTS (SELECT 1 FROM main.stories m WHERE m.name = o.name)"
    )
    conn.execute(
        "INSERT OR IGNORE INTO main.story_documents (story_id, doc_hash, added_at) "
        "SELECT m.id, sd.doc_hash, sd.added_at FROM other.story_documents sd "
        "JOIN other.stories o ON o.id = sd.story_id JOIN main.stories m ON m.name = o.name"
    )


def _columns(db: sqlite_utils.Database, table: str, skip: set[str] | None = None) -> str:
    return ", ".join(f'"{c.name}"' for c in db[table].columns if c.name not in (skip or set()))

"""Every older library opens and is brought up to date; every SQLite error leaves as the library's own error."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from models.errors import LibraryError, LibraryWriteError
from models.library import Library
from models.library.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION
from models.reader import ReaderHighlight, ReaderNote

TEXT = "The harbour strike went on for a week. The ferry stayed in port while the union met the mayor.\n"
STAMP = "2024-01-01T00:00:00.000+00:00"


def _library_at(path: Path, version: int) -> str:
    """A library left at schema `version` by an older Dramatis, with one document, highlight and note."""
    conn = sqlite3.connect(path, isolation_level=None)
    for migration in MIGRATIONS[:version]:
        migration(conn)
    conn.execute(f"PRAGMA user_version = {version}")
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    doc_hash = "a" * 64
    conn.execute(
        "INSERT INTO documents (hash, title, text, added_at, opened_at) VALUES (?, 'Harbour', ?, ?, ?)",
        (doc_hash, TEXT, STAMP, STAMP),
    )
    start = TEXT.index("ferry")
    conn.execute(
        'INSERT INTO highlights (id, doc_hash, start, "end", category, note, exact, created_at, updated_at) '
        "VALUES ('h1', ?, ?, ?, 'Important', 'boats', 'ferry', ?, ?)",
        (doc_hash, start, start + 5, STAMP, STAMP),
    )
    conn.execute(
        "INSERT INTO notes (id, doc_hash, target, text, created_at, updated_at) "
        "VALUES ('n1', ?, 'document', 'ask the mayor', ?, ?)",
        (doc_hash, STAMP, STAMP),
    )
    conn.close()
    return doc_hash


def _shape(conn: sqlite3.Connection) -> dict[str, list[tuple[str, str, int, object]]]:
    """Tables and their columns (name, type, not null, default), the way SQLite reports them."""
    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    return {name: [(c[1], c[2], c[3], c[4]) for c in conn.execute(f'PRAGMA table_info("{name}")')] for name in names}


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION))
def test_a_library_from_every_older_version_opens_with_its_work_and_takes_new_work(
    tmp_path: Path, version: int
) -> None:
    path = tmp_path / "library.sqlite3"
    doc_hash = _library_at(path, version)
    with Library(path) as lib:
        assert lib.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert [row.hash for row in lib.documents()] == [doc_hash]
        items = lib.load_items(doc_hash)
        assert [(type(i), i.id) for i in items] == [(ReaderHighlight, "h1"), (ReaderNote, "n1")]
        assert {hit.item_id for hit in lib.search("mayor") if hit.kind != "document"} == {"n1"}
        lib.save_item(doc_hash, ReaderNote("n2", "document", "a new note after the update"))
        assert [hit.item_id for hit in lib.search("update")] == ["n2"]
        migrated = _shape(lib.conn)
    with Library(tmp_path / "fresh.sqlite3") as fresh:
        assert migrated == _shape(fresh.conn)  # an updated library has the tables a new one has


def _closed(tmp_path: Path) -> Library:
    lib = Library(tmp_path / "library.sqlite3")
    lib.conn.close()  # every statement now fails inside sqlite3
    return lib


READS: list[Callable[[Library], object]] = [
    lambda lib: lib.documents(),
    lambda lib: lib.find_document("aaaaaaaa"),
    lambda lib: lib.cached_analysis("a" * 64, "v"),
    lambda lib: lib.load_items("a" * 64),
    lambda lib: lib.note_targets("a" * 64),
    lambda lib: lib.categories(),
    lambda lib: lib.corrections("a" * 64),
    lambda lib: lib.search("harbour"),
]
WRITES: list[Callable[[Library], object]] = [
    lambda lib: lib.rename("a" * 64, "New"),
    lambda lib: lib.save_item("a" * 64, ReaderNote("n1", "document", "x")),
    lambda lib: lib.set_categories({"Important": "#F0E442"}),
    lambda lib: lib.remove_correction("c1"),
]


@pytest.mark.parametrize("call", READS)
def test_a_failed_read_reaches_the_caller_as_a_library_error_with_a_sentence(
    tmp_path: Path, call: Callable[[Library], object]
) -> None:
    lib = _closed(tmp_path)
    with pytest.raises(LibraryError, match=r"^The library .* could not be read") as caught:
        call(lib)
    assert not isinstance(caught.value, LibraryWriteError)


@pytest.mark.parametrize("call", WRITES)
def test_a_failed_write_reaches_the_caller_as_a_write_error(tmp_path: Path, call: Callable[[Library], object]) -> None:
    lib = _closed(tmp_path)
    with pytest.raises(LibraryWriteError, match="was not saved"):
        call(lib)

"""The library's tables and how a database moves from one schema version to the next.

The version lives in `PRAGMA user_version`; each migration runs in the same transaction that
raises it, so a database is never left half migrated. A file whose version is higher than
`SCHEMA_VERSION` comes from a newer Dramatis and is never opened for writing.

A new migration is appended to MIGRATIONS and works on `sqlite_utils.Database(conn)` where that
does the job (`table.create`, `add_column`, `enable_fts(..., create_triggers=True)`), inside the
transaction that raises the version (there `transform` refuses a table others reference with ON
DELETE CASCADE, such as documents). The version 1 and 3 scripts stay as they were:
every library on disk was made by them, and a rewrite would give new libraries other table
definitions than old ones; version 1 also holds what sqlite-utils cannot say (one contentless FTS
index over highlights and notes, FTS triggers limited to the columns they index).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

import sqlite_utils

# "DRMT": marks the file as a Dramatis library (PRAGMA application_id).
APPLICATION_ID = 0x44524D54

_V1 = """
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    hash TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL DEFAULT '',
    date TEXT,
    format TEXT NOT NULL DEFAULT 'text',
    author TEXT,
    structure TEXT NOT NULL DEFAULT '{}',
    text TEXT NOT NULL,
    added_at TEXT NOT NULL,
    opened_at TEXT NOT NULL,
    trashed_at TEXT,
    superseded_by TEXT REFERENCES documents(hash) ON DELETE SET NULL
);
CREATE INDEX documents_live ON documents(superseded_by, trashed_at, opened_at);

CREATE TABLE document_sources (
    path TEXT NOT NULL,
    doc_hash TEXT NOT NULL REFERENCES documents(hash) ON DELETE CASCADE,
    seen_at TEXT NOT NULL,
    PRIMARY KEY (path, doc_hash)
);
CREATE INDEX document_sources_doc ON document_sources(doc_hash, seen_at);

CREATE TABLE analyses (
    doc_hash TEXT NOT NULL REFERENCES documents(hash) ON DELETE CASCADE,
    analyzer_version TEXT NOT NULL,
    json TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (doc_hash, analyzer_version)
);

CREATE TABLE categories (
    name TEXT PRIMARY KEY,
    color TEXT NOT NULL,
    position INTEGER NOT NULL
);

CREATE TABLE highlights (
    n INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    doc_hash TEXT NOT NULL REFERENCES documents(hash) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    category TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    tags TEXT NOT NULL DEFAULT '[]',
    exact TEXT NOT NULL,
    prefix TEXT NOT NULL DEFAULT '',
    suffix TEXT NOT NULL DEFAULT '',
    anchored INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX highlights_doc ON highlights(doc_hash);

CREATE TABLE notes (
    n INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    doc_hash TEXT NOT NULL REFERENCES documents(hash) ON DELETE CASCADE,
    target TEXT NOT NULL,
    text TEXT NOT NULL DEFAULT '',
    tags TEXT NOT NULL DEFAULT '[]',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX notes_doc ON notes(doc_hash);

CREATE TABLE corrections (
    id TEXT PRIMARY KEY,
    doc_hash TEXT NOT NULL REFERENCES documents(hash) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    op TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX corrections_doc ON corrections(doc_hash, seq);

CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, text, content='documents', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
END;
CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;

-- Highlights and notes share one contentless index: rowid 2n for highlight n, 2n+1 for note n.
CREATE VIRTUAL TABLE notes_fts USING fts5(body, content='', tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER highlights_fts_insert AFTER INSERT ON highlights BEGIN
    INSERT INTO notes_fts(rowid, body) VALUES (new.n * 2, new.note || ' ' || new.exact || ' ' || new.tags);
END;
CREATE TRIGGER highlights_fts_delete AFTER DELETE ON highlights BEGIN
    INSERT INTO notes_fts(notes_fts, rowid, body)
        VALUES ('delete', old.n * 2, old.note || ' ' || old.exact || ' ' || old.tags);
END;
CREATE TRIGGER highlights_fts_update AFTER UPDATE OF note, exact, tags ON highlights BEGIN
    INSERT INTO notes_fts(notes_fts, rowid, body)
        VALUES ('delete', old.n * 2, old.note || ' ' || old.exact || ' ' || old.tags);
    INSERT INTO notes_fts(rowid, body) VALUES (new.n * 2, new.note || ' ' || new.exact || ' ' || new.tags);
END;
CREATE TRIGGER notes_fts_insert AFTER INSERT ON notes BEGIN
    INSERT INTO notes_fts(rowid, body) VALUES (new.n * 2 + 1, new.text || ' ' || new.tags);
END;
CREATE TRIGGER notes_fts_delete AFTER DELETE ON notes BEGIN
    INSERT INTO notes_fts(notes_fts, rowid, body) VALUES ('delete', old.n * 2 + 1, old.text || ' ' || old.tags);
END;
CREATE TRIGGER notes_fts_update AFTER UPDATE OF text, tags ON notes BEGIN
    INSERT INTO notes_fts(notes_fts, rowid, body) VALUES ('delete', old.n * 2 + 1, old.text || ' ' || old.tags);
    INSERT INTO notes_fts(rowid, body) VALUES (new.n * 2 + 1, new.text || ' ' || new.tags);
END;
"""


def _v1(conn: sqlite3.Connection) -> None:
    for statement in _split(_V1):
        conn.execute(statement)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")


def _split(script: str) -> list[str]:
    """Statements of a script (triggers keep their inner semicolons), run one by one inside a transaction."""
    statements: list[str] = []
    current = ""
    for line in script.splitlines():
        if line.strip().startswith("--") or not line.strip():
            continue
        current += line + "\n"
        if sqlite3.complete_statement(current):
            statements.append(current.strip())
            current = ""
    return statements


def _v2(conn: sqlite3.Connection) -> None:
    """Notes on an actor or event keep what identifies it (JSON: name and aliases, or quote with context).

    Why: "actor:a3" only means something in one analysis; a new analyzer version may number differently.
    Older notes keep NULL and are keyed the next time their document is shown.
    """
    sqlite_utils.Database(conn).table("notes").add_column("anchor", str)


_V3 = """
CREATE TABLE IF NOT EXISTS library_actors (
    id INTEGER PRIMARY KEY,
    type TEXT NOT NULL,
    name TEXT NOT NULL,
    documents INTEGER NOT NULL DEFAULT 0,
    mentions INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS library_actors_type ON library_actors(type, mentions);
CREATE INDEX IF NOT EXISTS library_actors_mentions ON library_actors(mentions);

CREATE TABLE IF NOT EXISTS document_actors (
    doc_hash TEXT NOT NULL REFERENCES documents(hash) ON DELETE CASCADE,
    local_id TEXT NOT NULL,
    actor_id INTEGER NOT NULL,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    aliases TEXT NOT NULL DEFAULT '[]',
    link TEXT NOT NULL,
    mentions INTEGER NOT NULL,
    PRIMARY KEY (doc_hash, local_id)
);
CREATE INDEX IF NOT EXISTS document_actors_actor ON document_actors(actor_id, doc_hash, mentions);

CREATE TABLE IF NOT EXISTS document_actor_keys (
    key TEXT NOT NULL,
    role TEXT NOT NULL,
    doc_hash TEXT NOT NULL,
    local_id TEXT NOT NULL,
    spelling TEXT,
    PRIMARY KEY (key, role, doc_hash, local_id),
    FOREIGN KEY (doc_hash, local_id) REFERENCES document_actors(doc_hash, local_id) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS document_actor_keys_doc ON document_actor_keys(doc_hash, local_id);

CREATE TABLE IF NOT EXISTS actor_mentions (
    doc_hash TEXT NOT NULL,
    local_id TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    kind TEXT NOT NULL,
    FOREIGN KEY (doc_hash, local_id) REFERENCES document_actors(doc_hash, local_id) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS actor_mentions_actor ON actor_mentions(doc_hash, local_id, start);

-- Which library actors each key leads to, and how many document actors give it: the linking look-ups
-- read this small table instead of every document that ever named a popular actor.
CREATE TABLE IF NOT EXISTS library_actor_keys (
    key TEXT NOT NULL,
    role TEXT NOT NULL,
    actor_id INTEGER NOT NULL,
    uses INTEGER NOT NULL,
    spelling TEXT,
    PRIMARY KEY (key, role, actor_id)
);
CREATE INDEX IF NOT EXISTS library_actor_keys_actor ON library_actor_keys(actor_id, role);

CREATE TABLE IF NOT EXISTS actor_index_documents (
    doc_hash TEXT PRIMARY KEY REFERENCES documents(hash) ON DELETE CASCADE,
    analyzer_version TEXT NOT NULL
);
"""


def _v3(conn: sqlite3.Connection) -> None:
    """The library's actor index: actors linked across documents, and every mention of each.

    Why: the reader follows a person through many articles; the index is filled as analyses are stored
    (older libraries are indexed from their stored analyses the first time the index is read).
    """
    for statement in _split(_V3):
        conn.execute(statement)


_STORIES = """
CREATE TABLE IF NOT EXISTS stories (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS story_documents (
    story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    doc_hash TEXT NOT NULL REFERENCES documents(hash) ON DELETE CASCADE,
    added_at TEXT NOT NULL,
    PRIMARY KEY (story_id, doc_hash)
);
CREATE INDEX IF NOT EXISTS story_documents_doc ON story_documents(doc_hash);
"""


def _stories(conn: sqlite3.Connection) -> None:
    """Stories: named groups of documents the reader follows together, with the reader's notes on each.

    Why: one event is reported by many articles; a story is the unit its merged timeline and report are built for.
    """
    for statement in _split(_STORIES):
        conn.execute(statement)


_V5 = """
CREATE INDEX IF NOT EXISTS document_actors_doc_actor ON document_actors(doc_hash, actor_id);
-- What an actor's page reads of each of its documents, without touching the rows that hold the texts.
CREATE INDEX IF NOT EXISTS documents_meta ON documents(hash, date, title, trashed_at, superseded_by);

CREATE TABLE IF NOT EXISTS actor_events (
    doc_hash TEXT NOT NULL,
    local_id TEXT NOT NULL,
    event_id TEXT NOT NULL,
    type TEXT NOT NULL,
    role TEXT NOT NULL,
    date TEXT,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    context TEXT NOT NULL DEFAULT '',
    FOREIGN KEY (doc_hash, local_id) REFERENCES document_actors(doc_hash, local_id) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS actor_events_actor ON actor_events(doc_hash, local_id);

-- The reader's links across documents: the document actor named `name` (of `type`) in `doc_hash` belongs
-- with the one named `target_name` in `target_hash`, or stands alone when the target is NULL.
CREATE TABLE IF NOT EXISTS actor_links (
    doc_hash TEXT NOT NULL REFERENCES documents(hash) ON DELETE CASCADE,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    target_hash TEXT,
    target_name TEXT,
    PRIMARY KEY (doc_hash, name, type)
);

-- Indexed again on first read, so the dates and events of documents already in the library are filled in.
DELETE FROM actor_index_documents;
"""


def _v5(conn: sqlite3.Connection) -> None:
    """First and last dates per library actor, each actor's events, and the reader's links across documents.

    Why: the actor index shows when an actor was seen and its events on one timeline without reading
    every analysis; links the reader makes survive a new analysis of the document.
    """
    have = {row[1] for row in conn.execute("PRAGMA table_info(library_actors)")}
    for column in ("first_date", "last_date", "search"):
        if column not in have:  # a file rolled back to an older version may have them already
            conn.execute(f"ALTER TABLE library_actors ADD COLUMN {column} TEXT")
    for statement in _split(_V5):
        conn.execute(statement)
    # Every name key of an actor in one string: a search reads one row per actor, not all their keys.
    conn.execute(
        "UPDATE library_actors SET search = (SELECT group_concat(substr(k.key, instr(k.key, ':n:') + 3), '|') "
        "FROM library_actor_keys k WHERE k.actor_id = library_actors.id AND k.role = 'name')"
    )


_V6 = """
CREATE TABLE IF NOT EXISTS library_events (
    doc_hash TEXT NOT NULL REFERENCES documents(hash) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    event_id TEXT NOT NULL,
    type TEXT NOT NULL,
    date TEXT,
    date_low TEXT,
    date_high TEXT,
    date_given INTEGER NOT NULL,
    actors TEXT NOT NULL,
    trigger TEXT NOT NULL,
    sentence TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS library_events_doc ON library_events(doc_hash, ord);
CREATE INDEX IF NOT EXISTS library_events_type_date ON library_events(type, date_low, date_high);

-- Indexed again on first read, so the events of documents already in the library are filled in.
DELETE FROM actor_index_documents;
"""


def _v6(conn: sqlite3.Connection) -> None:
    """Every document's factual events by type and date, with their sentence and actors.

    Why: a question across the library that names no actor ("every meeting in December") finds its
    documents and answers from an index instead of reading every stored analysis.
    """
    for statement in _split(_V6):
        conn.execute(statement)


_INDEX_TABLES = ("actor_mentions", "actor_events", "document_actor_keys", "document_actors", "library_events")


def _relink(conn: sqlite3.Connection) -> None:
    """The actor index of every document with a current analysis, emptied to be built again on first read.

    Why: the rules linking actors across documents changed (a document's short forms, one-word names of a
    kind such as "the House", guessed initials and stray names no longer link documents). Indexing each
    document again in place would keep links the old keys made through documents not yet redone, so their
    index is emptied and rebuilt from the stored analyses, the same as for a library built today.
    """
    # The analyzer version current when this migration was written: a migration does the same work whatever
    # the analyzer has become since (later analyses are indexed with today's keys anyway).
    redone = "SELECT doc_hash FROM analyses WHERE analyzer_version = '2'"
    for table in (*_INDEX_TABLES, "actor_index_documents"):
        conn.execute(f"DELETE FROM {table} WHERE doc_hash IN ({redone})")
    conn.execute("DELETE FROM library_actor_keys")
    conn.execute(
        "INSERT INTO library_actor_keys (key, role, actor_id, uses, spelling) "
        "SELECT k.key, k.role, da.actor_id, count(*), max(k.spelling) FROM document_actor_keys k "
        "JOIN document_actors da ON da.doc_hash = k.doc_hash AND da.local_id = k.local_id GROUP BY 1, 2, 3"
    )
    conn.execute(
        "DELETE FROM library_actors "
        "WHERE NOT EXISTS (SELECT 1 FROM document_actors da WHERE da.actor_id = library_actors.id)"
    )


# MIGRATIONS[i] brings a database from version i to version i + 1.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_v1, _v2, _v3, _stories, _v5, _v6, _relink]
SCHEMA_VERSION = len(MIGRATIONS)

"""The library's events by type and date: what a question across documents reads instead of whole analyses.

Each document's factual events are kept in `library_events` (schema `_v6`; written by
models/library/event_rows.py) when its analysis is stored, with their sentence and their actors as the
document names them, in the transaction that indexes its actors. A question ("every meeting in
December") then finds its documents and builds its answers from these rows and the actor index alone.
Documents the reader corrected are read from their analysis with the corrections replayed (a correction
may change an event's type, date or actors), as are documents the index has not seen at this analyzer
version: the answers are the same as reading every analysis.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from models.library.stories import ActorRef, LibraryEvent, document_events

if TYPE_CHECKING:
    from models.library.store import Library

_LIVE = "d.trashed_at IS NULL AND d.superseded_by IS NULL"
_CHUNK = 500  # documents per IN (...) list, under SQLite's variable limit


def _read_whole(analyzer_version: str) -> str:
    """SQL for the live documents that must be read from their analysis: corrected, or not indexed as now."""
    return (
        f"SELECT d.hash FROM documents d WHERE {_LIVE} AND (EXISTS (SELECT 1 FROM corrections c "
        "WHERE c.doc_hash = d.hash) OR NOT EXISTS (SELECT 1 FROM actor_index_documents x "
        f"WHERE x.doc_hash = d.hash AND x.analyzer_version = '{analyzer_version.replace(chr(39), '')}'))"
    )


def event_documents(
    conn: sqlite3.Connection, analyzer_version: str, kind: str | None, low: dt.date | None, high: dt.date | None
) -> list[str]:
    """Live documents that may report an event of `kind` in [low, high]: an index look-up, no analysis read.

    An event without a date of its own is dated by its document, so its document is kept whatever the
    range (the caller checks the document's date); so are documents that must be read whole.
    """
    where = [_LIVE]
    params: list[object] = []
    if kind:
        where.append("e.type = ?")
        params.append(kind)
    if low or high:
        dated = []
        if high:
            dated.append("e.date_low <= ?")
            params.append(high.isoformat())
        if low:
            dated.append("e.date_high >= ?")
            params.append(low.isoformat())
        where.append(f"(e.date_low IS NULL OR ({' AND '.join(dated)}))")
    found = {
        str(r[0])
        for r in conn.execute(
            f"SELECT DISTINCT e.doc_hash FROM library_events e JOIN documents d ON d.hash = e.doc_hash "
            f"WHERE {' AND '.join(where)}",
            params,
        )
    }
    found.update(str(r[0]) for r in conn.execute(_read_whole(analyzer_version)))
    return sorted(found)


def indexed_events(
    library: Library, doc_hashes: Sequence[str], analyzer_version: str, kind: str | None = None
) -> list[LibraryEvent]:
    """The factual events of these documents, as `stories.document_events` gives them, read from the index.

    With `kind`, the indexed documents give only their events of that type (documents read whole give all).
    """
    conn = library.conn
    whole = {str(r[0]) for r in conn.execute(_read_whole(analyzer_version))}
    events: list[LibraryEvent] = []
    indexed = [h for h in doc_hashes if h not in whole]
    by_doc: dict[str, list[LibraryEvent]] = {}
    for chunk in _chunks(indexed):
        marks = ",".join("?" * len(chunk))
        linked: dict[tuple[str, str], int] = {
            (str(h), str(local_id)): int(actor_id)
            for h, local_id, actor_id in conn.execute(
                f"SELECT doc_hash, local_id, actor_id FROM document_actors WHERE doc_hash IN ({marks})", chunk
            )
        }
        ids = sorted(set(linked.values()))
        names = {
            int(r[0]): (str(r[1]), str(r[2]))
            for r in conn.execute(
                f"SELECT id, name, type FROM library_actors WHERE id IN ({','.join(str(i) for i in ids)})"
            )
        }
        places = {
            str(h): (str(title), path)
            for h, title, path in conn.execute(
                "SELECT d.hash, d.title, (SELECT path FROM document_sources s WHERE s.doc_hash = d.hash "
                f"ORDER BY seen_at DESC LIMIT 1) FROM documents d WHERE d.hash IN ({marks})",
                chunk,
            )
        }
        rows = conn.execute(
            'SELECT doc_hash, event_id, type, date, date_given, actors, trigger, sentence, start, "end" '
            f"FROM library_events WHERE doc_hash IN ({marks}){' AND type = ?' if kind else ''} ORDER BY doc_hash, ord",
            [*chunk, kind] if kind else chunk,
        )
        for doc_hash, event_id, event_type, date, given, actors_json, trigger, sentence, start, end in rows:
            actors = json.loads(actors_json)
            title, path = places.get(doc_hash, ("Untitled", None))

            participants = tuple(
                r for r in (_ref(p, doc_hash, linked, names) for p in actors["participants"]) if r is not None
            )
            by_doc.setdefault(doc_hash, []).append(
                LibraryEvent(
                    doc_hash,
                    title,
                    path,
                    event_id,
                    event_type,
                    date,
                    bool(given),
                    _ref(actors["source"], doc_hash, linked, names),
                    _ref(actors["target"], doc_hash, linked, names),
                    participants,
                    trigger,
                    sentence,
                    start,
                    end,
                )
            )
    read = {h: document_events(library, [h], analyzer_version) for h in doc_hashes if h in whole}
    for doc_hash in doc_hashes:
        events += read.get(doc_hash) or by_doc.get(doc_hash, [])
    return events


def _ref(
    value: list[str] | None, doc_hash: str, linked: dict[tuple[str, str], int], names: dict[int, tuple[str, str]]
) -> ActorRef | None:
    """The library actor an indexed event's actor is linked to, or the document's own (as stories._ref)."""
    if value is None:
        return None
    local_id, name, kind = value
    library_id = linked.get((doc_hash, local_id))
    if library_id is not None and library_id in names:
        shown, shown_kind = names[library_id]
        return ActorRef(f"L{library_id}", shown, shown_kind, library_id)
    return ActorRef(f"D{doc_hash[:12]}:{local_id}", name, kind)


def _chunks(items: Iterable[str]) -> Iterable[list[str]]:
    chunk: list[str] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == _CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk

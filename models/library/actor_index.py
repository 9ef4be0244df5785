"""The library's actor index: each document's actors linked into library actors that span documents.

How names link is in `actor_keys`; which library actor holds each document actor, and the counts kept
for look-ups, in `actor_membership`. The index is kept in SQL tables (see schema `_v3`) and updated per
document in the transaction that stores its analysis, so queries over 10,000 documents read indexes
instead of analyses. Reading it: `actor_listing` and `actor_page`; the reader's own links: `actor_links`.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from contextlib import AbstractContextManager
from typing import Protocol

from models.domain import Actor, Analysis, Event, MentionKind
from models.library.actor_keys import ActorKeys, actor_keys
from models.library.actor_listing import LIVE_DOCUMENTS
from models.library.actor_membership import (
    bump_key,
    display_name,
    doc_actor_keys,
    key_owners,
    members_where,
    move_members,
    new_actor,
    reconcile,
    recount,
    refresh_dates,
    search_text,
)
from models.library.event_rows import index_events

log = logging.getLogger(__name__)


def _has_name(actor: Actor) -> bool:
    return any(m.kind == MentionKind.NAME for m in actor.mentions)


def index_analysis(conn: sqlite3.Connection, analysis: Analysis) -> None:
    """Put one document's actors into the index (replacing what an earlier analysis of it put there).

    Runs inside the caller's transaction (the one storing the analysis), so the index never lags behind.
    Actors without a single name mention ("the company") stay out: they cannot be recognised elsewhere.
    Every look-up reads an index; the work per document does not grow with the size of the library.
    """
    doc_hash = analysis.document.sha256
    text = analysis.document.text
    touched_actors, touched_keys = _remove_document(conn, doc_hash)
    roles = _event_roles(analysis)
    for actor in analysis.actors:
        if not _has_name(actor):
            continue
        keys = actor_keys(actor)
        actor_id, link = _linked_by_reader(conn, doc_hash, actor)
        if link != "manual":
            actor_id, link = _find_link(conn, keys)
        if actor_id is None:
            actor_id = new_actor(conn, str(actor.type), keys.spellings.get(min(keys.names, default=""), actor.name))
        conn.execute(
            "INSERT INTO document_actors (doc_hash, local_id, actor_id, name, type, aliases, link, mentions) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                doc_hash,
                actor.id,
                actor_id,
                actor.name,
                str(actor.type),
                json.dumps(actor.aliases, ensure_ascii=False),
                link,
                len(actor.mentions),
            ),
        )
        rows = list(keys.rows())
        conn.executemany(
            "INSERT OR IGNORE INTO document_actor_keys (key, role, doc_hash, local_id, spelling) "
            "VALUES (?, ?, ?, ?, ?)",
            [(key, role, doc_hash, actor.id, keys.spellings.get(key)) for role, key in rows],
        )
        for role, key in rows:
            bump_key(conn, key, role, actor_id, 1, spelling=keys.spellings.get(key))
        conn.executemany(
            'INSERT INTO actor_mentions (doc_hash, local_id, start, "end", kind) VALUES (?, ?, ?, ?, ?)',
            [(doc_hash, actor.id, m.start, m.end, str(m.kind)) for m in actor.mentions],
        )
        conn.executemany(
            'INSERT INTO actor_events (doc_hash, local_id, event_id, type, role, date, start, "end", text, context) '
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (doc_hash, actor.id, e.id, str(e.type), role, e.date, e.start, e.end, e.text, _context(text, e))
                for e, role in roles.get(actor.id, [])
            ],
        )
        touched_actors.add(actor_id)
        touched_keys.update(keys.owns | keys.seeks)
        if link == "name":
            for other in _bridged(conn, keys, actor_id):
                move_members(conn, members_where(conn, "actor_id = ?", (other,)), actor_id, "")
                touched_actors.add(other)
    index_events(conn, analysis)
    conn.execute(
        "INSERT INTO actor_index_documents (doc_hash, analyzer_version) VALUES (?, ?) "
        "ON CONFLICT (doc_hash) DO UPDATE SET analyzer_version = excluded.analyzer_version",
        (doc_hash, analysis.analyzer_version),
    )
    for key in sorted(touched_keys):
        touched_actors |= reconcile(conn, key)
    recount(conn, touched_actors)


def _event_roles(analysis: Analysis) -> dict[str, list[tuple[Event, str]]]:
    """Each actor's factual events with the part it plays (who acts, at whom, where, or takes part)."""
    roles: dict[str, list[tuple[Event, str]]] = {}
    for event in analysis.events:
        if not event.factual:
            continue
        seen: set[str] = set()
        for role, actor_id in (
            ("source", event.source),
            ("target", event.target),
            ("place", event.place),
            *(("participant", p) for p in event.participants),
        ):
            if actor_id and actor_id not in seen:
                seen.add(actor_id)
                roles.setdefault(actor_id, []).append((event, role))
    return roles


def _context(text: str, event: Event, width: int = 70) -> str:
    """The words around an event, cut at word boundaries, so a timeline row reads without opening the text."""
    before = text[max(0, event.start - width) : event.start]
    after = text[event.end : event.end + width]
    if event.start > width and " " in before:
        before = "…" + before.split(" ", 1)[1]
    if event.end + width < len(text) and " " in after:
        after = after.rsplit(" ", 1)[0] + "…"
    return " ".join(f"{before}{text[event.start : event.end]}{after}".split())


def _linked_by_reader(conn: sqlite3.Connection, doc_hash: str, actor: Actor) -> tuple[int | None, str]:
    """The library actor the reader put this document actor in (by a link kept in `actor_links`), if any."""
    row = conn.execute(
        "SELECT target_hash, target_name FROM actor_links WHERE doc_hash = ? AND name = ? AND type = ?",
        (doc_hash, actor.name, str(actor.type)),
    ).fetchone()
    if row is None:
        return None, ""
    target_hash, target_name = row
    if target_hash is None:
        return None, "manual"  # the reader said: this one stands alone
    found = conn.execute(
        "SELECT actor_id FROM document_actors WHERE doc_hash = ? AND name = ? LIMIT 1", (target_hash, target_name)
    ).fetchone()
    return (int(found[0]), "manual") if found else (None, "")


def _remove_document(conn: sqlite3.Connection, doc_hash: str) -> tuple[set[int], set[str]]:
    actors = {r[0] for r in conn.execute("SELECT actor_id FROM document_actors WHERE doc_hash = ?", (doc_hash,))}
    keys: set[str] = set()
    for key, role, actor_id in doc_actor_keys(conn, "k.doc_hash = ?", (doc_hash,)):
        bump_key(conn, key, role, actor_id, -1)
        if role != "name":
            keys.add(key)
    conn.execute("DELETE FROM actor_mentions WHERE doc_hash = ?", (doc_hash,))
    conn.execute("DELETE FROM actor_events WHERE doc_hash = ?", (doc_hash,))
    conn.execute("DELETE FROM document_actor_keys WHERE doc_hash = ?", (doc_hash,))
    conn.execute("DELETE FROM document_actors WHERE doc_hash = ?", (doc_hash,))
    return actors, keys


def _find_link(conn: sqlite3.Connection, keys: ActorKeys) -> tuple[int | None, str]:
    """The library actor a document actor joins, and how: by a shared name, or by a unique full-named owner."""
    if keys.names:
        marks = ",".join("?" * len(keys.names))
        row = conn.execute(
            "SELECT actor_id, count(*) AS shared FROM library_actor_keys "
            f"WHERE role = 'name' AND key IN ({marks}) GROUP BY actor_id ORDER BY shared DESC, actor_id LIMIT 1",
            sorted(keys.names),
        ).fetchone()
        if row is not None:
            return int(row[0]), "name"
    for key in sorted(keys.seeks):
        owners = key_owners(conn, key)
        if len(owners) == 1:
            return owners[0], "surname"
    return None, "own"


def _bridged(conn: sqlite3.Connection, keys: ActorKeys, actor_id: int) -> list[int]:
    """Other library actors sharing a name key with this document actor, which it shows to be the same.

    A document that names "the Church of Scientology (Scientology)" joins the actor found as "Scientology"
    elsewhere to the one found as "Church of Scientology", whatever order the documents came in. Actors
    the reader linked or unlinked by hand are left as they are.
    """
    if not keys.names:
        return []
    marks = ",".join("?" * len(keys.names))
    rows = conn.execute(
        f"SELECT DISTINCT k.actor_id FROM library_actor_keys k WHERE k.role = 'name' AND k.key IN ({marks}) "
        "AND k.actor_id != ? AND NOT EXISTS (SELECT 1 FROM document_actors da "
        "WHERE da.actor_id = k.actor_id AND da.link = 'manual')",
        [*sorted(keys.names), actor_id],
    ).fetchall()
    return [int(r[0]) for r in rows]


def unindexed(conn: sqlite3.Connection, analyzer_version: str) -> list[str]:
    """Documents with a stored analysis of this analyzer that the index has not seen (older libraries, imports)."""
    rows = conn.execute(
        "SELECT a.doc_hash FROM analyses a JOIN documents d ON d.hash = a.doc_hash "
        "LEFT JOIN actor_index_documents x ON x.doc_hash = a.doc_hash "
        f"WHERE a.analyzer_version = ? AND {LIVE_DOCUMENTS} AND (x.doc_hash IS NULL OR x.analyzer_version != ?)",
        (analyzer_version, analyzer_version),
    ).fetchall()
    return [r[0] for r in rows]


def repair(conn: sqlite3.Connection) -> bool:
    """Bring the key counts and actor counts back in line after documents were deleted (emptied trash).

    Deleting a document removes its actors, keys and mentions with it (foreign keys), but not the
    counts kept for fast look-ups; a cheap comparison finds that, and one pass recounts. True if it did.
    """
    kept = conn.execute("SELECT coalesce(sum(uses), 0) FROM library_actor_keys").fetchone()[0]
    actual = conn.execute("SELECT count(*) FROM document_actor_keys").fetchone()[0]
    orphans = conn.execute(
        "SELECT count(*) FROM library_actors a "
        "WHERE NOT EXISTS (SELECT 1 FROM document_actors da WHERE da.actor_id = a.id)"
    ).fetchone()[0]
    if kept == actual and not orphans:
        return False
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
    conn.execute(
        "UPDATE library_actors SET documents = (SELECT count(DISTINCT doc_hash) FROM document_actors da "
        "WHERE da.actor_id = library_actors.id), mentions = (SELECT sum(mentions) FROM document_actors da "
        "WHERE da.actor_id = library_actors.id)"
    )
    for (actor_id,) in conn.execute("SELECT id FROM library_actors").fetchall():
        conn.execute(
            "UPDATE library_actors SET name = ?, search = ? WHERE id = ?",
            (display_name(conn, actor_id), search_text(conn, actor_id), actor_id),
        )
    refresh_dates(conn, [r[0] for r in conn.execute("SELECT id FROM library_actors")])
    log.info("actor index recounted after documents were deleted")
    return True


class StoredAnalyses(Protocol):
    """What indexing the stored analyses needs of the library (a `Library`), named here so the index
    stays below the store that feeds it."""

    conn: sqlite3.Connection

    def write(self) -> AbstractContextManager[sqlite3.Connection]: ...

    def cached_analysis(self, doc_hash: str, analyzer_version: str) -> Analysis | None: ...


def index_pending(library: StoredAnalyses, analyzer_version: str) -> int:
    """Index the stored analyses the index has not seen yet, one transaction per document; how many.

    Recounts first when documents were deleted since the index was last written.
    """
    with library.write() as conn:
        repair(conn)
    done = 0
    for doc_hash in unindexed(library.conn, analyzer_version):
        analysis = library.cached_analysis(doc_hash, analyzer_version)
        if analysis is None or analysis.document.sha256 != doc_hash:
            continue
        with library.write() as conn:
            index_analysis(conn, analysis)
        done += 1
    if done:
        log.info("actor index: %d stored analyses indexed", done)
    return done

"""Which library actor each document actor belongs to, and what the index keeps per library actor.

Each library actor keeps the name keys its document actors give it (with how many give each), so a look-up
reads one index; moving document actors between library actors keeps those counts, re-applies the surname
and acronym rules to the keys it touched, and recounts the actors' documents, mentions, name and dates.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable


def bump_key(
    conn: sqlite3.Connection, key: str, role: str, actor_id: int, delta: int, *, spelling: str | None = None
) -> None:
    """Count one more (or one less) document actor giving `key` to a library actor."""
    if delta > 0:
        conn.execute(
            "INSERT INTO library_actor_keys (key, role, actor_id, uses, spelling) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (key, role, actor_id) DO UPDATE SET uses = uses + excluded.uses, "
            # A spelling in capitals ("KAMALA HARRIS" of a congressional record) gives way to a written one.
            "spelling = CASE WHEN spelling IS NULL OR (spelling = upper(spelling) "
            "AND excluded.spelling != upper(excluded.spelling)) THEN excluded.spelling ELSE spelling END",
            (key, role, actor_id, delta, spelling),
        )
        return
    conn.execute(
        "UPDATE library_actor_keys SET uses = uses + ? WHERE key = ? AND role = ? AND actor_id = ?",
        (delta, key, role, actor_id),
    )
    conn.execute(
        "DELETE FROM library_actor_keys WHERE key = ? AND role = ? AND actor_id = ? AND uses <= 0",
        (key, role, actor_id),
    )


def doc_actor_keys(conn: sqlite3.Connection, where: str, params: tuple[object, ...]) -> list[tuple[str, str, int]]:
    """The (key, role, library actor) of the document actors `where` selects."""
    return conn.execute(
        "SELECT k.key, k.role, da.actor_id FROM document_actor_keys k JOIN document_actors da "
        f"ON da.doc_hash = k.doc_hash AND da.local_id = k.local_id WHERE {where}",
        params,
    ).fetchall()


def key_owners(conn: sqlite3.Connection, key: str) -> list[int]:
    """Up to two library actors owning `key` (a surname or acronym): enough to tell one owner from several."""
    rows = conn.execute(
        "SELECT actor_id FROM library_actor_keys WHERE key = ? AND role = 'owner' LIMIT 2", (key,)
    ).fetchall()
    return [int(r[0]) for r in rows]


def reconcile(conn: sqlite3.Connection, key: str) -> set[int]:
    """Re-link the surname-only (or acronym-only) actors of `key` after its full-named owners changed.

    One owner: they all join it. None or several: those that had joined one get a library actor of their own.
    Returns the library actors whose counts changed.
    """
    owners = key_owners(conn, key)
    select = (
        "SELECT da.doc_hash, da.local_id, da.actor_id, da.type, da.name FROM document_actor_keys k "
        "JOIN document_actors da ON da.doc_hash = k.doc_hash AND da.local_id = k.local_id "
        "WHERE k.key = ? AND k.role = 'seeker' AND "
    )
    if len(owners) == 1:
        seekers = conn.execute(
            select + "da.link NOT IN ('name', 'manual') AND da.actor_id != ?", (key, owners[0])
        ).fetchall()
    else:
        seekers = conn.execute(select + "da.link = 'surname'", (key,)).fetchall()
    changed: set[int] = set()
    for doc_hash, local_id, actor_id, kind, name in seekers:
        if len(owners) == 1:
            target, link = owners[0], "surname"
        else:
            target, link = new_actor(conn, kind, name), "own"
        for each, role, _old in doc_actor_keys(conn, "k.doc_hash = ? AND k.local_id = ?", (doc_hash, local_id)):
            bump_key(conn, each, role, actor_id, -1)
            bump_key(conn, each, role, target, 1)
        conn.execute(
            "UPDATE document_actors SET actor_id = ?, link = ? WHERE doc_hash = ? AND local_id = ?",
            (target, link, doc_hash, local_id),
        )
        changed |= {actor_id, target}
    return changed


def new_actor(conn: sqlite3.Connection, kind: str, name: str) -> int:
    """A new, empty library actor (its counts are filled by `recount`)."""
    cursor = conn.execute("INSERT INTO library_actors (type, name) VALUES (?, ?)", (kind, name))
    return int(cursor.lastrowid or 0)


def recount(conn: sqlite3.Connection, actor_ids: Iterable[int]) -> None:
    """Recount documents and mentions of these library actors, name them, and drop those left empty."""
    actor_ids = sorted(set(actor_ids))
    for actor_id in actor_ids:
        documents, mentions = conn.execute(
            "SELECT count(DISTINCT doc_hash), coalesce(sum(mentions), 0) FROM document_actors WHERE actor_id = ?",
            (actor_id,),
        ).fetchone()
        if not documents:
            conn.execute("DELETE FROM library_actors WHERE id = ?", (actor_id,))
            continue
        # The type most of its documents give it (a name typed as an organisation in one text stays a person).
        kind = conn.execute(
            "SELECT type FROM document_actors WHERE actor_id = ? GROUP BY type "
            "ORDER BY count(*) DESC, sum(mentions) DESC, type DESC LIMIT 1",
            (actor_id,),
        ).fetchone()[0]
        conn.execute(
            "UPDATE library_actors SET documents = ?, mentions = ?, name = ?, search = ?, type = ? WHERE id = ?",
            (documents, mentions, display_name(conn, actor_id), search_text(conn, actor_id), kind, actor_id),
        )
    refresh_dates(conn, actor_ids)


def refresh_dates(conn: sqlite3.Connection, actor_ids: Iterable[int]) -> None:
    """The first and last document dates of these library actors (after a document or its date changed)."""
    for actor_id in sorted(set(actor_ids)):
        conn.execute(
            "UPDATE library_actors SET (first_date, last_date) = (SELECT min(d.date), max(d.date) "
            "FROM document_actors da JOIN documents d ON d.hash = da.doc_hash WHERE da.actor_id = ?) WHERE id = ?",
            (actor_id, actor_id),
        )


def document_actor_ids(conn: sqlite3.Connection, doc_hash: str) -> list[int]:
    """The library actors one document holds."""
    return [r[0] for r in conn.execute("SELECT DISTINCT actor_id FROM document_actors WHERE doc_hash = ?", (doc_hash,))]


def search_text(conn: sqlite3.Connection, actor_id: int) -> str:
    """The actor's folded name keys joined by "|", searched with one LIKE per actor."""
    rows = conn.execute(
        "SELECT key FROM library_actor_keys WHERE actor_id = ? AND role = 'name' ORDER BY key", (actor_id,)
    ).fetchall()
    return "|".join(str(r[0]).split(":n:", 1)[-1] for r in rows)


def display_name(conn: sqlite3.Connection, actor_id: int) -> str:
    """The name key most documents share (a full name before a bare one), as the documents spell it."""
    row = conn.execute(
        "SELECT spelling FROM library_actor_keys WHERE actor_id = ? AND role = 'name' AND spelling IS NOT NULL "
        "ORDER BY instr(key, ' ') > 0 DESC, uses DESC, length(key), key LIMIT 1",
        (actor_id,),
    ).fetchone()
    if row is None:
        row = conn.execute("SELECT name FROM document_actors WHERE actor_id = ? LIMIT 1", (actor_id,)).fetchone()
    return str(row[0])


def members_where(conn: sqlite3.Connection, where: str, params: tuple[object, ...]) -> list[tuple[str, str, str]]:
    """The (doc_hash, local_id, link) of the document actors `where` selects, as `move_members` takes them."""
    return conn.execute(f"SELECT doc_hash, local_id, link FROM document_actors WHERE {where}", params).fetchall()


def move_members(
    conn: sqlite3.Connection, members: Iterable[tuple[str, str, str]], target: int | None, link: str
) -> int:
    """Put document actors into library actor `target` (a new one when None); the library actor it went to.

    `link` is the new link of each, or "" to give each back the link it carries in `members`.
    """
    members = list(members)
    touched: set[int] = set()
    owner_keys: set[str] = set()
    for doc_hash, local_id, old_link in members:
        row = conn.execute(
            "SELECT actor_id, type, name FROM document_actors WHERE doc_hash = ? AND local_id = ?", (doc_hash, local_id)
        ).fetchone()
        if row is None:
            continue
        old_actor, kind, name = row
        if target is None:
            target = new_actor(conn, kind, name)
        for key, role, _actor in doc_actor_keys(conn, "k.doc_hash = ? AND k.local_id = ?", (doc_hash, local_id)):
            spelling = conn.execute(
                "SELECT spelling FROM document_actor_keys WHERE key = ? AND role = ? AND doc_hash = ? AND local_id = ?",
                (key, role, doc_hash, local_id),
            ).fetchone()[0]
            bump_key(conn, key, role, old_actor, -1)
            bump_key(conn, key, role, target, 1, spelling=spelling)
            if role != "name":
                owner_keys.add(key)
        conn.execute(
            "UPDATE document_actors SET actor_id = ?, link = ? WHERE doc_hash = ? AND local_id = ?",
            (target, link or old_link, doc_hash, local_id),
        )
        touched |= {old_actor, target}
    for key in sorted(owner_keys):
        touched |= reconcile(conn, key)
    recount(conn, touched)
    if target is None:
        raise ValueError("nothing to move")
    return target

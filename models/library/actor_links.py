"""The reader's links across documents: two library actors are one, or an actor in one document is
someone else. Each change returns what it moved, so it can be undone."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from models.library.actor_listing import get_actor
from models.library.actor_membership import members_where, move_members


@dataclass(frozen=True, slots=True)
class LinkChange:
    """What a link or unlink moved, so it can be undone: the document actors, their old links and kept links."""

    members: tuple[tuple[str, str, str], ...]  # (doc_hash, local_id, link before)
    old_actor: int
    new_actor: int
    kept_links: tuple[tuple[str, str, str, str | None, str | None], ...]  # the reader's earlier links of them


_LINK_SQL = "INSERT OR REPLACE INTO actor_links (doc_hash, name, type, target_hash, target_name) VALUES (?, ?, ?, ?, ?)"

_LinkRow = tuple[str, str, str, str | None, str | None]


def _keep_links(conn: sqlite3.Connection, members: list[tuple[str, str, str]]) -> list[_LinkRow]:
    kept: list[_LinkRow] = []
    for doc_hash, local_id, _link in members:
        name, kind = conn.execute(
            "SELECT name, type FROM document_actors WHERE doc_hash = ? AND local_id = ?", (doc_hash, local_id)
        ).fetchone()
        row = conn.execute(
            "SELECT doc_hash, name, type, target_hash, target_name FROM actor_links "
            "WHERE doc_hash = ? AND name = ? AND type = ?",
            (doc_hash, name, kind),
        ).fetchone()
        if row is not None:
            kept.append((row[0], row[1], row[2], row[3], row[4]))
    return kept


def _set_links(conn: sqlite3.Connection, members: list[tuple[str, str, str]], target: tuple[str, str] | None) -> None:
    for doc_hash, local_id, _link in members:
        name, kind = conn.execute(
            "SELECT name, type FROM document_actors WHERE doc_hash = ? AND local_id = ?", (doc_hash, local_id)
        ).fetchone()
        conn.execute(_LINK_SQL, (doc_hash, name, kind, *(target or (None, None))))


def link_actors(conn: sqlite3.Connection, source_id: int, target_id: int) -> LinkChange:
    """The reader says library actors `source_id` and `target_id` are one: every document of the first joins.

    The link is kept per document actor (so a new analysis of a document keeps it) and never undone by the
    surname and acronym rules.
    """
    if source_id == target_id:
        raise ValueError("an actor cannot be linked to itself")
    anchor = conn.execute(
        "SELECT doc_hash, name FROM document_actors WHERE actor_id = ? ORDER BY link = 'manual', doc_hash LIMIT 1",
        (target_id,),
    ).fetchone()
    members = members_where(conn, "actor_id = ?", (source_id,))
    if anchor is None or not members:
        raise ValueError("both actors must be in the library")
    kept = _keep_links(conn, members)
    _set_links(conn, members, (anchor[0], anchor[1]))
    move_members(conn, members, target_id, "manual")
    return LinkChange(tuple(members), source_id, target_id, tuple(kept))


def unlink_actor(conn: sqlite3.Connection, actor_id: int, doc_hash: str) -> LinkChange:
    """The reader says the actor of this document is someone else: it leaves `actor_id` for an actor of its own."""
    members = members_where(conn, "actor_id = ? AND doc_hash = ?", (actor_id, doc_hash))
    if not members:
        raise ValueError("the actor is not in that document")
    kept = _keep_links(conn, members)
    _set_links(conn, members, None)
    new = move_members(conn, members, None, "manual")
    return LinkChange(tuple(members), actor_id, new, tuple(kept))


def undo_link(conn: sqlite3.Connection, change: LinkChange) -> int:
    """Put back what `change` moved (into `old_actor` when it still exists, a new actor otherwise); where."""
    members = list(change.members)
    for doc_hash, local_id, _link in members:
        row = conn.execute(
            "SELECT name, type FROM document_actors WHERE doc_hash = ? AND local_id = ?", (doc_hash, local_id)
        ).fetchone()
        if row is not None:
            conn.execute(
                "DELETE FROM actor_links WHERE doc_hash = ? AND name = ? AND type = ?", (doc_hash, row[0], row[1])
            )
    conn.executemany(_LINK_SQL, change.kept_links)
    back = change.old_actor if get_actor(conn, change.old_actor) is not None else None
    return move_members(conn, members, back, "")

"""A correction made in one document, offered for the other documents where the same library actor appears.

The reader renames "Mr. Biden" to "Joe Biden", merges two actors, splits one or says "not an actor" in one
article; the actor index knows which other documents hold the same library actor (linked by full names,
aliases and type, never by a surname two people share). The correction is offered for those where it
applies to their stored analysis (with their own corrections first), and kept there as the reader's own
correction of each, so it is replayed whenever the document is shown.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from models.library.corrections import CorrectionOp, apply_op, replay

if TYPE_CHECKING:
    from models.library.store import Library

# What is worth carrying to other documents: corrections of who an actor is.
SHARED_KINDS = frozenset({"rename", "retype", "merge", "split", "remove"})


@dataclass(frozen=True, slots=True)
class Elsewhere:
    """Other documents a correction applies to, and the copies of it to keep there (one per document)."""

    op: CorrectionOp
    documents: tuple[tuple[str, str], ...]  # (doc_hash, title)
    copies: tuple[tuple[str, CorrectionOp], ...] = ()


def _library_actor(conn: sqlite3.Connection, doc_hash: str, key: dict[str, Any]) -> int | None:
    names = [key.get("name", ""), *key.get("aliases", [])]
    marks = ",".join("?" * len(names))
    row = conn.execute(
        f"SELECT actor_id FROM document_actors WHERE doc_hash = ? AND name IN ({marks}) "
        "ORDER BY type = ? DESC, mentions DESC LIMIT 1",
        (doc_hash, *names, key.get("type", "")),
    ).fetchone()
    return int(row[0]) if row else None


def documents_for(library: Library, doc_hash: str, op: CorrectionOp, analyzer_version: str) -> Elsewhere:
    """The other live documents holding the corrected actor's library actor where `op` applies too."""
    if op.kind not in SHARED_KINDS:
        return Elsewhere(op, ())
    key = op.args.get("source" if op.kind == "merge" else "actor")
    if not isinstance(key, dict):
        return Elsewhere(op, ())
    conn = library.conn
    actor_id = _library_actor(conn, doc_hash, key)
    if actor_id is None:
        return Elsewhere(op, ())
    rows = conn.execute(
        "SELECT DISTINCT da.doc_hash, d.title FROM document_actors da JOIN documents d ON d.hash = da.doc_hash "
        "WHERE da.actor_id = ? AND da.doc_hash != ? AND d.trashed_at IS NULL AND d.superseded_by IS NULL "
        "ORDER BY d.date DESC, d.title",
        (actor_id, doc_hash),
    ).fetchall()
    found: list[tuple[str, str]] = []
    copies: list[tuple[str, CorrectionOp]] = []
    for other, title in rows:
        analysis = library.cached_analysis(other, analyzer_version)
        if analysis is None:
            continue
        corrected, _skipped = replay(analysis, library.corrections(other))
        if apply_op(corrected.actors, corrected.events, corrected.document.text, op) is None:
            continue  # the other actor of a merge is not there, or the actor goes by other names there
        found.append((other, title))
        copies.append((other, CorrectionOp.new(op.kind, **op.args)))
    return Elsewhere(op, tuple(found), tuple(copies))


def apply_elsewhere(library: Library, elsewhere: Elsewhere) -> int:
    """Keep the correction in each of the other documents; how many."""
    for doc_hash, copy in elsewhere.copies:
        library.add_correction(doc_hash, copy)
    return len(elsewhere.copies)


def undo_elsewhere(library: Library, elsewhere: Elsewhere) -> None:
    """Take back the copies a correction left in the other documents (the undo of applying it there)."""
    for _doc_hash, copy in elsewhere.copies:
        library.remove_correction(copy.id)

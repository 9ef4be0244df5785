"""An actor's page: its names, its documents (a page at a time), the actors seen with it most, its
timeline, and the mention lines of one document, read when the reader unfolds it."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from models.library.actor_listing import DOCUMENTS_META, LIVE_DOCUMENTS, LibraryActorRow, get_actor


@dataclass(frozen=True, slots=True)
class PageDocument:
    """A document on an actor's page: when, how often, and how the document names the actor."""

    doc_hash: str
    title: str
    date: str | None
    path: str | None
    mentions: int


@dataclass(frozen=True, slots=True)
class CoActor:
    """An actor seen in the same documents, and in how many of them."""

    id: int
    type: str
    name: str
    shared: int


@dataclass(frozen=True, slots=True)
class ActorEventRow:
    """One of the actor's events: its date (the event's own, or its document's), type, role and words."""

    date: str | None
    type: str
    role: str
    doc_hash: str
    title: str
    start: int
    end: int
    text: str
    context: str = ""


@dataclass
class ActorPage:
    """Everything an actor's page shows except the mention lines, which are read per document on demand."""

    actor: LibraryActorRow
    names: list[str]
    documents: list[PageDocument]
    co_actors: list[CoActor]
    events: list[ActorEventRow]
    more_events: bool = False


PAGE_EVENTS = 1000
PAGE_CO_ACTORS = 12
PAGE_DOCUMENTS = 200
CO_ACTOR_DOCUMENTS = 500


def actor_page(conn: sqlite3.Connection, actor_id: int) -> ActorPage | None:
    """The actor's page: its names, every document (newest first), who is seen with it most, its timeline."""
    actor = get_actor(conn, actor_id)
    if actor is None:
        return None
    documents = page_documents(conn, actor_id)
    events = [
        ActorEventRow(*row)
        for row in conn.execute(
            'SELECT coalesce(e.date, d.date), e.type, e.role, e.doc_hash, d.title, e.start, e."end", e.text, e.context '
            "FROM document_actors da CROSS JOIN actor_events e "
            "ON e.doc_hash = da.doc_hash AND e.local_id = da.local_id "
            f"JOIN {DOCUMENTS_META} ON d.hash = da.doc_hash WHERE da.actor_id = ? AND {LIVE_DOCUMENTS} "
            "ORDER BY coalesce(e.date, d.date) IS NULL, coalesce(e.date, d.date), d.title, e.start "
            f"LIMIT {PAGE_EVENTS + 1}",
            (actor_id,),
        )
    ]
    return ActorPage(
        actor,
        actor_names_of(conn, actor_id),
        documents,
        co_actors(conn, actor_id),
        events[:PAGE_EVENTS],
        more_events=len(events) > PAGE_EVENTS,
    )


def page_documents(
    conn: sqlite3.Connection, actor_id: int, offset: int = 0, limit: int = PAGE_DOCUMENTS
) -> list[PageDocument]:
    """One page of the actor's live documents, newest first (the page asks for the next as the reader scrolls)."""
    return [
        PageDocument(*row)
        for row in conn.execute(
            "SELECT p.doc_hash, p.title, p.date, "
            "(SELECT path FROM document_sources s WHERE s.doc_hash = p.doc_hash ORDER BY seen_at DESC LIMIT 1), "
            "p.mentions FROM (SELECT da.doc_hash, d.title, d.date, sum(da.mentions) AS mentions "
            f"FROM document_actors da JOIN {DOCUMENTS_META} ON d.hash = da.doc_hash "
            f"WHERE da.actor_id = ? AND {LIVE_DOCUMENTS} "
            "GROUP BY da.doc_hash ORDER BY d.date IS NULL, d.date DESC, d.title, da.doc_hash LIMIT ? OFFSET ?) p",
            (actor_id, limit, offset),
        )
    ]


def co_actors(
    conn: sqlite3.Connection, actor_id: int, limit: int = PAGE_CO_ACTORS, among: int = CO_ACTOR_DOCUMENTS
) -> list[CoActor]:
    """The library actors found in the most documents together with `actor_id`.

    Counted over the actor's `among` most recently added documents: exact for all but the few actors
    found in more, and for those it reads what they are seen with lately.
    """
    rows = conn.execute(
        "WITH recent AS (SELECT DISTINCT doc_hash FROM (SELECT doc_hash FROM document_actors WHERE actor_id = ? "
        "ORDER BY rowid DESC LIMIT ?)) "
        "SELECT o.actor_id, count(DISTINCT o.doc_hash) AS shared FROM recent r "
        "JOIN document_actors o ON o.doc_hash = r.doc_hash AND o.actor_id != ? "
        "GROUP BY o.actor_id ORDER BY shared DESC, o.actor_id LIMIT ?",
        (actor_id, among, actor_id, limit),
    ).fetchall()
    found = []
    for other, shared in rows:
        row = get_actor(conn, other)
        if row is not None:
            found.append(CoActor(row.id, row.type, row.name, int(shared)))
    return found


@dataclass(frozen=True, slots=True)
class MentionLine:
    """One mention with the words around it, as the X-Ray lists it."""

    start: int
    end: int
    kind: str
    before: str
    text: str
    after: str


def document_mentions(conn: sqlite3.Connection, actor_id: int, doc_hash: str, context: int = 60) -> list[MentionLine]:
    """Every mention of a library actor in one document, in reading order, with `context` characters around."""
    row = conn.execute("SELECT text FROM documents WHERE hash = ?", (doc_hash,)).fetchone()
    if row is None:
        return []
    text = str(row[0])
    lines = []
    for start, end, kind in conn.execute(
        'SELECT m.start, m."end", m.kind FROM document_actors da JOIN actor_mentions m '
        "ON m.doc_hash = da.doc_hash AND m.local_id = da.local_id WHERE da.doc_hash = ? AND da.actor_id = ? "
        "ORDER BY m.start",
        (doc_hash, actor_id),
    ):
        before = " ".join(text[max(0, start - context) : start].split())
        after = " ".join(text[end : end + context].split())
        lines.append(MentionLine(start, end, kind, before, text[start:end], after))
    return lines


def actor_names_of(conn: sqlite3.Connection, actor_id: int) -> list[str]:
    """The spellings the documents use for a library actor, most used first."""
    rows = conn.execute(
        "SELECT spelling FROM library_actor_keys WHERE actor_id = ? AND role = 'name' AND spelling IS NOT NULL "
        "ORDER BY uses DESC, length(spelling), spelling",
        (actor_id,),
    ).fetchall()
    return list(dict.fromkeys(str(r[0]) for r in rows))

"""Reading the actor index: the library's actors a page at a time (searched, by type), and for
`main.py actors` every actor with its names, documents and mentions."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field

from models.library.actor_keys import name_words

LIVE_DOCUMENTS = "d.trashed_at IS NULL AND d.superseded_by IS NULL"
# The planner prefers the unique index on `hash` and then reads the row with the whole text; this one covers.
DOCUMENTS_META = "documents d INDEXED BY documents_meta"


@dataclass(frozen=True, slots=True)
class LibraryActorRow:
    """One line of the actor index: a library actor with how often and when it is seen."""

    id: int
    type: str
    name: str
    documents: int
    mentions: int
    first_date: str | None = None
    last_date: str | None = None


@dataclass(frozen=True, slots=True)
class ActorMentionRow:
    start: int
    end: int
    kind: str


@dataclass
class ActorDocument:
    """A library actor in one document: the names it has there and where it is mentioned."""

    doc_hash: str
    title: str
    path: str | None
    names: list[str]
    mentions: list[ActorMentionRow] = field(default_factory=list)


@dataclass
class LibraryActorDetail:
    actor: LibraryActorRow
    names: list[str]
    documents: list[ActorDocument]


_ROW = "SELECT a.id, a.type, a.name, a.documents, a.mentions, a.first_date, a.last_date FROM library_actors a"


def _filters(search: str, kind: str | None) -> tuple[str, list[object]]:
    where: list[str] = []
    params: list[object] = []
    if kind:
        where.append("a.type = ?")
        params.append(kind)
    if search.strip():
        # Name keys are folded (case, accents, titles), so "jose" finds "José"; the shown name is tried too.
        where.append("(a.name LIKE ? OR a.search LIKE ?)")
        params += [f"%{search.strip()}%", f"%{' '.join(name_words(search, ''))}%"]
    return (" WHERE " + " AND ".join(where)) if where else "", params


def list_actors(
    conn: sqlite3.Connection,
    *,
    search: str = "",
    kind: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[LibraryActorRow]:
    """Library actors, most mentioned first; `search` matches any of their names, `kind` their type.

    `limit` and `offset` read one page: the window asks for the next page as the reader scrolls.
    """
    return index_page(conn, search=search, kind=kind, limit=limit, offset=offset)[1]


def index_page(
    conn: sqlite3.Connection,
    *,
    search: str = "",
    kind: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> tuple[int, list[LibraryActorRow]]:
    """How many actors match, and one page of them (what the index window reads when it opens or filters).

    A search reads every actor's names once, in table order (faster than walking the mentions index and
    jumping to each row), counting the matches in the same pass.
    """
    where, params = _filters(search, kind)
    searching = bool(search.strip())
    order = "+a.mentions" if searching else "a.mentions"  # "+": not through the index, see above
    total = ", count(*) OVER ()" if searching else ""
    sql = f"{_ROW.replace(' FROM', total + ' FROM', 1)}{where} ORDER BY {order} DESC, a.id"
    if limit is not None:
        sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
    found = conn.execute(sql, params).fetchall()
    rows = [LibraryActorRow(*row[:7]) for row in found]
    if searching:
        count = int(found[0][7]) if found else (count_actors(conn, search=search, kind=kind) if offset else 0)
    elif limit is None:
        count = len(rows)
    else:
        count = count_actors(conn, kind=kind)
    return count, rows


def count_actors(conn: sqlite3.Connection, *, search: str = "", kind: str | None = None) -> int:
    """How many library actors `list_actors` would give without a limit."""
    where, params = _filters(search, kind)
    return int(conn.execute(f"SELECT count(*) FROM library_actors a{where}", params).fetchone()[0])


def get_actor(conn: sqlite3.Connection, actor_id: int) -> LibraryActorRow | None:
    """One library actor's index row (None when it is gone: merged or unlinked since it was listed)."""
    row = conn.execute(f"{_ROW} WHERE a.id = ?", (actor_id,)).fetchone()
    return LibraryActorRow(*row) if row else None


def actor_details(conn: sqlite3.Connection, actor_ids: Iterable[int] | None = None) -> list[LibraryActorDetail]:
    """Library actors with their names and mentions per live document (every actor when `actor_ids` is None)."""
    wanted = None if actor_ids is None else sorted(set(actor_ids))
    chosen = list_actors(conn) if wanted is None else [r for r in (get_actor(conn, i) for i in wanted) if r]
    actors = {row.id: LibraryActorDetail(row, [], []) for row in chosen}
    if not actors:
        return []
    filter_sql = "" if wanted is None else f" AND da.actor_id IN ({','.join(str(i) for i in wanted)})"
    places: dict[tuple[str, str], ActorDocument] = {}
    by_doc: dict[tuple[int, str], ActorDocument] = {}
    folded: dict[int, set[str]] = {}
    rows = conn.execute(
        "SELECT da.actor_id, da.doc_hash, da.local_id, da.name, da.aliases, d.title, "
        "(SELECT path FROM document_sources s WHERE s.doc_hash = d.hash ORDER BY seen_at DESC LIMIT 1) "
        f"FROM document_actors da JOIN documents d ON d.hash = da.doc_hash WHERE {LIVE_DOCUMENTS}{filter_sql} "
        "ORDER BY da.actor_id, d.title, da.doc_hash"
    )
    for actor_id, doc_hash, local_id, name, aliases, title, path in rows:
        detail = actors[actor_id]
        for each in [name, *json.loads(aliases)]:
            bare = re.sub(r"^the\s+", "", each.strip(), flags=re.IGNORECASE)
            if bare.casefold() not in folded.setdefault(actor_id, set()):
                folded[actor_id].add(bare.casefold())
                detail.names.append(bare)
        place = by_doc.get((actor_id, doc_hash))
        if place is None:
            place = by_doc[(actor_id, doc_hash)] = ActorDocument(doc_hash, title, path, [])
            detail.documents.append(place)
        if name not in place.names:
            place.names.append(name)
        places[(doc_hash, local_id)] = place
    mention_sql = (
        'SELECT m.doc_hash, m.local_id, m.start, m."end", m.kind FROM actor_mentions m '
        "JOIN document_actors da ON da.doc_hash = m.doc_hash AND da.local_id = m.local_id "
        f"WHERE 1{filter_sql} ORDER BY m.doc_hash, m.start"
    )
    for doc_hash, local_id, start, end, kind in conn.execute(mention_sql):
        place = places.get((doc_hash, local_id))
        if place is not None:
            place.mentions.append(ActorMentionRow(start, end, kind))
    for detail in actors.values():
        for place in detail.documents:
            place.mentions.sort(key=lambda m: m.start)
    return [d for d in actors.values() if d.documents]


@dataclass(frozen=True, slots=True)
class ActorDocumentRow:
    """A document a library actor appears in, with how often (no mention positions: cheap for long lists)."""

    doc_hash: str
    title: str
    path: str | None
    mentions: int


def actor_documents(conn: sqlite3.Connection, actor_id: int) -> list[ActorDocumentRow]:
    """The live documents of one library actor, most mentions first, read from the per-document counts."""
    rows = conn.execute(
        "SELECT da.doc_hash, d.title, "
        "(SELECT path FROM document_sources s WHERE s.doc_hash = d.hash ORDER BY seen_at DESC LIMIT 1), "
        f"sum(da.mentions) FROM document_actors da JOIN documents d ON d.hash = da.doc_hash "
        f"WHERE da.actor_id = ? AND {LIVE_DOCUMENTS} GROUP BY da.doc_hash ORDER BY 4 DESC, d.title",
        (actor_id,),
    ).fetchall()
    return [ActorDocumentRow(*row) for row in rows]


def details_json(details: list[LibraryActorDetail]) -> list[dict[str, object]]:
    """The index as plain data for `main.py actors --json`: what the Actors window shows, and every mention.

    `first_date` and `last_date` are the earliest and latest dates of the actor's documents (null when none
    of them has a date), as in the index window's "First seen" and "Last seen" columns.
    """
    return [
        {
            "id": d.actor.id,
            "type": d.actor.type,
            "name": d.actor.name,
            "names": d.names,
            "document_count": d.actor.documents,
            "mention_count": d.actor.mentions,
            "first_date": d.actor.first_date,
            "last_date": d.actor.last_date,
            "documents": [
                {
                    "hash": p.doc_hash,
                    "title": p.title,
                    "path": p.path,
                    "names": p.names,
                    "mentions": [{"start": m.start, "end": m.end, "kind": m.kind} for m in p.mentions],
                }
                for p in d.documents
            ],
        }
        for d in details
    ]

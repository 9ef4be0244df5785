"""The library's actor index: each document's actors linked into library actors that span documents.

Linking rules (general, so they hold on news the rules were not written for):
- Two document actors of the same type are one library actor when they share a name key: a normalised
  full name or declared alias (titles such as "President" or "Mr." removed, case, accents, possessives
  and a leading "the" ignored; "Joseph R. Biden" also keys as "joseph biden").
- The same name typed as an organisation in one document and as a place in another is one actor, and so
  is a full name (two words or more) typed as a person in one and as an organisation in another: the
  types a tagger gives a proper name vary from text to text, the name does not.
- A person known in a document by a surname only ("Mr. Smith") joins a library person only when exactly
  one full-named person with that surname is in the library; a second full-named Smith detaches it again.
  Two bare "Smith"s are never linked to each other.
- An organisation, place or group named only by an acronym ("WHO") joins the one library actor whose
  full name gives that acronym ("World Health Organization"), under the same uniqueness rule; a declared
  acronym (the document's own "World Health Organization (WHO)") is a name key like any other.

The index is kept in SQL tables (see schema `_v3`) and updated per document in the transaction that
stores its analysis, so queries over 10,000 documents read indexes instead of analyses.

Over 400 lines because the linking rules and the SQL tables that hold them must change together.
"""

from __future__ import annotations

import json
import logging
import re
import sqlite3
import unicodedata
from collections.abc import Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Protocol

from models.domain import Actor, ActorType, Analysis, Event, MentionKind
from models.library.event_rows import index_events

log = logging.getLogger(__name__)

# Words that precede a person's name without being part of it.
_TITLES = (
    "mr mrs ms miss mx dr doctor prof professor sir dame lady lord president vice prime minister premier "
    "chancellor secretary senator sen rep representative congressman congresswoman gov governor mayor "
    "judge justice general gen lt col colonel major maj capt captain sgt sergeant admiral adm commander "
    "cmdr king queen prince princess pope cardinal archbishop bishop rev reverend father sister brother "
    "rabbi imam sheikh ayatollah chairman chairwoman chair ceo chief deputy foreign defense defence "
    "interior finance state attorney ambassador former acting late mp mep councillor councilman officer "
    "detective agent coach player saint st"
)
PERSON_TITLES = frozenset(_TITLES.split())
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_ACRONYM_SKIP = frozenset({"of", "and", "for", "the", "on", "in", "de", "des", "du", "la", "le", "&"})
_WORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*")


def _fold(text: str) -> str:
    """Lower case without accents, curly quotes straightened, dots of acronyms ("U.S.") dropped."""
    text = unicodedata.normalize("NFKD", text.replace("\u2019", "'").replace("\u2018", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"(?<=\w)\.(?=\w)|(?<=\b\w)\.", "", text)
    return text.casefold()


def name_words(name: str, actor_type: ActorType | str) -> list[str]:
    """The words that identify `name`: folded, without possessive, leading "the", or a person's titles."""
    words = _WORD.findall(_fold(name))
    words = [w[:-2] if w.endswith("'s") else w.rstrip("'") for w in words]
    words = [w for w in words if w]
    if words and words[0] == "the":
        words = words[1:]
    if actor_type == ActorType.PERSON:
        while len(words) > 1 and words[0] in PERSON_TITLES:
            words = words[1:]
        while len(words) > 1 and words[-1] in NAME_SUFFIXES:
            words = words[:-1]
    return words


def acronym(name: str) -> str | None:
    """The initials of a name of two or more significant capitalised words ("World Health Organization")."""
    words = [w for w in re.findall(r"[^\W_]+", name) if w.casefold() not in _ACRONYM_SKIP]
    if len(words) < 2 or not all(w[0].isupper() for w in words):
        return None
    return "".join(w[0] for w in words).casefold()


def _is_acronym(name: str) -> bool:
    bare = name.replace(".", "").strip()
    if bare.casefold().startswith("the "):
        bare = bare[4:]
    return 2 <= len(bare) <= 8 and bare.isalpha() and bare.isupper()


# Name keys shared across types, for what one document types otherwise than another: the same proper name
# as an organisation and as a place ("South Korea" the team and the country, "Johnson Space Center"), and a
# full name of two or more words as a person and as an organisation ("Noam Chomsky" mistaken for a firm).
_ORG_OR_PLACE = "ORG|PLACE"
_PERSON_OR_ORG = "PERSON|ORG"


@dataclass
class ActorKeys:
    """What links one document actor: name keys, keys it owns for others' lookup, keys it looks up."""

    names: set[str] = field(default_factory=set)
    owns: set[str] = field(default_factory=set)
    seeks: set[str] = field(default_factory=set)
    spellings: dict[str, str] = field(default_factory=dict)  # name key -> how the document writes it

    def rows(self) -> Iterable[tuple[str, str]]:
        yield from (("name", k) for k in self.names)
        yield from (("owner", k) for k in self.owns)
        yield from (("seeker", k) for k in self.seeks)


def actor_names(actor: Actor) -> list[str]:
    """The actor's name, declared aliases and the texts of its name mentions (not pronouns or role nouns)."""
    names = [actor.name, *actor.aliases]
    names += [m.text for m in actor.mentions if m.kind == MentionKind.NAME]
    seen: dict[str, None] = {}
    for name in names:
        if name.strip():
            seen.setdefault(name.strip(), None)
    return list(seen)


def _spell(name: str) -> str:
    bare = re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE)
    return re.sub(r"['\u2019]s$", "", bare)


def actor_keys(actor: Actor) -> ActorKeys:
    """The keys of one document actor (see the module docstring for the rules)."""
    keys = ActorKeys()
    kind = str(actor.type)
    names = actor_names(actor)
    # The shortest spelling of each key, the document's own name first ("Joe Biden", not "President Joe Biden").
    for name in sorted(names, key=lambda n: (n != actor.name, len(n.split()), n)):
        words = name_words(name, actor.type)
        if words and (actor.type != ActorType.PERSON or len(words) >= 2):
            keys.spellings.setdefault(f"{kind}:n:{' '.join(words)}", _spell(name))
    if actor.type == ActorType.PERSON:
        full = [w for w in (name_words(n, actor.type) for n in names) if len(w) >= 2]
        for words in full:
            keys.names.add(f"{kind}:n:{' '.join(words)}")
            keys.names.add(f"{_PERSON_OR_ORG}:n:{' '.join(words)}")
            if len(words) >= 3:  # "joseph r biden" is also "joseph biden"
                keys.names.add(f"{kind}:n:{words[0]} {words[-1]}")
            keys.owns.add(f"{kind}:s:{words[-1]}")
        if not full:
            for name in names:
                words = name_words(name, actor.type)
                if len(words) == 1:
                    keys.seeks.add(f"{kind}:s:{words[0]}")
        return keys
    for name in names:
        words = name_words(name, actor.type)
        if words:
            keys.names.add(f"{kind}:n:{' '.join(words)}")
            if actor.type in (ActorType.ORG, ActorType.PLACE):
                keys.names.add(f"{_ORG_OR_PLACE}:n:{' '.join(words)}")
            if actor.type == ActorType.ORG and len(words) >= 2:
                keys.names.add(f"{_PERSON_OR_ORG}:n:{' '.join(words)}")
        initials = acronym(name)
        if initials and len(initials) >= 2:
            keys.owns.add(f"{kind}:a:{initials}")
    if not keys.owns:
        for name in names:
            if _is_acronym(name):
                keys.seeks.add(f"{kind}:a:{name_words(name, actor.type)[0]}")
    return keys


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
            actor_id = _new_actor(conn, str(actor.type), keys.spellings.get(min(keys.names, default=""), actor.name))
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
            _bump(conn, key, role, actor_id, 1, spelling=keys.spellings.get(key))
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
                _move(conn, _members(conn, "actor_id = ?", (other,)), actor_id, "")
                touched_actors.add(other)
    index_events(conn, analysis)
    conn.execute(
        "INSERT INTO actor_index_documents (doc_hash, analyzer_version) VALUES (?, ?) "
        "ON CONFLICT (doc_hash) DO UPDATE SET analyzer_version = excluded.analyzer_version",
        (doc_hash, analysis.analyzer_version),
    )
    for key in sorted(touched_keys):
        touched_actors |= _reconcile(conn, key)
    _refresh(conn, touched_actors)


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


def _bump(
    conn: sqlite3.Connection, key: str, role: str, actor_id: int, delta: int, *, spelling: str | None = None
) -> None:
    """Count one more (or one less) document actor giving `key` to a library actor."""
    if delta > 0:
        conn.execute(
            "INSERT INTO library_actor_keys (key, role, actor_id, uses, spelling) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (key, role, actor_id) DO UPDATE SET uses = uses + excluded.uses, "
            "spelling = coalesce(spelling, excluded.spelling)",
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


def _doc_actor_keys(conn: sqlite3.Connection, where: str, params: tuple[object, ...]) -> list[tuple[str, str, int]]:
    return conn.execute(
        "SELECT k.key, k.role, da.actor_id FROM document_actor_keys k JOIN document_actors da "
        f"ON da.doc_hash = k.doc_hash AND da.local_id = k.local_id WHERE {where}",
        params,
    ).fetchall()


def _remove_document(conn: sqlite3.Connection, doc_hash: str) -> tuple[set[int], set[str]]:
    actors = {r[0] for r in conn.execute("SELECT actor_id FROM document_actors WHERE doc_hash = ?", (doc_hash,))}
    keys: set[str] = set()
    for key, role, actor_id in _doc_actor_keys(conn, "k.doc_hash = ?", (doc_hash,)):
        _bump(conn, key, role, actor_id, -1)
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
        owners = _owners(conn, key)
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


def _owners(conn: sqlite3.Connection, key: str) -> list[int]:
    rows = conn.execute(
        "SELECT actor_id FROM library_actor_keys WHERE key = ? AND role = 'owner' LIMIT 2", (key,)
    ).fetchall()
    return [int(r[0]) for r in rows]


def _reconcile(conn: sqlite3.Connection, key: str) -> set[int]:
    """Re-link the surname-only (or acronym-only) actors of `key` after its full-named owners changed.

    One owner: they all join it. None or several: those that had joined one get a library actor of their own.
    Returns the library actors whose counts changed.
    """
    owners = _owners(conn, key)
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
            target, link = _new_actor(conn, kind, name), "own"
        for each, role, _old in _doc_actor_keys(conn, "k.doc_hash = ? AND k.local_id = ?", (doc_hash, local_id)):
            _bump(conn, each, role, actor_id, -1)
            _bump(conn, each, role, target, 1)
        conn.execute(
            "UPDATE document_actors SET actor_id = ?, link = ? WHERE doc_hash = ? AND local_id = ?",
            (target, link, doc_hash, local_id),
        )
        changed |= {actor_id, target}
    return changed


def _new_actor(conn: sqlite3.Connection, kind: str, name: str) -> int:
    cursor = conn.execute("INSERT INTO library_actors (type, name) VALUES (?, ?)", (kind, name))
    return int(cursor.lastrowid or 0)


def _refresh(conn: sqlite3.Connection, actor_ids: Iterable[int]) -> None:
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
            (documents, mentions, _display_name(conn, actor_id), _search_text(conn, actor_id), kind, actor_id),
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


def _search_text(conn: sqlite3.Connection, actor_id: int) -> str:
    """The actor's folded name keys joined by "|", searched with one LIKE per actor."""
    rows = conn.execute(
        "SELECT key FROM library_actor_keys WHERE actor_id = ? AND role = 'name' ORDER BY key", (actor_id,)
    ).fetchall()
    return "|".join(str(r[0]).split(":n:", 1)[-1] for r in rows)


def _display_name(conn: sqlite3.Connection, actor_id: int) -> str:
    """The name key most documents share (a full name before a bare one), as the documents spell it."""
    row = conn.execute(
        "SELECT spelling FROM library_actor_keys WHERE actor_id = ? AND role = 'name' AND spelling IS NOT NULL "
        "ORDER BY instr(key, ' ') > 0 DESC, uses DESC, length(key), key LIMIT 1",
        (actor_id,),
    ).fetchone()
    if row is None:
        row = conn.execute("SELECT name FROM document_actors WHERE actor_id = ? LIMIT 1", (actor_id,)).fetchone()
    return str(row[0])


# ----- reading the index ---------------------------------------------------------------------------------

_LIVE = "d.trashed_at IS NULL AND d.superseded_by IS NULL"
# The planner prefers the unique index on `hash` and then reads the row with the whole text; this one covers.
_META = "documents d INDEXED BY documents_meta"


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
            f"JOIN {_META} ON d.hash = da.doc_hash WHERE da.actor_id = ? AND {_LIVE} "
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
            f"FROM document_actors da JOIN {_META} ON d.hash = da.doc_hash WHERE da.actor_id = ? AND {_LIVE} "
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
        f"FROM document_actors da JOIN documents d ON d.hash = da.doc_hash WHERE {_LIVE}{filter_sql} "
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
        f"WHERE da.actor_id = ? AND {_LIVE} GROUP BY da.doc_hash ORDER BY 4 DESC, d.title",
        (actor_id,),
    ).fetchall()
    return [ActorDocumentRow(*row) for row in rows]


def actor_names_of(conn: sqlite3.Connection, actor_id: int) -> list[str]:
    """The spellings the documents use for a library actor, most used first."""
    rows = conn.execute(
        "SELECT spelling FROM library_actor_keys WHERE actor_id = ? AND role = 'name' AND spelling IS NOT NULL "
        "ORDER BY uses DESC, length(spelling)",
        (actor_id,),
    ).fetchall()
    return list(dict.fromkeys(str(r[0]) for r in rows))


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


def unindexed(conn: sqlite3.Connection, analyzer_version: str) -> list[str]:
    """Documents with a stored analysis of this analyzer that the index has not seen (older libraries, imports)."""
    rows = conn.execute(
        "SELECT a.doc_hash FROM analyses a JOIN documents d ON d.hash = a.doc_hash "
        "LEFT JOIN actor_index_documents x ON x.doc_hash = a.doc_hash "
        f"WHERE a.analyzer_version = ? AND {_LIVE} AND (x.doc_hash IS NULL OR x.analyzer_version != ?)",
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
            (_display_name(conn, actor_id), _search_text(conn, actor_id), actor_id),
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


# ----- the reader's links across documents ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LinkChange:
    """What a link or unlink moved, so it can be undone: the document actors, their old links and kept links."""

    members: tuple[tuple[str, str, str], ...]  # (doc_hash, local_id, link before)
    old_actor: int
    new_actor: int
    kept_links: tuple[tuple[str, str, str, str | None, str | None], ...]  # the reader's earlier links of them


_LINK_SQL = "INSERT OR REPLACE INTO actor_links (doc_hash, name, type, target_hash, target_name) VALUES (?, ?, ?, ?, ?)"


def _members(conn: sqlite3.Connection, where: str, params: tuple[object, ...]) -> list[tuple[str, str, str]]:
    return conn.execute(f"SELECT doc_hash, local_id, link FROM document_actors WHERE {where}", params).fetchall()


def _move(conn: sqlite3.Connection, members: Iterable[tuple[str, str, str]], target: int | None, link: str) -> int:
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
            target = _new_actor(conn, kind, name)
        for key, role, _actor in _doc_actor_keys(conn, "k.doc_hash = ? AND k.local_id = ?", (doc_hash, local_id)):
            spelling = conn.execute(
                "SELECT spelling FROM document_actor_keys WHERE key = ? AND role = ? AND doc_hash = ? AND local_id = ?",
                (key, role, doc_hash, local_id),
            ).fetchone()[0]
            _bump(conn, key, role, old_actor, -1)
            _bump(conn, key, role, target, 1, spelling=spelling)
            if role != "name":
                owner_keys.add(key)
        conn.execute(
            "UPDATE document_actors SET actor_id = ?, link = ? WHERE doc_hash = ? AND local_id = ?",
            (target, link or old_link, doc_hash, local_id),
        )
        touched |= {old_actor, target}
    for key in sorted(owner_keys):
        touched |= _reconcile(conn, key)
    _refresh(conn, touched)
    if target is None:
        raise ValueError("nothing to move")
    return target


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
    members = _members(conn, "actor_id = ?", (source_id,))
    if anchor is None or not members:
        raise ValueError("both actors must be in the library")
    kept = _keep_links(conn, members)
    _set_links(conn, members, (anchor[0], anchor[1]))
    _move(conn, members, target_id, "manual")
    return LinkChange(tuple(members), source_id, target_id, tuple(kept))


def unlink_actor(conn: sqlite3.Connection, actor_id: int, doc_hash: str) -> LinkChange:
    """The reader says the actor of this document is someone else: it leaves `actor_id` for an actor of its own."""
    members = _members(conn, "actor_id = ? AND doc_hash = ?", (actor_id, doc_hash))
    if not members:
        raise ValueError("the actor is not in that document")
    kept = _keep_links(conn, members)
    _set_links(conn, members, None)
    new = _move(conn, members, None, "manual")
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
    return _move(conn, members, back, "")

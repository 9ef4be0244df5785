"""Stories: documents the reader follows together, and one timeline merged from all their events.

Merging rules (general, so they hold on news they were not written for):
- Two reports are the same event when they have the same event type, share at least one actor (library
  actors, so "Mr. Blinken" in one article and "Antony Blinken" in another are one), and their dates are
  compatible: the days they name are at most `DATE_SLACK_DAYS` apart. An undated report only joins undated ones.
- A date the text does not give (the event was dated by its report's own date) never contradicts a date a
  text gives; two dates texts give that do not overlap are a disagreement on the date, and the row shows each.
- Who did what: for events with a direction (an attack, a demand) reports naming a different source or a
  different target disagree; for events between equals (a meeting, a call) the pair of actors is compared.

Everything here is plain Python and SQL over the library (no Qt), so the CLI, the window and the tests
see the same stories.

Over 400 lines because the merging rules, the suggestions and the stories' storage share one vocabulary of reports.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sqlite3
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from models.domain import EventType
from models.errors import StorageError
from models.filters import date_interval, display_date
from models.library.corrections import replay
from models.text import sentence_bounds

if TYPE_CHECKING:
    from models.library.store import Library

log = logging.getLogger(__name__)

DATE_SLACK_DAYS = 2
# Events between equals: "A met B" and "B met A" are the same report.
SYMMETRIC_TYPES = frozenset({EventType.MEETING, EventType.CALL, EventType.NEGOTIATION, EventType.AGREEMENT})
# Suggestions: documents sharing this many library actors and dated this close form one.
SUGGEST_SHARED_ACTORS = 2
SUGGEST_MAX_DAYS = 7
SUGGEST_MAX_POSTINGS = 200


class StoryError(StorageError):
    """A story the reader named does not exist, or a name is taken: a sentence for the user."""


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")


# ----- stories and their documents -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StoryInfo:
    id: int
    name: str
    notes: str
    documents: int
    created_at: str


@dataclass(frozen=True, slots=True)
class StoryDocument:
    doc_hash: str
    title: str
    date: str | None
    path: str | None


def list_stories(conn: sqlite3.Connection) -> list[StoryInfo]:
    """Every story, by name, with how many live documents it holds."""
    rows = conn.execute(
        "SELECT s.id, s.name, s.notes, (SELECT count(*) FROM story_documents sd JOIN documents d "
        "ON d.hash = sd.doc_hash WHERE sd.story_id = s.id AND d.trashed_at IS NULL), s.created_at "
        "FROM stories s ORDER BY s.name COLLATE NOCASE"
    ).fetchall()
    return [StoryInfo(*row) for row in rows]


def find_story(conn: sqlite3.Connection, name: str) -> StoryInfo:
    """The story called `name` (any case); a StoryError naming the stories there are otherwise."""
    for story in list_stories(conn):
        if story.name.casefold() == name.strip().casefold():
            return story
    names = ", ".join(s.name for s in list_stories(conn)[:10])
    hint = f" The stories are: {names}." if names else " There are no stories yet; create one first."
    raise StoryError(f"There is no story called “{name}”.{hint}")


def create_story(library: Library, name: str, doc_hashes: Iterable[str] = (), notes: str = "") -> StoryInfo:
    """A new story holding these documents; a name already used is refused with a sentence."""
    name = " ".join(name.split())
    if not name:
        raise StoryError("A story needs a name.")
    with library.write() as conn:
        if conn.execute("SELECT 1 FROM stories WHERE name = ?", (name,)).fetchone():
            raise StoryError(f"There is already a story called “{name}”; choose another name or add to it.")
        now = _now()
        conn.execute(
            "INSERT INTO stories (name, notes, created_at, updated_at) VALUES (?, ?, ?, ?)", (name, notes, now, now)
        )
        _add(conn, name, doc_hashes)
    return find_story(library.conn, name)


def _story_id(conn: sqlite3.Connection, name: str) -> int:
    return find_story(conn, name).id


def _add(conn: sqlite3.Connection, name: str, doc_hashes: Iterable[str]) -> int:
    story_id = _story_id(conn, name)
    added = 0
    for doc_hash in doc_hashes:
        if not conn.execute("SELECT 1 FROM documents WHERE hash = ?", (doc_hash,)).fetchone():
            raise StoryError("A document to add is not in the library any more; refresh the list and try again.")
        cursor = conn.execute(
            "INSERT OR IGNORE INTO story_documents (story_id, doc_hash, added_at) VALUES (?, ?, ?)",
            (story_id, doc_hash, _now()),
        )
        added += cursor.rowcount
    conn.execute("UPDATE stories SET updated_at = ? WHERE id = ?", (_now(), story_id))
    return added


def add_to_story(library: Library, name: str, doc_hashes: Iterable[str]) -> int:
    """Add documents to a story; how many were not in it yet."""
    with library.write() as conn:
        return _add(conn, name, doc_hashes)


def remove_from_story(library: Library, name: str, doc_hashes: Iterable[str]) -> int:
    """Take documents out of a story (the documents stay in the library); how many were in it."""
    with library.write() as conn:
        story_id = _story_id(conn, name)
        removed = 0
        for doc_hash in doc_hashes:
            cursor = conn.execute(
                "DELETE FROM story_documents WHERE story_id = ? AND doc_hash = ?", (story_id, doc_hash)
            )
            removed += cursor.rowcount
        return removed


def delete_story(library: Library, name: str) -> None:
    """Forget a story (its documents stay in the library)."""
    with library.write() as conn:
        conn.execute("DELETE FROM stories WHERE id = ?", (_story_id(conn, name),))


def set_story_notes(library: Library, name: str, notes: str) -> None:
    """Replace the story's own notes (one transaction; the story must exist)."""
    with library.write() as conn:
        conn.execute(
            "UPDATE stories SET notes = ?, updated_at = ? WHERE id = ?", (notes, _now(), _story_id(conn, name))
        )


@dataclass(frozen=True, slots=True)
class StorySnapshot:
    """A story as it stood (name, notes, documents with when each was added), to put it back on undo."""

    name: str
    notes: str
    created_at: str
    documents: tuple[tuple[str, str], ...]  # (doc hash, added at)


def story_snapshot(conn: sqlite3.Connection, name: str) -> StorySnapshot | None:
    """The story called `name` as it is now, or None when there is none."""
    row = conn.execute("SELECT id, name, notes, created_at FROM stories WHERE name = ?", (name.strip(),)).fetchone()
    if row is None:
        return None
    documents = conn.execute(
        "SELECT doc_hash, added_at FROM story_documents WHERE story_id = ? ORDER BY added_at, doc_hash", (row[0],)
    ).fetchall()
    return StorySnapshot(row[1], row[2], row[3], tuple((str(h), str(a)) for h, a in documents))


def restore_story(library: Library, name: str, snapshot: StorySnapshot | None) -> str | None:
    """Make the story called `name` what `snapshot` says (None: no such story), in one transaction.

    Undo and redo of the Stories window go through here, whatever the change was (made, deleted, documents
    added or taken out, notes). Documents gone from the library since are left out. Gives the story's name
    afterwards (None when it is gone).
    """
    with library.write() as conn:
        conn.execute("DELETE FROM stories WHERE name = ?", (name.strip(),))
        if snapshot is None:
            return None
        cursor = conn.execute(
            "INSERT INTO stories (name, notes, created_at, updated_at) VALUES (?, ?, ?, ?)",
            (snapshot.name, snapshot.notes, snapshot.created_at, _now()),
        )
        conn.executemany(
            "INSERT INTO story_documents (story_id, doc_hash, added_at) "
            "SELECT ?, hash, ? FROM documents WHERE hash = ?",
            [(cursor.lastrowid, added, doc_hash) for doc_hash, added in snapshot.documents],
        )
    return snapshot.name


def _current(conn: sqlite3.Connection, doc_hash: str) -> str:
    """The version of a document the reader's work now lives on (a changed file supersedes its old text)."""
    seen = {doc_hash}
    while True:
        row = conn.execute("SELECT superseded_by FROM documents WHERE hash = ?", (doc_hash,)).fetchone()
        if row is None or row[0] is None or row[0] in seen:
            return doc_hash
        doc_hash = str(row[0])
        seen.add(doc_hash)


def story_documents(conn: sqlite3.Connection, name: str) -> list[StoryDocument]:
    """The story's live documents, oldest first (undated last)."""
    story_id = _story_id(conn, name)
    hashes = [str(r[0]) for r in conn.execute("SELECT doc_hash FROM story_documents WHERE story_id = ?", (story_id,))]
    documents: dict[str, StoryDocument] = {}
    for doc_hash in hashes:
        current = _current(conn, doc_hash)
        row = conn.execute(
            "SELECT d.hash, d.title, d.date, (SELECT path FROM document_sources s WHERE s.doc_hash = d.hash "
            "ORDER BY seen_at DESC LIMIT 1) FROM documents d WHERE d.hash = ? AND d.trashed_at IS NULL",
            (current,),
        ).fetchone()
        if row is not None:
            documents[current] = StoryDocument(*row)
    return sorted(documents.values(), key=lambda d: (d.date is None, d.date or "", d.title.casefold()))


# ----- events of documents, with library actors ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ActorRef:
    """An event's actor: a library actor (`key` "L12") or, when the index does not hold it, a document's own."""

    key: str
    name: str
    type: str
    library_id: int | None = None


@dataclass(frozen=True, slots=True)
class LibraryEvent:
    """One event as one document reports it, its actors as library actors."""

    doc_hash: str
    title: str
    path: str | None
    event_id: str
    type: str
    date: str | None
    date_given: bool  # False when only the report's own date stands in
    source: ActorRef | None
    target: ActorRef | None
    participants: tuple[ActorRef, ...]
    trigger: str
    sentence: str
    start: int  # the sentence in the document's text
    end: int

    @property
    def actors(self) -> tuple[ActorRef, ...]:
        seen: dict[str, ActorRef] = {}
        for ref in (self.source, self.target, *self.participants):
            if ref is not None:
                seen.setdefault(ref.key, ref)
        return tuple(seen.values())

    @property
    def who(self) -> str:
        """Who did what to whom, as a reader says it ("Blinken → Netanyahu")."""
        if self.source is None and self.target is None:
            return ", ".join(a.name for a in self.participants)
        return f"{self.source.name if self.source else '?'} → {self.target.name if self.target else '?'}"


def document_events(library: Library, doc_hashes: Sequence[str], analyzer_version: str) -> list[LibraryEvent]:
    """The factual events of these documents (the reader's corrections applied), with library actors.

    Documents without a stored analysis of `analyzer_version` give nothing (see `unanalysed`).
    """
    conn = library.conn
    names = {int(r[0]): (str(r[1]), str(r[2])) for r in conn.execute("SELECT id, name, type FROM library_actors")}
    events: list[LibraryEvent] = []
    for doc_hash in doc_hashes:
        analysis = library.cached_analysis(doc_hash, analyzer_version)
        if analysis is None:
            continue
        corrections = library.corrections(doc_hash)
        if corrections:
            analysis, _skipped = replay(analysis, corrections)
        row = conn.execute(
            "SELECT d.title, (SELECT path FROM document_sources s WHERE s.doc_hash = d.hash "
            "ORDER BY seen_at DESC LIMIT 1) FROM documents d WHERE d.hash = ?",
            (doc_hash,),
        ).fetchone()
        title, path = (str(row[0]), row[1]) if row else (analysis.document.title or "Untitled", None)
        linked = {
            str(r[0]): int(r[1])
            for r in conn.execute("SELECT local_id, actor_id FROM document_actors WHERE doc_hash = ?", (doc_hash,))
        }
        local = {a.id: (a.name, str(a.type)) for a in analysis.actors}
        refs = {a: _ref(doc_hash, a, local, linked, names) for a in local}
        text = analysis.document.text
        for event in analysis.events:
            if not event.factual:
                continue
            participants = tuple(refs[a] for a in event.participants if a in refs)
            start, end = sentence_bounds(text, event.start, event.end)
            events.append(
                LibraryEvent(
                    doc_hash,
                    title,
                    path,
                    event.id,
                    str(event.type),
                    event.date,
                    bool(event.date) and not event.dated_by_document_only,
                    refs.get(event.source or ""),
                    refs.get(event.target or ""),
                    participants,
                    event.text,
                    " ".join(text[start:end].split()),
                    start,
                    end,
                )
            )
    return events


def _ref(
    doc_hash: str,
    actor_id: str,
    local: dict[str, tuple[str, str]],
    linked: dict[str, int],
    names: dict[int, tuple[str, str]],
) -> ActorRef:
    """The library actor a document's actor is linked to, or the document's own when the index has none."""
    library_id = linked.get(actor_id)
    if library_id is not None and library_id in names:
        name, kind = names[library_id]
        return ActorRef(f"L{library_id}", name, kind, library_id)
    name, kind = local[actor_id]
    return ActorRef(f"D{doc_hash[:12]}:{actor_id}", name, kind)


def unanalysed(conn: sqlite3.Connection, doc_hashes: Iterable[str], analyzer_version: str) -> list[str]:
    """Those of `doc_hashes` with no stored analysis yet (their events cannot be shown)."""
    return [
        h
        for h in doc_hashes
        if not conn.execute(
            "SELECT 1 FROM analyses WHERE doc_hash = ? AND analyzer_version = ?", (h, analyzer_version)
        ).fetchone()
    ]


# ----- the merged timeline -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Version:
    """One account of a disputed fact (a date, or who did what) and the reports that give it."""

    label: str
    reports: tuple[LibraryEvent, ...]

    @property
    def titles(self) -> list[str]:
        return list(dict.fromkeys(r.title for r in self.reports))


@dataclass
class TimelineRow:
    """One event of the story, however many documents report it."""

    type: str
    date: str | None
    date_given: bool
    reports: list[LibraryEvent] = field(default_factory=list)
    date_versions: list[Version] = field(default_factory=list)  # two or more when the sources disagree
    role_versions: list[Version] = field(default_factory=list)

    @property
    def date_label(self) -> str:
        label = display_date(self.date)
        return label if self.date_given or self.date is None else f"{label} (date of the report)"

    @property
    def actors(self) -> list[ActorRef]:
        counts: Counter[str] = Counter()
        refs: dict[str, ActorRef] = {}
        for report in self.reports:
            for actor in report.actors:
                counts[actor.key] += 1
                refs.setdefault(actor.key, actor)
        return [refs[k] for k, _n in counts.most_common()]

    @property
    def documents(self) -> list[str]:
        return list(dict.fromkeys(r.doc_hash for r in self.reports))

    @property
    def disagreements(self) -> list[str]:
        """What the sources disagree on, as sentences ("The sources disagree on the date: …")."""
        said = []
        if len(self.date_versions) > 1:
            said.append("The sources disagree on the date: " + _versions_text(self.date_versions) + ".")
        if len(self.role_versions) > 1:
            said.append("The sources disagree on who did what: " + _versions_text(self.role_versions) + ".")
        return said

    @property
    def who(self) -> str:
        return self.role_versions[0].label if self.role_versions else self.reports[0].who

    @property
    def sentence(self) -> str:
        return self.reports[0].sentence


def _versions_text(versions: list[Version]) -> str:
    return "; ".join(f"{v.label} ({', '.join(v.titles)})" for v in versions)


def _interval(report: LibraryEvent) -> tuple[dt.date, dt.date] | None:
    return date_interval(report.date)


def _gap_days(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date]) -> int:
    return max(0, (b[0] - a[1]).days, (a[0] - b[1]).days)


@dataclass
class _Cluster:
    type: str
    keys: set[str]
    span: tuple[dt.date, dt.date] | None
    reports: list[LibraryEvent]

    def accepts(self, report: LibraryEvent) -> bool:
        if report.type != self.type or not (self.keys & {a.key for a in report.actors}):
            return False
        interval = _interval(report)
        if interval is None or self.span is None:
            return interval is None and self.span is None
        return _gap_days(interval, self.span) <= DATE_SLACK_DAYS

    def take(self, report: LibraryEvent) -> None:
        self.reports.append(report)
        self.keys |= {a.key for a in report.actors}
        interval = _interval(report)
        if interval is not None and self.span is not None:
            self.span = (min(self.span[0], interval[0]), max(self.span[1], interval[1]))


def _report_key(report: LibraryEvent) -> tuple[int, dt.date, str, int]:
    interval = _interval(report)
    return (0, interval[0], report.doc_hash, report.start) if interval else (1, dt.date.max, report.doc_hash, 0)


def merge_timeline(reports: Iterable[LibraryEvent]) -> list[TimelineRow]:
    """The same event reported by several documents becomes one row (see the module docstring for the rules).

    Reports are taken in date order; each joins the latest row of its type sharing an actor with it and
    dated close enough. Rows are looked up by (type, actor), so a story of thousands of events stays fast.
    """
    clusters: list[_Cluster] = []
    by_actor: dict[tuple[str, str], list[int]] = {}
    for report in sorted(reports, key=_report_key):
        keys = {a.key for a in report.actors}
        candidates = sorted({i for k in keys for i in by_actor.get((report.type, k), ())}, reverse=True)
        chosen = next((i for i in candidates if clusters[i].accepts(report)), None)
        if chosen is None:
            chosen = len(clusters)
            clusters.append(_Cluster(report.type, set(keys), _interval(report), [report]))
        else:
            clusters[chosen].take(report)
        for key in keys:
            places = by_actor.setdefault((report.type, key), [])
            if not places or places[-1] != chosen:
                places.append(chosen)
    rows = [_row(c) for c in clusters]
    rows.sort(key=lambda r: (_row_sort(r), r.type))
    return rows


def _row_sort(row: TimelineRow) -> tuple[int, dt.date, dt.date]:
    interval = date_interval(row.date)
    return (0, interval[0], interval[1]) if interval else (1, dt.date.max, dt.date.max)


def _row(cluster: _Cluster) -> TimelineRow:
    reports = cluster.reports
    given = [r for r in reports if r.date_given and _interval(r) is not None]
    if given:
        counts = Counter(r.date for r in given)
        date = min(counts, key=lambda d: (-counts[d], d or ""))
        row = TimelineRow(cluster.type, date, True, list(reports))
    else:
        dated = sorted((r.date for r in reports if r.date), key=str)
        row = TimelineRow(cluster.type, dated[0] if dated else None, False, list(reports))
    row.date_versions = _date_versions(given)
    row.role_versions = _role_versions(cluster.type, reports)
    return row


def _date_versions(given: list[LibraryEvent]) -> list[Version]:
    """Each date the texts give, when two of them name days that do not overlap; nothing otherwise."""
    intervals = [(r, _interval(r)) for r in given]
    disputed = any(
        a is not None and b is not None and _gap_days(a, b) > 0 for (_r, a) in intervals for (_s, b) in intervals
    )
    if not disputed:
        return []
    groups: dict[str, list[LibraryEvent]] = {}
    for report in given:
        groups.setdefault(display_date(report.date), []).append(report)
    return [Version(label, tuple(group)) for label, group in groups.items()]


def _role_versions(kind: str, reports: list[LibraryEvent]) -> list[Version]:
    """Who did what in each report; more than one version only when two reports contradict each other."""
    symmetric = kind in SYMMETRIC_TYPES
    groups: dict[tuple[str, ...], list[LibraryEvent]] = {}
    for report in reports:
        if report.source is None and report.target is None:
            continue
        groups.setdefault(_roles(report, symmetric), []).append(report)
    if not groups:
        return []
    keys = list(groups)
    conflict = any(_contradict(a, b, symmetric) for i, a in enumerate(keys) for b in keys[i + 1 :])
    versions = [Version(group[0].who, tuple(group)) for group in groups.values()]
    if not conflict:
        # One account, told more or less fully: show the fullest.
        return [max(versions, key=lambda v: (v.label.count("?") * -1, len(v.reports)))]
    return versions


def _roles(report: LibraryEvent, symmetric: bool) -> tuple[str, ...]:
    source = report.source.key if report.source else ""
    target = report.target.key if report.target else ""
    if symmetric and source and target:
        return tuple(sorted((source, target)))
    return (source, target)


def _contradict(a: tuple[str, ...], b: tuple[str, ...], symmetric: bool) -> bool:
    if symmetric and all(a) and all(b):
        return set(a) != set(b)
    if symmetric:
        return False  # "Blinken met" and "Blinken met Netanyahu": the second says more, not otherwise
    return any(x and y and x != y for x, y in zip(a, b, strict=True))


# ----- a story as a whole ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StoryActor:
    key: str
    name: str
    type: str
    documents: int
    events: int


@dataclass(frozen=True, slots=True)
class StoryNote:
    """A note the reader wrote in one of the story's documents."""

    doc_hash: str
    title: str
    target: str
    text: str
    row: int | None  # the timeline row of the event it is on, if any


@dataclass
class StoryTimeline:
    story: StoryInfo
    documents: list[StoryDocument]
    rows: list[TimelineRow]
    actors: list[StoryActor]
    notes: list[StoryNote]
    unanalysed: list[StoryDocument]


def story_timeline(library: Library, name: str, analyzer_version: str) -> StoryTimeline:
    """The story's documents, merged timeline, actors and the reader's notes."""
    conn = library.conn
    story = find_story(conn, name)
    documents = story_documents(conn, story.name)
    hashes = [d.doc_hash for d in documents]
    rows = merge_timeline(document_events(library, hashes, analyzer_version))
    missing = set(unanalysed(conn, hashes, analyzer_version))
    return StoryTimeline(
        story,
        documents,
        rows,
        _story_actors(conn, hashes, rows),
        _story_notes(library, documents, rows),
        [d for d in documents if d.doc_hash in missing],
    )


def _story_actors(conn: sqlite3.Connection, hashes: list[str], rows: list[TimelineRow]) -> list[StoryActor]:
    """The library actors of the story's documents, those in most documents (then most events) first."""
    events: Counter[str] = Counter()
    for row in rows:
        for actor in row.actors:
            events[actor.key] += 1
    if not hashes:
        return []
    marks = ",".join("?" * len(hashes))
    found = conn.execute(
        "SELECT a.id, a.name, a.type, count(DISTINCT da.doc_hash) FROM document_actors da "
        f"JOIN library_actors a ON a.id = da.actor_id WHERE da.doc_hash IN ({marks}) GROUP BY a.id",
        hashes,
    ).fetchall()
    actors = [StoryActor(f"L{i}", str(n), str(t), int(d), events[f"L{i}"]) for i, n, t, d in found]
    return sorted(actors, key=lambda a: (-a.documents, -a.events, a.name.casefold()))


def _story_notes(library: Library, documents: list[StoryDocument], rows: list[TimelineRow]) -> list[StoryNote]:
    place = {(r.doc_hash, f"event:{r.event_id}"): n for n, row in enumerate(rows) for r in row.reports}
    notes = []
    for document in documents:
        for note in library.load_notes(document.doc_hash):
            if note.text.strip():
                row = place.get((document.doc_hash, note.target))
                notes.append(StoryNote(document.doc_hash, document.title, note.target, note.text, row))
    return notes


# ----- suggestions ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Suggestion:
    """Documents that look like one story: they share library actors and were written close together."""

    name: str
    doc_hashes: tuple[str, ...]
    titles: tuple[str, ...]
    shared: tuple[str, ...]  # the library actors most of them share


def suggest_stories(
    conn: sqlite3.Connection,
    *,
    min_shared: int = SUGGEST_SHARED_ACTORS,
    max_days: int = SUGGEST_MAX_DAYS,
    limit: int = 20,
) -> list[Suggestion]:
    """Groups of live documents linked by `min_shared` shared library actors and dates `max_days` apart.

    Actors found in most of the library (the country every article names) link nothing. Groups already
    held whole by one story are not suggested again.
    """
    docs = {
        str(h): (str(t), date_interval(d))
        for h, t, d in conn.execute(
            "SELECT hash, title, date FROM documents WHERE trashed_at IS NULL AND superseded_by IS NULL"
        )
    }
    postings: dict[int, list[str]] = {}
    for actor_id, doc_hash in conn.execute("SELECT DISTINCT actor_id, doc_hash FROM document_actors"):
        if doc_hash in docs:
            postings.setdefault(int(actor_id), []).append(str(doc_hash))
    # Actors in a quarter of the library (or in more than 200 documents) are background, not a story's cast;
    # the cap also keeps the pair count linear in a library of 10,000 documents.
    common = max(3, min(len(docs) // 4, SUGGEST_MAX_POSTINGS))
    cast_of: dict[str, list[int]] = {}
    for actor_id, members in postings.items():
        if len(members) <= common:
            for doc_hash in members:
                cast_of.setdefault(doc_hash, []).append(actor_id)
    pairs: Counter[tuple[str, str]] = Counter()
    for members in postings.values():
        if 2 <= len(members) <= common:
            members.sort()
            for i, a in enumerate(members):
                for b in members[i + 1 :]:
                    pairs[(a, b)] += 1
    parent = {h: h for h in docs}

    def root(h: str) -> str:
        while parent[h] != h:
            parent[h] = parent[parent[h]]
            h = parent[h]
        return h

    for (a, b), in_common in pairs.items():
        ia, ib = docs[a][1], docs[b][1]
        if in_common >= min_shared and (ia is None or ib is None or _gap_days(ia, ib) <= max_days):
            parent[root(a)] = root(b)
    groups: dict[str, list[str]] = {}
    for h in docs:
        groups.setdefault(root(h), []).append(h)
    held = [set(story_hashes) for story_hashes in _story_hashes(conn)]
    names = {int(r[0]): (str(r[1]), str(r[2])) for r in conn.execute("SELECT id, name, type FROM library_actors")}
    suggestions = []
    for members in groups.values():
        if len(members) < 2 or any(set(members) <= s for s in held):
            continue
        counts = Counter(a for h in members for a in cast_of.get(h, ()))
        shared = [names[a][0] for a, n in counts.most_common() if n >= 2 and a in names][:5]
        people = [names[a][0] for a, n in counts.most_common() if n >= 2 and a in names and names[a][1] != "PLACE"]
        name = " and ".join((people or shared)[:2]) or docs[members[0]][0]
        ordered = sorted(members, key=lambda h: (_first_day(docs[h][1]), docs[h][0]))
        suggestions.append(Suggestion(name, tuple(ordered), tuple(docs[h][0] for h in ordered), tuple(shared)))
    suggestions.sort(key=lambda s: (-len(s.doc_hashes), s.name))
    return suggestions[:limit]


def _first_day(interval: tuple[dt.date, dt.date] | None) -> dt.date:
    return interval[0] if interval else dt.date.max


def _story_hashes(conn: sqlite3.Connection) -> list[list[str]]:
    stories: dict[int, list[str]] = {}
    for story_id, doc_hash in conn.execute("SELECT story_id, doc_hash FROM story_documents"):
        stories.setdefault(int(story_id), []).append(str(doc_hash))
    return list(stories.values())


# ----- plain data for --json and reports -----------------------------------------------------------------


def _actor_json(actor: ActorRef | None) -> dict[str, Any] | None:
    if actor is None:
        return None
    return {"name": actor.name, "type": actor.type, "library_id": actor.library_id}


def report_json(report: LibraryEvent) -> dict[str, Any]:
    """One source's report of an event as JSON: document, place in its text, date and who."""
    return {
        "document": report.doc_hash,
        "title": report.title,
        "path": report.path,
        "event": report.event_id,
        "date": report.date,
        "date_given": report.date_given,
        "source": _actor_json(report.source),
        "target": _actor_json(report.target),
        "participants": [_actor_json(a) for a in report.participants],
        "trigger": report.trigger,
        "sentence": report.sentence,
        "start": report.start,
        "end": report.end,
    }


def timeline_json(timeline: StoryTimeline) -> dict[str, Any]:
    """The story as plain data (schema dramatis.story/1), for `main.py story show --json` and the JSON report."""
    return {
        "schema": "dramatis.story/1",
        "name": timeline.story.name,
        "notes": timeline.story.notes,
        "documents": [
            {"hash": d.doc_hash, "title": d.title, "date": d.date, "path": d.path} for d in timeline.documents
        ],
        "unanalysed": [d.doc_hash for d in timeline.unanalysed],
        "actors": [
            {"name": a.name, "type": a.type, "documents": a.documents, "events": a.events} for a in timeline.actors
        ],
        "timeline": [
            {
                "type": row.type,
                "date": row.date,
                "date_label": row.date_label,
                "who": row.who,
                "actors": [a.name for a in row.actors],
                "documents": len(row.documents),
                "disagreements": row.disagreements,
                "date_versions": [{"date": v.label, "documents": v.titles} for v in row.date_versions],
                "role_versions": [{"who": v.label, "documents": v.titles} for v in row.role_versions],
                "sources": [report_json(r) for r in row.reports],
            }
            for row in timeline.rows
        ],
        "reader_notes": [
            {"document": n.doc_hash, "title": n.title, "target": n.target, "text": n.text, "row": n.row}
            for n in timeline.notes
        ],
    }


def dumps(data: object) -> str:
    """JSON as the CLI prints it: readable, UTF-8 text kept as it is."""
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"

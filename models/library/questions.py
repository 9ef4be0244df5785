"""Questions across documents: "every article in which Blinken meets Netanyahu in December".

A question names actors (any of their names, as the actor index knows them), an event type and a date
range; the answer is every sentence of the library reporting such an event. Documents are first narrowed
by the actor index (SQL) when actors are asked, else by the event index (type and date); the answers are
then read from the event index (models/library/event_index.py), not from the documents' analyses.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from models.domain import EventType
from models.errors import StorageError
from models.filters import date_interval
from models.library.actor_keys import name_words
from models.library.event_index import event_documents, indexed_events
from models.library.stories import LibraryEvent, report_json
from models.reader_dates import read_dates

if TYPE_CHECKING:
    from models.library.store import Library

_LIVE = "d.trashed_at IS NULL AND d.superseded_by IS NULL"
# Everyday words for the event types a reader asks about.
_TYPE_WORDS = {
    "meet": "MEETING",
    "meets": "MEETING",
    "met": "MEETING",
    "meeting": "MEETING",
    "talks": "NEGOTIATION",
    "call": "CALL",
    "calls": "CALL",
    "phone": "CALL",
    "attack": "ATTACK",
    "attacks": "ATTACK",
    "visit": "TRAVEL",
    "visits": "TRAVEL",
    "trip": "TRAVEL",
    "said": "STATEMENT",
    "says": "STATEMENT",
    "statement": "STATEMENT",
    "deal": "AGREEMENT",
    "agreement": "AGREEMENT",
    "protest": "PROTEST",
    "election": "ELECTION",
}


class QuestionError(StorageError):
    """A question the library cannot answer as asked (an unknown actor or event type): a sentence."""


@dataclass(frozen=True, slots=True)
class Question:
    actors: tuple[str, ...] = ()  # every one must take part in the event
    event_type: str | None = None
    date_from: str | None = None  # as the reader writes it: "2023", "March 2023", "2023-03-05", "2023-01 to 2023-03"
    date_to: str | None = None


@dataclass(frozen=True, slots=True)
class Answer:
    """One sentence of one document answering the question."""

    report: LibraryEvent
    doc_date: str | None

    @property
    def date(self) -> str | None:
        return self.report.date or self.doc_date


def event_type(text: str) -> str:
    """The event type a reader means ("meeting", "meets", "MEETING"); a sentence listing them otherwise."""
    word = text.strip().casefold()
    for kind in EventType:
        if word == kind.value.casefold():
            return kind.value
    if word in _TYPE_WORDS:
        return _TYPE_WORDS[word]
    kinds = ", ".join(k.value.lower() for k in EventType)
    raise QuestionError(f"“{text}” is not an event type. Ask for one of: {kinds}.")


def date_range(date_from: str | None, date_to: str | None) -> tuple[dt.date | None, dt.date | None]:
    """The first and last day asked about, as the reader wrote them (`models.reader_dates`); None: open.

    "From March 2023" starts on 1 March; "to March 2023" ends on 31 March; a range typed in either field
    ("2023-01 to 2023-03") gives both ends unless the other field gives its own.
    """
    start = read_dates(date_from) if date_from and date_from.strip() else None
    end = read_dates(date_to) if date_to and date_to.strip() else None
    low = start.first if start else (end.first if end and end.ranged else None)
    high = end.last if end else (start.last if start and start.ranged else None)
    return low, high


def resolve_actor(conn: sqlite3.Connection, text: str) -> list[int]:
    """The library actors a name means: those with that name key, else those with it as their last name(s).

    "Blinken" finds "Antony Blinken"; "Biden" finds both Joe and Hunter Biden (either may be meant).
    """
    person = " ".join(name_words(text, "PERSON"))
    plain = " ".join(name_words(text, ""))
    if not plain:
        return []
    keys = [f"PERSON:n:{person}", *(f"{kind}:n:{plain}" for kind in ("ORG", "PLACE", "GROUP"))]
    exact = conn.execute(
        "SELECT DISTINCT actor_id FROM library_actor_keys WHERE role = 'name' AND key IN (?, ?, ?, ?)", keys
    ).fetchall()
    if exact:
        return sorted(int(r[0]) for r in exact)
    rows = conn.execute(
        "SELECT DISTINCT actor_id FROM library_actor_keys WHERE role = 'owner' AND key = ?", (f"PERSON:s:{person}",)
    ).fetchall()
    return sorted(int(r[0]) for r in rows)


def ask(library: Library, question: Question, analyzer_version: str, limit: int = 2000) -> list[Answer]:
    """Every reported event matching the question, oldest first, one per sentence."""
    conn = library.conn
    kind = event_type(question.event_type) if question.event_type else None
    low, high = date_range(question.date_from, question.date_to)
    if low and high and low > high:
        raise QuestionError("The start of the date range is after its end; swap them.")
    wanted: list[set[int]] = []
    for name in question.actors:
        ids = resolve_actor(conn, name)
        if not ids:
            raise QuestionError(f"No actor called “{name}” is in the library; check the spelling in Library › Actors.")
        wanted.append(set(ids))
    dates = {str(h): d for h, d in conn.execute("SELECT hash, date FROM documents")}
    if wanted:
        docs = _candidates(conn, wanted)
    else:  # no actor to narrow by: the event index gives the documents with such an event
        found = event_documents(conn, analyzer_version, kind, low, high)
        docs = sorted(found, key=lambda h: (dates.get(h) is not None, dates.get(h) or "", h))
    answers: list[Answer] = []
    seen: set[tuple[str, int]] = set()
    for report in indexed_events(library, docs, analyzer_version, kind):
        if kind and report.type != kind:
            continue
        present = {a.library_id for a in report.actors if a.library_id is not None}
        if any(not (ids & present) for ids in wanted):
            continue
        if (low or high) and not _in_range(report.date or dates.get(report.doc_hash), low, high):
            continue
        if (report.doc_hash, report.start) in seen:
            continue
        seen.add((report.doc_hash, report.start))
        answers.append(Answer(report, dates.get(report.doc_hash)))
        if len(answers) >= limit:
            break
    answers.sort(key=lambda a: (_sort_date(a.date), a.report.title.casefold(), a.report.start))
    return answers


def _candidates(conn: sqlite3.Connection, wanted: Sequence[set[int]]) -> list[str]:
    """Live documents naming one of each asked actor set (every live document when no actor is asked)."""
    if not wanted:
        return [str(r[0]) for r in conn.execute(f"SELECT d.hash FROM documents d WHERE {_LIVE} ORDER BY d.date")]
    found: set[str] | None = None
    for ids in wanted:
        marks = ",".join("?" * len(ids))
        docs = {
            str(r[0])
            for r in conn.execute(
                f"SELECT DISTINCT da.doc_hash FROM document_actors da JOIN documents d ON d.hash = da.doc_hash "
                f"WHERE da.actor_id IN ({marks}) AND {_LIVE}",
                sorted(ids),
            )
        }
        found = docs if found is None else found & docs
    return sorted(found or ())


def _in_range(value: str | None, low: dt.date | None, high: dt.date | None) -> bool:
    interval = date_interval(value)
    if interval is None:
        return False
    return (low is None or interval[1] >= low) and (high is None or interval[0] <= high)


def _sort_date(value: str | None) -> tuple[int, dt.date]:
    interval = date_interval(value)
    return (0, interval[0]) if interval else (1, dt.date.max)


def answers_json(answers: list[Answer]) -> dict[str, Any]:
    """Answers as JSON (dramatis.answers/1), the shape `main.py ask --json` prints."""
    return {
        "schema": "dramatis.answers/1",
        "answers": [{**report_json(a.report), "type": a.report.type, "who": a.report.who} for a in answers],
    }

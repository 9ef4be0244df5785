"""Writing a document's rows of `library_events`, the event index that questions across documents read.

Kept apart from the reader (models/library/event_index.py) because the actor index writes these rows in
its own transaction, and the reader builds on models/library/stories.py.
"""

from __future__ import annotations

import json
import sqlite3

from models.domain import Analysis
from models.filters import date_interval
from models.text import sentence_bounds


def index_events(conn: sqlite3.Connection, analysis: Analysis) -> None:
    """Replace one document's rows of `library_events` (inside the caller's transaction)."""
    doc_hash = analysis.document.sha256
    text = analysis.document.text
    local = {a.id: (a.name, str(a.type)) for a in analysis.actors}
    conn.execute("DELETE FROM library_events WHERE doc_hash = ?", (doc_hash,))
    rows = []
    for order, event in enumerate(analysis.events):
        if not event.factual:
            continue
        interval = date_interval(event.date)
        start, end = sentence_bounds(text, event.start, event.end)
        actors = {
            "source": _local(event.source, local),
            "target": _local(event.target, local),
            "participants": [_local(a, local) for a in event.participants if a in local],
        }
        rows.append(
            (
                doc_hash,
                order,
                event.id,
                str(event.type),
                event.date,
                interval[0].isoformat() if interval else None,
                interval[1].isoformat() if interval else None,
                int(bool(event.date) and not event.dated_by_document_only),
                json.dumps(actors, ensure_ascii=False),
                event.text,
                " ".join(text[start:end].split()),
                start,
                end,
            )
        )
    conn.executemany(
        "INSERT INTO library_events (doc_hash, ord, event_id, type, date, date_low, date_high, date_given, actors, "
        'trigger, sentence, start, "end") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        rows,
    )


def _local(actor_id: str | None, local: dict[str, tuple[str, str]]) -> list[str] | None:
    if not actor_id or actor_id not in local:
        return None
    name, kind = local[actor_id]
    return [actor_id, name, kind]

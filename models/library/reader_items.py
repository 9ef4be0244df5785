"""The reader's highlights and notes: written at once, anchored to the text so they survive a changed file."""

from __future__ import annotations

import json
from typing import Any

from models.library.anchoring import Anchor, make_anchor, reanchor
from models.library.categories import Categories
from models.library.connection import LibraryConnection, Part, now
from models.library.documents import Documents
from models.reader import Item, ReaderHighlight, ReaderNote


class ReaderItems(Part):
    """Highlights (with the quote and its context) and notes (on the document, an actor or an event)."""

    def __init__(self, connection: LibraryConnection, documents: Documents, categories: Categories) -> None:
        super().__init__(connection)
        self._documents = documents
        self._categories = categories

    def load(self, doc_hash: str) -> list[Item]:
        items: list[Item] = []
        text: str | None = None
        fixes: list[tuple[str, Anchor | None]] = []
        for row in self.conn.execute(
            'SELECT id, start, "end", category, note, tags, exact, prefix, suffix, anchored '
            "FROM highlights WHERE doc_hash = ? ORDER BY start",
            (doc_hash,),
        ):
            item_id, start, end, category, note, tags, exact, prefix, suffix, anchored = row
            if anchored:
                text = text if text is not None else self._documents.text(doc_hash)
                if text[start:end] != exact:  # should not happen; never show a highlight on the wrong words
                    where = reanchor(text, Anchor(exact, prefix, suffix, start, end))
                    fixes.append((item_id, make_anchor(text, where.start, where.end) if where else None))
                    if where is None:
                        anchored = 0
                    else:
                        start, end = where.start, where.end
                        exact = text[start:end]
            items.append(
                ReaderHighlight(item_id, start, end, category, note, tuple(json.loads(tags)), exact, bool(anchored))
            )
        items.extend(self.notes(doc_hash))
        if fixes:
            self._apply_fixes(fixes)
        return items

    def notes(self, doc_hash: str) -> list[ReaderNote]:
        """The notes alone: cheap to read again when a new analysis has moved them to other actors."""
        return [
            ReaderNote(item_id, target, body, tuple(json.loads(tags)))
            for item_id, target, body, tags in self.conn.execute(
                "SELECT id, target, text, tags FROM notes WHERE doc_hash = ? ORDER BY n", (doc_hash,)
            )
        ]

    def _apply_fixes(self, fixes: list[tuple[str, Anchor | None]]) -> None:
        with self.c.write() as conn:
            for item_id, anchor in fixes:
                if anchor is None:
                    conn.execute("UPDATE highlights SET anchored = 0 WHERE id = ?", (item_id,))
                else:
                    conn.execute(
                        'UPDATE highlights SET start = ?, "end" = ?, exact = ?, prefix = ?, suffix = ? WHERE id = ?',
                        (anchor.start, anchor.end, anchor.exact, anchor.prefix, anchor.suffix, item_id),
                    )

    def save(self, doc_hash: str, item: Item, target_key: dict[str, Any] | None = None) -> None:
        """Write one highlight or note (insert or update) in its own transaction.

        `target_key` is what identifies a note's actor or event across analyses (see corrections.target_key);
        without one, a note whose target did not change keeps the key it had.
        """
        # Raw SQL: sqlite-utils reads the table's definition on every upsert, which made the bench row
        # "import 1,000 highlights and 1,000 notes in one transaction (add_items)" six times slower.
        stamp = now()
        with self.c.write() as conn:
            if isinstance(item, ReaderHighlight):
                if item.anchored:
                    anchor = make_anchor(self._documents.text(doc_hash), item.start, item.end)
                else:
                    old = conn.execute("SELECT prefix, suffix FROM highlights WHERE id = ?", (item.id,)).fetchone()
                    prefix, suffix = old if old else ("", "")
                    anchor = Anchor(item.quote, prefix, suffix, item.start, item.end)
                conn.execute(
                    'INSERT INTO highlights (id, doc_hash, start, "end", category, note, tags, exact, prefix, suffix, '
                    "anchored, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                    'ON CONFLICT (id) DO UPDATE SET doc_hash = excluded.doc_hash, start = excluded.start, "end" = '
                    'excluded."end", category = excluded.category, note = excluded.note, tags = excluded.tags, '
                    "exact = excluded.exact, prefix = excluded.prefix, suffix = excluded.suffix, "
                    "anchored = excluded.anchored, updated_at = excluded.updated_at",
                    (
                        item.id,
                        doc_hash,
                        anchor.start,
                        anchor.end,
                        item.category,
                        item.note,
                        json.dumps(list(item.tags), ensure_ascii=False),
                        anchor.exact,
                        anchor.prefix,
                        anchor.suffix,
                        int(item.anchored),
                        stamp,
                        stamp,
                    ),
                )
            else:
                conn.execute(
                    "INSERT INTO notes (id, doc_hash, target, text, tags, anchor, created_at, updated_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET doc_hash = excluded.doc_hash, "
                    "target = excluded.target, text = excluded.text, tags = excluded.tags, "
                    "anchor = CASE WHEN excluded.target = notes.target THEN coalesce(excluded.anchor, notes.anchor) "
                    "ELSE excluded.anchor END, updated_at = excluded.updated_at",
                    (
                        item.id,
                        doc_hash,
                        item.target,
                        item.text,
                        json.dumps(list(item.tags), ensure_ascii=False),
                        json.dumps(target_key, ensure_ascii=False) if target_key else None,
                        stamp,
                        stamp,
                    ),
                )

    def save_many(self, doc_items: list[tuple[str, list[Item]]], categories: dict[str, str] | None = None) -> None:
        """Write many items (on one or more documents) and any new colour categories in one transaction."""
        with self.c.write():
            for doc_hash, items in doc_items:
                for item in items:
                    self.save(doc_hash, item)
            if categories:
                self._categories.add_missing(categories)

    def delete(self, doc_hash: str, item: Item) -> None:
        table = "highlights" if isinstance(item, ReaderHighlight) else "notes"
        with self.c.write():
            self.db.table(table).delete_where("id = ? AND doc_hash = ?", [item.id, doc_hash])

    # ----- notes on actors and events, which a new analysis may renumber -----------------------------------

    def retarget_notes(self, doc_hash: str, mapping: dict[str, str]) -> int:
        """Point notes without a stable key at their actors' and events' new ids after a re-analysis.

        Only for notes written before keys were kept; a keyed note is placed by its key (`set_note_targets`).
        """
        if not mapping:
            return 0
        moved = 0
        with self.c.write() as conn:
            rows = conn.execute(
                "SELECT id, target FROM notes WHERE doc_hash = ? AND anchor IS NULL", (doc_hash,)
            ).fetchall()
            for note_id, target in rows:
                new = mapping.get(target)
                if new is not None and new != target:
                    conn.execute("UPDATE notes SET target = ?, updated_at = ? WHERE id = ?", (new, now(), note_id))
                    moved += 1
        return moved

    def note_targets(self, doc_hash: str) -> list[tuple[str, str, dict[str, Any] | None]]:
        """(note id, target, stable key or None) of the notes on an actor or event of this document."""
        rows = self.conn.execute(
            "SELECT id, target, anchor FROM notes WHERE doc_hash = ? AND (target LIKE 'actor:%' OR "
            "target LIKE 'event:%') ORDER BY n",
            (doc_hash,),
        ).fetchall()
        result: list[tuple[str, str, dict[str, Any] | None]] = []
        for note_id, target, anchor in rows:
            try:
                key = json.loads(anchor) if anchor else None
            except ValueError:
                key = None
            result.append((note_id, target, key if isinstance(key, dict) else None))
        return result

    def set_note_targets(self, changes: list[tuple[str, str, dict[str, Any] | None]]) -> None:
        """Give notes new targets and keys, (note id, target, key), in one transaction."""
        if not changes:
            return
        with self.c.write() as conn:
            for note_id, target, key in changes:
                conn.execute(
                    "UPDATE notes SET target = ?, anchor = ? WHERE id = ?",
                    (target, json.dumps(key, ensure_ascii=False) if key else None, note_id),
                )

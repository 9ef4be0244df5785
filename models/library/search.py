"""Full-text search over the library: documents (title and text) and the reader's highlights and notes."""

from __future__ import annotations

import re
from dataclasses import dataclass

from models.library.connection import Part


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A document or a reader's item matching a search, with a short excerpt."""

    kind: str  # "document", "highlight" or "note"
    doc_hash: str
    title: str
    excerpt: str
    item_id: str | None = None


class Search(Part):
    """The two FTS5 indexes the schema keeps up to date with triggers (see schema.py)."""

    def run(self, query: str, limit: int = 200) -> list[SearchHit]:
        """Documents (title and text) and the reader's highlights and notes matching every word of `query`."""
        match = fts_query(query)
        if not match:
            return []
        hits: list[SearchHit] = []
        for doc_hash, title, excerpt in self.conn.execute(
            "SELECT d.hash, d.title, snippet(documents_fts, 1, '', '', '…', 10) FROM documents_fts "
            "JOIN documents d ON d.id = documents_fts.rowid "
            "WHERE documents_fts MATCH ? AND d.trashed_at IS NULL AND d.superseded_by IS NULL ORDER BY rank LIMIT ?",
            (match, limit),
        ):
            hits.append(SearchHit("document", doc_hash, title, excerpt))
        rowids = [
            r[0]
            for r in self.conn.execute(
                "SELECT rowid FROM notes_fts WHERE notes_fts MATCH ? ORDER BY rank LIMIT ?", (match, limit * 2)
            )
        ]
        words = [w.casefold() for w in re.findall(r"\w+", query)]
        for rowid in rowids:
            if rowid % 2 == 0:
                row = self.conn.execute(
                    "SELECT h.id, h.doc_hash, d.title, h.note, h.exact FROM highlights h "
                    "JOIN documents d ON d.hash = h.doc_hash WHERE h.n = ? AND d.trashed_at IS NULL",
                    (rowid // 2,),
                ).fetchone()
                if row:
                    item_id, doc_hash, title, note, exact = row
                    body = f"{note} — “{exact}”" if note else f"“{exact}”"
                    hits.append(SearchHit("highlight", doc_hash, title, _excerpt(body, words), item_id))
            else:
                row = self.conn.execute(
                    "SELECT x.id, x.doc_hash, d.title, x.text FROM notes x "
                    "JOIN documents d ON d.hash = x.doc_hash WHERE x.n = ? AND d.trashed_at IS NULL",
                    ((rowid - 1) // 2,),
                ).fetchone()
                if row:
                    item_id, doc_hash, title, body = row
                    hits.append(SearchHit("note", doc_hash, title, _excerpt(body, words), item_id))
            if len(hits) >= limit * 2:
                break
        return hits


def fts_query(text: str) -> str:
    """An FTS5 query matching every word of `text` as a prefix (the reader's words are never FTS syntax)."""
    words = re.findall(r"\w+", text)
    return " ".join(f'"{w}"*' for w in words[:12])


def _excerpt(body: str, words: list[str], width: int = 90) -> str:
    flat = " ".join(body.split())
    low = flat.casefold()
    at = min((i for i in (low.find(w) for w in words) if i >= 0), default=0)
    start = max(0, at - width // 3)
    piece = flat[start : start + width]
    return ("…" if start else "") + piece + ("…" if start + width < len(flat) else "")

"""The analysis cache: the automatic analysis of each text, per analyzer version (never the corrected one)."""

from __future__ import annotations

import json
import logging

from models.domain import Analysis
from models.library.actor_index import index_analysis
from models.library.connection import LibraryConnection, Part, now
from models.library.documents import Documents

log = logging.getLogger(__name__)


class Analyses(Part):
    """Stored analyses by (document, analyzer version); storing one also feeds the library's actor index."""

    def __init__(self, connection: LibraryConnection, documents: Documents) -> None:
        super().__init__(connection)
        self._documents = documents

    def cached(self, doc_hash: str, analyzer_version: str) -> Analysis | None:
        row = self.conn.execute(
            "SELECT json FROM analyses WHERE doc_hash = ? AND analyzer_version = ?", (doc_hash, analyzer_version)
        ).fetchone()
        return _stored_analysis(row, doc_hash)

    def previous(self, doc_hash: str, analyzer_version: str) -> Analysis | None:
        """The newest stored analysis of this text made by another analyzer version, if any."""
        row = self.conn.execute(
            "SELECT json FROM analyses WHERE doc_hash = ? AND analyzer_version != ? ORDER BY created_at DESC LIMIT 1",
            (doc_hash, analyzer_version),
        ).fetchone()
        return _stored_analysis(row, doc_hash)

    def store(self, analysis: Analysis, *, index: bool = True) -> None:
        """Keep the automatic analysis (never the corrected one: corrections are stored apart).

        With `index` False its actors are left for `index_analysis` (or `index_pending`) to put into the
        library's actor index afterwards: the window shows a new analysis first and indexes it after.
        """
        doc_hash = analysis.document.sha256
        payload = json.dumps(analysis.to_json(), ensure_ascii=False, separators=(",", ":"))
        with self.c.write() as conn:
            if not self._documents.has(doc_hash):
                self._documents.add(analysis.document)
            self.db.table("analyses").upsert(
                {
                    "doc_hash": doc_hash,
                    "analyzer_version": analysis.analyzer_version,
                    "json": payload,
                    "created_at": now(),
                },
                pk=("doc_hash", "analyzer_version"),
            )
            if analysis.document.date:
                # The date the analysis found (a dateline) is shown in the library, never over one the reader set.
                conn.execute(
                    "UPDATE documents SET date = ? WHERE hash = ? AND date IS NULL", (analysis.document.date, doc_hash)
                )
            if index:
                index_analysis(conn, analysis)


def _stored_analysis(row: tuple[str] | None, doc_hash: str) -> Analysis | None:
    """The analysis in a row of the analyses table; None when there is none or it cannot be read."""
    if row is None:
        return None
    try:
        return Analysis.from_json(json.loads(row[0]))
    except (ValueError, KeyError, TypeError):
        log.warning("stored analysis of %s is unreadable; it will be made again", doc_hash[:12])
        return None

"""The reader's corrections of the automatic analysis, stored per document in the order they were made.

What a correction does lives in `models.library.corrections`; this module only keeps them.
"""

from __future__ import annotations

import json

from models.library.connection import Part, now
from models.library.corrections import CorrectionOp


class CorrectionLog(Part):
    """Corrections by document, replayed in `seq` order on every analysis of it."""

    def of(self, doc_hash: str) -> list[CorrectionOp]:
        rows = self.conn.execute("SELECT op FROM corrections WHERE doc_hash = ? ORDER BY seq", (doc_hash,))
        return [CorrectionOp.from_json(json.loads(r[0])) for r in rows]

    def add(self, doc_hash: str, op: CorrectionOp) -> None:
        """Append `op`; one made again after an undo moves to the end (it is replayed last)."""
        with self.c.write() as conn:
            seq = conn.execute("SELECT coalesce(max(seq), 0) + 1 FROM corrections").fetchone()[0]
            table = self.db.table("corrections")
            payload = json.dumps(op.to_json(), ensure_ascii=False)
            table.insert(
                {"id": op.id, "doc_hash": doc_hash, "seq": seq, "op": payload, "created_at": now()}, ignore=True
            )
            table.update(op.id, {"seq": seq, "doc_hash": doc_hash})

    def remove(self, op_id: str) -> None:
        with self.c.write():
            self.db.table("corrections").delete_where("id = ?", [op_id])

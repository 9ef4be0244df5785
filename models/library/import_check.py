"""Checks every row of a library file before it is merged into this one.

A library made by another machine, an older Dramatis or a hand-edited file can hold values the
reader's code later trusts: tags that are not JSON, offsets that are text, a correction that is not
an object. Each bad row is reported (one line each) and removed from the temporary copy that is
merged, so the import goes on and nothing breaks when the document is opened later.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Callable
from typing import Any

from models.domain import Analysis, Chapter, TextBlock
from models.library.corrections import CorrectionOp

log = logging.getLogger(__name__)

_MAX_REPORTED = 50


class BadRow(ValueError):
    """One value of a row is not what the library stores there."""


def _text(value: object, what: str, *, empty: bool = True) -> str:
    if not isinstance(value, str) or (not empty and not value):
        raise BadRow(f"{what} is not text")
    return value


def _optional_text(value: object, what: str) -> None:
    if value is not None:
        _text(value, what)


def _integer(value: object, what: str) -> int:
    if type(value) is not int:
        raise BadRow(f"{what} is not a whole number")
    return value


def _json(value: object, what: str) -> Any:
    try:
        return json.loads(_text(value, what))
    except (json.JSONDecodeError, RecursionError) as exc:
        raise BadRow(f"{what} is not JSON") from exc


def _tags(value: object) -> None:
    tags = _json(value, "tags")
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise BadRow("tags are not a list of words")


def _document(row: sqlite3.Row, texts: dict[str, str]) -> None:
    doc_hash = _text(row["hash"], "hash", empty=False)
    text = _text(row["text"], "text")
    for column in ("title", "format", "added_at", "opened_at"):
        _text(row[column], column)
    for column in ("date", "author", "trashed_at", "superseded_by"):
        _optional_text(row[column], column)
    structure = _json(row["structure"], "structure")
    if not isinstance(structure, dict):
        raise BadRow("structure is not an object")
    try:
        [TextBlock.from_json(b) for b in structure.get("blocks", [])]
        [Chapter.from_json(c) for c in structure.get("chapters", [])]
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise BadRow("structure does not describe the text") from exc
    texts[doc_hash] = text


def _owned(row: sqlite3.Row, texts: dict[str, str]) -> str:
    doc_hash = row["doc_hash"]
    if not isinstance(doc_hash, str) or doc_hash not in texts:
        raise BadRow("its document is missing or was skipped")
    return texts[doc_hash]


def _highlight(row: sqlite3.Row, texts: dict[str, str]) -> None:
    text = _owned(row, texts)
    _text(row["id"], "id", empty=False)
    start, end = _integer(row["start"], "start"), _integer(row["end"], "end")
    anchored = _integer(row["anchored"], "anchored")
    if anchored not in (0, 1):
        raise BadRow("anchored is not 0 or 1")
    if not 0 <= start <= end or (anchored and end > len(text)):
        raise BadRow("its place is outside the text")
    for column in ("category", "note", "exact", "prefix", "suffix", "created_at", "updated_at"):
        _text(row[column], column)
    _tags(row["tags"])


def _note(row: sqlite3.Row, texts: dict[str, str]) -> None:
    _owned(row, texts)
    _text(row["id"], "id", empty=False)
    for column in ("target", "text", "created_at", "updated_at"):
        _text(row[column], column)
    _tags(row["tags"])
    anchor = row["anchor"] if "anchor" in set(row.keys()) else None
    if anchor is not None and not isinstance(_json(anchor, "anchor"), dict):
        raise BadRow("anchor is not an object")


def _correction(row: sqlite3.Row, texts: dict[str, str]) -> None:
    _owned(row, texts)
    _text(row["id"], "id", empty=False)
    _integer(row["seq"], "seq")
    op = _json(row["op"], "op")
    try:
        CorrectionOp.from_json(op)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise BadRow("op is not a correction") from exc


def _analysis(row: sqlite3.Row, texts: dict[str, str]) -> None:
    _owned(row, texts)
    _text(row["analyzer_version"], "analyzer_version")
    try:
        Analysis.from_json(_json(row["json"], "json"))
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise BadRow("json is not a stored analysis") from exc


def _source(row: sqlite3.Row, texts: dict[str, str]) -> None:
    _owned(row, texts)
    _text(row["path"], "path")


def _category(row: sqlite3.Row, _texts: dict[str, str]) -> None:
    _text(row["name"], "name", empty=False)
    _text(row["color"], "color")
    _integer(row["position"], "position")


_CHECKS: tuple[tuple[str, str, Callable[[sqlite3.Row, dict[str, str]], None]], ...] = (
    ("highlights", "highlight", _highlight),
    ("notes", "note", _note),
    ("corrections", "correction", _correction),
    ("analyses", "stored analysis", _analysis),
    ("document_sources", "file path", _source),
    ("categories", "category", _category),
)


def drop_bad_rows(conn: sqlite3.Connection) -> list[str]:
    """Delete from `conn` (a temporary copy) every row the library could not use; one line per row dropped."""
    conn.row_factory = sqlite3.Row
    problems: list[str] = []
    texts: dict[str, str] = {}
    bad: list[tuple[str, int]] = []
    for row in conn.execute("SELECT rowid AS _rowid, * FROM documents"):
        try:
            _document(row, texts)
        except BadRow as exc:
            bad.append(("documents", row["_rowid"]))
            problems.append(f"document {str(row['title'])[:60]!r} skipped: {exc}")
    for table, what, check in _CHECKS:
        for row in conn.execute(f"SELECT rowid AS _rowid, * FROM {table}"):
            try:
                check(row, texts)
            except BadRow as exc:
                bad.append((table, row["_rowid"]))
                label = row["id"] if "id" in set(row.keys()) else row["_rowid"]
                problems.append(f"{what} {str(label)[:40]} skipped: {exc}")
    conn.row_factory = None
    if bad:
        conn.execute("BEGIN IMMEDIATE")
        for table, rowid in bad:
            conn.execute(f"DELETE FROM {table} WHERE rowid = ?", (rowid,))
        conn.execute(
            "UPDATE documents SET superseded_by = NULL WHERE superseded_by IS NOT NULL "
            "AND superseded_by NOT IN (SELECT hash FROM documents)"
        )
        conn.execute("COMMIT")
    for line in problems[:_MAX_REPORTED]:
        log.warning("import: %s", line)
    return problems

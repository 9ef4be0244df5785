"""W3C Web Annotations into the library: `main.py import FILE.jsonld` and File › Import Annotations….

Each annotation goes to a document the library knows: the one named with `into` (by text hash or
a path it was opened from), or else the one its target's `source` names (a `file:` URI or path,
or `urn:sha256:HASH` as Dramatis writes for a pasted text). Everything found is written in one
transaction; what cannot be placed, or is malformed, is listed in `skipped` with the reason.
"""

from __future__ import annotations

import json
import logging
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from models.errors import DocumentError
from models.export.web_annotation_import import iter_annotations, read_annotations
from models.library.store import Library
from models.reader import Item, ReaderHighlight, ReaderNote

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class ImportedInto:
    """What one document received."""

    doc_hash: str
    title: str
    highlights: int
    notes: int


@dataclass
class AnnotationImport:
    documents: list[ImportedInto] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    @property
    def placed(self) -> int:
        return sum(d.highlights + d.notes for d in self.documents)

    def lines(self) -> list[str]:
        """One sentence per document that received annotations."""
        return [
            f"Imported {_count(d.highlights, 'highlight')} and {_count(d.notes, 'note')} into “{d.title}”."
            for d in self.documents
        ]


def _count(number: int, word: str) -> str:
    return f"{number:,} {word}{'' if number == 1 else 's'}"


def read_annotation_file(path: str | os.PathLike[str]) -> Any:
    """The JSON of an annotation file, refused with a sentence when it is not a readable JSON file."""
    file = Path(path).expanduser()
    try:
        info = file.stat()
    except FileNotFoundError:
        raise DocumentError(f"The file {file} does not exist.") from None
    except OSError as exc:
        raise DocumentError(f"The file {file} could not be read ({exc.strerror or exc}).") from None
    if not stat.S_ISREG(info.st_mode):
        raise DocumentError(f"{file} is not a regular file; give an annotation file (.jsonld or .json).")
    if info.st_size > MAX_FILE_BYTES:
        raise DocumentError(f"{file.name} is over {MAX_FILE_BYTES // (1024 * 1024)} MB; not read as annotations.")
    try:
        with file.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
        if len(raw) > MAX_FILE_BYTES:
            raise DocumentError(f"{file.name} is over {MAX_FILE_BYTES // (1024 * 1024)} MB; not read as annotations.")
        return json.loads(raw.decode("utf-8-sig"))
    except OSError as exc:
        raise DocumentError(f"The file {file} could not be read ({exc.strerror or exc}).") from None
    except UnicodeDecodeError:
        raise DocumentError(f"{file.name} is not UTF-8 text, so it holds no Web Annotations.") from None
    except RecursionError:
        raise DocumentError(f"{file.name} is nested too deeply to be a Web Annotation file.") from None
    except json.JSONDecodeError as exc:
        raise DocumentError(f"{file.name} is not JSON (line {exc.lineno}: {exc.msg}).") from None


def _source_key(annotation: dict[str, Any]) -> str | None:
    """What the annotation's target says its text is: a hash or a path, as `Library.find_document` takes."""
    targets = annotation.get("target")
    target = targets[0] if isinstance(targets, list) and targets else targets
    source = target.get("source") if isinstance(target, dict) else target
    if not isinstance(source, str) or not source or len(source) > 4096:
        return None
    if source.startswith("urn:sha256:"):
        return source[len("urn:sha256:") :]
    if source.startswith("file:"):
        return unquote(urlsplit(source).path)
    if "://" in source or source.startswith("urn:"):
        return None  # a web page or another tool's resource: only --into can say which document it is
    return source


def import_annotations(library: Library, data: Any, into: str | None = None) -> AnnotationImport:
    """Anchor the annotations of `data` in the library's documents and write them in one transaction."""
    result = AnnotationImport()
    annotations = iter_annotations(data, result.skipped)
    groups: dict[str, list[dict[str, Any]]] = {}
    if into is not None:
        doc_hash = library.find_document(into)
        if doc_hash is None:
            raise DocumentError(
                f"The library knows no document {into!r}; give a path it was opened from or its text hash."
            )
        groups[doc_hash] = annotations
    else:
        unknown: dict[str | None, int] = {}
        for annotation in annotations:
            key = _source_key(annotation)
            found = library.find_document(key) if key else None
            if found is None:
                unknown[key] = unknown.get(key, 0) + 1
            else:
                groups.setdefault(found, []).append(annotation)
        for key, number in unknown.items():
            where = f"source {key!r}" if key else "no source the library knows"
            result.skipped.append(f"{_count(number, 'annotation')} with {where} skipped; name the document with --into")
    writes: list[tuple[str, list[Item]]] = []
    categories: dict[str, str] = {}
    known = library.categories()
    pending: list[tuple[str, str, int, int]] = []
    for doc_hash, items in groups.items():
        document = library.load_document(doc_hash)
        if document is None:
            continue
        layer = read_annotations(items, document.text, categories=known)
        result.skipped.extend(layer.skipped)
        text = document.text
        batch: list[Item] = [
            ReaderHighlight(h.id, h.start, h.end, h.category, h.note, h.tags, quote=text[h.start : h.end])
            for h in layer.highlights
        ]
        batch.extend(ReaderNote(n.id, n.target, n.text, n.tags) for n in layer.notes)
        categories.update({k: v for k, v in layer.categories.items() if k not in known})
        writes.append((doc_hash, batch))
        pending.append((doc_hash, document.title or "Untitled", len(layer.highlights), len(layer.notes)))
    if writes:
        library.add_items(writes, categories)
    result.documents = [ImportedInto(*entry) for entry in pending if entry[2] + entry[3]]
    log.info("imported %d annotations, %d skipped", result.placed, len(result.skipped))
    return result

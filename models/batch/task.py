"""The analysis of one file, as a plain top-level function any executor can run.

Locally it runs in the supervised analysis workers (models/analysis/pool.py), forked with the model
already loaded; on a cluster in Dask's workers, each of which loads the pipeline once (on its first
text to analyse). Either way it answers with a picklable `TaskResult`; the parent process alone
writes to the library.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from models.domain import Analysis
from models.errors import AppError
from models.version import ANALYZER_VERSION

log = logging.getLogger(__name__)

ANALYSED, KNOWN, FAILED = "analysed", "known", "failed"


@dataclass(frozen=True, slots=True)
class TaskResult:
    """What became of one file: its analysis, "already in the library", or why it failed."""

    path: str
    status: str
    analysis: Analysis | None = None
    message: str = ""
    words: int = 0
    parts: int = 1  # processes its text was parsed by


def is_known(db_path: str | None, doc_hash: str) -> bool:
    """Whether the library already holds this text's analysis by the current analyzer (read-only look-up)."""
    if not db_path or not Path(db_path).exists():
        return False
    try:
        conn = sqlite3.connect(f"{Path(db_path).as_uri()}?mode=ro", uri=True, timeout=5)
        try:
            row = conn.execute(
                "SELECT 1 FROM analyses WHERE doc_hash = ? AND analyzer_version = ?", (doc_hash, ANALYZER_VERSION)
            ).fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return False  # the parent checks again before storing
    return row is not None


def analyse_path(path: str, db_path: str | None = None, parts: int = 1) -> TaskResult:
    """Load and analyse one file, unless the library at `db_path` already knows its text.

    With `parts` > 1 a long text is parsed by up to that many processes (models/analysis/worker_pool.py):
    a single book added alone uses every core, not one.
    """
    from models.analysis.pipeline import Analyzer
    from models.loaders import load_document
    from models.nlp import load_pipeline

    try:
        document = load_document(path)
        if is_known(db_path, document.sha256):
            return TaskResult(path, KNOWN)
        nlp, info = load_pipeline()
        analyzer = Analyzer(nlp, info.label)
        if parts > 1:
            from models.analysis.worker_pool import ParallelAnalyzer

            analyzer = ParallelAnalyzer(nlp, info.label, max_parts=parts)
        analysis = analyzer.analyze(document)
        used = getattr(analyzer, "last_parts", 1)
    except AppError as exc:
        return TaskResult(path, FAILED, message=exc.user_message)
    return TaskResult(path, ANALYSED, analysis, words=len(document.text.split()), parts=used)

"""Pick the loader for a file and turn every failure into a plain-sentence `DocumentError`."""

from __future__ import annotations

import logging
from pathlib import Path

from models.domain import Document
from models.errors import DocumentError
from models.loaders.text import load_text

log = logging.getLogger(__name__)


def load_document(path: str | Path) -> Document:
    """Read `path` into a `Document`.

    Raises:
        DocumentError: the file is missing, unreadable or not a readable document.
    """
    path = Path(path)
    if not path.exists():
        raise DocumentError(f"The file {path} does not exist.")
    if path.is_dir():
        raise DocumentError(f"{path} is a folder, not a document.")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(f"The file {path} could not be read ({exc.strerror or exc}).") from exc
    document = load_text(data, path.name)
    document.source_path = str(path)
    return document

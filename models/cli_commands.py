"""Command-line work that needs no window: analyse a file, describe versions."""

from __future__ import annotations

import json
import platform
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from models.domain import Analysis, MentionKind
from models.errors import InvalidDateError
from models.loaders import load_document
from models.nlp import find_model
from models.version import APP_NAME, APP_VERSION


def parse_date(value: str | None) -> str | None:
    """Check a `--date` argument (ISO 8601, with or without a time); raises `InvalidDateError` with a plain sentence."""
    if value is None or value == "":
        return None
    from models.filters import normalize_document_date

    normal = normalize_document_date(value)
    if normal is None:
        shown = value if len(value) <= 40 else value[:40] + "…"
        raise InvalidDateError(
            f"The date {shown!r} is not a valid date; write it as YYYY-MM-DD, with a time if known "
            "(YYYY-MM-DDTHH:MM, optionally with Z or an offset such as +02:00)."
        )
    return normal


def analyze_file(path: str | Path, date: str | None, *, force: bool = False) -> Analysis:
    """Load and analyse one file (a long one in the analysis worker); files over the size limit need `force`."""
    from models.analysis.supervisor import analyze_document
    from models.errors import DocumentError
    from models.loaders import FileTooLargeError

    try:
        document = load_document(path, allow_large=force)
    except FileTooLargeError as exc:
        raise DocumentError(f"{exc.user_message} Add --force to analyse it anyway.") from None
    if date:
        document.date = date
    return analyze_document(document)


def write_json(analysis: Analysis, out: TextIO) -> None:
    """The analysis as indented JSON in the contract's shape (models/contract.py), ending with a newline."""
    json.dump(analysis.to_json(), out, ensure_ascii=False, indent=1)
    out.write("\n")


def write_summary(analysis: Analysis, out: TextIO) -> None:
    """A short human summary: actors with mention counts, then dated events."""
    doc = analysis.document
    out.write(f"{doc.title or 'Untitled'}\n")
    out.write(f"Document date: {doc.date or 'unknown'}\n\n")
    out.write(f"Actors ({len(analysis.actors)}):\n")
    ranked = sorted(analysis.actors, key=lambda a: (-len(a.mentions), a.name.casefold()))
    for actor in ranked:
        named = sum(1 for m in actor.mentions if m.kind == MentionKind.NAME)
        others = len(actor.mentions) - named
        extra = f" (+{others} other references)" if others else ""
        roles = f" — {', '.join(actor.roles)}" if actor.roles else ""
        out.write(f"  {len(actor.mentions):4d}  {actor.name} [{actor.type}]{roles}{extra}\n")
    dated = sorted((e for e in analysis.events if e.date), key=lambda e: (e.date or "", e.start))
    out.write(f"\nDated events ({len(dated)} of {len(analysis.events)}):\n")
    names = {a.id: a.name for a in analysis.actors}
    for event in dated:
        who = " -> ".join(names[x] for x in (event.source, event.target) if x) or ", ".join(
            names[p] for p in event.participants
        )
        out.write(f"  {event.date}  {event.type:<11} {event.text!r}  {who}\n")


def version_lines(qt_version: Callable[[], str] | None = None) -> list[str]:
    """Versions of Dramatis and everything it runs on, and which language model is in use."""
    lines = [f"{APP_NAME} {APP_VERSION}", f"Python {platform.python_version()} ({sys.platform})"]
    if qt_version is not None:
        lines.append(qt_version())
    try:
        from spacy.about import __version__ as spacy_version

        lines.append(f"spaCy {spacy_version}")
    except ImportError:
        lines.append("spaCy: not installed")
    info = find_model()
    lines.append(f"Language model: {info.label}" if info else "Language model: none installed")
    return lines

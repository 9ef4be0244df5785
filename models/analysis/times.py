"""Time expressions (filled in by the events-and-dates work)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from models.domain import TimeExpression

if TYPE_CHECKING:
    from spacy.tokens import Doc


def detect_document_date(text: str) -> str | None:
    """The document's own date, from a dateline near the top; None when there is none."""
    return None


class TimeStage:
    """Collects time expressions and normalises them against the document date."""

    def __init__(self, document_date: str | None) -> None:
        self.document_date = document_date

    def collect(self, doc: Doc, offset: int) -> None:
        return None

    def finish(self, text: str) -> list[TimeExpression]:
        return []

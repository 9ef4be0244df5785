"""Events (filled in by the events-and-dates work)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from models.domain import Actor, Event, TimeExpression

if TYPE_CHECKING:
    from spacy.tokens import Doc


class EventStage:
    """Collects event triggers with their arguments and resolves them to actors and dates."""

    def collect(self, doc: Doc, offset: int) -> None:
        return None

    def finish(self, text: str, actors: list[Actor], times: list[TimeExpression]) -> list[Event]:
        return []

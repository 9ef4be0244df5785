"""X-Ray of one actor: every mention in its sentence, its roles, its events and the reader's notes on it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from models.domain import Event
from models.filters import FilterState, display_date
from models.reader import ReaderNote
from models.views.index import ViewIndex

SENTENCE_LIMIT = 220


@dataclass(frozen=True, slots=True)
class XMention:
    start: int
    end: int
    text: str
    kind: str


@dataclass(frozen=True, slots=True)
class XEvent:
    id: str
    type: str
    role: str  # "source", "target", "place" or "participant"
    date_label: str
    trigger: str
    others: tuple[str, ...]  # names of the other actors
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class XNote:
    id: str
    target: str
    about: str  # "this actor" or the event it is on
    text: str
    tags: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class XRay:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    roles: tuple[str, ...]
    mentions: tuple[XMention, ...]
    kinds: dict[str, int]
    events: tuple[XEvent, ...]
    notes: tuple[XNote, ...]

    @property
    def target(self) -> str:
        return f"actor:{self.id}"


def role_of(event: Event, actor_id: str) -> str:
    """The part an actor plays in an event: "source", "target", "place" or "participant"."""
    if event.source == actor_id:
        return "source"
    if event.target == actor_id:
        return "target"
    if event.place == actor_id:
        return "place"
    return "participant"


def build_xray(
    index: ViewIndex, actor_id: str, notes: Iterable[ReaderNote] = (), state: FilterState | None = None
) -> XRay | None:
    """The X-Ray of one actor; events follow the event facets of `state` (the event layer switch aside)."""
    actor = index.actors.get(actor_id)
    if actor is None:
        return None
    mentions = tuple(
        XMention(m.start, m.end, m.text, str(m.kind)) for m in sorted(actor.mentions, key=lambda m: m.start)
    )
    kinds = dict(Counter(m.kind for m in mentions))
    events: list[XEvent] = []
    for i in index.actor_events.get(actor_id, []):
        event = index.events[i]
        if state is not None and not state.event_matches(event, use_text=False):
            continue
        span = index.spans[i]
        others = tuple(index.actors[a].name for a in index.event_actors[i] if a != actor_id)
        label = span.label if span else display_date(event.date)
        events.append(
            XEvent(
                event.id, str(event.type), role_of(event, actor_id), label, event.text, others, event.start, event.end
            )
        )
    events.sort(key=lambda e: e.start)
    all_events = {index.events[i].id for i in index.actor_events.get(actor_id, [])}
    xnotes: list[XNote] = []
    for note in notes:
        kind, _, ref = note.target.partition(":")
        if kind == "actor" and ref == actor_id:
            xnotes.append(XNote(note.id, note.target, "this actor", note.text, tuple(note.tags)))
        elif kind == "event" and ref in all_events:
            source = index.events_by_id[ref]
            about = f"{source.type.title()} “{source.text}”"
            xnotes.append(XNote(note.id, note.target, about, note.text, tuple(note.tags)))
    xnotes.sort(key=lambda n: (n.about != "this actor", n.id))
    return XRay(
        actor.id,
        actor.name,
        str(actor.type),
        tuple(actor.aliases),
        tuple(actor.roles),
        mentions,
        kinds,
        tuple(events),
        tuple(xnotes),
    )

"""Plain dataclasses for one analysed document, mirroring schema `dramatis.analysis/1`.

Offsets are Python string indices (code points) into `Document.text`, end exclusive. The GUI
converts them to Qt's UTF-16 positions at its boundary (see `models.offsets`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, fields
from enum import StrEnum
from typing import Any

SCHEMA_ID = "dramatis.analysis/1"

_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _by_fields(obj: object) -> tuple[type, tuple[Any, ...]]:
    """`__reduce__` of the many small records of an analysis: their class and field values, in order.

    Why: a slotted dataclass pickles as a dictionary of its fields by default; a book's analysis holds
    tens of thousands of mentions, and its result comes back from the analysis process pickled.
    """
    cls = type(obj)
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in fields(cls))  # type: ignore[arg-type]
    return cls, tuple(getattr(obj, name) for name in names)


class ActorType(StrEnum):
    """Kinds of actor a reader cares about."""

    PERSON = "PERSON"
    ORG = "ORG"
    PLACE = "PLACE"
    GROUP = "GROUP"


class MentionKind(StrEnum):
    """How an actor is referred to: by name, by a role noun phrase, or by a pronoun."""

    NAME = "name"
    NOMINAL = "nominal"
    PRONOUN = "pronoun"


class EventType(StrEnum):
    """Event vocabulary of the contract (see docs/analysis-json.md for the CAMEO mapping)."""

    ATTACK = "ATTACK"
    HARM = "HARM"
    HOSTAGE = "HOSTAGE"
    DISASTER = "DISASTER"
    MEETING = "MEETING"
    CALL = "CALL"
    TRAVEL = "TRAVEL"
    STATEMENT = "STATEMENT"
    DEMAND = "DEMAND"
    AGREEMENT = "AGREEMENT"
    NEGOTIATION = "NEGOTIATION"
    TRANSFER = "TRANSFER"
    DEPLOYMENT = "DEPLOYMENT"
    PROTEST = "PROTEST"
    LEGAL = "LEGAL"
    ELECTION = "ELECTION"
    APPOINTMENT = "APPOINTMENT"
    OTHER = "OTHER"


def text_sha256(text: str) -> str:
    """Content key of a document: the same text from any path is the same document."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Mention:
    """One place in the text where an actor is referred to."""

    start: int
    end: int
    text: str
    kind: MentionKind = MentionKind.NAME

    def __reduce__(self) -> tuple[Any, ...]:
        return _by_fields(self)

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "kind": str(self.kind)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Mention:
        return cls(data["start"], data["end"], data["text"], MentionKind(data.get("kind", "name")))


@dataclass(slots=True)
class Actor:
    """A person, organization, place or group, with every mention of it."""

    id: str
    name: str
    type: ActorType
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)

    def __reduce__(self) -> tuple[Any, ...]:
        return _by_fields(self)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "type": str(self.type),
            "aliases": list(self.aliases),
            "roles": list(self.roles),
            "mentions": [m.to_json() for m in self.mentions],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Actor:
        return cls(
            id=data["id"],
            name=data["name"],
            type=ActorType(data["type"]),
            aliases=list(data.get("aliases", [])),
            roles=list(data.get("roles", [])),
            mentions=[Mention.from_json(m) for m in data.get("mentions", [])],
        )


# The basis of an event's date when no date in its paragraph gave one and the document's date stood in.
DOCUMENT_DATE_GUESS = "the document date: no date in its paragraph"


@dataclass(slots=True)
class Event:
    """Something that happened (or was said) in the text, with who, whom, where and when."""

    id: str
    type: EventType
    start: int
    end: int
    text: str
    date: str | None = None
    time: str | None = None
    participants: list[str] = field(default_factory=list)
    source: str | None = None
    target: str | None = None
    place: str | None = None
    # Not part of the contract's required fields: how the date was found, for the GUI's tooltip.
    date_basis: str | None = None
    # TimeML modality ("would", "could", "conditional", "planned") and polarity ("NEG"); None for a plain fact.
    # An event with either is not placed on the timeline as something that happened.
    modality: str | None = None
    polarity: str | None = None

    def __reduce__(self) -> tuple[Any, ...]:
        return _by_fields(self)

    @property
    def factual(self) -> bool:
        return self.modality is None and self.polarity != "NEG"

    @property
    def telling(self) -> str | None:
        """How the text tells an event that is not a fact ("not", "would", "planned"), shown beside its date."""
        return None if self.factual else "not" if self.polarity == "NEG" else self.modality

    @property
    def dated_by_document_only(self) -> bool:
        """Dated only because a news report tells the news of its day: a guess, not a date the text gives."""
        return self.date_basis == DOCUMENT_DATE_GUESS

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "type": str(self.type),
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "date": self.date,
            "time": self.time,
            "participants": list(self.participants),
            "source": self.source,
            "target": self.target,
            "place": self.place,
        }
        for key, val in (("date_basis", self.date_basis), ("modality", self.modality), ("polarity", self.polarity)):
            if val is not None:
                data[key] = val
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Event:
        return cls(
            id=data["id"],
            type=EventType(data["type"]),
            start=data["start"],
            end=data["end"],
            text=data["text"],
            date=data.get("date"),
            time=data.get("time"),
            participants=list(data.get("participants", [])),
            source=data.get("source"),
            target=data.get("target"),
            place=data.get("place"),
            date_basis=data.get("date_basis"),
            modality=data.get("modality"),
            polarity=data.get("polarity"),
        )


@dataclass(slots=True)
class TimeExpression:
    """A time expression normalised to a TimeML TIMEX3-style value."""

    id: str
    start: int
    end: int
    text: str
    value: str
    # Optional extras beyond the contract: TIMEX3 type and modifier, and what the value was anchored to.
    timex_type: str | None = None
    mod: str | None = None
    anchor: str | None = None

    def __reduce__(self) -> tuple[Any, ...]:
        return _by_fields(self)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "value": self.value,
        }
        for key, val in (("type", self.timex_type), ("mod", self.mod), ("anchor", self.anchor)):
            if val is not None:
                data[key] = val
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> TimeExpression:
        return cls(
            id=data["id"],
            start=data["start"],
            end=data["end"],
            text=data["text"],
            value=data["value"],
            timex_type=data.get("type"),
            mod=data.get("mod"),
            anchor=data.get("anchor"),
        )


@dataclass(frozen=True, slots=True)
class TextBlock:
    """How a stretch of the text is shown: a heading (with its level), emphasis or strong emphasis.

    The text itself never carries markup, so analysis offsets and display positions stay the same.
    """

    start: int
    end: int
    kind: str  # "heading", "emphasis" or "strong"
    level: int = 0  # 1-6 for headings

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"start": self.start, "end": self.end, "kind": self.kind}
        if self.level:
            data["level"] = self.level
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> TextBlock:
        return cls(data["start"], data["end"], data["kind"], data.get("level", 0))


@dataclass(frozen=True, slots=True)
class Chapter:
    """A chapter of a book (EPUB), in reading order: its title and where its text lies."""

    title: str
    start: int
    end: int

    def to_json(self) -> dict[str, Any]:
        return {"title": self.title, "start": self.start, "end": self.end}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Chapter:
        return cls(data["title"], data["start"], data["end"])


@dataclass(slots=True)
class Document:
    """A text as the reader sees it, with what is known about it."""

    text: str
    title: str | None = None
    date: str | None = None
    source_path: str | None = None
    format: str = "text"
    author: str | None = None
    # Optional structure found by the loaders (Markdown, HTML, EPUB, DOCX); empty for plain text.
    blocks: list[TextBlock] = field(default_factory=list)
    chapters: list[Chapter] = field(default_factory=list)

    @property
    def sha256(self) -> str:
        return text_sha256(self.text)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"title": self.title, "date": self.date, "text": self.text, "sha256": self.sha256}
        if self.author:
            data["author"] = self.author
        if self.blocks:
            data["blocks"] = [b.to_json() for b in self.blocks]
        if self.chapters:
            data["chapters"] = [c.to_json() for c in self.chapters]
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Document:
        return cls(
            text=data["text"],
            title=data.get("title"),
            date=data.get("date"),
            author=data.get("author"),
            blocks=[TextBlock.from_json(b) for b in data.get("blocks", [])],
            chapters=[Chapter.from_json(c) for c in data.get("chapters", [])],
        )


@dataclass(slots=True)
class Analysis:
    """The automatic layer for one document: actors, events and time expressions."""

    document: Document
    analyzer_version: str
    model: str
    actors: list[Actor] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA_ID,
            "document": self.document.to_json(),
            "analyzer": {"version": self.analyzer_version, "model": self.model},
            "actors": [a.to_json() for a in self.actors],
            "events": [e.to_json() for e in self.events],
            "times": [t.to_json() for t in self.times],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Analysis:
        doc = data["document"]
        return cls(
            document=Document.from_json(doc),
            analyzer_version=data["analyzer"]["version"],
            model=data["analyzer"]["model"],
            actors=[Actor.from_json(a) for a in data.get("actors", [])],
            events=[Event.from_json(e) for e in data.get("events", [])],
            times=[TimeExpression.from_json(t) for t in data.get("times", [])],
        )

    def actor_by_id(self) -> dict[str, Actor]:
        return {a.id: a for a in self.actors}

"""The reader's corrections of the automatic actors, as pure edits and as replayable records.

The edit functions take lists and return new lists, never touching an analysis in place. A
`CorrectionOp` names actors by stable keys (name, aliases, type) rather than by their ids, which
change whenever the analysis runs again; `replay` applies the stored operations, in order, to a
fresh analysis so the reader's corrections survive a new analyzer version.
"""

from __future__ import annotations

import copy
import logging
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from models.domain import Actor, ActorType, Analysis, Event, Mention, MentionKind

log = logging.getLogger(__name__)

Edit = tuple[list[Actor], list[Event]]
_S = TypeVar("_S", Event, Mention)


def _copy(actors: list[Actor], events: list[Event]) -> Edit:
    return copy.deepcopy(actors), copy.deepcopy(events)


def rename(actors: list[Actor], events: list[Event], actor_id: str, name: str) -> Edit:
    """Give an actor a new name, keeping the old one as an alias."""
    actors, events = _copy(actors, events)
    for actor in actors:
        if actor.id == actor_id:
            if actor.name not in actor.aliases:
                actor.aliases.append(actor.name)
            actor.name = name
    return actors, events


def retype(actors: list[Actor], events: list[Event], actor_id: str, actor_type: ActorType) -> Edit:
    """Give an actor another type (person, organization, place, group)."""
    actors, events = _copy(actors, events)
    for actor in actors:
        if actor.id == actor_id:
            actor.type = actor_type
    return actors, events


def merge(actors: list[Actor], events: list[Event], source_id: str, target_id: str) -> Edit:
    """Fold `source` into `target`: mentions, aliases and roles join, events point at the target."""
    actors, events = _copy(actors, events)
    source = next(a for a in actors if a.id == source_id)
    target = next(a for a in actors if a.id == target_id)
    seen = {(m.start, m.end) for m in target.mentions}
    target.mentions = sorted(
        target.mentions + [m for m in source.mentions if (m.start, m.end) not in seen], key=lambda m: m.start
    )
    for alias in [source.name, *source.aliases]:
        if alias not in target.aliases and alias != target.name:
            target.aliases.append(alias)
    target.roles.extend(r for r in source.roles if r not in target.roles)
    actors = [a for a in actors if a.id != source_id]
    for event in events:
        event.participants = list(dict.fromkeys(target_id if p == source_id else p for p in event.participants))
        for attr in ("source", "target", "place"):
            if getattr(event, attr) == source_id:
                setattr(event, attr, target_id)
    return actors, events


def remove(actors: list[Actor], events: list[Event], actor_id: str) -> Edit:
    """ "Not an actor": the actor goes, and events no longer name it."""
    actors, events = _copy(actors, events)
    actors = [a for a in actors if a.id != actor_id]
    for event in events:
        event.participants = [p for p in event.participants if p != actor_id]
        for attr in ("source", "target", "place"):
            if getattr(event, attr) == actor_id:
                setattr(event, attr, None)
    return actors, events


def split(actors: list[Actor], events: list[Event], actor_id: str, surface: str) -> Edit:
    """The mentions written `surface` were grouped wrongly: they become an actor of their own, same type."""
    actors, events = _copy(actors, events)
    source = next((a for a in actors if a.id == actor_id), None)
    if source is None:
        return actors, events
    moved = [m for m in source.mentions if m.text == surface]
    if not moved or len(moved) == len(source.mentions):
        return actors, events
    source.mentions = [m for m in source.mentions if m.text != surface]
    source.aliases = [a for a in source.aliases if a != surface]
    taken = {a.id for a in actors}
    number = 1
    while f"{actor_id}-{number}" in taken:
        number += 1
    actors.append(Actor(f"{actor_id}-{number}", surface, source.type, aliases=[surface], mentions=moved))
    return actors, events


def split_mention(actors: list[Actor], events: list[Event], actor_id: str, start: int, end: int) -> Edit:
    """One mention was grouped wrongly: it becomes an actor of its own, named as written there, same type."""
    actors, events = _copy(actors, events)
    source = next((a for a in actors if a.id == actor_id), None)
    moved = [m for m in source.mentions if (m.start, m.end) == (start, end)] if source else []
    if source is None or not moved or len(source.mentions) == 1:
        return actors, events
    source.mentions = [m for m in source.mentions if (m.start, m.end) != (start, end)]
    if not any(m.text == moved[0].text for m in source.mentions):
        source.aliases = [a for a in source.aliases if a != moved[0].text]
    taken = {a.id for a in actors}
    number = 1
    while f"{actor_id}-{number}" in taken:
        number += 1
    surface = moved[0].text
    actors.append(Actor(f"{actor_id}-{number}", surface, source.type, aliases=[surface], mentions=moved))
    return actors, events


def whole_word_spans(text: str, name: str) -> list[tuple[int, int]]:
    """Where `name` occurs as whole words (so "Mark" never matches inside "questionMark")."""
    if not name.strip():
        return []
    pattern = re.compile(r"(?<!\w)" + re.escape(name) + r"(?!\w)")
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def mark_all(  # noqa: PLR0917 - mirrors the correction's fields
    actors: list[Actor],
    events: list[Event],
    text: str,
    name: str,
    actor_type: ActorType,
    actor_id: str | None = None,
) -> tuple[list[Actor], list[Event], int]:
    """Add every whole-word occurrence of `name` not already a mention, to `actor_id` or a new actor."""
    actors, events = _copy(actors, events)
    taken = sorted((m.start, m.end) for a in actors for m in a.mentions)
    found = [(s, e) for s, e in whole_word_spans(text, name) if not any(ts < e and s < te for ts, te in taken)]
    if not found:
        return actors, events, 0
    actor = next((a for a in actors if a.id == actor_id), None) if actor_id else None
    if actor is None:
        actor = next((a for a in actors if a.name == name and a.type == actor_type), None)
    if actor is None:
        used = {a.id for a in actors}
        number = 1
        while f"u{number}" in used:
            number += 1
        actor = Actor(f"u{number}", name, actor_type, aliases=[name])
        actors.append(actor)
    actor.mentions = sorted(
        actor.mentions + [Mention(s, e, text[s:e], MentionKind.NAME) for s, e in found], key=lambda m: m.start
    )
    return actors, events, len(found)


# ----- stable keys and replay --------------------------------------------------------------------


_CONTEXT = 32  # characters of text kept on each side of an event's trigger to find it again


def dismiss_event(actors: list[Actor], events: list[Event], event_id: str) -> Edit:
    """The reader says this is not an event worth showing: it leaves the lists, the article and the views."""
    actors, events = _copy(actors, events)
    return actors, [e for e in events if e.id != event_id]


def set_event_date(actors: list[Actor], events: list[Event], event_id: str, date: str) -> Edit:
    """The reader's date for an event (a TIMEX3 value such as 2023-10-07 or 2023-10)."""
    actors, events = _copy(actors, events)
    for event in events:
        if event.id == event_id:
            event.date = date
            event.date_basis = "set by you"
    return actors, events


def span_key(span: Event | Mention, text: str) -> dict[str, Any]:
    """What identifies a stretch of text across analyses: its words, the text around them, and where it was."""
    return {
        "text": span.text,
        "prefix": text[max(0, span.start - _CONTEXT) : span.start],
        "suffix": text[span.end : span.end + _CONTEXT],
        "start": span.start,
    }


def event_key(event: Event, text: str) -> dict[str, Any]:
    """What identifies an event across analyses: its trigger with the text around it, and where it was."""
    return span_key(event, text)


def _shared_start(a: str, b: str) -> int:
    n = 0
    while n < len(a) and n < len(b) and a[n] == b[n]:
        n += 1
    return n


def find_event(events: list[Event], text: str, key: dict[str, Any]) -> Event | None:
    """The event a key means in another analysis: same trigger, the best-matching context, then the nearest."""
    return find_span(events, text, key)


def find_span(spans: list[_S], text: str, key: dict[str, Any]) -> _S | None:
    """The event or mention a `span_key` means: same words, the best-matching context, then the nearest."""
    word = str(key.get("text", ""))
    prefix, suffix, start = str(key.get("prefix", "")), str(key.get("suffix", "")), int(key.get("start", 0))

    def context(event: Event | Mention) -> int:
        """How many characters around the trigger still read as they did (up to the stored context)."""
        before = text[max(0, event.start - len(prefix)) : event.start]
        after = text[event.end : event.end + len(suffix)]
        return _shared_start(before[::-1], prefix[::-1]) + _shared_start(after, suffix)

    found = [e for e in spans if e.text == word]
    if not found:
        return None
    best = max(found, key=lambda e: (context(e), -abs(e.start - start)))
    return best if context(best) >= min(8, len(prefix) + len(suffix)) else None


def actor_key(actor: Actor) -> dict[str, Any]:
    """What identifies an actor across analyses: its name, the names it goes by, its type."""
    return {"name": actor.name, "type": str(actor.type), "aliases": sorted(set(actor.aliases))}


def find_actor(actors: list[Actor], key: dict[str, Any]) -> Actor | None:
    """The actor a key means in another analysis: same name first, then shared names; same type preferred."""
    name, kind = key.get("name", ""), key.get("type", "")
    names = {name, *key.get("aliases", [])}
    tests: tuple[Callable[[Actor], bool], ...] = (
        lambda a: a.name == name and str(a.type) == kind,
        lambda a: a.name == name,
        lambda a: str(a.type) == kind and name in a.aliases,
        lambda a: str(a.type) == kind and bool(names & {a.name, *a.aliases}),
    )
    for test in tests:
        found = [a for a in actors if test(a)]
        if found:
            return max(found, key=lambda a: len(a.mentions))
    return None


@dataclass(frozen=True, slots=True)
class CorrectionOp:
    """One correction as stored: `kind` is rename, retype, merge, split, split_mention, remove, mark_all,
    dismiss_event or event_date; `args` name actors, mentions and events by stable keys."""

    id: str
    kind: str
    args: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "args": self.args}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CorrectionOp:
        return cls(str(data["id"]), str(data["kind"]), dict(data["args"]))

    @classmethod
    def new(cls, kind: str, **args: Any) -> CorrectionOp:
        return cls(f"c{uuid.uuid4().hex[:12]}", kind, args)


def describe_op(actors: list[Actor], kind: str, **ids: Any) -> CorrectionOp:
    """A correction on the current actors, with every actor id replaced by its stable key."""
    by_id = {a.id: a for a in actors}
    args: dict[str, Any] = {}
    for name, value in ids.items():
        if name in ("actor", "source", "target"):
            actor = by_id.get(value) if value else None
            args[name] = actor_key(actor) if actor else None
        else:
            args[name] = value
    return CorrectionOp.new(kind, **args)


def apply_op(actors: list[Actor], events: list[Event], text: str, op: CorrectionOp) -> Edit | None:
    """`op` applied to these actors and events, or None when the actors it names are not there."""
    args = op.args

    def resolve(field: str) -> Actor | None:
        key = args.get(field)
        return find_actor(actors, key) if key else None

    if op.kind in ("dismiss_event", "event_date"):
        event = find_event(events, text, args.get("event") or {})
        if event is None:
            return None
        if op.kind == "dismiss_event":
            return dismiss_event(actors, events, event.id)
        return set_event_date(actors, events, event.id, str(args["date"]))
    if op.kind == "mark_all":
        actor = resolve("actor")
        marked_actors, marked_events, _count = mark_all(
            actors, events, text, str(args["name"]), ActorType(args["type"]), actor.id if actor else None
        )
        return marked_actors, marked_events
    actor = resolve("source" if op.kind == "merge" else "actor")
    if actor is None:
        return None
    if op.kind == "rename":
        return rename(actors, events, actor.id, str(args["name"]))
    if op.kind == "retype":
        return retype(actors, events, actor.id, ActorType(args["type"]))
    if op.kind == "remove":
        return remove(actors, events, actor.id)
    if op.kind == "split":
        return split(actors, events, actor.id, str(args["surface"]))
    if op.kind == "split_mention":
        mention = find_span(actor.mentions, text, args.get("mention") or {})
        return split_mention(actors, events, actor.id, mention.start, mention.end) if mention else None
    if op.kind == "merge":
        target = resolve("target")
        if target is None or target.id == actor.id:
            return None
        return merge(actors, events, actor.id, target.id)
    log.warning("unknown correction %r skipped", op.kind)
    return None


def target_mapping(old: Analysis, new: Analysis) -> dict[str, str]:
    """Note targets of `old` ("actor:a3", "event:e7") to the same actor or event in `new`, where it is found.

    Why: a new analyzer version may number actors and events differently; notes on them must follow.
    """
    mapping: dict[str, str] = {}
    for actor in old.actors:
        found = find_actor(new.actors, actor_key(actor))
        if found is not None:
            mapping[f"actor:{actor.id}"] = f"actor:{found.id}"
    old_text, new_text = old.document.text, new.document.text
    for event in old.events:
        match = find_event(new.events, new_text, event_key(event, old_text))
        if match is not None:
            mapping[f"event:{event.id}"] = f"event:{match.id}"
    return mapping


def target_key(analysis: Analysis, target: str) -> dict[str, Any] | None:
    """What identifies a note's actor or event ("actor:a3", "event:e7") beyond this analysis; None if absent."""
    kind, _, item_id = target.partition(":")
    if kind == "actor":
        actor = analysis.actor_by_id().get(item_id)
        return {"actor": actor_key(actor)} if actor else None
    if kind == "event":
        event = next((e for e in analysis.events if e.id == item_id), None)
        return {"event": event_key(event, analysis.document.text)} if event else None
    return None


def locate_target(analysis: Analysis, key: dict[str, Any]) -> str | None:
    """The note target a `target_key` means in `analysis` (whose ids may differ), or None when it is gone."""
    if isinstance(key.get("actor"), dict):
        actor = find_actor(analysis.actors, key["actor"])
        return f"actor:{actor.id}" if actor else None
    if isinstance(key.get("event"), dict):
        event = find_event(analysis.events, analysis.document.text, key["event"])
        return f"event:{event.id}" if event else None
    return None


def follow_notes(
    analysis: Analysis, notes: list[tuple[str, str, dict[str, Any] | None]]
) -> list[tuple[str, str, dict[str, Any] | None]]:
    """The notes, (id, target, key), whose target or key must change for `analysis` to show them in place.

    A keyed note moves to the actor or event its key finds (refreshing the key, so a renamed actor is
    known by its new name too); one without a key (written by an older Dramatis) gets the key of the
    actor or event it names here. A note whose actor or event is gone is left as it is, never dropped.
    """
    changes: list[tuple[str, str, dict[str, Any] | None]] = []
    for note_id, target, key in notes:
        found = locate_target(analysis, key) if key else target
        if found is None:
            continue
        fresh = target_key(analysis, found)
        if fresh is not None and (found != target or fresh != key):
            changes.append((note_id, found, fresh))
    return changes


def replay(analysis: Analysis, ops: list[CorrectionOp]) -> tuple[Analysis, list[CorrectionOp]]:
    """A copy of `analysis` with `ops` applied in order, and the ops that no longer found their actors."""
    actors, events = _copy(analysis.actors, analysis.events)
    skipped: list[CorrectionOp] = []
    for op in ops:
        result = apply_op(actors, events, analysis.document.text, op)
        if result is None:
            skipped.append(op)
        else:
            actors, events = result
    return replace(analysis, actors=actors, events=events), skipped

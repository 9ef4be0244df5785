"""Actors from named entities: one actor per normalised name."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from models.domain import Actor, ActorType, Mention, MentionKind

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from models.analysis.pipeline import ProvisionalSpan

ENTITY_TYPES: dict[str, ActorType] = {
    "PERSON": ActorType.PERSON,
    "ORG": ActorType.ORG,
    "GPE": ActorType.PLACE,
    "LOC": ActorType.PLACE,
    "FAC": ActorType.PLACE,
    "NORP": ActorType.GROUP,
}
_LEADING_THE = re.compile(r"^(the|The)\s+")
_POSSESSIVE = re.compile(r"['’]s?$")


def _key(name: str) -> str:
    return _POSSESSIVE.sub("", _LEADING_THE.sub("", name)).strip().casefold()


class ActorStage:
    """Collects entity mentions paragraph by paragraph and groups them at the end."""

    def __init__(self) -> None:
        self._mentions: list[tuple[int, int, str, ActorType]] = []

    def collect(self, doc: Doc, offset: int) -> None:
        for ent in doc.ents:
            actor_type = ENTITY_TYPES.get(ent.label_)
            if actor_type is not None:
                self._mentions.append((offset + ent.start_char, offset + ent.end_char, ent.text, actor_type))

    def provisional(self, doc: Doc, offset: int) -> list[ProvisionalSpan]:
        from models.analysis.pipeline import ProvisionalSpan

        return [
            ProvisionalSpan(offset + ent.start_char, offset + ent.end_char, ENTITY_TYPES[ent.label_])
            for ent in doc.ents
            if ent.label_ in ENTITY_TYPES
        ]

    def finish(self, text: str) -> list[Actor]:
        groups: dict[str, Actor] = {}
        for start, end, surface, actor_type in sorted(self._mentions):
            key = _key(surface)
            actor = groups.get(key)
            if actor is None:
                actor = groups[key] = Actor(id=f"a{len(groups) + 1}", name=surface, type=actor_type)
            actor.mentions.append(Mention(start, end, text[start:end], MentionKind.NAME))
            if surface not in actor.aliases:
                actor.aliases.append(surface)
        return list(groups.values())

"""The analysis JSON contract: validation of `dramatis.analysis/1` documents.

Validation checks the JSON Schema and what a schema cannot say: offsets inside the text,
mention text equal to the text slice, and references to existing actors.
"""

from __future__ import annotations

import json
from functools import cache
from typing import TYPE_CHECKING, Any

from resources import ANALYSIS_SCHEMA

if TYPE_CHECKING:
    import jsonschema


@cache
def _validator() -> jsonschema.Draft202012Validator:
    import jsonschema  # imported when first needed: it adds 0.1 s to the window's start-up

    schema = json.loads(ANALYSIS_SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def validation_errors(data: dict[str, Any]) -> list[str]:
    """Every way `data` breaks the contract, as readable sentences (empty when valid)."""
    errors = [f"{'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}" for e in _validator().iter_errors(data)]
    if errors:
        return errors
    text: str = data["document"]["text"]
    actor_ids = {a["id"] for a in data["actors"]}
    if len(actor_ids) != len(data["actors"]):
        errors.append("actors: ids are not unique")

    def check_span(where: str, item: dict[str, Any]) -> None:
        start, end = item["start"], item["end"]
        if not 0 <= start <= end <= len(text):
            errors.append(f"{where}: span {start}-{end} outside the text")
        elif text[start:end] != item["text"]:
            errors.append(f"{where}: text {item['text']!r} differs from the text at {start}-{end}")

    for actor in data["actors"]:
        for i, mention in enumerate(actor["mentions"]):
            check_span(f"actor {actor['id']} mention {i}", mention)
    for event in data["events"]:
        check_span(f"event {event['id']}", event)
        refs = list(event["participants"]) + [event[k] for k in ("source", "target", "place") if event[k]]
        errors.extend(f"event {event['id']}: unknown actor {ref}" for ref in refs if ref not in actor_ids)
    for time in data["times"]:
        check_span(f"time {time['id']}", time)
    return errors

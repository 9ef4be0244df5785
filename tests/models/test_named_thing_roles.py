"""A role in apposition to a name the text calls a thing (a series, a shuttle) does not stop the analysis."""

from __future__ import annotations

from models.analysis.pipeline import Analyzer
from models.domain import Document


def test_a_role_beside_a_named_thing_is_dropped_with_it(analyzer: Analyzer) -> None:
    text = (
        "Space Shuttle Columbia broke apart. Columbia, the president said, was old. "
        "The shuttle Columbia, a spokesman for NASA, flew."
    )
    analysis = analyzer.analyze(Document(text))
    names = {actor.name for actor in analysis.actors}
    assert "NASA" in names
    assert not any("Columbia" in name for name in names)

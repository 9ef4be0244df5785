"""Named rules for actor types, declared aliases and pronouns, each on sentences written for it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from models.domain import Actor, Analysis, Document, MentionKind

if TYPE_CHECKING:
    from models.analysis.pipeline import Analyzer


def _analyse(analyzer: Analyzer, text: str) -> Analysis:
    return analyzer.analyze(Document(text=text, date="2023-12-30"))


def _by_surface(analysis: Analysis, surface: str) -> Actor:
    found = [a for a in analysis.actors if any(m.text == surface and m.kind is MentionKind.NAME for m in a.mentions)]
    assert len(found) == 1, f"{surface!r} is named by {[a.name for a in found]}"
    return found[0]


def _pronoun_owners(analysis: Analysis) -> dict[int, str]:
    """Pronoun start offset -> name of the actor it was attached to."""
    return {m.start: a.name for a in analysis.actors for m in a.mentions if m.kind is MentionKind.PRONOUN}


# -- pronouns -------------------------------------------------------------------------------------------


def test_subject_chain_a_possessive_means_the_subject_not_the_nearer_object(analyzer: Analyzer) -> None:
    text = "Peter Hall hired David Stone in 2010. Three years later Peter Hall fired David Stone from his team."
    owners = _pronoun_owners(_analyse(analyzer, text))
    assert owners.get(text.index("his")) == _by_surface(_analyse(analyzer, text), "Peter Hall").name


def test_a_name_in_apposition_to_a_subject_is_not_the_subject(analyzer: Analyzer) -> None:
    text = "Tom Goode was born in Exeter. His father, Anthony Reed, was a geologist and his mother was a nurse."
    analysis = _analyse(analyzer, text)
    owners = _pronoun_owners(analysis)
    goode = _by_surface(analysis, "Tom Goode").name
    assert owners.get(text.index("His")) == goode
    assert owners.get(text.index("his mother")) == goode


def test_no_confident_antecedent_leaves_the_pronoun_unattached(analyzer: Analyzer) -> None:
    text = "The committee thanked Paul Weber and Anna Roth on Monday. The chair praised his work."
    assert text.index("his") not in _pronoun_owners(_analyse(analyzer, text))

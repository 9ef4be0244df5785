"""Organizations the model reads as persons: each override is a named rule, checked on sentences written for it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from models.analysis.gazetteer import known_organization
from models.domain import Actor, ActorType, Analysis, Document, MentionKind

if TYPE_CHECKING:
    from models.analysis.pipeline import Analyzer


def _analyse(analyzer: Analyzer, text: str) -> Analysis:
    return analyzer.analyze(Document(text=text, date="2023-12-30"))


def _owner(analysis: Analysis, surface: str) -> Actor:
    found = [a for a in analysis.actors if any(m.text == surface and m.kind is MentionKind.NAME for m in a.mentions)]
    assert len(found) == 1, f"{surface!r} is in {[a.name for a in found]}"
    return found[0]


# -- rule "well-known organization" -----------------------------------------------------------------


def test_the_lexicon_knows_organizations_by_their_whole_name_only() -> None:
    assert known_organization("Twitter") is ActorType.ORG
    assert known_organization("the U.N.") is ActorType.ORG
    assert known_organization("Twitter Blue") is None
    assert known_organization("Ford") is None  # a surname as often as a company: left to the model


def test_a_well_known_organization_in_a_text_without_clues_is_an_organization(analyzer: Analyzer) -> None:
    # The model labels every "Twitter" here a person; nothing in the text says otherwise.
    text = "The video spread quickly on Twitter. By Friday Twitter had removed it, and Twitter reported no more posts."
    assert _owner(_analyse(analyzer, text), "Twitter").type is ActorType.ORG


def test_a_well_known_organization_the_model_missed_is_found_and_typed(analyzer: Analyzer) -> None:
    # The model tags neither "Twitter"; each is a capitalised word of its own.
    text = "Twitter reported a sharp fall in advertising revenue. Twitter removed the post after complaints."
    twitter = _owner(_analyse(analyzer, text), "Twitter")
    assert twitter.type is ActorType.ORG
    assert len(twitter.mentions) == 2


def test_a_well_known_name_joined_to_a_longer_name_is_not_taken_alone(analyzer: Analyzer) -> None:
    analysis = _analyse(analyzer, "Readers of the ITAR-Tass wire saw it first.")  # the model tags no name here
    assert not any(m.text == "Tass" for a in analysis.actors for m in a.mentions)


def test_a_well_known_organization_read_as_a_place_is_an_organization(analyzer: Analyzer) -> None:
    text = "He starred in the Netflix drama series about the royal family."
    assert _owner(_analyse(analyzer, text), "Netflix").type is ActorType.ORG


def test_a_full_personal_name_keeps_a_well_known_name_a_person(analyzer: Analyzer) -> None:
    text = "William Boeing built his first seaplane in 1916. Boeing said he wanted to fly across the lake."
    boeing = _owner(_analyse(analyzer, text), "Boeing")
    assert boeing.name == "William Boeing"
    assert boeing.type is ActorType.PERSON


# -- rule "organization context" --------------------------------------------------------------------


def test_a_class_noun_before_a_name_makes_it_an_organization(analyzer: Analyzer) -> None:
    text = "The carmaker Marlowe recalled forty thousand vans. Marlowe blamed a supplier."
    assert _owner(_analyse(analyzer, text), "Marlowe").type is ActorType.ORG


def test_a_name_that_was_founded_is_an_organization(analyzer: Analyzer) -> None:
    text = "Kestrel was founded in 1990 by two engineers. Kestrel sells pumps in Ohio."
    assert _owner(_analyse(analyzer, text), "Kestrel").type is ActorType.ORG


def test_a_person_named_in_full_who_lays_off_workers_stays_a_person(analyzer: Analyzer) -> None:
    text = "Marta Hollis laid off two hundred workers in March. Hollis said she had no choice."
    assert _owner(_analyse(analyzer, text), "Marta Hollis").type is ActorType.PERSON


# -- rule "possessive apposition" -------------------------------------------------------------------


def test_a_possessive_apposition_gives_the_role_of_the_person_before(analyzer: Analyzer) -> None:
    text = (
        "Jake Sullivan, the national security adviser, met officials in Riyadh. "
        "Jon Finer, his deputy, stayed in Washington."
    )
    analysis = _analyse(analyzer, text)
    finer, sullivan = _owner(analysis, "Jon Finer"), _owner(analysis, "Jake Sullivan")
    assert finer.roles == ["Jake Sullivan's deputy"]
    assert any(m.text == "deputy" and m.kind is MentionKind.NOMINAL for m in finer.mentions)
    his = text.index("his deputy")
    assert any(m.start == his and m.kind is MentionKind.PRONOUN for m in sullivan.mentions)
    assert not any(m.kind is MentionKind.PRONOUN for m in finer.mentions)


def test_the_possessive_in_an_apposition_never_means_the_person_it_describes(analyzer: Analyzer) -> None:
    text = "Tom Hale, his brother's lawyer, said nothing."
    hale = _owner(_analyse(analyzer, text), "Tom Hale")
    assert not any(m.kind is MentionKind.PRONOUN for m in hale.mentions)


def test_an_office_in_a_possessive_apposition_names_whose_office_it_is(analyzer: Analyzer) -> None:
    text = "Maria Lopez runs the clinic in Quito. Pedro Gil, her spokesman, talks to reporters."
    gil = _owner(_analyse(analyzer, text), "Pedro Gil")
    assert gil.roles == ["Maria Lopez's spokesman"]

"""Named grouping rules: which mentions join one actor, each checked on sentences written for it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from models.domain import Actor, Analysis, Document, MentionKind

if TYPE_CHECKING:
    from models.analysis.pipeline import Analyzer


def _analyse(analyzer: Analyzer, text: str) -> Analysis:
    return analyzer.analyze(Document(text=text, date="2023-12-30"))


def _owner(analysis: Analysis, surface: str, kind: MentionKind = MentionKind.NAME) -> Actor:
    found = [a for a in analysis.actors if any(m.text == surface and m.kind is kind for m in a.mentions)]
    assert len(found) == 1, f"{surface!r} is in {[a.name for a in found]}"
    return found[0]


# -- rule "capitalised office" ----------------------------------------------------------------------


def test_a_capitalised_office_in_apposition_is_a_mention_of_its_holder(analyzer: Analyzer) -> None:
    text = "Tomas Brandt, Chair of the Regional Transport Council, opened the meeting. Brandt said little."
    analysis = _analyse(analyzer, text)
    brandt = _owner(analysis, "Tomas Brandt")
    assert _owner(analysis, "Chair of the Regional Transport Council", MentionKind.NOMINAL) is brandt
    # the council stays an actor of its own, its name inside the office
    council = _owner(analysis, "the Regional Transport Council")
    assert council is not brandt


def test_an_office_written_before_the_name_keeps_its_place(analyzer: Analyzer) -> None:
    text = "The envoy thanked the Governor of Ohio, Paul Rivera, for the visit. Rivera smiled."
    analysis = _analyse(analyzer, text)
    rivera = _owner(analysis, "Paul Rivera")
    assert _owner(analysis, "the Governor of Ohio", MentionKind.NOMINAL) is rivera
    assert _owner(analysis, "Ohio") is not rivera


def test_a_lower_case_role_still_leaves_the_named_body_out(analyzer: Analyzer) -> None:
    text = "Anna Lund, the director of the Nordic Film Institute, spoke first. Lund praised the jury."
    analysis = _analyse(analyzer, text)
    lund = _owner(analysis, "Anna Lund")
    nominals = [m.text for m in lund.mentions if m.kind is MentionKind.NOMINAL]
    assert all("Institute" not in n for n in nominals)


# -- rule "office predicate" ------------------------------------------------------------------------


def test_an_office_said_of_a_named_subject_joins_that_person(analyzer: Analyzer) -> None:
    text = (
        "Marta Keller grew up in Dayton. Keller served as President of the Ohio Chemical Society in 1990. "
        "In 2004 Keller was elected a Fellow of the Royal Society. Later Brandt was named the Chairman of the "
        "Lakeside Water Board."
    )
    analysis = _analyse(analyzer, text)
    keller = _owner(analysis, "Marta Keller")
    assert _owner(analysis, "President of the Ohio Chemical Society", MentionKind.NOMINAL) is keller
    assert _owner(analysis, "a Fellow of the Royal Society", MentionKind.NOMINAL) is keller
    chairman = _owner(analysis, "the Chairman of the Lakeside Water Board", MentionKind.NOMINAL)
    assert chairman is not keller


def test_a_negated_office_is_not_given(analyzer: Analyzer) -> None:
    text = "Marta Keller grew up in Dayton. Keller was never President of the Ohio Chemical Society."
    analysis = _analyse(analyzer, text)
    keller = _owner(analysis, "Marta Keller")
    assert not any("President" in m.text for m in keller.mentions)


def test_an_office_held_by_he_goes_to_the_person_he_means(analyzer: Analyzer) -> None:
    text = "Daniel Varga was born in Szeged. In 1750 he was elected a Fellow of the Royal Society. Varga died in 1782."
    analysis = _analyse(analyzer, text)
    varga = _owner(analysis, "Daniel Varga")
    assert _owner(analysis, "a Fellow of the Royal Society", MentionKind.NOMINAL) is varga
    assert "Fellow of the Royal Society" in varga.roles


# -- rule "surname inside another name" ------------------------------------------------------------


def _group(text: str, names: list[tuple[str, str]], runs: list[str]) -> list[Actor]:
    """Group hand-made facts: `names` as spaCy found them (text, label), in reading order (a repeated text is
    its next occurrence), and `runs` as untagged proper-noun runs."""
    from models.analysis.actor_facts import Collected, RawName
    from models.analysis.actor_groups import group_actors
    from models.analysis.names import title_lexicon

    data = Collected()
    at = 0
    for surface, label in names:
        start = text.index(surface, at)
        at = start + len(surface)
        data.names.append(RawName(start, start + len(surface), surface, label, 0))
    for surface in runs:
        start = text.index(surface)
        spans, pos = [], start
        for word in surface.split():
            spans.append((pos, pos + len(word)))
            pos += len(word) + 1
        data.runs.append((tuple(spans), tuple(surface.split()), 1))
    return group_actors(text, data, title_lexicon())


def test_a_surname_after_another_capitalised_word_is_a_different_name() -> None:
    text = "Petite Terre is quiet. From the fort you see Grande Terre."
    actors = _group(text, [("Petite Terre", "PERSON")], ["Grande Terre"])
    petite = next(a for a in actors if a.name == "Petite Terre")
    assert [m.text for m in petite.mentions] == ["Petite Terre"]
    assert any(a.name == "Grande Terre" and [m.text for m in a.mentions] == ["Grande Terre"] for a in actors)


def test_a_surname_after_a_title_is_still_the_person_named_in_full() -> None:
    text = "Anna Weller spoke first. Later Coach Weller left."
    actors = _group(text, [("Anna Weller", "PERSON")], ["Coach Weller"])
    weller = next(a for a in actors if a.name == "Anna Weller")
    assert [m.text for m in weller.mentions] == ["Anna Weller", "Weller"]


# -- rule "country read as a person" ---------------------------------------------------------------


def test_a_country_labelled_a_person_joins_the_country_named_elsewhere() -> None:
    text = "Austria welcomes the plan. Austria fully supports the statement."
    actors = _group(text, [("Austria", "GPE"), ("Austria", "PERSON")], [])
    assert [(a.name, a.type.value, len(a.mentions)) for a in actors] == [("Austria", "PLACE", 2)]


def test_a_person_with_a_country_name_stays_a_person_when_the_country_is_not_named() -> None:
    text = "Jordan scored twice. Jordan left the court."
    actors = _group(text, [("Jordan", "PERSON"), ("Jordan", "PERSON")], [])
    assert [(a.name, a.type.value, len(a.mentions)) for a in actors] == [("Jordan", "PERSON", 2)]


# -- rule "declared alias" (chained) -----------------------------------------------------------------


def test_every_alias_in_a_chain_of_known_as_joins_the_name(analyzer: Analyzer) -> None:
    text = (
        "Dominica, known as Wai'tukubuli in the Kalinago language, and sometimes known as the Nature Isle, is a "
        "small island in the Caribbean. Dominica has many rivers."
    )
    analysis = _analyse(analyzer, text)
    dominica = _owner(analysis, "Dominica")
    assert _owner(analysis, "the Nature Isle") is dominica
    assert _owner(analysis, "Wai'tukubuli") is dominica
    # the actor keeps its own name, not the longer nickname
    assert dominica.name == "Dominica"


# -- rule "regnal numeral" ------------------------------------------------------------------------------


def test_an_office_after_a_regnal_name_goes_to_its_bearer_and_stops_before_a_list(analyzer: Analyzer) -> None:
    text = (
        "Joshua Morton declared himself emperor in 1859. "
        "Morton I, Emperor of the United States, photograph, c. 1871 – 72"
    )
    analysis = _analyse(analyzer, text)
    morton = _owner(analysis, "Joshua Morton")
    # "I" after the name numbers it; the office ends with the body it names, not with the caption's list
    assert _owner(analysis, "Emperor of the United States", MentionKind.NOMINAL) is morton


# -- rule "says she" -----------------------------------------------------------------------------------


def test_a_name_that_says_she_did_something_is_a_person_and_joins_the_full_name(analyzer: Analyzer) -> None:
    text = "Savannah Berlin joined the group in 1990. Berlin said she left in 2001."
    analysis = _analyse(analyzer, text)
    person = _owner(analysis, "Savannah Berlin")
    assert person.type.value == "PERSON"
    assert [m.text for m in person.mentions if m.kind is MentionKind.NAME] == ["Savannah Berlin", "Berlin"]


def test_an_organization_that_says_it_stays_an_organization(analyzer: Analyzer) -> None:
    text = "Northwind Freight opened a depot in 1990. Northwind Freight said it would close the depot in 2001."
    analysis = _analyse(analyzer, text)
    assert _owner(analysis, "Northwind Freight").type.value != "PERSON"


# -- rule "name split in places" ---------------------------------------------------------------------


def test_a_name_read_as_two_places_is_one_person(analyzer: Analyzer) -> None:
    text = "Valeska Paris joined the crew as a child; Paris said she was sent to a ship at 17."
    analysis = _analyse(analyzer, text)
    person = _owner(analysis, "Valeska Paris")
    assert person.type.value == "PERSON"
    assert [m.text for m in person.mentions if m.kind is MentionKind.NAME] == ["Valeska Paris", "Paris"]


def test_a_city_before_its_state_stays_two_places(analyzer: Analyzer) -> None:
    text = "The band played in Portland Oregon last week."
    analysis = _analyse(analyzer, text)
    assert not any(a.type.value == "PERSON" for a in analysis.actors)


# -- rule "possessive title" ---------------------------------------------------------------------------


def test_a_title_with_a_possessive_opens_an_organization_name(analyzer: Analyzer) -> None:
    text = "Professor Maurice Wilkins studied DNA at King's College London in the 1950s."
    analysis = _analyse(analyzer, text)
    college = _owner(analysis, "King's College London")
    assert college.name == "King's College London"
    assert college.type.value == "ORG"
    assert not college.roles


# -- rule "body word" ------------------------------------------------------------------------------------


def test_a_name_ending_in_a_body_word_is_an_organization_even_when_read_as_a_place(analyzer: Analyzer) -> None:
    text = "Staff in the Sea Org sign contracts for a billion years, and the Sea Org runs the church's ships."
    analysis = _analyse(analyzer, text)
    assert _owner(analysis, "Sea Org").type.value == "ORG"


# -- rule "says it" ------------------------------------------------------------------------------------


def test_a_name_that_says_it_did_something_is_an_organization(analyzer: Analyzer) -> None:
    text = (
        "Twitter said it had removed several fake accounts after the airline's website failed, and Twitter "
        "reported a spike in complaints."
    )
    analysis = _analyse(analyzer, text)
    assert _owner(analysis, "Twitter").type.value == "ORG"


def test_a_person_saying_it_did_something_to_them_stays_a_person(analyzer: Analyzer) -> None:
    text = "Mara Quist moved to Leeds. Quist said it had changed her life, and Quist said it was late."
    analysis = _analyse(analyzer, text)
    assert _owner(analysis, "Mara Quist").type.value == "PERSON"


# -- rule "second office" ------------------------------------------------------------------------------


def test_a_second_office_joined_by_and_is_the_same_persons(analyzer: Analyzer) -> None:
    for text, second in (
        (
            "Professor Anna Vale, Director of the National Salt Study, and Chairman of the Australian Centre for "
            "Salt Research, says the levels are too low.",
            "Chairman of the Australian Centre for Salt Research",
        ),
        (
            "Professor Tom Reid, Director of the National Salt Nutrition study, and Chairman of the Northern "
            "Centre for Control of Salt Disorders, says it is vital.",
            "Chairman of the Northern Centre for Control of Salt Disorders",
        ),
    ):
        analysis = _analyse(analyzer, text)
        person = next(a for a in analysis.actors if a.type.value == "PERSON")
        assert second in [m.text for m in person.mentions if m.kind is MentionKind.NOMINAL]


def test_a_second_person_joined_by_and_is_not_an_office(analyzer: Analyzer) -> None:
    text = "Anna Vale, Director of the National Salt Study, and Tom Reid opened the meeting."
    analysis = _analyse(analyzer, text)
    assert _owner(analysis, "Tom Reid") is not _owner(analysis, "Anna Vale")

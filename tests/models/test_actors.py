"""Actor rules, one short text each: repairs of spaCy's entities, grouping, roles and types."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

from models.domain import Actor, ActorType, Analysis, Document, MentionKind
from tests.conftest import EVAL_DIR

if TYPE_CHECKING:
    from models.analysis.pipeline import Analyzer


def _analyse(analyzer: Analyzer, text: str) -> Analysis:
    return analyzer.analyze(Document(text=text, date="2023-12-30"))


def _actor(analysis: Analysis, name: str) -> Actor:
    found = [a for a in analysis.actors if a.name == name]
    assert found, f"no actor named {name!r} in {[a.name for a in analysis.actors]}"
    return found[0]


def _surfaces(actor: Actor) -> list[str]:
    return [m.text for m in actor.mentions]


def _owner(analysis: Analysis, surface: str) -> str:
    """The name of the actor that has a mention written exactly `surface`."""
    owners = [a.name for a in analysis.actors if any(m.text == surface for m in a.mentions)]
    assert len(owners) == 1, f"{surface!r} belongs to {owners}"
    return owners[0]


def test_titles_honorifics_and_surnames_group_into_one_person(analyzer: Analyzer) -> None:
    text = (
        "President Joe Biden spoke to reporters on Monday. Mr. Biden said the talks would go on. "
        "Later, Biden flew to Delaware."
    )
    analysis = _analyse(analyzer, text)
    biden = _actor(analysis, "Joe Biden")
    assert biden.type is ActorType.PERSON
    assert len(biden.mentions) == 3
    assert "President" in biden.roles
    assert {"Joe Biden", "Biden"} <= set(biden.aliases) | {biden.name}


def test_person_typed_as_organization_is_a_person(analyzer: Analyzer) -> None:
    text = "Avril D. Haines, the director of national intelligence, briefed senators. Ms. Haines declined to comment."
    analysis = _analyse(analyzer, text)
    haines = _actor(analysis, "Avril D. Haines")
    assert haines.type is ActorType.PERSON
    assert _owner(analysis, "Ms. Haines") == "Avril D. Haines"


def test_title_words_are_not_actors(analyzer: Analyzer) -> None:
    text = (
        "Secretary of State Antony J. Blinken met Defense Secretary Lloyd J. Austin III at the Pentagon. "
        "Mr. Blinken left at noon."
    )
    analysis = _analyse(analyzer, text)
    names = {a.name for a in analysis.actors}
    assert "State" not in names
    assert "Defense" not in names
    blinken = _actor(analysis, "Antony J. Blinken")
    assert "Secretary of State" in blinken.roles
    assert _owner(analysis, "Mr. Blinken") == "Antony J. Blinken"


def test_role_reference_resolves_to_the_role_holder(analyzer: Analyzer) -> None:
    text = (
        "President Joe Biden arrived in Tel Aviv on Wednesday. Hours later, the president met the families of hostages."
    )
    analysis = _analyse(analyzer, text)
    biden = _actor(analysis, "Joe Biden")
    nominal = [m for m in biden.mentions if m.kind is MentionKind.NOMINAL]
    assert [m.text.lower() for m in nominal] == ["the president"]


def test_acronym_in_brackets_joins_its_expansion(analyzer: Analyzer) -> None:
    text = (
        "The World Health Organization (WHO) warned of an outbreak. The WHO said vaccines would arrive within a week."
    )
    analysis = _analyse(analyzer, text)
    who = _actor(analysis, "World Health Organization")
    assert who.type is ActorType.ORG
    assert _surfaces(who).count("WHO") == 2


def test_country_short_forms_are_one_place(analyzer: Analyzer) -> None:
    text = (
        "The United States sent aid to Ukraine. U.S. officials said America would keep helping, "
        "and the US embassy confirmed it."
    )
    analysis = _analyse(analyzer, text)
    owners = {_owner(analysis, surface) for surface in ("The United States", "U.S.", "America")}
    assert len(owners) == 1
    assert _actor(analysis, owners.pop()).type is ActorType.PLACE


def test_plural_demonyms_are_groups_but_adjectives_are_not_actors(analyzer: Analyzer) -> None:
    text = "Israelis gathered in the square. An Israeli official said the Israelis were tired of waiting."
    analysis = _analyse(analyzer, text)
    group = _actor(analysis, "Israelis")
    assert group.type is ActorType.GROUP
    assert len(group.mentions) == 2
    assert "Israeli" not in {a.name for a in analysis.actors}


def test_long_arabic_name_and_its_short_form(analyzer: Analyzer) -> None:
    text = (
        "Sheikh Mohammed bin Abdulrahman bin Jassim Al Thani, the Qatari prime minister, met the envoys. "
        "Sheikh Mohammed said a deal was close."
    )
    analysis = _analyse(analyzer, text)
    sheikh = _actor(analysis, "Mohammed bin Abdulrahman bin Jassim Al Thani")
    assert sheikh.type is ActorType.PERSON
    assert [m.text for m in sheikh.mentions if m.kind is MentionKind.NAME] == [
        "Sheikh Mohammed bin Abdulrahman bin Jassim Al Thani",
        "Sheikh Mohammed",
    ]
    assert any("prime minister" in role for role in sheikh.roles)


def test_surname_spacy_tagged_as_a_verb_is_still_found(analyzer: Analyzer) -> None:
    text = (
        "The former official Mark Rathbun wrote on his blog about the case. "
        "Rathbun requested donations to help with the legal costs."
    )
    analysis = _analyse(analyzer, text)
    rathbun = _actor(analysis, "Mark Rathbun")
    assert [m.text for m in rathbun.mentions if m.kind is MentionKind.NAME] == ["Mark Rathbun", "Rathbun"]


def test_place_named_inside_an_organization_is_mentioned_too(analyzer: Analyzer) -> None:
    text = "She teaches at the University of Texas. Her study appeared in the Medical Journal of Australia."
    analysis = _analyse(analyzer, text)
    assert _actor(analysis, "Texas").type is ActorType.PLACE
    assert _actor(analysis, "Australia").type is ActorType.PLACE
    assert _actor(analysis, "University of Texas").type is ActorType.ORG


def test_compass_words_inside_place_names_are_not_places(analyzer: Analyzer) -> None:
    text = "Tension rose across the Middle East. Ships gathered in the Persian Gulf off New Jersey."
    analysis = _analyse(analyzer, text)
    names = {a.name for a in analysis.actors}
    assert not names & {"East", "Gulf", "Jersey"}


def _pronouns(actor: Actor) -> list[str]:
    return [m.text for m in actor.mentions if m.kind is MentionKind.PRONOUN]


def test_pronouns_go_to_the_salient_person_but_not_to_their_own_clause_subject(analyzer: Analyzer) -> None:
    text = (
        "President Joe Biden arrived in Tel Aviv on Wednesday. He met Prime Minister Benjamin Netanyahu. "
        "Mr. Netanyahu thanked him for his support."
    )
    analysis = _analyse(analyzer, text)
    assert _pronouns(_actor(analysis, "Joe Biden")) == ["He", "him", "his"]
    assert _pronouns(_actor(analysis, "Benjamin Netanyahu")) == []
    meeting = next(e for e in analysis.events if e.text == "met")
    assert meeting.source == _actor(analysis, "Joe Biden").id


def test_a_pronoun_in_an_adjective_modifying_a_noun_may_mean_the_clause_subject(analyzer: Analyzer) -> None:
    text = (
        "Daniel Roth, a former envoy, noted that Mr. Grant has not used the two strongest levers available to him. "
        "Mr. Grant thanked him later."
    )
    analysis = _analyse(analyzer, text)
    grant = _actor(analysis, "Grant")
    assert [m.start for m in grant.mentions if m.kind is MentionKind.PRONOUN] == [text.index("him")]
    assert _pronouns(_actor(analysis, "Daniel Roth")) == []


def test_a_quote_after_an_according_to_goes_to_that_speaker(analyzer: Analyzer) -> None:
    text = (
        "The truce will not last the winter, according to Martin Holloway, a retired diplomat. "
        "\u201cEveryone is waiting for the rains,\u201d he said."
    )
    analysis = _analyse(analyzer, text)
    assert _pronouns(_actor(analysis, "Martin Holloway")) == ["he"]


def test_pronoun_gender_follows_honorifics(analyzer: Analyzer) -> None:
    text = "Mr. Biden met Kamala Harris on Monday. She said the talks had gone well."
    analysis = _analyse(analyzer, text)
    assert _pronouns(_actor(analysis, "Kamala Harris")) == ["She"]
    assert _pronouns(_actor(analysis, "Biden")) == []


def test_pronouns_in_quotes_or_without_a_person_in_reach_stay_unattached(analyzer: Analyzer) -> None:
    text = (
        "Kathryn Waters spoke at the opening. “He changed how we see soup cans,” Ms. Waters said. "
        "The committee met for an hour. The vote was close. Nobody expected a result. He left early."
    )
    analysis = _analyse(analyzer, text)
    attached = [m.text for a in analysis.actors for m in a.mentions if m.kind is MentionKind.PRONOUN]
    assert attached == []


def test_place_names_are_not_split_and_the_north_is_the_named_place(analyzer: Analyzer) -> None:
    text = (
        "North Korea fired shells across the border. South Korea answered with artillery. "
        "Officials said the North had put its troops on alert, and the South evacuated villages."
    )
    analysis = _analyse(analyzer, text)
    names = {a.name for a in analysis.actors}
    assert not names & {"North", "South", "Korea"}
    north = _actor(analysis, "North Korea")
    assert [m.text for m in north.mentions] == ["North Korea", "North"]
    assert [m.text for m in _actor(analysis, "South Korea").mentions] == ["South Korea", "South"]


def test_possessive_role_mention_starts_at_the_role_and_west_bank_is_a_place(analyzer: Analyzer) -> None:
    text = (
        "Sheikh Mohammed bin Abdulrahman Al Thani, the Qatari prime minister, flew to Warsaw. "
        "The director met Qatar’s prime minister there. The Palestinian Authority is based in the West Bank."
    )
    analysis = _analyse(analyzer, text)
    sheikh = _actor(analysis, "Mohammed bin Abdulrahman Al Thani")
    assert "prime minister" in [m.text for m in sheikh.mentions if m.kind is MentionKind.NOMINAL]
    assert not any(m.text.startswith("’s") for a in analysis.actors for m in a.mentions)
    assert _actor(analysis, "West Bank").type is ActorType.PLACE


def test_same_text_gives_the_same_actors_and_ids(analyzer: Analyzer) -> None:
    text = "Prime Minister Benjamin Netanyahu called President Biden. Mr. Netanyahu thanked him."
    first = _analyse(analyzer, text)
    second = _analyse(analyzer, text)
    assert [(a.id, a.name, len(a.mentions)) for a in first.actors] == [
        (a.id, a.name, len(a.mentions)) for a in second.actors
    ]


def test_mentions_slice_to_their_text(analyzer: Analyzer) -> None:
    text = "Dr. Anthony Fauci — the adviser — spoke. “Fauci’s view” was quoted by the C.I.A. director."
    analysis = _analyse(analyzer, text)
    for actor in analysis.actors:
        for mention in actor.mentions:
            assert text[mention.start : mention.end] == mention.text


@pytest.mark.skipif(not EVAL_DIR.is_dir(), reason="the GUM evaluation set is not beside the repository")
def test_gum_document_metric_floor(analyzer: Analyzer) -> None:
    """One annotated Wikinews article (CC BY 2.5): named mentions found and grouped well above raw NER."""
    gold = json.loads((EVAL_DIR / "GUM_news_defector.json").read_text(encoding="utf-8"))
    analysis = analyzer.analyze(Document(text=gold["text"], date=gold["dct"]))
    predicted = [(m.start, m.end, a.id) for a in analysis.actors for m in a.mentions]
    named = [g for g in gold["actors"] if g["text"][:1].isupper()]
    hits: dict[int, str] = {}
    for start, end, actor_id in predicted:
        for i, g in enumerate(named):
            if start < g["end"] and g["start"] < end:
                hits.setdefault(i, actor_id)
    recall = len(hits) / len(named)
    precise = sum(any(s < g["end"] and g["start"] < e for g in gold["actors"]) for s, e, _ in predicted)
    precision = precise / len(predicted)
    same_gold = same_both = 0
    keys = sorted(hits)
    for x, i in enumerate(keys):
        for j in keys[x + 1 :]:
            if named[i]["cluster"] is not None and named[i]["cluster"] == named[j]["cluster"]:
                same_gold += 1
                same_both += hits[i] == hits[j]
    assert recall >= 0.85
    assert precision >= 0.85
    assert same_both / same_gold >= 0.85

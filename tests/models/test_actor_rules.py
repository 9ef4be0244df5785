"""Named rules for actor types, declared aliases and pronouns, each on sentences written for it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from models.domain import Actor, ActorType, Analysis, Document, MentionKind

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


def test_intervening_person_leaves_a_possessive_open(analyzer: Analyzer) -> None:
    text = (
        "Sara Lind said the support for Tom Baker had helped his case. "
        "Mark Hill asked for donations to help Paul Kerr with his legal costs."
    )
    owners = _pronoun_owners(_analyse(analyzer, text))
    assert text.index("his case") not in owners
    assert text.index("his legal") not in owners


def test_intervening_possessor_or_apposition_does_not_block_the_subject(analyzer: Analyzer) -> None:
    text = (
        "Walt Whitman wrote about the war. He went looking for his brother, George Whitman, after a letter "
        "reached him. Maria Duarte starred in Karl Brandt's film, her biggest success."
    )
    analysis = _analyse(analyzer, text)
    owners = _pronoun_owners(analysis)
    assert owners.get(text.index("him.")) == _by_surface(analysis, "Walt Whitman").name
    assert owners.get(text.index("her biggest")) == _by_surface(analysis, "Maria Duarte").name


# -- types ----------------------------------------------------------------------------------------------


def test_title_word_starting_an_organization_name_does_not_make_a_person(analyzer: Analyzer) -> None:
    text = "General Motors said it would cut jobs. General Electric also reported a loss."
    analysis = _analyse(analyzer, text)
    assert _by_surface(analysis, "General Motors").type is ActorType.ORG
    assert _by_surface(analysis, "General Electric").type is ActorType.ORG
    assert not _by_surface(analysis, "General Motors").roles


def test_title_before_a_person_name_still_makes_a_person(analyzer: Analyzer) -> None:
    analysis = _analyse(analyzer, "President Biden met Prime Minister Rishi Sunak in London.")
    assert _by_surface(analysis, "Prime Minister Rishi Sunak").type is ActorType.PERSON


def test_locative_object_a_name_things_happen_in_is_a_place(analyzer: Analyzer) -> None:
    text = (
        "We took the morning bus to Hadibo. Most travellers stay in Hadibo for a week, "
        "and the market in Hadibo opens at dawn."
    )
    assert _by_surface(_analyse(analyzer, text), "Hadibo").type is ActorType.PLACE


def test_surname_of_a_full_person_name_is_that_person(analyzer: Analyzer) -> None:
    text = (
        "Joshua Abraham Norton arrived in the city in 1849. Norton lost his fortune in rice. "
        "Norton issued his first decree in 1859, and Norton ordered the dissolution of Congress."
    )
    norton = _by_surface(_analyse(analyzer, text), "Norton")
    assert norton.type is ActorType.PERSON
    assert norton.name == "Joshua Abraham Norton"


def test_a_name_that_takes_he_is_a_person(analyzer: Analyzer) -> None:
    text = (
        "Brock Holt started the season with the Pawtucket Red Sox. He was called up in July. "
        "He hit his first home run in May."
    )
    analysis = _analyse(analyzer, text)
    holt = _by_surface(analysis, "Brock Holt")
    assert holt.type is ActorType.PERSON
    assert [m.text for m in holt.mentions if m.kind is MentionKind.PRONOUN] == ["He", "He", "his"]
    assert _by_surface(analysis, "the Pawtucket Red Sox").type is ActorType.ORG


def test_an_organization_that_acts_on_a_person_does_not_take_her_pronoun(analyzer: Analyzer) -> None:
    text = (
        "The Church of Unity held Mara Quell on a ship for two years. She escaped in 2009. "
        "She later sued the Church of Unity."
    )
    analysis = _analyse(analyzer, text)
    assert _by_surface(analysis, "The Church of Unity").type is ActorType.ORG


def test_a_name_inside_a_quotation_is_not_the_speaker(analyzer: Analyzer) -> None:
    text = "The debate ended late. “Dana Whitfield will lose this race,” he said."
    assert text.index("he said") not in _pronoun_owners(_analyse(analyzer, text))


def test_side_of_a_score_is_the_team_not_the_place(analyzer: Analyzer) -> None:
    text = (
        "Norway defeated Chile 2 – 1 on Saturday in Oslo. Group B — Norway 2 – 1 Chile. "
        "Chile had more of the ball, but Norway scored twice. Tourists in Oslo watched the match. "
        "The second half ended with the Norwegians winning three points."
    )
    analysis = _analyse(analyzer, text)
    assert _by_surface(analysis, "Norway").type is ActorType.ORG
    assert _by_surface(analysis, "Norwegians").id == _by_surface(analysis, "Norway").id
    assert _by_surface(analysis, "Chile").type is ActorType.ORG
    assert _by_surface(analysis, "Oslo").type is ActorType.PLACE


def test_a_country_without_a_score_stays_a_place(analyzer: Analyzer) -> None:
    text = "Norway defeated the proposal in 2019. Trade with Chile grew by 2 - 3 percent."
    analysis = _analyse(analyzer, text)
    assert _by_surface(analysis, "Norway").type is ActorType.PLACE
    assert _by_surface(analysis, "Chile").type is ActorType.PLACE


def test_place_head_word_makes_a_building_or_landform_a_place(analyzer: Analyzer) -> None:
    text = (
        "We stayed at the Marlow Hotel, two streets from Kesby Harbour. Guests of the Marlow Hotel can walk to "
        "Fort Brandon in ten minutes. Fort Brandon has a market on Sundays, and Fort Brandon is quiet at night. "
        "Peter Hall, the owner, said bookings were up."
    )
    analysis = _analyse(analyzer, text)
    assert _by_surface(analysis, "the Marlow Hotel").type is ActorType.PLACE
    assert _by_surface(analysis, "Kesby Harbour").type is ActorType.PLACE
    assert _by_surface(analysis, "Fort Brandon").type is ActorType.PLACE
    assert _by_surface(analysis, "Peter Hall").type is ActorType.PERSON


def test_a_title_inside_a_building_name_does_not_make_a_person(analyzer: Analyzer) -> None:
    text = "Tourists visit Sheikh Karim Mosque in the old city. Sheikh Karim Mosque was built in 1602."
    assert _by_surface(_analyse(analyzer, text), "Sheikh Karim Mosque").type is ActorType.PLACE


def test_caption_label_is_not_part_of_a_name(analyzer: Analyzer) -> None:
    text = (
        "Mayor Lisa Tran greets student Omar Haddad Image: Lena Ortiz.\n\n"
        "Cosplayer Dana Fox as Red Sonja Image: Lena Ortiz.\n\nOmar Haddad said he was proud."
    )
    analysis = _analyse(analyzer, text)
    surfaces = {m.text for a in analysis.actors for m in a.mentions}
    assert not any("Image" in s for s in surfaces)
    assert not any("Image" in a.name for a in analysis.actors)
    assert _by_surface(analysis, "Omar Haddad").name == "Omar Haddad"


def test_a_bare_surname_means_the_principal_bearer_not_a_parent_named_once(analyzer: Analyzer) -> None:
    text = (
        "Clara Dumont is a French actress. Clara Dumont starred in twenty films. "
        "Dumont was born in Lyon, the daughter of Henri Dumont, a baker. Dumont studied drama in Paris. "
        "In 1990 Dumont won her first award."
    )
    analysis = _analyse(analyzer, text)
    clara = _by_surface(analysis, "Clara Dumont")
    bare = [m.start for m in clara.mentions if m.text == "Dumont"]
    assert len(bare) == 3
    assert _by_surface(analysis, "Henri Dumont").id != clara.id


def test_a_full_name_read_as_an_organization_joins_its_surname_that_takes_he(analyzer: Analyzer) -> None:
    text = (
        "Dax Holt is an American baseball player for the Boston Red Sox. Holt was drafted in 2009. "
        "He played in Triple-A. Holt hit a home run in May, and Holt was named an All-Star."
    )
    analysis = _analyse(analyzer, text)
    holt = _by_surface(analysis, "Dax Holt")
    assert holt.type is ActorType.PERSON
    assert [m.text for m in holt.mentions if m.kind is MentionKind.NAME].count("Holt") >= 2
    assert _by_surface(analysis, "the Boston Red Sox").id != holt.id


def test_title_of_a_place_is_not_a_person_named_after_the_place(analyzer: Analyzer) -> None:
    text = "Athens is old. The legend says that the King of Athens, Theseus unified the ten tribes. Athens grew."
    analysis = _analyse(analyzer, text)
    assert not [a for a in analysis.actors if a.name.startswith("of ")]
    athens = _by_surface(analysis, "Athens")
    assert athens.type is ActorType.PLACE
    assert len(athens.mentions) == 3


# -- places and declared aliases -------------------------------------------------------------------------


def test_coordinated_compass_places_are_two_places(analyzer: Analyzer) -> None:
    text = "North and South Korea held talks on Monday. South Korea sent a delegation, and North Korea answered."
    analysis = _analyse(analyzer, text)
    north = _by_surface(analysis, "North Korea")
    south = _by_surface(analysis, "South Korea")
    assert north.id != south.id
    assert [m.text for m in north.mentions] == ["North", "North Korea"]
    assert not [a for a in analysis.actors if a.name == "North and South Korea"]


def test_nickname_the_text_declares_joins_its_person(analyzer: Analyzer) -> None:
    text = (
        "The president spoke with Benjamin Netanyahu on Sunday, referring to Mr. Netanyahu by his nickname, "
        "Bibi. Later that day Bibi thanked the envoys."
    )
    analysis = _analyse(analyzer, text)
    assert _by_surface(analysis, "Bibi").name == "Benjamin Netanyahu"


def test_nickname_quoted_before_it_is_explained_joins_its_person(analyzer: Analyzer) -> None:
    text = (
        "Benjamin Netanyahu met the envoy on Monday.\n\n"
        '"We expect that Bibi will agree," the envoy said, referring to Mr. Netanyahu by his nickname. '
        '"Bibi always does."'
    )
    analysis = _analyse(analyzer, text)
    assert _by_surface(analysis, "Bibi").name == "Benjamin Netanyahu"
    assert len([a for a in analysis.actors if a.type == ActorType.PERSON]) == 1


def test_a_quoted_name_is_not_a_nickname_when_another_follows_the_word(analyzer: Analyzer) -> None:
    text = (
        '"Maria Lopez will sign," the aide said of Carlos Ruiz, calling Mr. Ruiz by his nickname, Charly. '
        "Charly signed the next day."
    )
    analysis = _analyse(analyzer, text)
    assert _by_surface(analysis, "Charly").name == "Carlos Ruiz"
    assert _by_surface(analysis, "Maria Lopez").name == "Maria Lopez"


def test_known_as_joins_the_alias_to_its_actor(analyzer: Analyzer) -> None:
    text = "Robert Alton Harris, known as Bob the Builder, opened the shop in 1990. Bob the Builder sold it in 2001."
    analysis = _analyse(analyzer, text)
    assert _by_surface(analysis, "Bob the Builder").name == "Robert Alton Harris"


def test_an_alias_the_model_already_found_as_a_name_joins_its_actor(analyzer: Analyzer) -> None:
    text = "Earvin Johnson, known as Magic Johnson, joined the Los Angeles Lakers in 1979. Magic Johnson retired later."
    analysis = _analyse(analyzer, text)
    assert _by_surface(analysis, "Magic Johnson").id == _by_surface(analysis, "Earvin Johnson").id


def test_abbreviated_place_name_joins_the_spelled_out_one(analyzer: Analyzer) -> None:
    text = "Officials in East Los Angeles met on Monday. Residents of East L.A. were not consulted."
    analysis = _analyse(analyzer, text)
    assert _by_surface(analysis, "East L.A.").id == _by_surface(analysis, "East Los Angeles").id


def test_a_tie_between_organization_and_place_without_a_location_is_an_organization(analyzer: Analyzer) -> None:
    text = (
        "Former members spoke about Scientology on Monday. Officials of Scientology denied the claims. "
        "He grew up within Scientology, and a Scientology publication called him a traitor."
    )
    assert _by_surface(_analyse(analyzer, text), "Scientology").type is ActorType.ORG


def test_an_author_cited_with_a_year_is_a_person(analyzer: Analyzer) -> None:
    text = "As Thorell (2015) argued, the design matters. Later work confirmed it (Thorell, 2018)."
    assert _by_surface(_analyse(analyzer, text), "Thorell").type is ActorType.PERSON


def test_a_work_cited_with_a_year_is_not_a_person(analyzer: Analyzer) -> None:
    text = "Jespersen wrote many books. The Philosophy of Grammar (1924) is considered by many to be his best."
    assert _by_surface(_analyse(analyzer, text), "The Philosophy of Grammar").type is not ActorType.PERSON


def test_settlement_of_a_name_after_town_of_is_a_place(analyzer: Analyzer) -> None:
    text = "Soldiers evacuated about 80 people in the town of Yeoncheon on Friday. The province of Aceh was calm."
    analysis = _analyse(analyzer, text)
    assert _by_surface(analysis, "Yeoncheon").type is ActorType.PLACE
    assert _by_surface(analysis, "Aceh").type is ActorType.PLACE


# -- things that are not actors ---------------------------------------------------------------------------


def _named(analysis: Analysis, word: str) -> list[Actor]:
    return [a for a in analysis.actors if any(word in m.text for m in a.mentions)]


def test_a_work_named_after_its_class_noun_is_not_an_actor(analyzer: Analyzer) -> None:
    text = (
        "Jared Kessler played a hunter in the TV series Supernatural. Supernatural ran for fifteen seasons, "
        "and Kessler later wrote his novel Angel Catbird."
    )
    analysis = _analyse(analyzer, text)
    assert not _named(analysis, "Supernatural")
    assert not _named(analysis, "Catbird")
    assert _by_surface(analysis, "Jared Kessler").type is ActorType.PERSON


def test_a_vehicle_whose_name_opens_with_its_class_is_not_an_actor(analyzer: Analyzer) -> None:
    text = "Space Shuttle Columbia broke up over Texas in 2003. Columbia had flown 27 missions for NASA."
    analysis = _analyse(analyzer, text)
    assert not _named(analysis, "Columbia")
    assert _named(analysis, "NASA")


def test_a_name_said_to_be_a_language_is_not_an_actor(analyzer: Analyzer) -> None:
    text = (
        "Maria Sambou studied Kelaamo in Senegal. Kelaamo is a small language spoken in four villages. "
        "Kelaamo has three dialects."
    )
    analysis = _analyse(analyzer, text)
    assert not _named(analysis, "Kelaamo")
    assert _named(analysis, "Senegal")


def test_a_maker_or_owner_before_a_class_noun_stays_an_actor(analyzer: Analyzer) -> None:
    text = (
        "The museum shows 12 Francisco de Zurbarán paintings. Zurbarán painted them in Seville. "
        "Stardust is a NASA mission, and NASA paid for it."
    )
    analysis = _analyse(analyzer, text)
    assert _named(analysis, "Zurbarán")
    assert _named(analysis, "NASA")
    assert not _named(analysis, "Stardust")


def test_a_demonym_used_as_a_language_is_not_a_group(analyzer: Analyzer) -> None:
    text = (
        "Anna Keller spoke German and French fluently, and her letters were written in Danish. "
        "Kyoto (Japanese: 京都) was her last stop. The French elected a new president that year."
    )
    analysis = _analyse(analyzer, text)
    for language in ("German", "Danish", "Japanese"):
        assert not _named(analysis, language), language
    people = text.index("French elected")
    assert [a.type for a in analysis.actors if any(m.start == people for m in a.mentions)] == [ActorType.GROUP]


def test_a_bare_demonym_is_a_language_and_one_with_an_article_is_people(analyzer: Analyzer) -> None:
    text = (
        "Omar Haddad spoke Arabic fluently and some Japanese, and he had a reading knowledge of ancient Greek. "
        "His alphabet was not based on Latin letters at all, like Chinese! "
        "The Japanese celebrated the new year, and a German won the race."
    )
    analysis = _analyse(analyzer, text)
    for offset in (text.index("Japanese"), text.index("Greek"), text.index("Chinese")):
        assert not [a for a in analysis.actors if any(m.start == offset for m in a.mentions)], text[offset:]
    for people in (text.index("Japanese celebrated"), text.index("German won")):
        assert [a.type for a in analysis.actors if any(m.start == people for m in a.mentions)] == [ActorType.GROUP]


def test_a_name_classifying_a_language_is_no_mention_but_the_people_stay(analyzer: Analyzer) -> None:
    text = (
        "Sara Diallo recorded the Manjaku dialects of Casamance for ten years. "
        "The festival is important to Manjaku, who gather there each May."
    )
    analysis = _analyse(analyzer, text)
    starts = {m.start for a in analysis.actors for m in a.mentions}
    assert text.index("Manjaku dialects") not in starts
    assert text.index("Manjaku, who") in starts


def test_a_bare_surname_two_people_share_goes_to_the_one_the_text_is_about(analyzer: Analyzer) -> None:
    text = (
        "Nour Nakash\n\nDame Nour Layla Nakash DBE (born 1950) was an Iraqi-British architect. Her father Karim "
        "Nakash was a wealthy industrialist from Mosul.\n\nEarly life\n\nNakash was born on 31 October 1950 in "
        "Baghdad, Iraq. In the 1960s Nakash attended boarding schools in England."
    )
    analysis = _analyse(analyzer, text)
    nour = _by_surface(analysis, "Nour Nakash")
    starts = {m.start for m in nour.mentions}
    assert text.index("Nakash was born") in starts
    assert text.index("Nakash attended") in starts
    assert not starts & {text.index("father Karim"), text.index("Karim")}


# -- author-date citations --------------------------------------------------------------------------------


def _name_mentions(analysis: Analysis) -> dict[str, ActorType]:
    return {m.text: a.type for a in analysis.actors for m in a.mentions if m.kind is MentionKind.NAME}


def test_each_author_of_a_bracketed_citation_is_a_person_of_their_own(analyzer: Analyzer) -> None:
    text = (
        "Reading speed improves with practice (Hartley & Nyquist, 2010; Olsen, Baird, & Kowalczyk, 2007). "
        "Earlier studies disagreed (see Tamura 2004; Brandt et al., 2001)."
    )
    mentions = _name_mentions(_analyse(analyzer, text))
    for author in ("Hartley", "Nyquist", "Olsen", "Baird", "Kowalczyk", "Tamura", "Brandt"):
        assert mentions.get(author) is ActorType.PERSON, (author, mentions)


def test_authors_named_before_a_bracketed_year_are_people(analyzer: Analyzer) -> None:
    text = "The map, adapted from Lindqvist and Morgan-Short (1995), shows the villages."
    mentions = _name_mentions(_analyse(analyzer, text))
    assert mentions.get("Lindqvist") is ActorType.PERSON, mentions
    assert mentions.get("Morgan-Short") is ActorType.PERSON, mentions


def test_months_titles_and_places_before_a_year_are_not_authors(analyzer: Analyzer) -> None:
    text = (
        "The survey closed (March 2011) before the final round (Sweden, 1958). "
        "Critics praised The Lovers (Les Amants, 1959) and The Philosophy of Grammar (1924)."
    )
    mentions = _name_mentions(_analyse(analyzer, text))
    assert "March" not in mentions
    assert mentions.get("Sweden") is not ActorType.PERSON
    assert mentions.get("Amants") is not ActorType.PERSON
    assert mentions.get("Grammar") is not ActorType.PERSON


def test_a_title_of_capitalised_words_before_a_year_is_not_a_list_of_authors(analyzer: Analyzer) -> None:
    text = (
        "Career highlights\n\nAll-Star (2015)\n\nHe wrote several books. "
        "Language: Its Nature, Development and Origin (1922) is his best known."
    )
    mentions = _name_mentions(_analyse(analyzer, text))
    for word in ("Star", "All-Star", "Its Nature", "Development", "Origin"):
        assert mentions.get(word) is not ActorType.PERSON, (word, mentions)


# -- concept acronyms -------------------------------------------------------------------------------------


def test_an_acronym_defined_by_lower_case_words_is_not_an_actor(analyzer: Analyzer) -> None:
    text = (
        "Engineers at Volta Labs measured the peak loading force (PLF) of each sample. "
        "The PLF rose when the load moved, and the PLF fell again. "
        "They replaced every (compact sodium lamp) CSL with a newer bulb, as CSL units fail early."
    )
    analysis = _analyse(analyzer, text)
    assert not _named(analysis, "PLF")
    assert not _named(analysis, "CSL")
    assert _named(analysis, "Volta Labs")


def test_an_acronym_a_number_counts_is_a_unit_not_an_actor(analyzer: Analyzer) -> None:
    text = (
        "A visa costs 25 CUC at the airport, and the fee rose to 40 CUC in May. "
        "The temple was built in 3000 BC. He batted .292 with three RBI against Boston. "
        "Two NATO members sent ships, and NATO said the mission would go on."
    )
    analysis = _analyse(analyzer, text)
    assert not _named(analysis, "CUC")
    assert not _named(analysis, "BC")
    assert not _named(analysis, "RBI")
    assert _named(analysis, "NATO")


def test_an_organization_written_out_before_its_acronym_stays_an_actor(analyzer: Analyzer) -> None:
    text = "The Korean Central News Agency (KCNA) reported the launch. KCNA said it was a success."
    assert _by_surface(_analyse(analyzer, text), "KCNA").type is ActorType.ORG


def test_a_model_designation_of_capitals_and_a_number_is_not_an_actor(analyzer: Analyzer) -> None:
    text = (
        "Users still running IE6 face attacks, Microsoft said. The crew of STS-134 landed on Monday, "
        "and the first case of COVID-19 reached Norway. Leaders of the G20 met in Rome."
    )
    analysis = _analyse(analyzer, text)
    for word in ("IE6", "STS-134", "COVID-19"):
        assert not _named(analysis, word), word
    assert _named(analysis, "Microsoft")
    assert _named(analysis, "G20")


def test_a_party_named_by_a_portfolio_word_is_an_actor_when_it_acts(analyzer: Analyzer) -> None:
    text = (
        'Tom Reed said the plan had failed. "Labour has a better plan," he said. '
        "Anna Cole, the Secretary of State, answered him."
    )
    analysis = _analyse(analyzer, text)
    assert _by_surface(analysis, "Labour").type is ActorType.ORG
    assert not [a for a in analysis.actors if a.name == "State"]


# -- dated works ------------------------------------------------------------------------------------------


def test_a_list_of_dated_titles_names_works_not_people(analyzer: Analyzer) -> None:
    text = (
        "Mark Elton grew up in Exeter. His later roles include The Harbour (2007), A Quiet Winter (2009), "
        "Tallow Road (2010) and Ferris (2013). He also starred in Nina Hale's Open Water (2011)."
    )
    analysis = _analyse(analyzer, text)
    for title in ("Harbour", "Quiet Winter", "Tallow Road", "Ferris", "Open Water"):
        assert not _named(analysis, title), title
    assert _by_surface(analysis, "Mark Elton").type is ActorType.PERSON
    assert _named(analysis, "Nina Hale")


def test_a_list_of_authors_with_years_stays_people(analyzer: Analyzer) -> None:
    text = (
        "See Quintana (1964), Sorel (1983) and Marbach (2006) for case studies. "
        "He studied at Columbia University in New York (1904) and Leiden University in Holland (1910)."
    )
    mentions = _name_mentions(_analyse(analyzer, text))
    for author in ("Quintana", "Sorel", "Marbach"):
        assert mentions.get(author) is ActorType.PERSON, (author, mentions)
    assert "Columbia University" in " ".join(mentions)


def test_an_acronym_spelled_out_as_a_concept_with_capitals_is_not_an_actor(analyzer: Analyzer) -> None:
    text = (
        "The ministry will expand Information and Communication Technology (ICT) in schools. "
        "ICT is vital, the Korean Central News Agency (KCNA) said. The Gross Domestic Product (GDP) grew, "
        "and KCNA said GDP would grow again."
    )
    analysis = _analyse(analyzer, text)
    assert not _named(analysis, "ICT")
    assert not _named(analysis, "GDP")
    assert not _named(analysis, "Communication Technology")
    assert _by_surface(analysis, "KCNA").type is ActorType.ORG


def test_a_verb_opening_an_instruction_is_not_a_name(analyzer: Analyzer) -> None:
    text = "Fill a pot with damp soil. Drop two seeds into each pot. Wear gloves when you handle the roots."
    analysis = _analyse(analyzer, text)
    assert not _named(analysis, "Drop")
    assert not _named(analysis, "Wear")


def test_a_proper_noun_compound_before_an_organization_name_belongs_to_it(analyzer: Analyzer) -> None:
    text = (
        "Internet Explorer's market share is slipping. Usually, Internet Explorer is the second browser "
        "after its rivals, analysts at Net Applications said."
    )
    analysis = _analyse(analyzer, text)
    assert not _named(analysis, "Explorer")


def test_a_name_headed_by_a_law_survey_or_system_word_is_not_an_actor(analyzer: Analyzer) -> None:
    text = (
        "The Ministry of Health ran the National Iodine Nutrition Study in 2004. "
        "Officers used the Police Records Information System daily, and Congress passed the Clean Water Act."
    )
    analysis = _analyse(analyzer, text)
    assert not _named(analysis, "Nutrition Study")
    assert not _named(analysis, "Information System")
    assert not _named(analysis, "Clean Water Act")
    assert _named(analysis, "Ministry of Health")


def test_a_common_noun_capitalised_at_a_sentence_start_is_not_an_actor(analyzer: Analyzer) -> None:
    text = (
        "Water the basil every morning and pick the basil leaves often. Basil needs warm air and sun. "
        "Basil does not tolerate frost. A cold wind blew from the south, but the South was warm. "
        "Anna Berg read Harvest Magazine. "
        "Harvest printed her story, and a good harvest followed."
    )
    analysis = _analyse(analyzer, text)
    assert not _named(analysis, "Basil")
    assert _named(analysis, "South")
    assert _named(analysis, "Harvest")


def test_a_variety_named_after_a_common_noun_does_not_make_it_an_actor(analyzer: Analyzer) -> None:
    text = (
        "Water the basil each morning and trim the basil often. Some plants return each spring, like Thai Basil, "
        "while others are annuals. Basil needs sun and warm soil. Basil hates frost. "
        "Laura Chen wrote to the White House about her garden, and the house answered."
    )
    analysis = _analyse(analyzer, text)
    assert not _named(analysis, "Basil")
    assert _named(analysis, "White House")


def test_a_name_a_class_noun_is_said_to_be_is_not_an_actor(analyzer: Analyzer) -> None:
    text = (
        "In the old schoolbooks by Mary Lyle the favourite sport is Fenball. Fenball is played with two hoops, "
        "and Fenball teams have seven players."
    )
    analysis = _analyse(analyzer, text)
    assert not _named(analysis, "Fenball")
    assert _named(analysis, "Mary Lyle")


def test_an_acronym_spelled_out_as_a_concept_after_it_is_not_an_actor(analyzer: Analyzer) -> None:
    text = (
        "Moths that swallowed VOC [Volatile Organic Compounds, the gases paint gives off] lived shorter lives. "
        "The VOC levels were measured twice, and the VOC dose was doubled. "
        "The study was paid for by the WHO (World Health Organization), and the WHO published it."
    )
    analysis = _analyse(analyzer, text)
    assert not _named(analysis, "VOC")
    assert _named(analysis, "WHO")


def test_a_lower_case_phrase_the_model_took_for_a_name_is_not_an_actor(analyzer: Analyzer) -> None:
    text = (
        "Though vehicle miles climbed each year, the smog thinned, Ann Boyd wrote. "
        "Her word lists came from corpora. [2] Ella Park compiled them in Leeds."
    )
    analysis = _analyse(analyzer, text)
    assert not _named(analysis, "vehicle miles")
    assert not _named(analysis, "corpora")
    assert _named(analysis, "Ann Boyd")
    assert _named(analysis, "Leeds")


def test_a_known_surname_the_model_labels_an_event_is_still_the_person(analyzer: Analyzer) -> None:
    text = "Omar Hadid trained as a singer in Beirut. Later that year Hadid released a second record."
    analysis = _analyse(analyzer, text)
    person = _by_surface(analysis, "Omar Hadid")
    assert text.rindex("Hadid") in [m.start for m in person.mentions]


def test_a_news_agency_credit_after_a_dateline_place_is_not_the_place(analyzer: Analyzer) -> None:
    text = (
        "NAIROBI, Kenya (AP) _ Police in Kenya arrested two men on Friday, the AP learned.\n\n"
        "LIMA, Peru (AP) _ Peru closed its border. Officials in Peru said the border would reopen.\n\n"
        "LONDON (Reuters) _ Britain voted on Monday. Reuters said London was calm."
    )
    analysis = _analyse(analyzer, text)
    kenya = _by_surface(analysis, "Kenya")
    assert kenya.type is ActorType.PLACE
    assert not any(m.text == "AP" for m in kenya.mentions)
    assert not any(m.text == "AP" for m in _by_surface(analysis, "Peru").mentions)
    assert not any(m.text == "Reuters" for m in _by_surface(analysis, "London").mentions)


def test_a_he_after_a_company_subject_does_not_make_it_a_person(analyzer: Analyzer) -> None:
    said_so = (
        "Norvex Corp. said it would sell its steel unit. Norvex's shares rose 5% on the news. Analysts expect "
        "Norvex to raise its bid again. Norvex has no plans to close its plants. He said the board would meet "
        "on Friday, Robert Vale, a spokesman, added."
    )
    known = (
        "Siemens reported higher profit on Monday. Analysts expect Siemens to raise its dividend. "
        "Siemens has no plans to close its plants. He said the board would meet on Friday."
    )
    for text, name in ((said_so, "Norvex"), (known, "Siemens")):
        company = _by_surface(_analyse(analyzer, text), name)
        assert company.type is ActorType.ORG, name
        assert not any(m.kind is MentionKind.PRONOUN for m in company.mentions), name


def test_a_he_after_a_name_the_model_read_as_an_organization_still_makes_a_person(analyzer: Analyzer) -> None:
    text = "Farkas trained in Moscow for two years. Farkas flew to the station in 1980. He spent eight days in orbit."
    assert _by_surface(_analyse(analyzer, text), "Farkas").type is ActorType.PERSON


def test_an_office_written_before_a_name_is_not_part_of_the_name(analyzer: Analyzer) -> None:
    text = (
        "U.S. Attorney Mary Jo Vance said the case was closed. District Attorney Frank C. Cole disagreed, and "
        "police Inspector Dave Burns said nothing. White House Chief of Staff John Kerr met Chancellor of the "
        "Exchequer Nigel Lamb. VOA Correspondent Purnell Moore reports."
    )
    analysis = _analyse(analyzer, text)
    for surname in ("Vance", "Cole", "Burns", "Kerr", "Lamb", "Moore"):
        person = [a for a in analysis.actors if a.name.endswith(surname)]
        assert len(person) == 1, surname
        assert person[0].type is ActorType.PERSON
        assert person[0].name in (
            "Mary Jo Vance",
            "Frank C. Cole",
            "Dave Burns",
            "John Kerr",
            "Nigel Lamb",
            "Purnell Moore",
        )


def test_a_demonym_heading_its_own_phrase_names_people(analyzer: Analyzer) -> None:
    text = (
        "Kenya expelled four Somalis and a Libyan who was questioned by the police. Officials escorted the "
        "Libyan to the airport on Monday. More than 300 Japanese are still in the city, and Egyptian and "
        "Moroccan troops guard the port."
    )
    analysis = _analyse(analyzer, text)
    named = {m.text for a in analysis.actors for m in a.mentions if m.kind is MentionKind.NAME}
    assert "Libyan" in named
    assert "Japanese" in named
    assert "Egyptian" not in named and "Moroccan" not in named


def test_a_dateline_in_capitals_names_a_place(analyzer: Analyzer) -> None:
    texts = (
        (
            "MOSCOW (AP) _ Russia and Ukraine signed a treaty on Friday. Officials in Moscow said the talks went well.",
            "MOSCOW",
        ),
        ("BUFFALO, N.Y. (AP) -- Police in Buffalo arrested a man on Friday.", "BUFFALO"),
        ("NICOSIA, August 8 (Xinhua) -- Cyprus closed its airport to all flights on Saturday.", "NICOSIA"),
        ("MIAMI _ Police in Miami said nothing about the case.", "MIAMI"),
    )
    for text, dateline in texts:
        analysis = _analyse(analyzer, text)
        place = _by_surface(analysis, dateline)
        assert place.type is ActorType.PLACE, dateline
        assert not any(m.text in ("AP", "Xinhua") for m in place.mentions), dateline
        if dateline != "NICOSIA":
            assert any(m.text == dateline.title() for m in place.mentions), dateline


def test_a_particle_inside_a_company_name_does_not_make_a_person(analyzer: Analyzer) -> None:
    text = (
        "Cie. Financiere de Vauban raised its bid for the shipping group on Monday. The board of Cie. Financiere "
        "de Vauban met in Paris. Charles de Villiers, a banker, said the bid was too low."
    )
    analysis = _analyse(analyzer, text)
    assert _by_surface(analysis, "Cie. Financiere de Vauban").type is ActorType.ORG
    assert _by_surface(analysis, "Charles de Villiers").type is ActorType.PERSON

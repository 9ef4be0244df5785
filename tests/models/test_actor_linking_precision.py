"""Across documents a wrong merge is worse than a missed one: what must not link documents, and what still does.

Each test stores analyses of short texts written for it (the shapes come from a library of 133 GUM texts:
"Church" of one text joined to the Church of Scientology, the House of New Zealand's parliament to the
House of Representatives, "CBC" to the Congressional Black Caucus, a travel guide's "Playhouse Square
Center" listed among the names of the United States).
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from models.domain import Actor, ActorType, Mention
from models.library import Library
from models.library.actor_keys import actor_keys
from models.library.actor_listing import list_actors
from models.library.actor_page import actor_names_of
from models.library.schema import MIGRATIONS
from tests.models.test_actor_index import analysis, by_name


@pytest.fixture
def lib(tmp_path: Path) -> Library:
    return Library(tmp_path / "library.sqlite3")


def actors(lib: Library) -> list[tuple[str, str, int]]:
    return sorted((a.name, a.type, a.documents) for a in list_actors(lib.conn))


def test_a_short_form_of_one_document_links_no_other_document(lib: Library) -> None:
    lib.store_analysis(
        analysis(
            "Hackers",
            "The Church of Scientology was attacked. Scientology said the Church would sue.",
            [
                (
                    "Church of Scientology",
                    ActorType.ORG,
                    ["Scientology", "Church"],
                    ["Church of Scientology", "Scientology", "Church"],
                )
            ],
        )
    )
    lib.store_analysis(
        analysis("Saint", "Jerome is a Doctor of the Church.", [("Church", ActorType.ORG, [], ["Church"])])
    )
    lib.store_analysis(
        analysis("Defector", "Scientology denied it.", [("Scientology", ActorType.ORG, [], ["Scientology"])])
    )
    lib.store_analysis(
        analysis(
            "Albania",
            "The Council of Europe met. Europe is watching.",
            [("Council of Europe", ActorType.PLACE, ["Europe"], ["Council of Europe", "Europe"])],
        )
    )
    lib.store_analysis(analysis("Travel", "Trains cross Europe.", [("Europe", ActorType.PLACE, [], ["Europe"])]))
    lib.store_analysis(
        analysis(
            "Seoul",
            "South Korea and the North talked. The South agreed.",
            [("South Korea", ActorType.PLACE, ["South"], ["South Korea", "South"])],
        )
    )
    lib.store_analysis(analysis("Tulsa", "From the South, take US-75.", [("South", ActorType.PLACE, [], ["South"])]))
    # What follows "of" in an organisation's or a state's name still links: "Scientology", "Texas".
    lib.store_analysis(
        analysis(
            "Shuttle",
            "The State of Texas got a shuttle. Texas was glad.",
            [("State of Texas", ActorType.PLACE, ["Texas"], ["State of Texas", "Texas"])],
        )
    )
    lib.store_analysis(analysis("Student", "Texas schools reopened.", [("Texas", ActorType.PLACE, [], ["Texas"])]))
    assert actors(lib) == [
        ("Church", "ORG", 1),
        ("Church of Scientology", "ORG", 2),
        ("Council of Europe", "PLACE", 1),
        ("Europe", "PLACE", 1),
        ("South", "PLACE", 1),
        ("South Korea", "PLACE", 1),
        ("State of Texas", "PLACE", 2),
    ]
    by_name(lib)  # the key counts kept for look-ups agree


def test_a_one_word_name_of_a_kind_of_body_or_place_links_no_other_document(lib: Library) -> None:
    lib.store_analysis(
        analysis(
            "Wellington", "I can report to the House that they are well.", [("House", ActorType.ORG, [], ["House"])]
        )
    )
    lib.store_analysis(
        analysis("Impeachment", "The House voted on Tuesday.", [("House", ActorType.ORG, [], ["House"])])
    )
    lib.store_analysis(
        analysis("Oakland", "The skyline of Downtown glows.", [("Downtown", ActorType.PLACE, [], ["Downtown"])])
    )
    lib.store_analysis(
        analysis("Phoenix", "The airport is east of Downtown.", [("Downtown", ActorType.PLACE, [], ["Downtown"])])
    )
    for title in ("Tulsa", "Fort Lee"):
        lib.store_analysis(
            analysis(
                title, f"Shops line Main Street in {title}.", [("Main Street", ActorType.PLACE, [], ["Main Street"])]
            )
        )
    for title in ("Floor", "Record"):
        lib.store_analysis(
            analysis(
                title,
                f"The House of Representatives passed it ({title}).",
                [("House of Representatives", ActorType.ORG, [], ["House of Representatives"])],
            )
        )
    assert actors(lib) == [
        ("Downtown", "PLACE", 1),
        ("Downtown", "PLACE", 1),
        ("House", "ORG", 1),
        ("House", "ORG", 1),
        ("House of Representatives", "ORG", 2),
        ("Main Street", "PLACE", 1),
        ("Main Street", "PLACE", 1),
    ]


def test_initials_link_documents_only_where_a_document_declares_them(lib: Library) -> None:
    lib.store_analysis(
        analysis(
            "Floor",
            "The Congressional Black Caucus backed the bill.",
            [("Congressional Black Caucus", ActorType.ORG, [], ["Congressional Black Caucus"])],
        )
    )
    lib.store_analysis(analysis("Ottawa", "Someone gave it to the CBC today.", [("CBC", ActorType.ORG, [], ["CBC"])]))
    lib.store_analysis(
        analysis(
            "Health",
            "The World Health Organisation (WHO) warned. WHO experts met.",
            [("World Health Organisation", ActorType.ORG, ["WHO"], ["World Health Organisation", "WHO", "WHO"])],
        )
    )
    lib.store_analysis(analysis("Cases", "WHO said cases were falling.", [("WHO", ActorType.ORG, [], ["WHO"])]))
    lib.store_analysis(
        analysis(
            "Geneva",
            "The World Health Organization's chief spoke.",
            [("World Health Organization", ActorType.ORG, [], ["World Health Organization's"])],
        )
    )
    # "Organisation" and "Organization" are one spelling; "CBC" is not guessed to be the Caucus.
    assert actors(lib) == [
        ("CBC", "ORG", 1),
        ("Congressional Black Caucus", "ORG", 1),
        ("World Health Organisation", "ORG", 3),
    ]


GUIDE = "Cleveland is in the US. Playhouse Square Center is big. US trains and US buses reach the US."


def test_a_name_one_document_joined_by_mistake_neither_names_nor_links_the_actor(lib: Library) -> None:
    lib.store_analysis(
        analysis(
            "Guide",
            GUIDE,
            [("Playhouse Square Center", ActorType.PLACE, ["US"], ["US", "Playhouse Square Center", "US", "US", "US"])],
        )
    )
    lib.store_analysis(
        analysis(
            "Theatre",
            "Playhouse Square Center opened a stage.",
            [("Playhouse Square Center", ActorType.PLACE, [], ["Playhouse Square Center"])],
        )
    )
    lib.store_analysis(
        analysis(
            "Census",
            "These United States count people.",
            [("United States", ActorType.PLACE, ["US"], ["United States"])],
        )
    )
    found = actors(lib)
    assert found == [("Playhouse Square Center", "PLACE", 1), ("United States", "PLACE", 2)]
    us = next(a for a in list_actors(lib.conn) if a.name == "United States")
    assert "Playhouse Square Center" not in actor_names_of(lib.conn, us.id)
    # The guide's nine "US" stay with the United States.
    assert [title for title, _ in by_name(lib)["United States"]] == ["Census", "Guide"]


def test_name_keys_fold_spellings_determiners_company_forms_and_skip_lowercase_words() -> None:
    def names(name: str, kind: ActorType, *mentions: str) -> set[str]:
        return actor_keys(Actor("a1", name, kind, mentions=[Mention(0, len(m), m) for m in mentions or (name,)])).names

    assert "PLACE:n:united states" in names("these United States", ActorType.PLACE)
    assert "ORG:n:google" in names("Google Inc.", ActorType.ORG)
    assert "ORG:n:theater royal" in names("Theatre Royal", ActorType.ORG)
    assert names("metro", ActorType.PLACE) == set()
    assert names("Church", ActorType.ORG) == set()


def test_an_older_library_is_linked_again_by_the_new_rules(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    with Library(path) as lib:
        # Analyses of the analyzer that was current when libraries had the earlier linking rules.
        lib.store_analysis(
            replace(
                analysis("Saint", "Jerome is a Doctor of the Church.", [("Church", ActorType.ORG, [], ["Church"])]),
                analyzer_version="2",
            )
        )
        lib.store_analysis(
            replace(
                analysis("Gordon", "The Church was persecuted.", [("Church", ActorType.ORG, [], ["Church"])]),
                analyzer_version="2",
            )
        )
        # As the earlier rules left it: the two churches one library actor.
        with lib.write() as conn:
            first, second = (r[0] for r in conn.execute("SELECT actor_id FROM document_actors ORDER BY actor_id"))
            conn.execute("UPDATE document_actors SET actor_id = ? WHERE actor_id = ?", (first, second))
            conn.execute("DELETE FROM library_actors WHERE id = ?", (second,))
            conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) - 1}")
    with sqlite3.connect(path) as raw:
        assert raw.execute("SELECT count(DISTINCT actor_id) FROM document_actors").fetchone()[0] == 1
    with Library(path) as lib:
        from models.library.actor_index import index_pending

        index_pending(lib, "2")
        assert actors(lib) == [("Church", "ORG", 1), ("Church", "ORG", 1)]


def test_a_body_taken_for_a_person_and_two_bushes_in_one_actor_take_no_one_else_in(lib: Library) -> None:
    lib.store_analysis(
        analysis(
            "Moreau",
            "She studied at the Conservatoire de Paris.",
            [("Conservatoire de Paris", ActorType.PERSON, [], ["Conservatoire de Paris"])],
        )
    )
    lib.store_analysis(
        analysis("Imprisoned", "Paris said she was held. Paris left.", [("Paris", ActorType.PERSON, [], ["Paris"])])
    )
    lib.store_analysis(
        analysis(
            "Hill",
            "Unlike George H. W. Bush and George W. Bush, he ran.",
            [("George H. W. Bush", ActorType.PERSON, ["George W. Bush"], ["George H. W. Bush", "George W. Bush"])],
        )
    )
    lib.store_analysis(
        analysis("Chomsky", "George Bush invaded.", [("George Bush", ActorType.PERSON, [], ["George Bush"])])
    )
    assert actors(lib) == [
        ("Conservatoire de Paris", "PERSON", 1),
        ("George Bush", "PERSON", 1),
        ("George W. Bush", "PERSON", 1),
        ("Paris", "PERSON", 1),
    ]


def test_a_name_printed_in_capitals_in_one_document_is_shown_as_another_writes_it(lib: Library) -> None:
    lib.store_analysis(
        analysis("Record", "KAMALA HARRIS took the oath.", [("KAMALA HARRIS", ActorType.PERSON, [], ["KAMALA HARRIS"])])
    )
    lib.store_analysis(
        analysis("Briefing", "Kamala Harris spoke.", [("Kamala Harris", ActorType.PERSON, [], ["Kamala Harris"])])
    )
    assert actors(lib) == [("Kamala Harris", "PERSON", 2)]

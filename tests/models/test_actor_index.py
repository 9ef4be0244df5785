"""The library's actor index: one actor across documents, linked by names and never by a shared surname alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from models.domain import Actor, ActorType, Analysis, Document, Mention, MentionKind
from models.library import Library
from models.library.actor_index import index_pending
from models.library.actor_keys import actor_keys, name_words
from models.library.actor_listing import actor_details, list_actors
from models.version import ANALYZER_VERSION

Spec = tuple[str, ActorType, list[str], list[str]]  # name, type, aliases, mention texts (in order)


def analysis(title: str, text: str, specs: list[Spec]) -> Analysis:
    """An analysis of `text` whose actors are mentioned where their mention texts first occur after each other."""
    actors = []
    for number, (name, kind, aliases, texts) in enumerate(specs, 1):
        mentions, at = [], 0
        for each in texts:
            start = text.index(each, at)
            pronoun = each.lower() in {"he", "she", "it", "they"}
            mentions.append(
                Mention(start, start + len(each), each, MentionKind.PRONOUN if pronoun else MentionKind.NAME)
            )
            at = start + 1
        actors.append(Actor(f"a{number}", name, kind, aliases=aliases, mentions=mentions))
    return Analysis(Document(text, title=title), ANALYZER_VERSION, "test", actors=actors)


@pytest.fixture
def lib(tmp_path: Path) -> Library:
    return Library(tmp_path / "library.sqlite3")


def by_name(lib: Library) -> dict[str, list[tuple[str, list[str]]]]:
    """Library actor name -> [(document title, mention texts)], after checking the key counts kept for look-ups."""
    derived = lib.conn.execute(
        "SELECT k.key, k.role, da.actor_id, count(*) FROM document_actor_keys k JOIN document_actors da "
        "ON da.doc_hash = k.doc_hash AND da.local_id = k.local_id GROUP BY 1, 2, 3 ORDER BY 1, 2, 3"
    ).fetchall()
    kept = lib.conn.execute("SELECT key, role, actor_id, uses FROM library_actor_keys ORDER BY 1, 2, 3").fetchall()
    assert kept == derived
    result: dict[str, list[tuple[str, list[str]]]] = {}
    for detail in actor_details(lib.conn):
        text_of = {}
        for place in detail.documents:
            doc_text = lib.conn.execute("SELECT text FROM documents WHERE hash = ?", (place.doc_hash,)).fetchone()[0]
            text_of[place.title] = [doc_text[m.start : m.end] for m in place.mentions]
        assert detail.actor.name not in result, f"two library actors named {detail.actor.name}"
        result[detail.actor.name] = sorted(text_of.items())
    return result


BIDEN_1 = "President Joe Biden met Justin Trudeau in Ottawa. Biden said he was pleased."
BIDEN_2 = "President Biden spoke to reporters in Washington on Friday."
BIDEN_3 = "Joe R. Biden visited Ottawa again."


def test_a_person_named_in_full_in_one_document_and_by_title_in_another_is_one_library_actor(lib: Library) -> None:
    lib.store_analysis(
        analysis(
            "Ottawa visit",
            BIDEN_1,
            [
                (
                    "Joe Biden",
                    ActorType.PERSON,
                    ["President Joe Biden", "Biden"],
                    ["President Joe Biden", "Biden", "he"],
                ),
                ("Justin Trudeau", ActorType.PERSON, [], ["Justin Trudeau"]),
                ("Ottawa", ActorType.PLACE, [], ["Ottawa"]),
            ],
        )
    )
    lib.store_analysis(
        analysis("Press", BIDEN_2, [("Biden", ActorType.PERSON, ["President Biden"], ["President Biden"])])
    )
    lib.store_analysis(
        analysis(
            "Again",
            BIDEN_3,
            [
                ("Joe R. Biden", ActorType.PERSON, [], ["Joe R. Biden"]),
                ("Ottawa", ActorType.PLACE, [], ["Ottawa"]),
            ],
        )
    )
    index = by_name(lib)
    assert index["Joe Biden"] == [
        ("Again", ["Joe R. Biden"]),
        ("Ottawa visit", ["President Joe Biden", "Biden", "he"]),
        ("Press", ["President Biden"]),
    ]
    assert index["Ottawa"] == [("Again", ["Ottawa"]), ("Ottawa visit", ["Ottawa"])]
    assert index["Justin Trudeau"] == [("Ottawa visit", ["Justin Trudeau"])]
    biden = next(a for a in list_actors(lib.conn) if a.name == "Joe Biden")
    assert (biden.type, biden.documents, biden.mentions) == ("PERSON", 3, 5)


SMITH_1 = "John Smith, a farmer, sold his land. Mr. Smith said prices were low."
SMITH_2 = "Anna Smith, the mayor, opened the bridge."
SMITH_3 = "Mr. Smith declined to comment."


def test_a_bare_surname_links_only_while_one_full_named_person_has_it(lib: Library) -> None:
    lib.store_analysis(analysis("Bare", SMITH_3, [("Mr. Smith", ActorType.PERSON, [], ["Mr. Smith"])]))
    lib.store_analysis(
        analysis("Farm", SMITH_1, [("John Smith", ActorType.PERSON, ["Mr. Smith"], ["John Smith", "Mr. Smith"])])
    )
    # One full-named Smith in the library: the bare "Mr. Smith" is taken to be him.
    assert by_name(lib)["John Smith"] == [("Bare", ["Mr. Smith"]), ("Farm", ["John Smith", "Mr. Smith"])]

    lib.store_analysis(analysis("Bridge", SMITH_2, [("Anna Smith", ActorType.PERSON, [], ["Anna Smith"])]))
    # Two different Smiths: the bare one belongs to neither, and the two full names stay apart.
    index = by_name(lib)
    assert index["John Smith"] == [("Farm", ["John Smith", "Mr. Smith"])]
    assert index["Anna Smith"] == [("Bridge", ["Anna Smith"])]
    assert index["Mr. Smith"] == [("Bare", ["Mr. Smith"])]


def test_two_bare_surnames_are_never_linked_to_each_other(lib: Library) -> None:
    lib.store_analysis(analysis("One", SMITH_3, [("Mr. Smith", ActorType.PERSON, [], ["Mr. Smith"])]))
    lib.store_analysis(analysis("Two", "Ms. Smith won the race.", [("Ms. Smith", ActorType.PERSON, [], ["Ms. Smith"])]))
    assert sorted((a.name, a.documents) for a in list_actors(lib.conn)) == [("Mr. Smith", 1), ("Ms. Smith", 1)]


WHO_1 = "The World Health Organization (WHO) warned of a new strain. WHO experts met in Geneva."
WHO_2 = "WHO said on Monday that cases were falling."
WHO_3 = "The World Health Organization's chief spoke in Geneva."


def test_an_organisation_and_its_acronym_are_one_library_actor(lib: Library) -> None:
    lib.store_analysis(analysis("Acronym only", WHO_2, [("WHO", ActorType.ORG, [], ["WHO"])]))
    lib.store_analysis(
        analysis(
            "Full name only", WHO_3, [("World Health Organization", ActorType.ORG, [], ["World Health Organization's"])]
        )
    )
    lib.store_analysis(
        analysis(
            "Both",
            WHO_1,
            [
                ("World Health Organization", ActorType.ORG, ["WHO"], ["The World Health Organization", "WHO", "WHO"]),
                ("Geneva", ActorType.PLACE, [], ["Geneva"]),
            ],
        )
    )
    index = by_name(lib)
    assert index["World Health Organization"] == [
        ("Acronym only", ["WHO"]),
        ("Both", ["The World Health Organization", "WHO", "WHO"]),
        ("Full name only", ["World Health Organization's"]),
    ]
    # "WHO" the organisation is no person named Who, and places never link to organisations.
    assert {a.type for a in list_actors(lib.conn)} == {"ORG", "PLACE"}


def test_same_name_of_another_type_is_another_actor(lib: Library) -> None:
    lib.store_analysis(analysis("Place", "Jordan closed its border.", [("Jordan", ActorType.PLACE, [], ["Jordan"])]))
    lib.store_analysis(
        analysis("Person", "Michael Jordan retired.", [("Michael Jordan", ActorType.PERSON, [], ["Michael Jordan"])])
    )
    assert sorted((a.name, a.type) for a in list_actors(lib.conn)) == [
        ("Jordan", "PLACE"),
        ("Michael Jordan", "PERSON"),
    ]


def test_storing_a_new_analysis_of_a_document_replaces_its_entries(lib: Library) -> None:
    first = analysis("Doc", BIDEN_2, [("Biden", ActorType.PERSON, ["President Biden"], ["President Biden"])])
    lib.store_analysis(first)
    second = analysis("Doc", BIDEN_2, [("Washington", ActorType.PLACE, [], ["Washington"])])
    lib.store_analysis(second)
    assert [(a.name, a.documents, a.mentions) for a in list_actors(lib.conn)] == [("Washington", 1, 1)]


def test_an_older_library_is_indexed_from_its_stored_analyses(lib: Library) -> None:
    lib.store_analysis(analysis("Doc", BIDEN_3, [("Joe R. Biden", ActorType.PERSON, [], ["Joe R. Biden"])]))
    with lib.write() as conn:  # as a library from before the index, or one merged in by an import
        for table in (
            "actor_mentions",
            "document_actor_keys",
            "document_actors",
            "library_actor_keys",
            "library_actors",
        ):
            conn.execute(f"DELETE FROM {table}")
        conn.execute("DELETE FROM actor_index_documents")
    assert list_actors(lib.conn) == []
    assert index_pending(lib, ANALYZER_VERSION) == 1
    assert [a.name for a in list_actors(lib.conn)] == ["Joe R. Biden"]
    assert index_pending(lib, ANALYZER_VERSION) == 0


def test_search_and_type_filter(lib: Library) -> None:
    lib.store_analysis(
        analysis(
            "Ottawa visit",
            BIDEN_1,
            [
                ("Joe Biden", ActorType.PERSON, ["President Joe Biden"], ["President Joe Biden"]),
                ("Justin Trudeau", ActorType.PERSON, [], ["Justin Trudeau"]),
                ("Ottawa", ActorType.PLACE, [], ["Ottawa"]),
            ],
        )
    )
    assert [a.name for a in list_actors(lib.conn, kind="PLACE")] == ["Ottawa"]
    assert [a.name for a in list_actors(lib.conn, search="BIDEN")] == ["Joe Biden"]
    assert [a.name for a in list_actors(lib.conn, search="trud", kind="PERSON")] == ["Justin Trudeau"]


def test_name_keys_ignore_titles_case_accents_and_possessives() -> None:
    assert name_words("President Joe Biden's", ActorType.PERSON) == ["joe", "biden"]
    assert name_words("Mr. José  Álvarez Jr.", ActorType.PERSON) == ["jose", "alvarez"]
    assert name_words("The U.S.", ActorType.PLACE) == ["us"]
    assert name_words("Mr. Smith", ActorType.PERSON) == ["smith"]
    keys = actor_keys(Actor("a1", "Mr. Smith", ActorType.PERSON, mentions=[Mention(0, 9, "Mr. Smith")]))
    assert keys.names == set() and keys.seeks == {"PERSON:s:smith"}


def test_emptying_the_trash_takes_its_documents_out_of_the_index(lib: Library) -> None:
    lib.store_analysis(
        analysis(
            "Ottawa visit",
            BIDEN_1,
            [
                ("Joe Biden", ActorType.PERSON, ["President Joe Biden"], ["President Joe Biden", "Biden"]),
                ("Ottawa", ActorType.PLACE, [], ["Ottawa"]),
            ],
        )
    )
    lib.store_analysis(analysis("Again", BIDEN_3, [("Joe R. Biden", ActorType.PERSON, [], ["Joe R. Biden"])]))
    gone = Document(BIDEN_1).sha256
    lib.trash(gone)
    lib.empty_trash()
    index_pending(lib, ANALYZER_VERSION)
    assert [(a.name, a.documents, a.mentions) for a in list_actors(lib.conn)] == [("Joe R. Biden", 1, 1)]
    by_name(lib)  # the key counts agree with what is left
    # A new document about the same man still finds him.
    lib.store_analysis(analysis("Press", BIDEN_2, [("Biden", ActorType.PERSON, [], ["President Biden"])]))
    assert [(a.documents, a.mentions) for a in list_actors(lib.conn)] == [(2, 2)]


def test_a_name_typed_otherwise_in_another_document_is_still_one_actor(lib: Library) -> None:
    lib.store_analysis(
        analysis("Team", "South Korea beat Greece 2-0.", [("South Korea", ActorType.ORG, [], ["South Korea"])])
    )
    lib.store_analysis(
        analysis("Trip", "We flew to South Korea.", [("South Korea", ActorType.PLACE, [], ["South Korea"])])
    )
    lib.store_analysis(
        analysis(
            "Talk",
            "Noam Chomsky spoke. Noam Chomsky left.",
            [("Noam Chomsky", ActorType.PERSON, [], ["Noam Chomsky", "Noam Chomsky"])],
        )
    )
    lib.store_analysis(
        analysis("Cited", "As Noam Chomsky argued.", [("Noam Chomsky", ActorType.ORG, [], ["Noam Chomsky"])])
    )
    found = sorted((a.name, a.type, a.documents) for a in list_actors(lib.conn))
    # One actor each, typed as most of its mentions say; a one-word person is never taken for a place.
    assert found == [("Noam Chomsky", "PERSON", 2), ("South Korea", "PLACE", 2)]


def test_a_document_that_names_an_actor_both_ways_joins_the_two_library_actors(lib: Library) -> None:
    lib.store_analysis(analysis("Short", "Scientology replied.", [("Scientology", ActorType.ORG, [], ["Scientology"])]))
    lib.store_analysis(
        analysis(
            "Long",
            "The Church of Scientology spoke.",
            [("Church of Scientology", ActorType.ORG, [], ["Church of Scientology"])],
        )
    )
    assert len(list_actors(lib.conn)) == 2
    lib.store_analysis(
        analysis(
            "Both",
            "The Church of Scientology (Scientology) sued.",
            [("Church of Scientology", ActorType.ORG, ["Scientology"], ["Church of Scientology", "Scientology"])],
        )
    )
    assert [(a.name, a.documents) for a in list_actors(lib.conn)] == [("Church of Scientology", 3)]
    by_name(lib)  # the key counts agree after the join

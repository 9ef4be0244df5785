"""An actor's page across the library: dates, documents, co-actors, timeline, mentions, and the reader's links."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from pathlib import Path

import pytest

from models.batch.cli import actors_command
from models.domain import ActorType, Analysis, Document, Event, EventType
from models.library import Library
from models.library.actor_links import link_actors, undo_link, unlink_actor
from models.library.actor_listing import count_actors, index_page, list_actors
from models.library.actor_page import actor_page, document_mentions
from models.paths import AppPaths
from tests.models.test_actor_index import BIDEN_1, BIDEN_2, SMITH_1, SMITH_3, Spec, analysis, by_name


@pytest.fixture
def lib(tmp_path: Path) -> Library:
    return Library(tmp_path / "library.sqlite3")


def dated(title: str, text: str, date: str, specs: list[Spec], events: list[Event] | None = None) -> Analysis:
    made = analysis(title, text, specs)
    return replace(made, document=replace(made.document, date=date), events=events or [])


def fill(lib: Library) -> None:
    meeting = Event("e1", EventType.MEETING, 20, 23, "met", date="2023-03-24", participants=["a1", "a2"])
    lib.store_analysis(
        dated(
            "Ottawa visit",
            BIDEN_1,
            "2023-03-24",
            [
                ("Joe Biden", ActorType.PERSON, ["President Joe Biden"], ["President Joe Biden", "Biden", "he"]),
                ("Justin Trudeau", ActorType.PERSON, [], ["Justin Trudeau"]),
                ("Ottawa", ActorType.PLACE, [], ["Ottawa"]),
            ],
            [meeting],
        )
    )
    said = Event("e1", EventType.STATEMENT, 16, 21, "spoke", source="a1")
    lib.store_analysis(
        dated(
            "Press",
            BIDEN_2,
            "2023-05-02",
            [
                ("Biden", ActorType.PERSON, ["President Biden"], ["President Biden"]),
                ("Washington", ActorType.PLACE, [], ["Washington"]),
            ],
            [said],
        )
    )


def test_the_index_gives_first_and_last_dates_and_reads_in_pages(lib: Library) -> None:
    fill(lib)
    biden = list_actors(lib.conn, search="biden")[0]
    assert (biden.name, biden.documents, biden.first_date, biden.last_date) == (
        "Joe Biden",
        2,
        "2023-03-24",
        "2023-05-02",
    )
    everyone = list_actors(lib.conn)
    assert count_actors(lib.conn) == len(everyone) == 4
    assert list_actors(lib.conn, limit=2) + list_actors(lib.conn, limit=2, offset=2) == everyone
    assert count_actors(lib.conn, kind="PLACE") == 2 and count_actors(lib.conn, search="trudeau") == 1
    # One read gives the window its first page and how many there are in all.
    assert index_page(lib.conn, limit=1) == (4, everyone[:1])
    assert index_page(lib.conn, search="o", limit=1, offset=1)[0] == count_actors(lib.conn, search="o") == 3
    assert index_page(lib.conn, search="nobody", limit=1) == (0, [])
    # The reader corrects a document's date: the actor's dates follow.
    lib.set_date(Document(BIDEN_2).sha256, "2024-01-09")
    assert list_actors(lib.conn, search="biden")[0].last_date == "2024-01-09"


def test_an_actor_page_lists_documents_co_actors_timeline_and_mentions_with_context(lib: Library) -> None:
    fill(lib)
    biden = list_actors(lib.conn, search="biden")[0]
    page = actor_page(lib.conn, biden.id)
    assert page is not None
    assert [(d.title, d.date, d.mentions) for d in page.documents] == [
        ("Press", "2023-05-02", 1),
        ("Ottawa visit", "2023-03-24", 3),
    ]
    assert sorted(c.name for c in page.co_actors) == ["Justin Trudeau", "Ottawa", "Washington"]
    # One timeline across documents, oldest first; an undated event takes its document's date.
    assert [(e.date, e.type, e.role, e.title, e.text) for e in page.events] == [
        ("2023-03-24", "MEETING", "participant", "Ottawa visit", "met"),
        ("2023-05-02", "STATEMENT", "source", "Press", "spoke"),
    ]
    assert page.events[0].context == BIDEN_1  # a short text is its own context

    lines = document_mentions(lib.conn, biden.id, Document(BIDEN_1).sha256)
    assert [(m.text, m.kind) for m in lines] == [
        ("President Joe Biden", "name"),
        ("Biden", "name"),
        ("he", "pronoun"),
    ]
    assert lines[2].before.endswith("in Ottawa. Biden said") and lines[2].after == "was pleased."
    assert BIDEN_1[lines[2].start : lines[2].end] == "he"


def test_the_reader_links_and_unlinks_actors_undoably_and_a_new_analysis_keeps_it(lib: Library) -> None:
    lib.store_analysis(
        analysis("Farm", SMITH_1, [("John Smith", ActorType.PERSON, ["Mr. Smith"], ["John Smith", "Mr. Smith"])])
    )
    lib.store_analysis(
        analysis("Bridge", "Anna Smith opened the bridge.", [("Anna Smith", ActorType.PERSON, [], ["Anna Smith"])])
    )
    lib.store_analysis(analysis("Bare", SMITH_3, [("Mr. Smith", ActorType.PERSON, [], ["Mr. Smith"])]))
    # Two full-named Smiths: the bare one stands alone (never linked by a shared surname).
    assert sorted(by_name(lib)) == ["Anna Smith", "John Smith", "Mr. Smith"]
    ids = {a.name: a.id for a in list_actors(lib.conn)}

    with lib.write() as conn:
        change = link_actors(conn, ids["Mr. Smith"], ids["John Smith"])
    assert by_name(lib)["John Smith"] == [("Bare", ["Mr. Smith"]), ("Farm", ["John Smith", "Mr. Smith"])]
    # Analysing the document again keeps the reader's link.
    lib.store_analysis(analysis("Bare", SMITH_3, [("Mr. Smith", ActorType.PERSON, [], ["Mr. Smith"])]))
    assert sorted(by_name(lib)) == ["Anna Smith", "John Smith"]

    with lib.write() as conn:
        undo_link(conn, change)
    assert sorted(by_name(lib)) == ["Anna Smith", "John Smith", "Mr. Smith"]

    # Unlink: the reader says the John Smith of the farm is another man than the index thinks.
    lib.store_analysis(
        analysis("Farm 2", "John Smith bought seed.", [("John Smith", ActorType.PERSON, [], ["John Smith"])])
    )
    john = next(a for a in list_actors(lib.conn) if a.name == "John Smith")
    assert john.documents == 2
    farm2 = Document("John Smith bought seed.").sha256
    with lib.write() as conn:
        change = unlink_actor(conn, john.id, farm2)
    assert sorted((a.name, a.documents) for a in list_actors(lib.conn) if a.name == "John Smith") == [
        ("John Smith", 1),
        ("John Smith", 1),
    ]
    with lib.write() as conn:
        undo_link(conn, change)
    assert [a.documents for a in list_actors(lib.conn) if a.name == "John Smith"] == [2]


def test_actors_json_gives_the_counts_and_dates_the_index_window_shows(tmp_path: Path) -> None:
    """`main.py actors --json` carries each actor's first and last dates seen, as the Actors window lists them."""
    with Library(AppPaths.resolve(tmp_path).ensure().db_path) as lib:
        fill(lib)
    out = io.StringIO()
    assert actors_command(str(tmp_path), True, out) == 0
    actors = {a["name"]: a for a in json.loads(out.getvalue())["actors"]}
    biden = actors["Joe Biden"]
    assert (biden["first_date"], biden["last_date"]) == ("2023-03-24", "2023-05-02")
    assert (biden["document_count"], biden["mention_count"]) == (2, sum(len(d["mentions"]) for d in biden["documents"]))
    assert (actors["Ottawa"]["first_date"], actors["Ottawa"]["last_date"]) == ("2023-03-24", "2023-03-24")
    text = io.StringIO()
    assert actors_command(str(tmp_path), False, text) == 0
    assert "Joe Biden [PERSON]: 2 documents, 4 mentions, seen 2023-03-24 to 2023-05-02" in text.getvalue()

"""Questions across documents: actors by any name, event types in everyday words, date ranges as periods."""

from __future__ import annotations

from pathlib import Path

import pytest

from models.domain import EventType
from models.errors import InvalidDateError
from models.library import Library
from models.library.questions import Question, QuestionError, ask, event_type, resolve_actor
from models.version import ANALYZER_VERSION
from tests.models.story_samples import PERSON, Ev, analysis, fill


@pytest.fixture
def lib(tmp_path: Path) -> Library:
    library = Library(tmp_path / "library.sqlite3")
    fill(library)
    return library


def test_an_actor_is_found_by_full_name_title_or_surname(lib: Library) -> None:
    (blinken,) = resolve_actor(lib.conn, "Antony Blinken")
    assert resolve_actor(lib.conn, "Blinken") == [blinken]
    assert resolve_actor(lib.conn, "Secretary of State Blinken") == [blinken]
    assert resolve_actor(lib.conn, "Nobody") == []


def test_a_surname_shared_by_two_people_asks_about_both(lib: Library) -> None:
    other = analysis(
        "Another Blinken",
        "2023-12-07",
        "Donald Blinken met Antony Blinken.",
        {"Donald Blinken": (PERSON, ["Donald Blinken"]), "Antony Blinken": (PERSON, ["Antony Blinken"])},
        [Ev(EventType.MEETING, "met", "Donald Blinken", "Antony Blinken", None)],
    )
    lib.store_analysis(other)
    assert len(resolve_actor(lib.conn, "Blinken")) == 2
    answers = ask(lib, Question(("Donald Blinken",), "meeting"), ANALYZER_VERSION)
    assert [a.report.title for a in answers] == ["Another Blinken"]
    assert answers[0].date == "2023-12-07"  # an undated event answers with its document's date


def test_event_types_and_dates_are_read_as_a_reader_writes_them(lib: Library) -> None:
    assert event_type("meets") == "MEETING" and event_type("Call") == "CALL"
    with pytest.raises(QuestionError, match="meeting, call"):
        event_type("wedding")
    with pytest.raises(InvalidDateError, match="YYYY-MM-DD"):
        ask(lib, Question(("Blinken",), date_from="December"), ANALYZER_VERSION)
    with pytest.raises(QuestionError, match="after its end"):
        ask(lib, Question(("Blinken",), date_from="2024", date_to="2023"), ANALYZER_VERSION)
    by_year = ask(lib, Question(("Blinken",), date_from="2023", date_to="2023"), ANALYZER_VERSION)
    assert {a.report.type for a in by_year} == {"MEETING"}
    assert ask(lib, Question(("Blinken",), date_from="2024"), ANALYZER_VERSION) == []

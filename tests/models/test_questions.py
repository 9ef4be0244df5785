"""Questions across documents: actors by any name, event types in everyday words, date ranges as periods."""

from __future__ import annotations

from pathlib import Path

import pytest

from models.domain import Analysis, EventType
from models.errors import InvalidDateError
from models.library import Library
from models.library.corrections import CorrectionOp, event_key
from models.library.event_index import indexed_events
from models.library.questions import Question, QuestionError, ask, event_type, resolve_actor
from models.library.stories import document_events
from models.version import ANALYZER_VERSION
from tests.models.story_samples import PERSON, WIRE_REPORT, Ev, analysis, fill


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
    with pytest.raises(InvalidDateError, match=r"“December” is not a date .* a month \(March 2023\)"):
        ask(lib, Question(("Blinken",), date_from="December"), ANALYZER_VERSION)
    with pytest.raises(QuestionError, match="after its end"):
        ask(lib, Question(("Blinken",), date_from="2024", date_to="2023"), ANALYZER_VERSION)
    by_year = ask(lib, Question(("Blinken",), date_from="2023", date_to="2023"), ANALYZER_VERSION)
    assert {a.report.type for a in by_year} == {"MEETING"}
    assert ask(lib, Question(("Blinken",), date_from="2024"), ANALYZER_VERSION) == []


def test_a_question_naming_no_actor_is_answered_from_the_event_index(lib: Library, monkeypatch) -> None:
    """Event type and dates alone: answered from the index, the same sentences as reading every analysis."""
    live = [str(r[0]) for r in lib.conn.execute("SELECT hash FROM documents ORDER BY hash")]
    assert indexed_events(lib, live, ANALYZER_VERSION) == document_events(lib, live, ANALYZER_VERSION)

    read: list[str] = []
    original = lib.cached_analysis

    def reading(doc_hash: str, version: str) -> Analysis | None:
        read.append(doc_hash)
        return original(doc_hash, version)

    monkeypatch.setattr(lib, "cached_analysis", reading)
    meetings = ask(lib, Question(event_type="meeting"), ANALYZER_VERSION)
    assert [(a.date, a.report.trigger, a.report.who) for a in meetings] == [
        ("2023-12-04", "received", "Benjamin Netanyahu → Antony Blinken"),
        ("2023-12-05", "met", "Antony Blinken → Benjamin Netanyahu"),
        ("2023-12-15", "met again", "Antony Blinken → Benjamin Netanyahu"),
    ]
    december = ask(lib, Question(date_from="2023-12-06", date_to="2023-12-31"), ANALYZER_VERSION)
    assert [a.report.trigger for a in december] == ["struck", "met again", "called"]
    # The same days as a reader writes them: a range in one field, or a day and a month in words.
    for written in (("2023-12-06 to 2023-12-31", None), ("6 December 2023", "December 2023"), ("Dec 6, 2023", "2023")):
        assert ask(lib, Question(date_from=written[0], date_to=written[1]), ANALYZER_VERSION) == december
    assert read == []  # no stored analysis was read

    # A document the reader corrected is read from its analysis, corrections replayed.
    wire = WIRE_REPORT.document
    attack = next(e for e in WIRE_REPORT.events if e.type == EventType.ATTACK)
    lib.add_correction(wire.sha256, CorrectionOp.new("dismiss_event", event=event_key(attack, wire.text)))
    attacks = ask(lib, Question(event_type="attack"), ANALYZER_VERSION)
    assert [a.report.title for a in attacks] == ["Blinken meets Netanyahu in Jerusalem"]
    assert read == [wire.sha256]

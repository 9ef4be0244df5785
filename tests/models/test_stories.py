"""Stories: documents grouped by the reader, one merged timeline showing where the sources disagree."""

from __future__ import annotations

from pathlib import Path

import pytest

from models.library import Library
from models.library.corrections import CorrectionOp
from models.library.stories import (
    StoryError,
    add_to_story,
    create_story,
    delete_story,
    list_stories,
    remove_from_story,
    set_story_notes,
    story_timeline,
    suggest_stories,
    timeline_json,
)
from models.reader import ReaderNote
from models.version import ANALYZER_VERSION
from tests.models.story_samples import EUROPE_CALL, JERUSALEM_TALKS, WIRE_REPORT, fill


@pytest.fixture
def lib(tmp_path: Path) -> Library:
    return Library(tmp_path / "library.sqlite3")


def test_a_story_holds_the_documents_the_reader_put_in_it(lib: Library) -> None:
    talks, wire, call = fill(lib)
    create_story(lib, "  Gaza   talks ", [talks])
    assert add_to_story(lib, "gaza talks", [wire, talks]) == 1  # any case finds it; a document is in it once
    (story,) = list_stories(lib.conn)
    assert (story.name, story.documents) == ("Gaza talks", 2)
    with pytest.raises(StoryError, match="already a story"):
        create_story(lib, "GAZA TALKS")
    with pytest.raises(StoryError, match="no story called"):
        add_to_story(lib, "Elsewhere", [call])
    assert remove_from_story(lib, "Gaza talks", [talks]) == 1
    assert list_stories(lib.conn)[0].documents == 1
    delete_story(lib, "Gaza talks")
    assert list_stories(lib.conn) == [] and lib.has_document(wire)  # the documents stay in the library


def test_the_same_event_in_two_documents_is_one_row_listing_both_sources(lib: Library) -> None:
    talks, wire, _call = fill(lib)
    create_story(lib, "Gaza talks", [talks, wire])
    timeline = story_timeline(lib, "Gaza talks", ANALYZER_VERSION)
    rows = [(r.type, r.date, len(r.reports), sorted({x.title for x in r.reports})) for r in timeline.rows]
    assert rows == [
        ("MEETING", "2023-12-04", 2, ["Blinken meets Netanyahu in Jerusalem", "Talks in Israel as hospital is hit"]),
        ("ATTACK", "2023-12-05", 2, ["Blinken meets Netanyahu in Jerusalem", "Talks in Israel as hospital is hit"]),
        ("MEETING", "2023-12-15", 1, ["Talks in Israel as hospital is hit"]),  # eleven days later: another meeting
    ]
    first = timeline.rows[0]
    assert sorted(a.name for a in first.actors) == ["Antony Blinken", "Benjamin Netanyahu"]  # one library actor each
    assert {r.sentence for r in first.reports} == {
        "Antony Blinken met Benjamin Netanyahu in Jerusalem on Tuesday.",
        "Prime Minister Netanyahu received Secretary of State Blinken on Monday.",
    }


def test_where_sources_disagree_the_row_says_so_and_shows_each_version(lib: Library) -> None:
    talks, wire, _call = fill(lib)
    create_story(lib, "Gaza talks", [talks, wire])
    meeting, attack, later = story_timeline(lib, "Gaza talks", ANALYZER_VERSION).rows
    # The two texts give different days for the meeting: both are shown with the document giving each.
    assert [(v.label, v.titles) for v in meeting.date_versions] == [
        ("2023-12-04", ["Talks in Israel as hospital is hit"]),
        ("2023-12-05", ["Blinken meets Netanyahu in Jerusalem"]),
    ]
    assert meeting.disagreements == [
        "The sources disagree on the date: 2023-12-04 (Talks in Israel as hospital is hit); "
        "2023-12-05 (Blinken meets Netanyahu in Jerusalem)."
    ]
    # Who received whom does not matter for a meeting; who struck the hospital does.
    assert len(meeting.role_versions) == 1
    assert [v.label for v in attack.role_versions] == [
        "Israeli forces → al-Shifa hospital",
        "Hamas → al-Shifa hospital",
    ]
    assert attack.disagreements == [
        "The sources disagree on who did what: Israeli forces → al-Shifa hospital "
        "(Blinken meets Netanyahu in Jerusalem); Hamas → al-Shifa hospital (Talks in Israel as hospital is hit)."
    ]
    # Dates only guessed from each report's own date never count as a disagreement.
    assert attack.date_versions == [] and not attack.date_given
    assert later.disagreements == []


def test_story_actors_and_the_readers_notes_come_with_the_timeline(lib: Library) -> None:
    talks, wire, _call = fill(lib)
    create_story(lib, "Gaza talks", [talks, wire], notes="Check the hospital claims.")
    lib.save_item(talks, ReaderNote("n1", "event:e2", "Which forces?"))
    timeline = story_timeline(lib, "Gaza talks", ANALYZER_VERSION)
    assert timeline.story.notes == "Check the hospital claims."
    assert [(a.name, a.documents) for a in timeline.actors[:3]] == [
        ("Antony Blinken", 2),
        ("Benjamin Netanyahu", 2),
        ("al-Shifa hospital", 2),
    ]
    (note,) = timeline.notes
    assert (note.text, timeline.rows[note.row or 0].type) == ("Which forces?", "ATTACK")
    set_story_notes(lib, "Gaza talks", "Updated.")
    data = timeline_json(story_timeline(lib, "Gaza talks", ANALYZER_VERSION))
    assert data["notes"] == "Updated." and data["reader_notes"][0]["row"] == 1
    assert [len(r["sources"]) for r in data["timeline"]] == [2, 2, 1]


def test_suggestions_group_documents_sharing_actors_and_close_dates(lib: Library) -> None:
    talks, wire, call = fill(lib)
    (suggestion,) = suggest_stories(lib.conn)
    assert set(suggestion.doc_hashes) == {talks, wire}
    assert suggestion.name == "Antony Blinken and Benjamin Netanyahu"
    create_story(lib, suggestion.name, suggestion.doc_hashes)
    assert suggest_stories(lib.conn) == []  # accepted: not suggested again
    assert call not in suggestion.doc_hashes


def test_documents_far_apart_in_time_are_not_suggested_together(lib: Library) -> None:
    fill(lib)
    lib.set_date(WIRE_REPORT.document.sha256, "2024-03-01")
    assert suggest_stories(lib.conn) == []
    assert EUROPE_CALL.document.sha256 and JERUSALEM_TALKS.document.sha256


def test_stories_travel_with_an_exported_library(lib: Library, tmp_path: Path) -> None:
    talks, wire, call = fill(lib)
    create_story(lib, "Gaza talks", [talks, wire], notes="Mine.")
    exported = lib.export_to(tmp_path / "export.dramatis-library")
    with Library(tmp_path / "other" / "library.sqlite3") as other:
        other.store_analysis(EUROPE_CALL)
        create_story(other, "GAZA TALKS", [call], notes="Theirs.")
        other.import_from(exported)
        (story,) = list_stories(other.conn)
        assert (story.name, story.notes, story.documents) == ("GAZA TALKS", "Theirs.", 3)  # joined by name
        other.import_from(exported)
        assert list_stories(other.conn)[0].documents == 3  # importing twice adds nothing


def test_the_readers_corrections_are_applied_to_the_timeline(lib: Library) -> None:
    talks, wire, _call = fill(lib)
    create_story(lib, "Gaza talks", [talks, wire])
    # The reader says "Hamas" is not an actor of the wire report: nothing names a second attacker any more.
    lib.add_correction(wire, CorrectionOp.new("remove", actor={"name": "Hamas", "type": "ORG"}))
    attack = story_timeline(lib, "Gaza talks", ANALYZER_VERSION).rows[1]
    assert attack.type == "ATTACK" and attack.disagreements == []
    assert [r.who for r in attack.reports] == ["Israeli forces → al-Shifa hospital", "? → al-Shifa hospital"]

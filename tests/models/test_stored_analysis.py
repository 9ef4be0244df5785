"""The corrected stored analysis: one set of steps for the window's analysis worker and `main.py report`."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from models.cli_report import load_reader_layer
from models.domain import Actor, ActorType, Analysis, Document, Mention
from models.library import Library
from models.library.corrections import CorrectionOp
from models.library.reader_store import LibraryStore
from models.library.stored_analysis import LibraryCache, keep_fresh
from models.reader import ReaderNote
from models.version import ANALYZER_VERSION

TEXT = "PORTO, 3 May 2024 - Ana Lopes met the harbour union in Porto.\n\nThe strike ended on Friday.\n"


def _analysis(document: Document, version: str, ana_id: str = "a1") -> Analysis:
    start = TEXT.index("Ana Lopes")
    actors = [
        Actor(ana_id, "Ana Lopes", ActorType.PERSON, mentions=[Mention(start, start + 9, "Ana Lopes")]),
        Actor("a9" if ana_id == "a1" else "a1", "Porto", ActorType.PLACE, mentions=[Mention(0, 5, "PORTO")]),
    ]
    return Analysis(document, version, "stored", actors=actors)


def test_the_report_shows_the_analysis_the_window_shows_for_a_text_without_a_date(tmp_path: Path) -> None:
    db_path = tmp_path / "data" / "library.sqlite3"
    plain = Document(TEXT, title="Harbour", source_path=str(tmp_path / "article.txt"))  # no date of its own
    found = replace(plain, date="2024-05-03")  # the date the analysis read from the dateline
    with Library(db_path) as lib:
        key = lib.add_document(plain).hash
        lib.store_analysis(_analysis(found, ANALYZER_VERSION))
        lib.add_correction(key, CorrectionOp.new("rename", actor={"name": "Porto", "type": "PLACE"}, name="Oporto"))
    window = LibraryCache(db_path).cached(plain)
    layer = load_reader_layer(plain, str(tmp_path / "data"))
    assert window is not None and layer is not None and layer.analysis is not None
    assert window.document.date == layer.analysis.document.date == "2024-05-03"
    assert (
        sorted(a.name for a in window.actors)
        == sorted(a.name for a in layer.analysis.actors)
        == [
            "Ana Lopes",
            "Oporto",
        ]
    )


def test_a_stored_analysis_of_another_date_is_not_taken(tmp_path: Path) -> None:
    db_path = tmp_path / "library.sqlite3"
    dated = Document(TEXT, title="Harbour", date="2024-05-03")
    with Library(db_path) as lib:
        lib.store_analysis(_analysis(dated, ANALYZER_VERSION))
    assert LibraryCache(db_path).cached(replace(dated, date="2024-06-01")) is None
    assert LibraryCache(db_path).cached(dated) is not None


def test_a_new_analyzer_version_is_stored_corrected_and_the_notes_follow_their_actor(tmp_path: Path) -> None:
    db_path = tmp_path / "library.sqlite3"
    document = Document(TEXT, title="Harbour", date="2024-05-03")
    old = _analysis(document, "old")
    with Library(db_path) as lib:
        key = lib.add_document(document).hash
        lib.store_analysis(old)
        store = LibraryStore(lib, {})
        store.analysis = lambda: old  # the note is saved with what identifies its actor
        store.save_item(key, ReaderNote("n1", "actor:a1", "union leader?"))
        lib.add_correction(key, CorrectionOp.new("rename", actor={"name": "Porto", "type": "PLACE"}, name="Oporto"))
    fresh = LibraryCache(db_path).remember(_analysis(document, "new", ana_id="a4"))  # Ana is numbered a4 now
    assert sorted(a.name for a in fresh.actors) == ["Ana Lopes", "Oporto"]
    with Library(db_path) as lib:
        kept = lib.cached_analysis(key, "new")
        assert kept is not None and {a.name for a in kept.actors} == {"Ana Lopes", "Porto"}  # never the corrected one
        assert [n.target for n in lib.load_notes(key)] == ["actor:a4"]


def test_a_library_that_refuses_to_store_still_gives_the_corrected_analysis(tmp_path: Path) -> None:
    document = Document(TEXT, title="Harbour", date="2024-05-03")
    with Library(tmp_path / "library.sqlite3") as lib:
        key = lib.add_document(document).hash
        lib.add_correction(key, CorrectionOp.new("rename", actor={"name": "Porto", "type": "PLACE"}, name="Oporto"))
        lib.conn.execute("PRAGMA query_only = ON")  # every write is refused from here on
        shown = keep_fresh(lib, _analysis(document, ANALYZER_VERSION))
        assert sorted(a.name for a in shown.actors) == ["Ana Lopes", "Oporto"]
        assert lib.read_only  # the window is told to show the library as read-only
        assert lib.cached_analysis(key, ANALYZER_VERSION) is None


def test_an_analysis_shown_before_it_is_indexed_reaches_the_actor_index_afterwards(tmp_path: Path) -> None:
    from models.library.actor_index import unindexed

    db_path = tmp_path / "library.sqlite3"
    document = Document(TEXT, title="Harbour", date="2024-05-03")
    Library(db_path).close()
    cache = LibraryCache(db_path)
    fresh = _analysis(document, ANALYZER_VERSION)
    shown = cache.remember(fresh, index=False)
    assert sorted(a.name for a in shown.actors) == ["Ana Lopes", "Porto"]
    with Library(db_path) as lib:
        assert lib.cached_analysis(document.sha256, ANALYZER_VERSION) is not None  # kept at once
        assert unindexed(lib.conn, ANALYZER_VERSION) == [document.sha256]  # the library's actors wait
    cache.index(fresh)
    with Library(db_path) as lib:
        assert unindexed(lib.conn, ANALYZER_VERSION) == []
        names = {row[0] for row in lib.conn.execute("SELECT name FROM library_actors")}
    assert "Ana Lopes" in names

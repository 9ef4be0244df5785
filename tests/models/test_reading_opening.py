"""A document comes into the reading session one way: the stored analysis when the library holds one,
else a fresh analysis with the reader's corrections replayed (the window's worker and `main.py report`)."""

from __future__ import annotations

from pathlib import Path

from models.domain import Actor, ActorType, Analysis, Document, Mention
from models.library import Library
from models.library.corrections import CorrectionOp
from models.library.stored_analysis import LibraryCache
from models.reading.opening import Replayed, analysed, read
from models.version import ANALYZER_VERSION

TEXT = "Ana Lopes met the harbour union in Porto.\n"
RENAME = CorrectionOp.new("rename", actor={"name": "Porto", "type": "PLACE"}, name="Oporto")


def _analyse(document: Document) -> Analysis:
    start = TEXT.index("Porto")
    porto = Actor("a1", "Porto", ActorType.PLACE, mentions=[Mention(start, start + 5, "Porto")])
    return Analysis(document, ANALYZER_VERSION, "fresh", actors=[porto])


def _refuse(document: Document) -> Analysis:
    raise AssertionError("the stored analysis should have been taken")


def test_a_fresh_analysis_has_the_readers_corrections_replayed_and_a_stored_one_is_taken_as_it_is() -> None:
    document = Document(TEXT, title="Harbour")
    fresh = analysed(document, _analyse, Replayed(None, [RENAME]))
    assert [a.name for a in fresh.actors] == ["Oporto"]
    assert analysed(document, _refuse, Replayed(fresh, [RENAME])) is fresh
    assert [a.name for a in analysed(document, _analyse, None).actors] == ["Porto"]


def test_the_window_source_keeps_a_fresh_analysis_and_gives_it_back_stored(tmp_path: Path) -> None:
    path = tmp_path / "harbour.txt"
    path.write_text(TEXT, encoding="utf-8")
    document = read(path, "2024-05-03")
    assert document.date == "2024-05-03"
    db_path = tmp_path / "library.sqlite3"
    with Library(db_path) as lib:
        lib.add_correction(lib.add_document(document).hash, RENAME)
    source = LibraryCache(db_path)
    assert [a.name for a in analysed(document, _analyse, source).actors] == ["Oporto"]
    again = analysed(read(path, "2024-05-03"), _refuse, source)
    assert again.model == "fresh" and [a.name for a in again.actors] == ["Oporto"]

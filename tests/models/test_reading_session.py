"""The reading session owns the open document's spans: each layer is replaced without losing the other."""

from __future__ import annotations

from models.analysis.actor_facts import ProvisionalSpan
from models.domain import ActorType, Document
from models.reader import ReaderHighlight
from models.reading.session import ReadingSession
from models.reading.spans import READER_PREFIX
from tests.gui.reader_fixtures import TEXT, build_analysis


def _reader(session: ReadingSession) -> list[str]:
    return [s.item_id for s in session.spans if s.category.startswith(READER_PREFIX)]


def test_the_analysis_and_the_readers_highlights_replace_their_own_layer_only() -> None:
    session = ReadingSession()
    document = Document(text=TEXT, title="t")
    session.open(document)
    session.set_reader_highlights([ReaderHighlight("h1", 0, 3, "Question", TEXT[:3])])
    session.add_provisional([ProvisionalSpan(0, 3, ActorType.PERSON)])
    assert len(session.spans) == 2

    analysis = build_analysis(document)
    index = session.set_analysis(analysis)
    assert index is session.spans and session.analysis is analysis
    assert _reader(session) == ["h1"]  # the reader's work stays when the analysis arrives
    assert all(s.item_id for s in session.spans)  # the provisional names are gone
    found = len(session.spans) - 1

    session.set_reader_highlights([])
    assert _reader(session) == [] and len(session.spans) == found  # the analysis stays when highlights change

    session.open(Document(text="Another text.", title="u"))
    assert session.analysis is None and len(session.spans) == 0

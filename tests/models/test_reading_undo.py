"""Undo records of the reader's work and the analysis corrections, without Qt."""

from __future__ import annotations

from dataclasses import replace

from models.library.corrections import rename
from models.reader import ReaderHighlight, ReaderNote
from models.reading import CategoryChange, Change, Correction, MemoryStore, Snapshot
from tests.gui.reader_fixtures import build_analysis


def test_a_change_and_its_inverse_swap_the_item() -> None:
    highlight = ReaderHighlight("h1", 0, 5, "Question", "Zoë M")
    recoloured = replace(highlight, category="Evidence")
    change = Change(highlight, recoloured)
    assert change.inverse() == Change(recoloured, highlight)
    assert Change(None, highlight).inverse() == Change(highlight, None)  # undoing an add removes it


def test_undoing_a_category_rename_renames_back() -> None:
    change = CategoryChange((("Question", "#fff"),), (("Doubt", "#fff"),), (("Question", "Doubt"),))
    undo = change.inverse()
    assert undo.before == change.after and undo.after == change.before
    assert undo.renamed == (("Doubt", "Question"),)


def test_a_snapshot_is_not_reached_by_later_edits_and_restores_exactly() -> None:
    analysis = build_analysis()
    names = [a.name for a in analysis.actors]
    before = Snapshot.of(analysis)
    analysis.actors[0].name = "Somebody Else"  # edits in place after the snapshot was taken
    analysis.actors[0].mentions.clear()
    assert [a.name for a in before.actors] == names
    assert before.actors[0].mentions  # the snapshot kept its own copy

    actors, events = rename(analysis.actors, analysis.events, analysis.actors[1].id, "Another")
    correction = Correction(before, Snapshot(tuple(actors), tuple(events)))
    correction.inverse().after.restore_into(analysis)
    assert [a.name for a in analysis.actors] == names
    analysis.actors[0].mentions.clear()
    assert before.actors[0].mentions  # restoring hands out copies: the undo step stays reusable
    assert correction.inverse().undoing and not correction.inverse().inverse().undoing


def test_the_session_store_keeps_items_per_document_and_its_categories() -> None:
    store = MemoryStore(colors={"Important": "#f00"})
    note = ReaderNote("n1", "document", "Check the date")
    highlight = ReaderHighlight("h1", 0, 5, "Important", "Zoë M")
    store.save_item("doc", note)
    store.save_item("doc", highlight)
    assert store.load_notes("doc") == [note]
    assert store.load_items("other") == []
    store.delete_item("doc", note)
    assert store.load_items("doc") == [highlight]
    store.set_categories({"Doubt": "#00f"})
    assert store.categories() == {"Doubt": "#00f"}

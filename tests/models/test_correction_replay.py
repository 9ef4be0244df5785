"""Corrections found again by stable keys when the analysis is redone on edited text with new ids."""

from __future__ import annotations

from models.domain import Actor, ActorType, Analysis, Document, Event, EventType, Mention
from models.library.corrections import (
    CorrectionOp,
    find_span,
    replay,
    span_key,
    split_mention,
)
from models.library.schema import SCHEMA_VERSION

TEXT = "Anna Berg met Tom Fox in Oslo. Berg left early. Later Berg, a different one, signed the deal."


def _analysis(text: str, prefix: str = "") -> Analysis:
    def at(word: str, n: int = 0) -> Mention:
        start = -1
        for _ in range(n + 1):
            start = text.index(word, start + 1)
        return Mention(start, start + len(word), word)

    anna = Actor(
        f"{prefix}a1",
        "Anna Berg",
        ActorType.PERSON,
        ["Anna Berg", "Berg"],
        mentions=[at("Anna Berg"), at("Berg", 1), at("Berg", 2)],
    )
    tom = Actor(f"{prefix}a2", "Tom Fox", ActorType.PERSON, ["Tom Fox"], mentions=[at("Tom Fox")])
    signed = text.index("signed")
    event = Event(f"{prefix}e1", EventType.AGREEMENT, signed, signed + 6, "signed", participants=[anna.id])
    return Analysis(Document(text), "test", "none", actors=[anna, tom], events=[event])


def test_split_mention_moves_one_mention_and_keeps_the_rest() -> None:
    analysis = _analysis(TEXT)
    third = analysis.actors[0].mentions[2]
    actors, _events = split_mention(analysis.actors, analysis.events, "a1", third.start, third.end)
    by_name = {a.name: a for a in actors}
    assert [m.start for m in by_name["Berg"].mentions] == [third.start]
    assert len(by_name["Anna Berg"].mentions) == 2
    assert "Berg" in by_name["Anna Berg"].aliases  # the other "Berg" still belongs to Anna
    assert analysis.actors[0].mentions[2] == third  # the input is not touched


def test_a_split_mention_is_found_again_in_edited_text_with_new_ids() -> None:
    old = _analysis(TEXT)
    third = old.actors[0].mentions[2]
    op = CorrectionOp.new(
        "split_mention",
        actor={"name": "Anna Berg", "type": "PERSON", "aliases": ["Anna Berg", "Berg"]},
        mention=span_key(third, TEXT),
    )
    edited = "Yesterday, " + TEXT.replace("left early", "left the meeting early")
    new = _analysis(edited, prefix="x")
    corrected, skipped = replay(new, [op])
    assert skipped == []
    by_name = {a.name: a for a in corrected.actors}
    moved = by_name["Berg"].mentions
    assert [edited[m.start : m.end + 20] for m in moved] == ["Berg, a different one, s"]


def test_find_span_prefers_context_over_position_and_refuses_a_stranger() -> None:
    analysis = _analysis(TEXT)
    second = analysis.actors[0].mentions[1]
    key = span_key(second, TEXT) | {"start": analysis.actors[0].mentions[2].start}
    assert find_span(analysis.actors[0].mentions, TEXT, key) == second
    other = "Berg is here. " * 3
    mentions = [Mention(i, i + 4, "Berg") for i in range(0, len(other), 14)]
    assert find_span(mentions, other, span_key(second, TEXT)) is None


def test_a_library_from_before_note_keys_migrates_and_its_notes_follow_renumbered_actors(tmp_path) -> None:
    import sqlite3

    from models.library import Library
    from models.library.corrections import follow_notes
    from models.reader import ReaderNote

    old = _analysis(TEXT)
    path = tmp_path / "library.sqlite3"
    with Library(path) as lib:
        lib.add_document(old.document)
        lib.save_item(old.document.sha256, ReaderNote("n1", "actor:a2", "Is he the minister?"))
        lib.save_item(old.document.sha256, ReaderNote("n2", "event:e1", "Signed where?"))
    with sqlite3.connect(path) as conn:  # the file as schema 1 left it
        conn.execute("ALTER TABLE notes DROP COLUMN anchor")
        conn.execute("PRAGMA user_version = 1")

    with Library(path) as lib:
        assert lib.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        doc = old.document.sha256
        assert [(n, t, k) for n, t, k in lib.note_targets(doc)] == [("n1", "actor:a2", None), ("n2", "event:e1", None)]
        lib.set_note_targets(follow_notes(old, lib.note_targets(doc)))  # shown once: the keys are kept
        keyed = {n: k for n, _t, k in lib.note_targets(doc)}
        assert keyed["n1"] == {"actor": {"name": "Tom Fox", "type": "PERSON", "aliases": ["Tom Fox"]}}
        assert keyed["n2"] is not None and keyed["n2"]["event"]["text"] == "signed"

        renumbered = _analysis(TEXT, prefix="x")
        renumbered.actors.reverse()  # another order too
        lib.set_note_targets(follow_notes(renumbered, lib.note_targets(doc)))
        notes = {i.id: i for i in lib.load_items(doc) if isinstance(i, ReaderNote)}
        assert (notes["n1"].target, notes["n2"].target) == ("actor:xa2", "event:xe1")
        assert notes["n1"].text == "Is he the minister?"

        gone = _analysis(TEXT, prefix="y")
        gone.events = []
        lib.set_note_targets(follow_notes(gone, lib.note_targets(doc)))
        assert {t for _n, t, _k in lib.note_targets(doc)} == {"actor:ya2", "event:xe1"}  # kept, never dropped

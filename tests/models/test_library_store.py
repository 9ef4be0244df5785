"""The library database: records, transactions, versions, damaged files, search, trash, backup and merge."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from models.domain import Actor, ActorType, Analysis, Document, Mention
from models.errors import StorageError
from models.library import Library
from models.library.corrections import CorrectionOp
from models.library.schema import SCHEMA_VERSION
from models.reader import ReaderHighlight, ReaderNote

TEXT = (
    "Alice Moreau met Bob Okafor in Lyon on Monday. They spoke about the harbour strike and the ferry.\n\n"
    "Later the union called the mayor. Nobody answered the phone that evening.\n"
)


def doc(text: str = TEXT, path: str | None = "/docs/article.txt", title: str = "Harbour") -> Document:
    return Document(text, title=title, source_path=path)


def hl(item_id: str, needle: str, category: str = "Important", note: str = "", text: str = TEXT) -> ReaderHighlight:
    start = text.index(needle)
    return ReaderHighlight(item_id, start, start + len(needle), category, note)


@pytest.fixture
def lib(tmp_path: Path):
    library = Library(tmp_path / "library.sqlite3")
    yield library
    library.close()


def test_items_are_committed_when_the_call_returns(lib: Library, tmp_path: Path) -> None:
    key = lib.add_document(doc()).hash
    lib.save_item(key, hl("h1", "harbour strike", note="check the *date*"))
    lib.save_item(key, ReaderNote("n1", "actor:a1", "Mayor of Lyon?", ("people", "lyon")))
    other = sqlite3.connect(tmp_path / "library.sqlite3")  # a second reader sees both at once
    assert other.execute("SELECT count(*) FROM highlights").fetchone()[0] == 1
    assert other.execute("SELECT tags FROM notes").fetchone()[0] == '["people", "lyon"]'
    other.close()
    items = lib.load_items(key)
    assert items[0] == ReaderHighlight(
        "h1",
        TEXT.index("harbour strike"),
        TEXT.index("harbour strike") + 14,
        "Important",
        "check the *date*",
        (),
        "harbour strike",
        True,
    )
    assert items[1] == ReaderNote("n1", "actor:a1", "Mayor of Lyon?", ("people", "lyon"))
    lib.delete_item(key, items[0])
    assert [i.id for i in lib.load_items(key)] == ["n1"]


def test_pragmas_and_version(lib: Library) -> None:
    conn = lib.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_a_failed_action_leaves_nothing_half_written(lib: Library) -> None:
    key = lib.add_document(doc()).hash
    with pytest.raises(RuntimeError), lib.write() as conn:
        conn.execute("INSERT INTO categories (name, color, position) VALUES ('x', '#000000', 0)")
        raise RuntimeError("boom")
    assert lib.categories() == {}
    lib.set_categories({"Important": "#F0E442", "Doubt": "#56B4E9"})
    assert list(lib.categories()) == ["Important", "Doubt"]
    assert lib.load_items(key) == []


def test_same_text_from_another_path_is_the_same_document(lib: Library) -> None:
    first = lib.add_document(doc(path="/a/one.txt"))
    lib.save_item(first.hash, hl("h1", "ferry"))
    again = lib.add_document(doc(path="/elsewhere/copy.txt"))
    assert again.hash == first.hash and not again.is_new
    assert [i.id for i in lib.load_items(again.hash)] == ["h1"]
    assert len(lib.documents()) == 1 and lib.documents()[0].source == "/elsewhere/copy.txt"


def test_a_newer_library_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    Library(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StorageError, match="newer version of Dramatis"):
        Library(path)
    assert path.read_bytes() == before
    assert not list(tmp_path.glob("library.corrupt-*"))


@pytest.mark.parametrize("damage", ["garbage", "truncated", "other-sqlite"])
def test_an_unreadable_file_is_kept_aside_and_a_fresh_library_starts(tmp_path: Path, damage: str) -> None:
    path = tmp_path / "library.sqlite3"
    if damage == "garbage":
        path.write_bytes(b"\x00\xffnot a database at all" * 200)
    elif damage == "truncated":
        with Library(path) as lib:
            key = lib.add_document(doc(TEXT * 400)).hash
            for i in range(200):
                lib.save_item(key, ReaderNote(f"n{i}", "document", f"note {i} " * 40))
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 3])
    else:
        conn = sqlite3.connect(path)
        conn.execute("CREATE TABLE recipes (name TEXT)")
        conn.commit()
        conn.close()
    damaged = path.read_bytes()
    lib = Library(path)
    try:
        assert lib.notice and "could not be read" in lib.notice
        assert lib.moved_to is not None and lib.moved_to.name.startswith("library.corrupt-")
        assert lib.moved_to.read_bytes() == damaged  # kept byte for byte
        assert lib.documents() == []
        lib.add_document(doc())
    finally:
        lib.close()
    with Library(path) as again:  # the fresh one opens cleanly next time
        assert again.notice is None and len(again.documents()) == 1


def test_corrupt_files_are_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    moved = []
    for round_ in range(2):
        path.write_bytes(f"broken {round_}".encode() * 50)
        lib = Library(path)
        moved.append(lib.moved_to)
        lib.close()
    assert moved[0] != moved[1]
    assert {p.read_bytes()[:8] for p in moved if p} == {b"broken 0", b"broken 1"}


def test_search_finds_documents_and_notes_but_not_trashed_ones(lib: Library) -> None:
    key = lib.add_document(doc()).hash
    other = lib.add_document(doc("Zoë visited the café in Zürich.", path="/b.txt", title="Zurich trip")).hash
    lib.save_item(key, hl("h1", "ferry", note="Which company runs the ferry?"))
    lib.save_item(other, ReaderNote("n1", "document", "Ask about the gondola", ("travel",)))
    assert {h.doc_hash for h in lib.search("harbour")} == {key}
    assert [h.kind for h in lib.search("zurich")] == ["document"]  # accents folded
    assert [(h.kind, h.item_id) for h in lib.search("gondol")] == [("note", "n1")]
    assert [(h.kind, h.item_id) for h in lib.search("company ferry")] == [("highlight", "h1")]
    assert lib.search("travel")[0].item_id == "n1"
    assert lib.search('" OR * (') == []  # the reader's words are never query syntax
    lib.trash(other)
    assert lib.search("gondola") == [] and lib.search("zurich") == []
    lib.restore(other)
    assert lib.search("gondola")


def test_trash_restore_and_empty(lib: Library) -> None:
    key = lib.add_document(doc()).hash
    lib.save_item(key, hl("h1", "ferry"))
    lib.trash(key)
    assert lib.documents() == [] and [r.hash for r in lib.documents(trashed=True)] == [key]
    lib.restore(key)
    assert [r.note_count for r in lib.documents()] == [1]
    lib.trash(key)
    assert lib.empty_trash() == 1
    assert lib.documents(trashed=True) == [] and lib.conn.execute("SELECT count(*) FROM highlights").fetchone() == (0,)
    assert lib.search("ferry") == []


def test_rename_keeps_everything(lib: Library) -> None:
    key = lib.add_document(doc()).hash
    lib.rename(key, "  The strike ")
    assert lib.documents()[0].title == "The strike"
    assert lib.search("strike")[0].title == "The strike"


def test_analysis_cache_per_analyzer_version(lib: Library) -> None:
    document = doc()
    analysis = Analysis(
        document,
        "7",
        "test-model",
        actors=[Actor("a1", "Alice Moreau", ActorType.PERSON, mentions=[Mention(0, 12, "Alice Moreau")])],
    )
    lib.store_analysis(analysis)
    cached = lib.cached_analysis(document.sha256, "7")
    assert cached is not None and cached.to_json() == analysis.to_json()
    assert lib.cached_analysis(document.sha256, "8") is None


def test_corrections_are_kept_in_order_and_removable(lib: Library) -> None:
    key = lib.add_document(doc()).hash
    first = CorrectionOp.new("rename", actor={"name": "Bob", "type": "PERSON", "aliases": []}, name="Robert")
    second = CorrectionOp.new("remove", actor={"name": "Lyon", "type": "PLACE", "aliases": []})
    lib.add_correction(key, first)
    lib.add_correction(key, second)
    assert lib.corrections(key) == [first, second]
    lib.remove_correction(first.id)
    assert lib.corrections(key) == [second]


def test_a_changed_file_carries_its_work_to_the_new_version(lib: Library) -> None:
    key = lib.add_document(doc()).hash
    lib.save_item(key, hl("h1", "harbour strike", note="date?"))
    lib.save_item(key, hl("h2", "Nobody answered the phone", note="who tried?"))
    lib.save_item(key, ReaderNote("n1", "document", "keep me"))
    edited = TEXT.replace("Later the union", "On Tuesday the dock workers' union").replace(
        "Nobody answered the phone that evening.", "The phone rang on."
    )
    opened = lib.add_document(doc(edited))
    assert opened.previous == key and (opened.placed, opened.unanchored) == (1, 1)
    items = {i.id: i for i in lib.load_items(opened.hash)}
    moved = items["h1"]
    assert isinstance(moved, ReaderHighlight) and edited[moved.start : moved.end] == "harbour strike"
    lost = items["h2"]
    assert isinstance(lost, ReaderHighlight) and not lost.anchored and lost.quote == "Nobody answered the phone"
    assert lost.note == "who tried?" and "n1" in items
    assert [r.hash for r in lib.documents()] == [opened.hash]  # the old version leaves the list
    # re-attached by the reader: anchored again, on the new words
    start = edited.index("The phone rang")
    lib.save_item(opened.hash, ReaderHighlight("h2", start, start + 14, "Important", "who tried?"))
    again = {i.id: i for i in lib.load_items(opened.hash)}["h2"]
    assert isinstance(again, ReaderHighlight) and again.anchored and again.quote == "The phone rang"


def test_export_and_import_merge_without_losing_anything(tmp_path: Path) -> None:
    with Library(tmp_path / "a" / "library.sqlite3") as a:
        key = a.add_document(doc()).hash
        a.save_item(key, hl("h1", "ferry", note="from A"))
        a.set_categories({"Important": "#F0E442"})
        a.store_analysis(Analysis(doc(), "1", "m"))
        exported = a.export_to(tmp_path / "backup.dramatis-library")
    with Library(tmp_path / "b" / "library.sqlite3") as b:
        key_b = b.add_document(doc()).hash
        b.save_item(key_b, hl("h1", "ferry", note="from B, edited differently"))
        b.save_item(key_b, ReaderNote("n2", "document", "only in B"))
        b.add_document(doc("Another text entirely.", path="/c.txt", title="Other"))
        summary = b.import_from(exported)
        notes = sorted(i.note for i in b.load_items(key) if isinstance(i, ReaderHighlight))
        assert notes == ["from A", "from B, edited differently"]
        assert summary.items == 1 and summary.renamed_items
        assert {i.id for i in b.load_items(key)} >= {"h1", "n2"}
        assert b.cached_analysis(key, "1") is not None and b.categories() == {"Important": "#F0E442"}
        assert b.import_from(exported).items == 0  # importing twice adds nothing new
        assert len(b.documents()) == 2


def test_import_refuses_what_is_not_a_library(tmp_path: Path, lib: Library) -> None:
    bogus = tmp_path / "notes.dramatis-library"
    bogus.write_text("hello", encoding="utf-8")
    with pytest.raises(StorageError, match="not a Dramatis library"):
        lib.import_from(bogus)
    with pytest.raises(StorageError, match="does not exist"):
        lib.import_from(tmp_path / "missing.dramatis-library")


def test_event_corrections_follow_their_event_into_a_new_analysis() -> None:
    """Ids and offsets change when the text or the analyzer changes; the trigger and its context do not."""
    from models.domain import Event, EventType
    from models.library.corrections import CorrectionOp, event_key, replay

    old_text = "On Monday the army attacked the town. Later the mayor called the minister."
    new_text = "Reports said: on Monday the army attacked the town. Later the mayor called the minister."
    attacked = Event("e1", EventType.ATTACK, old_text.index("attacked"), old_text.index("attacked") + 8, "attacked")
    dismiss = CorrectionOp.new("dismiss_event", event=event_key(attacked, old_text))
    called_at = old_text.index("called")
    called = Event("e2", EventType.CALL, called_at, called_at + 6, "called")
    redate = CorrectionOp.new("event_date", event=event_key(called, old_text), date="2024-03")

    shift = len("Reports said: ")
    fresh = Analysis(
        document=Document(new_text),
        analyzer_version="2",
        model="test",
        events=[
            Event("e7", EventType.CALL, called.start + shift, called.end + shift, "called"),
            Event("e8", EventType.ATTACK, attacked.start + shift, attacked.end + shift, "attacked"),
        ],
    )
    corrected, skipped = replay(fresh, [dismiss, redate])
    assert skipped == []
    assert [(e.id, e.date, e.date_basis) for e in corrected.events] == [("e7", "2024-03", "set by you")]


def test_every_sqlite_failure_leaves_the_store_as_a_library_error(tmp_path: Path) -> None:
    """Disk full (SQLite's page limit), a read-only file and a damaged page: never a raw sqlite3 error."""
    from models.errors import LibraryError, LibraryWriteError

    path = tmp_path / "library.sqlite3"
    with Library(path) as lib:
        key = lib.add_document(doc()).hash
        lib.save_item(key, ReaderNote("n1", "document", "first"))
        pages = lib.conn.execute("PRAGMA page_count").fetchone()[0]
        lib.conn.execute(f"PRAGMA max_page_count = {pages}")
        with pytest.raises(LibraryWriteError) as full:
            lib.save_item(key, ReaderNote("n2", "document", "x" * 200_000))
        assert full.value.reason == "full" and "full" in full.value.user_message
        assert not isinstance(full.value, sqlite3.Error)
        assert [n.id for n in lib.load_notes(key)] == ["n1"]  # nothing half-written

    path.chmod(0o444)
    with Library(path) as lib:
        assert lib.read_only and [n.text for n in lib.load_notes(key)] == ["first"]
        with pytest.raises(LibraryWriteError) as refused:
            lib.save_item(key, ReaderNote("n3", "document", "later"))
        assert refused.value.reason == "read-only" and "read-only" in refused.value.user_message
    path.chmod(0o644)

    files = sorted(p.name for p in path.parent.iterdir())
    path.parent.chmod(0o555)  # a read-only folder: no journal or WAL file can be made there
    try:
        with Library(path) as lib:
            assert lib.read_only and [n.text for n in lib.load_notes(key)] == ["first"]
            with pytest.raises(LibraryWriteError):
                lib.rename(key, "New title")
        assert sorted(p.name for p in path.parent.iterdir()) == files
    finally:
        path.parent.chmod(0o755)

    with Library(path) as lib:
        with pytest.raises(LibraryError) as bad:
            lib.conn.execute("PRAGMA query_only = ON")
            lib.rename(key, "New title")
        assert not isinstance(bad.value, sqlite3.Error)


def test_import_skips_and_reports_rows_the_library_could_not_use(tmp_path: Path) -> None:
    """A note whose tags are not JSON (and other bad rows) used to import, then break opening the document."""
    with Library(tmp_path / "a" / "library.sqlite3") as a:
        key = a.add_document(doc()).hash
        a.save_item(key, hl("h1", "ferry", note="good highlight"))
        a.save_item(key, hl("h2", "harbour", note="bad offsets"))
        a.save_item(key, hl("h3", "strike", note="bad tags"))
        a.save_item(key, ReaderNote("n1", "document", "good note", ("keep",)))
        a.save_item(key, ReaderNote("n2", "document", "tags not JSON"))
        a.save_item(key, ReaderNote("n3", "document", "tags a number"))
        a.add_correction(key, CorrectionOp.new("rename", actor={"name": "Lyon", "type": "PLACE"}, name="Lyon, FR"))
        a.add_correction(key, CorrectionOp.new("not_actor", actor={"name": "Bob", "type": "PERSON"}))
        exported = a.export_to(tmp_path / "backup.dramatis-library")
    with sqlite3.connect(exported) as raw:
        raw.execute("UPDATE notes SET tags = 'urgent, budget' WHERE id = 'n2'")
        raw.execute("UPDATE notes SET tags = '7' WHERE id = 'n3'")
        raw.execute("UPDATE highlights SET start = 'abc' WHERE id = 'h2'")
        raw.execute("""UPDATE highlights SET tags = '{"a": 1}' WHERE id = 'h3'""")
        raw.execute("UPDATE corrections SET op = '[1, 2]' WHERE seq = (SELECT max(seq) FROM corrections)")
    raw.close()
    with Library(tmp_path / "b" / "library.sqlite3") as b:
        summary = b.import_from(exported)
        items = b.load_items(key)  # what opening the document reads: no JSONDecodeError
        assert sorted(i.id for i in items) == ["h1", "n1"]
        assert len(summary.skipped) == 5, summary.skipped
        assert any("note n2" in line and "JSON" in line for line in summary.skipped)
        assert any("highlight h2" in line and "whole number" in line for line in summary.skipped)
        assert [n.tags for n in b.load_notes(key)] == [("keep",)]
        assert len(b.corrections(key)) == 1 and b.load_document(key) is not None

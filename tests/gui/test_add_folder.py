"""Library › Add Folder… through the real window: background adding, progress, cancel, and resuming after a close."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from gui.add_folder import PENDING_KEY, FolderAdder
from models.library import Library
from models.library.actor_index import index_pending
from models.library.actor_listing import list_actors
from models.version import ANALYZER_VERSION
from tests.batch_tasks import slow_analyse
from tests.gui.conftest import make_window

STORIES = [
    "Angela Merkel met Emmanuel Macron in Paris on Monday. Merkel said the talks went well.",
    "Emmanuel Macron flew to Berlin on Tuesday. Macron spoke to reporters at the airport.",
    "The European Commission in Brussels proposed new rules. Ursula von der Leyen presented them.",
    "Olaf Scholz visited Warsaw on Friday, where he met Polish farmers.",
]


def write_folder(folder: Path, texts: list[str]) -> Path:
    folder.mkdir(parents=True)
    for number, text in enumerate(texts, 1):
        (folder / f"story-{number}.txt").write_text(text, encoding="utf-8")
    (folder / "notes.bin").write_bytes(b"\x00\x01")  # not a document: left out
    return folder


def adder_of(win: object) -> FolderAdder:
    adder = win.folder_adder  # type: ignore[attr-defined]
    assert adder is not None
    adder.jobs = 1
    return adder


def test_add_folder_in_the_background_resumes_after_a_close_and_cancels(qtbot, tmp_path: Path) -> None:
    data = tmp_path / "data"
    folder = write_folder(tmp_path / "news", STORIES)
    win = make_window(qtbot, data, fixed=True)
    db_path = win.library.library.path
    adder = adder_of(win)
    adder.task = slow_analyse
    library_menu = next(a.menu() for a in win.menuBar().actions() if a.text() == "&Library")
    action = next(a for a in library_menu.actions() if a.text() == "Add &Folder…")
    win.ask_folder_path = lambda: str(folder)
    with qtbot.waitSignal(adder.progressed, timeout=120_000, check_params_cb=lambda done, _total: done >= 1):
        action.trigger()
    assert adder.bar.isVisible() and adder.progress.maximum() == 4
    # The reader closes the window half-way: what is finished is kept, and the folder is remembered.
    win.close()
    assert not adder.busy
    with Library(db_path) as lib:
        stored = lib.conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    assert 1 <= stored < 4
    assert win.ui.settings.value(PENDING_KEY) == str(folder)

    # The next start picks it up and adds only what is left (known texts are skipped by their hash).
    win2 = make_window(qtbot, data, fixed=True)
    adder2 = adder_of(win2)
    with qtbot.waitSignal(adder2.finished, timeout=120_000) as blocker:
        pass
    done = blocker.args[0]
    assert (done.added, done.known, done.failed, done.stopped) == (4 - stored, stored, 0, False)
    assert win2.ui.settings.value(PENDING_KEY) is None
    assert "Added news" in win2.statusBar().currentMessage()
    with Library(db_path) as lib:
        index_pending(lib, ANALYZER_VERSION)
        names = {a.name: a.documents for a in list_actors(lib.conn)}
    assert names["Emmanuel Macron"] == 2 and "Paris" in names and "Olaf Scholz" in names

    # Cancel: the files not started are dropped, and the folder is not resumed next time.
    more = write_folder(tmp_path / "more", [f"Joe Biden spoke in Ohio on day {n}." for n in range(1, 7)])
    assert adder2.start(more)
    qtbot.mouseClick(adder2.cancel_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(adder2.finished, timeout=120_000) as blocker:
        pass
    stopped = blocker.args[0]
    assert stopped.stopped and stopped.done < 6
    assert win2.ui.settings.value(PENDING_KEY) is None and not adder2.bar.isVisible()
    win2.close()

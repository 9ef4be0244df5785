"""Library › Actors through the real window: the index of actors across documents, search, type filter, open."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

from gui.library_actors import LibraryActorsWindow
from models.domain import ActorType
from models.library import Library
from tests.gui.conftest import make_window
from tests.models.test_actor_index import BIDEN_1, BIDEN_2, WHO_2, analysis


def fill_library(db_path: Path) -> None:
    with Library(db_path) as lib:
        lib.store_analysis(
            analysis(
                "Ottawa visit",
                BIDEN_1,
                [
                    ("Joe Biden", ActorType.PERSON, ["President Joe Biden"], ["President Joe Biden", "Biden", "he"]),
                    ("Justin Trudeau", ActorType.PERSON, [], ["Justin Trudeau"]),
                    ("Ottawa", ActorType.PLACE, [], ["Ottawa"]),
                ],
            )
        )
        lib.store_analysis(
            analysis("Press", BIDEN_2, [("Biden", ActorType.PERSON, ["President Biden"], ["President Biden"])])
        )
        lib.store_analysis(analysis("Cases fall", WHO_2, [("WHO", ActorType.ORG, [], ["WHO"])]))


def tops(tree: QTreeWidget) -> list[QTreeWidgetItem]:
    items = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    return [item for item in items if item is not None]


def rows(win: LibraryActorsWindow) -> list[tuple[Any, ...]]:
    model = win.model
    return [tuple(model.data(model.index(r, c)) for c in range(model.columnCount())) for r in range(model.rowCount())]


def test_actor_index_lists_searches_filters_pages_and_opens_documents(qtbot, tmp_path: Path) -> None:
    data = tmp_path / "data"
    win = make_window(qtbot, data, fixed=True)
    fill_library(win.library.library.path)
    actors = win.libraries.show_actors()
    assert isinstance(actors, LibraryActorsWindow)
    qtbot.waitUntil(lambda: actors.model.rowCount() == 4, timeout=10_000)
    assert rows(actors)[0][:4] == ("Joe Biden", "Person", 2, 4)
    assert actors.model.COLUMNS == ("Actor", "Type", "Documents", "Mentions", "First seen", "Last seen")
    assert sorted(str(r[0]) for r in rows(actors)) == ["Joe Biden", "Justin Trudeau", "Ottawa", "WHO"]
    assert actors.status.text() == "4 actors"

    # The selected actor's page lists its documents, each with its number of mentions.
    qtbot.waitUntil(lambda: actors.page.mentions.topLevelItemCount() == 2, timeout=10_000)
    tree = actors.page.mentions
    listed = sorted(item.text(0) for item in tops(tree))
    assert listed == ["Ottawa visit — 3 mentions", "Press — 1 mention"]
    assert actors.page.heading.text() == "Joe Biden"
    assert actors.page.facts.text() == "Person · 2 documents · 4 mentions"

    with qtbot.waitSignal(actors.refreshed, timeout=10_000):
        actors.type_filter.setCurrentIndex(actors.type_filter.findData("PLACE"))
    assert [r[:4] for r in rows(actors)] == [("Ottawa", "Place", 1, 1)]
    qtbot.waitUntil(lambda: actors.page.heading.text() == "Ottawa", timeout=10_000)  # the page follows the list

    with qtbot.waitSignal(actors.refreshed, timeout=10_000):
        actors.type_filter.setCurrentIndex(0)
    with qtbot.waitSignal(actors.refreshed, timeout=10_000):
        qtbot.keyClicks(actors.search, "biden")
    assert [r[0] for r in rows(actors)] == ["Joe Biden"]

    with qtbot.waitSignal(actors.refreshed, timeout=10_000):
        actors.search.setText("nobody at all")
    assert rows(actors) == [] and actors.status.text() == "No actor matches the search."

    # A page at a time: the rest comes as the view asks for more (scrolling to the end).
    actors.page_rows = 2
    with qtbot.waitSignal(actors.refreshed, timeout=10_000):
        actors.search.clear()
    assert [r[0] for r in rows(actors)] == ["Joe Biden", "Justin Trudeau"]
    assert actors.status.text() == "4 actors" and actors.model.total == 4
    actors.table.scrollToBottom()  # the view asks for the next page (at once when the first does not fill it)
    qtbot.waitUntil(lambda: actors.model.rowCount() == 4, timeout=10_000)
    assert not actors.model.canFetchMore()

    actors.table.selectRow(0)
    qtbot.waitUntil(lambda: tree.topLevelItemCount() == 2, timeout=10_000)
    press = next(item for item in tops(tree) if "Press" in item.text(0))
    with qtbot.waitSignal(actors.mentions_shown, timeout=10_000):
        press.setExpanded(True)
    mention = press.child(0)
    assert press.childCount() == 1 and mention is not None and "[President Biden]" in mention.text(0)
    with qtbot.waitSignal(win.analysis_shown, timeout=10_000):
        tree.itemActivated.emit(mention, 0)
    assert win.view.toPlainText() == BIDEN_2
    assert win.view.textCursor().selectedText() == "President Biden"
    win.close()


def test_actor_page_timeline_co_actors_and_undoable_links(qtbot, tmp_path: Path) -> None:
    from PySide6.QtCore import QItemSelectionModel, Qt

    from tests.models.test_actor_index import SMITH_1, SMITH_3
    from tests.models.test_actor_page import fill

    win = make_window(qtbot, tmp_path / "data", fixed=True)
    db_path = win.library.library.path
    with Library(db_path) as lib:
        fill(lib)
        lib.store_analysis(
            analysis("Farm", SMITH_1, [("John Smith", ActorType.PERSON, ["Mr. Smith"], ["John Smith", "Mr. Smith"])])
        )
        lib.store_analysis(
            analysis("Bridge", "Anna Smith opened it.", [("Anna Smith", ActorType.PERSON, [], ["Anna Smith"])])
        )
        lib.store_analysis(analysis("Bare", SMITH_3, [("Mr. Smith", ActorType.PERSON, [], ["Mr. Smith"])]))
    actors = win.libraries.show_actors()
    qtbot.waitUntil(lambda: actors.page.heading.text() == "Joe Biden", timeout=10_000)
    assert rows(actors)[0][4:] == ("2023-03-24", "2023-05-02")
    page = actors.page
    assert page.facts.text() == "Person · 2 documents · 4 mentions · seen 2023-03-24 – 2023-05-02"
    timeline = [[item.text(c) for c in range(5)] for item in tops(page.timeline)]
    assert timeline == [
        ["2023-03-24", "Meeting", "takes part", BIDEN_1, "Ottawa visit"],
        ["2023-05-02", "Statement", "acts", BIDEN_2, "Press"],
    ]
    # An event opens its document at that place.
    with qtbot.waitSignal(win.analysis_shown, timeout=10_000):
        page.timeline.itemActivated.emit(tops(page.timeline)[0], 0)
    assert win.view.toPlainText() == BIDEN_1 and win.view.textCursor().selectedText() == "met"
    # A co-actor's page is one activation away.
    seen = sorted(page.co_actors.item(i).text() for i in range(page.co_actors.count()))
    assert seen[0] == "Justin Trudeau (Person) — 1 document together"
    trudeau = next(
        page.co_actors.item(i) for i in range(page.co_actors.count()) if "Trudeau" in page.co_actors.item(i).text()
    )
    with qtbot.waitSignal(actors.details_shown, timeout=10_000):
        page.co_actors.itemActivated.emit(trudeau)
    assert page.heading.text() == "Justin Trudeau"

    # Link: the bare "Mr. Smith" (two full-named Smiths, so never linked by surname alone) is John Smith.
    with qtbot.waitSignal(actors.refreshed, timeout=10_000):
        actors.search.setText("smith")
    assert sorted(r[0] for r in rows(actors)) == ["Anna Smith", "John Smith", "Mr. Smith"]
    selection = actors.table.selectionModel()
    selection.clearSelection()
    for row, entry in enumerate(rows(actors)):
        if entry[0] in ("John Smith", "Mr. Smith"):
            flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
            selection.select(actors.model.index(row, 0), flags)
    assert actors.link_button.isEnabled()
    with qtbot.waitSignal(actors.edited, timeout=10_000):
        qtbot.mouseClick(actors.link_button, Qt.MouseButton.LeftButton)
    assert sorted(r[:3] for r in rows(actors)) == [("Anna Smith", "Person", 1), ("John Smith", "Person", 2)]
    qtbot.waitUntil(lambda: page.heading.text() == "John Smith", timeout=10_000)

    # Undo separates them again; redo links them once more.
    with qtbot.waitSignal(actors.edited, timeout=10_000):
        actors.undo_stack.undo()
    assert sorted(r[0] for r in rows(actors)) == ["Anna Smith", "John Smith", "Mr. Smith"]
    with qtbot.waitSignal(actors.edited, timeout=10_000):
        actors.undo_stack.redo()
    assert sorted(r[:3] for r in rows(actors)) == [("Anna Smith", "Person", 1), ("John Smith", "Person", 2)]

    # Unlink the document the reader says is about someone else.
    qtbot.waitUntil(lambda: page.heading.text() == "John Smith" and page.mentions.topLevelItemCount() == 2)
    bare = next(item for item in tops(page.mentions) if "Bare" in item.text(0))
    page.mentions.setCurrentItem(bare)
    assert page.unlink_button.isEnabled()
    with qtbot.waitSignal(actors.edited, timeout=10_000):
        qtbot.mouseClick(page.unlink_button, Qt.MouseButton.LeftButton)
    assert sorted(r[:3] for r in rows(actors)) == [
        ("Anna Smith", "Person", 1),
        ("John Smith", "Person", 1),
        ("Mr. Smith", "Person", 1),
    ]
    with qtbot.waitSignal(actors.edited, timeout=10_000):
        qtbot.mouseClick(actors.undo_button, Qt.MouseButton.LeftButton)
    assert sorted(r[:3] for r in rows(actors)) == [("Anna Smith", "Person", 1), ("John Smith", "Person", 2)]
    win.close()


LONG_EVENT = (
    "Late on Sunday evening Joe Biden called Justin Trudeau to offer more firefighters and aircraft as the fires "
    "in Quebec and Nova Scotia forced thousands of people from their homes."
)


def test_what_happened_on_an_actor_page_wraps_to_be_read_whole(qtbot, tmp_path: Path) -> None:
    """The words around each event on the Timeline tab are wrapped onto as many lines as they need, at any width."""
    from dataclasses import replace

    from PySide6.QtCore import QRect, Qt
    from PySide6.QtWidgets import QStyle

    from models.domain import Event, EventType

    db_path = tmp_path / "library.sqlite3"
    made = analysis("Phone call", LONG_EVENT, [("Joe Biden", ActorType.PERSON, [], ["Joe Biden"])])
    start = LONG_EVENT.index("called")
    call = Event("e1", EventType.CALL, start, start + 6, "called", date="2023-06-11", source="a1")
    with Library(db_path) as lib:
        lib.store_analysis(replace(made, document=replace(made.document, date="2023-06-11"), events=[call]))
    win = LibraryActorsWindow(db_path)
    qtbot.addWidget(win)
    win.resize(1200, 720)
    with qtbot.waitSignal(win.details_shown, timeout=10_000):
        win.show()
        win.refresh()
    win.page.tabs.setCurrentIndex(2)
    tree = win.page.timeline
    item = tree.topLevelItem(0)
    assert item is not None and "firefighters and aircraft" in item.text(3)
    margin = tree.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, tree) + 1

    def shown_whole() -> bool:
        cell = tree.visualRect(tree.indexFromItem(item, 3))
        bounds = QRect(0, 0, cell.width() - 2 * margin, 1_000_000)
        needed = tree.fontMetrics().boundingRect(bounds, int(Qt.TextFlag.TextWordWrap), item.text(3)).height()
        return needed > tree.fontMetrics().height() and cell.height() >= needed  # several lines, all of them shown

    qtbot.waitUntil(shown_whole, timeout=5_000)
    win.resize(760, 720)  # narrower: the row grows to keep every word
    qtbot.waitUntil(shown_whole, timeout=5_000)
    assert item.toolTip(3).startswith(item.text(3)) and item.toolTip(4) == "Phone call"
    win.close()

"""Library › Actors through the real window: the index of actors across documents, search, type filter, open."""

from __future__ import annotations

from pathlib import Path

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


def rows(win: LibraryActorsWindow) -> list[tuple[object, ...]]:
    model = win.model
    return [tuple(model.data(model.index(r, c)) for c in range(model.columnCount())) for r in range(model.rowCount())]


def test_actor_index_lists_searches_filters_and_opens_documents(qtbot, tmp_path: Path) -> None:
    data = tmp_path / "data"
    win = make_window(qtbot, data, fixed=True)
    fill_library(win.library.library.path)
    actors = win.libraries.show_actors()
    assert isinstance(actors, LibraryActorsWindow)
    qtbot.waitUntil(lambda: actors.model.rowCount() == 4, timeout=10_000)
    assert rows(actors)[0] == ("Joe Biden", "Person", 2, 4)
    assert sorted(str(r[0]) for r in rows(actors)) == ["Joe Biden", "Justin Trudeau", "Ottawa", "WHO"]

    # The selected actor's documents, each with its number of mentions.
    qtbot.waitUntil(lambda: actors.documents.count() == 2, timeout=10_000)
    listed = sorted(actors.documents.item(i).text() for i in range(actors.documents.count()))
    assert listed == ["Ottawa visit — 3 mentions", "Press — 1 mention"]

    with qtbot.waitSignal(actors.refreshed, timeout=10_000):
        actors.type_filter.setCurrentIndex(actors.type_filter.findData("PLACE"))
    assert rows(actors) == [("Ottawa", "Place", 1, 1)]

    with qtbot.waitSignal(actors.refreshed, timeout=10_000):
        actors.type_filter.setCurrentIndex(0)
    with qtbot.waitSignal(actors.refreshed, timeout=10_000):
        qtbot.keyClicks(actors.search, "biden")
    assert [r[0] for r in rows(actors)] == ["Joe Biden"]

    with qtbot.waitSignal(actors.refreshed, timeout=10_000):
        actors.search.setText("nobody at all")
    assert rows(actors) == [] and actors.status.text() == "No actor matches the search."

    actors.max_rows = 2
    with qtbot.waitSignal(actors.refreshed, timeout=10_000):
        actors.search.clear()
    assert [r[0] for r in rows(actors)] == ["Joe Biden", "Justin Trudeau"]
    assert actors.status.text() == "The 2 most mentioned actors; search to find the others."
    qtbot.waitUntil(lambda: actors.documents.count() == 2, timeout=10_000)
    press = next(
        actors.documents.item(i) for i in range(actors.documents.count()) if "Press" in actors.documents.item(i).text()
    )
    with qtbot.waitSignal(win.analysis_shown, timeout=10_000):
        actors.documents.itemActivated.emit(press)
    assert win.view.toPlainText() == BIDEN_2
    win.close()

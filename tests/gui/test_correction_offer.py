"""A correction of an actor in one document, offered (and undoably applied) in the others where it appears."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from models.domain import ActorType
from models.library import Library
from tests.gui.conftest import make_window, write_article
from tests.gui.reader_fixtures import build_analysis
from tests.models.test_actor_index import analysis

OTHER = "François Hollande spoke in Lyon. Hollande smiled."
SON = "Thomas Hollande, a lawyer, spoke in Lyon."


def test_a_rename_is_offered_for_the_other_documents_of_the_same_actor(qtbot, tmp_path: Path) -> None:
    win = make_window(qtbot, tmp_path / "data", fixed=True)
    db_path = win.library.library.path
    with Library(db_path) as lib:
        lib.store_analysis(build_analysis())
        lib.store_analysis(
            analysis(
                "Lyon",
                OTHER,
                [("François Hollande", ActorType.PERSON, ["Hollande"], ["François Hollande", "Hollande"])],
            )
        )
        # Another Hollande: the same surname, another man; never offered.
        lib.store_analysis(analysis("Son", SON, [("Thomas Hollande", ActorType.PERSON, [], ["Thomas Hollande"])]))
    with qtbot.waitSignal(win.analysis_shown, timeout=10_000):
        win.open_path(write_article(tmp_path))
    win.corrections.rename("a2", "President François Hollande")
    offer = win.correction_offer
    qtbot.waitUntil(lambda: offer.current is not None, timeout=10_000)
    elsewhere = offer.current
    assert [title for _h, title in elsewhere.documents] == ["Lyon"]
    assert offer.bar.isVisible()
    assert offer.label.text() == "Rename “François Hollande” in 1 other document too?"

    lyon = elsewhere.documents[0][0]
    with qtbot.waitSignal(offer.applied, timeout=10_000):
        qtbot.mouseClick(offer.apply_button, Qt.MouseButton.LeftButton)
    assert not offer.bar.isVisible()
    with Library(db_path) as lib:
        kept = lib.corrections(lyon)
    assert [(op.kind, op.args["name"]) for op in kept] == [("rename", "President François Hollande")]

    # One undo takes it back from the other document; the rename in this one stays.
    with qtbot.waitSignal(offer.applied, timeout=10_000):
        win.undo_stack.undo()
    with Library(db_path) as lib:
        assert lib.corrections(lyon) == []
    assert any(a.name == "President François Hollande" for a in win.analysis.actors)
    win.close()

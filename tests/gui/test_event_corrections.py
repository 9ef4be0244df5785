"""Dismissing an event and correcting its date: from the panel's menu, undoable, kept by the library."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMenu

from tests.gui.reader_fixtures import write_article
from tests.gui.test_library_window import open_in


def _trigger(menu: QMenu, text: str) -> None:
    action = next(a for a in menu.actions() if a.text() == text)
    action.trigger()


def _event_menu(win, event_id: str) -> QMenu:
    event = next(e for e in win.analysis.events if e.id == event_id)
    menu = QMenu(win)
    win.item_menus.event_menu(menu, event)
    return menu


def test_dismiss_and_redate_events_undo_and_reopen(qtbot, tmp_path: Path) -> None:
    data, article = tmp_path / "data", write_article(tmp_path)
    win, _calls = open_in(qtbot, data, article)
    assert "e3" in win.events_panel.visible_event_ids()

    _trigger(_event_menu(win, "e3"), "Dismiss Event")
    assert "e3" not in {e.id for e in win.analysis.events}
    assert "e3" not in win.events_panel.visible_event_ids()
    assert not [s for s in win.view.spans if s.item_id == "e3"]
    win.menu_actions.undo_action.trigger()
    assert "e3" in win.events_panel.visible_event_ids()
    assert [s for s in win.view.spans if s.item_id == "e3"]
    _trigger(_event_menu(win, "e3"), "Dismiss Event")

    win.corrections.choose_date = lambda _event: "2015-05-02"
    _trigger(_event_menu(win, "e2"), "Correct Date…")
    called = next(e for e in win.analysis.events if e.id == "e2")
    assert (called.date, called.date_basis) == ("2015-05-02", "set by you")
    assert win.events_panel.visible_event_ids()[0] == "e2"  # now the earliest dated event
    assert win.corrections.correct_event_date("e1", "next Tuesday") is False  # not a date: nothing changes
    win.close()

    again, calls = open_in(qtbot, data, article)
    assert calls == []
    events = {e.id: e for e in again.analysis.events}
    assert "e3" not in events
    assert events["e2"].date == "2015-05-02"
    assert events["e1"].date == "2015-05-03"
    again.close()


def _actor_menu(win, actor_id: str) -> QMenu:
    actor = win.analysis.actor_by_id()[actor_id]
    menu = QMenu(win)
    win.item_menus.actor_menu(menu, actor)
    return menu


def test_split_off_a_surface_form_into_its_own_actor(qtbot, tmp_path: Path) -> None:
    data, article = tmp_path / "data", write_article(tmp_path)
    win, _calls = open_in(qtbot, data, article)
    split_menu = next(a.menu() for a in _actor_menu(win, "a1").actions() if a.text() == "Split Off")
    assert isinstance(split_menu, QMenu)
    _trigger(split_menu, "“Müller” as Another Actor")
    by_name = {a.name: a for a in win.analysis.actors}
    assert [m.text for m in by_name["Zoë Müller"].mentions] == ["Zoë Müller"]
    assert [m.text for m in by_name["Müller"].mentions] == ["Müller", "Müller"]
    assert by_name["Müller"].type is by_name["Zoë Müller"].type
    win.menu_actions.undo_action.trigger()
    assert "Müller" not in {a.name for a in win.analysis.actors}
    win.undo_stack.redo()
    win.close()

    again, _calls = open_in(qtbot, data, article)
    assert {"Zoë Müller", "Müller"} <= {a.name for a in again.analysis.actors}
    again.close()


def _renumbered(document):
    """The fixed analysis as a new analyzer version might number it: other actor and event ids."""
    from dataclasses import replace

    from models.version import ANALYZER_VERSION
    from tests.gui.reader_fixtures import build_analysis

    analysis = build_analysis(document)
    actor_ids = {a.id: f"x{a.id}" for a in analysis.actors}
    for actor in analysis.actors:
        actor.id = actor_ids[actor.id]
    for event in analysis.events:
        event.id = f"x{event.id}"
        event.participants = [actor_ids[p] for p in event.participants]
        event.source = actor_ids.get(event.source or "")
        event.target = actor_ids.get(event.target or "")
        event.place = actor_ids.get(event.place or "")
    return replace(analysis, analyzer_version=ANALYZER_VERSION)


def test_notes_on_actors_and_events_follow_them_into_a_new_analysis(qtbot, tmp_path: Path, monkeypatch) -> None:
    data, article = tmp_path / "data", write_article(tmp_path)
    win, _calls = open_in(qtbot, data, article)
    win.reader.add_note("actor:a4", "Where exactly in Berlin?", [])
    win.reader.add_note("event:e3", "Which plan?", [])
    win.close()

    monkeypatch.setattr("models.library.stored_analysis.ANALYZER_VERSION", "next")
    monkeypatch.setattr("tests.gui.test_library_window.ANALYZER_VERSION", "next")  # what the fresh run records
    again, calls = open_in(qtbot, data, article, analyze=_renumbered)
    assert len(calls) == 1  # analysed again by the "new version"
    targets = {n.text: n.target for n in again.reader.notes()}
    assert targets == {"Where exactly in Berlin?": "actor:xa4", "Which plan?": "event:xe3"}
    assert again.reader.describe_target("actor:xa4") == "“Berlin”"
    again.close()


def _choose_in_popup(qtbot, text: str) -> list[str]:
    """When the next context menu opens, choose `text` in it as a reader would (highlight, Return)."""
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication

    seen: list[str] = []

    def choose() -> None:
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            QTimer.singleShot(20, choose)
            return
        seen.extend(a.text() for a in menu.actions())
        menu.setActiveAction(next(a for a in menu.actions() if a.text() == text))
        qtbot.keyClick(menu, Qt.Key.Key_Return)

    QTimer.singleShot(0, choose)
    return seen


def _right_click_row(qtbot, win, event_id: str) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QContextMenuEvent
    from PySide6.QtWidgets import QApplication

    from gui.qt_models import ID_ROLE

    panel = win.events_panel
    row = panel.visible_event_ids().index(event_id)
    assert panel.proxy.index(row, 0).data(ID_ROLE) == event_id
    point = panel.table.visualRect(panel.proxy.index(row, 0)).center()
    viewport = panel.table.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.RightButton, pos=point)  # selects the row; the menu comes from:
    QApplication.sendEvent(
        viewport, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point, viewport.mapToGlobal(point))
    )


def test_events_panel_right_click_dismisses_and_the_date_dialog_validates(qtbot, tmp_path: Path) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QDialogButtonBox

    from gui.event_corrections import EventDateDialog

    data, article = tmp_path / "data", write_article(tmp_path)
    win, _calls = open_in(qtbot, data, article)
    seen = _choose_in_popup(qtbot, "Dismiss Event")
    _right_click_row(qtbot, win, "e3")
    assert {"Note on Event…", "Correct Date…", "Dismiss Event"} <= set(seen)
    assert "e3" not in win.events_panel.visible_event_ids()
    assert win.undo_stack.undoText().startswith("Dismiss event")

    checked: dict[str, object] = {}

    def fill_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, EventDateDialog):
            QTimer.singleShot(20, fill_dialog)
            return
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        dialog.field.clear()
        qtbot.keyClicks(dialog.field, "next Tuesday")
        checked["refused"] = not ok.isEnabled()
        dialog.field.clear()
        qtbot.keyClicks(dialog.field, "2015-04")
        checked["month"] = (ok.isEnabled(), dialog.feedback.text())
        dialog.grab().save(str(tmp_path / "date-dialog.png"))
        ok.click()

    _choose_in_popup(qtbot, "Correct Date…")
    QTimer.singleShot(0, fill_dialog)
    _right_click_row(qtbot, win, "e1")
    assert checked == {"refused": True, "month": (True, "Means: April 2015")}
    event = next(e for e in win.analysis.events if e.id == "e1")
    assert (event.date, event.date_basis) == ("2015-04", "set by you")
    assert win.events_panel.visible_event_ids()[0] == "e1"  # April comes before the May events
    win.menu_actions.undo_action.trigger()
    assert next(e for e in win.analysis.events if e.id == "e1").date == "2015-05-03"
    win.menu_actions.undo_action.trigger()
    assert "e3" in win.events_panel.visible_event_ids()
    win.close()


def test_split_off_one_mention_from_the_article_menu_and_it_persists(qtbot, tmp_path: Path) -> None:
    from PySide6.QtGui import QContextMenuEvent, QTextCursor
    from PySide6.QtWidgets import QApplication

    from tests.gui.reader_fixtures import TEXT, nth

    data, article = tmp_path / "data", write_article(tmp_path)
    win, _calls = open_in(qtbot, data, article)
    last = nth(TEXT, "Müller", 2)  # "Müller went home": say it is another Müller
    cursor = QTextCursor(win.view.document())
    cursor.setPosition(win.offsets.to_qt(last + 2))
    point = win.view.cursorRect(cursor).center()
    seen = _choose_in_popup(qtbot, "Split Off This Mention from “Zoë Müller”")
    viewport = win.view.viewport()
    QApplication.sendEvent(
        viewport, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point, viewport.mapToGlobal(point))
    )
    assert "Split Off Mentions Named “Müller”" in seen
    by_name = {a.name: a for a in win.analysis.actors}
    assert [m.start for m in by_name["Zoë Müller"].mentions] == [0, nth(TEXT, "Müller", 1)]
    assert [m.start for m in by_name["Müller"].mentions] == [last]
    spans = [s for s in win.view.spans if s.item_id == by_name["Müller"].id]
    assert [win.offsets.to_py(s.start) for s in spans] == [last]
    win.menu_actions.undo_action.trigger()
    assert len(win.analysis.actor_by_id()["a1"].mentions) == 3
    win.undo_stack.redo()
    win.close()

    again, _calls = open_in(qtbot, data, article)
    by_name = {a.name: a for a in again.analysis.actors}
    assert [m.start for m in by_name["Müller"].mentions] == [last]
    assert len(by_name["Zoë Müller"].mentions) == 2
    again.close()


def test_corrections_and_notes_survive_a_fresh_analysis_with_new_ids(qtbot, tmp_path: Path, monkeypatch) -> None:
    import sqlite3

    from models.paths import AppPaths
    from tests.gui.reader_fixtures import TEXT, nth

    data, article = tmp_path / "data", write_article(tmp_path)
    win, _calls = open_in(qtbot, data, article)
    win.corrections.dismiss_event("e3")
    win.corrections.choose_date = lambda _event: "2015-04"
    _trigger(_event_menu(win, "e2"), "Correct Date…")
    last = nth(TEXT, "Müller", 2)
    win.corrections.split_mention("a1", last, last + len("Müller"))
    win.reader.add_note("actor:a4", "Where exactly in Berlin?", [])
    win.reader.add_note("event:e1", "Who asked for the meeting?", [])
    win.close()
    # Only the keys kept with the corrections and notes can place them: the old analysis is gone.
    with sqlite3.connect(AppPaths(data).db_path) as conn:
        conn.execute("DELETE FROM analyses")

    monkeypatch.setattr("models.library.stored_analysis.ANALYZER_VERSION", "next")
    monkeypatch.setattr("tests.gui.test_library_window.ANALYZER_VERSION", "next")
    again, calls = open_in(qtbot, data, article, analyze=_renumbered)
    assert len(calls) == 1
    events = {e.id: e for e in again.analysis.events}
    assert "xe3" not in events and "xe3" not in again.events_panel.visible_event_ids()
    assert (events["xe2"].date, events["xe2"].date_basis) == ("2015-04", "set by you")
    assert again.events_panel.visible_event_ids()[0] == "xe2"
    by_name = {a.name: a for a in again.analysis.actors}
    assert [m.start for m in by_name["Müller"].mentions] == [last]
    targets = {n.text: n.target for n in again.reader.notes()}
    assert targets == {"Where exactly in Berlin?": "actor:xa4", "Who asked for the meeting?": "event:xe1"}
    again.close()

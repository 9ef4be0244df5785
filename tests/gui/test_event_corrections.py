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
    win._event_menu(menu, event)
    return menu


def test_dismiss_and_redate_events_undo_and_reopen(qtbot, tmp_path: Path) -> None:
    data, article = tmp_path / "data", write_article(tmp_path)
    win, _calls = open_in(qtbot, data, article)
    assert "e3" in win.events_panel.visible_event_ids()

    _trigger(_event_menu(win, "e3"), "Dismiss Event")
    assert "e3" not in {e.id for e in win.analysis.events}
    assert "e3" not in win.events_panel.visible_event_ids()
    assert not [s for s in win.view.spans if s.item_id == "e3"]
    win.undo_action.trigger()
    assert "e3" in win.events_panel.visible_event_ids()
    assert [s for s in win.view.spans if s.item_id == "e3"]
    _trigger(_event_menu(win, "e3"), "Dismiss Event")

    win.corrections.ask = lambda _title, _label, _default: "2015-05-02"
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
    win._actor_menu(menu, actor)
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
    win.undo_action.trigger()
    assert "Müller" not in {a.name for a in win.analysis.actors}
    win.undo_stack.redo()
    win.close()

    again, _calls = open_in(qtbot, data, article)
    assert {"Zoë Müller", "Müller"} <= {a.name for a in again.analysis.actors}
    again.close()

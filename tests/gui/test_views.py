"""Overview docks in a real window on the fixed analysis: timeline, network, X-Ray and mention map."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage

from gui.theme import ACTOR_STYLES
from gui.views.export import export_png, export_svg
from models.views.style import ACTOR_TYPE_COLORS, EVENT_FAMILY
from tests.gui.reader_fixtures import TEXT, nth


def _show(win, dock) -> None:
    dock.show()
    dock.raise_()
    win.views.flush()


def test_view_menu_lists_the_docks_and_the_map(fixed_window) -> None:
    win = fixed_window
    texts = [a.text() for a in win.menu_actions.view_menu.actions()]
    for name in ("Timeline", "Actor Network", "X-Ray", "&Mention Map on Scroll Bar"):
        assert name in texts
    toggle = win.views.network_dock.toggleViewAction()
    toggle.trigger()
    assert win.views.network_dock.isHidden()
    toggle.trigger()
    assert not win.views.network_dock.isHidden()


def test_timeline_builds_from_the_analysis(fixed_window) -> None:
    win = fixed_window
    _show(win, win.views.timeline_dock)
    canvas = win.views.timeline.canvas
    assert canvas.timeline is not None
    assert [lane.key for lane in canvas.timeline.lanes] == ["a2", "a1", "a3"]
    assert win.views.timeline.undated.count() == 1  # the call has no date
    assert "called" in win.views.timeline.undated.item(0).text()


def test_clicking_a_timeline_mark_jumps_to_the_event(fixed_window, qtbot) -> None:
    win = fixed_window
    _show(win, win.views.timeline_dock)
    point = win.views.timeline.mark_point("e3")
    assert point is not None
    qtbot.mouseClick(win.views.timeline.canvas, Qt.MouseButton.LeftButton, pos=point)
    start = win.offsets.to_qt(nth(TEXT, "attacked"))
    assert win.view.textCursor().selectionStart() == start
    assert win.hub.selection == frozenset({"e3"})


def test_timeline_follows_filters_and_lane_mode(fixed_window) -> None:
    win = fixed_window
    _show(win, win.views.timeline_dock)
    win.hub.set_state(win.hub.state.with_facets(event_types={"ATTACK"}))
    canvas = win.views.timeline.canvas
    assert [m.event_id for lane in canvas.timeline.lanes for m in lane.marks] == ["e3"]
    win.hub.set_state(win.hub.state.with_facets(event_types=set()))
    win.views.timeline.set_lane_mode("type")
    assert [lane.key for lane in canvas.timeline.lanes] == ["ATTACK", "MEETING"]


def test_clicking_a_node_selects_the_actor_everywhere(fixed_window, qtbot) -> None:
    win = fixed_window
    _show(win, win.views.network_dock)
    canvas = win.views.network.canvas
    point = canvas.node_point("a2")
    assert point is not None
    with qtbot.waitSignal(win.actors_panel.actor_activated) as blocker:
        qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=point.toPoint())
    assert blocker.args == ["a2"]
    assert win.hub.selection == frozenset({"a2"})
    assert win.actors_panel.current_actor_id() == "a2"


def test_network_follows_filters_without_moving_nodes(fixed_window) -> None:
    win = fixed_window
    _show(win, win.views.network_dock)
    canvas = win.views.network.canvas
    win.views.network.unlinked.setChecked(True)  # the places share no event: shown on request
    assert {n.id for n in canvas.network.nodes} == {"a1", "a2", "a3", "a4"}
    before = dict(canvas.positions)
    win.hub.set_layer_visible("PLACE", False)
    assert {n.id for n in canvas.network.nodes} == {"a1", "a2"}
    assert canvas.positions == {k: before[k] for k in ("a1", "a2")}
    win.hub.set_layer_visible("PLACE", True)
    assert canvas.positions == before
    link = next(lk for lk in canvas.network.links if {lk.a, lk.b} == {"a1", "a2"})
    assert link.weight == 2 and link.forward + link.backward == 2


def test_xray_shows_the_selected_actor_and_jumps_to_mentions(fixed_window, qtbot) -> None:
    win = fixed_window
    _show(win, win.views.xray_dock)
    panel = win.views.xray
    assert panel.xray is None and panel.empty.isVisibleTo(panel)
    win.views.select_actor("a1")
    assert panel.actor_id == "a1"
    assert panel.mention_model.rowCount() == 3
    assert "[Müller]" in panel.mention_model.index(2, 0).data()
    assert panel.events.topLevelItemCount() == 2
    rect = panel.mention_row_rect(2)
    qtbot.mouseClick(panel.mentions.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert win.view.textCursor().selectionStart() == win.offsets.to_qt(nth(TEXT, "Müller", 2))


def test_note_on_the_actor_from_the_xray_is_undoable(fixed_window, qtbot) -> None:
    win = fixed_window
    _show(win, win.views.xray_dock)
    win.views.select_actor("a2")
    win.reader.edit_note_hook = lambda _about, _text, _tags: ("Key witness", ["people"])
    qtbot.mouseClick(win.views.xray.note_button, Qt.MouseButton.LeftButton)
    notes = win.views.xray.notes
    assert notes.topLevelItemCount() == 1 and "Key witness" in notes.topLevelItem(0).text(1)
    assert win.reader.note_for("actor:a2") is not None
    win.undo_stack.undo()
    assert win.views.xray.notes.topLevelItemCount() == 0


def test_mention_map_marks_the_selection(fixed_window) -> None:
    win = fixed_window
    win.views.select_actor("a1")
    win.views.flush()
    marks = win.views.map_bar.marks
    assert len(marks) == 3
    assert all(0.0 <= f <= 1.0 for f, _c in marks)
    assert [f for f, _c in marks] == sorted(f for f, _c in marks)
    win.menu_actions.map_action.setChecked(False)
    assert win.views.map_bar.marks == []


def test_views_export_png_and_svg(fixed_window, tmp_path: Path) -> None:
    win = fixed_window
    for dock, canvas in (
        (win.views.timeline_dock, win.views.timeline.canvas),
        (win.views.network_dock, win.views.network.canvas),
    ):
        _show(win, dock)
        png, svg = tmp_path / f"{dock.objectName()}.png", tmp_path / f"{dock.objectName()}.svg"
        export_png(canvas.paint_all, canvas.export_size(), png, "#ffffff")
        export_svg(canvas.paint_all, QSize(900, 500), svg, "View")
        image = QImage(str(png))
        assert not image.isNull() and image.width() >= canvas.export_size().width()
        assert ET.parse(svg).getroot().tag == "{http://www.w3.org/2000/svg}svg"


def test_dark_theme_repaints_the_views(fixed_window) -> None:
    win = fixed_window
    _show(win, win.views.network_dock)
    canvas = win.views.network.canvas
    win.apply_theme("dark")
    image = canvas.grab().toImage()
    corner = image.pixelColor(3, 3)
    assert corner.lightness() < 80
    assert canvas.theme.dark


def test_view_colours_match_the_article_theme() -> None:
    from gui.theme import event_category

    assert {k: s.color for k, s in ACTOR_STYLES.items()} == ACTOR_TYPE_COLORS
    assert all(event_category(event_type) == family for event_type, family in EVENT_FAMILY.items())


def test_export_dialog_puts_the_pictures_in_html_reports(fixed_window, qtbot, tmp_path: Path) -> None:
    from gui.export_dialog import ExportDialog
    from models.export import ExportFormat

    win = fixed_window
    win.menu_actions.export_action.trigger()
    dialog = win.findChild(ExportDialog)
    assert dialog is not None
    dialog.set_format(ExportFormat.CSV)
    assert not dialog.figures_check.isEnabled()
    dialog.set_format(ExportFormat.HTML)
    assert dialog.figures_check.isEnabled()
    dialog.figures_check.setChecked(True)
    out = tmp_path / "report.html"
    dialog.path_edit.setText(str(out))
    with qtbot.waitSignal(dialog.exported, timeout=20_000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    page = out.read_text(encoding="utf-8")
    assert "<h2>Overview</h2>" in page and page.count('<svg xmlns="http://www.w3.org/2000/svg"') == 2

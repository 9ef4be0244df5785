"""The timeline fits its lanes to the dock or scrolls with a visible hint; X-Ray lists several mentions."""

from __future__ import annotations

from PySide6.QtCore import Qt

from gui.views.timeline_view import LANE_HEIGHT, MIN_LANE_HEIGHT, TimelineView
from models.domain import Actor, ActorType, Analysis, Document, Event, EventType, Mention
from models.views.index import ViewIndex
from models.views.timeline import build_timeline


def many_lanes(n: int = 17) -> ViewIndex:
    """n people, each attacking on a day of its own: n actor lanes."""
    parts, actors, events = [], [], []
    pos = 0
    for i in range(n):
        sentence = f"Person{i:02d} attacked. "
        actors.append(
            Actor(f"a{i}", f"Person{i:02d}", ActorType.PERSON, mentions=[Mention(pos, pos + 8, sentence[:8])])
        )
        t = pos + 9
        events.append(
            Event(f"e{i}", EventType.ATTACK, t, t + 8, "attacked", date=f"2015-05-{i + 1:02d}", participants=[f"a{i}"])
        )
        parts.append(sentence)
        pos += len(sentence)
    return ViewIndex(Analysis(Document("".join(parts), title="Lanes"), "test", "lanes", actors=actors, events=events))


def test_lanes_compact_then_scroll_with_a_hint(qtbot) -> None:
    index = many_lanes()
    view = TimelineView()
    qtbot.addWidget(view)
    view.resize(700, 560)
    view.show()
    view.set_timeline(build_timeline(index), index, refit=True)
    canvas = view.canvas
    qtbot.waitUntil(lambda: canvas.height() > 450)
    assert canvas.lane_h == LANE_HEIGHT and canvas.lanes_below() == 0  # room enough: full-height lanes
    view.resize(700, 380)
    qtbot.waitUntil(lambda: canvas.height() < 360)
    assert MIN_LANE_HEIGHT <= canvas.lane_h < LANE_HEIGHT  # 17 lanes fit once compacted
    assert canvas.lanes_below() == 0 and view.lane_bar.isHidden()

    view.resize(700, 220)  # a short dock: lanes cannot all fit any more
    qtbot.waitUntil(lambda: canvas.height() < 200)
    assert canvas.lane_h == MIN_LANE_HEIGHT
    hidden = canvas.lanes_below()
    assert hidden > 0 and view.lane_bar.isVisible()  # the scroll bar says there is more
    image = canvas.grab().toImage()
    assert image.pixelColor(8, canvas.height() - 10) != image.pixelColor(8, 40)  # the "↓ n more lanes" pill
    view.lane_bar.setFocus()
    qtbot.keyClick(view.lane_bar, Qt.Key.Key_End)
    assert canvas.scroll_y == canvas.max_scroll() > 0 and canvas.lanes_below() == 0
    last = canvas.mark_center("e16")
    assert last is not None and 0 < last.y() < canvas.height()  # the last lane is now in view


def test_xray_shows_several_mentions_one_line_each(qtbot, fixed_window) -> None:
    win = fixed_window
    win.views.xray_dock.show()
    win.views.xray_dock.raise_()
    win.views.select_actor("a1")
    win.views.flush()
    panel = win.views.xray
    line = panel.mentions.fontMetrics().height()
    rows = [panel.mention_row_rect(r) for r in range(panel.mention_model.rowCount())]
    assert len(rows) == 3
    assert all(r.height() <= line + 12 for r in rows)  # one line each, not a wrapped sentence
    _before, word, after = panel.mention_model.index(1, 0).data(Qt.ItemDataRole.UserRole + 2)
    assert word == "Müller" and after.startswith(" called Hollande")
    assert "<b>Müller</b>" in panel.mention_model.index(1, 0).data(Qt.ItemDataRole.ToolTipRole)


def test_an_event_dated_only_by_the_document_is_listed_off_the_timeline(qtbot) -> None:
    from models.domain import DOCUMENT_DATE_GUESS

    text = "Hamas attacked Israel on Oct. 7. An explosion killed hundreds."
    attack, explosion = text.index("attacked"), text.index("explosion")
    events = [
        Event("e1", EventType.ATTACK, attack, attack + 8, "attacked", date="2023-10-07"),
        Event(
            "e2", EventType.DISASTER, explosion, explosion + 9, "explosion", date="2023-12-30",
            date_basis=DOCUMENT_DATE_GUESS,
        ),
    ]
    index = ViewIndex(Analysis(Document(text, date="2023-12-30"), "test", "guess", actors=[], events=events))
    view = TimelineView()
    qtbot.addWidget(view)
    view.show()
    view.set_timeline(build_timeline(index), index, refit=True)
    assert view.canvas.mark_center("e1") is not None and view.canvas.mark_center("e2") is None
    assert view.undated_label.text() == "Off the timeline (1)"
    row = view.undated.item(0)
    assert row.text().startswith("Disaster: “explosion”")
    assert row.toolTip().startswith("by 2023-12-30, the document's date.")

"""Counts a reader can read: actors and mentions are said apart in the legend and the Actors panel."""

from __future__ import annotations

from PySide6.QtCore import Qt


def test_legend_says_actors_and_mentions(qtbot, fixed_window) -> None:
    win = fixed_window
    # The fixed analysis: two people with three mentions each, two places with one each.
    assert win.legend.box("PERSON").text() == "Person: 2 actors, 6 mentions"
    assert win.legend.box("PLACE").text() == "Place: 2 actors, 2 mentions"
    assert win.legend.box("EVENT").text().endswith("(3)")
    qtbot.mouseClick(win.legend.box("PLACE"), Qt.MouseButton.LeftButton)  # the box still toggles its layer
    assert "PLACE" in win.hub.state.hidden_layers


def test_actors_panel_group_row_counts_actors_and_mentions(qtbot, fixed_window) -> None:
    tree = fixed_window.actors_panel.tree
    model = tree.model()
    rows = {model.index(r, 0).data(): model.index(r, 1).data() for r in range(model.rowCount())}
    assert rows == {"Person · 2 actors": 6, "Place · 2 actors": 2}
    person = model.index(0, 0)
    assert person.data(Qt.ItemDataRole.ToolTipRole) == "Person: 2 actors, 6 mentions"
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Mentions"

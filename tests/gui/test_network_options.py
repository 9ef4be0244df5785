"""The actor network shows linked actors by default, thins light links, fits the dock, keeps labels apart."""

from __future__ import annotations

from PySide6.QtCore import Qt

from models.views.network import Network, Node
from models.views.svg import place_labels


def _show_network(win):
    win.views.network_dock.show()
    win.views.network_dock.raise_()
    win.views.flush()
    return win.views.network


def test_unlinked_actors_are_behind_a_switch_with_their_count(qtbot, fixed_window) -> None:
    view = _show_network(fixed_window)
    assert {n.id for n in view.canvas.network.nodes} == {"a1", "a2", "a3"}  # Berlin is in no event
    assert view.unlinked.text() == "Show 1 unlinked actor" and not view.unlinked.isChecked()
    qtbot.mouseClick(view.unlinked, Qt.MouseButton.LeftButton)
    assert {n.id for n in view.canvas.network.nodes} == {"a1", "a2", "a3", "a4"}
    qtbot.mouseClick(view.unlinked, Qt.MouseButton.LeftButton)
    assert {n.id for n in view.canvas.network.nodes} == {"a1", "a2", "a3"}


def test_weight_slider_thins_light_links(qtbot, fixed_window) -> None:
    view = _show_network(fixed_window)
    view.set_link_mode("sentences")
    fixed_window.views.flush()
    assert len(view.canvas.network.links) == 5 and view.weight.maximum() == 2
    view.weight.setFocus()
    qtbot.keyClick(view.weight, Qt.Key.Key_Right)
    assert view.weight.value() == 2 and view.weight_label.text() == "Links: 2+ times"
    links = view.canvas.network.links
    assert [(lk.a, lk.b, lk.weight) for lk in links] == [("a1", "a2", 2)]
    assert {n.id for n in view.canvas.network.nodes} == {"a1", "a2"}
    assert view.canvas.network.thinned == 4
    assert view.unlinked.text() == "Show 2 unlinked actors"


def test_layout_fills_the_dock(qtbot, fixed_window) -> None:
    view = _show_network(fixed_window)
    canvas = view.canvas
    xs = [x for x, _ in canvas.screen_positions().values()]
    assert min(xs) < canvas.width() * 0.2 and max(xs) > canvas.width() * 0.8  # two actors, spread across


def test_labels_never_overlap_when_nodes_crowd() -> None:
    nodes = tuple(Node(f"n{i}", f"Actor number {i} with a long name", "PERSON", 50 - i, i) for i in range(30))
    network = Network(nodes, (), "events", 0)
    at = {n.id: (200.0 + (i % 6) * 12.0, 150.0 + (i // 6) * 9.0) for i, n in enumerate(nodes)}  # a tight cluster
    radius = {n.id: 6.0 for n in nodes}
    labels = place_labels(
        network, at, radius, width=500, height=320, label_top=30, obstacles={}, char_width=6.6, line_height=15
    )
    boxes = [(x, y, x + len(text) * 6.6 + 4, y + 15) for x, y, text in labels.values()]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])
    assert "n0" in labels  # the most mentioned actor keeps its label; crowded small ones give theirs up

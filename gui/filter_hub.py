"""The window's single `FilterState`, shared by the panels, the article view and the reports.

Panels never keep their own copy of what is hidden: they ask the hub to change the state and
redraw from the `changed` signal, so two panels can never disagree.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from models.filters import FilterState


class FilterHub(QObject):
    """Holds the current filter state and announces every change.

    Signals:
        changed(object): the new `FilterState`.
        selection_changed(object): the frozenset of selected actor/event ids (for focus, n/p).
    """

    changed = Signal(object)
    selection_changed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._state = FilterState()
        self._selection: frozenset[str] = frozenset()

    @property
    def state(self) -> FilterState:
        return self._state

    def set_state(self, state: FilterState) -> None:
        if state != self._state:
            self._state = state
            self.changed.emit(state)

    def set_layer_visible(self, layer: str, visible: bool) -> None:
        self.set_state(self._state.with_layer(layer, visible))

    def set_actor_visible(self, actor_id: str, visible: bool) -> None:
        self.set_state(self._state.with_actor(actor_id, visible))

    def reset(self, hidden_layers: frozenset[str] = frozenset()) -> None:
        """A new document: facets and per-actor switches cleared; layer switches are a preference and stay."""
        self.set_state(FilterState(hidden_layers=hidden_layers))
        self.select(frozenset())

    @property
    def selection(self) -> frozenset[str]:
        return self._selection

    def select(self, item_ids: frozenset[str]) -> None:
        if item_ids != self._selection:
            self._selection = item_ids
            self.selection_changed.emit(item_ids)

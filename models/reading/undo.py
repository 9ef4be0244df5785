"""Undo records: each replaces a `before` with an `after`, and its inverse swaps them back.

The window's undo stack holds them (gui/undo.py wraps one in a QUndoCommand); what they change is
plain data, so they live here beside it and are tested without Qt.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from models.domain import Actor, Analysis, Event
from models.library.corrections import CorrectionOp
from models.reader import Item


@dataclass(frozen=True, slots=True)
class Change:
    """Replace the reader's item `before` with `after` (None on either side: add or remove)."""

    before: Item | None
    after: Item | None

    def inverse(self) -> Change:
        """The change that undoes this one."""
        return Change(self.after, self.before)


@dataclass(frozen=True, slots=True)
class CategoryChange:
    """Replace the category set; `renamed` maps old names to new ones (highlights follow)."""

    before: tuple[tuple[str, str], ...]
    after: tuple[tuple[str, str], ...]
    renamed: tuple[tuple[str, str], ...] = ()

    def inverse(self) -> CategoryChange:
        """The change that undoes this one (renames run backwards)."""
        return CategoryChange(self.after, self.before, tuple((new, old) for old, new in self.renamed))


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The correctable part of an analysis."""

    actors: tuple[Actor, ...]
    events: tuple[Event, ...]

    @classmethod
    def of(cls, analysis: Analysis) -> Snapshot:
        """A copy of the analysis' actors and events as they are now (later edits do not reach it)."""
        return cls(tuple(copy.deepcopy(analysis.actors)), tuple(copy.deepcopy(analysis.events)))

    def restore_into(self, analysis: Analysis) -> None:
        """Put copies of these actors and events back into `analysis` (the snapshot stays reusable)."""
        analysis.actors = copy.deepcopy(list(self.actors))
        analysis.events = copy.deepcopy(list(self.events))


@dataclass(frozen=True, slots=True)
class Correction:
    """Replace the `before` snapshot with `after`; `op` is the same edit by stable keys, for the library."""

    before: Snapshot
    after: Snapshot
    op: CorrectionOp | None = None
    undoing: bool = False

    def inverse(self) -> Correction:
        """The correction that undoes this one (`undoing` tells the library to drop the op again)."""
        return Correction(self.after, self.before, self.op, not self.undoing)

"""QUndoCommands for the reader's edits.

Domain edits follow the "apply returns the inverse" rule: running a command changes the library
and hands back the command that undoes it. The Qt side only keeps the pair and calls them, so the
domain stays testable without a QUndoStack and every edit (highlight, note, category, actor
correction) undoes the same way.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand

from models.errors import AppError

log = logging.getLogger(__name__)

# execute(command) -> inverse command
Executor = Callable[[Any], Any]


class InverseCommand(QUndoCommand):
    """Runs a domain command; undo runs the inverse it returned, redo the inverse of that.

    A step that could not be done (the library refused the write: disk full, read-only) marks the
    command obsolete, so the undo stack drops it instead of offering to undo what never happened;
    whoever ran it has already told the reader.
    """

    def __init__(self, text: str, command: Any, execute: Executor, after: Callable[[], None] | None = None) -> None:
        super().__init__(text)
        self._forward = command
        self._backward: Any = None
        self._execute = execute
        self._after = after

    def redo(self) -> None:
        try:
            self._backward = self._execute(self._forward)
        except AppError as exc:
            log.warning("%s not done: %s", self.text(), exc.user_message)
            self.setObsolete(True)
            return
        if self._after is not None:
            self._after()

    def undo(self) -> None:
        try:
            self._forward = self._execute(self._backward)
        except AppError as exc:
            log.warning("undo of %s not done: %s", self.text(), exc.user_message)
            self.setObsolete(True)
            return
        if self._after is not None:
            self._after()


class CallbackCommand(QUndoCommand):
    """An edit given as a pair of functions (for view-level changes that have no domain command)."""

    def __init__(self, text: str, do: Callable[[], None], undo: Callable[[], None]) -> None:
        super().__init__(text)
        self._do = do
        self._undo = undo

    def redo(self) -> None:
        self._do()

    def undo(self) -> None:
        self._undo()

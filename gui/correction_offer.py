"""After a correction of an actor, offer it for the other documents where the same library actor appears.

The look-up (which documents hold the actor, and where the correction applies) runs on a worker with
its own connection; when there are any, a bar in the status bar says so with Apply and Dismiss, and
applying is one undoable step on the window's undo stack. Nothing is changed without the reader's word.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import cast

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMainWindow, QToolButton, QWidget

from gui.library_jobs import LibraryJobs
from gui.undo import CallbackCommand
from models.library import Library
from models.library.corrections import CorrectionOp
from models.library.propagate import SHARED_KINDS, Elsewhere, apply_elsewhere, documents_for, undo_elsewhere
from models.version import ANALYZER_VERSION

VERBS = {"rename": "Rename", "retype": "Change the type", "merge": "Merge", "split": "Split", "remove": "Remove"}


def _count(number: int) -> str:
    return f"{number} other document{'' if number == 1 else 's'}"


class CorrectionOffer(QObject):
    """The offer bar of one main window.

    Signals:
        offered(object): an `Elsewhere` is on offer (the bar is shown).
        applied(int): the correction was kept in this many other documents (or taken back, on undo).
    """

    offered = Signal(object)
    applied = Signal(int)

    def __init__(self, window: QMainWindow, undo_stack: QUndoStack, db_path: Path) -> None:
        super().__init__(window)
        self.window = window
        self.undo_stack = undo_stack
        self.db_path = db_path
        self.current: Elsewhere | None = None
        self._jobs = LibraryJobs(window)  # one at a time, each with its own connection
        self.bar = QWidget()
        self.bar.setObjectName("correction-offer")
        self.label = QLabel()
        self.apply_button = QToolButton()
        self.apply_button.setObjectName("correction-offer-apply")
        self.apply_button.setText("Apply There Too")
        self.apply_button.clicked.connect(self.apply)
        self.dismiss_button = QToolButton()
        self.dismiss_button.setText("Dismiss")
        self.dismiss_button.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self.bar)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.apply_button)
        layout.addWidget(self.dismiss_button)
        self.bar.hide()
        window.statusBar().addPermanentWidget(self.bar)

    def _run(self, job: Callable[[Library], object], done: Callable[[object], None]) -> None:
        self._jobs.run(self.db_path, job, done, "The other documents could not be corrected.")

    def consider(self, doc_hash: str, op: CorrectionOp) -> None:
        """A correction was made in `doc_hash`: find where else it applies, and offer it there."""
        if op.kind not in SHARED_KINDS:
            return
        self._run(lambda lib: documents_for(lib, doc_hash, op, ANALYZER_VERSION), self._offer)

    def _offer(self, result: object) -> None:
        elsewhere = cast(Elsewhere, result)
        if not elsewhere.documents:
            return
        self.current = elsewhere
        op = elsewhere.op
        key = op.args.get("source" if op.kind == "merge" else "actor") or {}
        name = key.get("name", "this actor")
        titles = ", ".join(f"“{t}”" for _h, t in elsewhere.documents[:3])
        more = "…" if len(elsewhere.documents) > 3 else ""
        self.label.setText(f"{VERBS.get(op.kind, 'Correct')} “{name}” in {_count(len(elsewhere.documents))} too?")
        self.label.setToolTip(f"The same actor appears in {titles}{more}")
        self.bar.show()
        self.offered.emit(elsewhere)

    def dismiss(self) -> None:
        self.current = None
        self.bar.hide()

    def apply(self) -> None:
        """Keep the correction in the other documents, as one undoable step."""
        elsewhere = self.current
        if elsewhere is None:
            return
        self.dismiss()
        count = len(elsewhere.copies)

        def do() -> None:
            self._run(lambda lib: apply_elsewhere(lib, elsewhere), self._applied)

        def take_back(lib: Library) -> int:
            undo_elsewhere(lib, elsewhere)
            return -count

        def undo() -> None:
            self._run(take_back, self._applied)

        self.undo_stack.push(CallbackCommand(f"Correct {_count(count)}", do, undo))

    def _applied(self, result: object) -> None:
        count = cast(int, result)
        said = "Corrected" if count >= 0 else "Took the correction back from"
        self.window.statusBar().showMessage(f"{said} {_count(abs(count))}.", 8000)
        self.applied.emit(count)

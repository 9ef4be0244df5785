"""File › Import Annotations…: W3C Web Annotations onto the open document (or the ones they name).

Reading, anchoring and writing run on a worker with its own connection; the reader then re-reads
the open document's highlights and notes, and the status bar says what was added and what was skipped.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import cast

from PySide6.QtCore import QObject, QThreadPool, Signal
from PySide6.QtWidgets import QFileDialog, QStatusBar, QWidget

from gui.dialogs import show_error
from gui.workers import Task
from models.errors import AppError
from models.library import Library
from models.library.annotation_import import AnnotationImport, read_annotation_file
from models.library.annotation_import import import_annotations as import_annotations_into
from models.library.reader_store import LibraryStore

ANNOTATION_FILTER = "W3C Web Annotations (*.jsonld *.json);;All files (*)"


def _count(number: int, one: str, many: str) -> str:
    return f"{number:,} {one if number == 1 else many}"


class AnnotationImporter(QObject):
    """Imports an annotation file into the library and has the reader show what landed.

    Signals:
        imported(object): the `AnnotationImport` of a finished import (also kept as `last`).
    """

    imported = Signal(object)

    def __init__(
        self,
        parent: QWidget,
        store: Callable[[], LibraryStore | None],
        reload_items: Callable[[], None],
        status: QStatusBar,
    ) -> None:
        super().__init__(parent)
        self._parent = parent
        self._store = store
        self._reload_items = reload_items
        self._status = status
        self.ask_path: Callable[[], str] | None = None  # replaces the file dialog (tests)
        self.last: AnnotationImport | None = None
        self._task: object | None = None  # the running task's signals, kept alive until delivered

    def run(self) -> None:
        """Ask for a file and import it on a worker."""
        store = self._store()
        if store is None:
            show_error(self._parent, "The library is not available, so annotations cannot be imported.")
            return
        if store.library.read_only:
            show_error(
                self._parent,
                "Annotations cannot be imported into a read-only library.",
                store.library.read_only_message,
            )
            return
        if self.ask_path is not None:
            path = self.ask_path()
        else:
            path = QFileDialog.getOpenFileName(self._parent, "Import annotations", "", ANNOTATION_FILTER)[0]
        if not path:
            return
        db_path, into = store.library.path, store.current

        def work(_ctx: object) -> AnnotationImport:
            data = read_annotation_file(path)
            with Library(db_path, recover=False, check=False) as lib:
                return import_annotations_into(lib, data, into)

        task = Task(work)
        signals = task.signals
        self._status.showMessage(f"Importing annotations from {Path(path).name}…")

        def finished(result: object) -> None:
            imported = cast(AnnotationImport, result)
            self._reload_items()
            said = [*imported.lines(), imported.analysis_line() or ""]
            summary = " ".join(filter(None, said)) or f"No annotation in {Path(path).name} could be placed."
            self._status.showMessage(summary, 10_000)
            if imported.skipped:
                skipped = _count(len(imported.skipped), "annotation was", "annotations were")
                show_error(self._parent, f"{summary} {skipped} skipped.", "\n".join(imported.skipped[:20]))
            self.last = imported
            self.imported.emit(imported)

        def went_wrong(exc: object) -> None:
            self._status.clearMessage()
            detail = exc.user_message if isinstance(exc, AppError) else str(exc)
            show_error(self._parent, "The annotations could not be imported.", detail)

        signals.finished.connect(finished)
        signals.failed.connect(went_wrong)
        self._task = signals
        QThreadPool.globalInstance().start(task)

"""What the composition root (gui/app.py) builds once and hands to the main window."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSettings

from gui.analysis_controller import AnalysisController
from models.library.reader_store import LibraryStore


@dataclass(slots=True)
class Services:
    """The window's long-lived collaborators: its settings, the background analysis and the library.

    `library` is None when the library could not be opened: the reader still reads, nothing is kept.
    """

    settings: QSettings
    controller: AnalysisController
    library: LibraryStore | None = None

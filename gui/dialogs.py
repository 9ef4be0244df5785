"""Message dialogs: plain sentences with a way out, details for those who want them."""

from __future__ import annotations

import html
import platform
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from models.nlp import find_model
from models.version import APP_NAME, APP_VERSION
from resources import SAMPLE_ATTRIBUTION


def show_error(parent: QWidget | None, summary: str, detail: str = "") -> None:
    """Tell the user what went wrong in one sentence; nothing they wrote is affected."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(APP_NAME)
    box.setText(summary)
    if detail:
        box.setInformativeText(detail)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.open()


def ask_load_large(parent: QWidget, name: str, size: int, load: Callable[[], None]) -> None:
    """Ask (without blocking) whether to read a file of `size` bytes; `load` runs if the reader agrees."""
    box = QMessageBox(parent)
    box.setObjectName("large-file-prompt")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(APP_NAME)
    box.setText(f"{name} is {size / 1024 / 1024:,.0f} MB. Load it anyway?")
    box.setInformativeText("A file this large takes a long time to read and analyse.")
    accept = box.addButton("Load", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(accept)

    def answered(_result: int) -> None:
        if box.clickedButton() is accept:
            load()

    box.finished.connect(answered)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()


def about_text() -> str:
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import qVersion

    model = find_model()
    try:
        import spacy

        spacy_version = spacy.__version__
    except ImportError:
        spacy_version = "not installed"
    model_line = model.label if model else "none installed (highlights are unavailable)"
    return (
        f"<h3>{APP_NAME} {APP_VERSION}</h3>"
        "<p>Read news and reports with their actors and events highlighted.</p>"
        f"<p>Language model: <b>{html.escape(model_line)}</b><br>"
        f"spaCy {html.escape(spacy_version)} · Qt {qVersion()} (PySide6 {pyside_version}) · "
        f"Python {platform.python_version()}</p>"
        f"<p>Sample article: {html.escape(SAMPLE_ATTRIBUTION)}.</p>"
    )


def show_about(parent: QWidget) -> None:
    QMessageBox.about(parent, f"About {APP_NAME}", about_text())

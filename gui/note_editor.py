"""Editing a note: Markdown text with a preview, and tags."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)


def parse_tags(text: str) -> list[str]:
    """Tags typed as "a, b c" or "#a #b": split on commas and spaces, drop '#', keep order, no duplicates."""
    seen: dict[str, None] = {}
    for raw in text.replace(",", " ").split():
        tag = raw.lstrip("#").strip()
        if tag and tag.casefold() not in {t.casefold() for t in seen}:
            seen[tag] = None
    return list(seen)


class NoteEditor(QDialog):
    """A small dialog: what the note is about, the Markdown text (with preview), and tags."""

    def __init__(
        self, about: str, text: str = "", tags: list[str] | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Note")
        self.resize(520, 380)
        heading = QLabel(about)
        heading.setWordWrap(True)
        heading.setObjectName("note-about")
        self.text = QPlainTextEdit(text)
        self.text.setObjectName("note-text")
        self.text.setPlaceholderText("Write a note (Markdown: *emphasis*, **strong**, - lists, [links](https://…))")
        self.preview = QTextBrowser()
        self.preview.setOpenExternalLinks(True)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.text, "Write")
        self.tabs.addTab(self.preview, "Preview")
        self.tabs.currentChanged.connect(self._refresh_preview)
        self.tags = QLineEdit(", ".join(tags or []))
        self.tags.setObjectName("note-tags")
        self.tags.setPlaceholderText("tags, separated by commas")
        form = QFormLayout()
        form.addRow("Tags", self.tags)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.text.setFocus()

    def note_text(self) -> str:
        return self.text.toPlainText().strip()

    def note_tags(self) -> list[str]:
        return parse_tags(self.tags.text())

    def _refresh_preview(self, index: int) -> None:
        if index == 1:
            self.preview.setMarkdown(self.text.toPlainText())

"""The document date: shown in the status bar, set by the reader when the text does not say it.

Why it matters: "Friday", "last week" and "Oct. 7" are resolved against the date the article was
written. When neither the command line, the file's metadata nor a dateline gives it, events keep an
unknown year (XXXX-10-07) until the reader sets the date here; the analysis then runs again.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from models.filters import parse_day

_ISO = "yyyy-MM-dd"


class DocumentDateDialog(QDialog):
    """Asks for the day the document was written, with a calendar."""

    def __init__(self, current: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Document Date")
        layout = QVBoxLayout(self)
        explain = QLabel(
            "The day the document was written. Relative dates such as “Friday”, “last week” or "
            "“Oct. 7” are read against it."
        )
        explain.setWordWrap(True)
        layout.addWidget(explain)
        self.edit = QDateEdit()
        self.edit.setObjectName("document-date-edit")
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat(_ISO)
        day = parse_day(current) or dt.date.today()
        self.edit.setDate(QDate(day.year, day.month, day.day))
        layout.addWidget(self.edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def value(self) -> str:
        return self.edit.date().toString(_ISO)


class DocumentDateButton(QToolButton):
    """Status-bar button: says the document date (or that it is unknown) and opens the dialog."""

    date_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("document-date-button")
        self.setAutoRaise(True)
        self._date: str | None = None
        self.clicked.connect(self.ask)
        self.set_date(None, known=False)

    def set_date(self, date: str | None, known: bool = True) -> None:
        """Show `date`; `known` is False before any document is open."""
        self._date = date
        self.setEnabled(known)
        if not known:
            self.setText("")
            self.setToolTip("")
        elif date:
            self.setText(f"Dated {date}")
            self.setToolTip("The date relative dates are read against. Click to change it.")
        else:
            self.setText("Date unknown: set…")
            self.setToolTip("The text does not say when it was written. Set the date so that relative dates resolve.")

    def ask(self) -> None:
        dialog = DocumentDateDialog(self._date, self.window())
        # The dialog edits the day; a time the date came with is kept when the day is left as it was.
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.value() != (self._date or "")[:10]:
            self.date_chosen.emit(dialog.value())

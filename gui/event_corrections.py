"""The reader's corrections of events: the menu entries and the date dialog.

The undoable commands themselves live with the actor corrections (one snapshot-based command for
both, so undo is exact); this module asks the reader what to change.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from models.domain import Event
from models.filters import date_interval

DATE_HINT = "2023-10-07, 2023-10, 2023-W41, 2023-Q4 or 2023"


class EventCommands(Protocol):
    """What the menu needs from the window's corrections."""

    choose_date: Callable[[Event], str | None]

    def dismiss_event(self, event_id: str) -> None: ...

    def correct_event_date(self, event_id: str, date: str) -> bool: ...


def add_event_actions(menu: QMenu, event: Event, commands: EventCommands) -> None:
    """The events panel's and the article's context menu on an event."""

    def correct() -> None:
        value = commands.choose_date(event)
        if value is not None:
            commands.correct_event_date(event.id, value)

    menu.addAction("Correct Date…", correct)
    menu.addAction("Dismiss Event", lambda: commands.dismiss_event(event.id))


def ask_event_date(event: Event, context: str, parent: QWidget | None) -> str | None:
    """The TIMEX3 value the reader chose for `event`, or None when they cancelled."""
    dialog = EventDateDialog(event, context, parent)
    return dialog.value() if dialog.exec() == QDialog.DialogCode.Accepted else None


class EventDateDialog(QDialog):
    """A day from the calendar, or a month, week, quarter or year written as a TIMEX3 value.

    Why both: most corrections are a day, but articles often only say "in October" or "last year", and
    forcing a day would invent precision the text does not have.
    """

    def __init__(self, event: Event, context: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Correct Event Date")
        self._syncing = False
        quote = QLabel(context or f"“<b>{html.escape(event.text)}</b>”")
        quote.setTextFormat(Qt.TextFormat.RichText)
        quote.setWordWrap(True)
        quote.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        now = describe_value(event.date) if event.date else "no date"
        basis = f" ({event.date_basis})" if event.date and event.date_basis else ""
        current = QLabel(f"Now: {now}{basis}")
        current.setEnabled(False)

        self.day = QDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("d MMMM yyyy")
        self.day.setDateRange(QDate(1, 1, 1), QDate(9999, 12, 31))
        self.field = QLineEdit(event.date or "")
        self.field.setPlaceholderText(DATE_HINT)
        self.field.setClearButtonEnabled(True)
        self.feedback = QLabel()
        self.feedback.setWordWrap(True)
        self.feedback.setMinimumHeight(2 * self.feedback.fontMetrics().lineSpacing())  # room for the hint
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow("Day:", self.day)
        form.addRow("Or a period:", self.field)
        form.addRow("", self.feedback)
        layout = QVBoxLayout(self)
        layout.addWidget(quote)
        layout.addWidget(current)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

        interval = date_interval(event.date)
        start = interval[0] if interval else dt.date.today()
        self.day.setDate(QDate(start.year, start.month, start.day))
        self.day.dateChanged.connect(self._on_day)
        self.field.textChanged.connect(self._on_text)
        self._on_text(self.field.text())
        self.setMinimumWidth(420)

    def value(self) -> str:
        return self.field.text().strip()

    def _on_day(self, date: QDate) -> None:
        if not self._syncing:
            self.field.setText(date.toString("yyyy-MM-dd"))

    def _on_text(self, text: str) -> None:
        interval = date_interval(text.strip())
        ok = interval is not None
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)
        if interval is None:
            hint = f"Not a date yet: write one like {DATE_HINT}."
            self.feedback.setText(hint if text.strip() else "")
            return
        self.feedback.setText(f"Means: {describe_value(text.strip())}")
        first, last = interval
        if first == last:
            self._syncing = True
            self.day.setDate(QDate(first.year, first.month, first.day))
            self._syncing = False


def describe_value(value: str) -> str:
    """A TIMEX3 value in words ("7 October 2023", "October 2023", "2 Oct 2023 – 8 Oct 2023"), else itself."""
    interval = date_interval(value)
    if interval is None:
        return value
    first, last = interval
    if first == last:
        return f"{first.day} {first:%B %Y}"
    if (
        first.day == 1
        and (last == dt.date.max or (last + dt.timedelta(days=1)).day == 1)
        and (first.year, first.month)
        == (
            last.year,
            last.month,
        )
    ):
        return f"{first:%B %Y}"
    if (first.month, first.day, last.month, last.day) == (1, 1, 12, 31) and first.year == last.year:
        return f"the year {first.year}"
    return f"{first.day} {first:%b %Y} – {last.day} {last:%b %Y}"


def event_context(text: str, event: Event, width: int = 60) -> str:
    """The event's trigger (in bold) with some words around it, as rich text for the dialog's heading."""
    start, end = max(0, event.start - width), min(len(text), event.end + width)
    before, after = text[start : event.start], text[event.end : end]
    if start and " " in before:  # start on a whole word
        before = before.split(" ", 1)[1]
    if end < len(text) and " " in after:
        after = after.rsplit(" ", 1)[0]

    def words(part: str) -> str:
        return html.escape(" ".join(part.split()))

    lead, tail = ("…" if start else ""), ("…" if end < len(text) else "")
    space_before = " " if before[-1:].isspace() else ""
    space_after = " " if after[:1].isspace() else ""
    trigger = f"<b>{html.escape(event.text)}</b>"
    return f"“{lead}{words(before)}{space_before}{trigger}{space_after}{words(after)}{tail}”"

"""Errors the user can act on, kept apart from programming bugs.

Every `AppError` carries one plain sentence for the user; the GUI shows it in a dialog and the
command line prints it to stderr without a traceback.
"""

from __future__ import annotations


class AppError(Exception):
    """An expected failure caused by the environment or the input, not by a bug."""

    def __init__(self, user_message: str) -> None:
        super().__init__(user_message)
        self.user_message = user_message


class DocumentError(AppError):
    """A document could not be opened or read."""


class InvalidDateError(AppError):
    """A document date given by the user is not a valid YYYY-MM-DD date."""


class ModelMissingError(AppError):
    """No English spaCy pipeline is installed."""


class StorageError(AppError):
    """The library database could not be used."""


class ExportError(AppError):
    """A report could not be written."""

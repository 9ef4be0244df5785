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


class LibraryError(StorageError):
    """An SQLite error inside the library, turned into a sentence at the store's boundary."""


class LibraryWriteError(LibraryError):
    """A change could not be written to the library; nothing of it was kept.

    `reason` tells the window what to do: "full" (disk or size limit), "read-only" (the file or its
    folder cannot be written: the window switches to read-only) or "other".
    """

    def __init__(
        self, user_message: str, reason: str = "other", cause: str = "the library could not be written"
    ) -> None:
        super().__init__(user_message)
        self.reason = reason
        self.cause = cause  # the same in a clause: "Your note was not saved because {cause}."

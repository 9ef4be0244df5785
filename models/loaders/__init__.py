"""Turning files into reading text: one loader per format behind `load_document`."""

from models.loaders.registry import MAX_FILE_BYTES, FileTooLargeError, load_bytes, load_document, load_pasted

__all__ = ["MAX_FILE_BYTES", "FileTooLargeError", "load_bytes", "load_document", "load_pasted"]

"""Pick the loader for a file by its content and turn every failure into a plain-sentence `DocumentError`.

Loaders are plain functions `(bytes, name) -> Document`, one per format, chosen by `detect_format`
(the content decides; the extension only breaks ties between text formats). Whatever a third-party
parser raises on a damaged file becomes one sentence for the reader.
"""

from __future__ import annotations

import logging
import os
import re
import stat
from collections.abc import Callable
from pathlib import Path

from models.domain import Document
from models.errors import DocumentError
from models.loaders import sniff
from models.loaders.builder import TEXT_LIMIT, TextTooLongError
from models.loaders.text import decode_text, load_text, normalise_newlines, text_document, text_of

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 50 * 1024 * 1024
"""Files above this size are only opened when the reader confirms (GUI) or forces it (CLI)."""

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)

Loader = Callable[[bytes, str], Document]


class FileTooLargeError(DocumentError):
    """The file, or the text it unpacks to, is over `MAX_FILE_BYTES`; the caller may retry with `allow_large=True`."""

    def __init__(self, path: Path, size: int, limit: int, *, unpacked: bool = False) -> None:
        mb = limit / 1024 / 1024
        what = f"unpacks to more than {mb:,.0f} MB of text" if unpacked else f"is {size / 1024 / 1024:,.0f} MB"
        super().__init__(
            f"{path.name} {what}; files over {mb:,.0f} MB are only opened on request because they take long "
            "to read and analyse."
        )
        self.path = path
        self.size = size


def load_document(path: str | Path, *, allow_large: bool = False) -> Document:
    """Read `path` into a `Document`.

    Raises:
        FileTooLargeError: the file is over `MAX_FILE_BYTES` and `allow_large` is false.
        DocumentError: the file is missing, unreadable or not a readable document.
    """
    path = Path(path)
    if not path.exists():
        raise DocumentError(f"The file {path} does not exist.")
    if path.is_dir():
        raise DocumentError(f"{path} is a folder, not a document.")
    try:
        data = _read_regular_file(path, None if allow_large else MAX_FILE_BYTES)
    except OSError as exc:
        raise DocumentError(f"The file {path} could not be read ({exc.strerror or exc}).") from exc
    # An e-book or Word file of a few kilobytes may unpack to hundreds of megabytes of text: the same
    # limit applies to the text, and the loader stops as soon as it passes it.
    token = TEXT_LIMIT.set(None if allow_large else MAX_FILE_BYTES)
    try:
        document = load_bytes(data, path.name)
    except TextTooLongError as exc:
        raise FileTooLargeError(path, exc.length, MAX_FILE_BYTES, unpacked=True) from None
    finally:
        TEXT_LIMIT.reset(token)
    if not allow_large and len(document.text) > MAX_FILE_BYTES:
        raise FileTooLargeError(path, len(document.text), MAX_FILE_BYTES, unpacked=True)
    document.source_path = str(path)
    return document


def _read_regular_file(path: Path, limit: int | None) -> bytes:
    """The bytes of `path`, which must be a regular file; more than `limit` bytes raise `FileTooLargeError`.

    Why: a device (/dev/zero) reports size 0 and never ends, a named pipe without a writer blocks
    forever. The file is opened without blocking and checked on the open descriptor, so nothing can
    be swapped in between the check and the read; the read itself stops past the limit.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb", buffering=0) as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise DocumentError(
                f"{path} is not a regular file (it is a device, pipe or socket), so it cannot be opened as a document."
            )
        if limit is not None and info.st_size > limit:
            raise FileTooLargeError(path, info.st_size, limit)
        os.set_blocking(fd, True)
        chunks: list[bytes] = []
        total = 0
        while chunk := handle.read(1024 * 1024):
            chunks.append(chunk)
            total += len(chunk)
            if limit is not None and total > limit:  # the file grew while it was read
                raise FileTooLargeError(path, total, limit)
        return b"".join(chunks)


def load_bytes(data: bytes, name: str = "This file") -> Document:
    """A document from the bytes of a file called `name` (the name is only a hint)."""
    if not data.strip():
        raise DocumentError(f"{name} is empty: there is no text to read.")
    kind = sniff.detect_format(data, name)
    loader = _LOADERS.get(kind)
    if loader is None:
        raise DocumentError(f"{name} {_UNSUPPORTED[kind]}")
    try:
        document = loader(data, name)
    except DocumentError:
        raise
    except Exception as exc:  # a parser bug or a damaged file: the reader gets a sentence, the log the detail
        log.warning("loading %s as %s failed", name, kind, exc_info=True)
        raise DocumentError(f"{name} could not be read: it looks damaged or is not a valid {kind} file.") from exc
    if not document.text.strip():
        raise DocumentError(f"{name} has no text to read.")
    return document


def load_pasted(text: str | None, html: str | None, title: str) -> Document:
    """A document from the clipboard: its HTML when there is some (structure kept), else its plain text."""
    from models.loaders.html_page import load_html_fragment

    if html and html.strip():
        try:
            return load_html_fragment(html, title)
        except DocumentError:
            pass
        except Exception:  # odd clipboard markup: the plain text is still there
            log.warning("pasted HTML could not be read", exc_info=True)
    if text and text.strip():
        return text_document(normalise_newlines(text).replace("\x00", ""), title=title)
    raise DocumentError("The clipboard holds no text to read.")


def _markdown(data: bytes, name: str) -> Document:
    from models.loaders.markdown_text import load_markdown

    return load_markdown(text_of(data, name), name)


def _html(data: bytes, name: str) -> Document:
    from models.loaders.html_page import load_html

    return load_html(decode_html(data), name)


def decode_html(data: bytes) -> str:
    """HTML bytes as text: the page's declared charset if it names a real codec, else detected."""
    match = _META_CHARSET.search(data[:4096])
    if match:
        import codecs

        try:
            encoding = codecs.lookup(match.group(1).decode("ascii")).name
        except (LookupError, UnicodeDecodeError):
            encoding = ""
        if encoding and not encoding.startswith("utf-16"):  # a utf-16 page declaring itself is read by BOM
            return data.decode(encoding, errors="replace")
    return decode_text(data)


def _pdf(data: bytes, name: str) -> Document:
    from models.loaders.pdf import load_pdf

    return load_pdf(data, name)


def _epub(data: bytes, name: str) -> Document:
    from models.loaders.epub import load_epub

    return load_epub(data, name)


def _docx(data: bytes, name: str) -> Document:
    from models.loaders.word import load_docx

    return load_docx(data, name)


_LOADERS: dict[str, Loader] = {
    sniff.TEXT: load_text,
    sniff.MARKDOWN: _markdown,
    sniff.HTML: _html,
    sniff.PDF: _pdf,
    sniff.EPUB: _epub,
    sniff.DOCX: _docx,
}
_UNSUPPORTED = {
    sniff.ZIP: "is a ZIP archive, not a document; unpack it and open the document inside.",
    sniff.LEGACY_OFFICE: "is an old-style Office file (.doc); save it as .docx or PDF to read it here.",
    sniff.RTF: "is a Rich Text (RTF) file; save it as .docx or plain text to read it here.",
    sniff.IMAGE: "is an image, not a document with text.",
    sniff.ARCHIVE: "is a compressed archive, not a document; unpack it first.",
}

"""Plain-text loading: BOMs removed, newlines made `\\n`, legacy encodings detected."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from models.domain import Document
from models.errors import DocumentError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when `data` looks like UTF-16 text without a byte-order mark, else None.

    Text in a Latin script saved as UTF-16 has a NUL in every other byte: in the odd positions for
    little-endian, the even ones for big-endian. Binary data has NULs too, but not in that regular
    pattern, and its decoding is then checked for control characters.
    """
    head = data[:4096]
    if len(head) < 4 or b"\x00" not in head:
        return None
    pairs = len(head) // 2
    even_nuls = head[0 : pairs * 2 : 2].count(0)
    odd_nuls = head[1 : pairs * 2 : 2].count(0)
    if odd_nuls >= 0.6 * pairs and even_nuls <= 0.02 * pairs:
        encoding = "utf-16-le"
    elif even_nuls >= 0.6 * pairs and odd_nuls <= 0.02 * pairs:
        encoding = "utf-16-be"
    else:
        return None
    sample = head[: pairs * 2].decode(encoding, errors="replace")
    controls = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\t\n\r\f") or ch == "\ufffd")
    return encoding if controls <= 0.01 * len(sample) else None


def decode_text(data: bytes) -> str:
    """Decode bytes of unknown encoding; raise `DocumentError` for binary data."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    utf16 = utf16_without_bom(data)
    if utf16 is not None:
        return data.decode(utf16, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise DocumentError("This file does not contain readable text (it looks like binary data).")
    return str(best)


def normalise_newlines(text: str) -> str:
    """The text with Windows and old Mac line ends made plain newlines."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def has_bom(data: bytes) -> bool:
    """Whether the bytes start with a Unicode byte-order mark."""
    return any(data.startswith(bom) for bom, _ in _BOMS)


def text_of(data: bytes, name: str = "") -> str:
    """The decoded text of a text file with `\\n` newlines; DocumentError for binary or empty files."""
    utf16 = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or utf16_without_bom(data) is not None
    if b"\x00" in data[:4096] and not utf16:
        raise DocumentError(f"{name or 'This file'} is not a text document (it contains binary data).")
    text = normalise_newlines(decode_text(data))
    if not text.strip():
        raise DocumentError(f"{name or 'This file'} is empty: there is no text to read.")
    return text


def load_text(data: bytes, name: str = "") -> Document:
    """A plain-text document; the title is the first non-empty line when it is short."""
    return text_document(text_of(data, name), name)


def text_document(text: str, name: str = "", title: str | None = None) -> Document:
    """A plain-text document, titled by its first line when that is short enough, else by `name`."""
    if title is None:
        first = next((line.strip() for line in text.split("\n") if line.strip()), "")
        title = first if 0 < len(first) <= 200 else (name or None)
    return Document(text=text, title=title, format="text")

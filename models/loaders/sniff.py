"""Recognising a document's format from its content, so wrong or missing extensions do not matter.

Magic bytes decide for PDF and zip containers (the member names tell EPUB from DOCX); markup at the
start of the text decides for HTML; the extension only breaks ties between text formats.
"""

from __future__ import annotations

import codecs
import re
from pathlib import PurePath

from models.loaders.text import utf16_without_bom
from models.loaders.zipcheck import member_names

PDF, EPUB, DOCX, HTML, MARKDOWN, TEXT = "pdf", "epub", "docx", "html", "markdown", "text"
ZIP, LEGACY_OFFICE, RTF, IMAGE, ARCHIVE = "zip", "legacy-office", "rtf", "image", "archive"

HTML_EXTENSIONS = frozenset({".html", ".htm", ".xhtml", ".shtml", ".mhtml"})
MARKDOWN_EXTENSIONS = frozenset({".md", ".markdown", ".mdown", ".mkd", ".mkdn"})
TEXT_EXTENSIONS = frozenset({".txt", ".text"})

_HTML_START = re.compile(
    r"^(?:\ufeff)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
    re.DOTALL | re.IGNORECASE,
)
_HTML_ANYWHERE = re.compile(r"<(?:!doctype\s+html|html[\s>]|body[\s>])")
_MD_HEADING = re.compile(r"^#{1,6}\s+\S", re.MULTILINE)
_MD_EMPHASIS = re.compile(r"(\*\*|__)\S.*?\S\1|\[[^\]\n]+\]\([^)\s]+\)")
_IMAGES = (b"\x89PNG", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"RIFF", b"II*\x00", b"MM\x00*")
_ARCHIVES = (b"\x1f\x8b", b"7z\xbc\xaf", b"Rar!", b"BZh", b"\xfd7zXZ")


def detect_format(data: bytes, name: str = "") -> str:
    """One of the format names above."""
    ext = PurePath(name).suffix.lower()
    if b"%PDF-" in data[:1024]:
        return PDF
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        names = member_names(data)
        if "word/document.xml" in names:
            return DOCX
        if "META-INF/container.xml" in names or "mimetype" in names:
            return EPUB
        if not names and ext in (".epub", ".docx"):
            return EPUB if ext == ".epub" else DOCX  # damaged: its own loader says so
        return ZIP
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return LEGACY_OFFICE
    if data.startswith(b"{\\rtf"):
        return RTF
    if data.startswith(_IMAGES):
        return IMAGE
    if data.startswith(_ARCHIVES):
        return ARCHIVE
    head = _head_text(data)
    if _HTML_START.match(head) or _HTML_ANYWHERE.search(head[:1024].lower()):
        return HTML
    if ext in HTML_EXTENSIONS and "<" in head:
        return HTML
    if ext in MARKDOWN_EXTENSIONS:
        return MARKDOWN
    if ext not in TEXT_EXTENSIONS and _MD_HEADING.search(head) and _MD_EMPHASIS.search(head):
        return MARKDOWN
    return TEXT


def _head_text(data: bytes) -> str:
    head = data[:4096]
    for bom, encoding in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            return head[len(bom) :].decode(encoding, errors="ignore")
    utf16 = utf16_without_bom(head)
    if utf16 is not None:
        return head.decode(utf16, errors="ignore")
    return head.decode("utf-8", errors="ignore").lstrip("\ufeff")

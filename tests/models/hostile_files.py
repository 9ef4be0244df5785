"""Files built to hurt a reader: zip members that lie about their size, books that unpack huge.

Written byte by byte where `zipfile` would refuse to lie, so the tests use real archives that any
unzip tool reads the way an attacker meant.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterable
from pathlib import Path

CONTAINER = (
    b'<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">'
    b'<rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>'
    b"</rootfiles></container>"
)


def deflated_zeros(size: int, chunk: int = 1024 * 1024) -> tuple[bytes, int]:
    """Raw deflate data of `size` zero bytes (a multiple of `chunk`) and its CRC-32.

    After a full flush the compressor starts afresh, so every chunk of zeros compresses to the same
    bytes: one chunk is compressed and repeated, which builds a gigabyte's bomb in a second.
    """
    assert size % chunk == 0
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = bytes(chunk)
    once = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    again = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    assert once == again
    crc = 0
    for _ in range(size // chunk):
        crc = zlib.crc32(block, crc)
    return once * (size // chunk) + compressor.flush(), crc


def lying_zip(path: Path, members: Iterable[tuple[str, bytes, int, int, bool]]) -> Path:
    """A zip of (name, stored data, declared size, crc, deflated) members; the declared size may be a lie."""
    body = bytearray()
    central = bytearray()
    count = 0
    for name, data, declared, crc, deflated in members:
        encoded = name.encode()
        method = 8 if deflated else 0
        offset = len(body)
        body += struct.pack(
            "<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0x21, crc, len(data), declared, len(encoded), 0
        )
        body += encoded + data
        central += struct.pack(
            "<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, method, 0, 0x21, crc, len(data), declared,
            len(encoded), 0, 0, 0, 0, 0, offset,
        )  # fmt: skip
        central += encoded
        count += 1
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(central), len(body), 0)
    path.write_bytes(bytes(body + central + end))
    return path


def stored(name: str, data: bytes) -> tuple[str, bytes, int, int, bool]:
    return name, data, len(data), zlib.crc32(data), False


def epub_with_bomb(path: Path, inflates_to: int, declares: int = 1000) -> Path:
    """An EPUB whose one chapter declares `declares` bytes and inflates to `inflates_to`."""
    data, crc = deflated_zeros(inflates_to)
    return lying_zip(
        path,
        [
            stored("mimetype", b"application/epub+zip"),
            stored("META-INF/container.xml", CONTAINER),
            ("OEBPS/chapter.xhtml", data, declares, crc, True),
        ],
    )


def big_book(path: Path, chapters: int, chapter_bytes: int) -> Path:
    """A valid EPUB of `chapters` chapters of about `chapter_bytes` of prose each (it compresses to little)."""
    from ebooklib import epub

    book = epub.EpubBook()
    book.set_identifier("hostile-book")
    book.set_title("A book that unpacks huge")
    book.set_language("en")
    sentence = "The minister met the envoy in Paris and the talks went on. "
    paragraph = "<p>" + sentence * 20 + "</p>"
    body = paragraph * max(1, chapter_bytes // len(paragraph))
    items = []
    for n in range(chapters):
        item = epub.EpubHtml(title=f"Chapter {n + 1}", file_name=f"c{n}.xhtml", lang="en")
        item.content = f"<html><body><h1>Chapter {n + 1}</h1>{body}</body></html>"
        book.add_item(item)
        items.append(item)
    book.toc = items
    book.spine = items
    book.add_item(epub.EpubNcx())
    book.add_item(epub.EpubNav())
    epub.write_epub(str(path), book)
    return path

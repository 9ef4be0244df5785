"""Files that would hurt the reader: zip bombs, books that unpack huge, devices and pipes, odd encodings, deep nesting.

Real files on disk (and real child processes where memory or a hang is the question), never mocks.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from models.errors import DocumentError
from models.loaders import FileTooLargeError, load_document
from tests.conftest import ROOT, SCRATCH_HOME
from tests.models.hostile_files import big_book, epub_with_bomb, lying_zip, stored

GIB = 1 << 30

LOAD_CHILD = r"""
import json, resource, sys
from models.errors import DocumentError
def peak_mb():
    # VmHWM belongs to this program's own memory; ru_maxrss would also count the parent it was forked from.
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
from models.loaders import load_document
try:
    load_document(sys.argv[1])
    outcome = "opened"
except DocumentError as exc:
    outcome = exc.user_message
print(json.dumps({"outcome": outcome, "peak_mb": peak_mb()}))
"""


def load_in_child(path: Path) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, "-c", LOAD_CHILD, str(path)], cwd=ROOT, capture_output=True, text=True, timeout=300, check=True
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert isinstance(result, dict)
    return result


# ----- zip bombs: counted while inflating ------------------------------------------------------------


def test_an_epub_member_that_lies_about_its_size_is_refused_while_inflating(tmp_path: Path) -> None:
    """A 1 MB EPUB whose chapter declares 1,000 bytes and inflates to 1 GiB."""
    bomb = epub_with_bomb(tmp_path / "bomb.epub", GIB)
    assert bomb.stat().st_size < 1.1 * 1024 * 1024
    result = load_in_child(bomb)
    assert "zip bomb" in str(result["outcome"])
    assert float(str(result["peak_mb"])) < 300, result  # the gigabyte is never held


def test_a_docx_member_that_lies_about_its_size_is_refused(tmp_path: Path) -> None:
    from tests.models.hostile_files import deflated_zeros

    data, crc = deflated_zeros(256 * 1024 * 1024)
    docx = lying_zip(
        tmp_path / "bomb.docx",
        [stored("[Content_Types].xml", b"<Types/>"), ("word/document.xml", data, 1000, crc, True)],
    )
    with pytest.raises(DocumentError, match="zip bomb"):
        load_document(docx)


def test_a_member_a_little_larger_than_it_declares_is_refused(tmp_path: Path) -> None:
    """The lie is small (100 KB for a 1,000-byte claim) and its checksum is right: the count still catches it."""
    from tests.models.hostile_files import CONTAINER

    chapter = b"<html><body><p>" + b"word " * 20_000 + b"</p></body></html>"
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    packed = compressor.compress(chapter) + compressor.flush()
    path = lying_zip(
        tmp_path / "small-lie.epub",
        [
            stored("mimetype", b"application/epub+zip"),
            stored("META-INF/container.xml", CONTAINER),
            ("OEBPS/c.xhtml", packed, 1000, zlib.crc32(chapter), True),
        ],
    )
    with pytest.raises(DocumentError, match="zip bomb"):
        load_document(path)


# ----- the size limit applies to the unpacked text ------------------------------------------------------


def test_a_small_epub_that_unpacks_past_the_limit_asks_first(tmp_path: Path, monkeypatch) -> None:
    from models.loaders import registry

    monkeypatch.setattr(registry, "MAX_FILE_BYTES", 2 * 1024 * 1024)
    book = big_book(tmp_path / "book.epub", chapters=30, chapter_bytes=100_000)
    assert book.stat().st_size < 200_000
    with pytest.raises(FileTooLargeError, match="unpacks to more than 2 MB of text") as err:
        load_document(book)
    assert "\n" not in err.value.user_message
    document = load_document(book, allow_large=True)  # the reader agreed: the whole book is read
    assert len(document.text) > 2 * 1024 * 1024 and len(document.chapters) == 30


@pytest.mark.slow
def test_a_book_of_150_chapters_of_1_mb_is_stopped_at_the_limit(tmp_path: Path) -> None:
    book = big_book(tmp_path / "book.epub", chapters=150, chapter_bytes=1_000_000)
    result = load_in_child(book)
    assert "unpacks to more than 50 MB of text" in str(result["outcome"])
    assert float(str(result["peak_mb"])) < 1024, result


# ----- devices, pipes and folders ----------------------------------------------------------------------


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "analyze", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={"PATH": "/usr/bin:/bin", "HOME": str(SCRATCH_HOME), "QT_QPA_PLATFORM": "offscreen"},
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo") or not Path("/dev/zero").exists(), reason="needs POSIX devices")
def test_devices_pipes_and_folders_are_refused_with_a_sentence(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)  # no writer: reading it would wait for ever
    for target in ("/dev/zero", str(fifo), str(tmp_path)):
        result = _cli(target)  # the 60-second timeout turns a hang into a failure
        assert result.returncode == 2, (target, result.stderr)
        assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1, result.stderr
        assert "not a regular file" in result.stderr or "folder" in result.stderr


# ----- UTF-16 without a byte-order mark ---------------------------------------------------------------

UTF16_TEXT = "Angela Merkel met Emmanuel Macron in Paris on Monday.\nZoë said “no” to the plan.\n"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_opens(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(UTF16_TEXT.encode(encoding))
    assert load_document(path).text.strip() == UTF16_TEXT.strip()
    page = tmp_path / "a.html"
    page.write_bytes(f"<html><body><p>{UTF16_TEXT}</p></body></html>".encode(encoding))
    assert "Emmanuel Macron" in load_document(page).text


def test_binary_with_nul_bytes_is_still_refused(tmp_path: Path) -> None:
    path = tmp_path / "b.txt"
    path.write_bytes(bytes(range(256)) * 16)
    with pytest.raises(DocumentError, match="binary"):
        load_document(path)


# ----- deep Markdown nesting never loses text silently -------------------------------------------------


def test_a_quote_nested_20_levels_keeps_every_word(tmp_path: Path) -> None:
    lines = [">" * n + f" Level {n} of the quote." for n in range(1, 21)]
    path = tmp_path / "q.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    text = load_document(path).text
    assert all(f"Level {n} of the quote." in text for n in range(1, 21)), text


@pytest.mark.parametrize("depth", [12, 60, 150])
def test_deeply_nested_lists_keep_every_item(tmp_path: Path, depth: int) -> None:
    source = "# Outline\n\n" + "".join("  " * n + f"- point {n}\n" for n in range(depth))
    path = tmp_path / "l.md"
    path.write_text(source, encoding="utf-8")
    text = load_document(path).text
    assert all(f"point {n}" in text for n in range(depth))
    assert text.count("point") == depth


def test_quotes_nested_past_the_parser_limit_are_read_as_plain_text(tmp_path: Path) -> None:
    path = tmp_path / "deep.md"
    path.write_text("# Title\n\n" + ">" * 300 + " the deepest words\n\nAfter the quote.\n", encoding="utf-8")
    text = load_document(path).text
    assert "the deepest words" in text and "After the quote." in text and ">" not in text

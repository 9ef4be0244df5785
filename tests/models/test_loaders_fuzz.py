"""Every loader on random and mutated bytes: a Document or a DocumentError, never another exception or a hang."""

from __future__ import annotations

import contextlib
import time
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models.domain import Document
from models.errors import DocumentError
from models.loaders import load_bytes, load_pasted
from tests.models.doc_samples import make_docx, make_epub
from tests.models.pdf_samples import layout_pages, make_pdf

PER_INPUT_SECONDS = 3.0
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)

HTML_SAMPLE = (
    b"<!DOCTYPE html><html><head><title>Storm</title><meta name='author' content='A. Writer'></head><body>"
    b"<nav><a href='/'>Home</a></nav><article><h1>Storm hits coast</h1><p>The storm reached the coast on "
    b"<em>Tuesday</em> night and cut power to thousands of homes across three counties.</p><p>Repairs are "
    b"expected to take until the weekend, the utility company said in a statement.</p></article></body></html>"
)
MARKDOWN_SAMPLE = (
    b"---\ntitle: Notes\n---\n# Notes\n\nSome *emphasis* and **strong** text.\n\n- item\n\n| a | b |\n|-|-|\n"
)


@cache
def samples() -> dict[str, bytes]:
    paragraphs = [
        [f"Paragraph {w} starts here and goes on for a line that wraps onto a second", "line."]
        for w in ("one", "two", "three", "four", "five", "six")
    ] * 4
    return {
        "sample.pdf": make_pdf(layout_pages(paragraphs, header="Running header", numbers=True)),
        "sample.epub": make_epub(),
        "sample.docx": make_docx(),
        "sample.html": HTML_SAMPLE,
        "sample.md": MARKDOWN_SAMPLE,
        "sample.txt": "Plain text with an accent: café.\n".encode(),
    }


def check(data: bytes, name: str) -> None:
    started = time.perf_counter()
    try:
        document = load_bytes(data, name)
    except DocumentError as exc:
        assert exc.user_message and "\n" not in exc.user_message
    else:
        assert isinstance(document, Document)
        assert document.text.strip()
        for block in document.blocks:
            assert 0 <= block.start < block.end <= len(document.text)
        for chapter in document.chapters:
            assert 0 <= chapter.start <= chapter.end <= len(document.text)
    assert time.perf_counter() - started < PER_INPUT_SECONDS, f"{name}: {len(data)} bytes took too long"


@st.composite
def mutated(draw: st.DrawFn, name: str) -> bytes:
    data = bytearray(samples()[name])
    for _ in range(draw(st.integers(1, 8))):
        action = draw(st.sampled_from(["flip", "cut", "insert", "delete"]))
        at = draw(st.integers(0, max(0, len(data) - 1)))
        if action == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif action == "cut":
            del data[at:]
        elif action == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=16))
        elif data:
            del data[at : at + draw(st.integers(1, 64))]
    return bytes(data)


NAMES = ["sample.pdf", "sample.epub", "sample.docx", "sample.html", "sample.md", "sample.txt"]


@pytest.mark.timeout(60)
@pytest.mark.parametrize("name", NAMES)
def test_mutated_samples_never_crash(name: str) -> None:
    check(samples()[name], name)  # the intact sample reads

    @FUZZ
    @given(data=mutated(name))
    def run(data: bytes) -> None:
        check(data, name)

    run()


@pytest.mark.timeout(60)
@FUZZ
@given(data=st.binary(max_size=4096), name=st.sampled_from([*NAMES, "noext", "x.htm"]))
def test_random_bytes_never_crash(data: bytes, name: str) -> None:
    check(data, name)


@pytest.mark.timeout(60)
@FUZZ
@given(prefix=st.sampled_from([b"%PDF-1.4\n", b"PK\x03\x04", b"<html>", b"# ", b"\xef\xbb\xbf"]), tail=st.binary())
def test_magic_prefixes_with_junk_never_crash(prefix: bytes, tail: bytes) -> None:
    check(prefix + tail, "junk")


@pytest.mark.timeout(60)
@FUZZ
@given(text=st.one_of(st.none(), st.text()), html=st.one_of(st.none(), st.text(), st.just("<p><b>x</b></p>")))
def test_pasted_clipboard_never_crashes(text: str | None, html: str | None) -> None:
    with contextlib.suppress(DocumentError):
        assert load_pasted(text, html, "Pasted text").text.strip()


# ----- the limits of issue 14: lying zip members, UTF-16 without a BOM, deep Markdown nesting ----------


@pytest.mark.timeout(120)
@FUZZ
@given(
    size=st.integers(0, 300_000),
    declared=st.integers(0, 300_000),
    byte=st.integers(0, 255),
    name=st.sampled_from(["book.epub", "letter.docx"]),
)
def test_zip_members_are_counted_while_inflating(size: int, declared: int, byte: int, name: str) -> None:
    """A member that unpacks to more than it declares is refused, counted while inflating; others read whole."""
    import zlib

    from tests.models.hostile_files import CONTAINER, lying_zip, stored

    payload = bytes([byte]) * size
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    packed = compressor.compress(payload) + compressor.flush()
    inner = "OEBPS/c.xhtml" if name.endswith(".epub") else "word/document.xml"
    head = [stored("mimetype", b"application/epub+zip"), stored("META-INF/container.xml", CONTAINER)]
    if name.endswith(".docx"):
        head = [stored("[Content_Types].xml", b"<Types/>")]
    import tempfile
    from pathlib import Path

    from models.loaders.zipcheck import open_zip

    with tempfile.TemporaryDirectory() as tmp:
        data = lying_zip(Path(tmp) / name, [*head, (inner, packed, declared, zlib.crc32(payload), True)]).read_bytes()
    try:
        archive = open_zip(data, name, "test")
    except DocumentError as exc:
        assert size > declared, "an archive that unpacks to no more than it declares was refused"
        assert "\n" not in exc.user_message
    else:
        assert size <= declared, "a member that unpacks to more than it declares got through"
        assert len(archive.read(inner)) == size
    check(data, name)


@pytest.mark.timeout(60)
@FUZZ
@given(text=st.text(st.characters(min_codepoint=32, max_codepoint=0x24F), min_size=8, max_size=400))
def test_utf16_text_without_a_bom_reads_back(text: str) -> None:
    """Latin-script text saved as UTF-16 without a byte-order mark opens as that text."""
    if not text.strip() or sum(ch.isascii() for ch in text) < 0.7 * len(text):
        return  # the NUL-byte pattern is the signal; mostly non-Latin text without a BOM is charset guessing
    for encoding in ("utf-16-le", "utf-16-be"):
        document = load_bytes(text.encode(encoding), "note.txt")
        assert document.text == text


@pytest.mark.timeout(60)
@FUZZ
@given(
    prefixes=st.lists(st.lists(st.sampled_from(["> ", "- ", "1. ", "  ", "* "]), max_size=40), min_size=1, max_size=12)
)
def test_nested_markdown_keeps_every_word(prefixes: list[list[str]]) -> None:
    """However deep the quotes and lists, every line's words reach the text."""
    lines = [("".join(prefix) + f"word{n}x") for n, prefix in enumerate(prefixes)]
    document = load_bytes(("\n\n".join(lines) + "\n").encode(), "nested.md")
    for n in range(len(lines)):
        assert f"word{n}x" in document.text

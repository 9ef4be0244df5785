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

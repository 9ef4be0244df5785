"""Each format's loader on real sample files built here: text, metadata, structure, plain failures."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from models.domain import Analysis, Document
from models.errors import DocumentError
from models.loaders import FileTooLargeError, load_bytes, load_document, load_pasted, registry
from models.loaders.pdf import PdfLine, join_paragraphs
from tests.models.doc_samples import make_docx, make_epub, zip_bomb
from tests.models.pdf_samples import layout_pages, make_pdf

PAGE = """<!DOCTYPE html><html lang="en"><head><title>Flood waters rise in Riverton | Daily Planet</title>
<meta charset="utf-8"><meta name="author" content="Jane Roe">
<meta property="article:published_time" content="2024-03-05T08:00:00Z">
<meta property="og:title" content="Flood waters rise in Riverton">
<script>document.write('<p>injected by script</p>')</script>
<link rel="stylesheet" href="https://fonts.example.com/css2?family=Roboto">
<style>@font-face { font-family: X; src: url(https://fonts.example.com/x.woff2); }</style>
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news</a></li>
<li><a href="/sport">Sport</a></li></ul></nav>
<div class="cookie-banner" id="cookie-consent">We use cookies to improve your experience.
<button>Accept all cookies</button></div>
<div class="ad advertisement" id="ad-top">ADVERTISEMENT Buy cheap widgets now at WidgetWorld!</div>
<article><h1>Flood waters rise in Riverton</h1><p class="byline">By Jane Roe</p>
<p>The river burst its banks on Monday, forcing <em>hundreds</em> of families from their homes in the
low-lying districts of the town, officials said.</p>
<h2>Rescue efforts</h2>
<p>Mayor Tom Baker said emergency crews worked through the night. <a href="javascript:alert(1)">Read more</a>
about the rescue teams who travelled from the capital to help — café owners brought them coffee.</p>
<p>Residents were told to expect more rain on Wednesday, and the national weather service issued a
warning for the whole region until the weekend.</p>
<img src="https://tracker.example.com/pixel.gif?id=123" width="1" height="1" alt="">
</article>
<aside class="related">Related: Ten best widgets of 2024</aside>
<footer>© 2024 Daily Planet. All rights reserved. Privacy policy.</footer>
<script src="https://ads.example.com/ads.js"></script>
</body></html>
"""


def _slices(document: Document, kind: str) -> list[str]:
    return [document.text[b.start : b.end] for b in document.blocks if b.kind == kind]


# ----- HTML ----------------------------------------------------------------------------------


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*_args, **_kwargs):
        raise AssertionError("a loader tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def test_html_keeps_the_article_and_drops_the_page_around_it(no_network, tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    document = load_document(path)
    assert document.format == "html"
    assert document.title == "Flood waters rise in Riverton"
    assert document.author == "Jane Roe"
    assert document.date == "2024-03-05"
    text = document.text
    assert "forcing hundreds of families" in text
    assert "café owners brought them coffee" in text
    assert "Mayor Tom Baker said emergency crews worked through the night. Read more about the rescue" in text
    for junk in (
        "Accept all cookies",
        "ADVERTISEMENT",
        "World news",
        "injected by script",
        "All rights reserved",
        "javascript",
        "pixel.gif",
        "Ten best widgets",
        "http",
    ):
        assert junk not in text
    assert text.split("\n\n")[:3] == [
        "Flood waters rise in Riverton",
        "The river burst its banks on Monday, forcing hundreds of families from their homes in the "
        "low-lying districts of the town, officials said.",
        "Rescue efforts",
    ]
    assert _slices(document, "heading") == ["Flood waters rise in Riverton", "Rescue efforts"]
    assert _slices(document, "emphasis") == ["hundreds"]


def test_html_in_a_legacy_encoding_is_read_by_its_declared_charset(tmp_path: Path) -> None:
    page = PAGE.replace('charset="utf-8"', 'charset="windows-1252"').replace("—", "-")
    path = tmp_path / "legacy.htm"
    path.write_bytes(page.encode("cp1252"))
    assert "café owners" in load_document(path).text


def test_a_page_without_article_text_gives_a_plain_message() -> None:
    with pytest.raises(DocumentError, match="no readable text"):
        load_bytes(b"<html><head><script>var x = 1;</script></head><body><nav></nav></body></html>", "app.html")


def test_pasted_html_keeps_everything_selected_with_its_structure() -> None:
    html = (
        "<html><body><!--StartFragment--><h2>Talks resume</h2><p>Envoys met in <b>Geneva</b> on "
        "<i>Friday</i>.</p><script>alert(1)</script><!--EndFragment--></body></html>"
    )
    document = load_pasted("Talks resume\nEnvoys met in Geneva on Friday.", html, "Pasted text 2024-06-01 10:00")
    assert document.text == "Talks resume\n\nEnvoys met in Geneva on Friday."
    assert document.title == "Pasted text 2024-06-01 10:00"
    assert _slices(document, "heading") == ["Talks resume"]
    assert _slices(document, "strong") == ["Geneva"]
    assert _slices(document, "emphasis") == ["Friday"]


def test_pasted_plain_text_and_empty_clipboard() -> None:
    document = load_pasted("Line one\r\nLine two", None, "Pasted text")
    assert document.text == "Line one\nLine two"
    with pytest.raises(DocumentError, match="clipboard holds no text"):
        load_pasted("  ", "<p> </p>", "Pasted text")


# ----- Markdown ------------------------------------------------------------------------------

MARKDOWN = """---
title: "Budget talks"
author: Lee Park
date: 2024-02-01
---
# Budget *talks* resume

The finance minister met **union leaders** on Monday, see [the report](https://example.com/report).

## Next steps

- Talks resume on Friday
- A vote follows in March
"""


def test_markdown_text_has_no_markup_and_keeps_headings_and_emphasis(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    document = load_document(path)
    assert document.format == "markdown"
    assert (document.title, document.author, document.date) == ("Budget talks", "Lee Park", "2024-02-01")
    assert document.text == (
        "Budget talks resume\n\nThe finance minister met union leaders on Monday, see the report.\n\n"
        "Next steps\n\n• Talks resume on Friday\n\n• A vote follows in March"
    )
    headings = [(document.text[b.start : b.end], b.level) for b in document.blocks if b.kind == "heading"]
    assert headings == [("Budget talks resume", 1), ("Next steps", 2)]
    assert _slices(document, "emphasis") == ["talks"]
    assert _slices(document, "strong") == ["union leaders"]


def test_markdown_without_an_extension_is_recognised(tmp_path: Path) -> None:
    path = tmp_path / "README"
    path.write_text("# Heading\n\nSome **bold** claim and a [link](x.html).\n", encoding="utf-8")
    document = load_document(path)
    assert document.format == "markdown"
    assert document.text == "Heading\n\nSome bold claim and a link."


def test_structure_survives_the_analysis_json_round_trip() -> None:
    document = load_bytes(MARKDOWN.encode(), "notes.md")
    data = Analysis(document=document, analyzer_version="x", model="m").to_json()
    from models.contract import validation_errors

    assert validation_errors(data) == []
    again = Analysis.from_json(data).document
    assert again.blocks == document.blocks
    assert again.author == "Lee Park"


# ----- PDF -----------------------------------------------------------------------------------

_BASE = [
    [
        "The council met on Monday to discuss the flood defences along the river, which were",
        "damaged in the storms of last winter. Engineers said the emer-",
        "gency repairs would take six weeks and cost about two million.",
    ],
    [
        "Residents of the lower town asked for sandbags before the spring tides, and the mayor",
        "promised a reply by the end of the month.",
    ],
    ["A well-", "known local charity offered volunteers for the weekend."],
    [
        "The regional authority will publish its own assessment of the river banks in",
        "April, after the surveyors have finished walking the length of the valley.",
    ],
    [
        "Farmers upstream said the drainage ditches had not been cleared for years, and",
        "that the water now stood in their fields for weeks after every storm.",
    ],
]
_PLACES = ["Ashford", "Brampton", "Carlow", "Dunmore", "Eastwick", "Fenwick", "Glenrock", "Hartley", "Ivybridge"]
# Distinct paragraphs (a running header is text that repeats; the body must not).
REPORT = [[f"In {place}: {lines[0]}", *lines[1:]] for place in _PLACES for lines in _BASE]


def report_pdf(**info: str) -> bytes:
    pages = layout_pages(REPORT, header="Riverton Council — Annual Report 2023", numbers=True)
    assert len(pages) >= 3
    return make_pdf(
        pages,
        info=info or {"Title": "Flood defences", "Author": "Riverton Council", "CreationDate": "D:20240115120000Z"},
    )


def test_pdf_paragraphs_rejoined_headers_and_page_numbers_dropped(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(report_pdf())
    document = load_document(path)
    assert document.format == "pdf"
    assert (document.title, document.author, document.date) == ("Flood defences", "Riverton Council", "2024-01-15")
    paragraphs = document.text.split("\n\n")
    assert paragraphs[0] == (
        "In Ashford: The council met on Monday to discuss the flood defences along the river, which were damaged "
        "in the storms of last winter. Engineers said the emergency repairs would take six weeks and cost about "
        "two million."
    )
    assert paragraphs[2] == "In Ashford: A well-known local charity offered volunteers for the weekend."
    assert len(paragraphs) == len(REPORT)
    assert "Annual Report" not in document.text
    assert not any(p.strip().isdigit() for p in paragraphs)
    # A paragraph broken across a page boundary is one paragraph again.
    assert all(
        p in {" ".join(x).replace("emer- gency", "emergency").replace("well- known", "well-known") for x in REPORT}
        for p in paragraphs
    )


def test_hyphenation_only_undone_for_plausible_words() -> None:
    def lines(*texts: str) -> list[PdfLine]:
        return [PdfLine(t, 72, 700 - 14 * i, 0) for i, t in enumerate(texts)]

    joined = join_paragraphs(lines("the emer-", "gency was a long-", "term problem. A long-term plan.", "x"))
    assert joined[0].startswith("the emergency was a long-term problem.")
    assert join_paragraphs(lines("talks with the Franco-", "German group"))[0] == "talks with the Franco-German group"
    assert join_paragraphs(lines("he said in 1990-", "91 it rose"))[0] == "he said in 1990-91 it rose"


def test_pdf_without_text_layer_is_explained() -> None:
    pages: list[list[tuple[float, float, str]]] = [[], []]
    with pytest.raises(DocumentError, match="no text layer"):
        load_bytes(make_pdf(pages), "scan.pdf")


def test_truncated_pdf_is_explained() -> None:
    data = report_pdf()
    with pytest.raises(DocumentError, match="incomplete"):
        load_bytes(data[: len(data) // 2], "cut.pdf")


def test_encrypted_pdf_is_explained() -> None:
    import io

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(report_pdf())))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(DocumentError, match="protected by a password"):
        load_bytes(out.getvalue(), "locked.pdf")


def test_a_pdf_renamed_txt_is_still_read_as_pdf(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(report_pdf())
    assert load_document(path).format == "pdf"


# ----- EPUB and DOCX -------------------------------------------------------------------------


def test_epub_chapters_in_spine_order_with_titles_and_offsets() -> None:
    document = load_bytes(make_epub(), "voyage.epub")
    assert (document.title, document.author, document.date) == ("The Long Voyage", "Marta Costa", "2021-09-30")
    assert [c.title for c in document.chapters] == ["The Harbour", "Storm at Sea", "Landfall"]
    for chapter in document.chapters:
        assert document.text[chapter.start :].startswith(chapter.title)
        assert chapter.end <= len(document.text)
    assert document.text.startswith("The Harbour\n\nCaptain Elena Ruiz sailed from Lisbon on 3 March.")
    assert _slices(document, "emphasis") == ["Elena Ruiz"]
    assert document.text.endswith("They reached Halifax in April and sent word to Lisbon.")


def test_docx_paragraphs_headings_lists_tables_and_metadata() -> None:
    document = load_bytes(make_docx(), "budget.docx")
    assert (document.title, document.author, document.date) == ("Council budget", "Ana Silva", "2024-05-14")
    assert document.text.split("\n\n") == [
        "Council budget approved",
        "The council approved the budget on Tuesday after a long debate. Mayor Tom Baker called it a fair compromise.",
        "What changes",
        "• Bus fares stay the same.",
        "• Libraries open on Sundays.",
        "Item | Amount",
        "Roads | 4 million",
        "Opposition leader Mia Wong said she would vote against it next year.",
    ]
    assert _slices(document, "heading") == ["Council budget approved", "What changes"]
    assert _slices(document, "emphasis") == ["long"]
    assert _slices(document, "strong") == ["Mayor Tom Baker"]


def test_docx_without_title_uses_its_first_heading() -> None:
    document = load_bytes(make_docx(title=None, author=None), "draft")
    assert document.title == "Council budget approved"
    assert document.author is None


@pytest.mark.parametrize(("kind", "name"), [("epub", "bomb.epub"), ("docx", "bomb.docx")])
def test_zip_bombs_are_refused_before_unpacking(kind: str, name: str) -> None:
    with pytest.raises(DocumentError, match=r"zip bomb|would unpack"):
        load_bytes(zip_bomb(kind), name)


# ----- sniffing and bad input ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "name", "fmt"),
    [
        (make_docx(), "budget.epub", "docx"),
        (make_epub(), "voyage.docx", "epub"),
        (make_epub(), "voyage", "epub"),
        (PAGE.encode(), "page.txt", "html"),
        (PAGE.encode(), "page", "html"),
    ],
)
def test_content_decides_the_format_not_the_extension(data: bytes, name: str, fmt: str) -> None:
    assert load_bytes(data, name).format == fmt


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "old-style Office"),
        (b"\x89PNG\r\n\x1a\n" + bytes(100), "is an image"),
        (b"PK\x05\x06" + bytes(18), "ZIP archive"),
        (b"PK\x03\x04 damaged", "ZIP archive"),
        (bytes(range(256)) * 8, "not a text document"),
    ],
)
def test_unreadable_content_gives_one_plain_sentence(data: bytes, message: str) -> None:
    with pytest.raises(DocumentError, match=message):
        load_bytes(data, "file.txt")


def test_damaged_epub_by_extension_gives_a_plain_sentence() -> None:
    with pytest.raises(DocumentError, match="damaged"):
        load_bytes(b"PK\x03\x04" + bytes(200), "book.epub")


def test_huge_files_are_refused_unless_allowed(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(registry, "MAX_FILE_BYTES", 1000)
    path = tmp_path / "big.txt"
    path.write_text("Words. " * 500, encoding="utf-8")
    with pytest.raises(FileTooLargeError, match="only opened on request") as caught:
        load_document(path)
    assert caught.value.size == path.stat().st_size
    assert load_document(path, allow_large=True).text.startswith("Words.")


def test_cli_analyze_refuses_huge_files_without_force(tmp_path: Path, monkeypatch) -> None:
    from models.cli_commands import analyze_file

    monkeypatch.setattr(registry, "MAX_FILE_BYTES", 10)
    path = tmp_path / "big.txt"
    path.write_text("A text longer than ten bytes.", encoding="utf-8")
    with pytest.raises(DocumentError, match="Add --force"):
        analyze_file(path, None)

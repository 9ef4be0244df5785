"""Real sample documents built in the tests: Word files with python-docx, EPUBs with ebooklib."""

from __future__ import annotations

import datetime as dt
import io
import zipfile


def make_docx(*, title: str | None = "Council budget", author: str | None = "Ana Silva") -> bytes:
    import docx

    document = docx.Document()
    document.add_heading("Council budget approved", level=1)
    paragraph = document.add_paragraph("The council approved the budget on Tuesday after a ")
    paragraph.add_run("long").italic = True
    paragraph.add_run(" debate. ")
    paragraph.add_run("Mayor Tom Baker").bold = True
    paragraph.add_run(" called it a fair compromise.")
    document.add_heading("What changes", level=2)
    document.add_paragraph("Bus fares stay the same.", style="List Bullet")
    document.add_paragraph("Libraries open on Sundays.", style="List Bullet")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Item"
    table.cell(0, 1).text = "Amount"
    table.cell(1, 0).text = "Roads"
    table.cell(1, 1).text = "4 million"
    document.add_paragraph("Opposition leader Mia Wong said she would vote against it next year.")
    props = document.core_properties
    props.title = title or ""
    props.author = author or ""
    props.created = dt.datetime(2024, 5, 14, 9, 30, tzinfo=dt.UTC)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


CHAPTERS = [
    (
        "The Harbour",
        "<h1>The Harbour</h1><p>Captain <em>Elena Ruiz</em> sailed from Lisbon on 3 March.</p>"
        "<p>The crew of twelve reached Madeira four days later.</p>",
    ),
    (
        "Storm at Sea",
        "<h2>Storm at Sea</h2><p>A storm struck the ship near the Azores.</p>"
        "<p>Ruiz ordered the sails lowered.</p>" + "<p>The waves grew taller through the night.</p>" * 30,
    ),
    ("Landfall", "<h2>Landfall</h2><p>They reached Halifax in April and sent word to Lisbon.</p>"),
]


def make_epub(chapters: list[tuple[str, str]] | None = None, *, date: str = "2021-09-30") -> bytes:
    from ebooklib import epub

    chapters = CHAPTERS if chapters is None else chapters
    book = epub.EpubBook()
    book.set_identifier("dramatis-test-voyage")
    book.set_title("The Long Voyage")
    book.set_language("en")
    book.add_author("Marta Costa")
    book.add_metadata("DC", "date", date)
    items = []
    for number, (title, body) in enumerate(chapters, start=1):
        item = epub.EpubHtml(title=title, file_name=f"text/ch{number}.xhtml", lang="en")
        item.content = f"<html><head><title>{title}</title></head><body>{body}</body></html>"
        book.add_item(item)
        items.append(item)
    book.toc = [
        epub.Link(item.file_name, title, f"ch{n}")
        for n, (item, (title, _)) in enumerate(zip(items, chapters, strict=True), start=1)
    ]
    book.add_item(epub.EpubNcx())
    book.add_item(epub.EpubNav())
    # Reading order differs from the order the files were added: the spine decides.
    book.spine = ["nav", *items]
    out = io.BytesIO()
    epub.write_epub(out, book)
    return out.getvalue()


def zip_bomb(kind: str) -> bytes:
    """A container whose one member unpacks to 300 MB of zeros (about 300 KB compressed)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        if kind == "epub":
            archive.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
            archive.writestr("META-INF/container.xml", "<container/>")
        else:
            archive.writestr("word/document.xml", "<document/>")
        with archive.open("big.xml", "w", force_zip64=True) as member:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(300):
                member.write(chunk)
    return out.getvalue()

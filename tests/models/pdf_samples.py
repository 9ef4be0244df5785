"""Small, real PDF files written byte by byte for the loader tests (standard Helvetica, no Qt).

Each page is a list of (x, y, text) lines in points from the bottom-left corner; the writer emits
a valid cross-reference table so pypdf reads the files without repairs.
"""

from __future__ import annotations

Line = tuple[float, float, str]


def _escape(text: str) -> bytes:
    raw = text.encode("cp1252")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def make_pdf(pages: list[list[Line]], *, info: dict[str, str] | None = None, font_size: float = 11) -> bytes:
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    pages_id = len(objects) + 1 + 2 * len(pages)  # reserved after the page objects
    page_ids: list[int] = []
    for lines in pages:
        stream = b"".join(
            b"BT /F1 %.1f Tf %.2f %.2f Td (%s) Tj ET\n" % (font_size, x, y, _escape(text)) for x, y, text in lines
        )
        content = add(b"<< /Length %d >>\nstream\n%sendstream" % (len(stream), stream))
        page_ids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
                b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (pages_id, content, font)
            )
        )
    kids = b" ".join(b"%d 0 R" % p for p in page_ids)
    assert add(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(page_ids))) == pages_id
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    info_id = None
    if info:
        entries = b" ".join(b"/%s (%s)" % (k.encode(), _escape(v)) for k, v in info.items())
        info_id = add(b"<< %s >>" % entries)
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    trailer = b"<< /Size %d /Root %d 0 R" % (len(objects) + 1, catalog)
    if info_id:
        trailer += b" /Info %d 0 R" % info_id
    out += b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def layout_pages(
    paragraphs: list[list[str]], *, header: str | None, numbers: bool, lines_per_page: int = 30
) -> list[list[Line]]:
    """Pages of paragraphs (each a list of already broken lines), 14 pt leading, a gap between paragraphs,
    an optional running header and page numbers at the foot."""
    pages: list[list[Line]] = []
    current: list[Line] = []
    y = 720.0

    def new_page() -> None:
        nonlocal current, y
        if current:
            pages.append(current)
        current = []
        y = 720.0
        number = len(pages) + 1
        if header:
            current.append((72, 760, header))
        if numbers:
            current.append((300, 40, str(number)))

    new_page()
    for paragraph in paragraphs:
        for index, line in enumerate(paragraph):
            if y < 80:
                new_page()
            current.append((90 if index == 0 else 72, y, line))
            y -= 14
        y -= 10
    pages.append(current)
    return pages

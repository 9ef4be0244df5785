"""HTML reports, parsed with html.parser: self-contained, no scripts, reader text escaped, article inline."""

from __future__ import annotations

from dataclasses import replace
from html.parser import HTMLParser

from models.export import ExportFormat, HtmlOptions, render_html, render_text
from models.export.report import DEFAULT_CATEGORY_COLOR, source_uri
from tests.models.test_export_report import HOSTILE_NOTE, full_report

VOID = {"meta", "br", "hr", "img", "link", "input"}


class Page(HTMLParser):
    """Elements, attributes and text of a page, with a nesting check."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.style = ""
        self._open: list[str] = []
        self.nesting_errors: list[str] = []
        self.marks: list[tuple[str, str]] = []  # (class, text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {k: v or "" for k, v in attrs}))
        if tag not in VOID:
            self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self._open or self._open[-1] != tag:
            self.nesting_errors.append(f"</{tag}> closes {self._open[-1:] or 'nothing'}")
            return
        self._open.pop()

    def handle_data(self, data: str) -> None:
        if self._open and self._open[-1] == "style":
            self.style += data
            return
        if self._open and self._open[-1] == "mark":
            self.marks.append((self.elements[-1][1].get("class", ""), data))
        self.text.append(data)

    @property
    def all_text(self) -> str:
        return "".join(self.text)


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    assert page.nesting_errors == []
    return page


def assert_self_contained(page: Page) -> None:
    tags = [tag for tag, _ in page.elements]
    assert "script" not in tags and "iframe" not in tags and "object" not in tags and "link" not in tags
    for tag, attrs in page.elements:
        assert "src" not in attrs, tag
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        href = attrs.get("href", "#")
        assert href.startswith(("#", "file:", "dramatis://open?")), href
    assert "url(" not in page.style and "@import" not in page.style


def test_report_is_self_contained_and_escapes_reader_text() -> None:
    html = render_text(full_report(), ExportFormat.HTML)
    page = parse(html)
    assert_self_contained(page)
    text = page.all_text
    assert "<script>alert('x')</script>" in text  # shown, not run
    assert "[this](javascript:alert(1))" in text
    assert HOSTILE_NOTE.splitlines()[0] in text
    for heading in ("Actors (4)", "Chronology (2)", "Undated events (1)", "Important (2)", "Notes (3)"):
        assert heading in text
    assert "prefers-color-scheme: dark" in page.style and "@media print" in page.style
    titles = [t for t, _ in page.elements if t == "title"]
    assert titles == ["title"]


def test_bad_category_colour_never_reaches_the_style_sheet() -> None:
    report = full_report()
    hostile = "red;}</style><script>alert(1)</script><style>"
    groups = tuple(replace(g, color=hostile) if g.name == "Important" else g for g in report.groups)
    # The renderer re-validates colours, whatever the model holds.
    page = parse(render_html(replace(report, groups=groups)))
    assert_self_contained(page)
    assert "alert" not in page.style and DEFAULT_CATEGORY_COLOR in page.style


def test_article_with_highlights_inline_and_links_to_them() -> None:
    report = full_report()
    page = parse(render_html(report, HtmlOptions(include_article=True)))
    assert_self_contained(page)
    marked: dict[str, list[str]] = {}
    for klass, text in page.marks:
        marked.setdefault(klass, []).append(text)
    quotes = {"".join(v) for v in marked.values()}
    assert any("Later Müller called Hollande" in q for q in quotes)
    assert any("The weather was mild." in q for q in quotes)
    ids = {attrs["id"] for _, attrs in page.elements if "id" in attrs}
    internal = [attrs["href"][1:] for _, attrs in page.elements if attrs.get("href", "").startswith("#")]
    assert internal and set(internal) <= ids  # every link back lands in the article
    paragraphs = sum(1 for tag, _ in page.elements if tag == "p")
    assert paragraphs >= 3
    assert report.text.replace("\n", "") in page.all_text.replace("\n", "")  # the whole text, unchanged


def test_qt_flavour_is_plain_enough_for_qtextdocument() -> None:
    html = render_html(full_report(), HtmlOptions(include_article=True, flavor="qt"))
    page = parse(html)
    assert_self_contained(page)
    assert "var(--" not in page.style and "@media" not in page.style
    assert "<script>alert('x')</script>" in page.all_text


def test_only_http_https_and_file_sources_become_place_links() -> None:
    """A source from an imported library such as `javascript://%0aalert(...)` is shown, never linked."""
    hostile = (
        "javascript://%0aalert(document.domain)//",
        "JavaScript://x%0aalert(1)",
        "data://text/html,<script>alert(1)</script>",
        "vbscript://x",
    )
    for source in hostile:
        page = Page()
        page.feed(render_html(replace(full_report(), source=source, source_uri=source_uri(source))))
        hrefs = [attrs["href"] for tag, attrs in page.elements if tag == "a" and "href" in attrs]
        # Only the reader's own dramatis:// links back into the library remain.
        assert all(h.startswith("dramatis://open?") for h in hrefs), (source, hrefs)
        assert any("characters" in t for t in page.text)
    for source, scheme in (("https://example.org/a.html", "https://"), ("/tmp/article.txt", "file://")):
        page = Page()
        page.feed(render_html(replace(full_report(), source=source, source_uri=source_uri(source))))
        places = [a["href"] for tag, a in page.elements if tag == "a" and a.get("class") == "place"]
        assert places and all(h.startswith(scheme) and "#char=" in h for h in places)

"""Walking an HTML or XHTML tree into a `TextBuilder`: block elements become paragraphs.

Used for EPUB chapters and pasted HTML, where the markup is the content the reader chose (no
boilerplate to remove). Scripts, styles, forms and embedded objects are dropped; links keep their
text and are never followed; images are not loaded.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree
from lxml import html as lxml_html

from models.loaders.builder import EMPHASIS, STRONG, TextBuilder

SKIP = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "head",
        "iframe",
        "object",
        "embed",
        "svg",
        "math",
        "button",
        "form",
        "input",
        "select",
        "textarea",
        "canvas",
        "audio",
        "video",
        "picture",
        "img",
        "map",
        "area",
        "link",
        "meta",
        "title",
        "nav",
    ]
)
BLOCKS = frozenset(
    [
        "p",
        "div",
        "section",
        "article",
        "header",
        "footer",
        "main",
        "aside",
        "blockquote",
        "pre",
        "li",
        "dd",
        "dt",
        "tr",
        "table",
        "ul",
        "ol",
        "dl",
        "figure",
        "figcaption",
        "caption",
        "address",
        "hr",
        "br",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "body",
        "html",
    ]
)
EMPHASIS_TAGS = frozenset({"em", "i", "cite", "dfn", "var"})
STRONG_TAGS = frozenset({"strong", "b"})
_HEADING = re.compile(r"^h([1-6])$")


def parse_html(data: bytes | str) -> Any:
    """An lxml HTML tree; never fetches DTDs or anything else over the network."""
    parser = lxml_html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True, recover=True)
    if isinstance(data, str):
        # lxml refuses str input that declares an encoding; the text is already decoded.
        data = re.sub(r"^\s*<\?xml[^>]*>", "", data, count=1)
        return lxml_html.document_fromstring(data, parser=parser)
    return lxml_html.document_fromstring(data, parser=parser)


def local_name(element: Any) -> str:
    """The lower-case tag name without its namespace; empty for comments and processing instructions."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""  # comments, processing instructions, entities
    return tag.rsplit("}", 1)[-1].lower()


class HtmlWalker:
    """Turns an HTML element tree into paragraphs, headings and emphasis in a builder."""

    def __init__(self, builder: TextBuilder) -> None:
        self.builder = builder
        self._lists: list[list[int]] = []  # a counter per open ordered list, [-1] for bullets

    def walk(self, element: Any, styles: frozenset[str] = frozenset()) -> None:
        name = local_name(element)
        if not name or name in SKIP:
            return
        heading = _HEADING.match(name)
        block = name in BLOCKS or heading is not None
        if name in EMPHASIS_TAGS:
            styles = styles | {EMPHASIS}
        elif name in STRONG_TAGS:
            styles = styles | {STRONG}
        if block:
            self.builder.flush(preformatted=False)
        if heading:
            self.builder.set_heading(int(heading.group(1)))
        if name in ("ul", "ol"):
            self._lists.append([0 if name == "ol" else -1])
        elif name == "li":
            self.builder.add(self._bullet())
        elif name in ("td", "th") and element.getprevious() is not None:
            self.builder.add(" | ")
        if name == "pre":
            self.builder.add(element.text_content())
            self.builder.flush(preformatted=True)
            return
        self.builder.add(element.text, styles)
        for child in element:
            self.walk(child, styles)
            self.builder.add(child.tail, styles)
        if name in ("ul", "ol"):
            self._lists.pop()
        if block:
            self.builder.flush()

    def _bullet(self) -> str:
        if not self._lists:
            return "• "
        counter = self._lists[-1]
        if counter[0] < 0:
            return "• "
        counter[0] += 1
        return f"{counter[0]}. "


def html_title(tree: Any) -> str | None:
    """The page's <title> on one line, or None."""
    titles = tree.xpath("//title")
    if titles:
        text = " ".join(titles[0].text_content().split())
        return text or None
    return None


def element_text(element: Any) -> str:
    """The text of an element on one line, or an empty string when lxml cannot serialise it."""
    try:
        return " ".join(etree.tostring(element, method="text", encoding="unicode").split())
    except (ValueError, TypeError):
        return ""

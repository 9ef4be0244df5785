"""`dramatis://` links: a document of the library and a passage in it, for reports and notes pasted elsewhere.

Form: `dramatis://open?doc=<text sha256>&start=<char>&end=<char>[&highlight=<id>|&note=<id>]`.
Offsets count Python characters (code points) of the document text, like every offset Dramatis stores,
so a link keeps pointing at the same words whatever program shows it. The document is named by the
hash of its text (the library's key), not by a file path, so moving the file does not break the link.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode, urlsplit

SCHEME = "dramatis"
ACTION = "open"
_HASH = re.compile(r"^[0-9a-f]{64}$")
_ID = re.compile(r"^\S{1,200}$")


class DeepLinkError(ValueError):
    """A link that is not a Dramatis passage link; the message is a plain sentence for the reader."""


@dataclass(frozen=True, slots=True)
class DeepLink:
    """A passage of a library document, optionally naming the reader's highlight or note there."""

    doc: str
    start: int
    end: int
    highlight: str | None = None
    note: str | None = None

    def url(self) -> str:
        return build_link(self.doc, self.start, self.end, highlight=self.highlight, note=self.note)


def build_link(doc: str, start: int, end: int, *, highlight: str | None = None, note: str | None = None) -> str:
    """The link for characters [start, end) of the document whose text hashes to `doc`."""
    link = DeepLink(doc, start, end, highlight, note)
    _check(link)
    query: list[tuple[str, str]] = [("doc", doc), ("start", str(start)), ("end", str(end))]
    if highlight:
        query.append(("highlight", highlight))
    if note:
        query.append(("note", note))
    return f"{SCHEME}://{ACTION}?{urlencode(query)}"


def passage_link(
    doc: str, start: int | None, end: int | None, *, highlight: str | None = None, note: str | None = None
) -> str | None:
    """The link for a quote in a report, or None when there is no place to link to (no span, no text hash)."""
    if start is None or end is None:
        return None
    try:
        return build_link(doc, start, end, highlight=highlight or None, note=note or None)
    except DeepLinkError:
        return None


def is_deep_link(text: str) -> bool:
    """True when a command-line argument is a `dramatis:` URL rather than a file name."""
    return text.strip().lower().startswith(f"{SCHEME}:")


def parse_link(url: str) -> DeepLink:
    """Read a link; raises `DeepLinkError` (a plain sentence) when it is not a valid passage link."""
    parts = urlsplit(url.strip())
    # "dramatis:open?..." (no slashes) is what some launchers hand over; accept it as well.
    action = parts.netloc or parts.path.strip("/")
    if parts.scheme.lower() != SCHEME or action.lower() != ACTION:
        raise DeepLinkError(f"{_short(url)} is not a Dramatis link to a passage.")
    query = parse_qs(parts.query, keep_blank_values=False)

    def one(name: str) -> str | None:
        values = query.get(name)
        return values[0] if values else None

    doc = (one("doc") or "").lower()
    try:
        start = int(one("start") or "")
        end = int(one("end") or "")
    except ValueError:
        raise DeepLinkError(f"{_short(url)} does not say which characters to show.") from None
    link = DeepLink(doc, start, end, one("highlight"), one("note"))
    _check(link)
    return link


def _check(link: DeepLink) -> None:
    if not _HASH.match(link.doc):
        raise DeepLinkError("The link does not name a document (doc= must be the text's SHA-256).")
    if link.start < 0 or link.end < link.start:
        raise DeepLinkError("The link's passage is not valid (start and end must be 0 ≤ start ≤ end).")
    for value in (link.highlight, link.note):
        if value is not None and not _ID.match(value):
            raise DeepLinkError("The link names a highlight or note with an id that is empty, too long or has spaces.")


def _short(url: str, limit: int = 80) -> str:
    url = url.strip()
    return repr(url if len(url) <= limit else url[: limit - 1] + "…")

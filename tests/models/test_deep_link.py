"""`dramatis://` passage links: what reports write is what the window reads back."""

from __future__ import annotations

import pytest

from models.deep_link import DeepLink, DeepLinkError, build_link, is_deep_link, parse_link
from models.domain import text_sha256

DOC = text_sha256("Angela Merkel met Emmanuel Macron in Paris.")


def test_round_trip_with_highlight_and_note() -> None:
    url = build_link(DOC, 4, 17, highlight="h0123456789ab")
    assert url == f"dramatis://open?doc={DOC}&start=4&end=17&highlight=h0123456789ab"
    assert parse_link(url) == DeepLink(DOC, 4, 17, highlight="h0123456789ab")
    noted = DeepLink(DOC, 0, 5, note="n42")
    assert parse_link(noted.url()) == noted


def test_launcher_forms_are_accepted() -> None:
    # Some launchers drop the slashes or change the case of the scheme and hash.
    assert parse_link(f"dramatis:open?doc={DOC}&start=1&end=2").start == 1
    assert parse_link(f"  DRAMATIS://open?doc={DOC.upper()}&start=1&end=2\n").doc == DOC


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/open?doc=x",
        f"dramatis://delete?doc={DOC}&start=1&end=2",
        "dramatis://open?doc=abc&start=1&end=2",
        f"dramatis://open?doc={DOC}&start=x&end=2",
        f"dramatis://open?doc={DOC}&start=5&end=2",
        f"dramatis://open?doc={DOC}&start=-1&end=2",
        f"dramatis://open?doc={DOC}&end=2",
    ],
)
def test_invalid_links_are_refused_with_a_sentence(url: str) -> None:
    with pytest.raises(DeepLinkError) as caught:
        parse_link(url)
    assert str(caught.value).endswith(".")


def test_file_names_are_not_links() -> None:
    assert is_deep_link("dramatis://open?doc=1")
    assert not is_deep_link("/home/me/dramatis.txt")
    assert not is_deep_link("notes.md")

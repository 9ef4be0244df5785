"""A saved web page full of scripts, remote resources and `javascript:` links opens as plain text.

Nothing in the page runs and nothing is fetched: every way out to the network is replaced by a
trap for the duration of the test, and the page's scripts, styles and links must not reach the text.
"""

from __future__ import annotations

import socket
import urllib.request
from pathlib import Path

import pytest

from models.domain import Analysis, Document
from models.export import build_report
from models.export.html_report import HtmlOptions, render_html
from models.loaders import load_document

PAGE = b"""<!doctype html>
<html><head>
<title>Council approves the new bridge</title>
<meta http-equiv="refresh" content="0; url=http://127.0.0.1:9/redirect">
<link rel="stylesheet" href="http://127.0.0.1:9/style.css">
<link rel="preload" href="//127.0.0.1:9/font.woff2">
<script src="http://127.0.0.1:9/tracker.js"></script>
<script>document.write('INJECTED-BY-SCRIPT'); fetch('http://127.0.0.1:9/beacon');</script>
<style>body { background: url(http://127.0.0.1:9/bg.png); } .x:after { content: 'STYLE-TEXT'; }</style>
</head>
<body onload="alert('ONLOAD-HANDLER')">
<article>
<h1>Council approves the new bridge</h1>
<p>The city council of Riverton voted on Tuesday to build a new bridge over the Avon river,
after three years of debate about its cost and its effect on the old town.</p>
<p>Mayor Helen Brooks said the vote was <a href="javascript:alert('LINK-CODE')">a turning point</a>
for the region, and thanked the engineers from <a href="http://127.0.0.1:9/firm">Stone &amp; Partners</a>.</p>
<img src="http://127.0.0.1:9/photo.jpg" alt="" onerror="alert('IMG-ERROR')">
<iframe src="http://127.0.0.1:9/ad"></iframe>
<p>Work on the bridge is due to start in the spring and to last about two years, the council said.</p>
<noscript><img src="http://127.0.0.1:9/pixel.gif"></noscript>
<object data="http://127.0.0.1:9/movie.swf"></object>
<svg><script>alert('SVG-SCRIPT')</script></svg>
</article>
</body></html>
"""
FORBIDDEN = ("INJECTED-BY-SCRIPT", "STYLE-TEXT", "ONLOAD-HANDLER", "LINK-CODE", "IMG-ERROR", "SVG-SCRIPT", "beacon")


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record (and refuse) every attempt to open a connection or resolve a name."""
    attempts: list[str] = []

    def trap(name: str):
        def refuse(*args, **kwargs):
            attempts.append(f"{name}{args[:2]!r}")
            raise OSError("network access is not allowed in this test")

        return refuse

    monkeypatch.setattr(socket.socket, "connect", trap("connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", trap("connect_ex"))
    monkeypatch.setattr(socket, "create_connection", trap("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", trap("getaddrinfo"))
    monkeypatch.setattr(urllib.request, "urlopen", trap("urlopen"))
    return attempts


def test_hostile_page_opens_as_its_article_text_only(tmp_path: Path, no_network: list[str]) -> None:
    path = tmp_path / "bridge.html"
    path.write_bytes(PAGE)
    document = load_document(path)
    assert no_network == []
    assert "Riverton voted on Tuesday" in document.text
    assert "a turning point" in document.text and "Stone & Partners" in document.text
    for marker in FORBIDDEN:
        assert marker not in document.text
    for leftover in ("<script", "javascript:", "http://", "onerror", "@import"):
        assert leftover not in document.text


def test_report_of_a_hostile_page_stays_inert(tmp_path: Path, no_network: list[str]) -> None:
    path = tmp_path / "bridge.html"
    path.write_bytes(PAGE)
    document: Document = load_document(path)
    analysis = Analysis(document, "test", "none", [], [], [])
    html = render_html(build_report(analysis, source=str(path)), HtmlOptions(include_article=True))
    assert no_network == []
    assert "<script" not in html.lower() and "javascript:" not in html.lower()
    assert "http://127.0.0.1" not in html
    assert "Riverton voted on Tuesday" in html

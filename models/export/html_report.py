"""HTML reports: one self-contained file, inline CSS, no scripts, no remote resources.

Every string from the document or the reader goes through `html.escape`, and the only links are
in-page anchors, `file:` links back to the source and `dramatis:` passage links (built from the text's
hash and offsets), so a note holding `<script>` or a `javascript:` link is shown as text. Category
colours are user data too: only `#RRGGBB` values reach the style sheet.

Two flavours share the markup: `browser` (CSS custom properties, light and dark through
`prefers-color-scheme`, print rules) and `qt`, the subset QTextDocument renders for the PDF.

Over 400 lines because both flavours' CSS and markup stay together so they cannot drift apart.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html import escape
from typing import Literal

from models.deep_link import passage_link
from models.export.report import EventRow, ProgressSink, Report, valid_color

Flavor = Literal["browser", "qt"]
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
_UNSAFE_ID = re.compile(r"[^A-Za-z0-9_-]")

_BROWSER_CSS = """
:root { color-scheme: light dark; --fg: #1f2328; --bg: #ffffff; --muted: #59636e; --rule: #d1d9e0;
  --panel: #f6f8fa; --link: #0b5cad; --alpha: 0.42; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6e3df; --bg: #16181b; --muted: #a3a9b0; --rule: #3a3f45; --panel: #1f2226;
    --link: #8cbcff; --alpha: 0.30; }
}
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 48rem; padding: 2rem 1.25rem 4rem; color: var(--fg); background: var(--bg);
  font: 17px/1.55 "Charis SIL", Charter, Georgia, "Times New Roman", serif; }
header { border-bottom: 2px solid var(--rule); margin-bottom: 1.5rem; padding-bottom: 0.75rem; }
h1 { font-size: 1.9rem; line-height: 1.2; margin: 0 0 0.5rem; }
.summary { font-size: 1.05rem; margin: 0 0 0.6rem; }
ol.top { margin: 0; padding-left: 1.6rem; }
ol.top li { padding: 0.1rem 0; }
h2 { font-size: 1.35rem; margin: 2.25rem 0 0.75rem; border-bottom: 1px solid var(--rule); padding-bottom: 0.2rem; }
h3 { font-size: 1.1rem; margin: 1.5rem 0 0.5rem; }
.meta { margin: 0; color: var(--muted); font: 0.92rem/1.5 system-ui, sans-serif; }
.meta dt { float: left; clear: left; width: 8.5rem; }
.meta dd { margin: 0 0 0 8.5rem; overflow-wrap: anywhere; }
a { color: var(--link); }
table { border-collapse: collapse; width: 100%; font: 0.92rem/1.4 system-ui, sans-serif; }
th, td { text-align: left; vertical-align: top; padding: 0.35rem 0.5rem; border-bottom: 1px solid var(--rule); }
th { background: var(--panel); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
ol.timeline { list-style: none; padding: 0; margin: 0; }
ol.timeline li { display: grid; grid-template-columns: 8.5rem 1fr; gap: 0.75rem; padding: 0.5rem 0;
  border-bottom: 1px solid var(--rule); }
.when { font: 600 0.9rem/1.5 system-ui, sans-serif; }
.what { font: 0.9rem/1.5 system-ui, sans-serif; color: var(--muted); }
.type { display: inline-block; padding: 0 0.4rem; border: 1px solid var(--rule); border-radius: 3px;
  font-size: 0.8rem; letter-spacing: 0.03em; color: var(--fg); }
blockquote { margin: 0.35rem 0; padding: 0.15rem 0.9rem; border-left: 4px solid var(--c, var(--rule)); }
.item { margin: 0 0 1.1rem; }
.note { white-space: pre-wrap; margin: 0.35rem 0 0; }
.tags { margin: 0.25rem 0 0; font: 0.85rem/1.4 system-ui, sans-serif; color: var(--muted); }
.place { font: 0.8rem/1.4 system-ui, sans-serif; color: var(--muted); }
.swatch { display: inline-block; width: 0.85em; height: 0.85em; border-radius: 2px; margin-right: 0.4rem;
  background: var(--c); vertical-align: -0.05em; }
.empty { color: var(--muted); font-style: italic; }
article.text p { margin: 0 0 0.9rem; }
mark { color: inherit; border-radius: 2px; padding: 0 0.05em; }
figure.picture { margin: 0.5rem 0 1rem; overflow-x: auto; }
figure.picture svg { max-width: 100%; height: auto; border: 1px solid var(--rule); border-radius: 4px; }
@media print {
  :root { --fg: #000; --bg: #fff; --muted: #444; --rule: #bbb; --panel: #eee; --link: #000; --alpha: 0.45; }
  body { max-width: none; padding: 0; font-size: 11pt; }
  a { text-decoration: none; }
  h2, h3 { break-after: avoid; }
  tr, li, .item, blockquote { break-inside: avoid; }
  article.text { break-before: page; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""

_QT_CSS = """
body { color: #1f2328; }
p { margin-top: 2px; margin-bottom: 6px; }
h1 { font-size: 20pt; margin-bottom: 6px; }
.summary { font-size: 11.5pt; margin-bottom: 6px; }
h2 { font-size: 15pt; margin-top: 18px; margin-bottom: 6px; }
h3 { font-size: 12pt; margin-top: 12px; margin-bottom: 4px; }
.meta { color: #59636e; }
th { background-color: #eef1f4; text-align: left; }
.when { font-weight: bold; }
.what, .tags, .place { color: #59636e; }
.type { font-size: 9pt; }
.event { margin-bottom: 8px; }
.quote { font-style: italic; margin-bottom: 2px; }
.note { white-space: pre-wrap; }
.empty { color: #59636e; font-style: italic; }
"""


@dataclass(frozen=True, slots=True)
class HtmlOptions:
    include_article: bool = False
    flavor: Flavor = "browser"


def _e(text: str) -> str:
    return escape(text, quote=True)


def _rgba(color: str, alpha: float) -> str:
    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r}, {g}, {b}, {alpha})"


def anchor_id(start: int) -> str:
    """The HTML id of the article position `start`, so report rows link back into the page."""
    return f"c{start}"


class _Links:
    """Where a "link back to its place" points: the article in the page, or the source file."""

    def __init__(self, report: Report, in_page: bool) -> None:
        self._report = report
        self._in_page = in_page
        self.targets: set[int] = set()

    def place(self, start: int | None, end: int | None, *, highlight: str = "", note: str = "") -> str:
        if start is None or end is None:
            return ""
        label = f"characters {start}–{end}"
        if self._in_page:
            self.targets.add(start)
            href = "#" + anchor_id(start)
        else:
            href = self._report.place_uri(start, end) or ""
            if not _LINKABLE.match(href):  # a source like `javascript://%0a...` (an imported library) stays text
                href = ""
        place = f'<a class="place" href="{_e(href)}">{label}</a>' if href else f'<span class="place">{label}</span>'
        # And a dramatis:// link that reopens the passage in the reader's library (built here: hash and numbers).
        link = passage_link(self._report.sha256, start, end, highlight=highlight, note=note)
        return f'{place} · <a class="place open" href="{_e(link)}">open in Dramatis</a>' if link else place


# Only these schemes become links back to the source; anything else (javascript:, data:, vbscript:) is shown as text.
_LINKABLE = re.compile(r"(?:https?|file):", re.IGNORECASE)


def render_html(report: Report, options: HtmlOptions | None = None, sink: ProgressSink | None = None) -> str:
    """The report as one HTML page; with `include_article` the text follows, the reader's highlights inline."""
    options = options or HtmlOptions()
    qt = options.flavor == "qt"
    total = len(report.actors) + len(report.events) + report.highlight_count + len(report.notes)
    if options.include_article:
        total += max(1, len(report.text) // 1000)
    sink = sink or ProgressSink(total)
    links = _Links(report, options.include_article)
    colors = {g.name: valid_color(g.color) for g in report.groups}
    class_of = {name: f"k{i}" for i, name in enumerate(colors)}

    parts: list[str] = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">']
    parts.append('<meta name="viewport" content="width=device-width, initial-scale=1">')
    parts.append('<meta name="color-scheme" content="light dark">')
    parts.append(f"<title>{_e(report.title)}</title>")
    css = _QT_CSS if qt else _BROWSER_CSS + _category_css(colors, class_of)
    parts.append(f"<style>{css}</style>")
    parts += ["</head>", "<body>", "<header>", f"<h1>{_e(report.title)}</h1>"]
    parts.append(f'<p class="summary">{_e(report.summary)}</p>')
    parts.append(_meta(report, qt))
    parts.append("</header>")
    # The reader's work first, then the chronology, then who is in the text (see render_markdown).
    parts.append(_reader_section(report, links, colors=colors, class_of=class_of, qt=qt, sink=sink))
    parts.append(_chronology(report, links, qt, sink))
    parts.append(_actors(report, qt, sink))
    parts.append(_undated(report, links, qt, sink))
    if report.figures:
        parts.append(_figures(report, qt))

    if options.include_article:
        parts.append('<section><h2>Article</h2><article class="text">')
        parts.extend(_article(report, class_of=class_of, colors=colors, targets=links.targets, qt=qt, sink=sink))
        parts.append("</article></section>")
    parts += ["</body>", "</html>", ""]
    sink.finish()
    return "\n".join(parts)


def _reader_section(
    report: Report, links: _Links, *, colors: dict[str, str], class_of: dict[str, str], qt: bool, sink: ProgressSink
) -> str:
    """The reader's highlights by colour category, each quote with its place, then their notes."""
    parts = ["<section><h2>Your highlights and notes</h2>"]
    if not report.groups and not report.notes:
        parts.append('<p class="empty">No highlights or notes.</p>')
    for group in report.groups:
        color = colors[group.name]
        klass = class_of[group.name]
        swatch = f'<span style="color:{color}">■</span> ' if qt else '<span class="swatch"></span>'
        parts.append(f'<div class="cat {klass}"><h3>{swatch}{_e(group.name)} ({len(group.highlights)})</h3>')
        for h in group.highlights:
            parts.append('<div class="item">')
            parts.append(_quote(h.quote, color if qt else None))
            parts.append(f"<p>{links.place(h.start, h.end, highlight=h.id)}</p>")
            parts.append(_note_and_tags(h.note, h.tags))
            parts.append("</div>")
            sink.step()
        parts.append("</div>")
    if report.notes:
        parts.append(f"<h3>Notes ({len(report.notes)})</h3>")
        for note in report.notes:
            kind = f" ({note.target_kind})" if note.target_kind in ("actor", "event") else ""
            parts.append(f'<div class="item"><p><strong>{_e(note.target_label)}</strong>{_e(kind)} ')
            parts.append(f"{links.place(note.start, note.end, note=note.id)}</p>")
            if note.quote and note.target_kind == "event":
                parts.append(_quote(note.quote, None))
            parts.append(_note_and_tags(note.text, note.tags))
            parts.append("</div>")
            sink.step()
    parts.append("</section>")
    return "\n".join(parts)


def _chronology(report: Report, links: _Links, qt: bool, sink: ProgressSink) -> str:
    """Dated events in time order (a year-less date after the dated ones)."""
    timeline = _timeline_qt if qt else _timeline
    dated = report.dated_events
    parts = [f"<section><h2>Chronology ({len(dated)})</h2>"]
    if dated:
        parts.append(timeline(dated, links, sink))
    else:
        parts.append(f'<p class="empty">{"No dated events." if report.events else "No events."}</p>')
    parts.append("</section>")
    return "".join(parts)


def _undated(report: Report, links: _Links, qt: bool, sink: ProgressSink) -> str:
    """Events without a date: kept, but after the actors, since they cannot join the chronology."""
    undated = report.undated_events
    if not undated:
        return ""
    timeline = _timeline_qt if qt else _timeline
    return f"<section><h2>Undated events ({len(undated)})</h2>{timeline(undated, links, sink)}</section>"


def _actors(report: Report, qt: bool, sink: ProgressSink) -> str:
    """The most mentioned actors as a short list, then the full table (one table when there are few)."""
    parts: list[str] = []
    if len(report.actors) > len(report.top_actors):
        parts.append(
            f"<section><h2>Actors most mentioned (top {len(report.top_actors)} of {len(report.actors)})</h2>"
            '<ol class="top">'
        )
        for actor in report.top_actors:
            mentions = "1 mention" if actor.mentions == 1 else f"{actor.mentions} mentions"
            what = f"({_e(actor.type.title())}), {mentions}"
            parts.append(f'<li><strong>{_e(actor.name)}</strong> <span class="what">{what}</span></li>')
        parts.append("</ol></section>")
        parts.append(f"<section><h2>All actors ({len(report.actors)})</h2>")
    else:
        parts.append(f"<section><h2>Actors ({len(report.actors)})</h2>")
    if report.actors:
        table = '<table border="1" cellspacing="0" cellpadding="4" width="100%">' if qt else "<table>"
        parts.append(f'{table}<thead><tr><th>Name</th><th>Type</th><th>Roles</th><th class="num">Mentions</th>')
        parts.append("</tr></thead><tbody>")
        for actor in report.actors:
            parts.append(
                f"<tr><td>{_e(actor.name)}</td><td>{_e(actor.type.title())}</td>"
                f'<td>{_e(", ".join(actor.roles))}</td><td class="num" align="right">{actor.mentions}</td></tr>'
            )
            sink.step()
        parts.append("</tbody></table>")
    else:
        parts.append('<p class="empty">No actors.</p>')
    parts.append("</section>")
    return "".join(parts)


def _category_css(colors: dict[str, str], class_of: dict[str, str]) -> str:
    rules = []
    for name, color in colors.items():
        klass = class_of[name]
        rules.append(f".{klass} {{ --c: {color}; }}")
        rules.append(f"mark.{klass} {{ background: {_rgba(color, 0.42)}; box-shadow: inset 0 -2px 0 {color}; }}")
    if rules:
        rules.append("@media (prefers-color-scheme: dark) {")
        rules += [f"  mark.{class_of[n]} {{ background: {_rgba(c, 0.28)}; }}" for n, c in colors.items()]
        rules.append("}")
    return "\n".join(rules) + "\n"


def _meta(report: Report, qt: bool) -> str:
    rows: list[tuple[str, str]] = []
    if report.source:
        uri = report.source_uri
        source = _e(report.source)
        rows.append(("Source", f'<a href="{_e(uri)}">{source}</a>' if uri and uri.startswith("file:") else source))
    rows.append(("Document date", _e(report.date or "unknown")))
    analysis = report.analysis
    rows.append(("Analysis", _e(f"Dramatis {analysis.analyzer_version}, {analysis.model}")))
    rows.append(("Contents", "what was shown (filtered)" if report.filtered else "everything"))
    if qt:
        return '<p class="meta">' + "<br>".join(f"{k}: {v}" for k, v in rows) + "</p>"
    return '<dl class="meta">' + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows) + "</dl>"


def _people(source: str | None, target: str | None, participants: tuple[str, ...], place: str | None) -> str:
    if source and target:
        who = f"{source} → {target}"
        others = [p for p in participants if p not in (source, target)]
        if others:
            who += f" (with {', '.join(others)})"
    else:
        who = ", ".join(participants)
    if place:
        who = f"{who} in {place}" if who else f"in {place}"
    return who


def _timeline(events: tuple[EventRow, ...], links: _Links, sink: ProgressSink) -> str:
    out = ['<ol class="timeline">']
    for ev in events:
        who = _people(ev.source, ev.target, ev.participants, ev.place)
        out.append(
            f'<li><div class="when">{_e(ev.date_label)}</div><div>'
            f'<div class="what"><span class="type">{_e(ev.type.title())}</span> {_e(who)}</div>'
            f"<blockquote>{_e(ev.quote)}</blockquote>{links.place(ev.start, ev.end)}</div></li>"
        )
        sink.step()
    out.append("</ol>")
    return "".join(out)


def _timeline_qt(events: tuple[EventRow, ...], links: _Links, sink: ProgressSink) -> str:
    """Events as paragraphs: QTextDocument lays out and paints thousands of paragraphs far faster than table rows."""
    out = []
    for ev in events:
        who = _people(ev.source, ev.target, ev.participants, ev.place)
        what = " · ".join(x for x in (_e(ev.type.title()), _e(who)) if x)
        out.append(
            f'<p class="event"><span class="when">{_e(ev.date_label)}</span> · {what}<br>'
            f"<i>{_e(ev.quote)}</i> {links.place(ev.start, ev.end)}</p>"
        )
        sink.step()
    return "".join(out)


def _figures(report: Report, qt: bool) -> str:
    """The timeline and network pictures: inline SVG for browsers, SVG images for Qt's PDF layout."""
    out = ["<section><h2>Overview</h2>"]
    for title, svg in report.figures:
        out.append(f"<h3>{_e(title)}</h3>")
        if qt:
            # Rasterised by Qt at three times the drawn size, so the picture stays sharp at 300 dpi.
            data = base64.b64encode(_scaled_svg(svg, 3).encode("utf-8")).decode("ascii")
            out.append(f'<p><img src="data:image/svg+xml;base64,{data}" width="600"></p>')
        else:
            out.append(f'<figure class="picture">{svg}</figure>')
    out.append("</section>")
    return "".join(out)


def _scaled_svg(svg: str, factor: int) -> str:
    head = re.match(r'<svg [^>]*?width="([\d.]+)" height="([\d.]+)"', svg)
    if head is None:
        return svg
    width, height = float(head[1]) * factor, float(head[2]) * factor
    start, end = head.span(1)[0], head.span(2)[1]
    return svg[:start] + f'{width:g}" height="{height:g}' + svg[end:]


def _quote(text: str, qt_color: str | None) -> str:
    quoted = _e(" ".join(text.split()))
    if qt_color is not None:
        return f'<p class="quote"><span style="background-color:{_rgba(qt_color, 0.35)}">{quoted}</span></p>'
    return f"<blockquote>{quoted}</blockquote>"


def _note_and_tags(note: str, tags: tuple[str, ...]) -> str:
    out = ""
    if note.strip():
        out += f'<p class="note">{_e(note.strip())}</p>'
    if tags:
        out += f'<p class="tags">Tags: {_e(", ".join(tags))}</p>'
    return out


def _article(
    report: Report,
    *,
    class_of: dict[str, str],
    colors: dict[str, str],
    targets: set[int],
    qt: bool,
    sink: ProgressSink,
) -> Iterator[str]:
    """The text in paragraphs, reader highlights as marks, anchors where the report links to.

    Why segments: highlights may overlap and cross paragraphs; cutting the text at every boundary
    keeps the markup well nested, and the cost grows with the number of highlights, not the text.
    """
    text = report.text
    highlights = report.highlights()
    boundaries: dict[int, list[tuple[int, int, str]]] = {}
    for order, h in enumerate(highlights):
        if h.end > h.start:
            boundaries.setdefault(h.start, []).append((1, order, h.category))
            boundaries.setdefault(h.end, []).append((0, order, h.category))
    paragraphs = [(m.start(), m.end()) for m in _PARAGRAPH_BREAK.finditer(text)]
    breaks = {start: end for start, end in paragraphs}
    cuts = sorted(set(boundaries) | targets | set(breaks))
    active: dict[int, str] = {}
    pos = 0
    out: list[str] = ["<p>"]
    units = 0

    def emit(chunk_start: int, chunk_end: int) -> None:
        nonlocal units
        chunk = text[chunk_start:chunk_end]
        if not chunk:
            return
        body = _e(chunk).replace("\n", "<br>\n")
        if active:
            category = active[max(active)]
            if qt:
                color = _rgba(colors.get(category, valid_color(None)), 0.45)
                out.append(f'<span style="background-color:{color}">{body}</span>')
            else:
                out.append(f'<mark class="{class_of.get(category, "")}">{body}</mark>')
        else:
            out.append(body)
        if chunk_end // 1000 > units:
            sink.step(chunk_end // 1000 - units)
            units = chunk_end // 1000

    for cut in cuts:
        if cut > pos:
            emit(pos, cut)
            pos = cut
        if cut in breaks and cut == pos:
            out.append("</p>\n<p>")
            pos = breaks[cut]
        for kind, order, category in boundaries.get(cut, ()):
            if kind == 1:
                active[order] = category
            else:
                active.pop(order, None)
        if cut in targets:
            out.append(f'<a id="{anchor_id(cut)}"></a>')
        if len(out) > 4096:
            yield "".join(out)
            out.clear()
    emit(pos, len(text))
    out.append("</p>")
    yield "".join(out)

"""Markdown reports (CommonMark, pasted into note apps such as Obsidian) and "Copy as Markdown".

Everything taken from the document or the reader is escaped, so a quote or note shows as written
and never turns into a link, a heading, an HTML tag, a tag (#word), a comment or maths in the app
it is pasted into. The output has no timestamp: exporting twice gives the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from models.deep_link import passage_link
from models.domain import Actor, Analysis, Event
from models.export.report import (
    ActorRow,
    EventRow,
    HighlightRow,
    NoteRow,
    ProgressSink,
    Report,
    actor_row,
    event_row,
    highlight_row,
    note_row,
)
from models.reader import ReaderHighlight, ReaderNote

# Every ASCII punctuation character that means something in CommonMark or in a common note app
# (Obsidian: #tag, ==mark==, %%comment%%, $maths$, [[link]]).
_INLINE_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~&$=])")
_COMMENT = re.compile(r"%(?=%)")
# What starts a block only at the beginning of a line: list markers and ordered-list numbers.
_LINE_START = re.compile(r"^([-+])|^(\d+)([.)])")


def escape(text: str) -> str:
    """Escape `text` for use inside a Markdown paragraph, list item or table cell (single line)."""
    return _COMMENT.sub(r"\\%", _INLINE_SPECIAL.sub(r"\\\1", text))


def escape_block(text: str, indent: str = "") -> str:
    """Escape multi-line text: each line escaped, line breaks kept as hard breaks, blank lines as paragraphs."""
    paragraphs = re.split(r"\n\s*\n", text.strip())
    out = []
    for paragraph in paragraphs:
        lines = [_escape_line_start(escape(line.strip())) for line in paragraph.splitlines()]
        out.append(("\\\n" + indent).join(line for line in lines if line))
    return ("\n\n" + indent).join(p for p in out if p)


def _escape_line_start(line: str) -> str:
    m = _LINE_START.match(line)
    if m is None:
        return line
    if m.group(1):
        return "\\" + line
    return f"{m.group(2)}\\{line[m.end(2) :]}"


def one_line(text: str) -> str:
    """Collapse whitespace, for quotes shown inline."""
    return " ".join(text.split())


def _link(label: str, uri: str | None) -> str:
    if not uri:
        return escape(label)
    safe = uri.replace("(", "%28").replace(")", "%29").replace(" ", "%20")
    return f"[{escape(label)}]({safe})"


def _place(report: Report, start: int | None, end: int | None, *, highlight: str = "", note: str = "") -> str:
    if start is None or end is None:
        return ""
    place = _link(f"characters {start}–{end}", report.place_uri(start, end))
    return _join(place, _open_link(report.sha256, start, end, highlight=highlight, note=note))


def _open_link(doc: str, start: int | None, end: int | None, *, highlight: str = "", note: str = "") -> str:
    """The “open in Dramatis” link: a dramatis:// link that reopens the passage from the reader's library."""
    link = passage_link(doc, start, end, highlight=highlight, note=note)
    return _link("open in Dramatis", link) if link else ""


def _join(*places: str) -> str:
    return " · ".join(p for p in places if p)


def _cell(text: str) -> str:
    return escape(one_line(text)) or " "


def actors_table(rows: Iterable[ActorRow]) -> list[str]:
    """The Markdown table of actors: name, type, roles and mention count."""
    lines = ["| Name | Type | Roles | Mentions |", "| --- | --- | --- | ---: |"]
    lines.extend(f"| {_cell(r.name)} | {r.type.title()} | {_cell(', '.join(r.roles))} | {r.mentions} |" for r in rows)
    return lines


def event_line(row: EventRow, place: str = "") -> str:
    """One event as a Markdown list item: date, type, who, and the quoted sentence."""
    who = _event_people(row)
    parts = [f"**{escape(row.date_label)}**", row.type.title()]
    if who:
        parts.append(escape(who))
    line = f"- {' · '.join(parts)}: “{escape(one_line(row.quote))}”"
    return f"{line} ({place})" if place else line


def _event_people(row: EventRow) -> str:
    if row.source and row.target:
        who = f"{row.source} → {row.target}"
        others = [p for p in row.participants if p not in (row.source, row.target)]
        if others:
            who += f" (with {', '.join(others)})"
    else:
        who = ", ".join(row.participants)
    if row.place:
        who = f"{who} in {row.place}" if who else f"in {row.place}"
    return who


def _tags(tags: Sequence[str]) -> str:
    return "Tags: " + ", ".join(escape(t) for t in tags)


def highlight_item(row: HighlightRow, place: str = "") -> list[str]:
    """One highlight as Markdown lines: the quoted passage, then its note and tags."""
    head = f"- “{escape(one_line(row.quote))}”"
    lines = [f"{head} ({place})" if place else head]
    if row.note.strip():
        lines += ["", "  " + escape_block(row.note, "  ")]
    if row.tags:
        lines += ["", "  " + _tags(row.tags)]
    return lines


def note_item(row: NoteRow, place: str = "") -> list[str]:
    """One note as Markdown lines: what it is about, then its text and tags."""
    about = f"**{escape(row.target_label)}**"
    if row.target_kind in ("actor", "event"):
        about += f" ({row.target_kind})"
    if place:
        about += f", {place}"
    lines = [f"- {about}"]
    if row.quote and row.target_kind == "event":
        lines += ["", f"  > {escape(one_line(row.quote))}"]
    if row.text.strip():
        lines += ["", "  " + escape_block(row.text, "  ")]
    if row.tags:
        lines += ["", "  " + _tags(row.tags)]
    return lines


def render_markdown(report: Report, sink: ProgressSink | None = None) -> str:
    """The whole report as Markdown, the reader's work first.

    Order (shared with HTML and PDF): title, one-line summary and details; the reader's highlights by
    category and notes; the dated events as a chronology; the most mentioned actors, then the full actor
    table; last the events without a date.
    """
    sink = sink or ProgressSink(len(report.actors) + len(report.events) + report.highlight_count + len(report.notes))
    out = [f"# {escape(report.title)}", "", escape(report.summary), ""]
    if report.source:
        out.append(f"- Source: {_link(report.source, report.source_uri)}")
    out.append(f"- Document date: {escape(report.date) if report.date else 'unknown'}")
    analysis = report.analysis
    out.append(f"- Analysis: Dramatis {escape(analysis.analyzer_version)}, {escape(analysis.model)}")
    out.append(f"- Contents: {'what was shown (filtered)' if report.filtered else 'everything'}")
    out += ["", "## Your highlights and notes", ""]
    if not report.groups and not report.notes:
        out.append("No highlights or notes.")
    for group in report.groups:
        out += [f"### {escape(group.name)} ({len(group.highlights)})", ""]
        for h in group.highlights:
            out += [*highlight_item(h, _place(report, h.start, h.end, highlight=h.id)), ""]
            sink.step()
    if report.notes:
        out += [f"### Notes ({len(report.notes)})", ""]
        for note in report.notes:
            out += [*note_item(note, _place(report, note.start, note.end, note=note.id)), ""]
            sink.step()
    out += ["", f"## Chronology ({len(report.dated_events)})", ""]
    for event in report.dated_events:
        out.append(event_line(event, _place(report, event.start, event.end)))
        sink.step()
    if not report.dated_events:
        out.append("No dated events." if report.events else "No events.")
    out += ["", *_actors_md(report)]
    sink.step(len(report.actors))
    if report.undated_events:  # kept, but after the actors: they cannot join the chronology
        out += ["", f"## Undated events ({len(report.undated_events)})", ""]
        for event in report.undated_events:
            out.append(event_line(event, _place(report, event.start, event.end)))
            sink.step()
    sink.finish()
    return "\n".join(out).rstrip("\n") + "\n"


def _actors_md(report: Report) -> list[str]:
    """The most mentioned actors as a short list, then every actor in a table (one table when few)."""
    if not report.actors:
        return ["## Actors (0)", "", "No actors."]
    if len(report.actors) <= len(report.top_actors):
        return [f"## Actors ({len(report.actors)})", "", *actors_table(report.actors)]
    out = [f"## Actors most mentioned (top {len(report.top_actors)} of {len(report.actors)})", ""]
    for rank, actor in enumerate(report.top_actors, start=1):
        out.append(f"{rank}. **{escape(one_line(actor.name))}** ({actor.type.title()}), {_mentions(actor.mentions)}")
    return [*out, "", f"## All actors ({len(report.actors)})", "", *actors_table(report.actors)]


def _mentions(n: int) -> str:
    return "1 mention" if n == 1 else f"{n} mentions"


def selection_markdown(
    analysis: Analysis,
    items: Sequence[Actor | Event | ReaderHighlight | ReaderNote],
) -> str:
    """Markdown for the items selected in the panels ("Copy as Markdown"), in the order given.

    Actors become table rows (one table), events timeline lines, highlights quoted items with their
    note and category, notes items naming what they are about.
    """
    text = analysis.document.text
    doc = analysis.document.sha256
    names = {a.id: a.name for a in analysis.actors}
    actors_by_id = analysis.actor_by_id()
    events_by_id = {e.id: e for e in analysis.events}
    out: list[str] = []
    actors = [actor_row(i) for i in items if isinstance(i, Actor)]
    if actors:
        out += actors_table(actors)
    events = [event_row(i, text, names) for i in items if isinstance(i, Event)]
    if events:
        lines = [event_line(e, _open_link(doc, e.start, e.end)) for e in events]
        out += ["", *lines] if out else lines
    for item in items:
        if isinstance(item, Actor | Event):
            continue
        if out:
            out.append("")
        if hasattr(item, "start"):
            row = highlight_row(item, text)  # type: ignore[arg-type]
            lines = highlight_item(row, _open_link(doc, row.start, row.end, highlight=row.id))
            lines[0] += f" [{escape(row.category)}]"
            out += lines
        else:
            nrow = note_row(item, text, actors_by_id, events_by_id)
            out += note_item(nrow, _open_link(doc, nrow.start, nrow.end, note=nrow.id))
    return "\n".join(out) + ("\n" if out else "")

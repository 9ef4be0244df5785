"""Story reports: a story's actors, merged timeline with sources and disagreements, and the reader's notes.

The formats and their safety rules are the one-document report's (`models.export`): Markdown escaping,
the HTML style sheets and escaping (browser and Qt flavours; the PDF is the Qt flavour printed by
gui/report_pdf), spreadsheet-safe CSV cells, atomic writes. Only the contents differ: a story spans documents.
"""

from __future__ import annotations

import csv
import io
import json

from models.deep_link import passage_link
from models.errors import ExportError
from models.export import ExportFormat, encode, write_bytes
from models.export.csv_report import safe_cell
from models.export.html_report import _BROWSER_CSS, _QT_CSS, _e
from models.export.markdown import escape, escape_block, one_line
from models.library.stories import LibraryEvent, StoryTimeline, TimelineRow, timeline_json

TYPE_LABELS = {"PERSON": "Person", "ORG": "Organization", "PLACE": "Place", "GROUP": "Group"}
STORY_FORMATS = (ExportFormat.MARKDOWN, ExportFormat.HTML, ExportFormat.PDF, ExportFormat.CSV, ExportFormat.JSON)


def story_summary(timeline: StoryTimeline) -> str:
    """One sentence: how many documents and events, how many told by several sources, how many disputed."""
    rows = timeline.rows
    shared = sum(1 for r in rows if len(r.documents) > 1)
    disputed = sum(1 for r in rows if r.disagreements)
    documents = len(timeline.documents)
    return (
        f"{documents} document{'s' if documents != 1 else ''}, {len(rows)} event{'s' if len(rows) != 1 else ''}; "
        f"{shared} reported by more than one document, {disputed} where the sources disagree."
    )


def _open(report: LibraryEvent) -> str | None:
    return passage_link(report.doc_hash, report.start, report.end)


# ----- Markdown ----------------------------------------------------------------------------------------


def render_story_markdown(timeline: StoryTimeline) -> str:
    """The story as Markdown: summary, notes, documents, actors, then the merged timeline with its sources."""
    lines = [f"# {escape(timeline.story.name)}", "", escape(story_summary(timeline)), ""]
    notes = _notes_md(timeline)
    if notes:
        lines += ["## Notes", "", *notes, ""]
    lines += ["## Documents", ""]
    lines += [f"- {escape(d.title)} ({escape(d.date or 'undated')})" for d in timeline.documents] or ["- none"]
    lines += ["", "## Actors", "", "| Actor | Type | Documents | Events |", "| --- | --- | ---: | ---: |"]
    lines += [
        f"| {escape(one_line(a.name))} | {TYPE_LABELS.get(a.type, a.type)} | {a.documents} | {a.events} |"
        for a in timeline.actors
    ]
    lines += ["", "## Timeline", ""]
    for row in timeline.rows:
        lines += _row_md(row)
    if not timeline.rows:
        lines.append("No events: the story's documents have not been analysed yet, or report nothing dated.")
    return "\n".join(lines).rstrip() + "\n"


def _row_md(row: TimelineRow) -> list[str]:
    sources = len(row.documents)
    head = f"### {escape(row.date_label)} · {row.type.title()} · {escape(one_line(row.who))}"
    lines = [head, "", f"{sources} source{'s' if sources != 1 else ''}.", ""]
    for said in row.disagreements:
        lines += [f"> **Disagreement.** {escape(said)}", ""]
    for report in row.reports:
        link = _open(report)
        where = f" ([open in Dramatis]({link}))" if link else ""
        lines.append(f"- *{escape(report.title)}*: “{escape(one_line(report.sentence))}”{where}")
    return [*lines, ""]


def _notes_md(timeline: StoryTimeline) -> list[str]:
    lines = []
    if timeline.story.notes.strip():
        lines += [escape_block(timeline.story.notes), ""]
    for note in timeline.notes:
        on = f"event of {timeline.rows[note.row].date_label}" if note.row is not None else "the document"
        lines.append(f"- *{escape(note.title)}*, on {escape(on)}: {escape(one_line(note.text))}")
    return lines


# ----- HTML --------------------------------------------------------------------------------------------


_STORY_CSS = """
.disagree { border-left: 4px solid #d1242f; padding: 0.2rem 0.7rem; margin: 0.3rem 0; }
.sources { margin: 0.2rem 0 0; padding-left: 1.2rem; }
"""


def render_story_html(timeline: StoryTimeline, *, qt: bool = False) -> str:
    """The story as one self-contained page (`qt`: the subset QTextDocument lays out for the PDF)."""
    name = _e(timeline.story.name)
    css = (_QT_CSS if qt else _BROWSER_CSS) + _STORY_CSS
    parts = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">']
    parts += ['<meta name="color-scheme" content="light dark">', f"<title>{name}</title>", f"<style>{css}</style>"]
    parts += ["</head>", "<body>", f"<header><h1>{name}</h1>", f'<p class="summary">{_e(story_summary(timeline))}</p>']
    parts.append("</header>")
    notes = _notes_html(timeline)
    if notes:
        parts.append(f"<section><h2>Notes</h2>{notes}</section>")
    documents = "".join(
        f"<li>{_e(d.title)} <span class='place'>{_e(d.date or 'undated')}</span></li>" for d in timeline.documents
    )
    parts.append(f"<section><h2>Documents</h2><ul>{documents}</ul></section>")
    actor_rows = "".join(
        f'<tr><td>{_e(a.name)}</td><td>{_e(TYPE_LABELS.get(a.type, a.type))}</td><td class="num">{a.documents}</td>'
        f'<td class="num">{a.events}</td></tr>'
        for a in timeline.actors
    )
    parts.append(
        '<section><h2>Actors</h2><table><tr><th>Actor</th><th>Type</th><th class="num">Documents</th>'
        f'<th class="num">Events</th></tr>{actor_rows}</table></section>'
    )
    parts.append("<section><h2>Timeline</h2>")
    parts.extend(_row_html(row, qt) for row in timeline.rows)
    if not timeline.rows:
        parts.append('<p class="empty">No events: the documents have not been analysed yet, or report nothing.</p>')
    parts += ["</section>", "</body>", "</html>", ""]
    return "\n".join(parts)


def _row_html(row: TimelineRow, qt: bool) -> str:
    sources = len(row.documents)
    what = f'<span class="type">{_e(row.type.title())}</span> {_e(row.who)}'
    count = f'<span class="place">{sources} source{"s" if sources != 1 else ""}</span>'
    head = f'<p class="event"><span class="when">{_e(row.date_label)}</span> · {what} · {count}</p>'
    disputes = "".join(
        f'<p class="disagree"><b>Disagreement.</b> {_e(said)}</p>'
        if not qt
        else f"<p><b>⚠ Disagreement.</b> {_e(said)}</p>"
        for said in row.disagreements
    )
    items = []
    for report in row.reports:
        link = _open(report)
        place = f' <a class="place" href="{_e(link)}">open in Dramatis</a>' if link else ""
        items.append(f"<li><i>{_e(report.title)}</i>: “{_e(report.sentence)}”{place}</li>")
    return f'<div class="item">{head}{disputes}<ul class="sources">{"".join(items)}</ul></div>'


def _notes_html(timeline: StoryTimeline) -> str:
    parts = []
    if timeline.story.notes.strip():
        parts.append(f'<p class="note">{_e(timeline.story.notes)}</p>')
    items = []
    for note in timeline.notes:
        on = f"event of {timeline.rows[note.row].date_label}" if note.row is not None else "the document"
        items.append(f"<li><i>{_e(note.title)}</i>, on {_e(on)}: {_e(note.text)}</li>")
    if items:
        parts.append(f"<ul>{''.join(items)}</ul>")
    return "".join(parts)


# ----- CSV and JSON ------------------------------------------------------------------------------------

CSV_COLUMNS = ("kind", "date", "type", "who", "document", "sentence", "disagreement", "start", "end")


def render_story_csv(timeline: StoryTimeline) -> str:
    """One row per source of each timeline event (disagreements on each), then the actors and notes."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in timeline.rows:
        disagreement = " ".join(row.disagreements)
        for report in row.reports:
            cells = ("event", row.date_label, row.type, row.who, report.title, report.sentence, disagreement)
            writer.writerow([*(safe_cell(c) for c in cells), report.start, report.end])
    for actor in timeline.actors:
        cells = ("actor", "", actor.type, actor.name, f"{actor.documents} documents", "", "")
        writer.writerow([*(safe_cell(c) for c in cells), "", ""])
    if timeline.story.notes.strip():
        writer.writerow([safe_cell(c) for c in ("note", "", "", "", "", timeline.story.notes, "")] + ["", ""])
    for note in timeline.notes:
        writer.writerow([safe_cell(c) for c in ("note", "", "", "", note.title, note.text, "")] + ["", ""])
    return buffer.getvalue()


def render_story_json(timeline: StoryTimeline) -> str:
    """The story timeline as JSON (dramatis.story/1) with its one-line summary, for scripts."""
    data = timeline_json(timeline)
    data["summary"] = story_summary(timeline)
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def render_story_text(timeline: StoryTimeline, fmt: ExportFormat | str) -> str:
    """The story report in a text format (every story format but PDF)."""
    fmt = ExportFormat(fmt)
    if fmt is ExportFormat.MARKDOWN:
        return render_story_markdown(timeline)
    if fmt is ExportFormat.HTML:
        return render_story_html(timeline)
    if fmt is ExportFormat.CSV:
        return render_story_csv(timeline)
    if fmt is ExportFormat.JSON:
        return render_story_json(timeline)
    raise ExportError(f"A story report cannot be written as {fmt.value}; choose md, html, pdf, csv or json.")


def write_story_text(timeline: StoryTimeline, fmt: ExportFormat, path: str) -> None:
    """Write a text format of the story report atomically, so a failed write leaves no half file."""
    write_bytes(path, encode(fmt, render_story_text(timeline, fmt)))

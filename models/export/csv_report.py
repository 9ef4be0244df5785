"""CSV reports: one row per actor, event, highlight and note, safe to open in a spreadsheet.

A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return would be read as a formula
by Excel, LibreOffice or Google Sheets (CSV injection); such cells get a leading apostrophe, the
usual neutraliser, which spreadsheets hide. The same goes for such a character after a comma,
semicolon, tab or line break inside a cell: a reader whose spreadsheet splits on another separator
than ours (or on every line) would otherwise get `Budget;=1+1` as a live `=1+1` cell. Numbers we
write ourselves (offsets, counts) are left alone. Notes on an actor or event are written on that actor's or event's row.
"""

from __future__ import annotations

import csv
import io
import re

from models.export.report import DOCUMENT_TARGET, ProgressSink, Report

COLUMNS = ("kind", "actor or event", "type", "date", "quote", "note", "tags", "start", "end")
# A cell start, or a separator / line break a spreadsheet may split on, then spaces it may trim, then a formula start.
_LIVE_START = re.compile(r"(^|[,;\t\r\n])( *)(?=[=+\-@\t\r])")


def safe_cell(value: str) -> str:
    """`value` as a spreadsheet will show it, never run it, however the spreadsheet splits it."""
    return _LIVE_START.sub(r"\1\2'", value)


def _join_notes(texts: list[str]) -> str:
    return "\n\n".join(t.strip() for t in texts if t.strip())


def _join_tags(tags: list[str]) -> str:
    return ", ".join(dict.fromkeys(tags))


def render_csv(report: Report, sink: ProgressSink | None = None) -> str:
    """The report as CSV text (RFC 4180 quoting, `\\r\\n` line ends, header row first)."""
    sink = sink or ProgressSink(len(report.actors) + len(report.events) + report.highlight_count + len(report.notes))
    notes_on: dict[str, list[str]] = {}
    tags_on: dict[str, list[str]] = {}
    for note in report.notes:
        notes_on.setdefault(note.target, []).append(note.text)
        tags_on.setdefault(note.target, []).extend(note.tags)
    rows: list[tuple[str, str, str, str, str, str, str, int | str, int | str]] = []
    for a in report.actors:
        key = f"actor:{a.id}"
        quote = ", ".join(a.roles)
        rows.append(
            (
                "actor",
                a.name,
                a.type,
                "",
                quote,
                _join_notes(notes_on.get(key, [])),
                _join_tags(tags_on.get(key, [])),
                "" if a.start is None else a.start,
                "" if a.end is None else a.end,
            )
        )
        sink.step()
    for e in report.events:
        key = f"event:{e.id}"
        who = ", ".join(e.participants)
        rows.append(
            (
                "event",
                who,
                e.type,
                e.date or "",
                e.quote,
                _join_notes(notes_on.get(key, [])),
                _join_tags(tags_on.get(key, [])),
                e.start,
                e.end,
            )
        )
        sink.step()
    for h in report.highlights():
        rows.append(("highlight", "", h.category, "", h.quote, h.note, _join_tags(list(h.tags)), h.start, h.end))
        sink.step()
    shown = {f"actor:{a.id}" for a in report.actors} | {f"event:{e.id}" for e in report.events}
    for note in report.notes:
        sink.step()
        if note.target in shown:
            continue  # written on its actor's or event's row
        about = "document" if note.target == DOCUMENT_TARGET else note.target_label
        rows.append(
            (
                "note",
                about,
                note.target_kind,
                "",
                note.quote,
                note.text,
                _join_tags(list(note.tags)),
                "" if note.start is None else note.start,
                "" if note.end is None else note.end,
            )
        )
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([safe_cell(cell) if isinstance(cell, str) else cell for cell in row])
    sink.finish()
    return buffer.getvalue()

"""CSV, JSON and W3C Web Annotation exports, read back with csv, jsonschema and the importer."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace

from models.export import ExportFormat, encode, render_text
from models.export.csv_report import COLUMNS, safe_cell
from models.export.json_report import validation_errors
from models.export.report import build_report
from models.export.web_annotation_import import anchor, read_annotations
from tests.gui.reader_fixtures import TEXT, build_analysis
from tests.models.test_export_report import CATEGORIES, Highlight, Note, full_report, reader_items


def csv_rows(fmt_text: str) -> list[dict[str, str]]:
    data = encode(ExportFormat.CSV, fmt_text)
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_csv_has_one_row_per_item_and_no_live_formulas() -> None:
    rows = csv_rows(render_text(full_report(), ExportFormat.CSV))
    assert tuple(rows[0]) == COLUMNS
    kinds = [r["kind"] for r in rows]
    assert kinds.count("actor") == 4 and kinds.count("event") == 3 and kinds.count("highlight") == 4
    assert kinds.count("note") == 1  # the document note; actor and event notes sit on their rows
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value
    hollande = next(r for r in rows if r["kind"] == "actor" and r["actor or event"] == "François Hollande")
    assert hollande["note"] == "French president, _then_" and hollande["tags"] == "people"
    meeting = next(r for r in rows if r["type"] == "MEETING")
    assert meeting["date"] == "2015-05-03" and meeting["note"] == "The meeting in Paris"
    assert meeting["actor or event"] == "Zoë Müller, François Hollande"
    first = next(r for r in rows if r["kind"] == "highlight")
    assert TEXT[int(first["start"]) : int(first["end"])] == first["quote"] == "Zoë Müller"
    plus = next(r for r in rows if r["quote"] == "Nobody else spoke.")
    assert plus["note"] == "'+1 quiet"
    assert next(r for r in rows if r["kind"] == "note")["note"] == "'@channel overall a calm piece"


def test_safe_cell_neutralises_every_formula_start() -> None:
    for value in ("=1+1", "+1", "-1", "@SUM(A1)", "\r1"):
        assert safe_cell(value) == "'" + value
    assert safe_cell("\t=1") == "'\t'=1"
    assert safe_cell("plain") == "plain" and safe_cell("") == ""
    assert safe_cell("Budget;=1+1\n") == "Budget;'=1+1\n"
    assert safe_cell("2015-05-03, well-known") == "2015-05-03, well-known"


HOSTILE_CELLS = (
    "Budget;=1+1\n",
    "=cmd|' /C calc'!A0",
    "ok,=2+2",
    "ok, =2+2",
    "tab\t@SUM(A1)",
    "lines\n-1\r\n+1\r=1",
    "semi;;@x",
    "\t\t=1",
)


def spreadsheet_cells(text: str, separator: str) -> list[str]:
    """What a spreadsheet that splits every line on `separator` (ignoring quotes) puts in its cells."""
    return [cell.lstrip(' "') for line in text.splitlines() for cell in line.split(separator)]


def test_no_live_formula_whatever_separator_the_spreadsheet_splits_on() -> None:
    highlights, notes = reader_items()
    notes += [Note(f"x{i}", "document", value, (value,)) for i, value in enumerate(HOSTILE_CELLS)]
    highlights = [replace(highlights[0], note=HOSTILE_CELLS[0], tags=HOSTILE_CELLS[1:3]), *highlights[1:]]
    report = build_report(build_analysis(), highlights, notes, CATEGORIES, None, source="/tmp/a.txt")
    text = encode(ExportFormat.CSV, render_text(report, ExportFormat.CSV)).decode("utf-8-sig")
    for separator in (",", ";", "\t"):
        live = [c for c in spreadsheet_cells(text, separator) if c.startswith(("=", "+", "-", "@", "\t", "\r"))]
        assert live == [], (separator, live)
    written = {r["note"] for r in csv_rows(render_text(report, ExportFormat.CSV))}
    assert "Budget;'=1+1\n" in written and "'=cmd|' /C calc'!A0" in written  # still readable, only neutralised


def test_json_is_the_contract_plus_the_reader_layer() -> None:
    data = json.loads(render_text(full_report(), ExportFormat.JSON))
    assert validation_errors(data) == []
    assert data["schema"] == "dramatis.analysis/1"
    assert [c["name"] for c in data["reader"]["categories"]] == list(CATEGORIES)
    assert {h["id"] for h in data["reader"]["highlights"]} == {"h1", "h2", "h3", "h4"}
    broken = json.loads(json.dumps(data))
    broken["reader"]["highlights"][0]["start"] += 1
    broken["reader"]["notes"][0]["target"] = "actor:nobody"
    errors = validation_errors(broken)
    assert any("highlight" in e for e in errors) and any("unknown target" in e for e in errors)
    broken["reader"]["categories"][0]["color"] = "red;}"
    assert validation_errors(broken)


def test_filtered_json_stays_valid() -> None:
    from models.filters import FilterState

    data = json.loads(render_text(full_report(filters=FilterState(hidden_layers=frozenset({"PLACE"}))), "json"))
    assert validation_errors(data) == [] and data["report"]["filtered"] is True


def test_web_annotations_round_trip() -> None:
    highlights, notes = reader_items()
    data = json.loads(render_text(full_report(), ExportFormat.JSONLD))
    assert data["@context"] == "http://www.w3.org/ns/anno.jsonld" and data["type"] == "AnnotationCollection"
    items = data["first"]["items"]
    first = items[0]
    assert {s["type"] for s in first["target"]["selector"]} == {"TextQuoteSelector", "TextPositionSelector"}
    purposes = {b["purpose"] for item in items for b in item["body"]}
    assert {"commenting", "tagging", "classifying"} <= purposes

    layer = read_annotations(data, TEXT)
    assert layer.skipped == []
    mine = [h for h in layer.highlights if h.id in {r.id for r in highlights}]  # the rest: what was found
    assert sorted((h.id, h.start, h.end, h.category, h.note, h.tags) for h in mine) == sorted(
        (h.id, h.start, h.end, h.category, h.note, h.tags) for h in highlights
    )
    assert sorted((n.id, n.target, n.text, n.tags) for n in layer.notes) == sorted(
        (n.id, n.target, n.text, n.tags) for n in notes
    )
    assert {k: layer.categories[k] for k in ("Important", "Question", "Evidence")} == {
        k: CATEGORIES[k] for k in ("Important", "Question", "Evidence")
    }


def test_import_reanchors_after_the_text_changed() -> None:
    data = json.loads(render_text(full_report(), ExportFormat.JSONLD))
    edited = "A new first line.\n\n" + TEXT.replace("The weather was mild.", "Weather: mild.")
    layer = read_annotations(data, edited)
    by_id = {h.id: h for h in layer.highlights}
    h1 = by_id["h1"]
    assert edited[h1.start : h1.end] == "Later Müller called Hollande"
    assert "h3" not in by_id and len(layer.skipped) == 1 and "The weather was mild." in layer.skipped[0]


def test_quote_selector_picks_the_occurrence_its_context_names() -> None:
    text = "Müller spoke. Then Müller left. Finally Müller returned."
    selectors = [{"type": "TextQuoteSelector", "exact": "Müller", "prefix": "Finally ", "suffix": " returned"}]
    assert anchor(text, selectors) == (text.index("Finally ") + 8, text.index(" returned"))


def test_import_of_another_tools_annotation() -> None:
    other = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": "https://example.org/anno/1",
        "type": "Annotation",
        "bodyValue": "Interesting",
        "target": {
            "source": "https://example.org/article",
            "selector": {"type": "TextQuoteSelector", "exact": "Nobody else spoke."},
        },
    }
    layer = read_annotations(other, TEXT, default_category="Imported")
    (h,) = layer.highlights
    assert TEXT[h.start : h.end] == "Nobody else spoke." and h.note == "Interesting" and h.category == "Imported"
    assert layer.categories["Imported"].startswith("#")
    assert h.id != "1" and isinstance(h, Highlight)  # the reader's own record, ready for the library

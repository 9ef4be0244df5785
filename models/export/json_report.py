"""JSON reports: the analysis contract (`dramatis.analysis/1`) plus the reader's layer.

The analysis part is exactly what `main.py analyze --json` prints, so tools written against the
contract read a report unchanged; the reader's categories, highlights and notes sit beside it under
`reader`. `validation_errors` checks both against `report.schema.json` and the rules a schema
cannot express.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from models.contract import validation_errors as analysis_errors
from models.export.report import ProgressSink, Report, valid_color
from models.reader import DOCUMENT_TARGET

if TYPE_CHECKING:
    import jsonschema

REPORT_SCHEMA_ID = "dramatis.report/1"
REPORT_SCHEMA = Path(__file__).with_name("report.schema.json")


def report_json(report: Report) -> dict[str, Any]:
    """The report as JSON data: the analysis contract plus the report's settings and the reader's layer."""
    data = report.analysis.to_json()
    data["report"] = {"schema": REPORT_SCHEMA_ID, "filtered": report.filtered, "source": report.source}
    data["reader"] = {
        "categories": category_list(report),
        "highlights": [
            {
                "id": h.id,
                "start": h.start,
                "end": h.end,
                "text": h.quote,
                "prefix": h.prefix,
                "suffix": h.suffix,
                "category": h.category,
                "note": h.note,
                "tags": list(h.tags),
            }
            for h in report.highlights()
        ],
        "notes": [{"id": n.id, "target": n.target, "text": n.text, "tags": list(n.tags)} for n in report.notes],
    }
    return data


def category_list(report: Report) -> list[dict[str, str]]:
    """Every category the reader has (with its colour), then any only the highlights name."""
    named = [{"name": name, "color": valid_color(color)} for name, color in report.categories.items()]
    return named + [{"name": g.name, "color": g.color} for g in report.groups if g.name not in report.categories]


def render_json(report: Report, sink: ProgressSink | None = None) -> str:
    """The report as indented JSON text (see `report_json`)."""
    text = json.dumps(report_json(report), ensure_ascii=False, indent=1) + "\n"
    if sink is not None:
        sink.finish()
    return text


@cache
def _validator() -> jsonschema.Draft202012Validator:
    import jsonschema  # imported when first needed: it adds 0.1 s to the window's start-up

    return jsonschema.Draft202012Validator(json.loads(REPORT_SCHEMA.read_text(encoding="utf-8")))


def validation_errors(data: dict[str, Any]) -> list[str]:
    """Every way `data` breaks the report format, as readable sentences (empty when valid).

    The analysis part is checked by the contract itself (`models.contract`), the rest by
    `report.schema.json`, then the spans and references are checked against the text.
    """
    errors = analysis_errors(data)
    errors += [
        f"{'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}" for e in _validator().iter_errors(data)
    ]
    if errors:
        return errors
    text: str = data["document"]["text"]
    for h in data["reader"]["highlights"]:
        if not 0 <= h["start"] <= h["end"] <= len(text):
            errors.append(f"highlight {h['id']}: span {h['start']}-{h['end']} outside the text")
        elif text[h["start"] : h["end"]] != h["text"]:
            errors.append(f"highlight {h['id']}: text differs from the text at {h['start']}-{h['end']}")
    targets = {f"actor:{a['id']}" for a in data["actors"]} | {f"event:{e['id']}" for e in data["events"]}
    targets.add(DOCUMENT_TARGET)
    errors.extend(
        f"note {n['id']}: unknown target {n['target']}" for n in data["reader"]["notes"] if n["target"] not in targets
    )
    return errors

"""Every analysis output validates against the schema and the offset rules."""

import copy
import json

from models.contract import validation_errors
from models.domain import Document
from resources import SAMPLE_ARTICLE


def test_sample_analysis_validates(analyzer) -> None:
    text = SAMPLE_ARTICLE.read_text(encoding="utf-8")
    analysis = analyzer.analyze(Document(text=text, title="Sample", date="2015-08-21"))
    data = json.loads(json.dumps(analysis.to_json()))
    assert validation_errors(data) == []
    assert data["document"]["text"] == text
    assert any(a["name"] == "Kim Jong-un" and a["type"] == "PERSON" for a in data["actors"])


def test_emoji_text_offsets_are_code_points(analyzer) -> None:
    text = "😀 Angela Merkel met Emmanuel Macron in Berlin 🇩🇪 on Monday."
    data = analyzer.analyze(Document(text=text)).to_json()
    assert validation_errors(data) == []
    mentions = [m for a in data["actors"] for m in a["mentions"]]
    assert {"Angela Merkel", "Emmanuel Macron"} <= {m["text"] for m in mentions}
    for m in mentions:
        assert text[m["start"] : m["end"]] == m["text"]


def _valid() -> dict:
    text = "Obama spoke."
    return {
        "schema": "dramatis.analysis/1",
        "document": {"title": None, "date": None, "text": text, "sha256": "0" * 64},
        "analyzer": {"version": "1", "model": "m"},
        "actors": [
            {
                "id": "a1",
                "name": "Obama",
                "type": "PERSON",
                "aliases": ["Obama"],
                "roles": [],
                "mentions": [{"start": 0, "end": 5, "text": "Obama", "kind": "name"}],
            }
        ],
        "events": [
            {
                "id": "e1",
                "type": "STATEMENT",
                "start": 6,
                "end": 11,
                "text": "spoke",
                "date": None,
                "time": None,
                "participants": ["a1"],
                "source": "a1",
                "target": None,
                "place": None,
            }
        ],
        "times": [],
    }


def test_validator_catches_contract_breaks() -> None:
    assert validation_errors(_valid()) == []
    bad_type = copy.deepcopy(_valid())
    bad_type["actors"][0]["type"] = "ANIMAL"
    assert validation_errors(bad_type)
    bad_span = copy.deepcopy(_valid())
    bad_span["actors"][0]["mentions"][0]["end"] = 4
    assert any("differs" in e for e in validation_errors(bad_span))
    dangling = copy.deepcopy(_valid())
    dangling["events"][0]["target"] = "a9"
    assert any("unknown actor a9" in e for e in validation_errors(dangling))

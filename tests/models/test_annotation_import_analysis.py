"""Re-importing a Dramatis export brings back the reader's own items only: what the analysis found is counted
and left out (Dramatis finds it again), while another tool's findings are imported as highlights."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from models.library import Library
from models.library.annotation_import import import_annotations
from models.loaders import load_document
from models.reader import DOCUMENT_TARGET, ReaderHighlight, ReaderNote
from tests.models.test_annotation_import import collection, library_with_article, quote_annotation
from tests.test_cli import run

ARTICLE = "Angela Merkel met Emmanuel Macron in Paris on 3 May 2019.\n\nMacron said France was ready to talk.\n"


def _library(data: Path, article: Path) -> tuple[Library, str]:
    lib = Library(data / "library.sqlite3")
    return lib, lib.add_document(load_document(article)).hash


def test_reimporting_an_export_keeps_only_the_readers_items_and_says_what_was_skipped(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    mine = tmp_path / "mine"
    with _library(mine, article)[0] as lib:
        doc_hash = lib.find_document(str(article))
        assert doc_hash is not None
        category = "Follow up"
        start = ARTICLE.index("ready to talk")
        highlight = ReaderHighlight("h1", start, start + 13, category, "Ask Paris when.", ("follow-up",))
        note = ReaderNote("n1", DOCUMENT_TARGET, "Check the date against the ministry's release.")
        lib.add_items([(doc_hash, [highlight, note])], {category: "#ffb300"})

    exported = tmp_path / "export.jsonld"
    made = run("report", str(article), "--format", "jsonld", "-o", str(exported), data_dir=mine)
    assert made.returncode == 0, made.stderr
    items = json.loads(exported.read_text(encoding="utf-8"))["first"]["items"]
    found = [i for i in items if i.get("creator", {}).get("type") == "Software"]
    assert {i["motivation"] for i in found} == {"identifying", "classifying"}  # actors' mentions and events
    assert len(items) == len(found) + 2

    theirs = tmp_path / "theirs"  # a colleague's library that knows the article but holds no work on it
    with _library(theirs, article)[0]:
        pass
    result = run("import", str(exported), data_dir=theirs)
    assert result.returncode == 0, result.stderr
    assert "Imported 1 highlight and 1 note" in result.stdout
    assert f"Skipped {len(found)} annotations made by the analysis; Dramatis finds those itself." in result.stdout
    assert result.stderr == ""
    with Library(theirs / "library.sqlite3") as lib:
        back = lib.load_items(doc_hash)
        assert lib.categories() == {category: "#ffb300"}  # no "Person", "Meeting"... from the analysis
    assert len(back) == 2
    h = next(i for i in back if isinstance(i, ReaderHighlight))
    n = next(i for i in back if isinstance(i, ReaderNote))
    assert (h.id, h.quote, h.category, h.note) == ("h1", "ready to talk", category, highlight.note)
    assert h.tags == ("follow-up",)
    assert (n.id, n.target, n.text) == ("n1", DOCUMENT_TARGET, note.text)


def _found_by(creator: Any, exact: str, number: int) -> dict[str, Any]:
    annotation = quote_annotation(exact, number)
    annotation["creator"] = creator
    annotation["motivation"] = "identifying"
    annotation["body"] = [{"type": "TextualBody", "value": "Person", "purpose": "classifying"}]
    return annotation


def test_another_tools_findings_are_imported_and_only_dramatis_analysis_is_left_out(tmp_path: Path) -> None:
    _article, data, doc_hash = library_with_article(tmp_path)
    ner = {"id": "https://inception-project.github.io/ner", "type": "Software", "name": "INCEpTION NER"}
    analysis = {"id": "urn:dramatis:analysis:7", "type": "Software", "name": "Dramatis analysis 7"}
    person = {"id": "urn:dramatis:analysis:7", "type": "Person", "name": "Someone naming themselves oddly"}
    items = [
        _found_by(ner, "Ana Lopes", 1),
        _found_by([analysis], "harbour union", 2),  # a list of creators, as the model allows
        _found_by({"@id": analysis["id"], "type": ["Software"]}, "Porto", 3),  # JSON-LD keywords as written
        _found_by(person, "strike", 4),  # not Software: a person's annotation, however it is named
    ]
    with Library(data / "library.sqlite3") as lib:
        result = import_annotations(lib, collection(items), doc_hash)
        quotes = sorted(i.quote for i in lib.load_items(doc_hash) if isinstance(i, ReaderHighlight))
    assert quotes == ["Ana Lopes", "strike"] and result.skipped == []
    assert result.from_analysis == 2
    assert result.analysis_line() == "Skipped 2 annotations made by the analysis; Dramatis finds those itself."

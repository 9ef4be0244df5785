"""Web Annotation import: wired to the library and the command line, and bounded whatever the file holds."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from models.errors import LibraryWriteError
from models.export.web_annotation_import import read_annotations
from models.library import Library
from models.library.annotation_import import import_annotations
from models.loaders import load_document
from models.reader import ReaderHighlight
from tests.test_cli import run

TEXT = "Ana Lopes met the harbour union in Porto.\n\nThe strike ended on Friday, said Ana Lopes.\n"


def quote_annotation(exact: str, number: int = 0, source: str = "", **position: Any) -> dict[str, Any]:
    selectors: list[dict[str, Any]] = [{"type": "TextQuoteSelector", "exact": exact}]
    if position:
        selectors.append({"type": "TextPositionSelector", **position})
    target: dict[str, Any] = {"selector": selectors}
    if source:
        target["source"] = source
    return {
        "id": f"https://example.org/anno/{number}",
        "type": "Annotation",
        "body": [{"type": "TextualBody", "value": f"note {number}", "purpose": "commenting"}],
        "target": target,
    }


def collection(items: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "AnnotationCollection",
        "first": {"type": "AnnotationPage", "items": items},
    }


def test_malformed_position_selectors_are_refused_with_a_reason() -> None:
    start = TEXT.index("Porto")
    bad = [
        quote_annotation("Porto", 1, start=start, end=start),  # empty
        quote_annotation("Porto", 2, start=True, end=False),  # booleans
        quote_annotation("Porto", 3, start=-5, end=start + 5),  # negative
        quote_annotation("Porto", 4, start=float(start), end=start + 5.0),  # not whole numbers
        quote_annotation("Porto", 5, start="35", end="40"),
        quote_annotation("Porto", 6, start=start + 5, end=start),  # reversed
    ]
    layer = read_annotations(collection([*bad, quote_annotation("Porto", 7, start=start, end=start + 5)]), TEXT)
    assert [(h.start, h.end) for h in layer.highlights] == [(start, start + 5)]
    assert len(layer.skipped) == 6 and all("refused" in line for line in layer.skipped), layer.skipped


def test_lists_nested_500_deep_are_bounded_not_a_recursion_error() -> None:
    nested: Any = quote_annotation("Porto")
    for _ in range(500):
        nested = [nested]
    layer = read_annotations([quote_annotation("strike", 1), nested], TEXT)
    assert [TEXT[h.start : h.end] for h in layer.highlights] == ["strike"]
    assert any("nested" in line for line in layer.skipped)


def test_a_60_kb_stylesheet_is_read_in_linear_time() -> None:
    annotation = quote_annotation("Porto")
    annotation["target"]["styleClass"] = "a"
    annotation["body"].append({"type": "TextualBody", "value": "Places", "purpose": "classifying"})
    annotation["stylesheet"] = {"type": "CssStylesheet", "value": ".a{" * 20_000}  # 60 KB, no closing brace
    started = time.perf_counter()
    layer = read_annotations([annotation], TEXT)
    assert time.perf_counter() - started < 1.0
    assert len(layer.highlights) == 1
    annotation["stylesheet"]["value"] = ".ab { color: red } .a { background-color: #123456; }"
    assert read_annotations([annotation], TEXT).categories["Places"] == "#123456"


def test_a_thousand_annotations_on_one_letter_are_anchored_quickly_and_near_their_position() -> None:
    text = ("The weather here is mild and the sea is grey. " * 2200)[:100_000]
    positions = [i for i, ch in enumerate(text) if ch == "e"]
    chosen = positions[:: len(positions) // 1000][:1000]
    items = [quote_annotation("e", n, start=p + 1, end=p + 2) for n, p in enumerate(chosen)]  # stale positions
    for item, pos in zip(items, chosen, strict=True):
        item["target"]["selector"][0].update(prefix=text[max(0, pos - 20) : pos], suffix=text[pos + 1 : pos + 21])
    started = time.perf_counter()
    layer = read_annotations(items, text)
    elapsed = time.perf_counter() - started
    assert elapsed < 3.0, elapsed
    assert [h.start for h in layer.highlights] == chosen  # placed by prefix/suffix near the stated position


def library_with_article(tmp_path: Path) -> tuple[Path, Path, str]:
    article = tmp_path / "article.txt"
    article.write_text(TEXT, encoding="utf-8")
    data = tmp_path / "data"
    with Library(data / "library.sqlite3") as lib:
        doc_hash = lib.add_document(load_document(article)).hash
    return article, data, doc_hash


def test_import_writes_into_the_document_its_source_names_in_one_transaction(tmp_path: Path) -> None:
    article, data, doc_hash = library_with_article(tmp_path)
    items = [
        quote_annotation("harbour union", 1, source=article.resolve().as_uri()),
        quote_annotation("strike", 2, source=f"urn:sha256:{doc_hash}"),
        quote_annotation("Lisbon", 3, source=str(article)),
        quote_annotation("Porto", 4, source="https://example.org/elsewhere"),
    ]
    with Library(data / "library.sqlite3") as lib:
        result = import_annotations(lib, collection(items))
        assert result.placed == 2 and len(result.skipped) == 2, result.skipped
        quotes = sorted(h.quote for h in lib.load_items(doc_hash) if isinstance(h, ReaderHighlight))
        assert quotes == ["harbour union", "strike"]
        pages = lib.conn.execute("PRAGMA page_count").fetchone()[0]
        lib.conn.execute(f"PRAGMA max_page_count = {pages}")  # the disk fills up during the import
        long_note = quote_annotation("Friday", 6)
        long_note["body"][0]["value"] = "x" * 300_000
        with pytest.raises(LibraryWriteError) as failed:
            import_annotations(lib, collection([quote_annotation("Porto", 5), long_note]), doc_hash)
        assert failed.value.reason == "full"
        assert len(lib.load_items(doc_hash)) == 2  # all or nothing: "Porto" was not written either


def test_main_import_through_the_command_line(tmp_path: Path) -> None:
    _article, data, doc_hash = library_with_article(tmp_path)
    start = TEXT.index("Porto")
    items = [
        quote_annotation("Porto", 1, start=start, end=start + 5),
        quote_annotation("Porto", 2, start=start, end=start),
        quote_annotation("Friday", 3),
    ]
    nested: Any = quote_annotation("Ana Lopes", 4)
    for _ in range(500):
        nested = [nested]
    annotations = tmp_path / "notes.jsonld"
    annotations.write_text(json.dumps([collection(items), nested]), encoding="utf-8")
    result = run("import", str(annotations), "--into", doc_hash[:12], data_dir=data)
    assert result.returncode == 0, result.stderr
    assert "Imported 2 highlights and 0 notes" in result.stdout
    assert "refused" in result.stderr and "nested" in result.stderr and "Traceback" not in result.stderr
    with Library(data / "library.sqlite3") as lib:
        quotes = sorted(h.quote for h in lib.load_items(doc_hash) if isinstance(h, ReaderHighlight))
        assert quotes == ["Friday", "Porto"]

    deep = tmp_path / "deep.jsonld"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    for args, words in (
        (("import", str(deep)), "nested too deeply"),
        (("import", str(annotations), "--into", "nothing-like-this"), "knows no document"),
        (("import", str(tmp_path / "missing.jsonld")), "does not exist"),
        (("import", "/dev/null"), "not a regular file"),
    ):
        bad = run(*args, data_dir=data)
        assert bad.returncode != 0 and words in bad.stderr and "Traceback" not in bad.stderr, bad.stderr

"""`main.py report --data-dir`: the library's corrected analysis, highlights, notes and categories."""

from __future__ import annotations

import json
from pathlib import Path

from models.cli_report import load_reader_layer, prepare_report
from models.domain import Actor, ActorType, Analysis, Mention
from models.library import Library
from models.library.corrections import CorrectionOp
from models.loaders import load_document
from models.reader import ReaderHighlight, ReaderNote
from models.version import ANALYZER_VERSION
from tests.test_cli import run

TEXT = "Ana Lopes met the harbour union in Porto.\n\nThe strike ended on Friday.\n"


def stored_library(tmp_path: Path) -> tuple[Path, Path]:
    article = tmp_path / "article.txt"
    article.write_text(TEXT, encoding="utf-8")
    data = tmp_path / "data"
    document = load_document(article)
    with Library(data / "library.sqlite3") as lib:
        key = lib.add_document(document).hash
        actors = [
            Actor("a1", "Ana Lopes", ActorType.PERSON, mentions=[Mention(0, 9, "Ana Lopes")]),
            Actor("a2", "Porto", ActorType.PLACE, mentions=[Mention(35, 40, "Porto")]),
        ]
        lib.store_analysis(Analysis(document, ANALYZER_VERSION, "stored", actors=actors))
        start = TEXT.index("The strike ended")
        lib.save_item(key, ReaderHighlight("h1", start, start + 16, "Evidence", "check the date", ("strike",)))
        lib.save_item(key, ReaderNote("n1", "actor:a1", "Union leader?"))
        lib.set_categories({"Evidence": "#009E73"})
        lib.add_correction(
            key, CorrectionOp.new("rename", actor={"name": "Porto", "type": "PLACE"}, name="Porto, Portugal")
        )
    return article, data


def test_the_report_uses_the_library_record(tmp_path: Path) -> None:
    article, data = stored_library(tmp_path)
    layer = load_reader_layer(load_document(article), str(data))
    assert layer is not None and layer.analysis is not None
    assert [h.note for h in layer.highlights] == ["check the date"] and layer.categories == {"Evidence": "#009E73"}
    report = prepare_report(str(article), None, str(data))
    assert {a.name for a in report.actors} == {"Ana Lopes", "Porto, Portugal"}
    assert report.highlight_count == 1 and [n.text for n in report.notes] == ["Union leader?"]


def test_unknown_documents_and_missing_libraries_give_nothing(tmp_path: Path) -> None:
    article, data = stored_library(tmp_path)
    other = tmp_path / "other.txt"
    other.write_text("A different text.\n", encoding="utf-8")
    assert load_reader_layer(load_document(other), str(data)) is None
    assert load_reader_layer(load_document(article), str(tmp_path / "nowhere")) is None
    assert not (tmp_path / "nowhere" / "library.sqlite3").exists()  # never created by a report


def test_report_command_line_with_data_dir(tmp_path: Path) -> None:
    article, data = stored_library(tmp_path)
    out = tmp_path / "r.json"
    result = run("report", str(article), "--format", "json", "-o", str(out), data_dir=data)
    assert result.returncode == 0, result.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    assert [h["note"] for h in report["reader"]["highlights"]] == ["check the date"]
    assert "Porto, Portugal" in {a["name"] for a in report["actors"]}


def damaged_copies(source: Path, folder: Path, count: int = 10) -> list[Path]:
    """`count` differently damaged copies of a library: truncated, or pages overwritten (fixed seeds)."""
    import random

    data = source.read_bytes()
    page = 4096
    pages = len(data) // page
    copies = []
    for seed in range(count):
        rng = random.Random(seed)
        damaged = bytearray(data)
        if seed < 3:  # cut short at a page boundary or mid-page
            damaged = damaged[: rng.randrange(2 * page, len(data) - page)]
        else:  # one to four pages past the header overwritten with noise or zeros
            for number in rng.sample(range(1, pages), rng.randint(1, 4)):
                noise = bytes(rng.getrandbits(8) for _ in range(page)) if seed % 2 else bytes(page)
                damaged[number * page : (number + 1) * page] = noise
        copy = folder / f"damaged-{seed}" / "library.sqlite3"
        copy.parent.mkdir(parents=True)
        copy.write_bytes(bytes(damaged))
        copies.append(copy)
    return copies


def big_library(tmp_path: Path, notes: int = 3000) -> tuple[Path, Path]:
    article, data = stored_library(tmp_path)
    key = load_document(article).sha256
    with Library(data / "library.sqlite3") as lib, lib.write():
        for number in range(notes):
            lib.save_item(key, ReaderNote(f"n{number:05d}", "document", f"Note {number} on the strike " * 3))
    return article, data


def test_a_damaged_library_stops_the_report_with_a_sentence(tmp_path: Path) -> None:
    import pytest

    from models.errors import StorageError

    article, data = big_library(tmp_path)
    document = load_document(article)
    intact = load_reader_layer(document, str(data))
    assert intact is not None and len(intact.notes) == 3001  # the intact library reads whole
    for copy in damaged_copies(data / "library.sqlite3", tmp_path / "copies"):
        with pytest.raises(StorageError) as stopped:
            load_reader_layer(document, str(copy.parent))
        message = stopped.value.user_message
        assert "no report was written" in message and ("damaged" in message or "could not" in message), message
        assert len(message.splitlines()) == 1


def test_report_on_a_damaged_library_exits_non_zero_and_writes_nothing(tmp_path: Path) -> None:
    article, data = big_library(tmp_path, notes=300)
    for copy in damaged_copies(data / "library.sqlite3", tmp_path / "copies", count=4)[2:]:
        out = copy.parent / "report.md"
        result = run("report", str(article), "--format", "md", "-o", str(out), data_dir=copy.parent)
        assert result.returncode != 0 and "no report was written" in result.stderr, result.stderr
        assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
        assert not out.exists()

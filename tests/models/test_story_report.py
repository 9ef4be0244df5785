"""The story report: actors, the merged timeline with its sources and disagreements, and the reader's notes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

import main
from models.library import Library
from models.library.stories import create_story, story_timeline
from models.library.story_report import render_story_text
from models.reader import ReaderNote
from models.version import ANALYZER_VERSION
from tests.models.story_samples import fill


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    with Library(folder / "library.sqlite3") as lib:
        talks, wire, _call = fill(lib)
        create_story(lib, "Gaza talks", [talks, wire], notes="Who hit the hospital? <script>alert(1)</script>")
        lib.save_item(talks, ReaderNote("n1", "event:e2", '=HYPERLINK("http://x") check'))
    return folder


def timeline(data: Path):
    with Library(data / "library.sqlite3") as lib:
        return story_timeline(lib, "Gaza talks", ANALYZER_VERSION)


def test_markdown_lists_each_row_with_its_sources_and_disagreements(data: Path) -> None:
    text = render_story_text(timeline(data), "md")
    assert text.startswith("# Gaza talks\n\n2 documents, 3 events; 2 reported by more than one document, 2 where")
    assert "### 2023-12-04 · Meeting · Benjamin Netanyahu → Antony Blinken" in text
    assert "> **Disagreement.** The sources disagree on who did what: Israeli forces → al-Shifa hospital" in text
    assert (
        "- *Talks in Israel as hospital is hit*: “A Hamas rocket struck the al-Shifa hospital, the army said.”" in text
    )
    assert "| Antony Blinken | Person | 2 | 2 |" in text
    assert "on event of 2023-12-05 (date of the report): \\=HYPERLINK" in text


def test_html_escapes_the_readers_words_and_links_each_source(data: Path) -> None:
    page = render_story_text(timeline(data), "html")
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert page.count('href="dramatis://') == 5  # one per source sentence
    assert '<p class="disagree"><b>Disagreement.</b> The sources disagree on the date' in page


def test_csv_has_one_row_per_source_and_never_a_live_formula(data: Path) -> None:
    rows = list(csv.reader(io.StringIO(render_story_text(timeline(data), "csv"))))
    assert rows[0] == ["kind", "date", "type", "who", "document", "sentence", "disagreement", "start", "end"]
    events = [r for r in rows if r[0] == "event"]
    assert len(events) == 5 and events[0][2] == "MEETING" and "disagree on the date" in events[0][6]
    (note,) = [r for r in rows if r[0] == "note" and r[4]]
    assert note[5].startswith("'=HYPERLINK")


def test_report_story_writes_every_format_from_the_command_line(data: Path, tmp_path: Path) -> None:
    for fmt in ("md", "html", "csv", "json", "pdf"):
        out = tmp_path / f"story.{fmt}"
        code = main.main(["report", "--story", "gaza TALKS", "--format", fmt, "-o", str(out), "--data-dir", str(data)])
        assert code == 0 and out.stat().st_size > 200
    assert (tmp_path / "story.pdf").read_bytes().startswith(b"%PDF")
    story = json.loads((tmp_path / "story.json").read_text(encoding="utf-8"))
    assert story["summary"].startswith("2 documents, 3 events") and len(story["timeline"][1]["role_versions"]) == 2


def test_report_story_refuses_what_it_cannot_do(data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main.main(["report", "--story", "Gaza talks", "--format", "jsonld", "-o", "-", "--data-dir", str(data)])
    assert code == 2 and "cannot be written as jsonld" in capsys.readouterr().err
    code = main.main(["report", "--story", "Other", "--format", "md", "-o", "-", "--data-dir", str(data)])
    assert code == 2 and "There is no story called “Other”" in capsys.readouterr().err

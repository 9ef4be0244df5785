"""`main.py story` and `main.py ask` as a user runs them, on a library of three analysed articles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import main
from models.library import Library
from tests.models.story_samples import EUROPE_CALL, JERUSALEM_TALKS, WIRE_REPORT, fill
from tests.test_cli import run


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    with Library(folder / "library.sqlite3") as lib:
        JERUSALEM_TALKS.document.source_path = str(tmp_path / "talks.txt")
        fill(lib)
    return folder


def cli(capsys: pytest.CaptureFixture[str], data: Path, *args: str) -> tuple[int, str, str]:
    code = main.main([*args, "--data-dir", str(data)])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_story_is_made_from_paths_and_hashes_and_shown_with_its_disagreements(
    capsys: pytest.CaptureFixture[str], data: Path, tmp_path: Path
) -> None:
    wire = WIRE_REPORT.document.sha256[:12]
    code, out, _ = cli(capsys, data, "story", "create", "Gaza talks", str(tmp_path / "talks.txt"), wire)
    assert code == 0 and "with 2 documents" in out
    code, out, _ = cli(capsys, data, "story", "show", "gaza talks")
    assert code == 0
    assert "2023-12-04  MEETING" in out and "[2 sources]" in out
    assert "! The sources disagree on who did what: Israeli forces → al-Shifa hospital" in out
    code, out, _ = cli(capsys, data, "story", "show", "Gaza talks", "--json")
    story = json.loads(out)
    assert story["schema"] == "dramatis.story/1"
    assert [len(row["sources"]) for row in story["timeline"]] == [2, 2, 1]
    assert story["timeline"][0]["date_versions"] == [
        {"date": "2023-12-04", "documents": ["Talks in Israel as hospital is hit"]},
        {"date": "2023-12-05", "documents": ["Blinken meets Netanyahu in Jerusalem"]},
    ]
    code, out, _ = cli(capsys, data, "story", "list")
    assert out == "Gaza talks: 2 documents\n"


def test_unknown_stories_and_documents_are_a_sentence_not_a_traceback(
    capsys: pytest.CaptureFixture[str], data: Path
) -> None:
    code, _, err = cli(capsys, data, "story", "show", "Nothing")
    assert code == 2 and "There is no story called “Nothing”" in err and "Traceback" not in err
    code, _, err = cli(capsys, data, "story", "create", "New", "/no/such/file.txt")
    assert code == 2 and "The library has no document /no/such/file.txt" in err
    code, _, err = cli(capsys, data, "ask", "--actor", "Nobody Known")
    assert code == 2 and "No actor called “Nobody Known”" in err
    code, _, err = cli(capsys, data, "ask", "--type", "wedding")
    assert code == 2 and "is not an event type" in err


def test_suggestions_are_listed_and_accepted(capsys: pytest.CaptureFixture[str], data: Path) -> None:
    code, out, _ = cli(capsys, data, "story", "suggest")
    assert out.startswith("1. Antony Blinken and Benjamin Netanyahu (2 documents;")
    code, out, _ = cli(capsys, data, "story", "suggest", "--accept", "1")
    assert code == 0 and "Created the story “Antony Blinken and Benjamin Netanyahu”" in out
    code, out, _ = cli(capsys, data, "story", "list", "--json")
    assert json.loads(out)["stories"][0]["documents"] == 2


def test_ask_lists_every_sentence_where_two_actors_meet_in_a_month(
    capsys: pytest.CaptureFixture[str], data: Path
) -> None:
    args = ("ask", "--actor", "Blinken", "--with", "Netanyahu", "--type", "meeting", "--from", "2023-12", "--to")
    code, out, _ = cli(capsys, data, *args, "2023-12")
    assert code == 0
    assert out.splitlines() == [
        "2023-12-04  Talks in Israel as hospital is hit  MEETING  Benjamin Netanyahu → Antony Blinken: "
        "Prime Minister Netanyahu received Secretary of State Blinken on Monday.",
        "2023-12-05  Blinken meets Netanyahu in Jerusalem  MEETING  Antony Blinken → Benjamin Netanyahu: "
        "Antony Blinken met Benjamin Netanyahu in Jerusalem on Tuesday.",
        "2023-12-15  Talks in Israel as hospital is hit  MEETING  Antony Blinken → Benjamin Netanyahu: "
        "Blinken and Netanyahu met again on December 15 in Tel Aviv.",
    ]
    code, out, _ = cli(capsys, data, *args, "2023-12-10", "--json")
    answers = json.loads(out)["answers"]
    assert [(a["date"], a["start"]) for a in answers] == [("2023-12-04", 0), ("2023-12-05", 0)]
    code, out, _ = cli(capsys, data, "ask", "--actor", "Scholz", "--type", "meeting")
    assert code == 1 and out == "No sentence in the library answers that question.\n"
    code, out, _ = cli(capsys, data, "ask", "--actor", "Emmanuel Macron", "--type", "call")
    assert code == 0 and str(EUROPE_CALL.document.title) in out


def test_story_show_runs_as_a_command(data: Path) -> None:
    created = run("story", "create", "Talks", JERUSALEM_TALKS.document.sha256, data_dir=data)
    assert created.returncode == 0, created.stderr
    shown = run("story", "show", "Talks", "--json", data_dir=data)
    assert shown.returncode == 0 and json.loads(shown.stdout)["documents"][0]["title"] == JERUSALEM_TALKS.document.title

"""`main.py add` and `main.py actors` as a user runs them, on news articles written to a folder at test time."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EVAL_DIR, SCRATCH_HOME
from tests.test_cli import MAIN

ENV = {"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(SCRATCH_HOME)}
# Two pairs of articles that share an organisation (hackers, imprisoned) or a place (crane, stampede).
ARTICLES = ("hackers", "imprisoned", "crane", "stampede")
PREMIERE = (
    "# Premiere in Los Angeles\n\nTom Cruise arrived at the premiere of his new film in Los Angeles on Monday. "
    "Cruise thanked the crew and said the Church of Scientology had nothing to do with the film.\n"
)


def run(*args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, MAIN, *args], check=False, capture_output=True, text=True, timeout=timeout, env=ENV
    )


def write_articles(folder: Path, names: tuple[str, ...]) -> None:
    """GUM news texts (CC BY) as plain-text files; skips the test when the eval data is not there."""
    if not EVAL_DIR.is_dir():
        pytest.skip("the GUM eval data (../shared/eval/gum_news) is not available")
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        data = json.loads((EVAL_DIR / f"GUM_news_{name}.json").read_text(encoding="utf-8"))
        (folder / f"{name}.txt").write_text(data["text"], encoding="utf-8")


def actors_json(data: Path) -> list[dict]:
    result = run("actors", "--json", "--data-dir", str(data), timeout=120)
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["schema"] == "dramatis.actors/1"
    return payload["actors"]


def the_actor(actors: list[dict], name: str, kind: str) -> dict:
    found = [a for a in actors if name in a["names"] and a["type"] == kind]
    assert len(found) == 1, f"{name} is {len(found)} library actors: {[a['name'] for a in found]}"
    return found[0]


def test_a_folder_added_gives_one_library_actor_per_real_actor_across_documents(tmp_path: Path) -> None:
    folder, data = tmp_path / "news", tmp_path / "data"
    write_articles(folder / "gum", ARTICLES)
    (folder / "premiere.md").write_text(PREMIERE, encoding="utf-8")
    (folder / "gum" / "notes.csv").write_text("not,a,document\n", encoding="utf-8")

    result = run("add", str(folder), "--jobs", "2", "--data-dir", str(data))
    assert result.returncode == 0, result.stderr
    assert "Added 5, already in the library 0, failed 0" in result.stderr
    assert "[5/5]" in result.stderr

    actors = actors_json(data)
    cruise = the_actor(actors, "Tom Cruise", "PERSON")
    assert sorted(Path(d["path"]).name for d in cruise["documents"]) == ["hackers.txt", "premiere.md"]
    church = the_actor(actors, "Church of Scientology", "ORG")
    assert sorted(Path(d["path"]).name for d in church["documents"]) == ["hackers.txt", "imprisoned.txt", "premiere.md"]
    mecca = the_actor(actors, "Mecca", "PLACE")
    assert sorted(Path(d["path"]).name for d in mecca["documents"]) == ["crane.txt", "stampede.txt"]
    # Offsets are into each document's text: the file's own words for the file's text.
    for place in cruise["documents"]:
        assert place["title"]
        names = [m for m in place["mentions"] if m["kind"] == "name"]
        assert names
        if place["path"].endswith(".txt"):
            text = Path(place["path"]).read_text(encoding="utf-8")
            assert {text[m["start"] : m["end"]] for m in names} <= {"Tom Cruise", "Cruise", "Scientologist Tom Cruise"}

    again = run("add", str(folder), "--jobs", "2", "--data-dir", str(data))
    assert again.returncode == 0, again.stderr
    assert "Added 0, already in the library 5, failed 0" in again.stderr
    assert actors_json(data) == actors

    listing = run("actors", "--data-dir", str(data), timeout=120)
    assert listing.returncode == 0
    assert "[PERSON]: 2 documents" in listing.stdout and "premiere.md" in listing.stdout


def test_ctrl_c_keeps_what_was_added_and_a_second_run_adds_the_rest(tmp_path: Path) -> None:
    folder, data = tmp_path / "news", tmp_path / "data"
    write_articles(folder, ("crane", "stampede", "hackers"))
    proc = subprocess.Popen(
        [sys.executable, MAIN, "add", str(folder), "--jobs", "1", "--data-dir", str(data)],
        stderr=subprocess.PIPE,
        text=True,
        env=ENV,
    )
    assert proc.stderr is not None
    seen = []
    for line in proc.stderr:
        seen.append(line)
        if line.startswith("[1/3] added"):
            proc.send_signal(signal.SIGINT)
            break
    rest = proc.communicate(timeout=300)[1]
    assert proc.returncode == 130, "".join(seen) + rest
    assert "Stopped" in rest and "run the same command again" in rest
    assert "[3/3]" not in rest

    again = run("add", str(folder), "--jobs", "1", "--data-dir", str(data))
    assert again.returncode == 0, again.stderr
    summary = again.stderr.strip().splitlines()[-1]
    added, known = int(summary.split("Added ")[1].split(",")[0]), int(summary.split("library ")[1].split(",")[0])
    assert known >= 1 and added + known == 3, summary
    assert sum(len(a["documents"]) for a in actors_json(data) if a["name"] == "Mecca") == 2

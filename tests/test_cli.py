"""The command line as a user runs it: real subprocesses, real exit codes and messages."""

from __future__ import annotations

import json
import subprocess
import sys

from models.contract import validation_errors
from tests.conftest import ROOT, SCRATCH_HOME

MAIN = str(ROOT / "main.py")


def run(*args: str, data_dir=None) -> subprocess.CompletedProcess[str]:
    extra = ["--data-dir", str(data_dir)] if data_dir else []
    return subprocess.run(
        [sys.executable, MAIN, *args, *extra],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(SCRATCH_HOME)},
    )


def test_version_names_the_model() -> None:
    result = run("--version")
    assert result.returncode == 0
    out = result.stdout
    for word in ("Dramatis", "Python", "Qt", "spaCy", "Language model: en_core_web_sm"):
        assert word in out


def test_analyze_json_validates(tmp_path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text("Prime Minister Jacinda Ardern visited Sydney.\n", encoding="utf-8")
    result = run("analyze", str(doc), "--date", "2019-03-15", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert validation_errors(data) == []
    assert data["document"]["date"] == "2019-03-15"


def test_analyze_summary_lists_actors(tmp_path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text("Angela Merkel met Emmanuel Macron in Paris.\n", encoding="utf-8")
    result = run("analyze", str(doc))
    assert result.returncode == 0, result.stderr
    assert "Actors" in result.stdout and "Angela Merkel" in result.stdout


def test_expected_errors_are_one_sentence_without_traceback(tmp_path) -> None:
    missing = run("analyze", str(tmp_path / "missing.txt"))
    assert missing.returncode != 0
    assert "does not exist" in missing.stderr and "Traceback" not in missing.stderr
    doc = tmp_path / "a.txt"
    doc.write_text("Text.", encoding="utf-8")
    bad_date = run("analyze", str(doc), "--date", "2015-13-45")
    assert bad_date.returncode != 0
    assert "YYYY-MM-DD" in bad_date.stderr and "Traceback" not in bad_date.stderr
    binary = tmp_path / "b.txt"
    binary.write_bytes(bytes(range(256)) * 4)
    result = run("analyze", str(binary))
    assert result.returncode != 0 and "Traceback" not in result.stderr


def test_screenshot_of_the_sample_window(tmp_path) -> None:
    out = tmp_path / "shot.png"
    result = run("--screenshot", str(out), "--size", "900x600", data_dir=tmp_path / "data")
    assert result.returncode == 0, result.stderr
    from PySide6.QtGui import QImage

    image = QImage(str(out))
    assert (image.width(), image.height()) == (900, 600)

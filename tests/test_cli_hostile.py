"""Hostile and unlucky input at the command line: real files, real subprocesses, one sentence, no traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from models.contract import validation_errors
from tests.conftest import ROOT, SCRATCH_HOME

MAIN = str(ROOT / "main.py")
ENV = {"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(SCRATCH_HOME)}


def run(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, MAIN, *args], check=False, capture_output=True, text=True, timeout=timeout, env=ENV
    )


def test_output_into_a_closed_pipe_exits_quietly(tmp_path: Path) -> None:
    """`main.py analyze FILE | head` when the reader of the pipe has already gone."""
    doc = tmp_path / "a.txt"
    doc.write_text("Angela Merkel met Emmanuel Macron in Paris on Monday.\n" * 50, encoding="utf-8")
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first byte is written
    try:
        result = subprocess.run(
            [sys.executable, MAIN, "analyze", str(doc), "--json"],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
            env=ENV,
            check=False,
        )
    finally:
        os.close(write_end)
    assert result.returncode in (0, 141)
    assert "Traceback" not in result.stderr and "BrokenPipe" not in result.stderr, result.stderr


def test_a_date_with_a_time_is_accepted_by_analyze_report_and_the_window(tmp_path: Path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text("The talks will resume tonight in Geneva, a spokesman said.\n", encoding="utf-8")
    result = run("analyze", str(doc), "--date", "1998-02-13T01:30:00", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert validation_errors(data) == []
    assert data["document"]["date"] == "1998-02-13T01:30"
    assert [t["value"] for t in data["times"] if t["text"] == "tonight"] == ["1998-02-12TNI"]
    out = tmp_path / "r.json"
    report = run("report", str(doc), "--format", "json", "-o", str(out), "--date", "1998-02-13 14:26Z",
                 "--data-dir", str(tmp_path / "data"))  # fmt: skip
    assert report.returncode == 0, report.stderr
    assert "1998-02-13T14:26Z" in out.read_text(encoding="utf-8")
    shot = tmp_path / "shot.png"
    window = run(str(doc), "--date", "1998-02-13T14:26", "--screenshot", str(shot), "--size", "600x400",
                 "--data-dir", str(tmp_path / "data"))  # fmt: skip
    assert window.returncode == 0, window.stderr
    assert shot.stat().st_size > 0


def test_a_bad_date_is_one_sentence_and_exit_2(tmp_path: Path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text("Text.\n", encoding="utf-8")
    for args in (["analyze", str(doc)], ["report", str(doc), "--format", "md", "-o", "-"], [str(doc)]):
        result = run(*args, "--date", "1998-02-13T25:00")
        assert result.returncode == 2, result.stderr
        assert "Traceback" not in result.stderr
        assert result.stderr.strip().startswith("Dramatis: The date") and result.stderr.count("\n") == 1


def test_dates_at_the_ends_of_the_calendar_stay_unresolved_with_a_reason(tmp_path: Path) -> None:
    doc = tmp_path / "a.txt"
    cases = {
        "0001-01-01": "The minister resigned yesterday, a spokesman said.\n",
        "9999-12-31": "The minister will resign tomorrow, a spokesman said.\n",
    }
    for date, text in cases.items():
        doc.write_text(text, encoding="utf-8")
        result = run("analyze", str(doc), "--date", date, "--json")
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
        data = json.loads(result.stdout)
        assert validation_errors(data) == []
        (time,) = [t for t in data["times"] if t["text"] in ("yesterday", "tomorrow")]
        assert time["value"] == "XXXX-XX-XX"
        assert "outside the calendar" in time["anchor"]


def test_a_binary_file_given_to_the_window_is_one_clean_message(tmp_path: Path) -> None:
    """`main.py some.bin`: the window says it cannot read the file; no traceback, no deleted-signal error."""
    binary = tmp_path / "some.bin"
    binary.write_bytes(bytes(range(256)) * 16)
    shot = tmp_path / "shot.png"
    result = run(str(binary), "--screenshot", str(shot), "--data-dir", str(tmp_path / "data"))
    assert result.returncode != 0
    assert "not a text document" in result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    assert "Signal source has been deleted" not in result.stderr, result.stderr

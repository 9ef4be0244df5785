"""Hostile and unlucky input at the command line: real files, real subprocesses, one sentence, no traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

MAIN = str(ROOT / "main.py")
ENV = {"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(ROOT)}


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

"""Crashes and concurrent writers: the library keeps every note whose write returned, and stays sound."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from models.domain import Document
from models.library import Library
from tests.conftest import ROOT

WRITER = """
import sys
from models.domain import Document
from models.library import Library
from models.reader import ReaderHighlight, ReaderNote

path, tag, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
lib = Library(path)
text = "The harbour strike went on for a week. " * 20
key = lib.add_document(Document(text, title="Crash", source_path="/crash.txt")).hash
print("ready", flush=True)
for i in range(count):
    item_id = f"{tag}-{i}"
    if i % 3 == 0:
        lib.save_item(key, ReaderHighlight(item_id, 4, 18, "Important", f"note {item_id}", ("crash",)))
    else:
        lib.save_item(key, ReaderNote(item_id, "document", f"note {item_id} " * 20))
    if i % 10 == 5:
        lib.search("harbour")
        lib.set_categories({"Important": "#F0E442", f"c{tag}": "#56B4E9"})
    print(item_id, flush=True)
lib.close()
print("done", flush=True)
"""


def start_writer(path: Path, tag: str, count: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), tag, str(count)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def stored_ids(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        rows = conn.execute("SELECT id FROM notes UNION ALL SELECT id FROM highlights").fetchall()
        return {r[0] for r in rows}
    finally:
        conn.close()


def test_sigkill_at_random_moments_never_loses_a_returned_write(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    rng = random.Random(6)
    returned: set[str] = set()
    kills = 0
    for round_ in range(20):
        child = start_writer(path, f"r{round_}", 100_000)
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready", child.stderr.read() if child.stderr else ""
        time.sleep(rng.uniform(0.0, 0.12))
        child.send_signal(signal.SIGKILL)
        out, _err = child.communicate(timeout=20)
        kills += child.returncode == -signal.SIGKILL
        # only whole lines: a line cut by the kill was never a completed write
        returned.update(line for line in out.split("\n")[:-1] if line.startswith("r"))
    assert kills == 20 and len(returned) > 20
    assert returned <= stored_ids(path)
    with Library(path) as lib:  # opens cleanly, without being taken for damaged
        assert lib.notice is None
        key = lib.documents()[0].hash
        assert {i.id for i in lib.load_items(key)} >= returned


def test_two_processes_write_at_once_without_locked_errors(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    with Library(path) as lib:  # both find the same document
        lib.add_document(Document("The harbour strike went on for a week. " * 20, source_path="/crash.txt"))
    children = [start_writer(path, tag, 120) for tag in ("a", "b")]
    results = [c.communicate(timeout=120) for c in children]
    for child, (out, err) in zip(children, results, strict=True):
        assert child.returncode == 0, err
        assert "locked" not in err and out.rstrip().endswith("done")
    assert {f"{t}-{i}" for t in "ab" for i in range(120)} <= stored_ids(path)

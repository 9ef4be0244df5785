"""Cold open of a document in the window: when the text, the first and all highlights appear.

Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/cold_open.py [FILE] [--runs 3]

Each run is a fresh process (so the model load is included), timed from just before the process
is spawned. Medians of the runs are printed.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import json, os, sys, time
t0 = float(os.environ["COLD_T0"])
marks = {}
def mark(name):
    marks.setdefault(name, time.time() - t0)
sys.path.insert(0, os.environ["COLD_ROOT"])
from pathlib import Path
from PySide6.QtCore import QTimer
from gui.app import create_app, open_settings
from models.paths import AppPaths
app = create_app()
from gui.main_window import MainWindow
window = MainWindow(open_settings(AppPaths(Path(os.environ["COLD_DATA"])).ensure()))
window.resize(1400, 900)
window.controller.preload_model()
window.show()
window.controller.document_loaded.connect(lambda _d: QTimer.singleShot(0, lambda: mark("text")))
def partial(_spans):
    QTimer.singleShot(0, lambda: mark("first_highlights"))
window.controller.partial.connect(partial)
def done():
    window.view.viewport().repaint()
    mark("full")
    print(json.dumps(marks))
    window.close()
    app.quit()
window.analysis_shown.connect(done)
window.open_path(os.environ["COLD_FILE"])
app.exec()
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "file", nargs="?", default=str(ROOT / "resources" / "sample" / "north-korea-quasi-state-of-war.txt")
    )
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    results: list[dict[str, float]] = []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp:
            env = dict(os.environ, COLD_ROOT=str(ROOT), COLD_DATA=tmp, COLD_FILE=args.file, COLD_T0=str(time.time()))
            env.setdefault("QT_QPA_PLATFORM", "offscreen")
            out = subprocess.run([sys.executable, "-c", CHILD], env=env, capture_output=True, text=True, check=True)
            results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    for key in ("text", "first_highlights", "full"):
        values = [r[key] for r in results if key in r]
        if values:
            print(
                f"{key:>16}: median {statistics.median(values):.2f} s  (runs: {', '.join(f'{v:.2f}' for v in values)})"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())

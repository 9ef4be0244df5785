"""Cold open of a document with `main.py FILE`: when the window, the text, the first and all highlights appear.

Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/cold_open.py [FILE] [--runs 3]

Each run is a fresh process that runs the real `main.py` (argument parsing, logging set-up, model
preload and all) with a new data directory, timed from just before the process is spawned. A small
hook, installed once main.py has started the analysis process (as in a user's launch, before Qt is
imported), wraps `MainWindow.show` to note the moments as they happen and to quit once the analysis is
painted. Medians of the runs are printed; `bench/run.py` calls `measure`.
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
SAMPLE = ROOT / "resources" / "sample" / "north-korea-quasi-state-of-war.txt"
MARKS = ("window", "text", "first_highlights", "full")

CHILD = r"""
import json, os, resource, runpy, sys, time
t0 = float(os.environ["COLD_T0"])
marks = {}
def mark(name):
    marks.setdefault(name, time.time() - t0)
sys.path.insert(0, os.environ["COLD_ROOT"])
import models.analysis.supervisor as supervisor

def hook():
    # Installed once main.py has started the analysis process, so Qt is imported when the app imports it:
    # importing it here first would start the model's load later than a user's launch does.
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    import gui.main_window
    MainWindow = gui.main_window.MainWindow
    original_show = MainWindow.show

    def show(self):
        original_show(self)
        if getattr(self, "_bench_hooked", False):
            return
        self._bench_hooked = True
        QTimer.singleShot(0, lambda: mark("window"))
        self.controller.document_loaded.connect(lambda _d: QTimer.singleShot(0, lambda: mark("text")))
        self.controller.partial.connect(lambda _s: QTimer.singleShot(0, lambda: mark("first_highlights")))
        def done():
            self.view.viewport().repaint()
            mark("full")
            marks["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print("COLD " + json.dumps(marks), flush=True)
            self.close()
            QApplication.instance().quit()
        self.analysis_shown.connect(done)
        original_finished = self._on_analysis_finished

        def finished(analysis):
            mark("result_in_window")
            original_finished(analysis)

        # The slot is connected already: reconnect it through the wrapper, so the mark is taken when it starts.
        self.controller.analysis_finished.disconnect(original_finished)
        self.controller.analysis_finished.connect(finished)
        self.controller.analysis_failed.connect(lambda m: (print("COLD-FAILED " + m, flush=True), done()))

    MainWindow.show = show

original_analyze = supervisor.AnalysisSupervisor.analyze
def analyze(self, document, **kwargs):
    mark("sent")
    result = original_analyze(self, document, **kwargs)
    mark("received")
    timings = self.timings
    marks["worker"] = {"wait_s": timings.wait_s, "analysis_s": timings.analysis_s, "ipc_s": timings.ipc_s,
                       "parts": timings.parts, **timings.stages}
    return result
supervisor.AnalysisSupervisor.analyze = analyze

original_start = supervisor.start_shared
def start_shared():
    started = original_start()
    hook()
    return started
supervisor.start_shared = start_shared
sys.argv = [os.path.join(os.environ["COLD_ROOT"], "main.py"), os.environ["COLD_FILE"],
            "--data-dir", os.environ["COLD_DATA"]]
try:
    runpy.run_path(sys.argv[0], run_name="__main__")
except SystemExit:
    pass
"""


def compile_sources() -> None:
    """Write the bytecode of the application's own modules, as an installed copy (or any second launch) has it.

    Why: with PYTHONDONTWRITEBYTECODE set (some shells and CI set it) every cold open would compile models/ and
    gui/ from source, a cost no user pays twice, while the floor's `import spacy` reads installed bytecode.
    The files go to the usual __pycache__ folders, which git ignores.
    """
    import compileall

    for name in ("models", "gui"):
        compileall.compile_dir(ROOT / name, quiet=1)
    compileall.compile_file(ROOT / "main.py", quiet=1)


def run_once(file: str | Path, timeout: float = 300) -> dict[str, float]:
    """One cold open in a new process; seconds from spawn for each of MARKS, plus peak RSS in MB, and
    the worker's step timings ("worker": the wait for the model, the analysis' steps, IPC)."""
    compile_sources()
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, COLD_ROOT=str(ROOT), COLD_DATA=tmp, COLD_FILE=str(file), COLD_T0=str(time.time()))
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        out = subprocess.run(
            [sys.executable, "-c", CHILD], env=env, capture_output=True, text=True, check=True, timeout=timeout
        )
    lines = [line for line in out.stdout.splitlines() if line.startswith("COLD")]
    if not lines or lines[-1].startswith("COLD-FAILED"):
        raise RuntimeError(f"the window did not finish its analysis: {out.stdout[-500:]} {out.stderr[-1500:]}")
    result: dict[str, float] = json.loads(lines[-1][len("COLD ") :])
    return result


def measure(file: str | Path, runs: int) -> list[dict[str, float]]:
    return [run_once(file) for _ in range(runs)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("file", nargs="?", default=str(SAMPLE))
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    results = measure(args.file, args.runs)
    for key in (*MARKS, "rss_mb"):
        values = [r[key] for r in results if key in r]
        if values:
            print(f"{key:>16}: median {statistics.median(values):.2f}  (runs: {', '.join(f'{v:.2f}' for v in values)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

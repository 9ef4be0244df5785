"""The analysis worker process: cold start against the model's floor, a book on every core, IPC cost.

Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/worker_bench.py ARTICLE [--runs 3] [--book-words N] [--json]

- floor: a bare process (`import spacy`, model load, parse of the article's first paragraph), timed from
  just before it is spawned; measured in the same run, alternating with the cold opens, so both see the
  same load on a shared machine.
- cold open: `main.py ARTICLE` in a fresh process (bench/cold_open.py): first highlights and fully
  highlighted, each minus the floor of its own round.
- book: `corpus.long_document(N)` through `AnalysisSupervisor.analyze` (worker + helpers on every core,
  timed by the caller, IPC included) against spaCy's `nlp.pipe` over the same paragraphs in one process
  (batch size 64), alternately; the peak memory of all processes together (the caller, the analysis
  process, the worker and its helpers) is polled every 0.1 s.
- IPC: what sending the document and receiving the pickled analysis cost, per document: the book, the
  article, and a library batch (six GUM articles as files through `WorkerPool`, as `main.py add` runs them).
- CPU: spaCy's CPU seconds against the worker's and its helpers' (and what reading the helpers' parses
  back costs): spaCy's ÷ half the pool's is what two free cores would give, whoever else uses the machine.
- control: how much faster two processes finish a fixed piece of pure-Python work than one, measured
  just before the book: on a shared machine (Linux groups CPU time per session) this can be ~1x, and
  then no process pool can be faster than one process, whatever it does.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))
sys.path.insert(1, str(ROOT))

import cold_open  # noqa: E402

FLOOR_CHILD = r"""
import json, os, sys, time
t0 = float(os.environ["FLOOR_T0"])
import spacy
nlp = spacy.load(sys.argv[1])
with open(sys.argv[2], encoding="utf-8") as f:
    first = next(p for p in f.read().split("\n") if p.strip())
nlp(first)
print("FLOOR " + json.dumps({"floor": time.time() - t0}), flush=True)
"""

SPACY_CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, "bench")
import corpus
from models.analysis.paragraphs import split_paragraphs
from models.nlp import load_plain_pipeline
nlp = load_plain_pipeline()  # spaCy as it comes, the yardstick
text = corpus.long_document(int(sys.argv[1]), 7)
nlp("Warm-up sentence in Paris.")
start, cpu = time.perf_counter(), time.process_time()
for _doc in nlp.pipe((text[s:e] for s, e in split_paragraphs(text)), batch_size=64):
    pass
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
print("BOOK " + json.dumps({"words": corpus.word_count(text), "seconds": seconds, "cpu_s": cpu,
                            "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}), flush=True)
"""

WORKER_CHILD = r"""
import json, os, sys, threading, time
sys.path.insert(0, "bench")
import corpus
from models.analysis.supervisor import AnalysisSupervisor, default_memory_mb, tree_rss_bytes
from models.domain import Document
words, article_path = int(sys.argv[1]), sys.argv[2]
text = corpus.long_document(words, 7)
with open(article_path, encoding="utf-8") as f:
    article = f.read()
peak = [0]
stop = threading.Event()
def poll():
    while not stop.is_set():
        peak[0] = max(peak[0], tree_rss_bytes(os.getpid()))
        time.sleep(0.1)
threading.Thread(target=poll, daemon=True).start()
sup = AnalysisSupervisor(default_memory_mb())
sup.start()
sup.analyze(Document("Warm-up: Angela Merkel met officials in Paris on Monday."))
sup.analyze(Document(article))
article_ipc = sup.timings.ipc_s
start = time.perf_counter()
sup.analyze(Document(text))
seconds = time.perf_counter() - start
book = sup.timings
stop.set()
# The library's batch work: GUM articles as files, through a pool of two supervised workers.
import tempfile
from models.analysis.pool import WorkerPool
from models.batch.task import analyse_path
folder = tempfile.mkdtemp()
files = []
for number, article_text in enumerate(corpus.gum_texts()[:6]):
    files.append(os.path.join(folder, f"{number}.txt"))
    with open(files[-1], "w", encoding="utf-8") as f:
        f.write(article_text)
with WorkerPool(sup, 2) as pool:
    assert all(r.status == "analysed" for r in pool.map(analyse_path, files))
    batch_ipc = pool.stats.ipc_per_task_s
sup.shutdown()
print("BOOK " + json.dumps({"words": corpus.word_count(text), "seconds": seconds, "rss_mb": peak[0] / 2**20,
                            "ipc_s": book.ipc_s, "worker_s": book.analysis_s, "parts": book.parts,
                            "article_ipc_s": article_ipc, "batch_ipc_s": batch_ipc, **book.cpu}), flush=True)
"""


def _child(code: str, args: list[str], tag: str, timeout: float, env: dict[str, str] | None = None) -> dict[str, Any]:
    full_env = dict(os.environ if env is None else env)
    full_env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), full_env.get("PYTHONPATH", "")) if p)
    out = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    lines = [line for line in out.stdout.splitlines() if line.startswith(tag + " ")]
    if out.returncode != 0 or not lines:
        raise RuntimeError(f"exit {out.returncode}: {(out.stderr or out.stdout)[-400:]}")
    result: dict[str, Any] = json.loads(lines[-1][len(tag) + 1 :])
    return result


def floor_once(article: Path) -> float:
    """Seconds from spawning a bare process to spaCy having parsed the article's first paragraph."""
    from models.nlp import find_model

    info = find_model()
    if info is None:
        raise RuntimeError("no English model installed")
    env = dict(os.environ, FLOOR_T0=str(time.time()))
    return float(_child(FLOOR_CHILD, [info.package, str(article)], "FLOOR", 300, env)["floor"])


def cold_rounds(article: Path, runs: int) -> list[dict[str, float]]:
    """Floor and cold open, alternately, `runs` times."""
    rounds = []
    for _ in range(runs):
        floor = floor_once(article)
        cold = cold_open.run_once(article)
        rounds.append({"floor": floor, **cold})
    return rounds


SPIN = 20_000_000


def _spin(n: int) -> None:
    total = 0
    for i in range(n):
        total += i


def parallel_capacity() -> float:
    """Time of one process doing the work / two processes doing half each (2.0 on two idle cores)."""
    import multiprocessing

    start = time.perf_counter()
    _spin(SPIN)
    one = time.perf_counter() - start
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_spin, args=(SPIN // 2,)) for _ in range(2)]
    start = time.perf_counter()
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    return one / (time.perf_counter() - start)


def two_core_ratio(book: dict[str, Any]) -> float:
    """spaCy's CPU time ÷ the pool's CPU time shared by two cores: the ratio two free cores would give.

    CPU time hardly depends on how many others use the machine, so this is the pool's own cost where
    the wall-clock ratio is the machine's; it is an upper bound (the processes never finish exactly together).
    """
    w = book["worker"]
    pool = w["cpu_s"] + w["helpers_cpu_s"]
    return float(book["spacy"]["cpu_s"]) / max(pool / 2, w["cpu_s"], 1e-9)


def book_rounds(article: Path, words: int, runs: int) -> list[dict[str, Any]]:
    rounds = []
    for _ in range(runs):
        capacity = parallel_capacity()
        spacy = _child(SPACY_CHILD, [str(words)], "BOOK", 7200)
        ours = _child(WORKER_CHILD, [str(words), str(article)], "BOOK", 7200)
        load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
        rounds.append({"spacy": spacy, "worker": ours, "capacity": {"x": capacity}, "load": load})
    return rounds


STEPS = {
    "wait_s": "the window waits for the model",
    "top": "the rest of the top of the text parsed",
    "prepare": "the stages set up",
    "parse_wait": "waiting for the parse of the rest (parsing chunks itself, or idle)",
    "helper_idle": "of which idle, waiting for a helper's chunk",
    "collect": "the stages collect every paragraph",
    "actors": "actors finished (grouping, pronouns)",
    "times": "times finished",
    "events": "events finished (event dates)",
    "ipc_s": "IPC: the document sent, the result back",
    "result → window": "the library keeps the result, the window gets it",
    "window painting": "the window paints it and fills its panels",
    "first → full": "first highlights → fully highlighted",
}


def breakdown_samples(rounds: list[dict[str, Any]]) -> dict[str, list[float]]:
    """Per cold open, where the time goes after the first highlights, in seconds (see STEPS).

    The worker's steps (`Analyzer.stage_s`: the rest of the top of the text, the stages' set-up, waiting
    for the parse of the rest, collecting, each stage's finish), the result's way to the window (received
    by the supervisor, then handed to the window after the library has kept it) and the window's painting.
    """
    steps: dict[str, list[float]] = {}
    for r in rounds:
        worker = r.get("worker", {})
        worker_steps = ("wait_s", "top", "prepare", "parse_wait", "helper_idle", "collect", "actors", "times", "events")
        for key in (*worker_steps, "ipc_s"):
            if key in worker:
                steps.setdefault(key, []).append(float(worker[key]))
        if {"received", "result_in_window", "full"} <= r.keys():
            steps.setdefault("result → window", []).append(r["result_in_window"] - r["received"])
            steps.setdefault("window painting", []).append(r["full"] - r["result_in_window"])
        if {"first_highlights", "full"} <= r.keys():
            steps.setdefault("first → full", []).append(r["full"] - r["first_highlights"])
    return steps


def breakdown(rounds: list[dict[str, Any]]) -> dict[str, float]:
    """Medians of `breakdown_samples`."""
    return {key: statistics.median(values) for key, values in breakdown_samples(rounds).items()}


def print_breakdown(rounds: list[dict[str, Any]]) -> None:
    steps = breakdown(rounds)
    if steps:
        print("   after the lead: " + ", ".join(f"{key} {value:.3f}" for key, value in steps.items()))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("article")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--book-words", type=int, default=1_000_000)
    parser.add_argument("--book-runs", type=int, default=1)
    parser.add_argument("--no-book", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    article = Path(args.article)
    result: dict[str, Any] = {"cold": cold_rounds(article, args.runs)}
    if not args.no_book:
        result["book"] = book_rounds(article, args.book_words, args.book_runs)
    if args.json:
        print("WORKER " + json.dumps(result), flush=True)
        return 0
    for key in ("floor", "first_highlights", "full"):
        values = [r[key] for r in result["cold"] if key in r]
        print(f"{key:>16}: median {statistics.median(values):.2f} (runs: {', '.join(f'{v:.2f}' for v in values)})")
    print_breakdown(result["cold"])
    for book in result.get("book", []):
        s, w = book["spacy"], book["worker"]
        ratio = (w["words"] / w["seconds"]) / (s["words"] / s["seconds"])
        print(
            f"book {w['words']:,} words: worker {w['words'] / w['seconds']:,.0f} words/s ({w['parts']} parts), "
            f"spaCy alone {s['words'] / s['seconds']:,.0f} words/s, ratio {ratio:.2f}x, "
            f"peak {w['rss_mb']:,.0f} MB, IPC {w['ipc_s']:.2f} s (article {w['article_ipc_s']:.3f} s, "
            f"library batch {w['batch_ipc_s']:.3f} s per document); "
            f"two processes vs one on this machine now: {book['capacity']['x']:.2f}x; "
            f"CPU: spaCy {s['cpu_s']:.1f} s, worker {w['cpu_s']:.1f} s + helpers {w['helpers_cpu_s']:.1f} s "
            f"(helpers' parses read back {w['transfer_s']:.1f} s), on two free cores {two_core_ratio(book):.2f}x; "
            f"load average {book['load']}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Every speed and memory figure of Dramatis in one table, each beside its target.

Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/run.py [--repeats N] [--quick] [--only NAMES] [--write]
       (`make bench` runs it with --write, which saves the table and the machine to bench/results.md)

Groups (for --only, comma-separated): cold, worker, library, analysis, shapes, window, export, views. The worker group
(bench/worker_bench.py) sets the cold start and the book against the model's floor and spaCy, measured in the
same run, and reports what the process boundary costs. The library group
(warm reopen from the stored analysis, library open, search, note insert) and the views group come from
bench/library_bench.py and bench/views_bench.py, each `run(repeats)`, when they exist.
Every measurement that loads Qt or spaCy runs in its own process, so one cannot warm up another
and peak memory is per measurement. Texts are rebuilt at run time from the GUM Wikinews articles
(bench/corpus.py). The 1-million-word analysis runs once by default (it takes minutes per side);
--long-repeats changes that, --quick shrinks every long document to a few tens of thousands of words.

Over 400 lines because the one table needs every measurement, its process and its target in one place.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

import corpus  # noqa: E402
import worker_bench  # noqa: E402

RESULTS = BENCH / "results.md"
GROUPS = ("cold", "worker", "library", "analysis", "shapes", "window", "export", "views", "actors", "questions")
MB = "MB"
MEMORY_LIMIT_MB = 1.5 * 1024

# Targets, with the issue that sets them.
COLD_TARGETS = {  # issue 5: text readable < 1 s, first highlights < 1.5 s, fully highlighted < 3 s
    "window": 1.0,
    "text": 1.0,
    "first_highlights": 1.5,
    "full": 3.0,
}
ARTICLE_ANALYSIS_TARGET_S = 1.0  # issue 3: the ~4,000-word article analysed in under 1 s once the model is loaded
RATIO_TARGET = 1.5  # issue 3: a long text takes at most ~1.5x spaCy's own parse
TOGGLE_TARGET_MS = {"article": 50.0, "book": 100.0}  # issue 5
SCROLL_TARGET_MS = 50.0  # issue 5: no paint over 50 ms while scrolling a book
BOOK_OPEN_TARGET_MS = 2000.0  # issue 5: a 1-million-word book opens in under 2 s
# issue 18: cold first highlights <= floor + 0.3 s, fully highlighted <= floor + 1.2 s, where floor = a bare
# process's import spacy + model load + first paragraph parsed; a book >= 1.6x the words/s of nlp.pipe alone.
FLOOR_FIRST_TARGET_S = 0.3
FLOOR_FULL_TARGET_S = 1.2
POOL_SPEEDUP_TARGET = 1.6


@dataclass
class Row:
    """One line of the table: samples of a measurement and its target."""

    name: str
    unit: str
    samples: list[float] = field(default_factory=list)
    target: float | None = None
    higher_is_better: bool = False
    note: str = ""
    median_override: float | None = None
    spread_text: str | None = None
    met_override: bool | None = None

    @property
    def median(self) -> float | None:
        if self.median_override is not None:
            return self.median_override
        return statistics.median(self.samples) if self.samples else None

    @property
    def met(self) -> bool | None:
        if self.met_override is not None:
            return self.met_override
        if self.target is None or self.median is None:
            return None
        return self.median >= self.target if self.higher_is_better else self.median <= self.target

    def spread(self) -> str:
        if self.spread_text is not None:
            return self.spread_text
        if not self.samples:
            return "—"
        if len(self.samples) < 2:
            return "one run"
        return f"{fmt(min(self.samples), self.unit)}–{fmt(max(self.samples), self.unit)}"


def fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit in ("words/s", MB):
        return f"{value:,.0f}"
    if unit == "ms":
        return f"{value:.1f}"
    if unit == "x":
        return f"{value:.2f}"
    return f"{value:.3f}" if value < 1 else f"{value:.2f}"


def target_text(row: Row) -> str:
    if row.target is None:
        return "—"
    return f"{'≥' if row.higher_is_better else '≤'} {fmt(row.target, row.unit)}"


def verdict(row: Row) -> str:
    if row.note and row.median is None:
        return row.note
    met = row.met
    return "n/a" if met is None else ("met" if met else "NOT met")


def table(rows: Sequence[Row]) -> str:
    lines = [
        "| measurement | median | spread (min–max) | runs | target | met | unit |",
        "|---|---:|---:|---:|---:|---|---|",
    ]
    for row in rows:
        runs = str(len(row.samples)) if row.samples else "—"
        lines.append(
            f"| {row.name} | {fmt(row.median, row.unit)} | {row.spread()} | {runs} | {target_text(row)} "
            f"| {verdict(row)} | {row.unit} |"
        )
    return "\n".join(lines)


# ----- running children ----------------------------------------------------------------------------


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    return env


def run_child(args: list[str], tag: str, timeout: float) -> object:
    """Run a Python child and return the JSON it printed after `tag`."""
    out = subprocess.run(
        [sys.executable, *args], check=False, cwd=ROOT, env=child_env(), capture_output=True, text=True, timeout=timeout
    )
    lines = [line for line in out.stdout.splitlines() if line.startswith(tag + " ")]
    if out.returncode != 0 or not lines:
        tail = (out.stderr or out.stdout).strip().splitlines()[-3:]
        raise RuntimeError(f"exit {out.returncode}: {' / '.join(tail)[:300]}")
    return json.loads(lines[-1][len(tag) + 1 :])


ANALYSIS_CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, "bench")
import corpus
from models.analysis.paragraphs import split_paragraphs
from models.analysis.pipeline import Analyzer
from models.domain import Document
from models.nlp import load_pipeline, load_plain_pipeline

mode, words, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
if mode == "spacy":  # spaCy as it comes, the yardstick
    nlp = load_plain_pipeline()
else:
    nlp, info = load_pipeline()
text = corpus.article(words) if mode == "article" else corpus.long_document(words, seed)
# Warm the pipeline on a short text so lazy initialisation is not charged to either side.
nlp("Warm-up sentence in Paris.")
rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
start = time.perf_counter()
if mode == "spacy":
    for _doc in nlp.pipe((text[s:e] for s, e in split_paragraphs(text)), batch_size=64):
        pass
else:
    Analyzer(nlp, info.label).analyze(Document(text))
seconds = time.perf_counter() - start
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print("ANALYSIS " + json.dumps({"words": corpus.word_count(text), "seconds": seconds, "rss_mb": rss,
                                "rss_before_mb": rss_before}), flush=True)
"""


def analysis_run(mode: str, words: int, seed: int = 7) -> dict[str, float]:
    result = run_child(["-c", ANALYSIS_CHILD, mode, str(words), str(seed)], "ANALYSIS", timeout=3600)
    assert isinstance(result, dict)
    return result


# ----- measurement groups -------------------------------------------------------------------------


@dataclass
class Settings:
    repeats: int
    long_repeats: int
    quick: bool
    article_path: Path
    article_words: int
    long_sizes: tuple[int, ...]
    book_words: int
    export_words: int


def measure_cold(cfg: Settings) -> list[Row]:
    import cold_open

    labels = {
        "window": "cold start: command → window shown",
        "text": "cold start: command → text readable",
        "first_highlights": "cold start: command → first highlights",
        "full": "cold start: command → fully highlighted",
    }
    rows = {
        key: Row(f"{labels[key]} ({cfg.article_words:,}-word article)", "s", target=COLD_TARGETS[key]) for key in labels
    }
    rss = Row("cold start: peak memory of the window process", MB)
    for _ in range(cfg.repeats):
        result = cold_open.run_once(cfg.article_path)
        for key, row in rows.items():
            if key in result:
                row.samples.append(result[key])
        rss.samples.append(result["rss_mb"])
    return [*rows.values(), rss]


def measure_worker(cfg: Settings) -> list[Row]:
    """The analysis worker process against the floor and spaCy alone (bench/worker_bench.py), same run."""
    args = ["bench/worker_bench.py", str(cfg.article_path), "--runs", str(cfg.repeats), "--json"]
    args += ["--book-words", str(cfg.book_words), "--book-runs", str(cfg.long_repeats)]
    result = run_child(args, "WORKER", timeout=4 * 3600)
    assert isinstance(result, dict)
    cold = result["cold"]
    article = f"{cfg.article_words:,}-word article"
    rows = [
        Row(
            "worker: floor = bare process, import spacy + model load + first paragraph", "s", [r["floor"] for r in cold]
        ),
        Row(f"worker: cold start → first highlights ({article})", "s", [r["first_highlights"] for r in cold]),
        Row(
            "worker: cold first highlights − floor",
            "s",
            [r["first_highlights"] - r["floor"] for r in cold],
            target=FLOOR_FIRST_TARGET_S,
        ),
        Row(f"worker: cold start → fully highlighted ({article})", "s", [r["full"] for r in cold]),
        Row(
            "worker: cold fully highlighted − floor",
            "s",
            [r["full"] - r["floor"] for r in cold],
            target=FLOOR_FULL_TARGET_S,
        ),
    ]
    for key, samples in worker_bench.breakdown_samples(cold).items():
        rows.append(Row(f"worker: cold open, {worker_bench.STEPS[key]} ({article})", "s", samples))
    for book in result.get("book", [])[:1]:
        words = int(book["worker"]["words"])
        label = f"{words / 1e6:.1f}M" if words >= 1_000_000 else f"{words // 1000}k"
        runs = result["book"]
        ours = [r["worker"]["words"] / r["worker"]["seconds"] for r in runs]
        alone = [r["spacy"]["words"] / r["spacy"]["seconds"] for r in runs]
        parts = int(book["worker"]["parts"])
        rows += [
            Row(f"worker: book {label} words, worker in {parts} parts (IPC included)", "words/s", ours),
            Row(f"worker: book {label} words, spaCy nlp.pipe in one process", "words/s", alone),
            Row(
                f"worker: book {label} words, worker words/s ÷ nlp.pipe words/s",
                "x",
                [o / a for o, a in zip(ours, alone, strict=True)],
                target=POOL_SPEEDUP_TARGET,
                higher_is_better=True,
            ),
            Row(
                f"worker: book {label} words, peak memory of all processes",
                MB,
                [r["worker"]["rss_mb"] for r in runs],
                target=MEMORY_LIMIT_MB,
            ),
            Row(
                "worker: control, pure-Python work in 2 processes vs 1 (≈1 when the machine gives no second core)",
                "x",
                [r["capacity"]["x"] for r in runs],
            ),
            Row(
                f"worker: book {label} words, nlp.pipe CPU ÷ half the pool's CPU (two free cores would give)",
                "x",
                [worker_bench.two_core_ratio(r) for r in runs],
            ),
            Row(
                f"worker: book {label} words, CPU of the worker + its helpers ÷ nlp.pipe CPU",
                "x",
                [(r["worker"]["cpu_s"] + r["worker"]["helpers_cpu_s"]) / r["spacy"]["cpu_s"] for r in runs],
            ),
            Row(
                f"worker: book {label} words, CPU reading the helpers' parses back",
                "s",
                [r["worker"]["transfer_s"] for r in runs],
            ),
            Row(f"worker: IPC per document, book {label} words", "s", [r["worker"]["ipc_s"] for r in runs]),
            Row(f"worker: IPC per document, {article}", "s", [r["worker"]["article_ipc_s"] for r in runs]),
            Row(
                "worker: IPC per document, library batch (GUM articles, main.py add's pool)",
                "s",
                [r["worker"]["batch_ipc_s"] for r in runs],
            ),
        ]
    return rows


def measure_analysis(cfg: Settings) -> list[Row]:
    article = Row(
        f"analysis of the {cfg.article_words:,}-word article (model loaded)", "s", target=ARTICLE_ANALYSIS_TARGET_S
    )
    for _ in range(cfg.repeats):
        article.samples.append(analysis_run("article", cfg.article_words)["seconds"])
    rows = [article]
    for size in cfg.long_sizes:
        runs = cfg.long_repeats if size >= 500_000 else min(cfg.repeats, 2)
        ours: list[dict[str, float]] = []
        spacy: list[dict[str, float]] = []
        for _ in range(runs):  # interleaved, so both sides see the same load on a shared machine
            spacy.append(analysis_run("spacy", size))
            ours.append(analysis_run("ours", size))
        words = int(ours[0]["words"])
        label = f"{words / 1e6:.1f}M" if words >= 1_000_000 else f"{words // 1000}k"
        rows.append(Row(f"analysis {label} words: Dramatis", "words/s", [r["words"] / r["seconds"] for r in ours]))
        rows.append(
            Row(f"analysis {label} words: spaCy nlp.pipe alone", "words/s", [r["words"] / r["seconds"] for r in spacy])
        )
        rows.append(
            Row(
                f"analysis {label} words: Dramatis time / spaCy time",
                "x",
                [o["seconds"] / s["seconds"] for o, s in zip(ours, spacy, strict=True)],
                target=RATIO_TARGET,
            )
        )
        rows.append(
            Row(
                f"analysis {label} words: peak memory, Dramatis",
                MB,
                [r["rss_mb"] for r in ours],
                target=MEMORY_LIMIT_MB,
            )
        )
        rows.append(Row(f"analysis {label} words: peak memory, spaCy alone", MB, [r["rss_mb"] for r in spacy]))
    return rows


def measure_shapes(cfg: Settings) -> list[Row]:
    """A 5 MB text on one line against the same text in paragraphs (bench/shapes_bench.py, issue 14)."""
    import shapes_bench

    rows = shapes_bench.measure(0.3 if cfg.quick else 5.0, 1)
    return [
        Row(str(r["name"]), str(r["unit"]), [float(x) for x in r["samples"]], target=r.get("target"))  # type: ignore[attr-defined,arg-type]
        for r in rows
    ]


def measure_window(cfg: Settings) -> list[Row]:
    args = [
        "bench/reader_window.py",
        str(cfg.article_path),
        "--words",
        str(cfg.book_words),
        "--runs",
        str(max(5, cfg.repeats)),
        "--json",
    ]
    result = run_child(args, "READER", timeout=1800)
    assert isinstance(result, dict)
    rows: list[Row] = []
    for key, label in (("article", f"{cfg.article_words:,}-word article"), ("book", "")):
        if key not in result:
            continue
        data = result[key]
        if key == "book":
            label = (
                f"{data['words'] / 1e6:.1f}M-word book"
                if data["words"] >= 1e6
                else f"{data['words'] // 1000}k-word book"
            )
            rows.append(Row(f"window: {label} text shown", "ms", data["text_ms"], target=BOOK_OPEN_TARGET_MS))
            rows.append(Row(f"window: {label} analysis painted and panels filled", "ms", data["paint_ms"]))
        rows.append(Row(f"window: toggle a type, {label}", "ms", data["toggle_type_ms"], target=TOGGLE_TARGET_MS[key]))
        rows.append(
            Row(f"window: toggle one actor, {label}", "ms", data["toggle_actor_ms"], target=TOGGLE_TARGET_MS[key])
        )
        scroll = data["scroll_ms"]
        rows.append(Row(f"window: scroll one page, {label} (median)", "ms", scroll))
        rows.append(
            Row(
                f"window: scroll one page, {label} (slowest paint)",
                "ms",
                scroll,
                target=SCROLL_TARGET_MS,
                median_override=max(scroll),
                spread_text="max of all",
            )
        )
        if key == "book":
            rows.append(Row(f"window: peak memory with the {label} open", MB, [data["rss_mb"]], target=MEMORY_LIMIT_MB))
    return rows


def measure_export(cfg: Settings) -> list[Row]:
    args = [
        "bench/export_bench.py",
        str(cfg.article_path),
        "--words",
        str(cfg.export_words),
        "--runs",
        str(min(cfg.repeats, 2)),
        "--json",
    ]
    if cfg.quick:
        args.append("--no-pdf-article")
    result = run_child(args, "EXPORT", timeout=3600)
    assert isinstance(result, dict)
    words = int(result["words"])
    label = f"{words / 1e6:.1f}M" if words >= 1_000_000 else f"{words // 1000}k"
    rows = []
    for item in result["rows"]:
        size = f" ({item['size']})" if item["size"] else ""
        rows.append(Row(f"export {label} words: {item['label']}{size}", "s", item["samples_s"]))
    rows.append(Row(f"export {label} words: peak memory", MB, [result["rss_mb"]], target=MEMORY_LIMIT_MB))
    return rows


EXTERNAL_TIMEOUT_S = 900
EXTERNAL_CHILD = r"""
import json, sys
sys.path.insert(0, "bench")
module = __import__(sys.argv[1])
print("ROWS " + json.dumps(module.run(int(sys.argv[2]))), flush=True)
"""


def measure_external(module: str, what: str, repeats: int) -> list[Row]:
    """Rows from another benchmark module's `run(repeats)`, or one row saying it is not available."""
    if not (BENCH / f"{module}.py").exists():
        return [Row(f"{what}: bench/{module}.py", "s", note="not available")]
    try:
        result = run_child(["-c", EXTERNAL_CHILD, module, str(repeats)], "ROWS", timeout=EXTERNAL_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        return [Row(f"{what}: bench/{module}.py", "s", note=f"did not finish in {EXTERNAL_TIMEOUT_S // 60} min")]
    assert isinstance(result, list)
    rows = []
    for item in result:
        spread = item.get("spread_s")
        rows.append(
            Row(
                str(item["name"]),
                "s",
                target=item.get("target_s"),
                median_override=float(item["median_s"]),
                spread_text=f"range {fmt(float(spread), 's')}" if spread is not None else "—",
                met_override=bool(item["met"]) if item.get("met") is not None else None,
            )
        )
    return rows


# ----- the machine --------------------------------------------------------------------------------


def machine() -> list[tuple[str, str]]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "unknown"
    try:
        kb = int(next(x for x in Path("/proc/meminfo").read_text().splitlines() if x.startswith("MemTotal")).split()[1])
        ram = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration, ValueError):
        pass
    os_name = platform.platform()
    try:
        pretty = next(x for x in Path("/etc/os-release").read_text().splitlines() if x.startswith("PRETTY_NAME="))
        name = pretty.split("=", 1)[1].strip('"')
        os_name = f"{name} ({platform.release()})"
    except (OSError, StopIteration):
        pass
    versions = run_child(
        [
            "-c",
            "import json, spacy, PySide6; from PySide6.QtCore import qVersion; from models.nlp import find_model; "
            "m = find_model(); print('V ' + json.dumps([spacy.__version__, qVersion(), PySide6.__version__, "
            "m.label if m else 'none']))",
        ],
        "V",
        timeout=120,
    )
    assert isinstance(versions, list)
    spacy_version, qt, pyside, model = versions
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return [
        ("CPU", f"{cpu}, {cores} cores available ({os.cpu_count()} online)"),
        ("Memory", ram),
        ("OS", os_name),
        ("Python", platform.python_version()),
        ("Qt", f"Qt {qt}, PySide6 {pyside} (QT_QPA_PLATFORM={os.environ.get('QT_QPA_PLATFORM', 'offscreen')})"),
        ("spaCy", spacy_version),
        ("Model", model),
    ]


def load_average() -> str:
    try:
        one, five, _fifteen = os.getloadavg()
    except OSError:
        return "unknown"
    return f"{one:.2f} (1 min), {five:.2f} (5 min)"


# ----- main ---------------------------------------------------------------------------------------


def settings(args: argparse.Namespace, tmp: Path) -> Settings:
    article_words = 4000
    if args.article:
        article_path = Path(args.article)
        article_words = corpus.word_count(article_path.read_text(encoding="utf-8"))
    else:
        text = corpus.article(article_words)
        article_words = corpus.word_count(text)
        article_path = corpus.write(text, tmp / "wikinews-4k.txt")
    if args.quick:
        return Settings(2, 1, True, article_path, article_words, (20_000,), 50_000, 50_000)
    return Settings(
        args.repeats, args.long_repeats, False, article_path, article_words, (100_000, 1_000_000), 1_000_000, 1_000_000
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=5, help="runs per measurement (default 5)")
    parser.add_argument("--long-repeats", type=int, default=1, help="runs of the 1-million-word analysis (default 1)")
    parser.add_argument("--quick", action="store_true", help="a fast smoke run: 2 runs, small long documents")
    parser.add_argument("--only", help=f"comma-separated groups to run: {', '.join(GROUPS)}")
    parser.add_argument("--article", help="a ~4,000-word text file to use instead of the Wikinews digest")
    parser.add_argument("--write", action="store_true", help=f"save the table and the machine to {RESULTS.name}")
    args = parser.parse_args(argv)
    chosen = GROUPS if not args.only else tuple(g.strip() for g in args.only.split(",") if g.strip())
    unknown = [g for g in chosen if g not in GROUPS]
    if unknown:
        parser.error(f"unknown group(s) {', '.join(unknown)}; choose from {', '.join(GROUPS)}")

    started = time.monotonic()
    load_before = load_average()
    rows: list[Row] = []
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        cfg = settings(args, Path(tmp))
        plan: dict[str, Callable[[], list[Row]]] = {
            "cold": lambda: measure_cold(cfg),
            "worker": lambda: measure_worker(cfg),
            "library": lambda: measure_external(
                "library_bench", "library and warm reopen from the stored analysis", cfg.repeats
            ),
            "analysis": lambda: measure_analysis(cfg),
            "shapes": lambda: measure_shapes(cfg),
            "window": lambda: measure_window(cfg),
            "export": lambda: measure_export(cfg),
            "views": lambda: measure_external("views_bench", "views", cfg.repeats),
            "actors": lambda: measure_external("actor_index_bench", "actor index across the library", cfg.repeats),
            "questions": lambda: measure_external("question_bench", "questions across the library", cfg.repeats),
        }
        for group in GROUPS:
            if group not in chosen:
                continue
            print(f"… {group}", file=sys.stderr, flush=True)
            group_start = time.monotonic()
            try:
                rows.extend(plan[group]())
            except Exception as exc:  # a broken measurement must not hide the others
                failed = True
                rows.append(Row(f"{group}: failed", "s", note=f"failed ({str(exc)[:160]})"))
            print(f"  {group} took {time.monotonic() - group_start:.0f} s", file=sys.stderr, flush=True)
    elapsed = time.monotonic() - started
    text = table(rows)
    print(text)
    print(f"\n{len(rows)} rows in {elapsed / 60:.1f} min; load average before {load_before}, after {load_average()}")
    if args.write:
        if args.quick or args.only:
            print(f"Not writing {RESULTS.name}: it holds full runs only (drop --quick / --only).", file=sys.stderr)
        else:
            write_results(text, cfg, elapsed, load_before)
            print(f"Wrote {RESULTS.relative_to(ROOT)}")
    return 1 if failed else 0


# Where the hand-written record of earlier measurements begins in the results file: kept across runs.
EARLIER = "\n## Earlier measurements\n"


def earlier_measurements() -> str:
    """The results file's record of earlier, hand-run measurements (the sections after the table), or ""."""
    if not RESULTS.exists():
        return ""
    old = RESULTS.read_text(encoding="utf-8")
    if EARLIER in old:
        return old[old.index(EARLIER) :]
    first = old.find("\n### ")
    return EARLIER + old[first:] if first >= 0 else ""


def write_results(text: str, cfg: Settings, elapsed: float, load_before: str) -> None:
    described = "\n".join(f"| {k} | {v} |" for k, v in machine())
    earlier = earlier_measurements()
    RESULTS.write_text(
        f"""# Benchmark results

Written by `make bench` (`bench/run.py --write`) on {dt.date.today().isoformat()}; the whole run took
{elapsed / 60:.1f} minutes. Medians of {cfg.repeats} runs unless the runs column says otherwise; the
1-million-word analysis ran {cfg.long_repeats} time(s) per side. Targets come from the project's
issues (reader window, actors, library, views); "met" compares the median (the slowest paint for
"slowest paint" rows) with the target.

## Machine

| | |
|---|---|
{described}
| Load average | {load_before} at the start (the machine is shared, so figures are noisy) |

## Texts

- Article: {cfg.article_words:,} words, whole Wikinews articles of the GUM set one after the other
  (From Wikinews, CC BY 2.5), rebuilt at run time by `bench/corpus.py`.
- Long documents: sentences of the same articles shuffled into paragraphs with a fixed seed
  (`corpus.long_document`), analysed with the real pipeline and with spaCy's `nlp.pipe` over the same
  paragraphs (batch size 64) in separate processes, alternately; peak memory is the process's peak RSS.
- Window and export figures on the 1-million-word book use the analysed article repeated with shifted
  offsets (no spaCy), so they measure the window and the export, not the model.

## Results

{text}
{earlier}""",
        encoding="utf-8",
    )


if __name__ == "__main__":
    sys.exit(main())

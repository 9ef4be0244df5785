"""The same text in two shapes: normal paragraphs, and all of it on one line.

A text that arrives as one enormous line (a scraped page, a broken export) must analyse in about
the time and memory of the same text in paragraphs (issue 14: ≤ 1.5 GB, ≤ 2x the time). Each
shape is analysed in its own process through the real loader and pipeline; peak memory is that
process's peak RSS (ru_maxrss), model included. Texts are built at run time from the GUM
Wikinews sentences (bench/corpus.py); nothing is stored.

Usage: .venv/bin/python bench/shapes_bench.py [--mb 5] [--repeats 1]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

import corpus  # noqa: E402

MEMORY_TARGET_MB = 1.5 * 1024
RATIO_TARGET = 2.0
# About 5.9 characters per word in the GUM sentences, spaces included.
CHARS_PER_WORD = 5.9

CHILD = r"""
import json, resource, sys, time
from models.analysis.pipeline import Analyzer
from models.loaders import load_document
from models.nlp import load_pipeline

nlp, info = load_pipeline()
nlp("Warm-up sentence in Paris.")
start = time.perf_counter()
document = load_document(sys.argv[1], allow_large=True)
analysis = Analyzer(nlp, info.label).analyze(document)
seconds = time.perf_counter() - start
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print("SHAPE " + json.dumps({"seconds": seconds, "rss_mb": rss, "chars": len(document.text),
                             "actors": len(analysis.actors)}), flush=True)
"""


def texts(chars: int) -> dict[str, str]:
    """The same sentences as paragraphs and as one line of about `chars` characters."""
    paragraphs = corpus.long_document(int(chars / CHARS_PER_WORD))
    one_line = " ".join(p for p in paragraphs.split("\n") if p.strip()) + "\n"
    return {"paragraphs": paragraphs, "one line": one_line}


def analyse(path: Path) -> dict[str, float]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(path)],
        check=False,
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=7200,
    )
    lines = [line for line in out.stdout.splitlines() if line.startswith("SHAPE ")]
    if out.returncode != 0 or not lines:
        raise RuntimeError(f"exit {out.returncode}: {(out.stderr or out.stdout).strip()[-300:]}")
    result = json.loads(lines[-1][len("SHAPE ") :])
    assert isinstance(result, dict)
    return result


def measure(mb: float, repeats: int = 1) -> list[dict[str, object]]:
    """Rows {"name", "unit", "samples", "target"}: time and peak memory of both shapes, and their ratio."""
    shaped = texts(int(mb * 1_000_000))
    label = f"{len(shaped['one line']) / 1e6:.1f} MB"
    samples: dict[str, list[dict[str, float]]] = {shape: [] for shape in shaped}
    with tempfile.TemporaryDirectory() as tmp:
        paths = {shape: corpus.write(text, Path(tmp) / f"{i}.txt") for i, (shape, text) in enumerate(shaped.items())}
        for _ in range(repeats):  # interleaved, so both shapes see the same load on a shared machine
            for shape, path in paths.items():
                samples[shape].append(analyse(path))
    rows: list[dict[str, object]] = []
    for shape, runs in samples.items():
        rows.append({"name": f"{label} text, {shape}: analysis", "unit": "s", "samples": [r["seconds"] for r in runs]})
        rows.append(
            {
                "name": f"{label} text, {shape}: peak memory",
                "unit": "MB",
                "samples": [r["rss_mb"] for r in runs],
                "target": MEMORY_TARGET_MB,
            }
        )
    ratios = [o["seconds"] / p["seconds"] for o, p in zip(samples["one line"], samples["paragraphs"], strict=True)]
    rows.append({"name": f"{label} text: one line time / paragraphs time", "unit": "x", "samples": ratios,
                 "target": RATIO_TARGET})  # fmt: skip
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=5.0, help="size of the text in megabytes (default 5)")
    parser.add_argument("--repeats", type=int, default=1)
    args = parser.parse_args()
    for row in measure(args.mb, args.repeats):
        samples = row["samples"]
        assert isinstance(samples, list)
        target = row.get("target")
        assert target is None or isinstance(target, float)
        verdict = "" if target is None else (" met" if statistics.median(samples) <= target else " NOT met")
        print(f"{row['name']:<55} {statistics.median(samples):>9.2f} {row['unit']}"
              f"{'' if target is None else f' (target ≤ {target:g})'}{verdict}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())

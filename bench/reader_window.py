"""Reader window timings: filter toggles and scrolling on an article and on a 1-million-word book.

Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/reader_window.py [ARTICLE] [--words N] [--runs R] [--json]

The article is analysed once with the real pipeline; the book repeats that analysis with shifted
offsets (no spaCy), so the numbers measure the window, not the model. Medians of several runs.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from models.domain import Actor, Analysis, Document, Mention, TimeExpression  # noqa: E402

if TYPE_CHECKING:
    from gui.main_window import MainWindow


def repeat(analysis: Analysis, copies: int) -> Analysis:
    """A long document made of `copies` of one analysed article (actors merged by id)."""
    text = analysis.document.text
    joined = "\n\n".join([text] * copies)
    step = len(text) + 2
    actors = [
        Actor(
            a.id,
            a.name,
            a.type,
            list(a.aliases),
            list(a.roles),
            [Mention(m.start + k * step, m.end + k * step, m.text, m.kind) for k in range(copies) for m in a.mentions],
        )
        for a in analysis.actors
    ]
    events = [
        replace(e, id=f"{e.id}-{k}", start=e.start + k * step, end=e.end + k * step)
        for k in range(copies)
        for e in analysis.events
    ]
    times = [
        TimeExpression(f"{t.id}-{k}", t.start + k * step, t.end + k * step, t.text, t.value)
        for k in range(copies)
        for t in analysis.times
    ]
    return Analysis(Document(joined, title="book"), analysis.analyzer_version, analysis.model, actors, events, times)


def samples_of(fn: Callable[[], object], runs: int = 7) -> list[float]:
    """Milliseconds of each of `runs` calls."""
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def measure(window: MainWindow, analysis: Analysis, runs: int = 7) -> dict[str, object]:
    """Samples in ms: text shown, analysis painted, a type toggle, an actor toggle, a page scrolled."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    assert app is not None
    start = time.perf_counter()
    window.show_document(analysis.document)
    window.controller.cancel()
    window.view.repaint()
    text_ms = (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    window.set_analysis(analysis)
    window.view.repaint()
    paint_ms = (time.perf_counter() - start) * 1000
    app.processEvents()

    state = {"on": True}

    def toggle_type() -> None:
        state["on"] = not state["on"]
        window.hub.set_layer_visible("PERSON", state["on"])
        window.view.viewport().repaint()

    busiest = max(analysis.actors, key=lambda a: len(a.mentions))

    def toggle_actor() -> None:
        state["on"] = not state["on"]
        window.hub.set_actor_visible(busiest.id, state["on"])
        window.view.viewport().repaint()

    bar = window.view.verticalScrollBar()

    def scroll_page() -> None:
        bar.setValue(min(bar.maximum(), bar.value() + bar.pageStep()))
        window.view.viewport().repaint()

    type_ms = samples_of(toggle_type, runs)
    actor_ms = samples_of(toggle_actor, runs)
    bar.setValue(bar.maximum() // 2)
    scroll_ms = samples_of(scroll_page, runs=30)
    return {
        "words": len(analysis.document.text.split()),
        "spans": len(window.view.spans),
        "text_ms": [text_ms],
        "paint_ms": [paint_ms],
        "toggle_type_ms": type_ms,
        "toggle_actor_ms": actor_ms,
        "scroll_ms": scroll_ms,
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def report(label: str, result: dict[str, object]) -> None:
    def line(key: str) -> str:
        values = result[key]
        assert isinstance(values, list)
        return f"median {statistics.median(values):.1f} ms (max {max(values):.1f})"

    print(f"{label}: {result['words']:,} words, {result['spans']:,} spans")
    print(f"  text shown {line('text_ms')}; analysis painted + panels filled {line('paint_ms')}")
    print(f"  toggle a type: {line('toggle_type_ms')}")
    print(f"  toggle one actor: {line('toggle_actor_ms')}")
    print(f"  scroll a page: {line('scroll_ms')}")
    print(f"  peak memory so far {result['rss_mb']:.0f} MB")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "article", nargs="?", default=str(ROOT / "resources" / "sample" / "north-korea-quasi-state-of-war.txt")
    )
    parser.add_argument("--words", type=int, default=1_000_000, help="book size; 0 measures the article only")
    parser.add_argument("--runs", type=int, default=7, help="toggles timed per measurement")
    parser.add_argument("--json", action="store_true", help="print one JSON line (for bench/run.py)")
    args = parser.parse_args()

    from gui.app import build_window, create_app
    from models.analysis.pipeline import Analyzer
    from models.loaders import load_document
    from models.nlp import load_pipeline
    from models.paths import AppPaths

    nlp, info = load_pipeline()
    document = load_document(args.article)
    analysis = Analyzer(nlp, info.label).analyze(document)
    create_app()
    with tempfile.TemporaryDirectory() as tmp:
        window = build_window(AppPaths(Path(tmp)).ensure())
        window.resize(1400, 900)
        window.show()
        results = {"article": measure(window, analysis, args.runs)}
        if args.words:
            copies = max(1, args.words // max(1, len(document.text.split())))
            results["book"] = measure(window, repeat(analysis, copies), args.runs)
        window.close()
    if args.json:
        print("READER " + json.dumps(results), flush=True)
    else:
        for label, result in results.items():
            report(label, result)
    return 0


if __name__ == "__main__":
    sys.exit(main())

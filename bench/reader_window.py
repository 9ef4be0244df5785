"""Reader window timings: filter toggles and scrolling on an article and on a 1-million-word book.

Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/reader_window.py [ARTICLE] [--words N]

The article is analysed once with the real pipeline; the book repeats that analysis with shifted
offsets (no spaCy), so the numbers measure the window, not the model. Medians of several runs.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from models.domain import Actor, Analysis, Document, Mention, TimeExpression  # noqa: E402


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


def timed(fn, runs: int = 7) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000, max(samples) * 1000


def measure(window, analysis: Analysis, label: str) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
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

    type_ms = timed(toggle_type)
    actor_ms = timed(toggle_actor)
    bar.setValue(bar.maximum() // 2)
    scroll_ms = timed(scroll_page, runs=30)
    words = len(analysis.document.text.split())
    spans = len(window.view.spans)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{label}: {words:,} words, {spans:,} spans")
    print(f"  text shown {text_ms:.0f} ms; analysis painted + panels filled {paint_ms:.0f} ms")
    print(f"  toggle a type: median {type_ms[0]:.1f} ms (max {type_ms[1]:.1f})")
    print(f"  toggle one actor: median {actor_ms[0]:.1f} ms (max {actor_ms[1]:.1f})")
    print(f"  scroll a page: median {scroll_ms[0]:.1f} ms (max {scroll_ms[1]:.1f})")
    print(f"  peak memory so far {rss:.0f} MB")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "article", nargs="?", default=str(ROOT / "resources" / "sample" / "north-korea-quasi-state-of-war.txt")
    )
    parser.add_argument("--words", type=int, default=1_000_000)
    args = parser.parse_args()

    from gui.app import create_app, open_settings
    from gui.main_window import MainWindow
    from models.analysis.pipeline import Analyzer
    from models.loaders import load_document
    from models.nlp import load_pipeline
    from models.paths import AppPaths

    nlp, info = load_pipeline()
    document = load_document(args.article)
    analysis = Analyzer(nlp, info.label).analyze(document)
    create_app()
    with tempfile.TemporaryDirectory() as tmp:
        window = MainWindow(open_settings(AppPaths(Path(tmp)).ensure()))
        window.resize(1400, 900)
        window.show()
        measure(window, analysis, "article")
        copies = max(1, args.words // max(1, len(document.text.split())))
        measure(window, repeat(analysis, copies), f"book ({copies} copies)")
        window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Report export timings on a 1-million-word document: building the report and writing every format.

Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/export_bench.py [ARTICLE] [--words N] [--runs R]
       [--highlights H] [--no-pdf-article]

The article is analysed once with the real pipeline; the long document repeats that analysis with
shifted offsets (no spaCy), with H reader highlights and H/4 notes spread over it, so the numbers
measure the export, not the model. Prints the median (and max) of R runs per step, in seconds.
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

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from models.domain import Actor, Analysis, Document, Mention, TimeExpression  # noqa: E402
from models.reader import ReaderHighlight as Highlight  # noqa: E402
from models.reader import ReaderNote as Note  # noqa: E402

CATEGORIES = {"Important": "#F0E442", "Question": "#56B4E9", "Evidence": "#009E73", "To check": "#CC79A7"}


def repeat(analysis: Analysis, copies: int) -> Analysis:
    """A long document made of `copies` of one analysed article (actors merged by id)."""
    text = analysis.document.text
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
    document = Document("\n\n".join([text] * copies), title="Long report", date=analysis.document.date)
    return Analysis(document, analysis.analyzer_version, analysis.model, actors, events, times)


def reader_work(analysis: Analysis, count: int) -> tuple[list[Highlight], list[Note]]:
    text = analysis.document.text
    names = list(CATEGORIES)
    stride = max(1, len(text) // max(1, count))
    highlights = []
    for i in range(count):
        start = i * stride
        end = min(len(text), start + 80)
        note = f"Note {i}: *check* <this> =A1" if i % 3 == 0 else ""
        highlights.append(Highlight(f"h{i}", start, end, names[i % len(names)], note, ("bench",) if i % 2 else ()))
    events = analysis.events
    notes = [Note(f"n{i}", f"event:{events[i * 7 % len(events)].id}", f"event note {i}") for i in range(count // 4)]
    notes.append(Note("doc", "document", "Whole-document note"))
    return highlights, notes


def timed(fn: Callable[[], object], runs: int) -> list[float]:
    """Seconds of each of `runs` calls."""
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return samples


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "article", nargs="?", default=str(ROOT / "resources" / "sample" / "north-korea-quasi-state-of-war.txt")
    )
    parser.add_argument("--words", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--highlights", type=int, default=2000)
    parser.add_argument("--no-pdf-article", action="store_true", help="skip the PDF with the whole article")
    parser.add_argument("--json", action="store_true", help="print one JSON line of samples (for bench/run.py)")
    args = parser.parse_args()

    from gui.report_pdf import write_pdf
    from models.analysis.pipeline import Analyzer
    from models.export import ExportFormat, build_report, encode, read_annotations, render_text, write_bytes
    from models.export.report import Report
    from models.filters import FilterState
    from models.loaders import load_document
    from models.nlp import load_pipeline

    nlp, info = load_pipeline()
    document = load_document(args.article)
    article = Analyzer(nlp, info.label).analyze(document)
    copies = max(1, args.words // max(1, len(document.text.split())))
    analysis = repeat(article, copies)
    highlights, notes = reader_work(analysis, args.highlights)
    words = len(analysis.document.text.split())
    if not args.json:
        print(
            f"document: {words:,} words, {len(analysis.actors)} actors, {len(analysis.events):,} events, "
            f"{len(highlights):,} highlights, {len(notes):,} notes; median of {args.runs} runs"
        )

    def report(filters: FilterState | None = None) -> Report:
        return build_report(analysis, highlights, notes, CATEGORIES, filters, source=args.article)

    full = report()
    rows: list[dict[str, object]] = []

    def run(label: str, fn: Callable[[], object], size: Callable[[], str] = lambda: "", runs: int = args.runs) -> None:
        samples = timed(fn, runs)
        rows.append({"label": label, "samples_s": samples, "size": size()})
        if not args.json:
            print(
                f"  {label:<34} median {statistics.median(samples):7.2f} s  (max {max(samples):6.2f})  {size()}",
                flush=True,
            )

    shown = FilterState(hidden_layers=frozenset({"PLACE"}), event_types=frozenset({"ATTACK", "MEETING"}))
    run("build report (everything)", report)
    run("build report (filtered)", lambda: report(shown))
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        for fmt, article_too in (
            (ExportFormat.MARKDOWN, False),
            (ExportFormat.HTML, False),
            (ExportFormat.HTML, True),
            (ExportFormat.CSV, False),
            (ExportFormat.JSON, False),
            (ExportFormat.JSONLD, False),
        ):
            path = out / f"r{'-article' if article_too else ''}.{fmt.value}"

            def write(fmt: ExportFormat = fmt, article_too: bool = article_too, path: Path = path) -> None:
                write_bytes(path, encode(fmt, render_text(full, fmt, include_article=article_too)))

            label = f"{fmt.value}{' + article' if article_too else ''}"
            run(label, write, lambda path=path: f"{path.stat().st_size / 1e6:.1f} MB")  # type: ignore[misc]
        data = json.loads((out / "r.jsonld").read_text(encoding="utf-8"))
        run("import jsonld", lambda: read_annotations(data, analysis.document.text))
        pdf = out / "r.pdf"
        run("pdf", lambda: write_pdf(full, pdf), lambda: f"{pdf.stat().st_size / 1e6:.1f} MB")
        if not args.no_pdf_article:
            pdf_article = out / "r-article.pdf"
            pages: list[int] = []
            run(
                "pdf + article",
                lambda: pages.append(write_pdf(full, pdf_article, include_article=True)),
                lambda: f"{pdf_article.stat().st_size / 1e6:.1f} MB, {pages[-1]:,} pages",
                runs=1,
            )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if args.json:
        print("EXPORT " + json.dumps({"words": words, "rows": rows, "rss_mb": rss}), flush=True)
    else:
        print(f"peak memory {rss:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())

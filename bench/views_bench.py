"""Overview views: how long the timeline, the network, the X-Ray and the mention map take to follow a filter change.

Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/views_bench.py [--repeats N]
bench/run.py calls `run(repeats)`.

Two documents: the bundled sample article (analysed once with the real pipeline) and a synthetic
1-million-word book (actors, events, dates and mentions generated directly, no spaCy), so the
numbers measure the views, not the model. A "filter change" is one actor type switched off or on,
then one event-type facet set or cleared; each includes rebuilding the data and repainting every
view dock, as the window does.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from models.domain import (  # noqa: E402
    Actor,
    ActorType,
    Analysis,
    Document,
    Event,
    EventType,
    Mention,
    MentionKind,
    TimeExpression,
)

SAMPLE = ROOT / "resources" / "sample" / "north-korea-quasi-state-of-war.txt"
ARTICLE_TARGET_S = 0.100
BOOK_TARGET_S = 0.500
_FILLER = (
    "the of and to in a that for on was with said as by at from his her their it an were which have has "
    "been after over also who would into more about than other talks border city army officials report "
    "week government forces statement minister crisis agreement meeting region people country"
)
_WORDS = tuple(_FILLER.split())


def synthetic_book(words: int = 1_000_000, actors: int = 3000, seed: int = 11) -> Analysis:
    """A long analysis: sentences of filler words with actor names, events with dates of every granularity."""
    rng = random.Random(seed)
    types = list(ActorType)
    cast = [Actor(f"a{i}", f"Actor {i} {rng.choice(_WORDS).title()}", rng.choice(types)) for i in range(actors)]
    weights = [1 / (i + 1) ** 0.9 for i in range(actors)]  # a few actors are everywhere, most appear a few times
    event_types = list(EventType)
    parts: list[str] = []
    pos = 0
    count = 0
    events: list[Event] = []
    times: list[TimeExpression] = []
    base = dt.date(2010, 1, 1)
    while count < words:
        sentence_actors = rng.choices(range(actors), weights=weights, k=rng.randint(1, 3))
        first = rng.choice(_WORDS).title()
        parts.append(first + " ")
        pos += len(first) + 1
        for word_index in range(rng.randint(12, 28)):
            if word_index in (2, 7, 12) and sentence_actors:
                actor = cast[sentence_actors.pop()]
                name = actor.name
                actor.mentions.append(Mention(pos, pos + len(name), name, MentionKind.NAME))
                parts.append(name + " ")
                pos += len(name) + 1
                count += 3
                if rng.random() < 0.25 and word_index > 2:
                    who = [m for m in (actor.id, cast[rng.randrange(actors)].id) if m]
                    day = base + dt.timedelta(days=rng.randrange(4000))
                    kind = rng.random()
                    date = (
                        day.isoformat()
                        if kind < 0.5
                        else f"{day.year}-{day.month:02d}"
                        if kind < 0.65
                        else str(day.year)
                        if kind < 0.7
                        else None
                    )
                    trigger = "met"
                    parts.append(trigger + " ")
                    events.append(
                        Event(
                            f"e{len(events)}",
                            rng.choice(event_types),
                            pos,
                            pos + len(trigger),
                            trigger,
                            date=date,
                            participants=list(dict.fromkeys(who)),
                            source=who[0] if rng.random() < 0.5 else None,
                            target=who[-1] if len(who) > 1 and rng.random() < 0.5 else None,
                        )
                    )
                    if date:
                        times.append(TimeExpression(f"t{len(times)}", pos, pos + len(trigger), trigger, date))
                    pos += len(trigger) + 1
                    count += 1
                continue
            word = rng.choice(_WORDS)
            parts.append(word + " ")
            pos += len(word) + 1
            count += 1
        end = "is here.\n\n" if rng.random() < 0.15 else "is here. "  # paragraphs of about seven sentences
        parts.append(end)
        pos += len(end)
        count += 2
    text = "".join(parts)
    return Analysis(Document(text, title="Synthetic book"), "bench", "synthetic", cast, events, times)


def sample_analysis() -> Analysis:
    from models.analysis.pipeline import Analyzer
    from models.nlp import load_pipeline

    nlp, info = load_pipeline()
    document = Document(SAMPLE.read_text(encoding="utf-8"), title="Sample", date="2015-08-21")
    return Analyzer(nlp, info.label).analyze(document)


def _timed(fn: Callable[[], object], repeats: int) -> tuple[float, float]:
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples), max(samples) - min(samples)


def measure(analysis: Analysis, label: str, target: float, repeats: int) -> list[dict[str, object]]:
    """Filter-change times of the four views docked in a real window, each shown and repainted."""
    import tempfile

    from PySide6.QtWidgets import QApplication

    from gui.app import build_window, create_app
    from models.paths import AppPaths

    create_app()
    app = QApplication.instance()
    assert app is not None
    with tempfile.TemporaryDirectory() as tmp:
        window = build_window(AppPaths(Path(tmp)).ensure())
        window.resize(1400, 900)
        window.show()
        window.controller.analyze_fn = lambda _document: analysis  # no spaCy: the analysis is ready
        window.show_document(analysis.document)
        deadline = time.perf_counter() + 120
        while window.analysis is None and time.perf_counter() < deadline:
            app.processEvents()
            time.sleep(0.01)
        if window.analysis is None:
            window.set_analysis(analysis)
        views = window.views
        for dock in views.docks():
            dock.show()
        busiest = max(analysis.actors, key=lambda a: len(a.mentions))
        window.hub.select(frozenset({busiest.id}))
        app.processEvents()
        views.flush()

        toggles = {"type": "PLACE", "event": str(analysis.events[0].type) if analysis.events else "MEETING"}

        def actor_type_toggle() -> None:
            hub = window.hub
            hub.set_layer_visible(toggles["type"], not hub.state.layer_visible(toggles["type"]))
            views.flush()

        def event_facet_toggle() -> None:
            hub = window.hub
            chosen = frozenset() if hub.state.event_types else frozenset({toggles["event"]})
            hub.set_state(hub.state.with_facets(event_types=chosen))
            views.flush()

        def select_actor() -> None:
            ranked = sorted(analysis.actors, key=lambda a: -len(a.mentions))
            current = next(iter(window.hub.selection), None)
            other = ranked[1] if current == ranked[0].id and len(ranked) > 1 else ranked[0]
            window.hub.select(frozenset({other.id}))
            views.flush()

        rows = []
        for name, fn in (
            ("actor type switched", actor_type_toggle),
            ("event type facet", event_facet_toggle),
            ("actor selected (X-Ray, mention map)", select_actor),
        ):
            median, spread = _timed(fn, repeats)
            rows.append(
                {
                    "name": f"views: {name}, {label}",
                    "median_s": round(median, 4),
                    "spread_s": round(spread, 4),
                    "target_s": target,
                    "met": median <= target,
                }
            )
        window.close()
    return rows


def run(repeats: int = 5) -> list[dict[str, object]]:
    """Rows {"name", "median_s", "spread_s", "target_s", "met"} for the sample article and a 1M-word book."""
    rows = measure(sample_analysis(), "sample article", ARTICLE_TARGET_S, repeats)
    book = synthetic_book()
    words = len(book.document.text.split())
    rows += measure(book, f"{words // 1000}k-word book", BOOK_TARGET_S, repeats)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    for row in run(args.repeats):
        verdict = "ok" if row["met"] else "SLOW"
        spread = f"±{row['spread_s']:.4f}"
        print(f"{row['name']:<60} {row['median_s']:>8.4f} s {spread} (target {row['target_s']}) {verdict}")


if __name__ == "__main__":
    main()

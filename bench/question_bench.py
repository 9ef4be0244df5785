"""Questions across the library: a 10,000-document library with events, asked by event type and month.

Usage: .venv/bin/python bench/question_bench.py [--documents N] [--repeats N] [--library PATH]
`run(repeats)` returns one row per measurement, in the form `bench/run.py` reads.

A question that names no actor ("every meeting in December") cannot be narrowed by the actor index.
It is answered from the event index (`library_events`: type, date and sentence of every factual event);
the control row answers it the way it was answered before, by reading every stored analysis and
filtering its events, so the two figures come from the same library in the same run. The documents
are those of bench/actor_index_bench.py (about 20 actors, 100 mentions) with 12 events each: a type
drawn from every event type and a day of 2023, with two of the document's actors taking part.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import actor_index_bench
from bench.actor_index_bench import _time
from models.domain import Analysis, Event, EventType
from models.filters import date_interval
from models.library import Library
from models.library.questions import Question, ask
from models.library.stories import document_events
from models.version import ANALYZER_VERSION

DOCUMENTS = 10_000
EVENTS_PER_DOC = 12
KINDS = list(EventType)
QUESTION = Question(event_type="MEETING", date_from="2023-12", date_to="2023-12")


def _with_events(rng: random.Random, analysis: Analysis) -> Analysis:
    text = analysis.document.text
    events = []
    for n in range(EVENTS_PER_DOC):
        start = rng.randrange(0, len(text) - 20)
        end = text.find(" ", start + 1)
        who = rng.sample(analysis.actors, 2)
        day = f"2023-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        events.append(
            Event(
                f"e{n + 1}",
                rng.choice(KINDS),
                start,
                end,
                text[start:end],
                date=day,
                source=who[0].id,
                target=who[1].id,
            )
        )
    return replace(analysis, events=events)


def build(path: Path, documents: int, seed: int = 7) -> float:
    """Fill a library through `store_analysis` (which indexes actors and events); seconds taken."""
    return actor_index_bench.build(path, documents, seed, dress=_with_events)


def read_every_analysis(lib: Library, question: Question) -> int:
    """The control: the question answered by reading every live document's stored analysis (as before)."""
    kind = question.event_type
    low = date_interval(question.date_from)
    high = date_interval(question.date_to)
    assert low and high
    docs = [str(r[0]) for r in lib.conn.execute("SELECT hash FROM documents WHERE trashed_at IS NULL")]
    found: set[tuple[str, int]] = set()  # one answer per sentence, as `ask` gives
    for report in document_events(lib, docs, ANALYZER_VERSION):
        interval = date_interval(report.date)
        if report.type == kind and interval and interval[1] >= low[0] and interval[0] <= high[1]:
            found.add((report.doc_hash, report.start))
    return len(found)


def run(repeats: int = 3, documents: int = DOCUMENTS, library: Path | None = None) -> list[dict[str, Any]]:
    """Build a library (or reuse `library` when that file exists) and time one question both ways."""
    with tempfile.TemporaryDirectory(prefix="dramatis-question-bench-") as tmp:
        path = library or Path(tmp) / "library.sqlite3"
        build_s = None if path.exists() else build(path, documents)
        with Library(path, check=False) as lib:
            count = lib.conn.execute("SELECT count(*) FROM documents").fetchone()[0]
            answers = len(ask(lib, QUESTION, ANALYZER_VERSION))
            control = read_every_analysis(lib, QUESTION)
            if answers != control:
                raise AssertionError(f"the event index gives {answers} answers, the analyses {control}")
            measures: list[tuple[str, list[float]]] = [
                (
                    f"question naming no actor (meetings in a month, {answers:,} sentences of {count:,} documents), "
                    "from the event index",
                    _time(lambda: ask(lib, QUESTION, ANALYZER_VERSION), repeats),
                ),
                (
                    "the same question read from every stored analysis (control: how it was answered before)",
                    _time(lambda: read_every_analysis(lib, QUESTION), 1),
                ),
            ]
            if build_s is not None:
                measures.insert(0, (f"question bench: build {count:,} documents with events", [build_s]))
    return [
        {
            "name": name,
            "median_s": statistics.median(samples),
            "spread_s": max(samples) - min(samples) if len(samples) > 1 else None,
            "target_s": None,
            "met": None,
        }
        for name, samples in measures
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=DOCUMENTS)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--library", type=Path, help="keep the built library here (reused when it exists)")
    args = parser.parse_args()
    for row in run(args.repeats, args.documents, args.library):
        print(f"{row['name']:<110} {row['median_s'] * 1000:10.1f} ms")


if __name__ == "__main__":
    main()

"""Library speed: a 10,000-document, 100,000-note library, its list, full-text search, and a warm reopen.

Usage: .venv/bin/python bench/library_bench.py [--repeats N]
`bench/run.py` calls `run(repeats)`, which returns one row per measurement with its target.

Targets (issue "The library"): opening the library view under 0.3 s, a full-text search under
100 ms, reopening a 4,000-word document with 500 highlights from the cache under 0.3 s. The
documents are about 300 words each, built from a fixed pseudo-vocabulary with a Zipf-like spread
so common and rare words both occur; the reopened document's analysis has the size the analyzer
gives a 4,000-word news text (about 450 mentions, 80 events, 50 time expressions).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from models.domain import (
    Actor,
    ActorType,
    Analysis,
    Document,
    Event,
    EventType,
    Mention,
    TimeExpression,
    text_sha256,
)
from models.library import Library
from models.library.anchoring import make_anchor
from models.library.corrections import CorrectionOp, replay
from models.reader import ReaderHighlight, ReaderNote
from models.version import ANALYZER_VERSION

DOCUMENTS = 10_000
NOTES = 100_000
WORDS_PER_DOC = 300
SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "den", "mar", "pol", "tin", "gra", "ste", "bur", "hal"]
QUERIES = ["harbour", "minister talks", "kalomi", "strike ferry", "zebra"]


def _vocabulary(rng: random.Random, size: int = 20_000) -> list[str]:
    words = {"".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))) for _ in range(size * 2)}
    common = ["the", "of", "and", "to", "in", "said", "minister", "harbour", "strike", "talks", "ferry", "union"]
    return common + sorted(words)[:size]


def _text(rng: random.Random, vocab: list[str], words: int) -> str:
    weights = [1.0 / (rank + 1) for rank in range(len(vocab))]
    chosen = rng.choices(vocab, weights=weights, k=words)
    sentences = [" ".join(chosen[i : i + 15]).capitalize() + "." for i in range(0, words, 15)]
    return "\n\n".join(" ".join(sentences[i : i + 5]) for i in range(0, len(sentences), 5))


def build(directory: Path, seed: int = 5) -> tuple[Path, Document]:
    """The big library, written in bulk (one transaction), plus the 4,000-word document with its cache."""
    rng = random.Random(seed)
    vocab = _vocabulary(rng)
    db_path = directory / "library.sqlite3"
    now = "2024-01-01T00:00:00.000+00:00"
    with Library(db_path) as lib, lib.write() as conn:
        doc_rows, hl_rows, note_rows = [], [], []
        per_doc = NOTES // DOCUMENTS
        for d in range(DOCUMENTS):
            text = _text(rng, vocab, WORDS_PER_DOC)
            doc_hash = text_sha256(text)
            doc_rows.append((doc_hash, f"Document {d} {vocab[d % len(vocab)]}", "2024-01-01", text, now, now))
            for k in range(per_doc):
                if k % 2 == 0:
                    start = rng.randrange(0, len(text) - 40)
                    anchor = make_anchor(text, start, start + 30)
                    hl_rows.append(
                        (
                            f"h{d}-{k}",
                            doc_hash,
                            anchor.start,
                            anchor.end,
                            "Important",
                            " ".join(rng.choices(vocab, k=8)),
                            "[]",
                            anchor.exact,
                            anchor.prefix,
                            anchor.suffix,
                            now,
                            now,
                        )
                    )
                else:
                    note_rows.append((f"n{d}-{k}", doc_hash, "document", " ".join(rng.choices(vocab, k=25)), now, now))
        conn.executemany(
            "INSERT INTO documents (hash, title, date, text, added_at, opened_at) VALUES (?, ?, ?, ?, ?, ?)", doc_rows
        )
        conn.executemany(
            'INSERT INTO highlights (id, doc_hash, start, "end", category, note, tags, exact, prefix, suffix, '
            "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            hl_rows,
        )
        conn.executemany(
            "INSERT INTO notes (id, doc_hash, target, text, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
            note_rows,
        )
    document = Document(_text(rng, vocab, 4000), title="The long one", source_path="/bench/long.txt")
    with Library(db_path) as lib:
        key = lib.add_document(document).hash
        lib.store_analysis(_analysis(document, rng))
        with lib.write():
            for i in range(500):
                start = rng.randrange(0, len(document.text) - 60)
                lib.save_item(key, ReaderHighlight(f"long{i}", start, start + rng.randint(5, 60), "Evidence", f"n {i}"))
            lib.save_item(key, ReaderNote("long-note", "document", "The whole thing"))
        lib.add_correction(key, CorrectionOp.new("rename", actor={"name": "Actor 3", "type": "PERSON"}, name="A3"))
    return db_path, document


def _analysis(document: Document, rng: random.Random) -> Analysis:
    text = document.text
    spans = sorted(rng.sample(range(0, len(text) - 20, 7), 580))
    actors = [Actor(f"a{i}", f"Actor {i}", ActorType.PERSON, aliases=[f"Actor {i}"]) for i in range(60)]
    for n, start in enumerate(spans[:450]):
        actors[n % 60].mentions.append(Mention(start, start + 6, text[start : start + 6]))
    events = [
        Event(
            f"e{i}", EventType.MEETING, s, s + 5, text[s : s + 5], "2024-01-02", participants=["a1", "a2"], source="a1"
        )
        for i, s in enumerate(spans[450:530])
    ]
    times = [TimeExpression(f"t{i}", s, s + 4, text[s : s + 4], "2024-01-02") for i, s in enumerate(spans[530:580])]
    return Analysis(document, ANALYZER_VERSION, "bench", actors, events, times)


def _reopen(db_path: Path, document: Document) -> int:
    """What reopening a known document reads: its record, the reader's items, the stored analysis, corrected."""
    with Library(db_path, recover=False, check=False) as lib:
        lib.add_document(document)
        items = lib.load_items(document.sha256)
        analysis = lib.cached_analysis(document.sha256, ANALYZER_VERSION)
        assert analysis is not None
        corrected, _skipped = replay(analysis, lib.corrections(document.sha256))
        return len(items) + len(corrected.actors)


def _bulk_import(lib: Library, key: str, length: int, batch: int) -> None:
    """What importing a file of annotations writes: many items on one document, one transaction."""
    rng = random.Random(batch)
    items: list[ReaderHighlight | ReaderNote] = []
    for i in range(1000):
        start = rng.randrange(0, length - 60)
        items.append(ReaderHighlight(f"bulk{batch}-h{i}", start, start + 40, "Evidence", f"imported {i}"))
        items.append(ReaderNote(f"bulk{batch}-n{i}", "document", f"imported note {i}"))
    lib.add_items([(key, list(items))], {"Evidence": "#009E73"})


def _timed(fn: Callable[[], object], repeats: int) -> list[float]:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def _row(name: str, times: list[float], target: float | None) -> dict[str, Any]:
    median = statistics.median(times)
    return {
        "name": name,
        "median_s": median,
        "spread_s": max(times) - min(times),
        "target_s": target,
        "met": None if target is None else median < target,
    }


def run(repeats: int) -> list[dict[str, Any]]:
    repeats = max(3, repeats)
    with tempfile.TemporaryDirectory(prefix="dramatis-library-bench-") as tmp:
        started = time.perf_counter()
        db_path, document = build(Path(tmp))
        build_s = time.perf_counter() - started

        def view() -> None:
            with Library(db_path, recover=False, check=False) as lib:
                rows = lib.documents()
                assert len(rows) == DOCUMENTS + 1

        def open_checked() -> None:
            Library(db_path).close()

        searcher = Library(db_path, recover=False, check=False)
        search_times: list[float] = []
        for query in QUERIES:
            search_times += _timed(partial(searcher.search, query), repeats)
        counter = iter(range(10**9))
        key = document.sha256

        def insert() -> None:
            searcher.save_item(key, ReaderNote(f"bench-{next(counter)}", "document", "one more note"))

        insert_times = _timed(insert, repeats * 5)
        batches = iter(range(10**9))

        def bulk() -> None:
            _bulk_import(searcher, key, len(document.text), next(batches))

        bulk_times = _timed(bulk, repeats)
        searcher.close()
        rows = [
            _row("library view: open + list 10,000 documents with note counts", _timed(view, repeats), 0.3),
            _row("full-text search over 10,000 documents and 100,000 notes", search_times, 0.1),
            _row(
                "reopen a 4,000-word document with 500 highlights from the stored analysis (library part)",
                _timed(lambda: _reopen(db_path, document), repeats),
                0.3,
            ),
            _row("save one note (one committed transaction)", insert_times, None),
            _row("import 1,000 highlights and 1,000 notes in one transaction (add_items)", bulk_times, None),
            _row("open the library file with its integrity check (once per window)", _timed(open_checked, 3), None),
        ]
        size_mb = db_path.stat().st_size / 1e6
        print(f"built in {build_s:.1f} s, {size_mb:.0f} MB", file=sys.stderr)
        return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    for row in run(args.repeats):
        print(json.dumps(row))


if __name__ == "__main__":
    main()

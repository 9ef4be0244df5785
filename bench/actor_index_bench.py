"""Actor index speed: a 10,000-document library with 1 million actor mentions, its index listed, filtered, searched.

Usage: .venv/bin/python bench/actor_index_bench.py [--documents N] [--repeats N]
`run(repeats)` returns one row per measurement with its target, in the form `bench/run.py` reads.

Targets (issue "Across the library"): the actor index opens and filters in under 100 ms (the window
reads 200 rows and the count, then the next 200 as the reader scrolls), an actor's page (its documents,
co-actors and timeline; a document's mentions when it is opened) in under 300 ms. Each document has
about 20 actors and 100 mentions drawn from pools of invented names, so actors recur across documents
the way people and places recur in news; surname-only mentions exercise the surname rule. The
library is built through `Library.store_analysis`, so the build time is the indexing cost too.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from models.domain import Actor, ActorType, Analysis, Document, Mention, MentionKind
from models.library import Library
from models.library.actor_listing import actor_details, index_page, list_actors
from models.library.actor_page import actor_page, document_mentions
from models.version import ANALYZER_VERSION

DOCUMENTS = 10_000
MENTIONS_PER_DOC = 100
LIST_TARGET_S = 0.100
PAGE_TARGET_S = 0.300
PAGE_ROWS = 200  # rows the window reads at a time (Qt's fetchMore asks for the next page on scrolling)
SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "den", "mar", "pol", "tin", "gra", "ste", "bur", "hal"]


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def _pools(rng: random.Random) -> dict[str, list[str]]:
    firsts = [_word(rng) for _ in range(300)]
    lasts = [_word(rng) for _ in range(2000)]
    return {
        "PERSON": sorted({f"{rng.choice(firsts)} {rng.choice(lasts)}" for _ in range(8000)}),
        "ORG": sorted({f"{_word(rng)} {rng.choice(['Party', 'Bank', 'Union', 'Council'])}" for _ in range(2000)}),
        "PLACE": sorted({_word(rng) for _ in range(3000)}),
    }


def _analysis(rng: random.Random, pools: dict[str, list[str]], number: int) -> Analysis:
    text = f"Document {number}. " + " ".join(_word(rng) for _ in range(400))
    picks = [("PERSON", 10), ("ORG", 4), ("PLACE", 4)]
    actors: list[Actor] = []
    for kind, count in picks:
        # A Zipf-like draw: a few actors are in many documents, most in few.
        pool = pools[kind]
        for name in {pool[int(len(pool) * rng.random() ** 4)] for _ in range(count)}:
            actors.append(Actor(f"a{len(actors) + 1}", name, ActorType(kind)))
    for _ in range(2):  # people named by surname only
        surname = rng.choice(pools["PERSON"]).split()[-1]
        actors.append(Actor(f"a{len(actors) + 1}", f"Mr. {surname}", ActorType.PERSON))
    for index in range(MENTIONS_PER_DOC):
        actor = actors[index % len(actors)]
        start = rng.randrange(0, len(text) - 20)
        kind = MentionKind.NAME if index < len(actors) * 2 else MentionKind.PRONOUN
        actor.mentions.append(Mention(start, start + 10, actor.name if kind == MentionKind.NAME else "he", kind))
    return Analysis(Document(text, title=f"Article {number}"), ANALYZER_VERSION, "bench", actors=actors)


def build(
    path: Path,
    documents: int,
    seed: int = 7,
    dress: Callable[[random.Random, Analysis], Analysis] | None = None,
) -> float:
    """Fill a library through `store_analysis` (which indexes); seconds taken.

    `dress` adds to each generated analysis what another bench needs (the question bench's events).
    """
    rng = random.Random(seed)
    pools = _pools(rng)
    started = time.perf_counter()
    with Library(path) as lib:
        for first in range(0, documents, 500):
            with lib.write():
                for number in range(first, min(documents, first + 500)):
                    analysis = _analysis(rng, pools, number)
                    lib.store_analysis(dress(rng, analysis) if dress else analysis)
        lib.conn.execute("ANALYZE")
    return time.perf_counter() - started


def _time(fn: Callable[[], object], repeats: int) -> list[float]:
    samples = []
    for _ in range(repeats):
        started = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - started)
    return samples


def run(repeats: int = 5, documents: int = DOCUMENTS, library: Path | None = None) -> list[dict[str, Any]]:
    """Build a library (or reuse `library` when that file exists; build it there otherwise) and time the index."""
    with tempfile.TemporaryDirectory(prefix="dramatis-actor-bench-") as tmp:
        path = library or Path(tmp) / "library.sqlite3"
        build_s = None if path.exists() else build(path, documents)
        with Library(path, check=False) as lib:
            conn = lib.conn
            mentions = conn.execute("SELECT count(*) FROM actor_mentions").fetchone()[0]
            actors = conn.execute("SELECT count(*) FROM library_actors").fetchone()[0]
            top = list_actors(conn, limit=1)[0]
            documents = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
            probe = top.name.split()[0][:4]
            first_doc = conn.execute("SELECT doc_hash FROM document_actors WHERE actor_id = ? LIMIT 1", (top.id,))
            first_doc = first_doc.fetchone()[0]
            page = PAGE_ROWS
            measures: list[tuple[str, list[float], float | None]] = [
                (
                    f"actor index: open ({page} rows of {actors:,} actors and their count, more on scrolling)",
                    _time(lambda: index_page(conn, limit=page), repeats),
                    LIST_TARGET_S,
                ),
                (
                    "actor index: filter by type (places), first page and count",
                    _time(lambda: index_page(conn, kind="PLACE", limit=page), repeats),
                    LIST_TARGET_S,
                ),
                (
                    "actor index: search a name, first page and count",
                    _time(lambda: index_page(conn, search=probe, limit=page), repeats),
                    LIST_TARGET_S,
                ),
                (
                    "actor index: scroll, the page after 5,000 rows",
                    _time(lambda: list_actors(conn, limit=page, offset=5000), repeats),
                    LIST_TARGET_S,
                ),
                (
                    f"actor page: most mentioned actor ({top.documents:,} documents, co-actors, timeline)",
                    _time(lambda: actor_page(conn, top.id), repeats),
                    PAGE_TARGET_S,
                ),
                (
                    "actor page: one document's mentions with their context",
                    _time(lambda: document_mentions(conn, top.id, first_doc), repeats),
                    PAGE_TARGET_S,
                ),
                (
                    f"every mention of the most mentioned actor at once ({top.mentions:,}; the CLI's `actors`)",
                    _time(lambda: actor_details(conn, [top.id]), repeats),
                    None,
                ),
            ]
            if build_s is not None:
                measures.insert(
                    0, (f"actor index: build {documents:,} documents ({mentions:,} mentions)", [build_s], None)
                )
    rows = []
    for name, samples, target in measures:
        median = statistics.median(samples)
        rows.append(
            {
                "name": name,
                "median_s": median,
                "spread_s": max(samples) - min(samples) if len(samples) > 1 else None,
                "target_s": target,
                "met": None if target is None else median <= target,
            }
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=DOCUMENTS)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--library", type=Path, help="keep the built library here (reused when it exists)")
    args = parser.parse_args()
    for row in run(args.repeats, args.documents, args.library):
        target = f"≤ {row['target_s'] * 1000:.0f} ms" if row["target_s"] else ""
        verdict = "" if row["met"] is None else ("met" if row["met"] else "NOT met")
        print(f"{row['name']:<75} {row['median_s'] * 1000:10.1f} ms  {target:>10} {verdict}")


if __name__ == "__main__":
    main()

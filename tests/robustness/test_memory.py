"""Opening one document after another in the same window does not make memory grow without bound.

Fifty small generated articles go through the real pipeline and the real window in turn. Resident
memory after the 50th is compared with memory after the 10th (by then the model, Qt's caches and the
allocator's arenas are warm): a window that kept every closed document, its spans, panels or
analysis alive would grow by several hundred kilobytes per document. DRAMATIS_SOAK=1 opens 300.
"""

from __future__ import annotations

import gc
import os
import random
import resource
from pathlib import Path

import pytest

SOAK = os.environ.get("DRAMATIS_SOAK") == "1"
FIRST, LAST = (10, 50) if not SOAK else (50, 300)
# Generous: the slope, not the noise, is what is being checked.
SLACK_MB = 15.0 if not SOAK else 40.0

PEOPLE = ["Maria Lopez", "John Carter", "Aiko Tanaka", "Olu Adeyemi", "Pierre Martin", "Sofia Rossi"]
PLACES = ["Lisbon", "Nairobi", "Osaka", "Quebec", "Lima", "Tallinn"]
GROUPS = ["the United Nations", "the Red Cross", "Parliament", "the World Bank"]
VERBS = ["met", "called", "visited", "criticised", "thanked", "warned"]
DAYS = ["on Monday", "on Tuesday", "last week", "on March 3, 2014", "two days later", "in May"]


def article(seed: int) -> str:
    """A short news-like text; the vocabulary is fixed so spaCy's string store stops growing early."""
    rng = random.Random(seed)
    paragraphs = [f"Report number {seed}"]
    for _ in range(3):
        sentences = [
            f"{rng.choice(PEOPLE)} {rng.choice(VERBS)} {rng.choice(PEOPLE)} in {rng.choice(PLACES)} "
            f"{rng.choice(DAYS)}, and {rng.choice(GROUPS)} said it would respond."
            for _ in range(3)
        ]
        paragraphs.append(" ".join(sentences))
    return "\n\n".join(paragraphs) + "\n"


def rss_mb() -> float:
    """Current resident memory (not the peak) of this process."""
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * resource.getpagesize() / 1024 / 1024


@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="needs /proc to read resident memory")
def test_opening_fifty_documents_in_one_window_keeps_memory_flat(qtbot, tmp_path: Path, analyzer) -> None:
    from tests.gui.conftest import make_window

    win = make_window(qtbot, tmp_path / "data")
    win.controller.analyze_fn = analyzer.analyze
    seen: dict[int, float] = {}
    for n in range(1, LAST + 1):
        path = tmp_path / f"article-{n}.txt"
        path.write_text(article(n), encoding="utf-8")
        with qtbot.waitSignal(win.analysis_shown, timeout=30_000):
            win.open_path(path)
        assert win.analysis is not None and win.analysis.actors
        path.unlink()
        if n in (FIRST, LAST):
            qtbot.wait(50)
            gc.collect()
            seen[n] = rss_mb()
    growth = seen[LAST] - seen[FIRST]
    assert growth < SLACK_MB, f"memory grew {growth:.1f} MB from document {FIRST} to {LAST}"
    win.close()

"""Text on one enormous line analyses like the same text in paragraphs: spaCy's batches are bounded by size."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from models.analysis.paragraphs import BATCH_CHARS, MAX_PIECE_CHARS
from models.analysis.pipeline import Analyzer
from models.domain import Document
from tests.conftest import ROOT

SENTENCES = (
    "Prime Minister Helen Clark met President Jacques Chirac in Paris on Monday. ",
    "The two leaders discussed trade, and officials said a deal was close. ",
    "Later that week the European Union announced new talks in Brussels. ",
)


class _RecordingPipeline:
    """The real pipeline, noting how many characters each `pipe` call was given at once."""

    def __init__(self, nlp: Any) -> None:
        self.nlp = nlp
        self.batches: list[list[int]] = []

    def pipe(self, texts: Iterable[str], batch_size: int) -> Iterator[Any]:
        given = list(texts)
        self.batches.append([len(t) for t in given])
        assert batch_size >= len(given)  # the whole call is one batch: what it holds is what spaCy holds
        return self.nlp.pipe(given, batch_size=batch_size)


def test_a_long_line_reaches_spacy_in_bounded_batches(analyzer: Analyzer) -> None:
    text = "".join(SENTENCES) * 560  # about 120 KB on one line: six old 20,000-character pieces in one batch
    recording = _RecordingPipeline(analyzer.nlp)
    result = Analyzer(recording, analyzer.model_label).analyze(Document(text=text, date="2005-05-02"))  # type: ignore[arg-type]
    assert all(n <= MAX_PIECE_CHARS for batch in recording.batches for n in batch)
    assert all(sum(batch) <= BATCH_CHARS for batch in recording.batches)
    assert sum(map(sum, recording.batches)) > 0.99 * len(text)  # only the spaces at the cuts are left out
    names = {a.name for a in result.actors}
    assert {"Helen Clark", "Jacques Chirac", "Paris"} <= names
    assert max(m.end for a in result.actors for m in a.mentions) > len(text) - 200  # the end of the line is read


PEAK_CHILD = r"""
import json, resource, sys
def peak_mb():
    # VmHWM belongs to this program's own memory; ru_maxrss would also count the parent it was forked from.
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
from models.analysis.pipeline import Analyzer
from models.domain import Document
from models.nlp import load_pipeline

nlp, info = load_pipeline()
nlp("Warm-up sentence in Paris.")
base = peak_mb()
text = open(sys.argv[1], encoding="utf-8").read()
Analyzer(nlp, info.label).analyze(Document(text=text))
peak = peak_mb()
print(json.dumps({"base_mb": base, "peak_mb": peak}))
"""


@pytest.mark.slow
@pytest.mark.timeout(1800)
@pytest.mark.parametrize("shape", ["prose", "letters"])
def test_a_300_kb_line_stays_within_a_memory_bound(tmp_path: Path, shape: str) -> None:
    """Peak memory of a separate process analysing 300 KB on one line: the model plus a bounded working set."""
    text = "".join(SENTENCES) * 1400 if shape == "prose" else "A " * 150_000
    path = tmp_path / "line.txt"
    path.write_text(text, encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-c", PEAK_CHILD, str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1700,
        check=True,
    )
    figures = json.loads(out.stdout.strip().splitlines()[-1])
    # Measured: about 170 MB over the loaded model for either shape; before, 510 MB for the prose (more with size).
    assert figures["peak_mb"] - figures["base_mb"] < 300, figures
    assert figures["peak_mb"] < 1024, figures

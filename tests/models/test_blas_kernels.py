"""BLIS's fast kernels, where it chose its portable ones: right products, spaCy's own tokens."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy

from models.analysis.pipeline import Analyzer
from models.blas_kernels import NEEDED_FLAGS, _blis_library, cpu_flags, replacement, switched_to, use_fast_kernels

ROOT = Path(__file__).resolve().parents[2]
SENTENCES = (
    "Angela Merkel met officials of the United Nations in Paris on Monday, and she said she would visit "
    "Berlin next week.",
    "The rebels attacked a convoy near Aleppo on 3 March 2021; the ministry called the attack a crime.",
    "Shares of Acme Corp. fell 4% after the company's chief executive resigned on Friday.",
)
# spaCy as it comes, in a process of its own: BLIS's own choice of kernels.
PLAIN_CHILD = r"""
import json, sys
from models.nlp import load_plain_pipeline
nlp = load_plain_pipeline()
print(json.dumps([[(t.tag_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_, t.lemma_) for t in doc]
                  for doc in nlp.pipe(json.loads(sys.argv[1]))]))
"""


def test_portable_kernels_are_replaced_only_on_cpus_that_run_the_fast_ones() -> None:
    assert replacement("generic", {"sse2", "avx", "avx2", "fma"}) == "zen2"
    assert replacement("generic", {"sse2", "avx", "avx2"}) is None  # no FMA
    assert replacement("generic", {"sse2", "avx", "fma"}) is None  # no AVX2
    assert replacement("haswell", NEEDED_FLAGS) is None  # a CPU BLIS knows keeps its choice
    assert replacement("zen2", NEEDED_FLAGS) is None


def test_cpu_flags_are_read_from_cpuinfo(tmp_path: Path) -> None:
    info = tmp_path / "cpuinfo"
    info.write_text("processor\t: 0\nmodel name\t: AMD EPYC\nflags\t\t: fpu sse2 avx avx2 fma\n\nflags\t: other\n")
    assert cpu_flags(str(info)) == {"fpu", "sse2", "avx", "avx2", "fma"}
    assert cpu_flags(str(tmp_path / "missing")) == frozenset()


def test_blis_products_stay_right(analyzer: Analyzer) -> None:
    """Whatever kernels are in use, BLIS's products equal numpy's, on sizes that are no multiple of a block."""
    from blis.py import gemm

    library = _blis_library()
    if library is not None and sys.platform == "linux":
        chosen = library.bli_arch_string(library.bli_arch_query_id()).decode()
        if replacement(chosen, cpu_flags()) is not None:  # this machine needs the switch: the load made it
            assert switched_to() == "zen2"
            assert use_fast_kernels() == "zen2"  # once
    rng = numpy.random.default_rng(7)
    for m, k, n in ((1, 1, 1), (7, 97, 13), (300, 96, 288), (1031, 257, 5), (5, 4100, 3), (301, 513, 4500)):
        a = rng.standard_normal((m, k), dtype=numpy.float32)
        b = rng.standard_normal((k, n), dtype=numpy.float32)
        numpy.testing.assert_allclose(gemm(a, b), a.astype(numpy.float64) @ b, rtol=1e-4, atol=1e-3)


def test_the_parse_is_spacys_own(analyzer: Analyzer) -> None:
    """The pipeline loaded here (fast kernels where BLIS lacked them) gives the tokens of spaCy as it comes."""
    out = subprocess.run(
        [sys.executable, "-c", PLAIN_CHILD, json.dumps(SENTENCES)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    expected = json.loads(out.stdout.strip().splitlines()[-1])
    got = [
        [[t.tag_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_, t.lemma_] for t in doc]
        for doc in analyzer.nlp.pipe(SENTENCES)
    ]
    assert got == expected
    assert any(token[4] == "PERSON" for token in got[0])

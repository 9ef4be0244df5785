"""Every annotation Dramatis exports, the reader's and the analysis's, passes the W3C Web Annotation model's
MUST assertions, run by the W3C test suite's checker in ../shared/w3c-annotation-tests (see its ABOUT.md)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from models.export import ExportFormat, build_report, render_text
from models.loaders import load_document
from models.reader import ReaderHighlight as Highlight
from models.reader import ReaderNote as Note
from resources import SAMPLE_ARTICLE
from tests.conftest import ROOT

SHARED = ROOT.parent / "shared"
W3C_TESTS = SHARED / "w3c-annotation-tests"
CHECKER = W3C_TESTS / "check.py"


def check(export: Path) -> tuple[subprocess.CompletedProcess[str], int, int, int]:
    """Run the W3C checker; returns its result and (assertions passed, assertions run, annotations)."""
    result = subprocess.run(
        [sys.executable, str(CHECKER), str(W3C_TESTS), str(export)],
        check=False,
        capture_output=True,
        text=True,
        timeout=600,
    )
    m = re.search(r"(\d+)/(\d+) passed over (\d+) annotations", result.stdout)
    assert m is not None, result.stdout + result.stderr
    return result, int(m[1]), int(m[2]), int(m[3])


@pytest.fixture(scope="module")
def sample_export(analyzer, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    """The bundled sample, analysed for real, with the reader's highlights and notes of every kind."""
    if not SHARED.is_dir():
        pytest.skip(f"no shared data folder beside the clone ({SHARED}), so no W3C Web Annotation test suite")
    assert CHECKER.is_file(), f"the W3C Web Annotation test suite's checker is missing: {CHECKER}"
    document = load_document(SAMPLE_ARTICLE)
    analysis = analyzer.analyze(document)
    text = document.text

    def span(needle: str) -> tuple[int, int]:
        start = text.index(needle)
        return start, start + len(needle)

    highlights = [
        Highlight("h1", *span("placed on high alert"), "Important", "The claim, *via* KCNA.", ("claim",)),
        Highlight("h2", *span("quasi-state of war"), "Question"),
    ]
    notes = [
        Note("n1", "document", "Check the sourcing."),
        Note("n2", f"actor:{analysis.actors[0].id}", "Who speaks for them?", ("people",)),
        Note("n3", f"event:{analysis.events[0].id}", "When exactly?"),
    ]
    report = build_report(
        analysis, highlights, notes, {"Important": "#F0E442", "Question": "#56B4E9"}, source=str(SAMPLE_ARTICLE)
    )
    out = tmp_path_factory.mktemp("w3c") / "sample.jsonld"
    out.write_text(render_text(report, ExportFormat.JSONLD), encoding="utf-8")
    return out, json.loads(out.read_text(encoding="utf-8"))


def test_every_exported_annotation_passes_the_w3c_must_assertions(sample_export: tuple[Path, dict]) -> None:
    path, data = sample_export
    items = data["first"]["items"]
    found = [i for i in items if i.get("creator", {}).get("type") == "Software"]
    assert len(items) - len(found) == 5 and len(found) > 20  # the reader's five, and what the analysis found
    assert {i["motivation"] for i in found} == {"identifying", "classifying"}  # actors' mentions and events
    result, passed, run, annotations = check(path)
    assert result.returncode == 0, result.stdout
    assert passed == run > 0 and annotations == len(items)


def test_the_checker_catches_a_broken_annotation(sample_export: tuple[Path, dict], tmp_path: Path) -> None:
    """The wiring can fail: an annotation with both `body` and `bodyValue` (a MUST NOT) is reported."""
    _path, data = sample_export
    broken = json.loads(json.dumps(data))
    items = broken["first"]["items"]
    items[-1]["bodyValue"] = "both a body and a bodyValue"
    broken["first"]["items"] = [items[0], items[-1]]  # one good, one broken: quick to check
    path = tmp_path / "broken.jsonld"
    path.write_text(json.dumps(broken), encoding="utf-8")
    result, passed, run, _annotations = check(path)
    assert result.returncode != 0 and passed < run and "FAIL" in result.stdout

"""A replaced analysis whose failure arrives late must not stop or spoil the one that replaced it."""

from __future__ import annotations

import threading
import time

from gui.analysis_controller import AnalysisController
from models.domain import Analysis, Document


def test_a_late_failure_of_a_replaced_analysis_is_ignored(qtbot) -> None:
    first_failing = threading.Event()

    def analyze(document: Document) -> Analysis:
        if document.text == "first":
            first_failing.set()
            raise RuntimeError("the first text could not be analysed")
        return Analysis(document, "test", "fixed", [], [], [])

    controller = AnalysisController()
    controller.analyze_fn = analyze
    failures: list[str] = []
    finished: list[str] = []
    controller.analysis_failed.connect(failures.append)
    controller.analysis_finished.connect(lambda analysis: finished.append(analysis.document.text))

    controller.analyze(Document("first"))
    assert first_failing.wait(10)
    time.sleep(0.3)  # the failure is on its way to the window's thread, not yet delivered
    controller.analyze(Document("second"))  # the reader opened another text before it arrived
    qtbot.waitUntil(lambda: finished == ["second"], timeout=10_000)
    assert failures == []  # no error shown for a text the reader has left
    assert not controller.busy
    controller.shutdown()

"""The real window with the analysis in its worker process: a killed worker never takes the window."""

from __future__ import annotations

import os
import signal

import pytest

from tests.conftest import EVAL_DIR
from tests.gui.conftest import make_window
from tests.models.test_analysis_worker import news_text


@pytest.mark.skipif(not EVAL_DIR.is_dir(), reason="the GUM evaluation set is not beside the repository")
def test_killing_the_worker_mid_analysis_keeps_the_window_and_the_next_analysis_works(qtbot, tmp_path) -> None:
    win = make_window(qtbot, tmp_path / "data", fixed=False)
    supervisor = win.controller.supervisor
    path = tmp_path / "news.txt"
    path.write_text(news_text(3000), encoding="utf-8")
    killed: list[int] = []

    def kill_worker(_spans: object) -> None:
        pid = supervisor.worker_pid
        if not killed and pid is not None:
            killed.append(pid)
            os.kill(pid, signal.SIGKILL)

    win.controller.partial.connect(kill_worker)
    with qtbot.waitSignal(win.controller.analysis_interrupted, timeout=120_000) as interrupted:
        win.open_path(path)
    win.controller.partial.disconnect(kill_worker)
    message = interrupted.args[0]
    assert killed
    assert "restarted" in message and message.count(". ") == 0  # one sentence
    assert win.isVisible()
    assert win.status_line.label.text() == message
    assert win.view.document().toPlainText().startswith(path.read_text(encoding="utf-8")[:200].strip()[:50])
    assert not win.controller.busy
    assert win.analysis is None

    small = tmp_path / "small.txt"
    small.write_text("Angela Merkel met Emmanuel Macron in Berlin.\n", encoding="utf-8")
    with qtbot.waitSignal(win.analysis_shown, timeout=120_000):
        win.open_path(small)
    assert win.analysis is not None
    assert {a.name for a in win.analysis.actors} >= {"Angela Merkel", "Emmanuel Macron"}
    assert supervisor.worker_pid not in killed
    win.close()


def test_a_stored_analysis_is_shown_without_starting_the_analysis_process(qtbot, tmp_path) -> None:
    from dataclasses import replace

    from models.analysis.supervisor import AnalysisSupervisor
    from models.version import ANALYZER_VERSION
    from tests.gui.reader_fixtures import build_analysis, write_article

    data, article = tmp_path / "data", write_article(tmp_path)
    first = make_window(qtbot, data, fixed=False)
    first.controller.analyze_fn = lambda document: replace(build_analysis(document), analyzer_version=ANALYZER_VERSION)
    with qtbot.waitSignal(first.analysis_shown, timeout=10_000):
        first.open_path(article)
    first.close()

    again = make_window(qtbot, data, fixed=False)
    unstarted = AnalysisSupervisor(None)
    again.controller.supervisor = unstarted
    with qtbot.waitSignal(again.analysis_shown, timeout=10_000):
        again.open_path(article)
    assert again.analysis is not None and again.analysis.actors
    assert unstarted.process_ids() == []  # warm start: nothing waited for the model
    again.close()


def test_a_new_document_is_shown_then_its_actors_join_the_library_index(qtbot, tmp_path) -> None:
    from models.library import Library
    from models.library.actor_index import unindexed
    from models.version import ANALYZER_VERSION

    data = tmp_path / "data"
    win = make_window(qtbot, data, fixed=False)
    path = tmp_path / "small.txt"
    path.write_text("Angela Merkel met Emmanuel Macron in Berlin.\n", encoding="utf-8")
    with qtbot.waitSignal(win.analysis_shown, timeout=120_000):
        win.open_path(path)
    assert {a.name for a in win.analysis.actors} >= {"Angela Merkel", "Emmanuel Macron"}

    def indexed() -> bool:
        with Library(data / "library.sqlite3") as lib:
            stored = lib.conn.execute("SELECT count(*) FROM analyses").fetchone()[0]
            return stored == 1 and not unindexed(lib.conn, ANALYZER_VERSION)

    qtbot.waitUntil(indexed, timeout=30_000)
    with Library(data / "library.sqlite3") as lib:
        names = {row[0] for row in lib.conn.execute("SELECT name FROM library_actors")}
    assert {"Angela Merkel", "Emmanuel Macron"} <= names
    win.close()

"""Documents without a date: sensible event order, no made-up date range, the found date in the Library."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from models.domain import Analysis, Document, EventType
from models.version import ANALYZER_VERSION
from tests.gui.conftest import make_window
from tests.gui.reader_fixtures import build_analysis, write_article


def year_unknown(document: Document) -> Analysis:
    """The fixed article as if undated: "met" on Oct 7 (read first), "called" in Jan, "attacked" undated."""
    analysis = build_analysis(document)
    dates = {"e1": "XXXX-10-07", "e2": "XXXX-01", "e3": None}
    events = [replace(e, date=dates[e.id], type=EventType(e.type)) for e in analysis.events]
    return replace(analysis, events=events, analyzer_version=ANALYZER_VERSION)


def with_dateline(document: Document) -> Analysis:
    analysis = build_analysis(document)
    return replace(analysis, document=replace(analysis.document, date="2015-05-01"), analyzer_version=ANALYZER_VERSION)


def open_with(qtbot, tmp_path: Path, analyze):
    win = make_window(qtbot, tmp_path / "data", fixed=False)
    win.controller.analyze_fn = analyze
    with qtbot.waitSignal(win.analysis_shown, timeout=10_000):
        win.open_path(write_article(tmp_path))
    return win


def test_year_unknown_events_follow_the_story_not_the_calendar(qtbot, tmp_path: Path) -> None:
    win = open_with(qtbot, tmp_path, year_unknown)
    panel = win.events_panel
    assert panel.visible_event_ids() == ["e1", "e2", "e3"]  # Oct 7, then Jan, then undated
    assert panel.proxy.index(0, 0).data() == "Oct 7, year unknown"
    # No calendar date anywhere: no date range, and a plain way out instead.
    assert not panel.from_date.isVisible() and not panel.to_date.isVisible()
    assert panel.no_dates.isVisible() and "Document Date" in panel.no_dates.text()
    win.close()


def test_dated_events_keep_their_date_range(qtbot, tmp_path: Path) -> None:
    win = open_with(qtbot, tmp_path, lambda d: replace(build_analysis(d), analyzer_version=ANALYZER_VERSION))
    panel = win.events_panel
    assert panel.from_date.isVisible() and not panel.no_dates.isVisible()
    assert panel.from_date.date().toString("yyyy-MM-dd") == "2015-05-03"
    win.close()


def test_library_shows_the_date_the_analysis_found(qtbot, tmp_path: Path) -> None:
    win = open_with(qtbot, tmp_path, with_dateline)
    lib = win.libraries.show_library()
    qtbot.waitUntil(lambda: lib.model.rowCount() == 1, timeout=10_000)
    assert lib.model.data(lib.model.index(0, 1)) == "2015-05-01"
    lib.close()
    win.close()

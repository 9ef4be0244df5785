"""File › Import Annotations… with a Dramatis export: the reader's items arrive, the analysis' findings do not,
and the window says how many were left out and why."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtGui import QAction

from models.export import ExportFormat, render_text
from tests.gui.reader_fixtures import TEXT
from tests.gui.test_library_failures import open_article
from tests.models.test_export_report import full_report, reader_items


def test_importing_a_dramatis_export_adds_only_the_readers_highlights(qtbot, tmp_path: Path) -> None:
    win = open_article(qtbot, tmp_path / "data", tmp_path)
    exported = tmp_path / "export.jsonld"
    exported.write_text(render_text(full_report(), ExportFormat.JSONLD), encoding="utf-8")
    items = json.loads(exported.read_text(encoding="utf-8"))["first"]["items"]
    found = sum(1 for i in items if i.get("creator", {}).get("type") == "Software")
    assert found > 10

    win.annotations.ask_path = lambda: str(exported)
    action = next(a for a in win.findChildren(QAction) if a.text() == "Import &Annotations…")
    action.trigger()
    qtbot.waitUntil(lambda: win.annotations.last is not None, timeout=10_000)
    highlights, notes = reader_items()
    placed = {(h.start, h.end, h.category, h.note) for h in win.reader.highlights()}
    assert placed == {(h.start, h.end, h.category, h.note) for h in highlights}
    assert all(TEXT[h.start : h.end] == h.quote for h in win.reader.highlights())
    assert sorted(n.text for n in win.reader.notes()) == sorted(n.text for n in notes)
    message = win.statusBar().currentMessage()
    assert "Imported 4 highlights and 3 notes" in message
    assert f"Skipped {found} annotations made by the analysis; Dramatis finds those itself." in message
    win.close()

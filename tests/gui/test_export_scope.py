"""File › Export… with "Only what is shown": the report says "(filtered)" only when the view hides something."""

from __future__ import annotations

from pathlib import Path

from models.export import ExportFormat
from tests.gui.test_export_dialog import add_reader_work, export, open_dialog


def test_default_view_exports_everything_not_filtered(qtbot, fixed_window, tmp_path: Path) -> None:
    win = fixed_window
    add_reader_work(win)
    dialog = open_dialog(qtbot, win)
    dialog.set_format(ExportFormat.MARKDOWN)
    assert dialog.shown_radio.isChecked()  # the default scope
    out = tmp_path / "report.md"
    export(qtbot, dialog, out)
    markdown = out.read_text(encoding="utf-8")
    assert "Contents: everything" in markdown and "(filtered)" not in markdown
    assert "Paris" in markdown


def test_a_hidden_layer_is_said_to_be_filtered(qtbot, fixed_window, tmp_path: Path) -> None:
    win = fixed_window
    add_reader_work(win)
    win.hub.set_state(win.hub.state.with_layer("PLACE", False))
    dialog = open_dialog(qtbot, win)
    dialog.set_format(ExportFormat.MARKDOWN)
    assert dialog.shown_radio.isChecked()
    out = tmp_path / "report.md"
    export(qtbot, dialog, out)
    markdown = out.read_text(encoding="utf-8")
    assert "Contents: what was shown (filtered)" in markdown and "| Paris |" not in markdown

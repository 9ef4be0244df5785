"""A passing status message never overlaps the standing status text."""

from __future__ import annotations


def test_temporary_message_hides_the_standing_text_until_it_clears(fixed_window) -> None:
    win = fixed_window
    standing = win.status_line.label
    assert standing.isVisible() and standing.text()
    win.statusBar().showMessage("Highlight added.", 4000)
    assert not standing.isVisible()
    win.statusBar().clearMessage()
    assert standing.isVisible()

"""The suite's own guards: a Qt warning reaches the test that caused it, and a timer left running is caught."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer, qWarning
from PySide6.QtWidgets import QWidget

from tests.conftest import active_timers


@pytest.mark.qt_log_ignore("^a warning the guard must see$")
def test_qt_warnings_reach_the_test_after_the_app_installs_its_own_handler(qtlog) -> None:
    from gui.app import create_app

    create_app()
    qWarning("a warning the guard must see")
    assert "a warning the guard must see" in [record.message for record in qtlog.records]


def test_the_timer_guard_names_and_stops_a_timer_left_running(qtbot) -> None:
    owner = QWidget()
    timer = QTimer(owner)
    timer.setObjectName("refresh")
    timer.start(50)
    assert "refresh of QWidget every 50 ms" in active_timers()
    assert not timer.isActive()
    owner.deleteLater()

"""The window's docks: how each is made (one helper for the window and the overview views), the first
window's size on the reader's screen and the share each dock takes.

The sizes are used only when no saved geometry or dock state exists; what the reader arranged always wins.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget

SCREEN_SHARE = 0.85  # of the screen's available geometry
LEFT_SHARE = 0.23  # legend and actors column, of the window width
RIGHT_SHARE = 0.29  # events, notes, X-Ray and network column
BOTTOM_SHARE = 0.22  # the timeline, of the window height
LEGEND_MAX_SHARE = 0.5  # of the left column: the actors list keeps the rest


def add_dock(host: QMainWindow, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
    """A dock holding `widget` in `area`; its object name lets the window save and restore where it was put."""
    dock = QDockWidget(title, host)
    dock.setObjectName(name)
    dock.setWidget(widget)
    host.addDockWidget(area, dock)
    return dock


def first_window_rect(available: QRect, minimum: QSize) -> QRect:
    """About 85% of the available screen, centred, never below the window's minimum or above the screen."""
    width = min(available.width(), max(minimum.width(), round(available.width() * SCREEN_SHARE)))
    height = min(available.height(), max(minimum.height(), round(available.height() * SCREEN_SHARE)))
    rect = QRect(0, 0, width, height)
    rect.moveCenter(available.center())
    return rect


def fit_docks(
    host: QMainWindow,
    *,
    legend: QDockWidget,
    legend_content: QWidget,
    actors: QDockWidget,
    events: QDockWidget,
    notes: QDockWidget,
    timeline: QDockWidget,
) -> None:
    """Give the side columns and the timeline their share of the window, the legend its natural height."""
    width, height = host.width(), host.height()
    left = max(320, round(width * LEFT_SHARE))  # the legend lines ("Organization: 17 actors, 43 mentions") fit
    right = max(300, round(width * RIGHT_SHARE))
    host.resizeDocks([actors, events], [left, right], Qt.Orientation.Horizontal)
    if not timeline.isHidden():
        host.resizeDocks([timeline], [max(150, round(height * BOTTOM_SHARE))], Qt.Orientation.Vertical)
    column = legend.height() + actors.height()
    share = min(legend_content.sizeHint().height() + 30, round(column * LEGEND_MAX_SHARE))
    host.resizeDocks([legend, actors], [share, column - share], Qt.Orientation.Vertical)
    side = events.height() + notes.height()
    host.resizeDocks([events, notes], [round(side * 0.6), side - round(side * 0.6)], Qt.Orientation.Vertical)

"""Overview docks: a timeline, an actor network, an X-Ray of the selected actor, and a mention map."""

from gui.views.overview import OverviewViews

__all__ = ["OverviewViews"]

"""Data for the overview views (timeline, actor network, X-Ray) and their SVG pictures, without Qt.

The GUI builds a `ViewIndex` once per analysis and asks for a `Timeline`, a `Network` or an `XRay`
on every filter change; the reports draw the same pictures with `report_figures`.
"""

from __future__ import annotations

from dataclasses import dataclass

from models.domain import Analysis
from models.views.index import ViewIndex
from models.views.network import Network, StableLayout, build_network
from models.views.style import DARK, LIGHT, Palette
from models.views.svg import network_svg, timeline_svg
from models.views.timeline import Timeline, build_timeline
from models.views.xray import XRay, build_xray


@dataclass(frozen=True, slots=True)
class Figure:
    """A picture for a report: its title and its SVG text."""

    title: str
    svg: str


def report_figures(analysis: Analysis, palette: Palette = LIGHT) -> tuple[Figure, ...]:
    """The timeline and the actor network of an analysis (already cut down to what the report shows)."""
    index = ViewIndex(analysis)
    figures = []
    timeline = build_timeline(index)
    if timeline.dated_events:
        figures.append(Figure("Timeline", timeline_svg(timeline, palette)))
    network = build_network(index)
    if len(network.links) < len(network.nodes) // 3:  # few shared events: who shares sentences says more
        network = build_network(index, mode="sentences")
    if network.nodes:
        layout = StableLayout()
        positions = layout.place(network, index.cooccurrence(n.id for n in network.nodes))
        figures.append(Figure("Actor network", network_svg(network, positions, palette=palette)))
    return tuple(figures)


__all__ = [
    "DARK",
    "LIGHT",
    "Figure",
    "Network",
    "Palette",
    "StableLayout",
    "Timeline",
    "ViewIndex",
    "XRay",
    "build_network",
    "build_timeline",
    "build_xray",
    "network_svg",
    "report_figures",
    "timeline_svg",
]

"""Actor network data and a layout that stays put while the filters change."""

from __future__ import annotations

import math
import random
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from models.filters import FilterState
from models.views.index import ViewIndex

LinkMode = Literal["events", "sentences"]
MAX_NODES = 80  # more actors than this make an unreadable hairball; the rest are counted, not drawn
LABEL_TOP = 14  # nodes labelled by default (the selected and hovered ones are labelled too)
LAYOUT_SEED = 7
_HUB = "\x00hub"  # an invisible node in the middle of the layout
_GRAVITY = 0.3

Point = tuple[float, float]


@dataclass(frozen=True, slots=True)
class Node:
    id: str
    name: str
    type: str
    mentions: int
    rank: int  # 0 = most mentioned of the nodes shown


@dataclass(frozen=True, slots=True)
class Link:
    """Actors `a` and `b` (a < b) linked `weight` times; `forward`/`backward` count a->b and b->a."""

    a: str
    b: str
    weight: int
    forward: int = 0
    backward: int = 0


@dataclass(frozen=True, slots=True)
class Network:
    nodes: tuple[Node, ...]
    links: tuple[Link, ...]
    mode: LinkMode
    omitted: int  # shown actors left out to keep the picture readable
    unlinked: int = 0  # actors no link (of the minimum weight) reaches
    linked_only: bool = False  # those actors are left out of `nodes`
    thinned: int = 0  # links left out because they are lighter than the minimum weight
    heaviest: int = 1  # the heaviest link before thinning (the top of a weight slider)

    @property
    def max_mentions(self) -> int:
        return max((n.mentions for n in self.nodes), default=1)

    @property
    def max_weight(self) -> int:
        return max((link.weight for link in self.links), default=1)


def build_network(
    index: ViewIndex,
    state: FilterState | None = None,
    mode: LinkMode = "events",
    max_nodes: int = MAX_NODES,
    *,
    min_weight: int = 1,
    linked_only: bool = False,
) -> Network:
    """Nodes are the shown actors (only those in shown events while an event facet is active);
    links count shared events (directed where a source acts on a target) or shared sentences.

    Links lighter than `min_weight` are left out; with `linked_only`, so are actors no remaining
    link reaches (a picture of 80 dots and 22 links shows the 22 links, and counts the rest).
    """
    candidates = [a for a in index.analysis.actors if state is None or state.actor_visible(a)]
    if mode == "events" and state is not None and state.has_event_facets:
        involved = index.actors_in(index.shown_event_indices(state)) | set(state.actors)
        candidates = [a for a in candidates if a.id in involved]
    candidates.sort(key=lambda a: index.mention_rank[a.id])
    kept = candidates[:max_nodes]
    ids = {a.id for a in kept}
    nodes = tuple(Node(a.id, a.name, str(a.type), len(a.mentions), r) for r, a in enumerate(kept))

    links: list[Link] = []
    if mode == "events":
        weights, directed = index.event_links(state)
        for (a, b), weight in weights.items():
            if a in ids and b in ids:
                links.append(Link(a, b, weight, directed.get((a, b), 0), directed.get((b, a), 0)))
    else:
        for (a, b), weight in index.cooccurrence(ids).items():
            if a in ids and b in ids:
                links.append(Link(a, b, weight))
    heaviest = max((link.weight for link in links), default=1)
    kept_links = [link for link in links if link.weight >= min_weight]
    thinned = len(links) - len(kept_links)
    kept_links.sort(key=lambda link: (link.weight, link.a, link.b))
    linked = {link.a for link in kept_links} | {link.b for link in kept_links}
    unlinked = sum(n.id not in linked for n in nodes)
    if linked_only:
        shown = [n for n in nodes if n.id in linked]
        nodes = tuple(Node(n.id, n.name, n.type, n.mentions, rank) for rank, n in enumerate(shown))
    return Network(
        nodes,
        tuple(kept_links),
        mode,
        omitted=len(candidates) - len(kept),
        unlinked=unlinked,
        linked_only=linked_only,
        thinned=thinned,
        heaviest=max(1, heaviest),
    )


def bounds_of(positions: Mapping[str, Point]) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) of some positions: the picture is fitted to the actors it shows."""
    if not positions:
        return -1.0, -1.0, 1.0, 1.0
    xs = [p[0] for p in positions.values()]
    ys = [p[1] for p in positions.values()]
    left, top, right, bottom = min(xs), min(ys), max(xs), max(ys)
    # One actor, or a row of them, still gets a square of room around it.
    if right - left < 0.2:
        left, right = (left + right) / 2 - 0.1, (left + right) / 2 + 0.1
    if bottom - top < 0.2:
        top, bottom = (top + bottom) / 2 - 0.1, (top + bottom) / 2 + 0.1
    return left, top, right, bottom


class StableLayout:
    """Node positions per actor id, kept across filter changes.

    Why: a graph that rearranges itself whenever a filter changes loses the reader. Positions are
    computed once for the actors first seen (spring layout, fixed seed); actors that appear later
    are placed near their neighbours with the known ones held still, and hidden actors keep their
    place for when they come back.
    """

    def __init__(self, seed: int = LAYOUT_SEED) -> None:
        self.seed = seed
        self.positions: dict[str, Point] = {}

    def clear(self) -> None:
        self.positions.clear()

    def place(self, network: Network, affinity: Mapping[tuple[str, str], int] | None = None) -> dict[str, Point]:
        """Positions of the network's nodes; `affinity` (e.g. shared sentences) shapes the layout
        besides the links, so switching link modes keeps every node where it is."""
        missing = [n.id for n in network.nodes if n.id not in self.positions]
        if missing:
            self._add(network, missing, affinity or {})
        return {n.id: self.positions[n.id] for n in network.nodes}

    def bounds(self) -> tuple[float, float, float, float]:
        """(left, top, right, bottom) of every known position, so the view's scale does not jump either."""
        if not self.positions:
            return -1.0, -1.0, 1.0, 1.0
        xs = [p[0] for p in self.positions.values()]
        ys = [p[1] for p in self.positions.values()]
        return min(xs), min(ys), max(xs), max(ys)

    def _add(self, network: Network, missing: list[str], affinity: Mapping[tuple[str, str], int]) -> None:
        import networkx as nx  # imported on first layout: it costs 0.2 s that the window's start-up need not pay

        graph = nx.Graph()
        ids = [n.id for n in network.nodes]
        graph.add_nodes_from(ids)
        present = set(ids)
        for (a, b), weight in affinity.items():
            if a in present and b in present:
                graph.add_edge(a, b, weight=math.sqrt(weight))
        for link in network.links:
            old = graph.get_edge_data(link.a, link.b, {}).get("weight", 0.0)
            graph.add_edge(link.a, link.b, weight=old + math.sqrt(link.weight))
        # A weak pull towards the middle keeps actors without links from drifting to a far ring.
        graph.add_node(_HUB)
        for node_id in ids:
            graph.add_edge(_HUB, node_id, weight=_GRAVITY)
        k = 1.8 / math.sqrt(max(1, len(ids)))
        known = {i: self.positions[i] for i in ids if i in self.positions}
        if not known:
            layout = nx.spring_layout(graph, k=k, iterations=150, seed=self.seed, weight="weight")
            spread = _separate(
                {i: (float(layout[i][0]), float(layout[i][1])) for i in ids}, network, set(ids), normalise=True
            )
            self.positions.update(spread)
            return
        rng = random.Random(f"{self.seed}:{len(self.positions)}:{len(missing)}")
        start: dict[str, Point] = dict(known)
        left, top, right, bottom = self.bounds()
        start[_HUB] = ((left + right) / 2, (top + bottom) / 2)
        for node_id in missing:
            neighbours = [known[n] for n in graph.neighbors(node_id) if n in known]
            if neighbours:
                cx = sum(p[0] for p in neighbours) / len(neighbours)
                cy = sum(p[1] for p in neighbours) / len(neighbours)
            else:
                cx, cy = start[_HUB]
            start[node_id] = (cx + rng.uniform(-0.1, 0.1), cy + rng.uniform(-0.1, 0.1))
        layout = nx.spring_layout(
            graph, pos=start, fixed=[*known, _HUB], k=k, iterations=80, seed=self.seed, weight="weight"
        )
        placed = {i: (float(layout[i][0]), float(layout[i][1])) for i in ids}
        self.positions.update({i: p for i, p in _separate(placed, network, set(missing)).items() if i in missing})


def _separate(
    positions: dict[str, Point], network: Network, movable: set[str], *, normalise: bool = False, rounds: int = 60
) -> dict[str, Point]:
    """Push overlapping nodes apart (only `movable` ones move), so no circle hides another.

    Sizes are in layout units for a picture about 2 units wide drawn some 700 pixels across.
    """
    ids = list(positions)
    if len(ids) < 2:
        return positions
    import numpy as np

    pos = np.array([positions[i] for i in ids], dtype=float)
    if normalise:
        span = max(1e-9, float(np.ptp(pos[:, 0])), float(np.ptp(pos[:, 1])))
        pos = (pos - pos.mean(axis=0)) * (2.0 / span)
    biggest = network.max_mentions
    mentions = {n.id: n.mentions for n in network.nodes}
    radius = np.array([(5.0 + 19.0 * math.sqrt(mentions.get(i, 1) / max(1, biggest)) + 5.0) / 350.0 for i in ids])
    free = np.array([i in movable for i in ids], dtype=float)[:, None]
    need = radius[:, None] + radius[None, :]
    for _ in range(rounds):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.sqrt((delta**2).sum(axis=2)) + np.eye(len(ids))
        overlap = np.clip(need - dist, 0, None)
        np.fill_diagonal(overlap, 0)
        if not overlap.any():
            break
        push = (delta / dist[:, :, None] * overlap[:, :, None] * 0.5).sum(axis=1)
        pos += push * free
    return {i: (float(x), float(y)) for i, (x, y) in zip(ids, pos, strict=True)}

"""The timeline and the actor network as standalone SVG, for the HTML and PDF reports.

Plain string building (no Qt), every text from the document escaped. The pictures follow the
widgets: lanes with marks shaped and coloured by event family, nodes sized by mentions and
coloured by actor type, links as wide as their weight with arrows from source to target.
"""

from __future__ import annotations

import datetime as dt
import math
from html import escape

from models.views.network import LABEL_TOP, Network, Point
from models.views.style import ACTOR_TYPE_COLORS, ACTOR_TYPE_LABELS, FAMILIES, LIGHT, Palette, Shape, family_of
from models.views.timeline import Timeline, ticks

FONT = "DejaVu Sans, Helvetica, Arial, sans-serif"
LANE_HEIGHT = 26
LABEL_WIDTH = 180
AXIS_HEIGHT = 34
MAX_LANES = 24


def _e(text: str) -> str:
    return escape(text, quote=True)


def _short(text: str, limit: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def shape_path(shape: Shape, x: float, y: float, r: float) -> str:
    """SVG path data of a mark shape centred on (x, y)."""
    if shape is Shape.TRIANGLE:
        return f"M{_num(x)},{_num(y - r)}L{_num(x + r)},{_num(y + r * 0.8)}L{_num(x - r)},{_num(y + r * 0.8)}Z"
    if shape is Shape.SQUARE:
        s = r * 0.85
        return f"M{_num(x - s)},{_num(y - s)}h{_num(2 * s)}v{_num(2 * s)}h{_num(-2 * s)}Z"
    if shape is Shape.DIAMOND:
        return f"M{_num(x)},{_num(y - r)}L{_num(x + r)},{_num(y)}L{_num(x)},{_num(y + r)}L{_num(x - r)},{_num(y)}Z"
    return (
        f"M{_num(x - r)},{_num(y)}a{_num(r)},{_num(r)} 0 1,0 {_num(2 * r)},0"
        f"a{_num(r)},{_num(r)} 0 1,0 {_num(-2 * r)},0Z"
    )


def _open(width: float, height: float, palette: Palette, title: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_num(width)}" height="{_num(height)}" '
        f'viewBox="0 0 {_num(width)} {_num(height)}" font-family="{FONT}" font-size="12">',
        f"<title>{_e(title)}</title>",
        f'<rect width="{_num(width)}" height="{_num(height)}" fill="{palette.page}"/>',
    ]


def timeline_svg(timeline: Timeline, palette: Palette = LIGHT, width: int = 960, max_lanes: int = MAX_LANES) -> str:
    """The timeline: an axis on top, one lane per actor (or type), a legend of event families below."""
    lanes = timeline.lanes[:max_lanes]
    extra = len(timeline.lanes) - len(lanes)
    notes = []
    if extra > 0:
        notes.append(f"{extra} more lane{'s' if extra != 1 else ''} not drawn")
    if timeline.undated:
        n = len(timeline.undated)
        notes.append(f"{n} undated event{'s' if n != 1 else ''} not on the axis")
    legend_y = AXIS_HEIGHT + len(lanes) * LANE_HEIGHT + 22
    height = legend_y + 26 + (18 if notes else 0)
    out = _open(width, height, palette, "Timeline")
    if timeline.first is None or timeline.last is None or not lanes:
        out.append(f'<text x="16" y="28" fill="{palette.muted}">No dated events to show.</text>')
        if notes:
            out.append(f'<text x="16" y="48" fill="{palette.muted}">{_e("; ".join(notes))}.</text>')
        out.append("</svg>")
        return "".join(out)
    first_day = timeline.first.toordinal()
    days = timeline.last.toordinal() + 1 - first_day
    pad = max(0.5, days * 0.04)
    left, right = LABEL_WIDTH + 8, width - 16
    scale = (right - left) / (days + 2 * pad)

    def x_of(ordinal: float) -> float:
        return left + (ordinal - first_day + pad) * scale

    bottom = AXIS_HEIGHT + len(lanes) * LANE_HEIGHT
    for row in range(len(lanes)):
        if row % 2 == 0:
            top = AXIS_HEIGHT + row * LANE_HEIGHT
            out.append(f'<rect x="0" y="{top}" width="{width}" height="{LANE_HEIGHT}" fill="{palette.lane}"/>')
    lo = dt.date.fromordinal(max(1, int(first_day - pad)))
    hi = dt.date.fromordinal(int(timeline.last.toordinal() + pad) + 1)
    for tick in ticks(lo, hi, scale):
        x = x_of(tick.day.toordinal())
        if x < left or x > right:
            continue
        stroke = palette.muted if tick.major else palette.rule
        out.append(f'<line x1="{_num(x)}" y1="{AXIS_HEIGHT - 6}" x2="{_num(x)}" y2="{bottom}" stroke="{stroke}" '
                   f'stroke-width="{1 if tick.major else 0.6}"/>')  # fmt: skip
        out.append(f'<text x="{_num(x + 3)}" y="{AXIS_HEIGHT - 12}" fill="{palette.muted}" font-size="11">'
                   f"{_e(tick.label)}</text>")  # fmt: skip
    for row, lane in enumerate(lanes):
        y = AXIS_HEIGHT + row * LANE_HEIGHT + LANE_HEIGHT / 2
        color = ACTOR_TYPE_COLORS.get(lane.kind)
        if color:
            out.append(f'<circle cx="12" cy="{_num(y)}" r="4.5" fill="{color}"/>')
        out.append(f'<text x="22" y="{_num(y + 4)}" fill="{palette.text}">{_e(_short(lane.label, 24))}</text>')
        seen: set[tuple[int, str]] = set()
        for mark in lane.marks:
            family = family_of(mark.type)
            color = palette.event_color(mark.type)
            x1 = x_of(mark.first.toordinal())
            key = (round(x1), family.key + ("s" if mark.is_span else ""))
            if key in seen:
                continue
            seen.add(key)
            if mark.is_span:
                x2 = x_of(mark.last.toordinal() + 1)
                out.append(
                    f'<rect x="{_num(x1)}" y="{_num(y - 5)}" width="{_num(max(3.0, x2 - x1))}" height="10" rx="3" '
                    f'fill="{color}" fill-opacity="0.3" stroke="{color}" stroke-width="1"><title>'
                    f"{_e(mark.label)}: {_e(mark.type.title())} “{_e(mark.trigger)}”</title></rect>"
                )
                continue
            x = x_of(mark.first.toordinal() + 0.5)
            out.append(
                f'<path d="{shape_path(family.shape, x, y, 6)}" fill="{color}" stroke="{palette.page}" '
                f'stroke-width="1"><title>{_e(mark.label)}: {_e(mark.type.title())} “{_e(mark.trigger)}”</title></path>'
            )
    x = 16.0
    for family in FAMILIES.values():
        color = family.dark_color if palette.dark else family.color
        out.append(f'<path d="{shape_path(family.shape, x + 5, legend_y, 5.5)}" fill="{color}"/>')
        out.append(f'<text x="{_num(x + 15)}" y="{legend_y + 4}" fill="{palette.text}" font-size="11">'
                   f"{_e(family.label)}</text>")  # fmt: skip
        x += 30 + len(family.label) * 6.2
    if notes:
        out.append(f'<text x="16" y="{legend_y + 26}" fill="{palette.muted}" font-size="11">'
                   f"{_e('; '.join(notes))}.</text>")  # fmt: skip
    out.append("</svg>")
    return "".join(out)


def node_radius(mentions: int, max_mentions: int, scale: float = 1.0) -> float:
    """Area grows with mentions, so a node with four times the mentions looks twice as wide."""
    return scale * (5.0 + 19.0 * math.sqrt(mentions / max(1, max_mentions)))


def link_width(weight: int, max_weight: int) -> float:
    """The stroke width of a network link: grows with the square root of its weight, 1 to 6 pixels."""
    return 1.0 + 5.0 * math.sqrt(weight / max(1, max_weight))


def fit(
    positions: dict[str, Point],
    bounds: tuple[float, float, float, float],
    width: float,
    height: float,
    margin: float,
    *,
    stretch: bool = False,
) -> dict[str, Point]:
    """Layout coordinates to picture coordinates, keeping the aspect ratio unless `stretch` (a wide,
    short dock is better filled than left empty on both sides: a network's shape carries no meaning)."""
    left, top, right, bottom = bounds
    span_x, span_y = max(1e-9, right - left), max(1e-9, bottom - top)
    sx, sy = (width - 2 * margin) / span_x, (height - 2 * margin) / span_y
    if not stretch:
        sx = sy = min(sx, sy)
    ox = (width - span_x * sx) / 2
    oy = (height - span_y * sy) / 2
    return {k: (ox + (x - left) * sx, oy + (y - top) * sy) for k, (x, y) in positions.items()}


def network_svg(
    network: Network,
    positions: dict[str, Point],
    *,
    bounds: tuple[float, float, float, float] | None = None,
    palette: Palette = LIGHT,
    width: int = 860,
    height: int = 600,
    label_top: int = LABEL_TOP,
) -> str:
    """The network: links under nodes, arrows for source -> target, labels on the most mentioned actors."""
    legend_h = 30
    out = _open(width, height + legend_h, palette, "Actor network")
    if not network.nodes:
        out.append(f'<text x="16" y="28" fill="{palette.muted}">No actors to show.</text></svg>')
        return "".join(out)
    if bounds is None:
        xs = [p[0] for p in positions.values()]
        ys = [p[1] for p in positions.values()]
        bounds = (min(xs), min(ys), max(xs), max(ys))
    at = fit(positions, bounds, width, height, 56)
    radius = {n.id: node_radius(n.mentions, network.max_mentions) for n in network.nodes}
    out.append(
        "<defs>"
        f'<marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
        f'orient="auto-start-reverse" markerUnits="userSpaceOnUse"><path d="M0,0L10,5L0,10Z" fill="{palette.muted}"/>'
        "</marker></defs>"
    )
    for link in network.links:
        (x1, y1), (x2, y2) = at[link.a], at[link.b]
        dx, dy = x2 - x1, y2 - y1
        dist = math.hypot(dx, dy) or 1.0
        ra, rb = radius[link.a] + 2, radius[link.b] + 2
        sx, sy = x1 + dx / dist * ra, y1 + dy / dist * ra
        ex, ey = x2 - dx / dist * rb, y2 - dy / dist * rb
        markers = ""
        if link.forward:
            markers += ' marker-end="url(#arrow)"'
        if link.backward:
            markers += ' marker-start="url(#arrow)"'
        out.append(
            f'<line x1="{_num(sx)}" y1="{_num(sy)}" x2="{_num(ex)}" y2="{_num(ey)}" stroke="{palette.muted}" '
            f'stroke-opacity="0.55" stroke-width="{_num(link_width(link.weight, network.max_weight))}"{markers}/>'
        )
    for node in sorted(network.nodes, key=lambda n: -n.rank):
        x, y = at[node.id]
        color = ACTOR_TYPE_COLORS.get(node.type, palette.muted)
        out.append(
            f'<circle cx="{_num(x)}" cy="{_num(y)}" r="{_num(radius[node.id])}" fill="{color}" '
            f'stroke="{palette.page}" stroke-width="1.5"><title>{_e(node.name)} ({node.mentions} mentions)</title>'
            "</circle>"
        )
    obstacles = {n.id: _box(at[n.id], radius[n.id]) for n in network.nodes}
    for lx, ly, label in place_labels(
        network, at, radius, width=width, height=height, label_top=label_top, obstacles=obstacles
    ).values():
        w = len(label) * 6.6 + 4
        out.append(
            f'<rect x="{_num(lx)}" y="{_num(ly)}" width="{_num(w)}" height="15" rx="3" fill="{palette.page}" '
            f'fill-opacity="0.8"/><text x="{_num(lx + 2)}" y="{_num(ly + 11.5)}" fill="{palette.text}" '
            f'font-size="12">{_e(label)}</text>'
        )
    x = 16.0
    y = height + legend_h / 2
    for key, label in ACTOR_TYPE_LABELS.items():
        out.append(f'<circle cx="{_num(x + 5)}" cy="{_num(y)}" r="5" fill="{ACTOR_TYPE_COLORS[key]}"/>')
        out.append(f'<text x="{_num(x + 14)}" y="{_num(y + 4)}" fill="{palette.text}" font-size="11">{label}</text>')
        x += 28 + len(label) * 6.2
    what = "shared events, arrows from source to target" if network.mode == "events" else "shared sentences"
    more = f"; {network.omitted} less mentioned actors not drawn" if network.omitted else ""
    out.append(f'<text x="{_num(x + 8)}" y="{_num(y + 4)}" fill="{palette.muted}" font-size="11">'
               f"Links: {what}{_e(more)}</text>")  # fmt: skip
    out.append("</svg>")
    return "".join(out)


Box = tuple[float, float, float, float]


def _box(at: Point, r: float) -> Box:
    return at[0] - r, at[1] - r, at[0] + r, at[1] + r


def place_labels(
    network: Network,
    at: dict[str, Point],
    radius: dict[str, float],
    *,
    width: float,
    height: float,
    label_top: int,
    obstacles: dict[str, Box],
    char_width: float = 6.6,
    line_height: float = 15.0,
    always: frozenset[str] = frozenset(),
) -> dict[str, tuple[float, float, str]]:
    """Label positions (left, top, text) for the most mentioned nodes (and `always`), beside their
    circle where a label hides neither another label nor another node; crowded ones stay unlabelled."""
    placed: list[Box] = []
    out: dict[str, tuple[float, float, str]] = {}
    chosen = [n for n in sorted(network.nodes, key=lambda n: n.rank) if n.rank < label_top or n.id in always]
    chosen.sort(key=lambda n: (n.id not in always, n.rank))
    important = [n.id for n in chosen if n.id in obstacles]  # labels may cover small nodes, never big ones
    for node in chosen:
        x, y = at[node.id]
        label = _short(node.name, 28)
        w, h = len(label) * char_width + 4, line_height
        others = [obstacles[k] for k in important if k != node.id]
        # Beside the circle where it hides no big node; else over a neighbour rather than not at all.
        for strict in (True, False):
            spot = _free_spot(
                _candidates(x, y, radius[node.id], w, h), w, h, (width, height), placed, others if strict else []
            )
            if spot is not None:
                placed.append((spot[0], spot[1], spot[0] + w, spot[1] + h))
                out[node.id] = (spot[0], spot[1], label)
                break
    return out


def _free_spot(
    spots: list[tuple[float, float]], w: float, h: float, size: tuple[float, float], *avoid: list[Box]
) -> tuple[float, float] | None:
    for lx, ly in spots:
        box = (lx, ly, lx + w, ly + h)
        if lx < 0 or ly < 0 or lx + w > size[0] or ly + h > size[1]:
            continue
        if any(_overlaps(box, b) for boxes in avoid for b in boxes):
            continue
        return lx, ly
    return None


def _candidates(x: float, y: float, r: float, w: float, h: float) -> list[tuple[float, float]]:
    """Where a label may go around a circle: right, below, above, left, then the four corners."""
    d = r * 0.7
    return [
        (x + r + 3, y - h / 2),
        (x - w / 2, y + r + 2),
        (x - w / 2, y - r - h - 2),
        (x - r - 3 - w, y - h / 2),
        (x + d + 2, y + d),
        (x + d + 2, y - d - h),
        (x - d - 2 - w, y + d),
        (x - d - 2 - w, y - d - h),
    ]


def _overlaps(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]

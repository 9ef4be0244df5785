"""Colour distance as readers see it: sRGB → CIELAB, CIEDE2000, and a colour laid over a page.

Why here: the reader's highlight colours must stay distinguishable from every automatic layer in
every theme, and the per-actor palette must be built for many categories; both are checked (and
the palettes were chosen) with these functions, without Qt.
"""

from __future__ import annotations

import math

Lab = tuple[float, float, float]
RGB = tuple[float, float, float]


def hex_rgb(color: str) -> RGB:
    """'#RRGGBB' as three channels in 0..255."""
    value = color.lstrip("#")
    return float(int(value[0:2], 16)), float(int(value[2:4], 16)), float(int(value[4:6], 16))


def over(color: str, page: str, alpha: float) -> RGB:
    """`color` laid over `page` with opacity `alpha` (0..1): what the eye gets from a tint or marker."""
    fg, bg = hex_rgb(color), hex_rgb(page)
    return tuple(alpha * f + (1 - alpha) * b for f, b in zip(fg, bg, strict=True))  # type: ignore[return-value]


def rgb_lab(rgb: RGB) -> Lab:
    """sRGB (0..255, D65) to CIELAB."""

    def linear(c: float) -> float:
        c /= 255.0
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in rgb)
    x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047
    y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b
    z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    fx, fy, fz = f(x), f(y), f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def delta_e(lab1: Lab, lab2: Lab) -> float:
    """CIEDE2000 colour difference (about 2 is just noticeable; over 10 reads as another colour)."""
    l1, a1, b1 = lab1
    l2, a2, b2 = lab2
    c1, c2 = math.hypot(a1, b1), math.hypot(a2, b2)
    c_mean = (c1 + c2) / 2
    g = 0.5 * (1 - math.sqrt(c_mean**7 / (c_mean**7 + 25**7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360
    h2p = math.degrees(math.atan2(b2, a2p)) % 360
    dl, dc = l2 - l1, c2p - c1p
    dh = h2p - h1p
    if c1p * c2p == 0:
        dh = 0.0
    elif dh > 180:
        dh -= 360
    elif dh < -180:
        dh += 360
    dhh = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dh / 2))
    l_mean, cp_mean = (l1 + l2) / 2, (c1p + c2p) / 2
    if c1p * c2p == 0:
        h_mean = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        h_mean = (h1p + h2p) / 2
    else:
        h_mean = (h1p + h2p + 360) / 2 if h1p + h2p < 360 else (h1p + h2p - 360) / 2
    t = (
        1
        - 0.17 * math.cos(math.radians(h_mean - 30))
        + 0.24 * math.cos(math.radians(2 * h_mean))
        + 0.32 * math.cos(math.radians(3 * h_mean + 6))
        - 0.20 * math.cos(math.radians(4 * h_mean - 63))
    )
    d_theta = 30 * math.exp(-(((h_mean - 275) / 25) ** 2))
    r_c = 2 * math.sqrt(cp_mean**7 / (cp_mean**7 + 25**7))
    s_l = 1 + 0.015 * (l_mean - 50) ** 2 / math.sqrt(20 + (l_mean - 50) ** 2)
    s_c = 1 + 0.045 * cp_mean
    s_h = 1 + 0.015 * cp_mean * t
    r_t = -math.sin(math.radians(2 * d_theta)) * r_c
    return math.sqrt((dl / s_l) ** 2 + (dc / s_c) ** 2 + (dhh / s_h) ** 2 + r_t * (dc / s_c) * (dhh / s_h))


def seen_difference(color1: str, alpha1: float, color2: str, alpha2: float, page: str) -> float:
    """CIEDE2000 between two colours as drawn on a page (each with its own opacity)."""
    return delta_e(rgb_lab(over(color1, page, alpha1)), rgb_lab(over(color2, page, alpha2)))

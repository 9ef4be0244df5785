"""Converting Python code-point offsets to Qt's UTF-16 positions and back.

Python indexes strings by code point; Qt's QTextDocument counts UTF-16 units, so every
character outside the Basic Multilingual Plane (most emoji) shifts Qt positions by one.
"""

from __future__ import annotations

from bisect import bisect_left


class Utf16Map:
    """Offset conversion for one text, O(log n) per lookup, free for BMP-only text."""

    __slots__ = ("_astral", "_astral_utf16")

    def __init__(self, text: str) -> None:
        # Code-point indices of characters that need two UTF-16 units.
        self._astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF] if not text.isascii() else []
        # Their UTF-16 positions, for the reverse direction.
        self._astral_utf16 = [i + k for k, i in enumerate(self._astral)]

    def to_qt(self, index: int) -> int:
        """UTF-16 position of code-point `index`."""
        if not self._astral:
            return index
        return index + bisect_left(self._astral, index)

    def to_py(self, position: int) -> int:
        """Code-point index of UTF-16 `position` (a position inside a surrogate pair rounds down)."""
        if not self._astral:
            return position
        return position - bisect_left(self._astral_utf16, position)

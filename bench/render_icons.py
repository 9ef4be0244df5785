"""Render the application icon's PNG sizes from resources/icons/dramatis.svg (run after editing the SVG).

Usage: `QT_QPA_PLATFORM=offscreen .venv/bin/python bench/render_icons.py`. Qt's SVG renderer draws
each size from the vector source, so small sizes stay crisp instead of being scaled-down pixels.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from resources import APP_ICON_SIZES, APP_ICON_SVG, app_icon_png


def main() -> int:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(APP_ICON_SVG))
    if not renderer.isValid():
        sys.stderr.write(f"{APP_ICON_SVG} is not a valid SVG\n")
        return 1
    for size in APP_ICON_SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        out = app_icon_png(size)
        if not image.save(str(out)):
            sys.stderr.write(f"could not write {out}\n")
            return 1
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())

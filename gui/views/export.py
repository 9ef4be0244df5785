"""PNG and SVG export of a painted view: the same paint routine draws on screen, on an image and into SVG."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QFileDialog, QMenu, QToolButton, QWidget

from models.errors import ExportError

# Paints the whole picture into a rectangle of the given size.
Painter = Callable[[QPainter, QRect], None]


def export_png(paint: Painter, size: QSize, path: str | Path, background: str, scale: float = 2.0) -> None:
    """Write a PNG at `scale` times the picture's size (sharp on high-density screens and in print)."""
    image = QImage(int(size.width() * scale), int(size.height() * scale), QImage.Format.Format_ARGB32)
    image.setDevicePixelRatio(scale)
    image.fill(QColor(background))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    paint(painter, QRect(0, 0, size.width(), size.height()))
    painter.end()
    if not image.save(str(path)):  # the format follows the .png suffix
        raise ExportError(f"The picture could not be written to {path}.")


def export_svg(paint: Painter, size: QSize, path: str | Path, title: str) -> None:
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(size)
    generator.setViewBox(QRect(0, 0, size.width(), size.height()))
    generator.setTitle(title)
    generator.setDescription("Dramatis")
    painter = QPainter()
    if not painter.begin(generator):
        raise ExportError(f"The picture could not be written to {path}.")
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    paint(painter, QRect(0, 0, size.width(), size.height()))
    painter.end()
    if not Path(path).is_file():
        raise ExportError(f"The picture could not be written to {path}.")


def export_button(
    parent: QWidget,
    title: str,
    paint: Painter,
    *,
    size: Callable[[], QSize],
    background: Callable[[], str],
    start_dir: Callable[[], str],
) -> QToolButton:
    """An "Export" tool button with PNG and SVG entries asking where to save."""
    button = QToolButton(parent)
    button.setText("Export")
    button.setToolTip(f"Save the {title.lower()} as a PNG or SVG picture")
    button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    menu = QMenu(button)

    def save(kind: str) -> None:
        suggested = str(Path(start_dir()) / f"{title.lower().replace(' ', '-')}.{kind}")
        path, _ = QFileDialog.getSaveFileName(parent, f"Export {title}", suggested, f"{kind.upper()} (*.{kind})")
        if not path:
            return
        try:
            if kind == "png":
                export_png(paint, size(), path, background())
            else:
                export_svg(paint, size(), path, title)
        except ExportError as exc:
            from gui.dialogs import show_error

            show_error(parent, exc.user_message)

    menu.addAction("PNG Picture…", lambda: save("png"))
    menu.addAction("SVG Drawing…", lambda: save("svg"))
    button.setMenu(menu)
    return button

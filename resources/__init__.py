"""Bundled data files: sample article, schema, lexicons, styles and icons.

Every path is relative to this package, so the same names work from a checkout and from an installed
wheel (where these files are package data next to this module).
"""

from pathlib import Path

RESOURCES_DIR = Path(__file__).resolve().parent
SAMPLE_ARTICLE = RESOURCES_DIR / "sample" / "north-korea-quasi-state-of-war.txt"
SAMPLE_ATTRIBUTION = "“North Korea puts military in ‘quasi-state of war’” (August 21, 2015), from Wikinews, CC BY 2.5"
ANALYSIS_SCHEMA = RESOURCES_DIR / "schema" / "analysis.schema.json"
LEXICONS_DIR = RESOURCES_DIR / "lexicons"
STYLES_DIR = RESOURCES_DIR / "styles"
ICONS_DIR = RESOURCES_DIR / "icons"
FONTS_DIR = RESOURCES_DIR / "fonts"

# The application icon: the SVG source and the PNG sizes rendered from it (bench/render_icons.py).
APP_ICON_NAME = "dramatis"
APP_ICON_SVG = ICONS_DIR / f"{APP_ICON_NAME}.svg"
APP_ICON_SIZES = (16, 32, 48, 64, 128, 256)


def app_icon_png(size: int) -> Path:
    """The PNG of the application icon at `size` pixels square (one of `APP_ICON_SIZES`)."""
    return ICONS_DIR / f"{APP_ICON_NAME}-{size}.png"

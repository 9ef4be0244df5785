"""Bundled data files: sample article, schema, lexicons, styles and icons."""

from pathlib import Path

RESOURCES_DIR = Path(__file__).resolve().parent
SAMPLE_ARTICLE = RESOURCES_DIR / "sample" / "north-korea-quasi-state-of-war.txt"
SAMPLE_ATTRIBUTION = "“North Korea puts military in ‘quasi-state of war’” (August 21, 2015), from Wikinews, CC BY 2.5"
ANALYSIS_SCHEMA = RESOURCES_DIR / "schema" / "analysis.schema.json"
LEXICONS_DIR = RESOURCES_DIR / "lexicons"
STYLES_DIR = RESOURCES_DIR / "styles"
ICONS_DIR = RESOURCES_DIR / "icons"
FONTS_DIR = RESOURCES_DIR / "fonts"

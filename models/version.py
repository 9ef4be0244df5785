"""Version numbers that travel with every analysis and database."""

APP_NAME = "Dramatis"
ORG_NAME = "Dramatis"
APP_VERSION = "0.1.0"

# Bump when the automatic analysis changes its output, so cached analyses are recomputed.
ANALYZER_VERSION = "3"

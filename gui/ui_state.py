"""Typed access to the window's QSettings (geometry, docks, theme, zoom, recent files, panels).

QSettings in INI format returns strings for booleans and a bare string for one-element lists;
every read here goes through a typed getter so callers never see those surprises.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT = 10


class UiState:
    """A thin typed wrapper; keys are listed once here."""

    THEME = "view/theme"
    POINT_SIZE = "view/point_size"
    FOCUS = "view/focus_mode"
    PER_ACTOR = "view/per_actor_colours"
    GEOMETRY = "window/geometry"
    STATE = "window/state"
    LAST_DIR = "files/last_dir"
    RECENT = "files/recent"
    ACTOR_SORT = "panels/actor_sort"
    HIDDEN_LAYERS = "filters/hidden_layers"

    def __init__(self, settings: QSettings) -> None:
        self.settings = settings

    def get_str(self, key: str, default: str = "") -> str:
        value = self.settings.value(key, default)
        return default if value is None else str(value)

    def get_int(self, key: str, default: int) -> int:
        try:
            return int(str(self.settings.value(key, default)))
        except (TypeError, ValueError):
            return default

    def get_bool(self, key: str, default: bool = False) -> bool:
        value = self.settings.value(key, default)
        if isinstance(value, str):
            return value.strip().lower() in ("true", "1", "yes")
        return bool(value)

    def get_list(self, key: str) -> list[str]:
        value = self.settings.value(key, [])
        if value is None or value == "":
            return []
        if isinstance(value, str):
            return [value]
        return [str(v) for v in value] if isinstance(value, list | tuple) else []

    def get_bytes(self, key: str) -> QByteArray | None:
        value = self.settings.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set(self, key: str, value: Any) -> None:
        self.settings.setValue(key, value)

    def recent_files(self) -> list[str]:
        return self.get_list(self.RECENT)[:MAX_RECENT]

    def add_recent(self, path: str) -> list[str]:
        recent = [path, *(p for p in self.recent_files() if p != path)][:MAX_RECENT]
        self.set(self.RECENT, recent)
        return recent

    def clear_recent(self) -> None:
        self.set(self.RECENT, [])

    def sync(self) -> None:
        self.settings.sync()
